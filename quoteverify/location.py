"""Find where a quote (or each of its ellipsis-separated fragments) sits in a source.

Cheapest first: an exact search in the normalised source through the posting
list of the quote's rarest word; then candidate places, from where the quote's
two rarest words sit as in the quote, else from seed words voting on alignment
diagonals; then a word-level alignment (rapidfuzz, over one-character word
codes) of the best candidate windows only. The whole source is never scanned
with a fuzzy aligner.

This module checks what the caller passed; the work is done in
``quoteverify._locator``, which an optional build compiles (see the README).

>>> from quoteverify.model import Source
>>> src = Source("Yin Qi said: “Technology is definitely not to blame.” He smiled.")
>>> loc = locate("technology is definitely not to blame", src)
>>> src.text[loc.start:loc.end]
'Technology is definitely not to blame'
>>> loc.method
'normalized'
"""

from __future__ import annotations

from . import _locator
from ._locator import DEFAULT_OPTIONS, LocateOptions, SourceIndex
from .errors import InvalidInputError, check_text
from .model import Location, Quote, Source, Span

__all__ = [
    "LocateOptions",
    "SourceIndex",
    "find_paraphrase",
    "index_source",
    "locate",
    "locate_all",
    "locate_split",
    "split_fragments",
]


def _as_source(source: Source | str) -> Source:
    if isinstance(source, Source):
        return source
    check_text(source, "source")
    return Source(source)


def _quote_text(quote: Quote | str) -> str:
    if isinstance(quote, Quote):
        return quote.text
    return check_text(quote, "quote")


def index_source(source: Source) -> SourceIndex:
    """The index of ``source``, built on first use and cached on the source.

    >>> src = Source("We don't have access to the data.")
    >>> index_source(src) is index_source(src)
    True
    """
    if not isinstance(source, Source):
        msg = f"source must be a Source (got {type(source).__name__}); wrap text in Source(text)"
        raise TypeError(msg)
    return _locator.index_source(source)


def split_fragments(quote: str) -> list[Span]:
    """Split a quote at its ellipses into fragment spans of the quote text.

    Empty pieces (an ellipsis at either end) are dropped.

    >>> [f.text for f in split_fragments("We sell them a server ... That's all.")]
    ['We sell them a server ', " That's all."]
    >>> [f.text for f in split_fragments("…not to blame [...] at all")]
    ['not to blame ', ' at all']
    """
    return _locator.fragments_of(check_text(quote, "quote"))


def locate(
    quote: Quote | str,
    source: Source | str,
    *,
    options: LocateOptions | None = None,
) -> Location | None:
    """Where ``quote`` sits in ``source``, or None when it is not there.

    Each ellipsis-separated fragment is located, in order where possible.
    Spans index ``source.text``; ``Location.occurrences`` lists every equally
    good place a short quote matches (``ambiguous`` is then true).

    >>> src = Source("We don't have access to the data. What we do is sell them a server.")
    >>> loc = locate("We do not have access ... sell them a server", src)
    >>> [f.text for f in loc.fragments]
    ["We don't have access", 'sell them a server']
    >>> locate("Nothing like this was said", src) is None
    True
    """
    probes = _locator.prepare(_quote_text(quote))
    return _locator.locate_probes(probes, _as_source(source), options or DEFAULT_OPTIONS)


def locate_all(
    quote: Quote | str,
    source: Source | str,
    *,
    options: LocateOptions | None = None,
) -> list[Location]:
    """Every place ``quote`` matches in ``source``, best first (for a single-fragment quote).

    >>> src = Source("Thank you. Thank you very much. Thank you.")
    >>> [(l.start, l.end) for l in locate_all("thank you", src)]
    [(0, 9), (11, 20), (32, 41)]
    """
    probes = _locator.prepare(_quote_text(quote))
    return _locator.locate_all_probes(probes, _as_source(source), options or DEFAULT_OPTIONS)


def locate_split(
    quote: Quote | str,
    source: Source | str,
    at: int,
    *,
    options: LocateOptions | None = None,
) -> Location | None:
    """The quote read as two passages joined at character ``at`` of its text, with no ellipsis.

    Each side is looked up on its own and must match well; the location is
    then an ``unmarked_splice`` of the two places. ``None`` when either side
    is not in the source, or ``at`` leaves fewer than two words on a side.
    :func:`~quoteverify.verification.verify` uses it when a match runs across
    a speaker's label in a transcript.

    >>> src = Source("A: We will close the plant.\\nB: No worker is left behind, ever.")
    >>> loc = locate_split("We will close the plant. No worker is left behind.", src, 25)
    >>> [f.text for f in loc.fragments], loc.unmarked_splice
    (['We will close the plant', 'No worker is left behind'], True)
    """
    text = _quote_text(quote)
    if not isinstance(at, int) or not 0 <= at <= len(text):
        msg = f"at must be an offset into the quote, 0 to {len(text)} (got {at!r})"
        raise InvalidInputError(msg)
    probes = _locator.prepare(text)
    return _locator.locate_split(probes, _as_source(source), at, options or DEFAULT_OPTIONS)


def find_paraphrase(
    quote: Quote | str,
    source: Source | str,
    *,
    min_share: float = 0.6,
    options: LocateOptions | None = None,
) -> Location | None:
    """A passage that shares most of the quote's content words, in any order, or None.

    For a quote :func:`locate` cannot find word for word: the best window of
    the source in which at least ``min_share`` of the quote's content words
    (not function words, three letters or more, at least three of them)
    occur. The location's ``method`` is ``"paraphrase"`` and its ``score``
    that share.

    >>> src = Source("We don't have access to the data. What we do is sell them a server.")
    >>> find_paraphrase("All we do is sell servers; access to data we have none", src).method
    'paraphrase'
    """
    text = _quote_text(quote)
    probes = _locator.prepare(text)
    return _locator.paraphrase_probes(
        probes, text, _as_source(source), min_share, options or DEFAULT_OPTIONS
    )
