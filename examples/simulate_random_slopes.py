"""Simulate the bundled example data: a two-level random-intercept-and-slope model with 30% of the
level-1 predictor missing at random (its missingness depends on the level-2 covariate).

True values (what `blimp2pymc run examples/random_slopes.imp` should recover):
    y_ij = 10 + 0.8 z_j + (0.5 + u1_j)(x_ij - xmean_j) + u0_j + e_ij
    Var(u0) = 1.0, Var(u1) = 0.09, Cov(u0, u1) = 0.06, Var(e) = 4.0
    x_ij = xmean_j + w_ij,  xmean_j ~ N(5 + 0.5 z_j, 1),  w_ij ~ N(0, 4),  z_j ~ N(0, 1)

Run `python examples/simulate_random_slopes.py` to regenerate random_slopes.dat (same seed, same
file). Columns: cluster, y, x, z; 999 marks a missing value.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

TRUE = {
    "Intercept": 10.0, "x": 0.5, "z": 0.8,
    "L2 : Var(Intercept)": 1.0, "L2 : Cov(x,Intercept)": 0.06, "L2 : Var(x)": 0.09,
    "Residual Var.": 4.0,
}


def simulate(clusters: int = 100, size: int = 10, missing: float = 0.3, seed: int = 20261122):
    """Rows (cluster, y, x, z) with NaN for the missing x values."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0.0, 1.0, clusters)
    xmean = 5.0 + 0.5 * z + rng.normal(0.0, 1.0, clusters)
    cov = np.array([[1.0, 0.06], [0.06, 0.09]])
    u = rng.multivariate_normal([0.0, 0.0], cov, size=clusters)
    cluster = np.repeat(np.arange(1, clusters + 1), size)
    j = cluster - 1
    x = xmean[j] + rng.normal(0.0, 2.0, clusters * size)
    y = (TRUE["Intercept"] + u[j, 0] + TRUE["z"] * z[j]
         + (TRUE["x"] + u[j, 1]) * (x - xmean[j]) + rng.normal(0.0, 2.0, clusters * size))
    # missing at random: more missing x where z is high
    p = missing * 2 / (1 + np.exp(-z[j]))
    x_obs = np.where(rng.uniform(size=x.size) < np.clip(p, 0, 0.9), np.nan, x)
    return np.column_stack([cluster, y, x_obs, z[j]])


def write(path: Path, rows: np.ndarray) -> None:
    lines = []
    for c, y, x, z in rows:
        xs = "999" if np.isnan(x) else f"{x:.4f}"
        lines.append(f"{int(c)} {y:.4f} {xs} {z:.4f}")
    path.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    write(here / "random_slopes.dat", simulate())
    print(f"wrote {here / 'random_slopes.dat'}")
