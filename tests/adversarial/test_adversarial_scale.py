"""Hostile inputs at sizes where a quadratic step would hang: each run in a subprocess with a hard cap.

Not speed tests: the linear code finishes these in well under a second, a quadratic step
would need minutes or hours, and the cap sits far from both. Bugs found here that sit in
modules still being written are strict xfails, so the fix is noticed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

CAP_SECONDS = 15


def finishes(code: str, cap: float = CAP_SECONDS) -> subprocess.CompletedProcess[str]:
    """Run ``code`` (with quoteverify imported as qv) in a fresh interpreter under ``cap`` seconds."""
    program = "import quoteverify as qv\n" + textwrap.dedent(code)
    try:
        return subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            timeout=cap,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {cap} s:\n{program}")


def test_webvtt_cue_with_a_run_of_angle_brackets() -> None:
    # Regression: _captions._VTT_TAG re-scanned a run of '<' from every one (quadratic).
    done = finishes(
        """
        t = "WEBVTT\\n\\n00:00:01.000 --> 00:00:02.000\\n<v Xie Yinan>" + "<" * 500_000 + "hi\\n"
        s = qv.parse_webvtt(t)
        assert s.turns[0].speaker.name == "Xie Yinan"
        print(len(s.turns[0].span.text))
        """
    )
    assert done.stdout.split() == ["500002"]


def test_verify_on_a_long_run_of_sentence_ends_is_linear() -> None:
    finishes(
        """
        q = "We don't have access to the data"
        for t in (q + "…" * 300_000 + "x", "?" * 300_000 + "x " + q + "."):
            assert qv.verify(q, t).fidelity == "verbatim"
        """
    )


def test_extract_quotes_on_a_run_of_question_marks() -> None:
    finishes(
        """
        assert qv.extract_quotes("?" * 100_000 + "x") == []
        assert qv.extract_quotes('Xie said "' + "." * 100_000 + 'x" today.') is not None
        """,
        cap=5,  # was minutes while _SENTENCE_END re-scanned the run from every mark; now linear
    )
