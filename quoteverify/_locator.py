"""The locator's engine: the source index, the three tiers and the assembly of a Location.

Public functions are in :mod:`quoteverify.location`, which checks what the
caller passed and calls in here with a ``str`` and a :class:`Source`. This
module is plain typed Python; a build with ``HATCH_BUILD_HOOKS_ENABLE=1``
compiles it with mypyc (same code, about 1.4 times faster; see
docs/performance.md). Keep it to what mypyc compiles: no monkey-patched
functions, annotations that hold at run time.
"""

from __future__ import annotations

import functools
import math
import operator
import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import accumulate, chain, compress, pairwise, repeat, takewhile
from typing import Final, NamedTuple

import attrs
from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, LCSseq

from ._text import CJK_RANGES, ELLIPSIS, GAP_SENTENCE_END, SENTENCE_PUNCTUATION, SIC
from ._tokens import whitespace_chunks
from .errors import InvalidInputError
from .model import Gap, Location, Source, Span
from .normalization import Normalized, is_plain_ascii, normalize
from .vocabulary import COMMON_WORDS, MEANING_WORDS

_NOT_CONTENT = frozenset(COMMON_WORDS).union(MEANING_WORDS)  # words that back no fuzzy match

# Word tokens for the index: stdlib ``re`` is several times faster than
# ``regex`` here and the index only needs a tokenisation that the source and
# the quote share. Han and Kana characters are single tokens.
_INDEX_WORD = re.compile(
    rf"\d+(?:[.,]\d+)+|[{CJK_RANGES}]|[^\W_{CJK_RANGES}]+(?:['\-][^\W_{CJK_RANGES}]+)*"
)
_WORDCHAR = re.compile(rf"[^\W_{CJK_RANGES}]")
_POSTED: Final = 20_000  # words more frequent keep no posting list; an exact look-up scans instead
_PAIR_POSTINGS: Final = 1024  # the two rarest words' places are compared when no more than this
_RARE_POSTINGS: Final = 64  # and, when they never agree, ranked one by one when no more than this
_SEED_BUDGET: Final = 64  # postings read per fragment once three seed words are in hand

# Ellipses split a quote into fragments: "...", "…", ". . .", "[...]", "[…]".
_MAYBE_ELLIPSIS = re.compile(r"\.\s*\.")  # every ellipsis form but "…" has two dots so close
_BRACKETED = re.compile(r"\W*\[[^\]]*\]\W*")


@attrs.frozen
class LocateOptions:
    """Thresholds of the locator; every one is a float in [0, 1] or a count.

    ``min_score``: the least word-level similarity (in-order shared words over
    the quote's words) for a fuzzy match to count. ``max_occurrences``: how
    many equal occurrences of an ambiguous quote are listed.
    ``max_postings``: words more frequent than this in the source are not
    used as seeds (they would vote everywhere).
    """

    min_score: float = 0.5
    max_occurrences: int = 100
    max_postings: int = 5000
    max_candidates: int = 3


DEFAULT_OPTIONS = LocateOptions()


_CHUNK: Final = 1 << 18  # characters of the source split into words at a time


_SPLIT_WORDS = re.compile(f"({_INDEX_WORD.pattern})")
# The same words in ASCII text, with plain ASCII classes: a third faster.
_SPLIT_ASCII_WORDS = re.compile(r"([0-9]+(?:[.,][0-9]+)+|[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*)")


def _split_words(text: str) -> list[str]:
    """Gaps and index words of ``text``, alternating: ``[gap, word, gap, ..., word, gap]``."""
    return (_SPLIT_ASCII_WORDS if text.isascii() else _SPLIT_WORDS).split(text)

# Word codes: each vocabulary word is one character of ``SourceIndex.codes``
# (its id as a code point), so windows are string slices and alignment runs on
# strings. A vocabulary past ``_OVERFLOW`` words (more than a million distinct
# words, a source of several hundred MB) shares one code for the rest: exact
# matches stay exact (the text is compared), a fuzzy match among those words
# may end a word off. A quote word the source lacks gets the first unused
# code (``SourceIndex.unknown``), which occurs nowhere in the source.
_OVERFLOW = 0x10FFFE


class _Codes(dict[str, str]):
    """Word -> one-character code, handing out the next code to a new word."""

    __slots__ = ()

    def __missing__(self, word: str) -> str:
        code = chr(min(len(self), _OVERFLOW))
        self[word] = code
        return code


@attrs.frozen
class IndexWords:
    """A source's words as :class:`SourceIndex` splits them, kept to build the index again cheaply.

    ``codes``: one character per word, ``chr(i)`` for the ``i``-th distinct
    word in order of first appearance; ``starts``: each word's offset in the
    normalised text; ``words``: the distinct words in that order. (At most
    ``_OVERFLOW`` distinct words: past that the index shares a code.)
    """

    codes: str
    starts: array[int]
    words: list[str]


def index_words(text: str) -> tuple[list[str], array[int]]:
    """The words of a normalised text in order and where each starts, as :class:`SourceIndex` has them.

    >>> index_words("we sell them a server")[1].tolist()
    [0, 3, 8, 13, 15]
    """
    parts = _split_words(text)
    ends = array("i" if len(text) < 2**31 else "q", accumulate(map(len, parts), initial=0))
    return parts[1::2], ends[1:-1:2]


# --- the same words at C speed, for a store of many sources (the archive) -------------
#
# :func:`index_words` (a regular expression) makes two strings per word,
# which is most of the cost of storing many sources. For ASCII text the same words
# come from C-speed string passes: a character that is not a letter, a
# digit, an apostrophe or a hyphen is never inside a word (nor a full stop
# or comma, unless between digits: a number); an apostrophe or hyphen is
# inside a word exactly when a letter or digit stands on each side. Where a
# digit, a full stop or comma and a digit stand together (a number may start
# there), the stretch around it is split by the locator itself. Other text
# (and the rare case of two words with nothing between) is split by the
# locator. The tests compare both on random text.

_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_IN_WORDS = str.maketrans({chr(i): " " for i in range(128) if chr(i) not in _ALNUM + "'-"})
_IN_NUMBERS = str.maketrans({chr(i): " " for i in range(128) if chr(i) not in _ALNUM + "'-.,"})
_DIGITS_AS_ZERO = str.maketrans(dict.fromkeys("123456789", "0"))
_GAPS = str.maketrans({chr(i): " " if i != 32 else "x" for i in range(128)})
_LOOSE = re.compile(r"['\-](?:(?<![0-9A-Za-z]['\-])|(?![0-9A-Za-z]))")  # joining nothing
_NUMBER = re.compile(r"[0-9][.,][0-9]")


