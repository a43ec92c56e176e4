"""The Blimp syntax quoted in ../shared/seeds (User Guide multilevel chapter, latent-variable
workshop slides, MSEM tutorial) parses and expands. Skipped when the folder is absent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blimp2pymc.syntax import commands as cmd
from blimp2pymc.syntax import expand, parse_text

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _read(prefix: str) -> str:
    files = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    return files[0].read_text(encoding="utf-8") if files else ""


def user_guide_scripts() -> list[str]:
    """Whole scripts of the User Guide chapter: from 'DATA:' to the 'ITER: n;' line."""
    return re.findall(r"^DATA:.*?^ITER: *\d+;", _read("000"), re.M | re.S)


def fenced_fragments() -> list[str]:
    """Code blocks of the workshop slides and MSEM tutorial, made into small scripts: a block
    that only lists names is a LATENT body, anything else a MODEL body."""
    scripts = []
    for prefix in ("001", "002"):
        for block in re.findall(r"```\n(.*?)```", _read(prefix), re.S):
            code = re.sub(r"#[^\n]*", "", block)
            if ";" not in code:
                continue                           # a lone block label
            starts_with_command = re.match(r"\s*([A-Za-z]+):", code)
            if starts_with_command and cmd.canonical(starts_with_command.group(1)):
                scripts.append(block)
            elif all(re.fullmatch(r"[\w.\s]*(=[\w.\s]*)?", s) for s in code.split(";")):
                scripts.append("LATENT:\n" + block)
            else:
                scripts.append("MODEL:\n" + block)
    return scripts


UG = user_guide_scripts()
FRAGMENTS = fenced_fragments()


@pytest.mark.skipif(not UG, reason="seeds not available")
@pytest.mark.parametrize("text", UG, ids=[f"ug{i}" for i in range(len(UG))])
def test_user_guide_scripts(text):
    expand(parse_text(text))


@pytest.mark.skipif(not FRAGMENTS, reason="seeds not available")
@pytest.mark.parametrize("text", FRAGMENTS, ids=[f"fragment{i}" for i in range(len(FRAGMENTS))])
def test_workshop_and_msem_fragments(text):
    expand(parse_text(text))


@pytest.mark.skipif(not UG, reason="seeds not available")
def test_enough_seed_syntax_was_found():
    assert len(UG) >= 30 and len(FRAGMENTS) >= 25
