"""Every public call, fed one hostile text, and the checks its result must pass.

Shared by the adversarial tests and benchmarks/worst_case.py. Each call takes the hostile
text and returns its result; ``check(name, text, result)`` asserts the invariants of that
kind of result: every span indexes the text it belongs to, scores stay in [0, 1], results
serialise to JSON. ``snapshot()`` captures the shared inputs so a test can assert that no
call changed them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import hostile

import quoteverify as qv
from quoteverify.location import find_paraphrase

XIE = qv.Speaker("Xie Yinan", roles=("vice president",), organization="Megvii")
YIN = qv.Speaker("Yin Qi", aliases=("Qi Yin", "印奇"), roles=("chief executive",), organization="Megvii")
REGISTRY = qv.SpeakerRegistry([XIE, YIN])
SOURCE = qv.Source.from_transcript(hostile.SENTENCE, speakers=REGISTRY)
SOURCES = [SOURCE, qv.Source("Yin Qi said technology is definitely not to blame.", speaker=YIN)]


def _caption(text: str, *, webvtt: bool) -> str:
    """``text`` wrapped as one cue, so the parser reaches the cue body."""
    head = "WEBVTT\n\n" if webvtt else "1\n"
    timing = "00:00:01.000 --> 00:00:04.000" if webvtt else "00:00:01,000 --> 00:00:04,000"
    return f"{head}{timing}\n{text}\n"


# name -> call on the hostile text. The hostile text plays every role in turn: source,
# quote, article, caption body, name.
CALLS: dict[str, Callable[[str], Any]] = {
    "normalize": qv.normalize,
    "tokenize": lambda t: qv.tokenize(t, punctuation=True),
    "locate(quote in hostile)": lambda t: qv.locate(hostile.QUOTE, qv.Source(t)),
    "locate(hostile in source)": lambda t: qv.locate(t, SOURCE),
    "locate_all(quote in hostile)": lambda t: qv.locate_all(hostile.QUOTE, qv.Source(t)),
    "find_paraphrase": lambda t: find_paraphrase(hostile.QUOTE, qv.Source(t)),
    "verify(quote, hostile)": lambda t: qv.verify(hostile.QUOTE, t, speaker="Xie Yinan", speakers=REGISTRY),
    "verify(hostile, sources)": lambda t: qv.verify(t, SOURCES, speaker="Xie Yinan", speakers=REGISTRY),
    "verify(framing=hostile)": lambda t: qv.verify(hostile.QUOTE, SOURCE, speaker=XIE, framing=t),
    "extract_quotes": lambda t: qv.extract_quotes(t, speakers=REGISTRY, include_indirect=True),
    "check_article(hostile)": lambda t: qv.check_article(t, SOURCES, speakers=REGISTRY),
    "check_article(story, hostile)": lambda t: qv.check_article(hostile.STORY, [t], speakers=REGISTRY),
    "parse_plain": lambda t: qv.parse_plain(t, speaker=XIE),
    "parse_transcript": lambda t: qv.parse_transcript(t, speakers=REGISTRY),
    "parse_article": lambda t: qv.parse_article(t, speakers=REGISTRY),
    "parse_webvtt": lambda t: qv.parse_webvtt(_caption(t, webvtt=True)),
    "parse_srt": lambda t: qv.parse_srt(_caption(t, webvtt=False)),
    "Source.detect": lambda t: qv.Source.detect(t, speakers=REGISTRY),
    "find_mentions": REGISTRY.find_mentions,
    "resolve": lambda t: REGISTRY.resolve(t, context=hostile.STORY),
    "Speaker+registry": lambda t: qv.SpeakerRegistry([XIE, qv.Speaker(t)]).resolve(t),
}

# What each call's result is, for ``check``.
_KIND = {
    "normalize": "normalized",
    "tokenize": "tokens",
    "locate(quote in hostile)": "location",
    "locate(hostile in source)": "location",
    "locate_all(quote in hostile)": "locations",
    "find_paraphrase": "location",
    "verify(quote, hostile)": "verification",
    "verify(hostile, sources)": "verification",
    "verify(framing=hostile)": "verification",
    "extract_quotes": "quotes",
    "check_article(hostile)": "report",
    "check_article(story, hostile)": "report",
    "parse_plain": "source",
    "parse_transcript": "source",
    "parse_article": "source",
    "parse_webvtt": "source",
    "parse_srt": "source",
    "Source.detect": "source",
    "find_mentions": "mentions",
    "resolve": "resolution",
    "Speaker+registry": "resolution",
}

# The typed errors a call may raise on hostile input (anything else is a bug).
EXPECTED_ERRORS = (qv.QuoteVerifyError, TypeError)


def assert_span(span: qv.Span | None, text: str, where: str) -> None:
    """``span`` indexes ``text``."""
    if span is None:
        return
    assert 0 <= span.start <= span.end <= len(text), f"{where}: {span} out of range {len(text)}"
    assert text[span.start : span.end] == span.text, f"{where}: {span!r} does not index its text"


def check_source(src: qv.Source) -> None:
    """Turns, labels and embedded speech index ``src.text``; turns are sorted and disjoint."""
    assert isinstance(src, qv.Source)
    prev_end = 0
    for t in src.turns:
        assert_span(t.span, src.text, "turn")
        assert_span(t.label_span, src.text, "turn label")
        assert t.start >= prev_end, "turns overlap or are out of order"
        prev_end = t.end
        for e in t.embedded:
            assert_span(e.span, src.text, "embedded speech")
            assert_span(e.cue, src.text, "embedded cue")
        if t.start_time is not None and t.end_time is not None:
            assert t.start_time <= t.end_time


def check_location(loc: qv.Location | None, src_text: str, quote_text: str | None = None) -> None:
    """The whole match, its fragments and occurrences index the source; pieces of the quote index it."""
    if loc is None:
        return
    assert_span(loc.span, src_text, "location")
    assert 0.0 <= loc.score <= 1.0 + 1e-9, f"score {loc.score}"
    for f in (*loc.fragments, *loc.occurrences):
        assert_span(f, src_text, "fragment")
    if quote_text is not None:
        for f in loc.quote_fragments:
            assert_span(f, quote_text, "quote fragment")


def check_verification(v: qv.Verification, story: str | None = None) -> None:
    """Offsets into the source and the quote; confidence in [0, 1]; JSON round trip."""
    assert isinstance(v, qv.Verification)
    if v.location is not None:
        assert v.source is not None
        text = v.source.text
        check_location(v.location, text, v.quote.text)
        if v.alignment is not None:
            for s in v.alignment.source_tokens:
                assert_span(s, text, "source token")
            for s in v.alignment.quote_tokens:
                assert_span(s, v.quote.text, "quote token")
        if v.attribution is not None and v.attribution.turn is not None:
            assert_span(v.attribution.turn.span, text, "attributed turn")
        for finding in v.drift.findings:
            for s in finding.source_spans:
                assert_span(s, text, f"{finding.kind} finding")
            if story is not None:
                for s in finding.story_spans:
                    assert_span(s, story, f"{finding.kind} story span")
        for m in v.also_matched:
            check_location(m.location, m.source.text, v.quote.text)
    if v.confidence is not None:
        assert 0.0 <= v.confidence <= 1.0
    json.dumps(v.to_dict())
    assert v.explain()


def check_quotes(quotes: list[qv.AttributedQuote], story: str) -> None:
    """Every span of every extracted quote indexes the story."""
    for q in quotes:
        for s in (q.span, *q.parts, q.speaker_mention, q.cue, q.framing):
            assert_span(s, story, "extracted quote")


def check(name: str, text: str, result: Any) -> None:
    """Assert the invariants of ``CALLS[name](text)``'s ``result``."""
    kind = _KIND[name]
    if kind == "normalized":
        assert result.original == text
        assert result.replay().text == result.text
        n = len(result.text)
        for i, j in ((0, n), (0, n // 2), (n // 3, n), (n // 2, n // 2)):
            a, b = result.to_original(i, j)
            assert 0 <= a <= b <= len(text)
    elif kind == "tokens":
        for t in result:
            assert text[t.start : t.end] == t.text
    elif kind == "location":
        src_text = SOURCE.text if "in source" in name else text
        check_location(result, src_text)
    elif kind == "locations":
        for loc in result:
            check_location(loc, text)
    elif kind == "verification":
        check_verification(result)
    elif kind == "quotes":
        check_quotes(result, text)
    elif kind == "report":
        story = text if name == "check_article(hostile)" else hostile.STORY
        for v in result.verifications:
            check_verification(v, story)
        json.dumps(result.to_dict())
        assert result.explain()
    elif kind == "source":
        check_source(result)
    elif kind == "mentions":
        for span, _speaker in result:
            assert_span(span, text, "mention")
    elif kind == "resolution":
        assert isinstance(result, qv.Resolution)


def snapshot() -> tuple[Any, ...]:
    """The shared inputs, deep-copied into plain data (the lazy cache left out)."""

    def plain(src: qv.Source) -> dict[str, Any]:
        return attrs.asdict(src, filter=lambda a, _v: a.name != "_cache")

    return (
        [plain(s) for s in SOURCES],
        [id(s) for s in SOURCES],
        REGISTRY.to_json(),
        attrs.asdict(XIE),
        attrs.asdict(YIN),
    )