def word_gaps(text: str) -> tuple[list[str], list[int]]:
    """The words of a normalised text as :func:`index_words` splits them, and the gap from each
    word's start to the next one's (the first from 0), from C-speed string passes.

    >>> word_gaps("it's 1,000.5 well-known -- servers.")
    (["it's", '1,000.5', 'well-known', 'servers'], [0, 5, 8, 14])
    """
    if not text.isascii():
        words, starts = index_words(text)
        return words, list(map(operator.sub, starts, chain((0,), starts)))
    v = text.translate(_IN_WORDS)
    if "'" in v or "-" in v:
        v = _LOOSE.sub(" ", v)
    digits = text.translate(_DIGITS_AS_ZERO)
    if "0." in digits or "0," in digits:
        patched = _split_numbers(text, v)
        if patched is None:
            words, starts = index_words(text)
            return words, list(map(operator.sub, starts, chain((0,), starts)))
        v = patched
    words = v.split()
    if not words:
        return words, []
    runs = v.translate(_GAPS).split()
    lead = v[0] == " "
    first = len(runs[0]) if lead else 0
    inner = runs[lead : lead + len(words) - 1]
    return words, [first, *map(operator.add, map(len, words), map(len, inner))]


def _split_numbers(text: str, v: str) -> str | None:
    """``v`` with each stretch that holds a number split by the locator (``None``: two words touch)."""
    seg = text.translate(_IN_NUMBERS)
    pieces: list[str] = []
    pos = 0
    for m in _NUMBER.finditer(text):
        at = m.start()
        if at < pos:
            continue
        a = seg.rfind(" ", 0, at) + 1
        b = seg.find(" ", at)
        b = len(text) if b < 0 else b
        words, starts = index_words(text[a:b])
        pieces.append(v[pos:a])
        end = 0
        for w, s in zip(words, starts, strict=True):
            if s == end and end:
                return None
            pieces.append(" " * (s - end))
            pieces.append(w)
            end = s + len(w)
        pieces.append(" " * (b - a - end))
        pos = b
    pieces.append(v[pos:])
    return "".join(pieces)


class SourceIndex:
    """The search index of one source: word offsets, word codes and posting lists, compact.

    Built once per :class:`~quoteverify.model.Source` (see :func:`index_source`)
    and shared, read-only, by every call and thread. ``codes`` holds one
    character per word of the source (the word's id as a code point), ``starts``
    each word's offset in the normalised text, and the posting lists every
    position of each word that occurs at most ``_POSTED`` times.

    An index made by :meth:`coded` is lazy: it counts a word and lists its
    places only when a look-up first asks (each then kept), for a small source
    read for one or two quotes (an archive's), where the whole postings would
    cost more than the look-ups.
    """

    __slots__ = (
        "_counts",
        "_found",
        "_offsets",
        "_postings",
        "codes",
        "norm",
        "starts",
        "unknown",
        "vocab",
        "words_by_id",
    )

    def __init__(
        self,
        norm: Normalized,
        split: IndexWords | None = None,
        *,
        coded: tuple[str, array[int], Mapping[str, str], Mapping[int, str] | None] | None = None,
    ) -> None:
        self.norm = norm
        if coded is not None:  # (see SourceIndex.coded)
            self.codes, self.starts = coded[0], coded[1]
            self.vocab: Mapping[str, str] = coded[2]
            self.words_by_id: Sequence[str] | Mapping[int, str] = (
                {ord(c): w for w, c in coded[2].items()} if coded[3] is None else coded[3]
            )
            self.unknown = chr(0xD800)  # (a surrogate: never a code, so it occurs nowhere)
            self._found: dict[str, tuple[int, array[int]]] | None = {}
            self._counts = self._offsets = self._postings = array(self.starts.typecode)
            return
        text = norm.text
        code = "i" if len(text) < 2**31 else "q"
        vocab: dict[str, str]
        if split is not None:
            # Kept from an earlier split of the same text (an archive stores them).
            codes, starts, by_id = split.codes, split.starts, split.words
            vocab = dict(zip(by_id, map(chr, range(len(by_id))), strict=True))
        else:
            # One C-speed split per chunk of about ``_CHUNK`` characters (cut at a
            # space, so no list of every word of a large source is ever held):
            # gaps and words alternate, so the running sum of their lengths gives
            # every word's start.
            coder = _Codes()  # (its own name: a _Codes, whose look-up hands out new codes)
            starts = array(code)
            pieces: list[str] = []
            for base, chunk in whitespace_chunks(text, _CHUNK):
                parts = _split_words(chunk)
                ends = array(code, accumulate(map(len, parts), initial=base))
                starts.extend(ends[1:-1:2])
                pieces.append("".join(map(coder.__getitem__, parts[1::2])))
            codes = "".join(pieces)
            del pieces
            vocab = coder
        n_ids = min(len(vocab), _OVERFLOW + 1)
        self.codes = codes
        self.starts = starts
        self.unknown = chr(n_ids)
        self.vocab = dict(vocab)
        words = list(vocab)
        self.words_by_id = (
            words if len(words) <= _OVERFLOW else [*words[:_OVERFLOW], ""]
        )
        self._found = None
        # Postings: token positions grouped by word, in text order within a
        # word (a counting sort into one array), for words rare enough to be
        # looked up by position; the most frequent words ("the", "of") are
        # only counted.
        tally = Counter(codes)  # word code -> occurrences
        counts: array[int] = array(code, (tally[chr(i)] for i in range(n_ids)))
        posted = bytes(0 < c <= _POSTED for c in counts)
        offsets: array[int] = array(
            code, accumulate((c if p else 0 for c, p in zip(counts, posted, strict=True)), initial=0)
        )
        cursor = offsets.tolist()
        # (an array, not a list: a list of a million Python ints would triple the peak)
        postings: array[int] = array(code, bytes(array(code).itemsize * offsets[-1]))
        ords = map(ord, codes)
        pairs = enumerate(ords) if all(posted) else compress(
            enumerate(map(ord, codes)), map(posted.__getitem__, ords)
        )
        for pos, i in pairs:
            c = cursor[i]
            postings[c] = pos
            cursor[i] = c + 1
        del cursor
        counts.append(0)  # the code of a word the source lacks: occurs nowhere
        del tally
        self._counts = counts
        self._offsets = offsets
        self._postings = postings

    @classmethod
    def coded(
        cls,
        norm: Normalized,
        codes: str,
        starts: array[int],
        words: Mapping[str, str],
        by_code: Mapping[int, str] | None = None,
    ) -> SourceIndex:
        """A lazy index of a text whose words were coded elsewhere (an archive, across sources).

        ``codes``: one character per word, any code but a surrogate;
        ``starts``: each word's offset in ``norm.text``; ``words``: each
        distinct word's code (any mapping: a word the text lacks must be
        missing from it); ``by_code``: each code's word, keyed by the code's
        ordinal (by default made from ``words``). Counts and places are found
        when first asked.

        >>> from quoteverify.normalization import normalize
        >>> norm = normalize("sell them a server")
        >>> index = SourceIndex.coded(norm, "\x90\x07\x05\x91", array("i", [0, 5, 10, 12]),
        ...                           {"sell": "\x90", "them": "\x07", "a": "\x05", "server": "\x91"})
        >>> list(index.postings("server")), index.frequency("a"), index.frequency("data")
        ([3], 1, 0)
        """
        return cls(norm, coded=(codes, starts, words, by_code))

    def __len__(self) -> int:
        return len(self.starts)

    def postings(self, word: str) -> Sequence[int]:
        """Token positions of ``word`` (in matching form), in text order.

        Empty for a word the source lacks, and for one too frequent to be
        posted (more than ``_POSTED`` occurrences; see :meth:`frequency`).
        """
        c = self.vocab.get(word)
        return () if c is None else self.postings_of_code(c)

    def postings_of_code(self, code: str) -> Sequence[int]:
        """Token positions of the word whose code (a character of ``codes``) is ``code``."""
        if self._found is not None:
            return self._look_up(code)[1]
        i = ord(code)
        return self._postings[self._offsets[i] : self._offsets[i + 1]]

    def frequency(self, word: str) -> int:
        """How many times ``word`` occurs in the source."""
        c = self.vocab.get(word)
        return 0 if c is None else self.frequencies(c)[0]

    def frequencies(self, codes: str) -> list[int]:
        """How many times the word of each code in ``codes`` occurs in the source."""
        if self._found is not None:
            return [self._look_up(c)[0] for c in codes]
        return list(map(self._counts.__getitem__, map(ord, codes)))

    def _look_up(self, code: str) -> tuple[int, array[int]]:
        """(lazy) A word's count and posting list, found in ``codes`` at C speed and kept."""
        found = self._found
        assert found is not None
        got = found.get(code)
        if got is None:
            n = self.codes.count(code)
            places = array(self._counts.typecode)
            if 0 < n <= _POSTED:
                find, at = self.codes.find, self.codes.find(code)
                while at >= 0:
                    places.append(at)
                    at = find(code, at + 1)
            got = found[code] = (n, places)
        return got

    def token_end(self, k: int) -> int:
        """End offset (normalised text) of token ``k``."""
        m = _INDEX_WORD.match(self.norm.text, self.starts[k])
        return m.end() if m else self.starts[k]

    def nbytes(self) -> int:
        """Approximate memory held by the index's arrays and vocabulary (not the texts)."""
        import sys

        size = sys.getsizeof(self.vocab) + sum(sys.getsizeof(w) for w in self.vocab)
        size += sys.getsizeof(self.words_by_id) + sys.getsizeof(self.codes)
        for a in (self.starts, self._postings, self._offsets, self._counts):
            size += a.itemsize * len(a)
        for _, a in (self._found or {}).values():
            size += a.itemsize * len(a)
        return size


