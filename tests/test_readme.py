"""The README's example runs as written."""

from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_example_runs() -> None:
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 5
    assert result.failed == 0


def test_readme_names_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "quoteverify demo" in text
    assert 'pip install -e ".[test,docs]" && python -m pytest' in text
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert 'python -m pip install -q -e ".[test,docs]" && python -m pytest' in ci
