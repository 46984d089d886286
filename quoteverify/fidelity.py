"""The wording verdict: from a location and its alignment to one :class:`~quoteverify.model.Fidelity`.

The rules, in order (documented in ``docs/verdicts.md``):

1. no location: ``not_found``; a location found only by shared content
   words (``method == "paraphrase"``): ``paraphrased``;
2. any word inserted, dropped or replaced (``insert``, ``delete``, ``replace``):
   ``paraphrased`` when fewer than :data:`PARAPHRASE_MATCH` of the quote's
   words match the source in order but at least :data:`PARAPHRASE_CONTENT` of
   its content words occur there, else ``altered``;
3. several fragments (an ellipsis, or two passages joined with none) that
   lie apart in the source: ``spliced``;
4. only cosmetic edits (case, punctuation, spelling, contraction,
   number format, editorial brackets): ``cosmetic``;
5. otherwise ``verbatim``.

>>> from quoteverify.location import locate
>>> from quoteverify.alignment import align
>>> src = "We don't have access to the data."
>>> loc = locate("We do not have access to the data", src)
>>> judge(loc, align("We do not have access to the data", loc))
<Fidelity.COSMETIC: 'cosmetic'>
>>> judge(None, None)
<Fidelity.NOT_FOUND: 'not_found'>
"""

from __future__ import annotations

import itertools

from .model import Alignment, EditKind, Fidelity, Location
from .vocabulary import COMMON_WORDS

__all__ = ["PARAPHRASE_CONTENT", "PARAPHRASE_MATCH", "judge"]

#: Below this share of quote words matched in order, a reworded quote may be a paraphrase.
PARAPHRASE_MATCH = 0.6
#: ...provided at least this share of its content words occur in the matched passage.
PARAPHRASE_CONTENT = 0.6

_WORD_EDITS = frozenset({EditKind.INSERT, EditKind.DELETE, EditKind.REPLACE})


def _matched_share(alignment: Alignment) -> float:
    matched = sum(i2 - i1 for tag, i1, i2, _, _ in alignment.opcodes if tag == "equal")
    return matched / max(1, len(alignment.quote_tokens))


def _content_share(alignment: Alignment) -> float:
    q = {
        t.text.casefold()
        for t in alignment.quote_tokens
        if t.text.casefold() not in COMMON_WORDS and t.text[:1].isalnum()
    }
    s = {t.text.casefold() for t in alignment.source_tokens}
    if not q:
        return 0.0
    return len(q & s) / len(q)


def only_repeats(location: Location, alignment: Alignment | None) -> bool:
    """True when the quote is joined over the source without an ellipsis only where the speaker
    said the same words twice, broke off and started again, was talked over, or went on under a
    new label of the transcript (each gap is a ``repetition``, ``false_start``, ``interjection``
    or ``transcript_label`` edit): speech printed once, not a splice."""
    if alignment is None or not location.unmarked_splice or len(location.fragments) < 2:
        return False
    frags = sorted(location.fragments, key=lambda f: f.start)
    speech = (EditKind.REPETITION, EditKind.FALSE_START, EditKind.INTERJECTION, EditKind.TRANSCRIPT_LABEL)
    repeats = [e for e in alignment.edits if e.kind in speech and e.source_start is not None]
    return all(
        any(left.end <= (e.source_start or 0) and (e.source_end or 0) <= right.start for e in repeats)
        for left, right in itertools.pairwise(frags)
    )


def is_spliced(location: Location, alignment: Alignment | None = None) -> bool:
    """True when the quote's fragments lie apart in the source (words between or out of order),
    unless they are apart only where the speaker repeated words (:func:`only_repeats`)."""
    if only_repeats(location, alignment):
        return False
    if location.unmarked_splice:
        return True
    if len(location.fragments) < 2:
        return False
    return not location.in_order or any(g.words > 0 for g in location.gaps)


def judge(location: Location | None, alignment: Alignment | None) -> Fidelity:
    """The fidelity verdict for a quote located at ``location`` and aligned as ``alignment``.

    >>> from quoteverify import Source, align, locate
    >>> src = Source("Yin Qi said technology is definitely not to blame.")
    >>> quote = "technology is definitely to blame"
    >>> loc = locate(quote, src)
    >>> judge(loc, align(quote, loc)).value
    'altered'
    >>> judge(None, None).value
    'not_found'
    """
    if location is None or alignment is None:
        return Fidelity.NOT_FOUND
    if location.method == "paraphrase":
        return Fidelity.PARAPHRASED
    edits = alignment.edits
    if any(e.kind in _WORD_EDITS for e in edits) or any(e.meaning for e in edits):
        if (
            _matched_share(alignment) < PARAPHRASE_MATCH
            and _content_share(alignment) >= PARAPHRASE_CONTENT
        ):
            return Fidelity.PARAPHRASED
        return Fidelity.ALTERED
    if is_spliced(location, alignment):
        return Fidelity.SPLICED
    if any(e.kind is not EditKind.WHITESPACE for e in edits):
        return Fidelity.COSMETIC
    return Fidelity.VERBATIM
