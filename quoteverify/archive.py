"""An archive: many sources in one SQLite file, searched as one, with the same answers as a list.

:class:`Archive` keeps every source's text and metadata, and two indexes
over all of them: a block index (each source's words cut into blocks of 32,
numbered across the archive; for each word that can be a content word of a
quote, the blocks that hold it) and a word index (for each word, the
sources that hold it). To check a quote it asks the indexes which sources
*can* hold a match, checks where the quote's words sit in each of those
(from its stored word codes), and runs
:func:`~quoteverify.verification.verify` on the ones left (copies of one
text, read alike, verified once for all of them). A source is left
out only when it cannot match: the locator scores a fuzzy match by the
quote's words found in order within a stretch of bounded length, cut down
when few of the quote's content words are there, so a stretch without
enough of them cannot reach ``min_score``; two passages joined need each
side found on its own, and a paraphrase most of the quote's content words
close together. Every bound only over-estimates. The result is the
:class:`~quoteverify.model.Verification` that ``verify`` gives over every
source as a list (same best match, fidelity, attribution).

The file is an ordinary SQLite database (standard library, no server), in
WAL mode: one writer and any number of readers, in any number of
processes. Every :meth:`Archive.add` is one transaction: a process killed
in the middle leaves the archive as it was. An add splits, packs and
indexes its sources a chunk at a time (in worker processes when it is
large, see :meth:`Archive.add_many`) and merges the chunks in order, so
the archive is the same however it was built. The indexes are stored as
arrays of ids per word (a word in many blocks: a compressed bitmap of
them), written in segments (one or more per add) and merged by
:meth:`Archive.compact`; removed sources are tombstoned until then. Texts
are stored compressed, with each source's word codes and word starts, from
which a candidate's locator index is made without splitting its text
again (a word's places found only when a quote asks for that word, and a
word's code asked of the archive's look-ups of the quote's words rather
than from a table of every word the source holds).

>>> import quoteverify as qv
>>> archive = qv.Archive(":memory:")
>>> key = archive.add(qv.Source("We don't have access to the data. What we do is sell them a server.",
...                             title="interview"))
>>> _ = archive.add(qv.Source("Technology is definitely not to blame.", title="panel"))
>>> v = archive.verify("technology is definitely to blame")
>>> v.fidelity.value, v.source.title
('altered', 'panel')
>>> len(archive)
2
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import math
import operator
import os
import pickle
import queue
import re
import sqlite3
import subprocess
import sys
import threading
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from itertools import accumulate, chain, islice, repeat
from pathlib import Path
from typing import Any, NamedTuple

import attrs
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from . import _locator
from ._layouts import LAYOUTS
from .config import DEFAULT_CONFIG, VerifyConfig
from .errors import InvalidInputError, QuoteVerifyError, check_text
from .extraction import extract_quotes, parse_article
from .limits import limit_for
from .model import (
    AttributedQuote,
    Fidelity,
    Quote,
    Report,
    Source,
    SourceMatch,
    Speaker,
    Verification,
)
from .normalization import Normalized, normalize, normalized_text
from .sources import (
    parse_auto,
    parse_layout,
    parse_plain,
    parse_srt,
    parse_transcript,
    parse_webvtt,
)
from .speakers import SpeakerRegistry
from .verification import source_key
from .verification import verify as _verify_list

__all__ = [
    "Archive",
    "ArchiveError",
    "ArchiveLockedError",
    "CorruptArchiveError",
    "DuplicateSourceError",
    "IncompatibleArchiveError",
]

#: Written into every archive; an archive with another major version is refused.
SCHEMA_VERSION = 3
_APPLICATION = "quoteverify-archive"
_SEGMENT_CHARS = 64_000_000  # text indexed in memory before its postings are written out
_MAX_SEGMENTS = 16  # past this many, an add merges the smaller segments
_ID = "i"  # source ids in a posting array: 32-bit signed
_CACHE_SOURCES = 256  # parsed, indexed sources kept in memory by an open archive
_VERBATIM_TRIES = 3  # sources verified one by one, earliest place first, for a verbatim match
_REACH_BACK = 250  # characters a match may start before its first word (the locator widens by 200)
_BLOCK = 32  # words per block of the block index (a power of two; see _block_candidates)
_BLOCK_ID = "I"  # block ids: 32-bit unsigned, numbered across the archive
_BODIES_PER_INSERT = 256  # source rows written at a time during an add
_LATE_INDEXES = ("postings_term", "blocks_term")  # built after the rows by an add into no index
_CODES = "utf-16-le"  # how word codes are stored: Python reads them 10-20x faster than UTF-8
# (codes are mostly 3- and 4-byte UTF-8 characters) for 9 % more bytes


class ArchiveError(QuoteVerifyError, OSError):
    """An archive file that cannot be used as asked (see the subclasses)."""


class CorruptArchiveError(ArchiveError):
    """The file is not a quoteverify archive, or is damaged or truncated."""


class IncompatibleArchiveError(ArchiveError):
    """The archive was written by an incompatible version of quoteverify."""


class ArchiveLockedError(ArchiveError):
    """Another process is writing to the archive; try again when it is done."""


class DuplicateSourceError(QuoteVerifyError, KeyError):
    """The source (same key, or same text and metadata) is already in the archive."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    key TEXT UNIQUE,
    digest TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,
    url TEXT,
    published TEXT,
    speaker TEXT,
    parsed INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    block0 INTEGER NOT NULL DEFAULT 0,
    blocks INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_digest ON sources (digest) WHERE removed = 0;
CREATE INDEX sources_removed ON sources (id) WHERE removed = 1;
CREATE TABLE bodies (
    id INTEGER PRIMARY KEY, codes BLOB NOT NULL, starts BLOB NOT NULL, text BLOB NOT NULL
);
CREATE TABLE postings (seg INTEGER NOT NULL, term TEXT NOT NULL, n INTEGER NOT NULL, docs BLOB NOT NULL);
CREATE INDEX postings_term ON postings (term, seg, n);
CREATE TABLE blocks (seg INTEGER NOT NULL, term TEXT NOT NULL, n INTEGER NOT NULL, ids BLOB NOT NULL);
CREATE INDEX blocks_term ON blocks (term, seg);
CREATE TABLE terms (term TEXT PRIMARY KEY, id INTEGER NOT NULL);
CREATE TABLE segments (seg INTEGER PRIMARY KEY, sources INTEGER NOT NULL, pairs INTEGER NOT NULL);
"""


def _speaker_json(speaker: Speaker | None) -> str | None:
    if speaker is None:
        return None
    return json.dumps(
        {
            "name": speaker.name,
            "aliases": list(speaker.aliases),
            "roles": list(speaker.roles),
            "organization": speaker.organization,
        },
        ensure_ascii=False,
    )


def _speaker_of(value: str | None) -> Speaker | None:
    if value is None:
        return None
    d = json.loads(value)
    return Speaker(
        d["name"], aliases=d["aliases"], roles=d["roles"], organization=d["organization"]
    )


def _digest(src: Source) -> str:
    """What makes two sources the same for ``verify`` (its duplicate rule), and their format."""
    h = hashlib.blake2b(digest_size=16)
    for part in (
        src.text,
        src.title or "",
        src.url or "",
        src.published.isoformat() if src.published is not None else "",
        src.speaker.name if src.speaker is not None else "",
        src.format,
    ):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00\x01")
    return h.hexdigest()


def _reparse(text: str, fmt: str, meta: dict[str, Any]) -> Source:
    """A source with turns, rebuilt from its text by the parser of its format."""
    if fmt == "transcript":
        return parse_transcript(text, **meta)
    if fmt == "webvtt":
        return parse_webvtt(text, **meta)
    if fmt == "srt":
        return parse_srt(text, **meta)
    if fmt == "article":
        return parse_article(text, **meta)
    if fmt in LAYOUTS:  # briefing, rev, otter, congressional, hansard, ...
        return parse_layout(text, fmt, **meta)
    if fmt == "numbered":  # (the text kept has its margin numbers blanked already)
        return attrs.evolve(parse_transcript(text, **meta), format="numbered")
    if fmt == "press_release":
        return parse_auto(text, **meta)  # (the releasing organisation is found again)
    return parse_plain(text, speaker=meta.pop("speaker", None), **meta)


def _turn_digest(src: Source) -> list[tuple[int, int, str]]:
    return [(t.start, t.end, t.speaker.name if t.speaker else "") for t in src.turns]


def _joined(rows: Iterable[tuple[str, bytes]], typecode: str) -> dict[str, array[int]]:
    """Per term, its arrays from several segments (rows in segment order) joined into one."""
    out: dict[str, array[int]] = {}
    for term, data in rows:
        arr = out.get(term)
        if arr is None:
            out[term] = arr = array(typecode)
        arr.frombytes(data)
    return out


def _code(i: int) -> str:
    """The character that stands for word ``i`` in a source's word codes (surrogates skipped)."""
    if i < 0xD800:
        return chr(i)
    return chr(min(i + 0x800, 0x10FFFF))  # past the code space, words share the last code


def _id_of(code: str) -> int:
    """The word id that :func:`_code` wrote as ``code`` (below the shared last code).

    >>> [_id_of(_code(i)) for i in (5, 0xD7FF, 0xD800, 0x10000)]
    [5, 55295, 55296, 65536]
    """
    o = ord(code)
    return o if o < 0xD800 else o - 0x800


class _Terms(dict[str, str]):
    """Word -> code character, handing a new word the next id (kept in ``ids``).

    ``kept``: the words the block index keeps (:func:`_add_blocks`), each
    decided once: those read at the start, then new ones (``fresh``) when
    :func:`_keep_fresh` is called.
    """

    def __init__(self, rows: Iterable[tuple[str, int]]) -> None:
        super().__init__()
        self.ids: dict[str, int] = {}
        for term, i in rows:
            self.ids[term] = i
            self[term] = _code(i)
        self.version = -1  # the archive's PRAGMA data_version these words were read at
        self.kept = _locator.paraphrase_words(list(self.ids))
        self.fresh: list[str] = []

    def __missing__(self, word: str) -> str:
        i = len(self.ids)
        self.ids[word] = i
        code = self[word] = _code(i)
        self.fresh.append(word)
        return code


def _keep_fresh(codes: _Terms | _LocalCodes) -> set[str]:
    """The words the block index keeps among those coded so far (new ones decided now)."""
    if codes.fresh:
        codes.kept |= _locator.paraphrase_words(codes.fresh)
        codes.fresh.clear()
    return codes.kept


#: Per source, the stretches of its words (``lo, hi``) that a fuzzy match of a fragment must lie
#: in, and those a paraphrase must lie in (see :meth:`Archive._block_candidates`).
_Regions = tuple[list[tuple[int, int]], list[tuple[int, int]]]


class _Side:
    """A run of quote words prepared once per quote for :func:`_may_score` at threshold ``m``."""

    def __init__(self, words: Sequence[str], m: float, code_of: dict[str, str]) -> None:
        self.words = words
        self.m = m
        self.n = n = len(words)
        self.mult: dict[str, int] = {}
        for w in words:
            self.mult[w] = self.mult.get(w, 0) + 1
        self.content = sorted(_locator.content_words(words))
        self.nc = len(self.content)
        self.qcodes = "".join(code_of.get(w, "") for w in words)  # (a word no source has: none)
        self.ccodes = [code_of[w] for w in self.content if w in code_of]
        self.span = int(n / m) + 2
        self.width = int(n / m + 1e-9)  # the most source words a match's span can cover
        self.need = max(1, math.ceil(m * n - 1e-9))

    def room(self, codes: str) -> bool:
        """Whether ``codes`` as a whole can score ``m``: the bound of :func:`_may_score` with every
        stretch widened to all of ``codes`` (in-order shared words, at C speed, and the share of
        the content words), checked before any word is placed.
        """
        bound = LCSseq.similarity(self.qcodes, codes) / self.n
        if bound < self.m - 1e-9:
            return False
        if self.nc >= 2:
            share = sum(1 for c in self.ccodes if c in codes) / self.nc
            if share < 0.5:
                bound *= 2 * share
        return bound >= self.m - 1e-9