def index_source(source: Source) -> SourceIndex:
    """The index of ``source``, built on first use and cached on the source.

    >>> src = Source("We don't have access to the data.")
    >>> index_source(src) is index_source(src)
    True
    """
    return source.cached(
        "index", lambda: SourceIndex(source.cached("normalized", lambda: normalize(source.text)))
    )


def content_words(words: Sequence[str]) -> set[str]:
    """The words of a fragment that count as content for a fuzzy match (see ``_content_codes``)."""
    return {w for w in set(words) - _NOT_CONTENT if len(w) >= 3 and w.isalpha()}


def paraphrase_words(words: Sequence[str]) -> set[str]:
    """The content words :func:`paraphrase_probes` looks for (its own, wider definition)."""
    return {w for w in words if len(w) >= 3 and w not in COMMON_WORDS}


# --- quote preparation ------------------------------------------------------------


def fragments_of(quote: str) -> list[Span]:
    """The quote's ellipsis-separated fragments that have words (see ``location.split_fragments``)."""
    return [piece for piece in _pieces(quote) if _has_word(piece.text)]


def _pieces(quote: str) -> list[Span]:
    """The text between ellipses, empty pieces included."""
    if "…" not in quote and _MAYBE_ELLIPSIS.search(quote) is None:
        return [Span(0, len(quote), quote)]
    out: list[Span] = []
    pos = 0
    for m in ELLIPSIS.finditer(quote):
        out.append(Span.of(quote, pos, m.start()))
        pos = m.end()
    out.append(Span.of(quote, pos, len(quote)))
    return out


def _has_word(text: str) -> bool:
    return _INDEX_WORD.search(normalize(text).text) is not None if text else False


class _Probe(NamedTuple):
    """One fragment of the quote, ready to search for (a named tuple: made once per fragment)."""

    span: Span  # in the quote text
    core: str  # normalised text from the first to the last word
    words: tuple[str, ...]  # index-form words of the core
    raw_core: str = ""  # the quote's own text from the first to the last word
    parts: tuple[str, ...] = ()  # gaps and words, alternating, from the first gap to the last


def _probe(fragment: Span) -> _Probe | None:
    text = fragment.text
    if "[" in text:
        text = SIC.sub(lambda m: " " * len(m.group()), text)
    n: Normalized | None = None
    if is_plain_ascii(text):
        norm = text.lower()  # what normalize() gives here, with no offset map to keep
        parts = _SPLIT_ASCII_WORDS.split(norm)
    else:
        n = normalize(text)
        norm = n.text
        parts = _split_words(norm)
    if len(parts) < 3:
        return None
    # Gaps and words alternate: the core runs from the first word to the last.
    first = len(parts[0])
    last = len(norm) - len(parts[-1])
    a, b = (first, last) if n is None else n.to_original(first, last)
    return _Probe(fragment, norm[first:last], tuple(parts[1::2]), text[a:b], tuple(parts))


# --- the three tiers -------------------------------------------------------------------


class _Hit(NamedTuple):
    """A match of one fragment in the normalised source (a named tuple: made per window)."""

    start: int  # normalised source offsets
    end: int
    score: float
    method: str
    q_first: int = 0  # the first and last+1 quote words matched (fuzzy hits)
    q_end: int = 0
    span_words: int = 0  # source words the fuzzy hit covers
    matched: int = 0  # quote words matched in order within them
    first_word: int = 0  # the index position of the first of them


