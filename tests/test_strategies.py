"""Tests for quoteverify.strategies: what each strategy declares is what verify() finds."""

from __future__ import annotations

import importlib.metadata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument, Unsatisfiable

import quoteverify as qv
from quoteverify import strategies as qst

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(qst.sources())
def test_sources_keep_offsets_and_turns(source: qv.Source) -> None:
    assert source.format in qst.SOURCE_FORMATS
    for t in source.turns:
        assert source.text[t.span.start : t.span.end] == t.span.text
        assert t.speaker is not None
    if source.format != "plain":
        assert source.turns


@FAST
@given(st.data())
def test_verbatim_quotes_are_verbatim_and_confirmed(data: st.DataObject) -> None:
    source = data.draw(qst.sources())
    quote = data.draw(qst.verbatim_quotes(source))
    v = qv.verify(quote, source)
    assert v.fidelity is qv.Fidelity.VERBATIM, v.explain()
    assert v.attribution is not None and v.attribution.status is qv.AttributionStatus.CONFIRMED, v.explain()


@FAST
@given(st.data())
def test_typographic_variants_stay_faithful(data: st.DataObject) -> None:
    source = data.draw(qst.sources())
    quote = data.draw(qst.verbatim_quotes(source))
    variant = data.draw(qst.typographic_variants(quote.text))
    assert variant.split() != [] and len(variant.split()) == len(quote.text.split())
    v = qv.verify(variant, source)
    assert v.fidelity in (qv.Fidelity.VERBATIM, qv.Fidelity.COSMETIC), v.explain()


@pytest.mark.parametrize("kind", list(qst.MISQUOTE_KINDS))
def test_misquotes_get_the_declared_verdict(kind: str) -> None:
    @FAST
    @given(qst.misquoted_sources(kinds=[kind]))
    def check(case: tuple[qv.Source, qst.Misquote]) -> None:
        source, m = case
        assert m.kind == kind and m.edits
        v = qv.verify(m.quote, source)
        assert v.fidelity == m.fidelity, (m, v.explain())
        if m.attribution is not None:
            assert v.attribution is not None and v.attribution.status == m.attribution, v.explain()
        if kind in ("negation", "number"):
            assert any(e.meaning and e.reason == kind for e in v.edits), v.explain()

    check()


def test_misquotes_of_a_given_source() -> None:
    src = qv.Source.from_transcript(
        "LI NA: Our cameras were installed in 12 cities last year.\n\n"
        "CHEN JIE: We will not sell to customers who break the law.\n"
    )

    @FAST
    @given(qst.misquotes(src))
    def check(m: qst.Misquote) -> None:
        assert qv.verify(m.quote, src).fidelity == m.fidelity

    check()


def test_a_source_that_supports_no_kind_gives_an_empty_strategy() -> None:
    src = qv.Source("Short one.")

    @settings(max_examples=5)
    @given(qst.misquotes(src, kinds=["number"]))
    def never(m: qst.Misquote) -> None:
        raise AssertionError("nothing should be generated")

    with pytest.raises(Unsatisfiable):
        never()


@pytest.mark.parametrize(
    "make",
    [
        lambda: qst.sources(formats=["pdf"]),
        lambda: qst.sources(formats="plain"),
        lambda: qst.sources(min_sentences=5, max_sentences=2),
        lambda: qst.verbatim_quotes("not a Source"),
        lambda: qst.verbatim_quotes(qv.Source("Too short."), min_words=4),
        lambda: qst.typographic_variants(b"bytes"),
        lambda: qst.typographic_variants("   "),
        lambda: qst.misquotes(qv.Source("We do not sell servers today."), kinds=["typo"]),
        lambda: qst.misquotes(qv.Source("We do not sell servers today."), kinds="negation"),
        lambda: qst.misquoted_sources(kinds=[]),
        lambda: qst.speakers(organizations="yes"),
    ],
)
def test_arguments_are_checked_up_front(make: object) -> None:
    with pytest.raises(InvalidArgument):
        make()  # type: ignore[operator]


def test_types_are_registered_through_the_entry_point() -> None:
    names = {e.value for e in importlib.metadata.entry_points(group="hypothesis")}
    if "quoteverify._hypothesis:_hypothesis_setup_hook" not in names:
        pytest.skip("the installed quoteverify metadata predates the hypothesis entry point; reinstall")

    @FAST
    @given(st.from_type(qv.Quote), st.from_type(qv.Source), st.from_type(qv.Speaker))
    def check(q: qv.Quote, s: qv.Source, who: qv.Speaker) -> None:
        assert q.text in qst.SENTENCES
        assert s.format in qst.SOURCE_FORMATS
        assert who.name

    check()


@pytest.mark.parametrize("first", ["hypothesis", "quoteverify.strategies"])
def test_importing_in_either_order_works(first: str) -> None:
    import subprocess
    import sys

    code = (
        f"import {first}\n"
        "from hypothesis import strategies as st, find\n"
        "import quoteverify as qv, quoteverify.strategies as q\n"
        "print(find(st.from_type(qv.Quote), lambda x: True).text in q.SENTENCES)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