class _Windows:
    """A quote's words as word codes, and its fragments prepared for :meth:`_Plan.near_enough`."""

    __slots__ = ("code_of", "full", "heads", "patterns", "probe_words", "sides", "tails")

    def __init__(self, code_of: dict[str, str], probe_words: list[list[str]]) -> None:
        self.code_of = code_of
        self.patterns = {c: re.compile(re.escape(c)) for c in code_of.values()}
        self.full = [[code_of.get(w) for w in words] for words in probe_words]
        self.sides: dict[tuple[int, int, int, float], _Side] = {}
        self.probe_words = probe_words
        # The first fragment's first and last ``c`` words as one run of codes, for each ``c``
        # (``None`` past a word no source has): what :func:`_may_join` looks for.
        full = self.full[0] if self.full else []
        self.heads = [_joined_codes(full[:c]) for c in range(len(full) + 1)]
        self.tails = [_joined_codes(full[c:]) for c in range(len(full) + 1)]

    def side(self, k: int, lo: int, hi: int, m: float) -> _Side:
        """Words ``lo:hi`` of fragment ``k`` at threshold ``m`` (prepared on first need)."""
        key = (k, lo, hi, m)
        got = self.sides.get(key)
        if got is None:
            got = self.sides[key] = _Side(self.probe_words[k][lo:hi], m, self.code_of)
        return got


def _joined_codes(codes: list[str | None]) -> str | None:
    """Word codes as one run (``None`` when a word has none: no source holds the run).

    >>> _joined_codes(["a", "b"]), _joined_codes(["a", None])
    ('ab', None)
    """
    return None if None in codes else "".join(codes)  # type: ignore[arg-type]


class _Plan:
    """What a quote needs of a source for any match: per fragment, the words and content words.

    ``bound(present)`` is an upper bound of the locator's score in a source
    that holds the words ``present`` (a bit mask over ``words``), and
    ``paraphrase(present)`` whether a paraphrase can be found there.
    """

    __slots__ = (
        "fragments",
        "min_score",
        "para",
        "para_need",
        "para_words",
        "probe_words",
        "single",
        "words",
    )

    def __init__(self, probes: Sequence[Any], min_score: float, min_share: float) -> None:
        words: list[str] = []
        for p in probes:
            words.extend(w for w in p.words if w not in words)
        self.words = words
        bit = {w: 1 << i for i, w in enumerate(words)}
        self.fragments: list[tuple[list[tuple[int, int]], int, list[int]]] = []
        for p in probes:
            counts: dict[str, int] = {}
            for w in p.words:
                counts[w] = counts.get(w, 0) + 1
            content = _locator.content_words(p.words)
            self.fragments.append(
                ([(bit[w], c) for w, c in counts.items()], len(p.words), [bit[w] for w in content])
            )
        all_words = [w for p in probes for w in p.words]
        para = _locator.paraphrase_words(all_words)
        self.para = [bit[w] for w in para] if len(para) >= 3 else []
        self.para_need = min_share
        self.min_score = min_score
        self.single = len(probes) == 1
        self.probe_words = [list(p.words) for p in probes]
        self.para_words = sorted(para) if len(para) >= 3 else []

    def windows(self, word_of: dict[str, str]) -> _Windows:
        """What :meth:`near_enough` needs, prepared once per quote from the words' codes."""
        return _Windows({w: c for c, w in word_of.items()}, self.probe_words)

    def near_enough(self, codes: str, prep: _Windows, regions: _Regions | None = None) -> bool:
        """Whether the source whose word codes are ``codes`` has the quote's words close enough.

        The same bounds as :meth:`can_match`, within the stretch of source
        words a match can span (at most the quote's words over ``min_score``),
        and for a quote the locator may cut in two (two passages joined), for
        its longer side, which scores at least 0.8 on its own. Each bound is
        checked around every place that any stretch meeting it must hold,
        over twice the stretch: a looser bound, never a lost match.

        ``regions``: the stretches of source words (``lo, hi``) that any fuzzy
        match of a fragment must lie in, and those any paraphrase must lie
        in, when the block index told (see :meth:`Archive._block_candidates`);
        those bounds are then checked in them alone (two passages joined are
        still looked for in the whole source).
        """
        hits = _Hits(codes, prep)

        def parts(spans: list[tuple[int, int]] | None) -> list[tuple[str, _Hits]]:
            if spans is None:
                return [(codes, hits)]
            return [(sub, _Hits(sub, prep)) for sub in (codes[lo:hi] for lo, hi in spans)]

        m = self.min_score
        if m <= 0:
            return True
        fuzzy = parts(None if regions is None else regions[0])
        for k, words in enumerate(prep.probe_words):
            n = len(words)
            side = prep.side(k, 0, n, m)
            if any(_may_score(part, part_hits, side) for part, part_hits in fuzzy):
                return True
            if self.single and n >= 6 and _may_join(codes, hits, prep, m):
                return True
        if self.para_words:
            para = parts(None if regions is None else regions[1])
            return any(self._may_paraphrase(part, part_hits) for part, part_hits in para)
        return False

    def _may_paraphrase(self, codes: str, hits: _Hits) -> bool:
        """Whether ``need`` of the quote's paraphrase words lie within a paraphrase's width here."""
        code_of = hits.code_of
        need = self.para_need * len(self.para_words)
        held = sum(1 for w in self.para_words if w in code_of and code_of[w] in codes)
        if held < need - 1e-9:
            return False
        width = 2 * sum(map(len, self.probe_words))
        span = width + 4
        ones = dict.fromkeys(self.para_words, 1)
        anchors = _anchors(hits, ones, need)
        if anchors is None:
            return True

        def count(w: str, lo: int, hi: int) -> int:
            h = hits.get(w)
            return bisect_left(h, hi) - bisect_left(h, lo) if h else 0

        return any(
            sum(1 for w in self.para_words if count(w, a - span, b + span)) >= need - 1e-9
            for a, b in _runs(anchors, span)
        ) and _gathered(hits, self.para_words, width, need)

    def can_match(self, present: int) -> bool:
        for weights, n, content in self.fragments:
            held = sum(c for b, c in weights if present & b)
            bound = held / n
            if len(content) >= 2:
                share = sum(1 for b in content if present & b) / len(content)
                if share < 0.5:
                    bound *= 2 * share
            if bound >= self.min_score - 1e-9:
                return True
        if self.para:
            share = sum(1 for b in self.para if present & b) / len(self.para)
            if share >= self.para_need - 1e-9:
                return True
        return False


_MAX_ANCHORS = 400  # places checked per source; past this, the source is simply a candidate


def _may_score(codes: str, hits: _Hits, side: _Side) -> bool:
    """Whether the quote words of ``side`` can score ``side.m`` as one fuzzy match in this source.

    Around every place that a stretch meeting the bound must hold (a content
    word's, or the rarer words' when the quote has fewer than two content
    words), first over a wide stretch, then (:func:`_within`) over every
    stretch a match's span can cover: bounds from above, never a lost match.
    """
    if not side.room(codes):
        return False
    n, m, nc, content, span = side.n, side.m, side.nc, side.content, side.span
    anchors = _places(hits, content) if nc >= 2 else _anchors(hits, side.mult, m * n)
    if anchors is None:
        return True

    def count(w: str, lo: int, hi: int) -> int:
        h = hits.get(w)
        return bisect_left(h, hi) - bisect_left(h, lo) if h else 0

    qcodes = side.qcodes
    for a, b in _runs(anchors, span):
        lo, hi = max(0, a - span), max(0, b + span)
        # (in-order shared words of the stretch: at least the locator's ``matched``)
        bound = LCSseq.similarity(qcodes, codes[lo:hi]) / n
        if bound < m - 1e-9:
            continue
        if nc >= 2:
            share = sum(1 for w in content if count(w, lo, hi)) / nc
            if share < 0.5:
                bound *= 2 * share
        if bound >= m - 1e-9 and _within(codes, side, a=a, b=b):
            return True
    return False


def _may_join(codes: str, hits: _Hits, prep: _Windows, m: float) -> bool:
    """Whether the locator may find the quote here as two passages joined (an unmarked splice).

    It cuts the quote (one fragment) in two, each side two words or more;
    one side must occur word for word, and the other too when it has fewer
    than six words, else score 0.8 (and ``m``) on its own as a fuzzy match.
    """
    heads, tails = prep.heads, prep.tails  # (words[:c] and words[c:] as runs of codes)
    n = len(heads) - 1
    low = max(0.8, m)

    def occurs(run: str | None) -> bool:
        return run is not None and run in codes

    c = 2  # prefixes words[:c] that occur word for word (if words[:c] does, so does any shorter)
    while c <= n - 2 and occurs(heads[c]):
        if occurs(tails[c]) if n - c < 6 else _may_score(codes, hits, prep.side(0, c, n, low)):
            return True
        c += 1
    c = n - 2  # suffixes words[c:]
    while c >= 2 and occurs(tails[c]):
        if occurs(heads[c]) if c < 6 else _may_score(codes, hits, prep.side(0, 0, c, low)):
            return True
        c -= 1
    return False


def _gathered(hits: _Hits, words: Sequence[str], width: int, need: float) -> bool:
    """Whether ``need`` of ``words`` (distinct) occur within ``width`` source words from one of them.

    What a paraphrase needs: the locator takes the stretch from a content
    word of the quote to the last one less than ``width`` words on.
    """
    places = sorted((p, w) for w in words for p in hits.get(w))
    held: dict[str, int] = {}
    j = 0
    for i, (p, _) in enumerate(places):
        while j < len(places) and places[j][0] - p < width:
            w = places[j][1]
            held[w] = held.get(w, 0) + 1
            j += 1
        if len(held) >= need - 1e-9:
            return True
        w = places[i][1]
        held[w] -= 1
        if not held[w]:
            del held[w]
    return False


def _within(codes: str, side: _Side, *, a: int, b: int) -> bool:
    """Whether a stretch of ``side.width`` source words holding one of the places ``a..b`` can score.

    The locator scores a fuzzy match ``matched / max(n, span)``, cut by
    ``2 * share`` when fewer than half of the quote's content words lie in
    the span, and the span (with its edges) covers at most ``n / m`` words.
    So the matched words and the span lie in one stretch of ``width`` words
    through an anchor; each such stretch is a window starting at
    ``a - width + 1 .. b``, whose in-order shared words (LCS, at C speed)
    and content share bound the locator's from above.
    """
    width, n, m, nc, ccodes = side.width, side.n, side.m, side.nc, side.ccodes
    first = max(0, a - width + 1)
    windows = [codes[s : s + width] for s in range(first, b + 1)]
    found = process.extract(
        side.qcodes, windows, scorer=LCSseq.similarity, score_cutoff=side.need, limit=None
    )
    for _, lcs, k in found:
        bound = lcs / n
        if nc >= 2:
            window = windows[k]
            share = sum(1 for c in ccodes if c in window) / nc
            if share < 0.5:
                bound *= 2 * share
        if bound >= m - 1e-9:
            return True
    return False


class _Hits:
    """Where each of the quote's words occurs in one source's word codes, found on first need."""

    __slots__ = ("_places", "code_of", "codes", "patterns")

    def __init__(self, codes: str, prep: _Windows) -> None:
        self.codes = codes
        self.code_of = prep.code_of
        self.patterns = prep.patterns
        self._places: dict[str, list[int]] = {}

    def get(self, word: str, default: Sequence[int] = ()) -> list[int]:
        places = self._places.get(word)
        if places is None:
            code = self.code_of.get(word)
            places = (
                []
                if code is None
                else [m.start() for m in self.patterns[code].finditer(self.codes)]
            )
            self._places[word] = places
        return places

    def freq(self, word: str) -> int:
        code = self.code_of.get(word)
        return 0 if code is None else self.codes.count(code)


