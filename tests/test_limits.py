"""quoteverify.limits: a clear InvalidInputError past each size limit, before any work; configurable."""

from __future__ import annotations

import pytest

import quoteverify as qv
from quoteverify.limits import Limits, check_size, get_limits, limit_for, use_limits

SOURCE = "XIE YINAN: We don't have access to the data. What we do is sell them a server."


def test_defaults() -> None:
    lim = get_limits()
    assert lim == Limits()
    assert lim.max_text_chars == 120_000_000
    assert lim.max_quote_chars == 100_000


@pytest.mark.parametrize(
    "call",
    [
        qv.Source,
        qv.normalize,
        qv.extract_quotes,
        lambda t: qv.check_article(t, [SOURCE]),
        qv.parse_transcript,
        lambda t: qv.parse_webvtt("WEBVTT\n\n00:01.000 --> 00:02.000\n" + t),
        lambda t: qv.verify("We don't have access", t),
    ],
)
def test_text_past_the_limit_is_refused(call: object) -> None:
    text = SOURCE * 3
    limit = len(SOURCE) + 40  # the WebVTT header fits, the text does not
    with use_limits(max_text_chars=limit), pytest.raises(qv.InvalidInputError) as info:
        call(text)  # type: ignore[operator]
    assert "max_text_chars" in str(info.value)
    assert "characters long, past the limit of" in str(info.value)
    assert call is not None
    call(text)  # type: ignore[operator]  # fine again outside the block


@pytest.mark.parametrize(
    "call",
    [
        qv.Quote,
        lambda q: qv.locate(q, SOURCE),
        lambda q: qv.verify(q, SOURCE),
        lambda q: qv.verify("We don't have access", SOURCE, framing=q),
    ],
)
def test_quote_past_the_limit_is_refused(call: object) -> None:
    quote = "We don't have access to the data"
    with use_limits(max_quote_chars=10), pytest.raises(qv.InvalidInputError, match="max_quote_chars"):
        call(quote)  # type: ignore[operator]


def test_the_limit_itself_is_allowed() -> None:
    with use_limits(max_quote_chars=5):
        check_size("12345", "quote")
        with pytest.raises(qv.InvalidInputError):
            check_size("123456", "quote")


def test_a_quote_at_the_default_limit_is_refused_fast() -> None:
    # 10 MB of quote: refused before any work (no timing here: a blow-up would hang the suite).
    with pytest.raises(qv.InvalidInputError, match="100,000"):
        qv.verify("data " * 2_000_000, SOURCE)


def test_limits_nest_and_restore() -> None:
    with use_limits(max_quote_chars=50) as outer:
        with use_limits(max_text_chars=60) as inner:
            assert inner.max_quote_chars == 50 and inner.max_text_chars == 60
        assert get_limits() == outer
    assert get_limits() == Limits()
    with use_limits(Limits(max_text_chars=7)) as lim:
        assert lim.max_quote_chars == Limits().max_quote_chars


def test_bad_limits() -> None:
    with pytest.raises(qv.InvalidInputError):
        Limits(max_text_chars=0)
    with pytest.raises(TypeError):
        Limits(max_text_chars=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Limits(max_quote_chars=True)
    with pytest.raises(TypeError), use_limits("big"):  # type: ignore[arg-type]
        pass
    with pytest.raises(TypeError), use_limits(max_nothing=3):
        pass


def test_roles() -> None:
    assert limit_for("quote text")[0] == "max_quote_chars"
    assert limit_for("framing")[0] == "max_quote_chars"
    assert limit_for("article text")[0] == "max_text_chars"
    assert limit_for("speaker name")[0] == "max_text_chars"
