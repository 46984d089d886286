"""The calls that check quotes: :func:`verify` for one, :func:`check_article` for a whole story.

Only the orchestration lives here; how results read (``explain_report``,
``report_to_dict``, re-exported from here) is in :mod:`quoteverify.report`.

:func:`verify` runs the stages in order (locate, align, judge the wording,
attribute, assess context drift, score the confidence) against every given
source, keeps the best match, and reports the others.

>>> import quoteverify as qv
>>> src = qv.Source("Technology is definitely not to blame.", speaker=qv.Speaker("Yin Qi"))
>>> v = qv.verify("technology is definitely to blame", src, speaker="Yin Qi")
>>> v.fidelity, v.attribution.status
(<Fidelity.ALTERED: 'altered'>, <AttributionStatus.CONFIRMED: 'confirmed'>)
>>> [e.describe() for e in v.edits if e.meaning]
['delete "not" (negation: changes meaning)']
>>> v.confidence < 0.5
True
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import attrs
import regex  # type: ignore[import-untyped,unused-ignore]

from ._text import BROKEN_OFF
from .alignment import align, widen
from .attribution import attribute
from .confidence import score, score_evidence
from .config import DEFAULT_CONFIG, VerifyConfig
from .drift import assess_drift
from .errors import InvalidInputError, check_text
from .extraction import extract_quotes
from .fidelity import judge
from .limits import limit_for
from .location import find_paraphrase, locate, locate_split
from .model import (
    Alignment,
    AttributedQuote,
    AttributionStatus,
    Edit,
    EditKind,
    Fidelity,
    Location,
    Quote,
    Report,
    Source,
    SourceMatch,
    Speaker,
    Turn,
    Verification,
)
from .report import explain_report, report_to_dict  # re-exported: once defined here
from .speakers import SpeakerRegistry
from .vocabulary import meaning_words

__all__ = ["VerifyConfig", "check_article", "explain_report", "report_to_dict", "verify"]


def _config(config: VerifyConfig | None, overrides: dict[str, Any]) -> VerifyConfig:
    if config is not None and not isinstance(config, VerifyConfig):
        msg = f"config must be a VerifyConfig (got {config!r} that is a {type(config).__name__})"
        raise TypeError(msg)
    cfg = config or DEFAULT_CONFIG
    return cfg.replace(**overrides) if overrides else cfg


def source_key(src: Source) -> tuple[str, str, str, str, str]:
    """A total order on sources that does not depend on the order they were given in.

    :func:`verify` drops a source whose key an earlier one has (a duplicate)
    and breaks ties between equally good matches by it, smallest first.

    >>> source_key(Source("Same words.", title="b")) > source_key(Source("Same words.", title="a"))
    True
    """
    return (
        src.text,
        src.title or "",
        src.url or "",
        src.published.isoformat() if src.published is not None else "",
        src.speaker.name if src.speaker is not None else "",
    )


def _sources(value: Source | str | Iterable[Source | str]) -> list[Source]:
    """The given sources as a list, duplicates (same object, or same text and metadata) dropped."""
    if isinstance(value, (Source, str)):
        items: list[Source | str] = [value]
    elif isinstance(value, (bytes, bytearray, memoryview)):
        msg = "source must be str or Source (got bytes); decode it first, e.g. data.decode('utf-8')"
        raise TypeError(msg)
    else:
        try:
            items = list(value)
        except TypeError:
            got = type(value).__name__
            msg = f"sources must be a Source, a str or an iterable of them (got {got})"
            raise TypeError(msg) from None
    out: list[Source] = []
    seen: set[tuple[str, str, str, str, str]] = set()
    for item in items:
        if isinstance(item, Source):
            src = item
        elif isinstance(item, str):
            src = Source(item)
        else:
            check_text(item, "each source")  # bytes get the decode-first message
            raise AssertionError  # pragma: no cover - check_text raised
        key = source_key(src)
        if key not in seen:
            seen.add(key)
            out.append(src)
    if not out:
        msg = "no source given: pass at least one Source or text"
        raise InvalidInputError(msg)
    return out


def _claim(
    quote: Quote | AttributedQuote | str, speaker: str | Speaker | None
) -> tuple[Quote, AttributedQuote | None]:
    if isinstance(quote, AttributedQuote):
        q = quote.quote
        return (Quote(q.text, speaker=speaker) if speaker is not None else q), quote
    if isinstance(quote, Quote):
        return (Quote(quote.text, speaker=speaker) if speaker is not None else quote), None
    check_text(quote, "quote", allow_empty=False)
    return Quote(quote, speaker=speaker), None


def _story_speaker(claim: Quote, attributed: AttributedQuote) -> bool:
    """True when the claim's speaker is the one the story extraction found (not a caller's own)."""
    return claim.speaker is None or claim.speaker == attributed.speaker


_WORD = regex.compile(r"\w+")


def _label_cut(src: Source, loc: Location, ali: Alignment) -> int | None:
    """Where in the quote a one-piece match runs over the next speaker's label, if it does.

    A transcript's ``NAME:`` inside the matched span, which the aligner had to
    delete or replace, means the quote joins the end of one turn to the start
    of the next: the quote word set against the label's first word is where
    the two passages meet.
    """
    if not src.turns or len(loc.fragments) > 1 or not ali.edits:
        return None
    turn = src.turn_at(loc.start)
    if turn is None or turn.end >= loc.end:
        return None
    nxt = src.turn_at(_next_turn_start(src, turn))
    label = None if nxt is None else nxt.label_span
    if label is None or label.end > loc.end:
        return None
    if not any(
        e.source_start is not None and e.source_end is not None
        and e.source_start < label.end and label.start < e.source_end
        and e.kind in (EditKind.DELETE, EditKind.REPLACE)
        for e in ali.edits
    ):
        return None  # the label's words are not set against the quote's: no join there
    j0 = next((j for j, t in enumerate(ali.source_tokens) if t.start >= turn.end), None)
    if j0 is None:
        return None
    for tag, i1, _i2, j1, j2 in ali.opcodes:
        if j1 <= j0 < j2 or (j1 == j2 and j1 >= j0):
            i = i1 + (j0 - j1) if tag == "equal" else i1
            return ali.quote_tokens[i].start if 0 < i < len(ali.quote_tokens) else None
    return None


#: Words a turn may have and still be an interjection in someone else's answer ("Right.", "Yes.").
_INTERJECTION_WORDS = 5


def _interruption(src: Source, loc: Location) -> Edit | None:
    """What lies between two pieces of one speaker's words that a transcript breaks apart.

    The pieces must be one turn running to its end and the same speaker's next turn taking up
    from its start. Nothing but the transcript's new label between ("Lena Varga 0:12", a long
    answer cut into timed paragraphs): a ``transcript_label`` edit. Other speakers' few words
    between, with a dash where the speaker broke off or took up again ("obey the law --" /
    "MR. LONG: Right." / "-- and they say that ..."): an ``interjection``. Else None: a splice.
    """
    if len(loc.fragments) != 2 or not loc.in_order:
        return None
    left, right = loc.fragments
    t1, t2 = src.turn_at(left.start), src.turn_at(right.start)
    if t1 is None or t2 is None or not 0 < t2.index - t1.index <= 3:
        return None
    if not (_at(src, t1) and _at(src, t2)):
        return None  # turns numbered some other way than by their place: nothing to count
    same = (
        t1.speaker == t2.speaker if t1.speaker is not None and t2.speaker is not None
        else t1.label is not None and t1.label == t2.label
    )
    if not same or _WORD.search(src.text, left.end, t1.end) or _WORD.search(src.text, t2.start, right.start):
        return None  # words of the speaker's own left out on either side: a real cut
    a, b = left.end, right.start
    while a < b and src.text[a].isspace():
        a += 1
    while b > a and src.text[b - 1].isspace():
        b -= 1
    if t2.index == t1.index + 1:
        if t2.label_span is not None:  # the label itself (and its time), not the line break
            a, b = t2.label_span.start, t2.label_span.end
        return Edit(EditKind.TRANSCRIPT_LABEL, "", src.text[a:b], source_start=a, source_end=b)
    if not (BROKEN_OFF.search(src.text, left.end, t1.end) or BROKEN_OFF.search(src.text, t2.start, right.start)):
        return None  # no dash where one turn stops and the next takes up: two answers, not one
    between = src.turns[t1.index + 1 : t2.index]
    if any(len(_WORD.findall(src.text, t.start, t.end)) > _INTERJECTION_WORDS for t in between):
        return None
    return Edit(EditKind.INTERJECTION, "", src.text[a:b], source_start=a, source_end=b)


def _at(src: Source, turn: Turn) -> bool:
    """Whether ``turn.index`` is its place in ``src.turns``."""
    return 0 <= turn.index < len(src.turns) and src.turns[turn.index] is turn


def _next_turn_start(src: Source, turn: Turn) -> int:
    if not _at(src, turn):
        return len(src.text)
    k = turn.index + 1
    return src.turns[k].start if k < len(src.turns) else len(src.text)


def _claimed_occurrence(
    loc: Location, src: Source, claimed: str | Speaker, speakers: SpeakerRegistry | None
) -> Location:
    """The one of equal matches (``loc.occurrences``) said by the claimed speaker, if any.

    A formula said by several people ("Mr. Speaker, I rise on a point of order.", "Thank you.")
    is the claimed speaker's wherever they said it; the first match alone would accuse them.
    """
    if len(loc.fragments) > 1:
        return loc
    for hit in loc.occurrences:
        alt = attrs.evolve(loc, start=hit.start, end=hit.end, text=hit.text,
                           fragments=(hit,) if loc.fragments else ())
        if attribute(alt, src, claimed, speakers=speakers).status is AttributionStatus.CONFIRMED:
            return alt
    return loc


def verify(
    quote: Quote | AttributedQuote | str,
    source_or_sources: Source | str | Iterable[Source | str],
    *,
    speaker: str | Speaker | None = None,
    speakers: SpeakerRegistry | None = None,
    said_on: _dt.date | None = None,
    framing: str | None = None,
    config: VerifyConfig | None = None,
    **overrides: Any,
) -> Verification:
    """Check ``quote`` against one source or several, and say how it holds up.

    ``speaker`` (or the quote's own speaker) is who the story says spoke;
    ``speakers`` resolves names and titles; ``said_on`` is the story's date
    and ``framing`` how the story introduces the quote (an
    :class:`~quoteverify.model.AttributedQuote` brings its own framing).
    With several sources the best match wins (most faithful, then highest
    score, then earliest in the text); the others it matched are in
    ``also_matched``. Duplicate sources count once and empty ones match
    nothing; the result does not depend on the order of the sources.
    Keyword ``overrides`` are :class:`VerifyConfig` options.

    >>> src = "What we do is sell them a server. That's all."
    >>> v = verify("What we do is sell them a server", src)
    >>> v.fidelity, v.location.text
    (<Fidelity.VERBATIM: 'verbatim'>, 'What we do is sell them a server')
    >>> round(v.confidence, 2) == round(score(v.evidence), 2)
    True
    """
    cfg = _config(config, overrides)
    claim, attributed = _claim(quote, speaker)
    if said_on is not None and not isinstance(said_on, _dt.date):
        got = f"{said_on!r} that is a {type(said_on).__name__}"
        msg = f"said_on must be a datetime.date (got {got})"
        raise TypeError(msg)
    if isinstance(said_on, _dt.datetime):
        said_on = said_on.date()
    if framing is not None:
        check_text(framing, "framing")
    sources = _sources(source_or_sources)
    matches = []
    meaning = meaning_words(dict(cfg.words)) if cfg.words else None
    for src in sources:
        if not src.text or src.text.isspace():
            continue  # (what ``not text.strip()`` says, without copying a large text per call)
        loc = locate(claim, src, options=cfg.locate) or find_paraphrase(claim, src)
        if loc is None:
            continue
        if loc.ambiguous and claim.speaker is not None and src.turns:
            loc = _claimed_occurrence(loc, src, claim.speaker, speakers)
        speech = cfg.speech_edits == "cosmetic"
        ali = align(claim, loc, meaning=meaning, speech_cosmetic=speech)
        if loc.method != "paraphrase":
            loc, ali = widen(claim, loc, src.text, ali, meaning=meaning, speech_cosmetic=speech)
            at = _label_cut(src, loc, ali)
            split = None if at is None else locate_split(claim, src, at, options=cfg.locate)
            if split is not None:
                loc, ali = split, align(claim, split, meaning=meaning, speech_cosmetic=speech)
            cut = _interruption(src, loc) if loc.unmarked_splice and src.turns else None
            if cut is not None:  # "obey the law --" / "Right." / "-- and they say": one answer
                ali = attrs.evolve(ali, edits=tuple(sorted(
                    (*ali.edits, cut), key=lambda e: (e.source_start or 0, e.source_end or 0))))
        matches.append((judge(loc, ali), src, loc, ali))
    if not matches:
        v = Verification(quote=claim, fidelity=Fidelity.NOT_FOUND, attributed=attributed)
    else:
        matches.sort(
            key=lambda m: (m[0].rank, -m[3].score, -m[2].score, m[2].start, source_key(m[1]))
        )
        fidelity, src, loc, ali = matches[0]
        attribution = None
        if claim.speaker is not None or src.turns or src.speaker is not None:
            unsure = attributed is not None and attributed.uncertain and _story_speaker(claim, attributed)
            attribution = attribute(
                loc,
                src,
                claim.speaker,
                speakers=speakers,
                claim_uncertain=unsure,
                claim_reason=attributed.resolution if unsure and attributed else None,
            )
        others = tuple(SourceMatch(s, lo, f) for f, s, lo, _ in matches[1:])
        v = Verification(
            quote=claim,
            fidelity=fidelity,
            source=src,
            location=loc,
            alignment=ali,
            attribution=attribution,
            also_matched=others,
            attributed=attributed,
        )
        drift = assess_drift(v, framing=framing, said_on=said_on, config=cfg)
        v = attrs.evolve(v, drift=drift)
    evidence = score_evidence(v)
    return attrs.evolve(
        v, confidence=score(evidence), evidence=evidence if cfg.explain else ()
    )


def check_article(
    text: str,
    sources: Source | str | Iterable[Source | str],
    *,
    speakers: SpeakerRegistry | None = None,
    config: VerifyConfig | None = None,
    published: _dt.date | None = None,
    **overrides: Any,
) -> Report:
    """Extract every quote of a story and verify each against ``sources``.

    ``published`` is the story's date (for ``temporal`` drift). Each quote is
    checked with its speaker and framing; indirect speech only with
    ``include_indirect=True``. A quote found in none of the sources is
    ``not_found``: it may come from a source that was not given, which is
    not the same as fabricated.

    >>> import quoteverify as qv
    >>> story = 'Xie Yinan, vice president of Megvii, said: "We do not have access to the data."'
    >>> src = qv.Source.from_transcript("XIE YINAN: We don't have access to the data. That's all.")
    >>> r = check_article(story, [src])
    >>> r.counts["fidelity"]["cosmetic"], r.counts["attribution"]["confirmed"], r.ok
    (1, 1, True)
    """
    check_text(text, "article text")
    cfg = _config(config, overrides)
    if speakers is not None and not isinstance(speakers, SpeakerRegistry):
        msg = f"speakers must be a SpeakerRegistry (got {type(speakers).__name__})"
        raise TypeError(msg)
    srcs = _sources(sources)
    out = []
    for aq in extract_quotes(text, speakers=speakers):
        if not aq.direct and not cfg.include_indirect:
            continue
        if not any(ch.isalnum() for ch in aq.text):
            continue  # a quote mark pair around punctuation or nothing: no words to check
        if len(aq.text) > limit_for("quote")[1]:
            # Too long to be a quote anyone could check (a stray mark swallowed the
            # story): reported as not found, shortened, rather than failing the story.
            short = Quote(aq.text[:200] + "…", speaker=aq.speaker)
            out.append(Verification(quote=short, fidelity=Fidelity.NOT_FOUND, attributed=aq))
            continue
        out.append(verify(aq, srcs, speakers=speakers, said_on=published, config=cfg))
    return Report(text=text, verifications=tuple(out), sources=tuple(srcs))