def _runs(places: list[int], span: int) -> Iterator[tuple[int, int]]:
    """Sorted places grouped into runs whose neighbours lie within ``span // 2``: (first, last).

    Checking around a run at once (a wider stretch) bounds every stretch
    around each of its places, with fewer checks.
    """
    if not places:
        return
    gap = max(1, span // 2)
    first = last = places[0]
    for p in places[1:]:
        if p - last > gap:
            yield first, last
            first = p
        last = p
    yield first, last


def _places(hits: _Hits, words: Iterable[str]) -> list[int] | None:
    out = sorted(p for w in words for p in hits.get(w, ()))
    return None if len(out) > _MAX_ANCHORS else out


def _anchors(hits: _Hits, mult: dict[str, int], need: float) -> list[int] | None:
    """Places that any stretch holding quote words worth ``need`` must include one of.

    The source's most frequent of the quote's words are left out while the
    words left out are worth less than ``need`` together (a stretch of those
    alone falls short); the places of the others are the anchors.
    """
    dropped = 0
    kept: list[str] = []
    freq = {w: f for w in mult if (f := hits.freq(w))}
    for w in sorted(freq, key=lambda w: -freq[w]):
        if dropped + mult[w] < need - 1e-9:
            dropped += mult[w]
        else:
            kept.append(w)
    return _places(hits, kept)


def _add_postings(postings: dict[str, list[int]], tokens: Iterable[str], sid: int) -> None:
    """Add a source to the word index: ``sid`` to the sources of each distinct word of ``tokens``.

    >>> postings: dict[str, list[int]] = {"server": [3]}
    >>> _add_postings(postings, ["a", "server", "a"], 7)
    >>> sorted(postings.items())
    [('a', [7]), ('server', [3, 7])]
    """
    get = postings.get
    for word in set(tokens):
        got = get(word)
        if got is None:
            postings[word] = [sid]
        else:
            got.append(sid)


def _add_blocks(
    blocks: dict[str, list[int]], tokens: Sequence[str], first: int, posted: set[str]
) -> None:
    """Add a source's blocks to the block index: for each word of ``posted`` (those that can be
    a content word of a quote), the ids of the blocks of ``_BLOCK`` words that hold it
    (numbered from ``first``).

    >>> blocks: dict[str, list[int]] = {}
    >>> _add_blocks(blocks, ["the", "server"] * 20, 7, {"server"})
    >>> blocks
    {'server': [7, 8]}
    """
    get = blocks.get
    block = first
    for k in range(0, len(tokens), _BLOCK):
        for word in posted.intersection(tokens[k : k + _BLOCK]):
            ids = get(word)
            if ids is None:
                blocks[word] = [block]
            else:
                ids.append(block)
        block += 1


def _least_content(n: int, nc: int, score: float) -> int:
    """The fewest of a fragment's ``nc`` content words a stretch must hold to score ``score``.

    With ``j`` of them, at most ``n - nc + j`` of its ``n`` words match, and
    the locator cuts the score by ``2 * j / nc`` when ``j`` is under half.
    """
    for j in range(1, nc + 1):
        if (n - nc + j) / n * min(1.0, 2 * j / nc) >= score - 1e-9:
            return j
    return nc


def _conditions(plan: _Plan) -> list[tuple[list[str], int, int]] | None:
    """What any match needs, as ``(content words, stretch width, how many of them)`` alternatives.

    A fuzzy hit lies in the locator's alignment window (at most ``max(n + 8,
    2n)`` words) and needs :func:`_least_content` of the fragment's content
    words there to reach ``min_score``. A quote in one piece may be found
    as two passages joined: one side word for word (all its content words
    within its length), the other word for word too under six words, else
    scoring 0.8; of the two, the side that needs more content words gives
    the bound for that cut, and the weakest over every cut is kept. A
    paraphrase needs 60 % of its words within ``2n`` words. ``None`` when a
    bound needs no content word (too few in the quote) or no score is asked.
    """
    m = plan.min_score
    if m <= 0:
        return None
    out: list[tuple[list[str], int, int]] = []
    for words in plan.probe_words:
        n = len(words)
        content = sorted(_locator.content_words(words))
        if len(content) < 2:
            return None
        width = max(n + 8, 2 * n)
        need = _least_content(n, len(content), m)
        if plan.single and n >= 6:
            for c in range(2, n - 1):
                for exact, other in ((words[:c], words[c:]), (words[c:], words[:c])):
                    j_exact = len(_locator.content_words(exact))
                    held = _locator.content_words(other)
                    size = len(other)
                    if size < 6:
                        j_other, w_other = len(held), size
                    else:
                        low = max(0.8, m)
                        j_other = _least_content(size, len(held), low) if len(held) >= 2 else 0
                        w_other = max(size + 8, 2 * size)
                    need = min(need, max(j_exact, j_other))
                    width = max(width, len(exact), w_other)
        if need <= 0:
            return None
        out.append((content, width, need))
    if plan.para_words:
        total = sum(map(len, plan.probe_words))
        need = math.ceil(plan.para_need * len(plan.para_words) - 1e-9)
        out.append((list(plan.para_words), 2 * total, need))
    return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches ``(lo, hi)`` merged where they overlap or touch, in order.

    >>> _merged([(64, 128), (0, 64), (200, 264), (100, 150)])
    [(0, 150), (200, 264)]
    """
    if len(spans) < 2:
        return spans  # (most sources: one stretch)
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _windows_holding(
    blocks: dict[str, int],
    words: list[str],
    *,
    g: int,
    need: int,
    spreads: dict[tuple[str, int], int],
) -> int:
    """Blocks ``b`` such that blocks ``b .. b + g - 1`` hold ``need`` of ``words`` (distinct) or more,
    as the bits of an integer.

    (The blocks of each word are the bits of ``blocks[word]``.) Each word's
    bits, shifted and or-ed over ``g`` blocks, say where the run of ``g``
    blocks from there holds the word; a count of those per bit, at least
    ``need``, gives the runs. Big-integer arithmetic, a bit a block: C speed,
    whatever the words' frequencies. ``spreads`` keeps each word's spread
    bits for the next condition.

    >>> bin(_windows_holding({"a": 0b1, "b": 0b100, "c": 0b1000_0000}, ["a", "b", "c"], g=3, need=2, spreads={}))
    '0b1'
    """
    present = [w for w in words if blocks.get(w)]
    if need <= 0 or len(present) < need:
        return 0  # (no run can hold them)
    masks: list[int] = []
    for w in present:
        spread = spreads.get((w, g))
        if spread is None:
            spread, span = blocks[w], 1
            while span < g:  # (doubling: the bits of span blocks, then of twice as many)
                step = min(span, g - span)
                spread |= spread >> step
                span += step
            spreads[w, g] = spread
        masks.append(spread)
    return _at_least(masks, need)


def _bit_runs(bits: int) -> list[tuple[int, int]]:
    """The runs of consecutive 1 bits of ``bits``, as (first, last) places.

    >>> _bit_runs(0b1110_0110_0001)
    [(0, 0), (5, 6), (9, 11)]
    """
    return list(zip(_set_bits(bits & ~(bits << 1)), _set_bits(bits & ~(bits >> 1)), strict=True))


def _at_least(masks: list[int], need: int) -> int:
    """The bits set in ``need`` or more of ``masks`` (``need`` ≥ 1).

    >>> bin(_at_least([0b0111, 0b0110, 0b1100], 2))
    '0b110'
    """
    if need <= 8:
        # held[j]: bits set in more than j of the masks seen so far
        held = [0] * need
        for m in masks:
            for j in range(need - 1, 0, -1):
                held[j] |= held[j - 1] & m
            held[0] |= m
        return held[-1]
    # Many: a binary count per bit (planes, least significant first), compared with need.
    planes: list[int] = []
    for m in masks:
        carry = m
        for i, p in enumerate(planes):
            planes[i] = p ^ carry
            carry &= p
            if not carry:
                break
        else:
            if carry:
                planes.append(carry)
    if need >> len(planes):
        return 0  # (more than the masks can count)
    eq = (1 << max(m.bit_length() for m in masks)) - 1
    gt = 0
    for i in range(len(planes) - 1, -1, -1):
        if need >> i & 1:
            eq &= planes[i]
        else:
            gt |= eq & planes[i]
            eq ^= eq & planes[i]
    return gt | eq


class _Batch:
    """Sources being added: their rows not yet written, and their index entries not yet merged."""

    def __init__(self, next_id: int, next_block: int) -> None:
        self.next_id = next_id
        self.next_block = next_block
        self.sources: list[tuple[Any, ...]] = []
        self.bodies: list[tuple[int, bytes, bytes, bytes]] = []
        self.postings: dict[str, array[int]] = {}
        self.blocks: dict[str, array[int]] = {}
        self.chars = 0
        self.n_sources = 0


def _ids_bytes(ids: list[int] | array[int], typecode: str) -> bytes:
    """Ids as stored: the bytes of an array of ``typecode``."""
    return ids.tobytes() if isinstance(ids, array) else array(typecode, ids).tobytes()


_DENSE = 256  # a word in at least one block of this many (of its stretch) is stored as a bitmap
_BIT = [1 << b for b in range(8)]


def _blocks_blob(ids: list[int] | array[int]) -> bytes:
    """A word's block ids as the block index stores them: 4 bytes each, or, for a word in many
    blocks, a compressed bitmap (``_block_bits`` reads either).

    Any other length than 4 bytes a block marks a bitmap: a pad-length byte,
    the first block (8 bytes) and the zlib-compressed bits, one a block from
    there. A frequent word then costs the reader one C-speed inflate, not a
    step per block, and its bitmap is smaller on disk than its ids.

    >>> _block_bits(_blocks_blob(list(range(3, 400, 2))), 200) == sum(1 << b for b in range(3, 400, 2))
    True
    """
    n = len(ids)
    if n < 64:
        return _ids_bytes(ids, _BLOCK_ID)
    lo, hi = min(ids), max(ids) + 1
    if hi - lo > _DENSE * n:
        return _ids_bytes(ids, _BLOCK_ID)
    buf = bytearray(hi - lo)  # a byte a block, then packed eight to a byte at C speed:
    deque(map(buf.__setitem__, map(operator.sub, ids, repeat(lo)), repeat(1)), maxlen=0)
    m = int.from_bytes(buf, "little")
    m |= m >> 7  # the flag of byte k + 1 to bit 1 of byte k, and so on: byte 8j then holds
    m |= m >> 14  # the flags of bytes 8j .. 8j + 7 as its bits 0 .. 7
    m |= m >> 28
    bits = zlib.compress(m.to_bytes(len(buf), "little")[::8], 1)
    pad = int(9 + len(bits) == 4 * n)  # (never exactly 4 bytes a block)
    return bytes([pad]) + bytes(pad) + lo.to_bytes(8, "little") + bits


def _block_bits(blob: bytes, n: int) -> int:
    """The blocks of a stored word (see :func:`_blocks_blob`), as the bits of an integer."""
    if len(blob) != 4 * n:
        pad = blob[0]
        lo = int.from_bytes(blob[1 + pad : 9 + pad], "little")
        return int.from_bytes(zlib.decompress(blob[9 + pad :]), "little") << lo
    ids = array(_BLOCK_ID)
    ids.frombytes(blob)
    if not ids:
        return 0
    lo = min(ids)
    buf = bytearray(((max(ids) - lo) >> 3) + 1)
    bit = _BIT
    for i in map(operator.sub, ids, repeat(lo)):
        buf[i >> 3] |= bit[i & 7]
    return int.from_bytes(buf, "little") << lo


def _block_ids(blob: bytes, n: int) -> array[int]:
    """The block ids of a stored word (see :func:`_blocks_blob`), ascending for a bitmap."""
    ids = array(_BLOCK_ID)
    if len(blob) == 4 * n:
        ids.frombytes(blob)
        return ids
    ids.extend(_set_bits(_block_bits(blob, n)))
    return ids


_NONZERO = bytes([0] + [1] * 255)


def _set_bits(bits: int) -> list[int]:
    """The places of the 1 bits of ``bits``, ascending (a byte scan at C speed, then its bits).

    >>> _set_bits(0b1010_0000_0001)
    [0, 9, 11]
    """
    raw = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    flags = raw.translate(_NONZERO)
    out: list[int] = []
    at = flags.find(1)
    while at != -1:
        byte, base = raw[at], 8 * at
        out.extend(base + b for b in range(8) if byte >> b & 1)
        at = flags.find(1, at + 1)
    return out


def _pack_starts(starts: array[int]) -> bytes:
    """Where each word starts, as the gaps between starts in the narrowest array type (its code first).

    >>> _pack_starts(array("i", [0, 3, 300]))
    b'H\\x00\\x00\\x03\\x00)\\x01'
    """
    gaps = list(map(operator.sub, starts, chain((0,), starts)))
    if gaps and min(gaps) < 0:
        msg = "word starts must be ascending"
        raise InvalidInputError(msg)
    return _pack_gaps(gaps)


def _pack_gaps(gaps: Sequence[int]) -> bytes:
    """Gaps between word starts (the first from 0) in the narrowest array type, its code first."""
    for kind in "BHIQ":  # (prose: every gap fits a byte, found in one pass)
        try:
            packed = array(kind, gaps)
        except OverflowError:
            continue
        return kind.encode() + packed.tobytes()
    raise AssertionError("unreachable: a text's length fits 64 bits")


def _pack_text(text: str) -> bytes:
    """A source's text as stored: UTF-8, compressed (prose to about 40 %, at 100+ MB/s)."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def _unpack_starts(blob: bytes) -> array[int]:
    """The word starts :func:`_pack_starts` packed (as the locator's index holds them)."""
    if blob[:1] == b"B":  # (prose: every gap a byte; a list first is ~40 % faster than an iterator)
        starts = list(accumulate(blob[1:]))
    else:
        gaps: array[int] = array(chr(blob[0]))
        gaps.frombytes(blob[1:])
        starts = list(accumulate(gaps))
    return array("i" if not starts or starts[-1] < 2**31 else "q", starts)  # (the last: the largest)


def _split(text: str) -> tuple[list[str], bytes]:
    """The words of a normalised text as the locator splits them, and their starts packed.

    >>> words, starts = _split("it's 1,000.5 well-known -- servers.")
    >>> words, _unpack_starts(starts).tolist()
    (["it's", '1,000.5', 'well-known', 'servers'], [0, 5, 13, 27])
    """
    words, gaps = _locator.word_gaps(text)
    return words, _pack_gaps(gaps)


_POOL_CHARS = 16_000_000  # text an add takes before it starts worker processes (workers=None)
_MAX_WORKERS = 8  # worker processes an add starts by itself, at most (one per core but one)
_CHUNK_SOURCES = 256  # texts indexed as one chunk (in a worker, or here)
_CHUNK_CHARS = 2_500_000  # (or this much text)
_LOCAL_CODES = 0x10FFFF  # distinct words a chunk codes by itself; past them, its words go as words


class _Chunk(NamedTuple):
    """Sources indexed with numbers of their own, for :meth:`Archive._merge_chunk`.

    ``words``: the chunk's distinct words; word ``i`` is ``chr(i)`` in
    ``bodies``' codes (or, past ``_LOCAL_CODES`` words, a body gives its
    words themselves); ``None`` for a chunk indexed by the adding process
    into the archive's own numbering (its codes final, its entries already
    added). ``bodies``: per source, its codes, its word starts and its text
    (packed), and its number of blocks. ``postings`` and ``blocks``: per
    word (its number), the sources that hold it (numbered from 0 in the
    chunk) and the blocks (numbered from 0, a block between sources as in
    the archive).
    """

    words: list[str] | None
    bodies: list[tuple[str | list[str], bytes, bytes, int]]
    postings: list[tuple[int, list[int]]]
    blocks: list[tuple[int, list[int]]]


def _prepare(texts: list[str]) -> _Chunk:
    """Split, pack and index texts as a chunk of their own: all of an add that needs no archive.

    >>> chunk = _prepare(["We sell them a server.", "A server."])
    >>> chunk.words, [codes for codes, _, _, _ in chunk.bodies]
    (['we', 'sell', 'them', 'a', 'server'], ['\\x00\\x01\\x02\\x03\\x04', '\\x03\\x04'])
    >>> sorted((chunk.words[i], ids) for i, ids in chunk.postings)[1:3]
    [('sell', [0]), ('server', [0, 1])]
    >>> sorted((chunk.words[i], ids) for i, ids in chunk.blocks)
    [('sell', [0]), ('server', [0, 2])]
    """
    codes = _LocalCodes()
    postings: dict[str, list[int]] = {}
    blocks: dict[str, list[int]] = {}
    bodies = _index_texts(texts, codes, postings, blocks, first_id=0, first_block=0)
    words = list(codes)
    number: dict[str, int] = {w: ord(c) for w, c in codes.items()}
    if len(words) > _LOCAL_CODES:  # (words share a code: give them as words)
        number = {w: i for i, w in enumerate(words)}
        again = _prepare_words(texts)
        bodies = [
            (tokens, starts, packed, n)
            for tokens, (_, starts, packed, n) in zip(again, bodies, strict=True)
        ]
    return _Chunk(
        words,
        bodies,
        [(number[w], got) for w, got in postings.items()],
        [(number[w], got) for w, got in blocks.items()],
    )


def _index_texts(
    texts: list[str],
    codes: _Terms | _LocalCodes,
    postings: dict[str, Any],
    blocks: dict[str, Any],
    *,
    first_id: int,
    first_block: int,
) -> list[tuple[str | list[str], bytes, bytes, int]]:
    """Split, pack and index texts, numbered from ``first_id`` and ``first_block``.

    Word codes from ``codes`` (a dict that hands out new ones); each word's
    sources and blocks appended to ``postings`` and ``blocks``. Per text: its
    codes, its word starts and text packed, its number of blocks.
    """
    bodies: list[tuple[str | list[str], bytes, bytes, int]] = []
    next_block = first_block
    for sid, text in enumerate(texts, first_id):
        tokens, starts = _split(normalized_text(text))
        n_blocks = -(-len(tokens) // _BLOCK)
        bodies.append(("".join(map(codes.__getitem__, tokens)), starts, _pack_text(text), n_blocks))
        _add_postings(postings, tokens, sid)
        _add_blocks(blocks, tokens, next_block, _keep_fresh(codes))
        next_block += n_blocks + 1
    return bodies


def _prepare_words(texts: list[str]) -> list[list[str]]:
    return [_split(normalized_text(text))[0] for text in texts]


class _LocalCodes(dict[str, str]):
    """Word -> ``chr(i)`` for the ``i``-th new word (the last code shared past ``_LOCAL_CODES``);
    ``kept`` and ``fresh`` as :class:`_Terms`'s."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: set[str] = set()
        self.fresh: list[str] = []

    def __missing__(self, word: str) -> str:
        code = self[word] = chr(min(len(self), _LOCAL_CODES))
        self.fresh.append(word)
        return code


def _text_of(item: object) -> str:
    """The text of an item given to :meth:`Archive.add_many` ("" for what it will refuse)."""
    src = item[1] if isinstance(item, tuple) and len(item) == 2 else item
    if isinstance(src, Source):
        return src.text
    return src if isinstance(src, str) else ""


def _serve() -> None:
    """A worker process of an add: reads lists of texts, writes back what :func:`_prepare` gives.

    Each message on stdin and stdout is its length (8 bytes) and a pickle; it
    stops at the end of stdin (when the adding process closes it, or dies).
    """
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while len(head := stdin.read(8)) == 8:
        texts = pickle.loads(stdin.read(int.from_bytes(head, "little")))
        data = pickle.dumps(_prepare(texts), protocol=pickle.HIGHEST_PROTOCOL)
        stdout.write(len(data).to_bytes(8, "little") + data)
        stdout.flush()


class _Worker:
    """One worker process (:func:`_serve`): a new interpreter, sharing nothing with this one.

    (Not :mod:`multiprocessing`: forking would copy open archives into the
    child, and its other start methods run the caller's main script again.)
    """

    def __init__(self) -> None:
        env = dict(os.environ)
        here = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from quoteverify.archive import _serve; _serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )

    def run(self, texts: list[str]) -> _Chunk:
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None
        assert stdout is not None
        data = pickle.dumps(texts, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            stdin.write(len(data).to_bytes(8, "little") + data)
            stdin.flush()
            head = stdout.read(8)
            if len(head) == 8:
                got: _Chunk = pickle.loads(stdout.read(int.from_bytes(head, "little")))
                return got
        except (OSError, pickle.UnpicklingError, EOFError):
            pass
        msg = f"a worker process of the add stopped (exit status {self.proc.poll()}); nothing was written"
        raise ArchiveError(msg)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


class _Workers:
    """Worker processes, each fed by a thread of this one (which waits on its pipes, GIL released)."""

    def __init__(self, n: int) -> None:
        self.idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self.all = [_Worker() for _ in range(n)]
        for w in self.all:
            self.idle.put(w)
        self.threads = ThreadPoolExecutor(n)

    def submit(self, texts: list[str]) -> Future[_Chunk]:
        return self.threads.submit(self._run, texts)

    def _run(self, texts: list[str]) -> _Chunk:
        worker = self.idle.get()
        try:
            return worker.run(texts)
        finally:
            self.idle.put(worker)

    def close(self) -> None:
        self.threads.shutdown(wait=True, cancel_futures=True)
        for w in self.all:
            w.close()


class _Preparer:
    """Texts of sources being added, indexed a chunk at a time, given back in the order they came.

    By ``here`` (in this process, into the archive's numbering: called only
    when every earlier chunk has been merged), or, once ``start_at``
    characters have come (never when negative), by :func:`_prepare` in
    ``workers`` worker processes, while this process merges the chunks done.
    With ``fallback``, chunks whose workers fail are indexed here instead.
    """

    def __init__(
        self,
        workers: int,
        start_at: int,
        here: Callable[[list[str]], _Chunk],
        *,
        fallback: bool = False,
    ) -> None:
        self.here = here
        self.fallback = fallback
        self.workers = workers
        self.start_at = start_at
        self.pool: _Workers | None = None
        self.rows: list[tuple[Any, ...]] = []
        self.texts: list[str] = []
        self.chars = 0
        self.seen = 0
        self.queue: deque[tuple[list[tuple[Any, ...]], list[str], Future[_Chunk]]] = deque()

    def __enter__(self) -> _Preparer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.close()

    def put(self, row: tuple[Any, ...], text: str) -> Iterator[tuple[list[tuple[Any, ...]], _Chunk]]:
        """Take one source's row and text; give back the chunks that are done (rows, chunk)."""
        self.rows.append(row)
        self.texts.append(text)
        self.chars += len(text)
        self.seen += len(text)
        if len(self.texts) >= _CHUNK_SOURCES or self.chars >= _CHUNK_CHARS:
            self._submit()
        return self._ready(block=False)

    def drain(self) -> Iterator[tuple[list[tuple[Any, ...]], _Chunk]]:
        """Give back every chunk not yet given back."""
        self._submit()
        return self._ready(block=True)

    def _submit(self) -> None:
        if not self.texts:
            return
        rows, texts = self.rows, self.texts
        self.rows, self.texts, self.chars = [], [], 0
        if (
            self.pool is None
            and self.workers > 0
            and 0 <= self.start_at <= self.seen
            and sys.executable
        ):
            self.pool = _Workers(self.workers)
        done: Future[_Chunk]
        if self.pool is None:
            done = Future()
            done.set_result(self.here(texts))
        else:
            done = self.pool.submit(texts)
        self.queue.append((rows, texts, done))

    def _ready(self, *, block: bool) -> Iterator[tuple[list[tuple[Any, ...]], _Chunk]]:
        while self.queue:
            rows, texts, done = self.queue[0]
            if not (block or done.done() or len(self.queue) > 2 * self.workers + 1):
                return
            self.queue.popleft()
            try:
                chunk = done.result()
            except (ArchiveError, CancelledError):
                if not self.fallback:
                    raise
                # Workers chosen for the caller failed (no interpreter to start, say):
                # this chunk and the rest here (every earlier chunk is merged).
                if self.pool is not None:
                    self.pool.close()
                    self.pool = None
                self.start_at = -1
                chunk = self.here(texts)
            yield rows, chunk


_LAZY_WORDS = 1 << 18  # sources of fewer words get a lazy locator index (see SourceIndex.coded)


class _WordCodes:
    """The archive's codes of words asked about so far, shared by the sources it loads.

    ``codes``: word -> code, for words the archive holds (a word's code never
    changes once written); ``absent``: word -> how many words the archive
    held when it did not hold that one (so a source whose codes all lie below
    that count lacks it). Cleared past ``_KEEP`` entries: a look-up it cannot
    answer costs the source its own full table, never a wrong answer.
    """

    __slots__ = ("absent", "codes")
    _KEEP = 200_000

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.absent: dict[str, int] = {}

    def learn(self, found: dict[str, int], asked: Iterable[str], known: int) -> None:
        """Record the ids of the words ``found`` among those ``asked`` (``known`` words held)."""
        if len(self.codes) + len(self.absent) > self._KEEP:
            self.codes, self.absent = {}, {}
        for w in asked:
            i = found.get(w)
            if i is None:
                self.absent[w] = known
            else:
                self.codes[w] = _code(i)


class _WordsByCode(Mapping[int, str]):
    """A loaded source's word of each code (keyed by the code's ordinal), from the archive's words
    by id: nothing built per source (see :meth:`Archive._index_of`).

    >>> _WordsByCode(["sell", "them"])[1]
    'them'
    """

    __slots__ = ("_terms",)

    def __init__(self, terms: list[str]) -> None:
        self._terms = terms  # (the archive's list, only ever appended to)

    def __getitem__(self, o: int) -> str:
        return self._terms[o if o < 0xD800 else o - 0x800]  # (as _id_of)

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self._terms)))

    def __len__(self) -> int:
        return len(self._terms)


