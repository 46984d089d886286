"""The one call that checks a quote: :func:`verify`.

It runs the stages in order (locate, align, judge the wording, attribute)
against every given source, keeps the best match, and reports the others.

>>> import quoteverify as qv
>>> src = qv.Source("Technology is definitely not to blame.", speaker=qv.Speaker("Yin Qi"))
>>> v = qv.verify("technology is definitely to blame", src, speaker="Yin Qi")
>>> v.fidelity, v.attribution.status
(<Fidelity.ALTERED: 'altered'>, <AttributionStatus.CONFIRMED: 'confirmed'>)
>>> [e.describe() for e in v.edits if e.meaning]
['delete "not" (negation: changes meaning)']
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from .alignment import align
from .attribution import attribute
from .errors import InvalidInputError
from .fidelity import judge
from .location import LocateOptions, locate
from .model import (
    AttributedQuote,
    Fidelity,
    Quote,
    Source,
    SourceMatch,
    Speaker,
    Verification,
)
from .speakers import SpeakerRegistry

__all__ = ["VerifyConfig", "verify"]


@attrs.frozen
class VerifyConfig:
    """Options of :func:`verify`; override with ``attrs.evolve(config, ...)`` or ``VerifyConfig(...)``.

    ``locate`` holds the locator's thresholds.
    """

    locate: LocateOptions = LocateOptions()


DEFAULT_CONFIG = VerifyConfig()


def _sources(value: Source | str | Iterable[Source | str]) -> list[Source]:
    if isinstance(value, (Source, str)):
        items: list[Source | str] = [value]
    elif isinstance(value, (bytes, bytearray)):
        msg = "source must be str or Source (got bytes); decode it first, e.g. data.decode('utf-8')"
        raise TypeError(msg)
    else:
        try:
            items = list(value)
        except TypeError:
            msg = f"sources must be a Source, a str or an iterable of them (got {type(value).__name__})"
            raise TypeError(msg) from None
    out: list[Source] = []
    for item in items:
        if isinstance(item, Source):
            out.append(item)
        elif isinstance(item, str):
            out.append(Source(item))
        else:
            msg = f"each source must be a Source or a str (got {type(item).__name__})"
            raise TypeError(msg)
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
    return Quote(quote, speaker=speaker), None


def verify(
    quote: Quote | AttributedQuote | str,
    source_or_sources: Source | str | Iterable[Source | str],
    *,
    speaker: str | Speaker | None = None,
    speakers: SpeakerRegistry | None = None,
    said_on: _dt.date | None = None,
    framing: str | None = None,
    config: VerifyConfig | None = None,
) -> Verification:
    """Check ``quote`` against one source or several, and say how it holds up.

    ``speaker`` (or the quote's own speaker) is who the story says spoke;
    ``speakers`` resolves names and titles. With several sources the best
    match wins (most faithful, then highest score, then earliest in the
    text); the others it matched are in ``also_matched``. The result does
    not depend on the order of the sources.

    >>> v = verify("What we do is sell them a server", "What we do is sell them a server. That's all.")
    >>> v.fidelity, v.location.text
    (<Fidelity.VERBATIM: 'verbatim'>, 'What we do is sell them a server')
    """
    cfg = config or DEFAULT_CONFIG
    claim, attributed = _claim(quote, speaker)
    if said_on is not None and not isinstance(said_on, _dt.date):
        msg = f"said_on must be a datetime.date (got {type(said_on).__name__})"
        raise TypeError(msg)
    if framing is not None and not isinstance(framing, str):
        msg = f"framing must be str (got {type(framing).__name__})"
        raise TypeError(msg)
    sources = _sources(source_or_sources)
    matches = []
    for src in sources:
        loc = locate(claim, src, options=cfg.locate)
        if loc is None:
            continue
        ali = align(claim, loc)
        matches.append((judge(loc, ali), src, loc, ali))
    if not matches:
        return Verification(quote=claim, fidelity=Fidelity.NOT_FOUND, attributed=attributed)
    matches.sort(key=lambda m: (m[0].rank, -m[3].score, -m[2].score, m[2].start, m[1].text))
    fidelity, src, loc, ali = matches[0]
    attribution = None
    if claim.speaker is not None or src.turns or src.speaker is not None:
        attribution = attribute(loc, src, claim.speaker, speakers=speakers)
    others = tuple(SourceMatch(s, lo, f) for f, s, lo, _ in matches[1:])
    return Verification(
        quote=claim,
        fidelity=fidelity,
        source=src,
        location=loc,
        alignment=ali,
        attribution=attribution,
        also_matched=others,
        attributed=attributed,
    )
