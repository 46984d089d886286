"""Every public call on every hostile text: a typed error with a clear message, or a correct result.

The table is hostile.CASES x calls.CALLS at the small sizes (the benchmark runs the full
ones). For each cell: either the call raises one of the typed errors (QuoteVerifyError,
TypeError) with a message, or its result passes calls.check (every span indexes its text,
scores in [0, 1], JSON round trip); in both cases the shared inputs are unchanged.
Known bugs in modules still being written are strict xfails, so a fix is noticed.
"""

from __future__ import annotations

import copy

import calls
import hostile
import pytest

import quoteverify as qv

# (case, call) -> why it fails today. Strict: the test fails when the bug is fixed.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def _cells() -> list[object]:
    out = []
    for case in hostile.CASES:
        for name in calls.CALLS:
            marks = []
            if (case, name) in KNOWN_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[(case, name)]))
            out.append(pytest.param(case, name, marks=marks, id=f"{case}-{name}"))
    return out


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {case: hostile.build(case) for case in hostile.CASES}


@pytest.mark.parametrize(("case", "name"), _cells())
def test_hostile_text(case: str, name: str, texts: dict[str, str]) -> None:
    text = texts[case]
    kept = copy.deepcopy(text)
    before = calls.snapshot()
    try:
        result = calls.CALLS[name](text)
    except calls.EXPECTED_ERRORS as e:
        error: Exception | None = e
    else:
        error = None
        calls.check(name, text, result)
    if error is not None:
        assert str(error).strip(), f"{type(error).__name__} without a message"
    assert calls.snapshot() == before, "a call changed its inputs"
    assert text == kept


# The wrong types for every text argument: a TypeError that says what was expected.
WRONG = [None, b"We don't have access", bytearray(b"x"), 42, 3.5, ["a list"], object()]


def _typed_calls() -> dict[str, object]:
    src = calls.SOURCE
    return {
        "normalize": qv.normalize,
        "tokenize": qv.tokenize,
        "Source": qv.Source,
        "Quote": qv.Quote,
        "locate(quote)": lambda x: qv.locate(x, src),
        "locate(source)": lambda x: qv.locate(hostile.QUOTE, x),
        "locate_all": lambda x: qv.locate_all(x, src),
        "verify(quote)": lambda x: qv.verify(x, src),
        "verify(source)": lambda x: qv.verify(hostile.QUOTE, x),
        "verify(speaker)": lambda x: qv.verify(hostile.QUOTE, src, speaker=x),
        "verify(framing)": lambda x: qv.verify(hostile.QUOTE, src, framing=x),
        "check_article": lambda x: qv.check_article(x, [src]),
        "check_article(sources)": lambda x: qv.check_article(hostile.STORY, x),
        "extract_quotes": qv.extract_quotes,
        "parse_article": qv.parse_article,
        "parse_plain": qv.parse_plain,
        "parse_transcript": qv.parse_transcript,
        "parse_webvtt": qv.parse_webvtt,
        "parse_srt": qv.parse_srt,
        "Speaker": qv.Speaker,
        "find_mentions": calls.REGISTRY.find_mentions,
        "resolve": calls.REGISTRY.resolve,
    }


# A list of strings is a valid collection of sources: not a wrong type there.
_ACCEPTS_LIST = {"check_article(sources)", "verify(source)"}
# None means "not given" for optional arguments.
_OPTIONAL = {"verify(speaker)", "verify(framing)"}


def _wrong_type_cases() -> list[object]:
    return [
        pytest.param(name, value, id=f"{type(value).__name__}-{name}")
        for value in WRONG
        for name in sorted(_typed_calls())
        if not (isinstance(value, list) and name in _ACCEPTS_LIST)
        and not (value is None and name in _OPTIONAL)
    ]


@pytest.mark.parametrize(("name", "value"), _wrong_type_cases())
def test_wrong_type_is_a_clear_type_error(name: str, value: object) -> None:
    call = _typed_calls()[name]
    with pytest.raises(TypeError) as info:
        call(value)  # type: ignore[operator]
    message = str(info.value)
    if isinstance(value, (bytes, bytearray)):
        assert "decode" in message, message
    else:
        assert type(value).__name__ in message, message


@pytest.mark.parametrize("case", sorted(hostile.MALFORMED_CAPTIONS))
def test_malformed_captions(case: str) -> None:
    text = hostile.MALFORMED_CAPTIONS[case]
    parser = qv.parse_webvtt if case.startswith("vtt") else qv.parse_srt
    try:
        src = parser(text)
    except qv.ParseError as e:
        error: qv.ParseError | None = e
    else:
        error = None
        calls.check_source(src)
        for turn in src.turns:
            assert "-->" not in turn.span.text, "a timing line was read as speech"
    if error is not None:
        assert error.line is None or error.line >= 1
        assert str(error).strip()


def test_captions_accept_a_bom_and_crlf() -> None:
    vtt = "\ufeffWEBVTT\r\n\r\n00:00:01.000 --> 00:00:04.000\r\n<v Xie Yinan>We don't have access.\r\n"
    src = qv.parse_webvtt(vtt)
    assert [t.span.text for t in src.turns] == ["We don't have access."]
    srt = hostile.MALFORMED_CAPTIONS["srt_crlf_bom"]
    assert [t.span.text for t in qv.parse_srt(srt).turns] == ["We don't"]


def test_found_quote_in_hostile_wrapping_points_at_the_words() -> None:
    # The quote must still be found, at the right words, whatever surrounds it.
    for case in ("bom", "bidi", "nul_and_controls", "crlf_and_lone_cr", "html_markdown", "emoji"):
        text = hostile.build(case)
        loc = qv.locate(hostile.QUOTE, qv.Source(text))
        assert loc is not None, case
        assert text[loc.start : loc.end] == loc.text
        assert "access" in loc.text and "data" in loc.text, (case, loc.text)


def test_lists_of_sources_are_not_changed() -> None:
    sources = [calls.SOURCE, "We don't have access to the data."]
    kept = list(sources)
    qv.verify(hostile.QUOTE, sources)
    qv.check_article(hostile.STORY, sources)
    assert sources == kept