def _is_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    if _WORDCHAR.match(first) and _WORDCHAR.match(before) and not _is_cjk(first):
        return False
    return not (_WORDCHAR.match(last) and _WORDCHAR.match(after) and not _is_cjk(last))


def _is_cjk(ch: str) -> bool:
    return re.match(rf"[{CJK_RANGES}]", ch) is not None


def _frequencies(index: SourceIndex, probe: _Probe, qcodes: str = "") -> list[int]:
    """How often each word of the fragment occurs in the source (looked up once per call)."""
    return index.frequencies(qcodes or _query_codes(index, probe))


def _exact_hits(
    index: SourceIndex, probe: _Probe, limit: int, freqs: Sequence[int] | None = None
) -> list[_Hit]:
    """Every occurrence of the fragment in the normalised source, at word boundaries.

    The rarest word of the fragment gives the candidate places through the
    index, so a miss costs a few look-ups rather than a scan of the source.
    """
    text = index.norm.text
    core = probe.core
    if freqs is None:
        freqs = _frequencies(index, probe)
    hits: list[_Hit] = []
    f = min(freqs, default=0)
    if f <= _POSTED:
        if f == 0:
            return hits
        k = freqs.index(f)  # the rarest word, the first of equals
        off = sum(map(len, probe.parts[1 : 2 * k + 1]))  # where it starts in the core
        starts = index.starts
        # (postings are in text order, so these starts are too, and distinct)
        for p in index.postings(probe.words[k]):
            start = starts[p] - off
            if (
                start >= 0
                and text.startswith(core, start)
                and _is_boundary(text, start, start + len(core))
            ):
                hits.append(_Hit(start, start + len(core), 1.0, "normalized"))
                if len(hits) >= limit:
                    break
        return hits
    start = text.find(core)
    while start != -1 and len(hits) < limit:
        end = start + len(core)
        if _is_boundary(text, start, end):
            hits.append(_Hit(start, end, 1.0, "normalized"))
        start = text.find(core, start + 1)
    return hits


def _top(counts: Counter[int], k: int) -> list[tuple[int, int]]:
    """The ``k`` largest counts; ties keep insertion order (a stable C-speed sort)."""
    return [(b, counts[b]) for b in sorted(counts, key=counts.__getitem__, reverse=True)[:k]]


class _Tally:
    """Seed votes counted so far for one quote, and how many seed words they came from."""

    __slots__ = ("counted", "votes")

    def __init__(self) -> None:
        self.votes: Counter[int] = Counter()
        self.counted = 0