class _SourceWords(Mapping[str, str]):
    """A loaded source's words and their codes, without listing them when it is read.

    A word's code comes from the archive's shared look-ups (:class:`_WordCodes`,
    filled with the quote's words before any source is read); the source
    holds the word when the code occurs in its codes (a C-speed scan). A word
    those look-ups cannot settle (one asked later, after the archive is closed,
    or past the shared table's size) makes the source's own table from its
    codes, once: the same answers either way.

    >>> shared = _WordCodes()
    >>> shared.learn({"sell": 0, "server": 1}, ["sell", "server", "data"], 3)
    >>> words = _SourceWords(chr(0) + chr(2), 2, shared, ["sell", "server", "them"])
    >>> [w for w in ("sell", "server", "data", "them") if w in words]  # (them: its own table)
    ['sell', 'them']
    """

    __slots__ = ("_codes", "_own", "_shared", "_terms", "_top")

    def __init__(self, codes: str, top: int, shared: _WordCodes, terms: list[str]) -> None:
        self._codes = codes
        self._top = top  # the largest word id in codes
        self._shared = shared
        self._terms = terms  # (the archive's words by id, only ever appended to)
        self._own: dict[str, str] | None = None

    def _table(self) -> dict[str, str]:
        if self._own is None:
            first = set(self._codes)
            terms = self._terms
            self._own = {terms[_id_of(c)]: c for c in first}
        return self._own

    def get(self, word: str, default: Any = None) -> Any:
        if self._own is None:
            shared = self._shared
            code = shared.codes.get(word)
            if code is not None:
                return code if code in self._codes else default
            held = shared.absent.get(word)
            if held is not None and self._top < held:
                return default
        return self._table().get(word, default)

    def __getitem__(self, word: str) -> str:
        code: str | None = self.get(word)
        if code is None:
            raise KeyError(word)
        return code

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


