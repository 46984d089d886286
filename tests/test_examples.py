"""Tests for examples/: every script runs, prints what it promises, and opens with a one-line docstring."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))
EXPECTED = {
    "verify_one_quote.py": ['delete "don\'t" (negation: changes meaning)', "holds: False"],
    "check_a_story.py": ["| # | quote |", "quotes need an editor"],
    "speaker_registry_from_json.py": ["'印奇'", "-> Xie Yinan", "-> Megvii", "'Yin Qi' is Yin Qi"],
    "load_webvtt.py": ["Xie Yinan", "verbatim confirmed at 48.2s"],
    "export_annotations.py": ['"TextQuoteSelector"', "https://example.org/yin-qi-remarks"],
    "strategies_in_a_test.py": ["ok: 30 generated misquotes"],
}


def test_every_example_is_listed() -> None:
    assert sorted(p.name for p in SCRIPTS) == sorted(EXPECTED)


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_example_opens_with_a_one_line_docstring(script: Path) -> None:
    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf-8")))
    assert doc, f"{script.name} needs a docstring"
    first = doc.splitlines()[0]
    assert first.endswith(".") and len(first) <= 100


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_example_runs(script: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False, timeout=120,
        encoding="utf-8",
    )
    assert out.returncode == 0, out.stderr[-2000:]
    for expected in EXPECTED[script.name]:
        assert expected in out.stdout, (expected, out.stdout[-2000:])