def _seed_candidates(
    index: SourceIndex,
    probe: _Probe,
    opts: LocateOptions,
    *,
    budget_limit: int = 0,
    max_seeds: int = 12,
    freqs: Sequence[int] | None = None,
    tally: _Tally | None = None,
    qcodes: str = "",
) -> list[tuple[int, int]]:
    """Diagonals (source token index of the quote's first word) with their seed votes, best first.

    ``tally`` carries the votes of an earlier round on the same quote: both
    rounds take a prefix of the same order of seed words, so when the earlier
    one took fewer, only the new seed words are counted.
    """
    qcodes = qcodes or _query_codes(index, probe)
    qlen = len(qcodes)
    if freqs is None:
        freqs = _frequencies(index, probe, qcodes)
    cap = min(opts.max_postings, _POSTED)
    usable = sorted((f, i) for i, f in enumerate(freqs) if 0 < f <= cap)
    if not usable:
        return []
    # The rarest words first, until enough postings are in hand: rare words
    # pin the quote down; frequent ones only add votes everywhere.
    seeds: list[tuple[int, int]] = []
    budget = 0
    for f, i in usable:
        if len(seeds) >= 3 and (
            budget + f > (budget_limit or _SEED_BUDGET) or len(seeds) >= max_seeds
        ):
            break
        seeds.append((f, i))
        budget += f
    band = max(2, qlen // 6)
    if tally is None or tally.counted > len(seeds):
        tally = _Tally()  # (both rounds take a prefix of the same order; this one is shorter)
    bands: list[int] = []
    postings_of = index.postings_of_code
    for _, i in seeds[tally.counted :]:
        bands.extend({(p - i) // band for p in postings_of(qcodes[i])})  # one vote per band
    votes = tally.votes
    votes.update(bands)
    tally.counted = len(seeds)
    # A band and its neighbour share matches that drifted across the border.
    merged: Counter[int] = Counter()
    for b, v in _top(votes, opts.max_candidates * 4):
        merged[b] = v + max(votes.get(b - 1, 0), votes.get(b + 1, 0))
    need = 1 if len(seeds) <= 2 else 2
    best = [b for b, v in _top(merged, opts.max_candidates * 2) if v >= need]
    out: list[tuple[int, int]] = []
    near = max(2, qlen // 4)
    for b in best:
        d = b * band
        if all(abs(d - o) > near for o, _ in out):
            out.append((d, merged[b]))
        if len(out) >= opts.max_candidates:
            break
    return out


def _rare_candidates(
    index: SourceIndex, probe: _Probe, qcodes: str, freqs: Sequence[int], opts: LocateOptions
) -> list[tuple[int, int]]:
    """Diagonals where the two rarest words of the quote occur, best window first.

    When those words are rare enough (``_PAIR_POSTINGS`` places between
    them), the places where both sit as in the quote are the candidates, or,
    when there are none (one of them edited, or words inserted between them),
    every place of either, up to ``_RARE_POSTINGS``; several are ranked by the
    quote words each window holds in order (an LCS over word codes, at C
    speed) instead of by votes.
    Returns ``(diagonal, strength)`` pairs; empty when the words are too frequent.
    """
    order = sorted(range(len(freqs)), key=freqs.__getitem__)  # rarest first, in quote order
    k = 0
    while k < len(order) and not freqs[order[k]]:
        k += 1  # words the source lacks
    if len(order) - k < 2:
        return []
    i1, i2 = order[k], order[k + 1]
    if freqs[i1] + freqs[i2] > _PAIR_POSTINGS:
        return []
    words = probe.words
    first = {p - i1 for p in index.postings_of_code(qcodes[i1])}
    second = {p - i2 for p in index.postings_of_code(qcodes[i2])}
    both = first & second
    if len(both) == 1:
        return [(both.pop(), 2)]  # the one place both words sit as in the quote
    diagonals = both or (first | second)
    if len(diagonals) == 1:
        return [(diagonals.pop(), 1)]  # one place: nothing to rank
    if len(diagonals) > _RARE_POSTINGS:
        return []  # too many places to rank one by one: the seed votes decide
    qlen = len(words)
    slack = max(4, qlen // 2)
    codes = index.codes
    places = sorted(diagonals)
    # Scored in one C loop, best first (ties in text order); a window holding
    # fewer than _WEAK of the quote's words would not be aligned anyway.
    scored = process.extract(
        qcodes,
        [codes[max(0, d - slack) : d + qlen + slack] for d in places],
        scorer=LCSseq.similarity,
        limit=None,
        score_cutoff=max(1, math.ceil(_WEAK * qlen)),
    )
    # Keep the best of diagonals that would align the same window, and only
    # windows that hold at least half as many quote words as the best one.
    out: list[tuple[int, int]] = []
    near = max(2, qlen // 4)
    floor = scored[0][1] / 2 if scored else 0
    for _, score, k in scored:
        if score < floor or len(out) >= opts.max_candidates:
            break
        d = places[k]
        if all(abs(d - o) > near for o, _ in out):
            out.append((d, int(score)))
    return out


def _window_words(index: SourceIndex, lo: int, hi: int) -> list[tuple[int, int, str]]:
    text = index.norm.text
    lo = max(0, lo)
    hi = min(len(index.starts), hi)
    if lo >= hi:
        return []
    a = index.starts[lo]
    b = index.token_end(hi - 1)
    return [(m.start() + a, m.end() + a, m.group()) for m in _INDEX_WORD.finditer(text[a:b])]


def _equal_blocks(qids: str, wids: str) -> tuple[int, int, int, int, int]:
    """``(matched, q_first, w_first, q_end, w_end)`` of one LCS alignment (matched 0: none)."""
    matched = 0
    first = last = None
    for op in Indel.opcodes(qids, wids):
        if op.tag == "equal":
            matched += op.src_end - op.src_start
            if first is None:
                first = op
            last = op
    if first is None or last is None:
        return 0, 0, 0, 0, 0
    return matched, first.src_start, first.dest_start, last.src_end, last.dest_end


def _tightest(qids: str, wids: str) -> tuple[int, int, int, int, int] | None:
    """The tightest stretch of ``wids`` that keeps the most quote words matched.

    Both are word codes (see :class:`SourceIndex`; a quote word the source
    lacks is ``SourceIndex.unknown``). Returns ``(q_first, w_first, q_end, w_end,
    matched)``: the first and last matched words of the quote and of the
    window. An LCS alignment may anchor a common word ("we", "the") far from
    the rest, so the stretch is shrunk from both ends while no match is lost.
    Shrinking starts where one alignment's matches start and end (nothing
    outside them is needed), so it takes a step or two, not one per word.
    """
    matched, q_first, w_first, q_end, w_end = _equal_blocks(qids, wids)
    if matched == 0:
        return None
    lo, hi = w_first, w_end
    lcs = LCSseq.similarity
    while hi - lo > 1 and lcs(qids, wids[lo + 1 : hi]) == matched:
        lo += 1
    if lo == w_first:  # the first alignment still holds on wids[lo:hi]
        w_first, w_end = 0, w_end - lo
    else:
        _, q_first, w_first, q_end, w_end = _equal_blocks(qids, wids[lo:hi])
    end = lo + w_end
    while end - lo > 1 and lcs(qids, wids[lo : end - 1]) == matched:
        end -= 1
    if end != lo + w_end:
        _, q_first, w_first, q_end, w_end = _equal_blocks(qids, wids[lo:end])
    return q_first, lo + w_first, q_end, lo + w_end, matched


def _query_codes(index: SourceIndex, probe: _Probe) -> str:
    """The quote's words as the index's word codes (a word the source lacks: ``index.unknown``)."""
    return "".join(map(index.vocab.get, probe.words, repeat(index.unknown)))


def _content_codes(index: SourceIndex, probe: _Probe) -> tuple[tuple[str, ...], int]:
    """The word codes of the quote's content words that the source has, and how many there are.

    Content words: not common function words, three letters or more. One
    code per word: past the code space several words share a code, and each
    still counts.
    """
    content = content_words(probe.words)
    get = index.vocab.get
    return tuple(c for c in map(get, content) if c is not None), len(content)


def _align_window(
    index: SourceIndex,
    probe: _Probe,
    diag: int,
    qcodes: str,
    content: tuple[tuple[str, ...], int],
) -> _Hit | None:
    """The best alignment of the quote in the window around ``diag``, or None when it cannot score.

    ``content``: the codes of the quote's content words the source has, and
    how many content words the quote has (see :func:`_content_codes`).
    """
    content_codes, n_content = content
    qlen = len(probe.words)
    slack = max(4, qlen // 2)
    lo = max(0, diag - slack)
    hi = min(len(index.starts), diag + qlen + slack)
    if lo >= hi:
        return None
    wids = index.codes[lo:hi]
    # A window holding fewer than _WEAK of the quote's words in order cannot
    # score _WEAK (the score is at most matched / quote words): one C call.
    most = LCSseq.similarity(qcodes, wids, score_cutoff=max(1, math.ceil(_WEAK * qlen)))
    if not most:
        return None
    if n_content >= 2:
        # Nor can it when the content-word cut below brings even that bound
        # under _WEAK (the span found lies within the window).
        held = sum(map(set(wids).__contains__, content_codes))
        if 2 * held < n_content and most * 2 * held < _WEAK * qlen * n_content:
            return None
    edges = _tightest(qcodes, wids)
    if edges is None:
        return None
    lead_q, s_idx, q_end, e_idx, matched = edges
    words, starts, word_of = probe.words, index.starts, index.words_by_id
    # Extend over unmatched words at the quote's edges when they are typos
    # of the source's words, or when the quote's edge then lands exactly on a
    # sentence edge of the source (a replaced first or last word).
    text = index.norm.text
    k = (
        _similar_run(
            [(words[lead_q - 1 - j], word_of[ord(wids[s_idx - 1 - j])]) for j in range(min(lead_q, s_idx))]
        )
        if lead_q
        else 0
    )
    if lead_q and k < lead_q and not _starts_sentence(text, starts[lo + s_idx]):
        # The quote's first words are not the source's: if a sentence of the
        # source starts within a word or two of them, the quote starts there.
        for j in range(1, min(s_idx, lead_q + 2) + 1):
            if _starts_sentence(text, starts[lo + s_idx - j]):
                k = max(k, j)
                break
    s_first = s_idx - k
    trail_q = qlen - q_end
    n_w = len(wids)
    k2 = (
        _similar_run(
            [(words[q_end + j], word_of[ord(wids[e_idx + j])]) for j in range(min(trail_q, n_w - e_idx))]
        )
        if trail_q
        else 0
    )
    if trail_q and k2 < trail_q and not _ends_sentence(text, index.token_end(lo + e_idx - 1)):
        for j in range(1, min(n_w - e_idx, trail_q + 2) + 1):
            if _ends_sentence(text, index.token_end(lo + e_idx + j - 1)):
                k2 = max(k2, j)
                break
    s_last = e_idx + k2
    start = starts[lo + s_first]
    end = index.token_end(lo + s_last - 1)
    score = matched / max(qlen, s_last - s_first)
    # Shared function words alone are weak evidence: at least half of the
    # quote's content words must be in the span, or the score is cut down.
    if n_content >= 2:
        share = sum(map(set(wids[s_first:s_last]).__contains__, content_codes)) / n_content
        if share < 0.5:
            score *= 2 * share
    return _Hit(
        start,
        end,
        score,
        "seeded",
        lead_q - k,
        q_end + k2,
        s_last - s_first,
        matched,
        lo + s_first,
    )


def _similar_run(pairs: list[tuple[str, str]]) -> int:
    k = 0
    while k < len(pairs) and _similar(*pairs[k]):
        k += 1
    return k


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 3:
        return False
    return OSA.distance(a, b) <= (1 if max(len(a), len(b)) <= 5 else 2)


# Where a quote may start or stop short of a whole sentence without reading as cut: after
# sentence punctuation or a line break, and (for the end) before a comma too.
_SENTENCE_EDGE: Final = SENTENCE_PUNCTUATION | {"\n"}
_CLAUSE_EDGE: Final = _SENTENCE_EDGE | {","}


def _starts_sentence(text: str, offset: int) -> bool:
    i = offset - 1
    while i >= 0 and text[i] in " \"'([":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_EDGE


def _ends_sentence(text: str, offset: int) -> bool:
    i = offset
    while i < len(text) and text[i] in "\"')]":
        i += 1
    return i >= len(text) or text[i] in _CLAUSE_EDGE


_WIDE_SEEDS: Final = 8  # seed words at most in that round
_WIDE_BUDGET: Final = 800  # postings for the second, wider round of seeds
_HOPE: Final = 0.4  # below this best first-round score, the wider round is not tried
_GOOD: Final = 0.75  # a first-round hit this good ends the search for candidates
_SPLIT_BELOW: Final = 0.9  # a weaker best match is tried as two passages joined
_WEAK: Final = 0.25  # fuzzy hits kept for splice detection, below the reporting threshold
_SURE: Final = 0.9  # a candidate this good, with more votes than the next, ends the search


def _candidate_rounds(
    index: SourceIndex, probe: _Probe, opts: LocateOptions, qcodes: str, freqs: Sequence[int]
) -> Iterator[list[tuple[int, int]]]:
    """Candidate diagonals, round by round, each computed only when asked for."""
    yield _rare_candidates(index, probe, qcodes, freqs, opts)
    tally = _Tally()
    yield _seed_candidates(
        index,
        probe,
        opts,
        budget_limit=_SEED_BUDGET,
        max_seeds=12,
        freqs=freqs,
        tally=tally,
        qcodes=qcodes,
    )
    yield _seed_candidates(
        index,
        probe,
        opts,
        budget_limit=_WIDE_BUDGET,
        max_seeds=_WIDE_SEEDS,
        freqs=freqs,
        tally=tally,
        qcodes=qcodes,
    )


def _fuzzy_hits(
    index: SourceIndex,
    probe: _Probe,
    opts: LocateOptions,
    freqs: Sequence[int] | None = None,
    qcodes: str = "",
) -> list[_Hit]:
    """Aligned candidate windows scoring at least ``_WEAK``, best first, not overlapping."""
    qcodes = qcodes or _query_codes(index, probe)
    if freqs is None:
        freqs = _frequencies(index, probe, qcodes)
    hits: list[_Hit] = []
    seen: set[int] = set()
    content = _content_codes(index, probe)
    # The places of the two rarest words, ranked by how many quote words each
    # window holds in order; then, unless one of them is good, a round of seed
    # votes on the rarest words, and a wider one only when that finds nothing
    # good (quotes of common words, or whose rare words were edited).
    for n, found in enumerate(_candidate_rounds(index, probe, opts, qcodes, freqs)):
        candidates = [c for c in found if c[0] not in seen]
        for k, (d, votes) in enumerate(candidates):
            seen.add(d)
            hit = _align_window(index, probe, d, qcodes, content)
            if hit is not None and hit.score >= _WEAK:
                hits.append(hit)
                following = candidates[k + 1][1] if k + 1 < len(candidates) else 0
                if hit.score >= _SURE and following < votes:
                    break
        best = max((h.score for h in hits), default=None)
        if best is not None and (best >= _GOOD or (best < _HOPE and n > 0)):
            break  # good enough, or the voted candidates barely resemble the quote
    hits.sort(key=lambda h: (-h.score, h.start))
    out: list[_Hit] = []
    for h in hits:
        if all(h.end <= o.start or h.start >= o.end for o in out):
            out.append(h)
    return out


def _find(index: SourceIndex, probe: _Probe, opts: LocateOptions) -> list[_Hit]:
    exact = _exact_hits(index, probe, opts.max_occurrences)
    if exact:
        return exact
    return [h for h in _fuzzy_hits(index, probe, opts) if h.score >= opts.min_score]


# --- assembling a Location ------------------------------------------------------------


def prepare(text: str) -> list[_Probe]:
    """The quote's fragments ready to search; a quote with no words is an error."""
    if not text.strip():
        msg = "quote must contain some text (got an empty or whitespace-only string)"
        raise InvalidInputError(msg)
    probes = _probes(text)
    if not probes:
        msg = f"quote has no words to look for (got {text[:40]!r})"
        raise InvalidInputError(msg)
    return list(probes)


@functools.lru_cache(maxsize=512)
def _probes(text: str) -> tuple[_Probe, ...]:
    """The fragments of a quote, ready to search (cached: verify asks locate and then
    find_paraphrase, and a story repeats its quotes; probes are immutable)."""
    return tuple(p for p in map(_probe, _pieces(text)) if p is not None)


def _to_span(source: Source, index: SourceIndex, hit: _Hit) -> Span:
    start, end = index.norm.to_original(hit.start, hit.end)
    return Span(start, end, source.text[start:end])


def _gap(
    source: Source, index: SourceIndex, a: tuple[Span, _Hit], b: tuple[Span, _Hit]
) -> Gap:
    """The distance between two fragments (spans, with the hits they came from).

    The words and the sentence ends that start between the two, counted
    without reading a long stretch between them (a spliced quote may join
    the first and last pages of a long source): words through the index's
    word starts; sentence ends directly when the gap is short, else through
    a table of them built once per source, on first need.
    """
    (sa, ha), (sb, hb) = a, b
    chars = max(0, sb.start - sa.end if sa.end <= sb.start else sa.start - sb.end)
    lo, hi = (ha.end, hb.start) if ha.end <= hb.start else (hb.end, ha.start)
    hi = max(hi, lo)
    text = index.norm.text
    if hi - lo <= _NEAR_GAP:
        sentences = sum(1 for _ in takewhile(lambda m: m.start() < hi, GAP_SENTENCE_END.finditer(text, lo)))
    else:  # the same count: the marks that start between the two
        ends = source.cached("sentence ends", lambda: _sentence_ends(text))
        sentences = bisect_left(ends, hi) - bisect_left(ends, lo)
    starts = index.starts
    return Gap(chars, bisect_left(starts, hi) - bisect_left(starts, lo), sentences)


_NEAR_GAP: Final = 20_000  # characters between fragments counted directly


def _sentence_ends(text: str) -> array[int]:
    """Where each sentence-ending mark of ``text`` starts (one C-speed scan)."""
    return array("q", map(re.Match.start, GAP_SENTENCE_END.finditer(text)))


def _choose_in_order(
    per_fragment: list[list[_Hit]],
) -> tuple[list[_Hit], bool]:
    """Pick one hit per fragment, preferring the best, then reading order."""
    chosen: list[_Hit] = []
    prev_end = -1
    for hits in per_fragment:
        best_score = hits[0].score if hits else 0.0
        top = [h for h in hits if h.score >= best_score - 1e-9]
        after = [h for h in top if h.start >= prev_end]
        h = min(after, key=lambda x: x.start) if after else top[0]
        chosen.append(h)
        prev_end = h.end
    in_order = all(chosen[i].start >= chosen[i - 1].end for i in range(1, len(chosen)))
    return chosen, in_order


def _location(
    source: Source,
    index: SourceIndex,
    probes: list[_Probe],
    hits: list[_Hit],
    *,
    in_order: bool,
    occurrences: tuple[Span, ...] = (),
    unmarked: bool = False,
) -> Location:
    frags = tuple(_to_span(source, index, h) for h in hits)
    if len(frags) == 1:  # the common case, without the sums
        start, end, score = frags[0].start, frags[0].end, hits[0].score
        method = hits[0].method
        if method == "normalized" and frags[0].text == probes[0].raw_core:
            method = "exact"
        gaps: tuple[Gap, ...] = ()
    else:
        start = min(f.start for f in frags)
        end = max(f.end for f in frags)
        qlens = [len(p.words) for p in probes]
        score = sum(h.score * n for h, n in zip(hits, qlens, strict=True)) / max(1, sum(qlens))
        methods = {h.method for h in hits}
        method = "normalized" if methods == {"normalized"} else "seeded"
        if method == "normalized" and all(
            f.text == p.raw_core for f, p in zip(frags, probes, strict=True)
        ):
            method = "exact"
        gaps = tuple(_gap(source, index, a, b) for a, b in pairwise(zip(frags, hits, strict=True)))
    return Location(
        start=start,
        end=end,
        text=frags[0].text if len(frags) == 1 else source.text[start:end],
        score=round(score, 6),
        fragments=frags,
        quote_fragments=tuple(p.span for p in probes),
        gaps=gaps,
        in_order=in_order,
        method=method,
        occurrences=occurrences,
        unmarked_splice=unmarked,
    )


def _split_unmatched(
    probe: _Probe,
    index: SourceIndex,
    best: _Hit | None,
    opts: LocateOptions,
    *,
    qcodes: str,
    freqs: Sequence[int],
) -> tuple[list[_Probe], list[_Hit]] | None:
    """A quote that is two passages joined with no ellipsis: find where it breaks.

    Candidate cuts are where the best (possibly weak) match leaves three or
    more quote words unmatched at either end, and where the source jumps
    furthest between two matched runs. Each side of a cut is looked up on
    its own; both must then match well, and together better than the whole.
    """
    n = len(probe.words)
    if n < 6:
        return None
    if best is None or best.score >= _SPLIT_BELOW:
        return None
    # An edge of the match may be off by a word or two (a short common word
    # of one passage matching next to the other), so its neighbours are tried too.
    cuts: list[int] = []
    if best.q_first >= 2:
        cuts.extend(best.q_first + d for d in (0, 1, 2, -1))
    if n - best.q_end >= 2:
        cuts.extend(best.q_end + d for d in (0, -1, -2, 1))
    # Where the quote's own sentences meet: two sentences from different places is the commonest
    # splice, and the best single match may cover one of them and garble the other.
    if best.matched < n:  # (every quote word in order in one place is no splice of sentences)
        cuts.extend(_sentence_cuts(probe))
    if not cuts and best.span_words - best.matched < 3:
        return None  # no unmatched edge, and the source skips too little for a jump
    first = best.first_word
    window = index.codes[first : first + best.span_words]
    blocks = [op for op in Indel.opcodes(qcodes, window) if op.tag == "equal"]
    text = index.norm.text
    # Where the source skips at least three words more than the quote does,
    # unless what it skips is a bracketed insertion of its own.
    jumps = sorted(
        (
            (skipped, nxt.src_start)
            for prev, nxt in pairwise(blocks)
            if (skipped := (nxt.dest_start - prev.dest_end) - (nxt.src_start - prev.src_end)) >= 3
            and not _BRACKETED.fullmatch(
                text[index.token_end(first + prev.dest_end - 1) : index.starts[first + nxt.dest_start]]
            )
        ),
        reverse=True,
    )
    cuts.extend(c for _, c in jumps[:2])
    tried: set[int] = set()
    result: tuple[float, list[_Probe], list[_Hit]] | None = None
    for cut in cuts:
        if cut in tried or not 2 <= cut <= n - 2:
            continue
        tried.add(cut)
        if not (
            _words_occur(index, qcodes[:cut], freqs[:cut])
            or _words_occur(index, qcodes[cut:], freqs[cut:])
        ):
            continue  # neither side is in the source word for word: no exact side below
        pieces = _cut_probe(probe, cut)
        if len(pieces) != 2:
            continue
        # Word for word first (cheap); when one side is found so, a longer
        # other side may also match loosely.
        found = [_exact_hits(index, p, 1) for p in pieces]
        if not any(found):
            continue
        found = [
            f or (_find(index, p, opts) if len(p.words) >= 6 else [])
            for f, p in zip(found, pieces, strict=True)
        ]
        # Each side must match well; a side of two words only word for word.
        if not all(found) or any(
            h[0].score < (0.8 if len(p.words) >= 3 else 1.0)
            for h, p in zip(found, pieces, strict=True)
        ):
            continue
        combined = sum(h[0].score * len(p.words) for h, p in zip(found, pieces, strict=True)) / n
        if combined > best.score + 0.15 and (result is None or combined > result[0]):
            result = (combined, pieces, [h[0] for h in found])
    return None if result is None else (result[1], result[2])


def _sentence_cuts(probe: _Probe) -> list[int]:
    """The word indexes at which a new sentence of the quote starts."""
    gaps = probe.parts[2::2]  # the gap before word i is parts[2 * i]
    return [i for i, gap in enumerate(gaps[: len(probe.words)], 1) if GAP_SENTENCE_END.search(gap)]


def locate_split(probes: list[_Probe], src: Source, at: int, opts: LocateOptions) -> Location | None:
    """The quote as two passages joined at character ``at`` of its text (an unmarked splice),
    each side found on its own and matching well; ``None`` when either side does not."""
    if len(probes) != 1:
        return None
    probe = probes[0]
    index = index_source(src)
    cut = sum(1 for _ in _INDEX_WORD.finditer(normalize(probe.span.text[: max(0, at - probe.span.start)]).text))
    if not 2 <= cut <= len(probe.words) - 2:
        return None
    pieces = _cut_probe(probe, cut)
    if len(pieces) != 2:
        return None
    found = [_exact_hits(index, p, 1) or (_find(index, p, opts) if len(p.words) >= 3 else []) for p in pieces]
    if not all(found) or any(h[0].score < 0.8 for h in found):
        return None
    chosen = [h[0] for h in found]
    return _location(
        src, index, pieces, chosen, in_order=chosen[1].start >= chosen[0].end, unmarked=True
    )


def _words_occur(index: SourceIndex, qcodes: str, freqs: Sequence[int]) -> bool:
    """Whether the source has these words one after another (what an exact match needs)."""
    if not qcodes or index.unknown in qcodes:
        return False
    k = min(range(len(qcodes)), key=freqs.__getitem__)
    codes = index.codes
    if freqs[k] > _POSTED:
        return qcodes in codes
    return any(
        p >= k and codes.startswith(qcodes, p - k) for p in index.postings_of_code(qcodes[k])
    )


def _cut_probe(probe: _Probe, cut: int) -> list[_Probe]:
    text = probe.span.text
    n = normalize(SIC.sub(lambda m: " " * len(m.group()), text))
    words = [(m.start(), m.end()) for m in _INDEX_WORD.finditer(n.text)]
    # Map the cut (a word index) back to the quote text.
    cut_at = n.start_to_original(words[cut][0])
    left = Span.of(text, 0, cut_at)
    right = Span.of(text, cut_at, len(text))
    out = []
    for part in (left, right):
        p = _probe(part)
        if p is not None:
            out.append(
                p._replace(
                    span=Span(
                        probe.span.start + part.start, probe.span.start + part.end, part.text
                    ),
                )
            )
    return out


def locate_probes(probes: list[_Probe], src: Source, opts: LocateOptions) -> Location | None:
    """``location.locate`` on a prepared quote (see :func:`prepare`)."""
    index = index_source(src)
    if len(probes) == 1:
        probe = probes[0]
        qcodes = _query_codes(index, probe)
        freqs = _frequencies(index, probe, qcodes)
        hits = _exact_hits(index, probe, opts.max_occurrences, freqs)
        if not hits:
            weak = _fuzzy_hits(index, probe, opts, freqs, qcodes)
            hits = [h for h in weak if h.score >= opts.min_score]
            split = _split_unmatched(
                probe, index, weak[0] if weak else None, opts, qcodes=qcodes, freqs=freqs
            )
            if split is not None:
                pieces, chosen = split
                in_order = chosen[1].start >= chosen[0].end
                return _location(src, index, pieces, chosen, in_order=in_order, unmarked=True)
        if not hits:
            return None
        best = hits[0]
        top = [h for h in hits if h.score >= best.score - 1e-9]
        occurrences = tuple(_to_span(src, index, h) for h in top) if len(top) > 1 else ()
        return _location(src, index, probes, [top[0]], in_order=True, occurrences=occurrences)
    per_fragment = [_find(index, p, opts) for p in probes]
    if any(not hits for hits in per_fragment):
        found = [(p, h) for p, h in zip(probes, per_fragment, strict=True) if h]
        if not found:
            return None
        # Report what was found; the fragments that were not are simply absent.
        probes = [p for p, _ in found]
        per_fragment = [h for _, h in found]
    chosen, in_order = _choose_in_order(per_fragment)
    return _location(src, index, probes, chosen, in_order=in_order)


def locate_all_probes(probes: list[_Probe], src: Source, opts: LocateOptions) -> list[Location]:
    """``location.locate_all`` on a prepared quote."""
    index = index_source(src)
    if len(probes) > 1:
        loc = locate_probes(probes, src, opts)
        return [] if loc is None else [loc]
    return [
        _location(src, index, probes, [h], in_order=True) for h in _find(index, probes[0], opts)
    ]


def paraphrase_probes(
    probes: list[_Probe], quote_text: str, src: Source, min_share: float, opts: LocateOptions
) -> Location | None:
    """``location.find_paraphrase`` on a prepared quote (``quote_text`` its text)."""
    index = index_source(src)
    words = tuple(w for p in probes for w in p.words)
    content = paraphrase_words(words)
    if len(content) < 3:
        return None
    core = " ".join(words)
    probe = _Probe(Span(0, len(core), core), core, tuple(sorted(content)), core)
    qlen = len(words)
    best: tuple[float, int, int, int] | None = None  # share, -length, start, end
    for d, _ in _seed_candidates(index, probe, opts):
        window = _window_words(index, d - qlen, d + 2 * qlen)
        hits = [i for i, (_, _, w) in enumerate(window) if w in content]
        for i0 in range(len(hits)):
            # the widest stretch from this content word that stays within 2x the quote
            i1 = max(j for j in range(i0, len(hits)) if hits[j] - hits[i0] < 2 * qlen)
            share = len({window[k][2] for k in hits[i0 : i1 + 1]}) / len(content)
            a, b = window[hits[i0]][0], window[hits[i1]][1]
            cand = (share, a - b, a, b)
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best is None or best[0] < min_share:
        return None
    start, end = index.norm.to_original(best[2], best[3])
    span = Span(start, end, src.text[start:end])
    return Location(
        start=start,
        end=end,
        text=span.text,
        score=round(best[0], 6),
        fragments=(span,),
        quote_fragments=(Span(0, len(quote_text), quote_text),),
        method="paraphrase",
    )