def _normalized(src: Source) -> Normalized:
    """``src``'s normalised text (made once, kept on the source, where the locator looks)."""
    return src.cached("normalized", lambda: normalize(src.text))


def _keep_normalized(src: Source, norm: Normalized) -> None:
    """Give ``src`` a normalised text already made (from a copy of its text)."""
    src.cached("normalized", lambda: norm)


def _keep_index(src: Source, index: _locator.SourceIndex) -> None:
    """Give ``src`` its locator index, built from stored words (the locator then finds it kept)."""
    src.cached("index", lambda: index)


class Archive:
    """Sources with their metadata in one SQLite file, and one word index over all of them.

    ``path`` is the archive file (created when missing, unless ``create`` is
    false) or ``":memory:"``. ``readonly`` opens it for reading only (any
    number of processes may); a writer waits up to ``timeout`` seconds for
    another process's write to end, then raises :class:`ArchiveLockedError`. :meth:`verify` and :meth:`check_article` give
    what :func:`~quoteverify.verify` and :func:`~quoteverify.check_article`
    give over every source of the archive as a list.

    >>> archive = Archive(":memory:")
    >>> archive.add(Source("What we do is sell them a server."), key="xie-2019")
    'xie-2019'
    >>> archive.verify("what we do is sell them a server").fidelity.value
    'cosmetic'
    >>> archive.close()
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        readonly: bool = False,
        timeout: float = 5.0,
    ) -> None:
        self.path = str(path)
        memory = self.path == ":memory:"
        if not memory:
            p = Path(self.path)
            if p.is_dir():
                msg = f"archive {self.path!r} is a directory; expected a file"
                raise ArchiveError(msg)
            exists = p.exists() and p.stat().st_size > 0
            if not exists and (readonly or not create):
                msg = f"archive {self.path!r} does not exist"
                raise ArchiveError(msg)
            if exists:
                _check_header(p)
        uri = f"file:{Path(self.path).as_posix()}?mode={'ro' if readonly else 'rwc'}"
        try:
            self._db = sqlite3.connect(
                ":memory:" if memory else uri,
                uri=not memory,
                timeout=timeout,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as e:
            raise ArchiveError(f"archive {self.path!r} cannot be opened: {e}") from None
        self._lock = threading.RLock()
        self._readonly = readonly
        self._sources: OrderedDict[int, Source] = OrderedDict()
        self._blocks_cache: tuple[int, array[int], array[int]] | None = None
        self._terms_by_id: list[str] = []  # the archive's words by id, read on first need
        self._word_codes = _WordCodes()  # codes of words quotes asked about (see _SourceWords)
        self._terms: _Terms | None = None  # the same, word -> code, kept between adds
        try:
            self._open(memory)
        except sqlite3.DatabaseError as e:
            self._db.close()
            raise CorruptArchiveError(
                f"archive {self.path!r} is damaged or not a quoteverify archive: {e}"
            ) from None

    # ------------------------------------------------------------------ opening

    def _open(self, memory: bool) -> None:
        db = self._db
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            if self._readonly:
                msg = f"archive {self.path!r} is empty"
                raise CorruptArchiveError(msg)
            if not memory:
                db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            with self._write():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [
                        ("application", _APPLICATION),
                        ("schema", str(SCHEMA_VERSION)),
                        ("created", _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")),
                    ],
                )
        else:
            if "meta" not in tables:
                msg = f"{self.path!r} is an SQLite file but not a quoteverify archive"
                raise CorruptArchiveError(msg)
            meta = dict(db.execute("SELECT key, value FROM meta"))
            if meta.get("application") != _APPLICATION:
                msg = f"{self.path!r} is an SQLite file but not a quoteverify archive"
                raise CorruptArchiveError(msg)
            schema = meta.get("schema", "?")
            if schema != str(SCHEMA_VERSION):
                msg = (
                    f"archive {self.path!r} has format version {schema}; this quoteverify "
                    f"reads version {SCHEMA_VERSION} (rebuild it with `quoteverify archive add`)"
                )
                raise IncompatibleArchiveError(msg)
            missing = set(re.findall(r"CREATE TABLE (\w+)", _SCHEMA)) - tables
            if missing:
                msg = f"archive {self.path!r} lacks its {', '.join(sorted(missing))} table"
                raise CorruptArchiveError(msg)
            if not self._readonly:
                db.execute("PRAGMA synchronous=NORMAL")

    def _write(self) -> _Transaction:
        if self._readonly:
            msg = f"archive {self.path!r} was opened read-only"
            raise ArchiveError(msg)
        return _Transaction(self)

    def close(self) -> None:
        """Close the file (further calls fail)."""
        with self._lock:
            self._sources.clear()
            self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            with self._lock:
                return self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise ArchiveLockedError(f"archive {self.path!r} is busy: {e}") from None
            raise CorruptArchiveError(f"archive {self.path!r} cannot be read: {e}") from None
        except sqlite3.DatabaseError as e:
            raise CorruptArchiveError(f"archive {self.path!r} is damaged: {e}") from None

    # ------------------------------------------------------------------ contents

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) FROM sources WHERE removed = 0")[0][0])

    def __contains__(self, key: object) -> bool:
        return bool(
            isinstance(key, str)
            and self._query("SELECT 1 FROM sources WHERE key = ? AND removed = 0", (key,))
        )

    def keys(self) -> list[str]:
        """The keys of the sources in the archive, in the order they were added.

        >>> a = Archive(":memory:"); _ = a.add(Source("One."), key="a"); a.keys()
        ['a']
        """
        return [r[0] for r in self._query("SELECT key FROM sources WHERE removed = 0 ORDER BY id")]

    def get(self, key: str) -> Source:
        """The source stored under ``key`` (a ``KeyError`` when there is none).

        >>> a = Archive(":memory:"); _ = a.add(Source("One.", title="t"), key="a")
        >>> a.get("a").title
        't'
        """
        rows = self._query("SELECT id FROM sources WHERE key = ? AND removed = 0", (key,))
        if not rows:
            raise KeyError(key)
        return self._load([rows[0][0]])[0]

    def info(self) -> dict[str, Any]:
        """Counts and sizes: sources, characters, words indexed, segments, tombstones, file size.

        >>> Archive(":memory:").info()["sources"]
        0
        """
        live, chars = self._query(
            "SELECT count(*), coalesce(sum(chars), 0) FROM sources WHERE removed = 0"
        )[0]
        removed = self._query("SELECT count(*) FROM sources WHERE removed = 1")[0][0]
        segs, pairs = self._query("SELECT count(*), coalesce(sum(pairs), 0) FROM segments")[0]
        meta = dict(self._query("SELECT key, value FROM meta"))
        size = 0
        if self.path != ":memory:":
            size = sum(
                Path(self.path + suffix).stat().st_size
                for suffix in ("", "-wal")
                if Path(self.path + suffix).exists()
            )
        return {
            "path": self.path,
            "schema": int(meta["schema"]),
            "created": meta.get("created"),
            "sources": int(live),
            "characters": int(chars),
            "removed": int(removed),
            "segments": int(segs),
            "postings": int(pairs),
            "bytes": size,
        }

    # ------------------------------------------------------------------ writing

    def add(
        self, source: Source | str, *, key: str | None = None, replace: bool = False
    ) -> str:
        """Add one source (see :meth:`add_many`); return its key.

        >>> a = Archive(":memory:")
        >>> a.add(Source("We sell them a server.", title="x"), key="one")
        'one'
        >>> a.add(Source("We sell them a server.", title="x"))
        Traceback (most recent call last):
        ...
        quoteverify.archive.DuplicateSourceError: the same source is already in the archive as 'one'
        """
        return self.add_many([(key, source)], replace=replace)[0]

    def add_many(
        self,
        items: Iterable[Source | str | tuple[str | None, Source | str]],
        *,
        replace: bool = False,
        skip_duplicates: bool = False,
        workers: int | None = 0,
    ) -> list[str]:
        """Add sources in one transaction: all of them, or (on any error) none.

        Each item is a source or a ``(key, source)`` pair; a missing key is
        the source's digest. A key already in the archive is an error unless
        ``replace`` (the old source is removed); the same text and metadata
        under another key is a :class:`DuplicateSourceError` unless
        ``skip_duplicates`` (it is then left out, and its existing key
        returned). Returns the keys, in order.

        ``workers``: processes that split, pack and index the texts (a chunk
        at a time) while this one merges the chunks and writes them; every
        write stays in this process, in the one transaction. ``0`` (the
        default: a library call starts no process unasked) never; ``None``
        lets the add choose (what ``quoteverify archive add`` does): one per
        core but one (up to 8; none on fewer than three cores, nor in a
        frozen application, whose interpreter is not Python's) once the
        sources add up to more than 16 MB of text (below that, starting them
        costs more than they save), doing their work here if they fail.

        >>> a = Archive(":memory:")
        >>> a.add_many([("a", Source("One thing.")), ("b", Source("Another thing."))])
        ['a', 'b']
        """
        if workers is not None and (not isinstance(workers, int) or workers < 0):
            msg = f"workers must be None or an int >= 0 (got {workers!r})"
            raise InvalidInputError(msg)
        with self._lock, self._write():
            return self._add_many(
                items, replace=replace, skip_duplicates=skip_duplicates, workers=workers
            )

    def _add_many(
        self,
        items: Iterable[Source | str | tuple[str | None, Source | str]],
        *,
        replace: bool,
        skip_duplicates: bool,
        workers: int | None = None,
    ) -> list[str]:
        db = self._db
        out: list[str] = []
        terms = self._terms_for_writing()
        known = len(terms)
        batch = _Batch(
            int(db.execute("SELECT coalesce(max(id), 0) + 1 FROM sources").fetchone()[0]),
            int(db.execute(
                "SELECT coalesce(max(block0 + blocks), 0) + 1 FROM sources"
            ).fetchone()[0]),
        )
        auto = workers is None
        if workers is None:
            # One core for this process's merging and writing (a third of the work); on two
            # cores one worker only moves work from one busy core to the other (measured).
            workers = min((os.cpu_count() or 1) - 1, _MAX_WORKERS)
            workers = workers if workers >= 2 and not getattr(sys, "frozen", False) else 0
            start_at = _POOL_CHARS
            if isinstance(items, Sequence):  # (its size is known: decide now)
                size = sum(len(_text_of(item)) for item in items)
                start_at = 0 if size > _POOL_CHARS else -1
        else:
            start_at = 0 if workers else -1
        seen: dict[str, str] = {}
        unwritten: set[str] = set()  # keys whose rows the database does not hold yet
        # Into an archive with no source yet (a first build), every key and digest the
        # database could hold came in this add: ask it only about those.
        fresh = db.execute("SELECT 1 FROM sources WHERE removed = 0 LIMIT 1").fetchone() is None
        added: set[str] = set()
        # Into an archive with no index yet, the index's own indexes are built once at the
        # end (a sort) rather than row by row (in the transaction: a failed add restores them).
        late: list[str] = []
        if db.execute("SELECT 1 FROM segments LIMIT 1").fetchone() is None:
            for name, sql in db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)",
                _LATE_INDEXES,
            ).fetchall():
                db.execute(f"DROP INDEX {name}")
                late.append(sql)

        def here(texts: list[str]) -> _Chunk:
            bodies = _index_texts(
                texts,
                terms,
                batch.postings,
                batch.blocks,
                first_id=batch.next_id,
                first_block=batch.next_block,
            )
            return _Chunk(None, bodies, [], [])

        with _Preparer(workers, start_at, here, fallback=auto) as preparer:
            for item in items:
                key, src = item if isinstance(item, tuple) else (None, item)
                if isinstance(src, str):
                    src = Source(src)
                elif not isinstance(src, Source):
                    got = type(src).__name__
                    msg = f"archive sources must be Source or str (got {got}); decode bytes first"
                    raise TypeError(msg)
                digest = _digest(src)
                if key is None:
                    key = digest
                else:
                    check_text(key, "source key", allow_empty=False)
                if key in unwritten:  # (the key is asked for again: let the database see it)
                    for done_rows, chunk in preparer.drain():
                        self._merge_chunk(batch, terms, done_rows, chunk)
                    self._flush(batch)
                    unwritten.clear()
                dup = seen.get(digest)
                if dup is None and not fresh:
                    rows = db.execute(
                        "SELECT key FROM sources WHERE digest = ? AND removed = 0", (digest,)
                    ).fetchall()
                    dup = rows[0][0] if rows else None
                if dup is not None and not (replace and dup == key):
                    if skip_duplicates:
                        out.append(dup)
                        continue
                    msg = f"the same source is already in the archive as {dup!r}"
                    raise DuplicateSourceError(msg)
                old = [] if fresh and key not in added else db.execute(
                    "SELECT id FROM sources WHERE key = ? AND removed = 0", (key,)
                ).fetchall()
                if old:
                    if not replace:
                        msg = (
                            f"a source with key {key!r} is already in the archive "
                            "(pass replace=True)"
                        )
                        raise DuplicateSourceError(msg)
                    self._tombstone(old[0][0])
                parsed = 0
                if src.turns:
                    meta: dict[str, Any] = {
                        "title": src.title,
                        "url": src.url,
                        "published": src.published,
                    }
                    if src.format == "plain":
                        meta["speaker"] = src.speaker
                    again = _reparse(src.text, src.format, meta)
                    if _turn_digest(again) != _turn_digest(src):
                        msg = (
                            f"source {src.title or key!r}: its turns are not what its format "
                            f"({src.format}) gives when parsed again, so the archive cannot "
                            "keep them"
                        )
                        raise InvalidInputError(msg)
                    parsed = 1
                seen[digest] = key
                added.add(key)
                unwritten.add(key)
                out.append(key)
                row = (
                    key,
                    digest,
                    src.format,
                    src.title,
                    src.url,
                    src.published.isoformat() if src.published is not None else None,
                    _speaker_json(src.speaker),
                    parsed,
                    len(src.text),
                )
                for done_rows, chunk in preparer.put(row, src.text):
                    self._merge_chunk(batch, terms, done_rows, chunk)
            for done_rows, chunk in preparer.drain():
                self._merge_chunk(batch, terms, done_rows, chunk)
        self._flush(batch)
        if batch.postings:
            self._write_segment(batch.postings, batch.n_sources, batch.blocks)
        for sql in late:
            db.execute(sql)
        db.executemany(
            "INSERT INTO terms VALUES (?, ?)",
            islice(terms.ids.items(), known, None),  # (new words come last, in id order)
        )
        self._merge_if_needed()
        return out

    def _merge_chunk(
        self, batch: _Batch, terms: _Terms, rows: list[tuple[Any, ...]], chunk: _Chunk
    ) -> None:
        """Give a chunk's sources (their rows, in order) their ids, blocks and index entries."""
        sid0, block0 = batch.next_id, batch.next_block
        words = chunk.words
        table = [] if words is None else [terms[w] for w in words]  # (new words: ids in order)
        for row, (codes, starts, text, n_blocks) in zip(rows, chunk.bodies, strict=True):
            first = batch.next_block
            if first + n_blocks >= 2**32:
                msg = (
                    f"archive {self.path!r} is full (its block index counts 2**32 blocks of "
                    f"{_BLOCK} words); split it into shards (quoteverify.shards)"
                )
                raise ArchiveError(msg)
            sid = batch.next_id
            batch.sources.append((sid, *row, first, n_blocks))
            if not isinstance(codes, str):
                coded = "".join(map(terms.__getitem__, codes))
            else:
                coded = codes if words is None else codes.translate(table)
            batch.bodies.append((sid, coded.encode(_CODES, "surrogatepass"), starts, text))
            batch.next_id = sid + 1
            batch.next_block = first + n_blocks + 1  # (a gap: no block holds words of two sources)
            batch.chars += row[-1]
            batch.n_sources += 1
        for into, entries, base, kind in (
            (batch.postings, chunk.postings, sid0, _ID),
            (batch.blocks, chunk.blocks, block0, _BLOCK_ID),
        ):
            get = into.get
            for i, ids in entries:
                word = words[i]  # type: ignore[index]  # (entries only with words)
                got = get(word)
                if got is None:
                    into[word] = got = array(kind)
                got.extend(map(base.__add__, ids))
        if len(batch.bodies) >= _BODIES_PER_INSERT:
            self._flush(batch)
        if batch.chars >= _SEGMENT_CHARS:
            self._flush(batch)
            self._write_segment(batch.postings, batch.n_sources, batch.blocks)
            batch.postings, batch.blocks, batch.chars, batch.n_sources = {}, {}, 0, 0

    def _terms_for_writing(self) -> _Terms:
        """The archive's words and their ids, read once and kept while no other process writes.

        (Called in a write transaction; a failed write forgets them, see :class:`_Transaction`.)
        """
        version = int(self._db.execute("PRAGMA data_version").fetchone()[0])
        terms = self._terms
        if terms is None or terms.version != version:
            terms = self._terms = _Terms(self._db.execute("SELECT term, id FROM terms"))
            terms.version = version
        return terms

    def _flush(self, batch: _Batch) -> None:
        """Write the batch's pending source rows (its index stays in memory)."""
        if batch.sources:
            self._db.executemany(
                "INSERT INTO sources (id, key, digest, format, title, url, published, speaker, "
                "parsed, chars, block0, blocks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                batch.sources,
            )
            self._db.executemany("INSERT INTO bodies VALUES (?, ?, ?, ?)", batch.bodies)
        batch.sources, batch.bodies = [], []

    def _write_segment(
        self,
        postings: dict[str, list[int]] | dict[str, array[int]],
        n_sources: int,
        blocks: dict[str, list[int]] | dict[str, array[int]],
    ) -> None:
        db = self._db
        seg = db.execute("SELECT coalesce(max(seg), 0) + 1 FROM segments").fetchone()[0]
        pairs = sum(map(len, postings.values()))
        db.execute("INSERT INTO segments VALUES (?, ?, ?)", (seg, n_sources, pairs))
        db.executemany(
            "INSERT INTO postings (seg, term, n, docs) VALUES (?, ?, ?, ?)",
            ((seg, w, len(a), _ids_bytes(a, _ID)) for w, a in postings.items()),
        )
        db.executemany(
            "INSERT INTO blocks (seg, term, n, ids) VALUES (?, ?, ?, ?)",
            ((seg, w, len(a), _blocks_blob(a)) for w, a in blocks.items()),
        )

    def _tombstone(self, sid: int) -> None:
        self._db.execute(
            "UPDATE sources SET removed = 1, key = NULL WHERE id = ?", (sid,)
        )
        self._db.execute("DELETE FROM bodies WHERE id = ?", (sid,))
        self._sources.pop(sid, None)

    def remove(self, key: str) -> None:
        """Remove the source stored under ``key`` (its index entries go at the next compaction).

        >>> a = Archive(":memory:"); _ = a.add(Source("One."), key="a"); a.remove("a"); len(a)
        0
        """
        with self._lock, self._write():
            rows = self._db.execute(
                "SELECT id FROM sources WHERE key = ? AND removed = 0", (key,)
            ).fetchall()
            if not rows:
                raise KeyError(key)
            self._tombstone(rows[0][0])

    def _merge_if_needed(self) -> None:
        segs = self._db.execute("SELECT seg, pairs FROM segments ORDER BY pairs DESC").fetchall()
        if len(segs) > _MAX_SEGMENTS:
            self._merge([s for s, _ in segs[1:]])  # all but the largest

    def compact(self) -> None:
        """Merge the index into one segment, drop removed sources' entries, and reclaim space.

        >>> a = Archive(":memory:"); _ = a.add(Source("One.")); _ = a.add(Source("Two."))
        >>> a.compact(); a.info()["segments"]
        1
        """
        with self._lock:
            with self._write():
                segs = [r[0] for r in self._db.execute("SELECT seg FROM segments")]
                self._merge(segs, drop_removed=True)
                self._db.execute("DELETE FROM sources WHERE removed = 1")
            if self.path != ":memory:":
                self._db.execute("VACUUM")

    def _merge(self, segs: list[int], *, drop_removed: bool = False) -> None:
        if not segs:
            return
        db = self._db
        marks = ",".join("?" * len(segs))
        removed: set[int] = set()
        if drop_removed:
            removed = {r[0] for r in db.execute("SELECT id FROM sources WHERE removed = 1")}
        merged = _joined(db.execute(
            f"SELECT term, docs FROM postings WHERE seg IN ({marks}) ORDER BY seg", segs
        ), _ID)
        blocks: dict[str, array[int]] = {}
        for term, n, blob in db.execute(
            f"SELECT term, n, ids FROM blocks WHERE seg IN ({marks}) ORDER BY seg", segs
        ):
            ids = _block_ids(blob, n)
            if term in blocks:
                blocks[term].extend(ids)
            else:
                blocks[term] = ids
        if removed:
            merged = {
                t: kept
                for t, a in merged.items()
                if (kept := array(_ID, (d for d in a if d not in removed)))
            }
            spans = sorted(
                db.execute("SELECT block0, block0 + blocks FROM sources WHERE removed = 1")
            )
            starts = [a for a, _ in spans]

            def live(b: int) -> bool:
                k = bisect_right(starts, b) - 1
                return k < 0 or b >= spans[k][1]

            blocks = {
                t: kept
                for t, a in blocks.items()
                if (kept := array(_BLOCK_ID, filter(live, a)))
            }
        n_sources = db.execute(f"SELECT sum(sources) FROM segments WHERE seg IN ({marks})", segs)
        total = int(n_sources.fetchone()[0] or 0)
        db.execute(f"DELETE FROM postings WHERE seg IN ({marks})", segs)
        db.execute(f"DELETE FROM blocks WHERE seg IN ({marks})", segs)
        db.execute(f"DELETE FROM segments WHERE seg IN ({marks})", segs)
        self._write_segment(merged, total, blocks)

    # ------------------------------------------------------------------ reading

    def _load(self, ids: Sequence[int], *, indexed: bool = False) -> list[Source]:
        """The sources with these ids (parsed once, then kept in a small cache).

        ``indexed``: give each the locator's index, from its stored words (the
        words' codes and places), so that the locator does not split it again;
        sources of one text (copies) share one normalised text and one index.
        """
        out: dict[int, Source] = {}
        made: dict[str, tuple[Normalized, _locator.SourceIndex | None]] = {}
        missing: list[int] = []
        with self._lock:
            for sid in ids:
                src = self._sources.get(sid)
                if src is None:
                    missing.append(sid)
                else:
                    self._sources.move_to_end(sid)
                    out[sid] = src
        for start in range(0, len(missing), 500):
            part = missing[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self._query(
                "SELECT id, format, title, url, published, speaker, parsed, text, "
                f"{'codes, starts' if indexed else 'NULL, NULL'} "
                f"FROM sources JOIN bodies USING (id) WHERE id IN ({marks}) AND removed = 0",
                part,
            )
            for sid, fmt, title, url, published, speaker, parsed, packed, codes, places in rows:
                text = self._unpack_text(packed)
                meta: dict[str, Any] = {
                    "title": title,
                    "url": url,
                    "published": _dt.date.fromisoformat(published) if published else None,
                }
                spk = _speaker_of(speaker)
                if parsed:
                    if fmt == "plain":
                        meta["speaker"] = spk
                    src = _reparse(text, fmt, meta)
                else:
                    src = Source(text, speaker=spk, format=fmt, **meta)
                if codes is not None:
                    got = made.get(text)
                    if got is None:
                        norm = _normalized(src)
                        got = made[text] = norm, self._index_of(norm, self._unpack_codes(codes), places)
                    else:
                        _keep_normalized(src, got[0])
                    if got[1] is not None:
                        _keep_index(src, got[1])
                out[sid] = src
                with self._lock:
                    self._sources[sid] = src
                    while len(self._sources) > _CACHE_SOURCES:
                        self._sources.popitem(last=False)
        return [out[i] for i in ids if i in out]

    def _unpack_text(self, packed: bytes) -> str:
        try:
            return zlib.decompress(packed).decode("utf-8", "surrogatepass")
        except (zlib.error, UnicodeDecodeError) as e:
            raise CorruptArchiveError(f"archive {self.path!r} is damaged: a text: {e}") from None

    def _index_of(
        self, norm: Normalized, codes: str, places: bytes
    ) -> _locator.SourceIndex | None:
        """A source's locator index, from its stored word codes and places (``None``: past the
        code space, where words share a code; the locator then splits the text itself).

        A source read for a quote is searched for that quote's few words: its
        index keeps the archive's codes and lists a word's places when first
        asked. A large source, kept and searched more, gets every word's places
        at once, its words renumbered in order of first appearance as the
        locator numbers them.
        """
        if "\U0010ffff" in codes:
            return None
        lazy = len(codes) < _LAZY_WORDS
        first = [] if lazy else list(dict.fromkeys(codes))
        if not lazy and len(first) >= 0xD000:
            return None
        top = ord(max(codes)) if codes else -1
        top = top if top < 0xD800 else top - 0x800  # (the largest word id the source holds)
        terms = self._terms_by_id
        if top >= len(terms):
            with self._lock:  # (words added since they were read: read the new ones once)
                for term, i in sorted(
                    self._query("SELECT term, id FROM terms WHERE id >= ?", (len(terms),)),
                    key=lambda r: r[1],
                ):
                    if i == len(terms):
                        terms.append(term)
            if top >= len(terms):
                return None
        starts = _unpack_starts(places)
        if lazy:
            words = _SourceWords(codes, top, self._word_codes, terms)
            return _locator.SourceIndex.coded(norm, codes, starts, words, _WordsByCode(terms))
        ids = [o if o < 0xD800 else o - 0x800 for o in map(ord, first)]
        local = codes.translate(dict(zip(map(ord, first), range(len(first)), strict=True)))
        split = _locator.IndexWords(local, starts, [terms[i] for i in ids])
        return _locator.SourceIndex(norm, split)

    def _document_frequencies(self, words: Sequence[str]) -> dict[str, int]:
        marks = ",".join("?" * len(words))
        rows = self._query(
            f"SELECT term, sum(n) FROM postings WHERE term IN ({marks}) GROUP BY term", words
        )
        return {t: int(n) for t, n in rows}

    def _postings(self, word: str) -> array[int]:
        arr: array[int] = array(_ID)
        for (docs,) in self._query("SELECT docs FROM postings WHERE term = ?", (word,)):
            arr.frombytes(docs)
        return arr

    def candidates(self, quote: Quote | AttributedQuote | str, *, config: VerifyConfig | None = None) -> list[Source]:
        """The sources that can hold a match of ``quote`` (every other source cannot).

        >>> a = Archive(":memory:")
        >>> _ = a.add(Source("We sell them a server.", title="one"))
        >>> _ = a.add(Source("Nothing to do with it.", title="two"))
        >>> [s.title for s in a.candidates("we sell them servers")]
        ['one']
        """
        plan, ids, regions = self._candidates(_quote_text(quote), config or DEFAULT_CONFIG)
        return self._load(self._near_enough(plan, ids, self._prepared(plan), regions=regions))

    def _candidate_ids(self, plan: _Plan) -> list[int]:
        """The sources whose words allow a match (from the word index, not the blocks).

        (Whether those words sit close enough is :meth:`_near_enough`'s to say.)
        """
        words = plan.words
        if not words:
            return []
        df = self._document_frequencies(words)
        bits = {w: 1 << i for i, w in enumerate(words)}
        everything = (1 << len(words)) - 1
        # Rarest first. The shortest prefix of words such that a source with
        # none of them cannot match, even holding every other word: every
        # source that can match holds one of them, so their postings give
        # every candidate.
        order = sorted(words, key=lambda w: df.get(w, 0))
        absent = 0
        needed: list[str] = []
        for w in order:
            if not plan.can_match(everything & ~absent):
                break
            absent |= bits[w]
            needed.append(w)
        present: dict[int, int] = {}
        for w in needed:
            if df.get(w, 0) == 0:
                continue
            b = bits[w]
            for d in self._postings(w):
                present[d] = present.get(d, 0) | b
        if not present:
            return []
        removed = {r[0] for r in self._query("SELECT id FROM sources WHERE removed = 1")}
        # The other words, rarest first: which candidates hold each (read only
        # while the candidates are fewer than the word's sources, else the
        # word is taken as present: a looser bound, never a lost match).
        for w in order[len(needed) :]:
            b = bits[w]
            n = df.get(w, 0)
            if n == 0:
                continue
            if n > 8 * len(present) + 1000:
                for d in present:
                    present[d] |= b
                continue
            holding = set(self._postings(w))
            for d in present:
                if d in holding:
                    present[d] |= b
        return sorted(d for d, m in present.items() if d not in removed and plan.can_match(m))

    def _prepared(self, plan: _Plan) -> _Windows | None:
        """The quote's words as the archive codes them (``None``: no source has any of them)."""
        if not plan.words:
            return None
        known = len(self._terms_by_id)  # (before the look-up: a word added since has a later id)
        rows = self._query(
            f"SELECT term, id FROM terms WHERE term IN ({','.join('?' * len(plan.words))})",
            plan.words,
        )
        word_of = {_code(i): t for t, i in rows}
        self._word_codes.learn(dict(rows), plan.words, known)  # (for the sources loaded next)
        if not word_of:
            return None
        if len(word_of) < len(rows) or chr(0x10FFFF) in word_of:
            return _SHARED  # words sharing a code: no positions to rely on
        return plan.windows(word_of)

    def _codes(self, ids: list[int], columns: str = "codes") -> Iterator[Any]:
        """Each source's id and word codes (and other ``columns`` of its body), 500 sources a read."""
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            marks = ",".join("?" * len(part))
            for sid, codes, *rest in self._query(
                f"SELECT id, {columns} FROM bodies WHERE id IN ({marks})", part
            ):
                yield sid, self._unpack_codes(codes), *rest

    def _unpack_codes(self, packed: bytes) -> str:
        try:
            return packed.decode(_CODES, "surrogatepass")
        except (UnicodeDecodeError, AttributeError) as e:
            raise CorruptArchiveError(f"archive {self.path!r} is damaged: word codes: {e}") from None

    def _holding_run(self, plan: _Plan, prep: _Windows | None) -> list[int] | None:
        """The sources that hold a quote in one piece word for word (every word, in order, side by
        side): the only ones where it can be verbatim.

        Found from the word index, before any candidate is listed (a source
        that holds the words so meets every bound of the candidates): the
        sources that hold its rarest words, then whether each holds them all
        in order. ``None`` when that cannot tell (a quote in pieces, a word
        no source has, words sharing a code).
        """
        if prep is None or prep is _SHARED or not plan.single or None in prep.full[0]:
            return None
        words = list(dict.fromkeys(plan.probe_words[0]))
        df = self._document_frequencies(words)
        if len(df) < len(words):
            return []
        held: set[int] | None = None
        for w in sorted(words, key=df.__getitem__)[:3]:
            docs = self._postings(w)
            held = set(docs) if held is None else held.intersection(docs)
            if len(held) <= 64:
                break
        if not held:
            return []
        removed = {r[0] for r in self._query("SELECT id FROM sources WHERE removed = 1")}
        run = "".join(prep.full[0])  # type: ignore[arg-type]
        return sorted(sid for sid, codes in self._codes(sorted(held - removed)) if run in codes)

    def _verbatim(
        self, whole: list[int], codes: str, run: Callable[[list[Source]], Verification]
    ) -> Verification | None:
        """``run`` (verify) over the sources of ``whole`` (each holding the quote's words side by
        side, as ``codes``) that can hold its winning verbatim match, or ``None`` when none is
        verbatim. The sources are tried earliest place first until one is verbatim in full
        (both scores 1; a few tries, else every source is verified as before); then only
        those whose words first occur no later than that match (less the locator's reach
        back) can beat it, and they alone are verified."""
        if len(whole) <= 2:
            v = run(self._load(whole, indexed=True))
            return v if v.fidelity is Fidelity.VERBATIM else None
        order = self._first_places(whole, codes)
        keep: list[int] | None = None
        for _, sid in order[:_VERBATIM_TRIES]:
            v = run(self._load([sid], indexed=True))
            loc, ali = v.location, v.alignment
            if (
                v.fidelity is Fidelity.VERBATIM
                and loc is not None
                and ali is not None
                and loc.score >= 1.0
                and ali.score >= 1.0
            ):
                keep = [s for p, s in order if p - _REACH_BACK <= loc.start]
                break
        v = run(self._load(whole if keep is None else sorted(keep), indexed=True))
        return v if v.fidelity is Fidelity.VERBATIM else None

    def _first_places(self, ids: list[int], run: str) -> list[tuple[int, int]]:
        """Where (in each source's own text) the word codes ``run`` first occur, with the source's
        id, earliest first: no match of those words there can start sooner."""
        out: list[tuple[int, int]] = []
        seen: dict[bytes, int] = {}  # (copies of one text: its place found once)
        for sid, codes, places, packed in self._codes(ids, "codes, starts, text"):
            k = codes.find(run)
            if k < 0:
                out.append((0, sid))  # (cannot be: held to its earliest possible place)
                continue
            place = seen.get(packed)
            if place is None:
                at = _unpack_starts(places)[k]
                norm = normalize(self._unpack_text(packed))
                place = seen[packed] = norm.to_original(at, at)[0]
            out.append((place, sid))
        return sorted(out)

    def _near_enough(
        self,
        plan: _Plan,
        ids: list[int],
        prep: _Windows | None,
        read: Iterable[tuple[int, str]] | None = None,
        *,
        regions: dict[int, _Regions] | None = None,
    ) -> list[int]:
        """The sources among ``ids`` that hold the quote's words close enough together to match
        (``read``: their codes, when already read; ``regions``: per source, the stretches a fuzzy
        match must lie in, see :meth:`_block_candidates`)."""
        if prep is None or not ids:
            return []
        if prep is _SHARED:
            return sorted(ids)
        rows = self._codes(ids) if read is None else read
        # The check reads only the codes and the stretches: copies of one text (with the same
        # stretches) are checked once.
        done: dict[tuple[str, object], bool] = {}
        kept: list[int] = []
        for sid, codes in rows:
            where = None if regions is None else regions[sid]
            key = (codes, None if where is None else (*where[0], None, *where[1]))
            ok = done.get(key)
            if ok is None:
                ok = done[key] = plan.near_enough(codes, prep, where)
            if ok:
                kept.append(sid)
        return sorted(kept)

    def _candidates(
        self, text: str, cfg: VerifyConfig, plan: _Plan | None = None
    ) -> tuple[_Plan, list[int], dict[int, _Regions] | None]:
        """The quote's plan, the sources whose words allow a match (not yet their places), and
        per source the stretches a fuzzy match or a paraphrase must lie in (``None``: anywhere).

        From the block index when it can tell, else from the word index.
        """
        if plan is None:
            plan = _Plan(_locator.prepare(text), cfg.locate.min_score, 0.6)
        found = self._block_candidates(plan)
        if found is None:
            return plan, self._candidate_ids(plan), None
        return plan, found[0], found[1]

    def _block_candidates(
        self, plan: _Plan
    ) -> tuple[list[int], dict[int, _Regions]] | None:
        """The sources with blocks that hold enough of the quote's content words close together.

        Every fuzzy match, splice or paraphrase the locator can find lies in
        a stretch of source words of known width (see :func:`_conditions`)
        holding at least a known number of the quote's content words; such a
        stretch lies within ``g`` consecutive blocks. A count per block over
        those words' blocks, as big-integer bits (:func:`_windows_holding`, at C
        speed), gives every source that can hold a match, and few that cannot.
        ``None`` when the bound needs no content word (too few in the quote).

        With the sources, per source the stretches of its words (``lo, hi``)
        that a fuzzy match of a fragment must lie in, and those a paraphrase
        must lie in: a match whose stretch lies in blocks ``b .. b + g - 1``
        lies in those from its first block on, which therefore qualifies too;
        so the runs of ``g`` blocks from each block of the source that
        qualifies for that kind of match hold every such match.
        """
        conditions = _conditions(plan)
        if conditions is None:
            return None
        words = sorted({w for ws, _, _ in conditions for w in ws})
        if not words:
            return [], {}
        got: dict[str, int] = {}
        rows = self._query(
            f"SELECT term, n, ids FROM blocks WHERE term IN ({','.join('?' * len(words))})", words
        )
        try:
            for term, n, blob in rows:
                got[term] = got.get(term, 0) | _block_bits(blob, n)
        except (zlib.error, IndexError) as e:
            msg = f"archive {self.path!r} is damaged: the block index: {e}"
            raise CorruptArchiveError(msg) from None
        firsts, sids = self._block_table()
        # runs of qualifying blocks (first, last) and the blocks a match spans from each:
        # of a fragment, of a paraphrase
        kinds: tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]] = ([], [])
        spreads: dict[tuple[str, int], int] = {}
        for i, (ws, width, need) in enumerate(conditions):
            g = (width - 1) // _BLOCK + 2
            held = _windows_holding(got, ws, g=g, need=need, spreads=spreads)
            runs = kinds[i >= len(plan.probe_words)]  # (the last may be a paraphrase's)
            runs.extend((a, b, g) for a, b in _bit_runs(held))
        if not firsts:
            return [], {}  # (no source has blocks)
        spans: dict[int, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
        n_firsts = len(firsts)
        for kind, runs in enumerate(kinds):
            for a, b, g in runs:
                k = bisect_right(firsts, a) - 1
                at = a if k >= 0 else firsts[0]
                k = max(k, 0)
                first = firsts[k]
                if k + 1 >= n_firsts or b < firsts[k + 1]:  # (most runs: within one source)
                    if at <= b:
                        got_spans = spans.get(sids[k])
                        if got_spans is None:
                            got_spans = spans[sids[k]] = ([], [])
                        got_spans[kind].append(((at - first) * _BLOCK, (b - first + g) * _BLOCK))
                    continue
                while at <= b:  # a run may cross from one source into the next: a stretch in each
                    first = firsts[k]
                    last = min(b, firsts[k + 1] - 1) if k + 1 < n_firsts else b
                    spans.setdefault(sids[k], ([], []))[kind].append(
                        ((at - first) * _BLOCK, (last - first + g) * _BLOCK)
                    )
                    at, k = last + 1, k + 1
        if not spans:
            return [], {}
        removed = {r[0] for r in self._query("SELECT id FROM sources WHERE removed = 1")}
        regions = {sid: (_merged(f), _merged(p)) for sid, (f, p) in spans.items()}
        return sorted(set(spans) - removed), regions

    def _block_table(self) -> tuple[array[int], array[int]]:
        """Each source's first block, ascending, and its id (cached until the archive changes)."""
        version = self._query("PRAGMA data_version")[0][0]
        cached = self._blocks_cache
        if cached is not None and cached[0] == version:
            return cached[1], cached[2]
        firsts: array[int] = array("q")
        sids: array[int] = array("q")
        for sid, first in self._query("SELECT id, block0 FROM sources ORDER BY block0, blocks"):
            firsts.append(first)
            sids.append(sid)
        self._blocks_cache = (version, firsts, sids)
        return firsts, sids

    def verify(
        self,
        quote: Quote | AttributedQuote | str,
        *,
        speaker: str | Speaker | None = None,
        speakers: SpeakerRegistry | None = None,
        said_on: _dt.date | None = None,
        framing: str | None = None,
        config: VerifyConfig | None = None,
        **overrides: Any,
    ) -> Verification:
        """What :func:`~quoteverify.verify` gives for ``quote`` over every source of the archive.

        The winning source is ``source`` (the same answer as the list's); the
        other sources that matched, among those that had to be checked, are
        in ``also_matched``: for a verbatim quote, the sources that hold it word
        for word and could have won (a quote copied into many sources names
        the copies checked, not every copy).

        >>> a = Archive(":memory:")
        >>> _ = a.add(Source("XIE YINAN: We don't have access to the data.", title="t"))
        >>> a.verify("We do not have access to the data").fidelity.value
        'cosmetic'
        """
        cfg = config or DEFAULT_CONFIG
        if config is not None and not isinstance(config, VerifyConfig):
            msg = f"config must be a VerifyConfig (got {type(config).__name__})"
            raise TypeError(msg)
        cfg = cfg.replace(**overrides) if overrides else cfg
        text = _quote_text(quote)

        def run(sources: list[Source]) -> Verification:
            # Copies of one text (wire copy filed twice) are read alike: one is verified for all.
            read, copies = _one_per_reading(sources)
            v = _verify_list(
                quote,
                read or [_NOTHING],
                speaker=speaker,
                speakers=speakers,
                said_on=said_on,
                framing=framing,
                config=cfg,
            )
            return _with_copies(v, copies) if copies else v

        plan = _Plan(_locator.prepare(text), cfg.locate.min_score, 0.6)
        prep = self._prepared(plan)
        whole = self._holding_run(plan, prep)
        if whole:
            # A verbatim match of a quote in one piece needs its words side by
            # side, as the quote has them: when one of the sources that hold
            # them so has it, no other source can do better (and the others
            # need not even be looked at). (A quote with an ellipsis is
            # verbatim where only one of its pieces is found, so it is not cut
            # short.) Among verbatim matches the earliest in its text wins, so
            # once one is found, the sources whose words first occur later
            # (by more than the locator may widen a match) cannot win: a quote
            # copied into many sources (wire copy) costs a few of them, not all.
            v = self._verbatim(whole, "".join(prep.full[0]), run)  # type: ignore[union-attr, arg-type]
            if v is not None:
                return v
        plan, ids, regions = self._candidates(text, cfg, plan)
        near = self._near_enough(plan, ids, prep, regions=regions)
        return run(self._load(near, indexed=True))

    def check_article(
        self,
        text: str,
        *,
        speakers: SpeakerRegistry | None = None,
        config: VerifyConfig | None = None,
        published: _dt.date | None = None,
        **overrides: Any,
    ) -> Report:
        """What :func:`~quoteverify.check_article` gives for a story over every source of the archive.

        >>> a = Archive(":memory:")
        >>> _ = a.add(Source.from_transcript("XIE YINAN: We don't have access to the data."))
        >>> r = a.check_article('Xie Yinan said: "We do not have access to the data."')
        >>> r.counts["fidelity"]["cosmetic"], r.ok
        (1, True)
        """
        check_text(text, "article text")
        cfg = config or DEFAULT_CONFIG
        cfg = cfg.replace(**overrides) if overrides else cfg
        if speakers is not None and not isinstance(speakers, SpeakerRegistry):
            msg = f"speakers must be a SpeakerRegistry (got {type(speakers).__name__})"
            raise TypeError(msg)
        out: list[Verification] = []
        used: dict[int, Source] = {}
        for aq in extract_quotes(text, speakers=speakers):
            if not aq.direct and not cfg.include_indirect:
                continue
            if not any(ch.isalnum() for ch in aq.text):
                continue
            if len(aq.text) > limit_for("quote")[1]:
                short = Quote(aq.text[:200] + "…", speaker=aq.speaker)
                out.append(Verification(quote=short, fidelity=Fidelity.NOT_FOUND, attributed=aq))
                continue
            v = self.verify(aq, speakers=speakers, said_on=published, config=cfg)
            if v.source is not None:
                used[id(v.source)] = v.source
            out.append(v)
        return Report(text=text, verifications=tuple(out), sources=tuple(used.values()))

    def __iter__(self) -> Iterator[Source]:
        ids = [r[0] for r in self._query("SELECT id FROM sources WHERE removed = 0 ORDER BY id")]
        for start in range(0, len(ids), 500):
            yield from self._load(ids[start : start + 500])


_NOTHING = Source("")  # what verify is given when no source can match: it matches nothing
_SHARED = _Windows({}, [])  # what _prepared gives when the quote's words share word codes


def _one_per_reading(sources: list[Source]) -> tuple[list[Source], dict[int, list[Source]]]:
    """The sources :func:`~quoteverify.verify` must read, one per reading, and the copies each
    stands for (by the kept source's ``id``).

    Until it picks the winner, ``verify`` reads of a source only its text
    (locate, align, widen, judge) and its turns (a transcript label inside
    the match, an interjection between two pieces): sources with the same
    text and turns give the same match, and differ only in the tie-break
    among equal matches, :func:`~quoteverify.verification.source_key`,
    smallest first, whose first part is the text. So the smallest of the
    sources of one text is verified and stands for the others, which follow
    it in the list's order whatever the other texts (a text some source
    holds with other turns is not grouped: each of its sources is verified).
    Sources whose key an earlier one has are dropped first, as ``verify``
    drops them.

    >>> a, b, c = (Source("Same words.", title=t) for t in "cab")
    >>> read, copies = _one_per_reading([a, b, c, Source("Other words.")])
    >>> [s.title for s in read], [s.title for s in copies[id(b)]]
    (['a', None], ['b', 'c'])
    """
    seen: set[tuple[str, str, str, str, str]] = set()
    by_text: dict[str, list[Source]] = {}
    for src in sources:
        key = source_key(src)
        if key not in seen:
            seen.add(key)
            by_text.setdefault(src.text, []).append(src)
    if len(by_text) == len(seen):
        return [g[0] for g in by_text.values()], {}
    read: list[Source] = []
    copies: dict[int, list[Source]] = {}
    for group in by_text.values():
        first, *rest = sorted(group, key=source_key)
        if rest and all(_same_turns(first, s) for s in rest):
            read.append(first)
            copies[id(first)] = rest
        else:
            read.extend(group)  # (one text read two ways: each verified, as the list does)
    return read, copies


def _same_turns(a: Source, b: Source) -> bool:
    """Whether two sources of one text have the same turns (none, or equal tuples of them)."""
    ta, tb = a.turns, b.turns
    return ta is tb or (isinstance(ta, tuple) and isinstance(tb, tuple) and ta == tb)


def _with_copies(v: Verification, copies: dict[int, list[Source]]) -> Verification:
    """``v`` (from the sources :func:`_one_per_reading` kept) with each matched source's copies
    among the other matches, right after it, as the list orders them (their match is its
    match; their keys come next)."""
    if v.source is None or v.location is None:
        return v
    others: list[SourceMatch] = [
        SourceMatch(c, v.location, v.fidelity) for c in copies.get(id(v.source), ())
    ]
    for m in v.also_matched:
        others.append(m)
        others.extend(SourceMatch(c, m.location, m.fidelity) for c in copies.get(id(m.source), ()))
    return attrs.evolve(v, also_matched=tuple(others))


def _quote_text(quote: Quote | AttributedQuote | str) -> str:
    if isinstance(quote, AttributedQuote):
        return quote.quote.text
    if isinstance(quote, Quote):
        return quote.text
    return check_text(quote, "quote", allow_empty=False)


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any error; a busy file is a clear error."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive

    def __enter__(self) -> None:
        try:
            self.archive._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            msg = f"archive {self.archive.path!r} is being written by another process ({e})"
            raise ArchiveLockedError(msg) from None

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        db = self.archive._db
        self.archive._blocks_cache = None  # (own writes do not change PRAGMA data_version)
        if kind is not None:
            self.archive._terms = None  # (words it read or added may be rolled back)
        if kind is None:
            try:
                db.execute("COMMIT")
            except sqlite3.Error as e:
                db.execute("ROLLBACK")
                self.archive._terms = None
                raise ArchiveError(f"archive {self.archive.path!r}: cannot commit: {e}") from None
        else:
            with contextlib.suppress(sqlite3.Error):  # (SQLite may have rolled back already)
                db.execute("ROLLBACK")
            self.archive._sources.clear()
            path = self.archive.path
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise ArchiveLockedError(f"archive {path!r} is busy: {exc}; nothing was written")
            if isinstance(exc, sqlite3.DatabaseError):
                raise CorruptArchiveError(
                    f"archive {path!r} cannot be written: {exc}; nothing was written"
                )


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite, or is shorter than its header says (truncated)."""
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as e:
        raise ArchiveError(f"archive {str(path)!r} cannot be read: {e.strerror or e}") from None
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        msg = f"{str(path)!r} is not a quoteverify archive (not an SQLite file)"
        raise CorruptArchiveError(msg)
    page = int.from_bytes(head[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(head[28:32], "big")
    valid = head[24:28] == head[92:96]  # the page count is valid when these agree
    wal = Path(str(path) + "-wal")
    if valid and pages and not (wal.exists() and wal.stat().st_size > 0):
        size = path.stat().st_size
        if size < pages * page:
            msg = (
                f"archive {str(path)!r} is truncated: {size} bytes, its header says "
                f"{pages * page}; restore it from a copy"
            )
            raise CorruptArchiveError(msg)

