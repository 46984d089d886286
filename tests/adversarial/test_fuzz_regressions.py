"""Replay every saved fuzzing input (fuzz/crashes/) and the seed corpora through their targets.

A crash found by ``python fuzz/run.py`` is saved under fuzz/crashes/ as
``<target>-<kind>-<hash>``; committing it makes it a regression test here (the target must
now pass on it). The seeds are replayed too, so the targets themselves stay runnable.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"
sys.path.insert(0, str(FUZZ))

from targets import TARGETS  # noqa: E402

CRASHES = sorted(p for p in (FUZZ / "crashes").glob("*-*") if p.is_file())
SEEDS = sorted(p for p in (FUZZ / "corpus").glob("*/*") if p.is_file())


def _target(path: Path) -> str:
    return next(t for t in sorted(TARGETS, key=len, reverse=True) if path.name.startswith(t + "-"))


@pytest.mark.parametrize("path", CRASHES, ids=lambda p: p.name)
def test_saved_crash_no_longer_crashes(path: Path) -> None:
    TARGETS[_target(path)](path.read_bytes())


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_seed_runs_through_its_target(path: Path) -> None:
    TARGETS[path.parent.name](path.read_bytes())


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_targets_survive_odd_bytes(name: str) -> None:
    for data in (b"", b"\x00", b"\xff\xfe", b"\xed\xa0\x80", b"\x00" * 50, "“”\u202e\x00".encode()):
        TARGETS[name](data)
