"""Which build of the locator's engine a test run uses: plain Python, or compiled by mypyc.

The README's test command runs the plain sources; CI also installs the
opt-in compiled build (``HATCH_BUILD_HOOKS_ENABLE=1``) and runs the tests
against it with ``QUOTEVERIFY_EXPECT_COMPILED=1``. Either way this test
says which engine the other tests exercised, and catches a compiled file
left beside the sources, which would shadow edits to ``_locator.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from quoteverify import _locator


def test_the_engine_is_the_build_this_run_expects() -> None:
    path = Path(_locator.__file__ or "")
    compiled = path.suffix != ".py"
    expected = os.environ.get("QUOTEVERIFY_EXPECT_COMPILED") == "1"
    if expected:
        assert compiled, f"expected the compiled engine, got the plain source {path}"
    else:
        assert not compiled, (
            f"the engine is compiled ({path}) but this run expects the plain sources: "
            "delete the quoteverify/*.so that a compiled build left in the tree"
        )
