"""backend/pymc stage."""
