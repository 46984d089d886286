"""Tests for the docs: every example runs, the CLI reference is current, the API page is complete."""

from __future__ import annotations

import doctest
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

import quoteverify as qv
from quoteverify.cli import COMMANDS, cli_reference

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _without_fences(text: str) -> str:
    """Blank out Markdown fence lines (keeping line numbers) so a fence never reads as expected output."""
    return "\n".join("" if line.strip().startswith("```") else line for line in text.splitlines())


def _has_examples(page: Path) -> bool:
    return ">>>" in page.read_text(encoding="utf-8")


EXAMPLE_PAGES = [p for p in PAGES if _has_examples(p)]


def test_most_pages_have_examples() -> None:
    # Reference pages (API, CLI, performance) may have none; the narrative ones must.
    assert len(EXAMPLE_PAGES) >= len(PAGES) - 3


@pytest.mark.parametrize("page", EXAMPLE_PAGES, ids=[p.name for p in EXAMPLE_PAGES])
def test_every_example_in_the_docs_runs(page: Path) -> None:
    text = _without_fences(page.read_text(encoding="utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {"__name__": page.stem}, page.name, str(page), 0)
    assert test.examples, f"{page.name}: '>>>' found but no example parsed"
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)


def test_fences_are_stripped_but_lines_kept() -> None:
    assert _without_fences("a\n```python\n>>> 1\n1\n```\nb").splitlines() == ["a", "", ">>> 1", "1", "", "b"]


def test_api_docstrings_fence_their_examples() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from docs_extensions import fence_doctests
    finally:
        sys.path.remove(str(ROOT))
    text = "Intro.\n\n    >>> d['a']['b']\n    1\n\nAfter.\n>>> x"
    assert fence_doctests(text).splitlines() == [
        "Intro.", "", "    ```pycon", "    >>> d['a']['b']", "    1", "    ```", "", "After.", "```pycon", ">>> x", "```",
    ]


def test_cli_reference_is_current() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert page == cli_reference(), (
        "docs/cli.md is stale: python -c \"import quoteverify.cli as c; print(c.cli_reference(), end='')\" > docs/cli.md"
    )
    for name in COMMANDS:
        assert f"## quoteverify {name}" in page


def test_every_public_name_is_in_the_api_reference() -> None:
    page = (DOCS / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^::: quoteverify\.(\w+)$", page, flags=re.MULTILINE))
    missing = [n for n in qv.__all__ if n not in documented and not (n == "__version__" and n in page)]
    assert not missing, f"add to docs/api.md: {missing}"
    unknown = sorted(documented - set(qv.__all__) - {"report"})
    assert not unknown, f"docs/api.md documents names that are not public: {unknown}"


def test_every_public_function_has_a_runnable_example() -> None:
    # The standard: a concise docstring with a runnable example for every public
    # function (pytest runs them with --doctest-modules).
    import inspect

    missing = [
        name
        for name in qv.__all__
        if inspect.isfunction(getattr(qv, name)) and ">>>" not in (inspect.getdoc(getattr(qv, name)) or "")
    ]
    assert not missing, f"public functions without a >>> example: {missing}"


def test_verdicts_page_covers_every_kind() -> None:
    page = (DOCS / "verdicts.md").read_text(encoding="utf-8")
    kinds = [f.value for f in qv.Fidelity] + [k.value for k in qv.EditKind] + [a.value for a in qv.AttributionStatus]
    kinds += ["truncation", "dangling_reference", "splice", "question", "topic", "embedded_speech", "temporal"]
    missing = [k for k in kinds if f"`{k}`" not in page]
    assert not missing, missing


def test_the_docs_build_strictly(tmp_path: Path) -> None:
    if importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("mkdocstrings") is None:
        pytest.skip("the docs extra is not installed: pip install -e '.[docs]'")
    out = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert (tmp_path / "site" / "api" / "index.html").exists()
