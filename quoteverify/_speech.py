"""Nested speech: words a speaker attributes to someone else inside their own turn.

Private to :mod:`quoteverify.sources`: quoted passages with a speech cue, "quote ...
unquote", and questions read back become :class:`~quoteverify.model.EmbeddedSpeech`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import regex  # type: ignore[import-untyped,unused-ignore]

from ._labels import LabelSpeakers, first_letter, is_capital, label_key, rskip_space, skip_space
from ._text import AMBIGUOUS_MARKS, QUOTE_OPENERS, QUOTE_PAIRS, alternation, sentence_end
from .model import EmbeddedSpeech, Span, Speaker
from .vocabulary import (
    ADDRESSEE_PHRASES,
    FIRST_PERSON,
    NESTED_SPEECH_VERBS,
    QUESTION_AUXILIARIES,
    QUESTION_WORDS,
    QUESTIONED_OTHERS,
    QUOTED_DETERMINERS,
    REPORTED_OTHERS,
    SPEECH_OBJECTS,
)

if TYPE_CHECKING:
    from ._turns import TurnColumns

# --------------------------------------------------------------------------- nested speech

_SPEECH_VERBS = alternation(NESTED_SPEECH_VERBS)
_OBJECT = rf"(?:{alternation(SPEECH_OBJECTS)})"
_I_QUOTE = r"and[ \t]+I[ \t]+quote\b"
_BEFORE_CUE = regex.compile(
    rf"(?i)(?:\b(?P<verb>{_SPEECH_VERBS})\b(?:[ \t]+{_OBJECT}\b)?(?:[ \t]*,?[ \t]*{_I_QUOTE})?"
    rf"|\b(?P<iq>{_I_QUOTE}))[ \t]*[,:]?[ \t]*\Z"
)
_WORD = r"[\p{L}][\p{L}\p{M}’'.\-]*"
_WHO = (
    rf"(?:(?:{alternation(QUOTED_DETERMINERS)})[ \t]+)?"
    rf"{_WORD}(?:[ \t]+\p{{Lu}}[\p{{L}}\p{{M}}’'.\-]*){{0,2}}"
)
_AFTER_CUE = regex.compile(
    rf"(?i)[ \t]*[,.]?[ \t]*(?:(?P<v1>{_SPEECH_VERBS})[ \t]+(?P<who1>{_WHO})"
    rf"|(?P<who2>{_WHO})[ \t]+(?P<v2>{_SPEECH_VERBS}))\b"
)
# An answer's "You asked (me) whether ...": the asker's question read out. Not a question about
# asking ("Did you ask him when ...?", "Would you ask them ...?"), nor asking someone else
# ("you asked the contractor"): the questioner's own words.
_QUESTION_CUE = regex.compile(
    rf"(?i)\b(?:(?<!\b(?:{alternation(QUESTION_AUXILIARIES)})[ \t]+)"
    r"(?P<you>you)[ \t]+(?:asked|were[ \t]+asking|ask)"
    rf"(?![ \t]+(?:{alternation(QUESTIONED_OTHERS)}|(?-i:\p{{Lu}}\p{{Ll}}+))\b)"  # "you asked Ms. Roe"
    r"(?:[ \t]+(?:me|us))?"
    rf"(?:[ \t]+(?:{alternation(QUESTION_WORDS)}))?"
    r"|(?P<q>(?:the|your)[ \t]+question)[ \t]+(?:was|is))\b[ \t]*[,:]?[ \t]*"
)
# "My opponent says (that) ...", "People tell me ...": reported speech without quotation marks,
# at the start of a sentence; its words run to the sentence's end.
_UNMARKED = regex.compile(
    rf"(?i)(?:(?<=\A)|(?<=[.!?;:][ \t]{{1,3}})|(?<=\n[ \t]{{0,8}})|(?<=--[ \t]{{1,3}}))"
    rf"(?P<who>{alternation(REPORTED_OTHERS)})[ \t]+(?P<verb>{_SPEECH_VERBS})\b"
    rf"(?:[ \t]+{_OBJECT}\b)?[ \t]*,?[ \t]+(?:that[ \t]+)?(?=\S)"
)
_QUOTE_UNQUOTE = regex.compile(r"(?i)\b(?:(?P<iq>and[ \t]+I[ \t]+quote)|(?P<un>un)?quote)\b")

#: opening mark -> closing marks
_PAIRS = QUOTE_PAIRS
_OPENERS = regex.compile(f"[{QUOTE_OPENERS}]")
# Every match of _OPENERS, _QUOTE_UNQUOTE and _QUESTION_CUE holds one of these (same flags, so
# the same letters match): a range without one has no embedded speech.
_REPORTED = rf"\b(?:{alternation(REPORTED_OTHERS)})[ \t]+(?:{_SPEECH_VERBS})\b"
_MAY_EMBED = regex.compile(f"(?i)[{QUOTE_OPENERS}]|quote|you|question|{_REPORTED}")
_REPORTED_ANYWHERE = regex.compile(f"(?i){_REPORTED}")
_OPEN_CONTEXT = frozenset(" \t\n\r\u3000([{—–-:;,")
_AMBIGUOUS = AMBIGUOUS_MARKS


class _EmbedFilter:
    """Says whether ``text[start:end]`` may hold embedded speech, for ranges in text order.

    One left-to-right scan of the text in all, so a million turns cost a million
    comparisons, not a million searches; a ``False`` is certain, a ``True`` means
    :func:`find_embedded` must look.
    """

    __slots__ = ("_last", "_next", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._last = 0
        self._next = -1  # the first hit at or after _last (-1: not searched yet)

    def may(self, start: int, end: int) -> bool:
        if start < self._last:
            self._next = -1  # out of order: search afresh
        self._last = start
        if self._next < start:
            m = _MAY_EMBED.search(self.text, start)
            self._next = m.start() if m else len(self.text)
        return self._next < end

    def turns(self, starts: list[int], ends: list[int]) -> Iterator[int]:
        """The indices of the sorted, disjoint ranges ``[starts[k], ends[k])`` that :meth:`may` hold some.

        The same answers as :meth:`may` on each range, with one search per range that has a
        hit (or per gap before one) instead of a call per range: a million ranges and no
        quote mark cost one check of the text.
        """
        text = self.text
        if not _may_embed_anywhere(text):
            return
        n = len(starts)
        search = _MAY_EMBED.search
        pos = 0
        while True:
            m = search(text, pos)
            if m is None:
                return
            k = bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < ends[k]:
                yield k
            if k + 1 >= n:
                return
            pos = starts[k + 1]


def _may_embed_anywhere(text: str) -> bool:
    """False when :data:`_MAY_EMBED` finds nothing in ``text``: a quick check in C.

    ``casefold`` folds at least every character that the pattern's ``(?i)`` matches to its
    ASCII letter (``Y``, ``ſ`` for ``s``), so "quote", "you" or "question" matched by the
    pattern is in the folded text; a True may be wrong, a False is certain.
    """
    if any(mark in text for mark in _PAIRS):
        return True
    folded = text.casefold()
    if "quote" in folded or "you" in folded or "question" in folded:
        return True
    return _REPORTED_ANYWHERE.search(text) is not None


def embed_candidates(
    text: str, columns: TurnColumns
) -> Iterator[tuple[int, Speaker | None]]:
    """The turns of ``columns`` that may hold embedded speech, each with its ``other`` speaker.

    A turn may hold some when a :data:`_MAY_EMBED` hit starts inside it (what
    :class:`_EmbedFilter` says of it); the others cannot. ``other`` is the last speaker
    before the turn who differs from the one after them (a question's asker, the ``you``
    a speaker answers), followed only as far as the last such turn.
    """
    starts, speakers = columns.starts, columns.speakers
    other: Speaker | None = None
    done = 1  # ``other`` is up to date for the turns before this one
    for k in _EmbedFilter(text).turns(starts, columns.ends):
        for r in range(done, k + 1):
            prev, speaker = speakers[r - 1], speakers[r]
            if prev is not None and prev is not speaker and prev != speaker:
                other = prev
        done = max(done, k + 1)
        yield k, other


def embedded_on_demand(
    text: str, columns: TurnColumns, speakers: LabelSpeakers
) -> Callable[[int], tuple[EmbeddedSpeech, ...]]:
    """A function giving turn ``k``'s embedded speech when asked, the same as
    :func:`embed_candidates` and :func:`find_embedded` give for it ahead of time: for a
    large transcript, only the turns a verification reads are searched."""
    starts, ends, spoken = columns.starts, columns.ends, columns.speakers

    def embedded(k: int) -> tuple[EmbeddedSpeech, ...]:
        if _MAY_EMBED.search(text, starts[k], ends[k]) is None:
            return ()
        other: Speaker | None = None
        for r in range(k, 0, -1):  # the last change of speaker up to this turn
            prev = spoken[r - 1]
            if prev is not None and prev is not spoken[r] and prev != spoken[r]:
                other = prev
                break
        return find_embedded(text, starts[k], ends[k], own=spoken[k], speakers=speakers, addressee=other)

    return embedded


def _who_before(text: str, lo: int, end: int) -> tuple[int, int] | None:
    """The noun phrase ending at ``end``, before a speech verb: "critics", "The reporter"."""
    words: list[tuple[int, int]] = []
    pos = end
    for _ in range(4):
        e = rskip_space(text, lo, pos)
        s = e
        while s > lo and not text[s - 1].isspace() and text[s - 1] not in ',;:"“”«»':
            s -= 1
        if s >= e:
            break
        words.append((s, e))
        pos = s
    if not words:
        return None
    words.reverse()  # in text order; the last one is next to the verb
    for i, (s, _) in enumerate(words):
        if text[s : words[i][1]].casefold() in QUOTED_DETERMINERS:
            return words[i][0], words[-1][1]
    run = len(words)
    while run > 0 and is_capital(first_letter(text[words[run - 1][0] : words[run - 1][1]])):
        run -= 1
    if run < len(words):
        start = words[run][0]
        if (
            run == 0
            and len(words) > 1
            and text[start : words[0][1]].casefold() in {"as", "and", "but"}
        ):
            start = words[1][0]
        return start, words[-1][1]
    return words[-1]


def _quoted_passages(text: str, start: int, end: int) -> Iterator[tuple[int, int, int, int]]:
    """Yield ``(open, inner_start, inner_end, close_end)`` for each quoted passage in the range."""
    exhausted: set[str] = set()
    pos = start
    while pos < end:
        m = _OPENERS.search(text, pos, end)
        if not m:
            return
        o = m.start()
        mark = m.group()
        pos = o + 1
        if mark in _AMBIGUOUS:
            before = text[o - 1] if o > start else " "
            after = text[o + 1] if o + 1 < end else " "
            if before not in _OPEN_CONTEXT or after.isspace():
                continue
        closes = _PAIRS[mark]
        c = -1
        for close in closes:
            if close in exhausted:
                continue
            j = o + 1
            while True:
                j = text.find(close, j, end)
                if j < 0:
                    exhausted.add(close)
                    break
                nxt = text[j + 1] if j + 1 < end else " "
                if close in "'’" and (nxt.isalnum()):
                    j += 1  # an apostrophe inside a word (don't, company's)
                    continue
                break
            if j >= 0 and (c < 0 or j < c):
                c = j
        if c < 0 or c == o + 1:
            continue
        yield o, o + 1, c, c + 1
        pos = c + 1


def find_embedded(
    text: str,
    start: int,
    end: int,
    *,
    own: Speaker | None,
    speakers: LabelSpeakers,
    addressee: Speaker | None,
) -> tuple[EmbeddedSpeech, ...]:
    """Find words inside ``text[start:end]`` that the speaker attributes to someone else."""
    found: list[EmbeddedSpeech] = []

    def add(inner: tuple[int, int], who: tuple[int, int] | None, cue: tuple[int, int]) -> None:
        s, e = inner
        s = skip_space(text, s, e)
        while s < e and text[s] in ",:;":
            s = skip_space(text, s + 1, e)
        e = rskip_space(text, s, e)
        while e > s and text[e - 1] in ",;":
            e -= 1
        if e <= s:
            return
        mention = text[who[0] : who[1]] if who else None
        speaker: Speaker | None = None
        if mention is not None:
            key = label_key(mention)
            if key in FIRST_PERSON:
                return
            if key in ADDRESSEE_PHRASES and key != "you" and own is None:
                return  # "the question is: ..." in a reporter's unnamed turn is the reporter's own
            speaker = addressee if key in ADDRESSEE_PHRASES else speakers.mention(mention)
            if speaker is not None and own is not None and speaker == own:
                return
        found.append(
            EmbeddedSpeech(
                span=Span.of(text, s, e),
                speaker=speaker,
                mention=mention,
                cue=Span.of(text, cue[0], cue[1]),
            )
        )

    for o, s, e, close_end in _quoted_passages(text, start, end):
        lo = max(start, o - 120)
        b = text.rfind("\n", lo, o)
        lo = b + 1 if b >= 0 else lo
        m = _BEFORE_CUE.search(text, lo, o)
        if m:
            who = _who_before(text, lo, m.start()) if m.group("verb") else None
            if who is None and m.group("iq"):
                # "The report said, and I quote" -> look for a verb before "and I quote".
                m2 = _BEFORE_CUE.search(text, lo, m.start())
                if m2 and m2.group("verb"):
                    who = _who_before(text, lo, m2.start())
            cue_start = who[0] if who else m.start()
            add((s, e), who, (cue_start, rskip_space(text, cue_start, m.end())))
            continue
        m = _AFTER_CUE.match(text, close_end, min(end, close_end + 60))
        if m:
            g = "who1" if m.group("who1") else "who2"
            add((s, e), (m.start(g), m.end(g)), (skip_space(text, close_end, m.end()), m.end()))

    open_quote: regex.Match[str] | None = None
    for m in _QUOTE_UNQUOTE.finditer(text, start, end):
        if m.group("iq"):
            continue  # "and I quote" introduces a passage in quote marks (handled above)
        if m.group("un") is None and open_quote is None:
            open_quote = m
        elif m.group("un") is not None and open_quote is not None:
            lo = max(start, open_quote.start() - 120)
            v = _BEFORE_CUE.search(text, lo, open_quote.start())
            who = _who_before(text, lo, v.start()) if v and v.group("verb") else None
            inner = (open_quote.end(), m.start())
            add(inner, who, (open_quote.start(), open_quote.end()))
            open_quote = None

    for m in _UNMARKED.finditer(text, start, end):
        stop = sentence_end(text, m.end(), end)
        if stop < end and text[stop] in ".!?":
            stop += 1
        if stop > m.end() and not any(f.span.start < stop and m.end() < f.span.end for f in found):
            add((m.end(), stop), (m.start("who"), m.end("who")), (m.start(), rskip_space(text, m.start(), m.end())))

    for m in _QUESTION_CUE.finditer(text, start, end):
        hi = min(end, m.end() + 500)
        stop = sentence_end(text, m.end(), hi)
        if stop < hi and text[stop] in "?？":
            stop += 1
        mention = "you" if m.group("you") else m.group("q")
        who = (m.start("you"), m.end("you")) if m.group("you") else (m.start("q"), m.end("q"))
        if mention and stop > m.end():
            add((m.end(), stop), who, (m.start(), rskip_space(text, m.start(), m.end())))

    if not found:
        return ()
    found.sort(key=lambda x: (x.span.start, -x.span.end))
    kept: list[EmbeddedSpeech] = []
    for item in found:
        if kept and item.span.start < kept[-1].span.end:
            continue  # the same words found by two cues, or nested quotes: keep the outer one
        kept.append(item)
    return tuple(kept)
