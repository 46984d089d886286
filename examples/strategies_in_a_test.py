"""Use quoteverify's Hypothesis strategies in a property test: a dropped 'not' is never verbatim.

Run it with pytest (``pytest examples/strategies_in_a_test.py``) or as a script.
"""

from hypothesis import given, settings

import quoteverify as qv
from quoteverify.strategies import Misquote, misquoted_sources


@settings(max_examples=30, deadline=None)
@given(misquoted_sources(kinds=["negation", "number", "splice"]))
def test_declared_verdict_is_what_verify_says(case: tuple[qv.Source, Misquote]) -> None:
    source, misquote = case
    v = qv.verify(misquote.quote, source)
    assert v.fidelity == misquote.fidelity, (misquote.edits, v.explain())
    assert v.fidelity is not qv.Fidelity.VERBATIM


if __name__ == "__main__":
    test_declared_verdict_is_what_verify_says()
    print("ok: 30 generated misquotes got the verdict they declared")
