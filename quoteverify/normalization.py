"""Normalisation that never loses the way back, and tokenisation into words.

:func:`normalize` folds a text into a *matching form* (compatibility forms,
every quote and dash glyph, ellipses, whitespace, invisible marks, soft and
line-break hyphens, case) and keeps a map from every normalised offset back to
the original text, so a match found in the folded text is reported at the
exact original characters.

>>> n = normalize("“We don’t have\\u00a0access…”")
>>> n.text
'"we don\\'t have access..."'
>>> n.steps
('quotes', 'ellipsis', 'whitespace', 'case')
>>> start, end = n.to_original(1, 9)
>>> n.original[start:end]
'We don’t'
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from typing import overload

import attrs
import regex

from ._text import DOUBLE_QUOTE_GLYPHS, SINGLE_QUOTE_GLYPHS, SPACE_CHARS
from ._tokens import ASCII_TOKEN, SPLIT_TOKENS, TOKEN, whitespace_chunks
from .errors import InvalidInputError, check_text

__all__ = [
    "STEPS",
    "Normalized",
    "Token",
    "Tokens",
    "normalize",
    "normalized_text",
    "tokenize",
]

#: Every folding step, in the order they apply. ``normalize(text, steps=...)``
#: runs a subset; :attr:`Normalized.steps` lists those that changed something.
STEPS: tuple[str, ...] = (
    "compatibility",
    "quotes",
    "dashes",
    "ellipsis",
    "whitespace",
    "invisible",
    "soft_hyphen",
    "line_break_hyphen",
    "case",
)

_DOUBLE_QUOTES = DOUBLE_QUOTE_GLYPHS
_SINGLE_QUOTES = SINGLE_QUOTE_GLYPHS
_DASHES = "‐‑‒–—―⁃﹘﹣－⸺⸻"
_MINUS = "−"  # kept as a minus: it carries meaning; folded to ASCII hyphen-minus
# Characters whose folding belongs to a step of its own, not to "compatibility".
_OWN_STEP = frozenset(_DOUBLE_QUOTES + _SINGLE_QUOTES + _DASHES + _MINUS + "…")
_WS_CLASS = r"[\s\p{Cf}\u00ad\x00-\x08\x0e-\x1f\x7f]"
# One pass finds every character that needs more than ASCII lower-casing:
# a hyphen (or soft hyphen) splitting a word across a line break, a run of
# whitespace/invisible/control characters that is not a single plain space,
# a base character followed by combining marks, or any other non-ASCII char.
_SPECIAL = regex.compile(
    r"(?P<hyph>(?<=\p{L})[-\u00ad][ \t]*(?:\r\n|\r|\n)[ \t]*(?=\p{Ll}))"
    r"|(?P<cluster>[^\s\p{M}\p{Cf}](?:\p{Cf}*\p{M})+)"
    rf"|(?P<ws> {_WS_CLASS}+|[{_WS_CLASS[1:-1]}--[ ]]{_WS_CLASS}*)"
    r"|(?P<other>[^\x20-\x7e])",
    regex.V1,
)


_ALL_STEPS = frozenset(STEPS)
_HYPHEN_BREAK = re.compile(r"[-\u00ad][ \t]*[\r\n]")

# A fast first pass (stdlib ``re``, one simple pattern) finds the few places
# that can need folding: non-printable or non-ASCII characters, runs of
# spaces, and hyphens before a line break. ``_SPECIAL`` then runs only on
# small windows around them, which keeps a 10 MB mostly-ASCII text fast.
_CANDIDATE = re.compile(r"[^ -~]+| {2,}|[-\u00ad][ \t]*[\r\n][ \t]*")


def _special_matches(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_SPECIAL`` over ``text``, found through candidate windows."""
    n = len(text)
    window_start = window_end = -1
    pos = 0
    for m in _CANDIDATE.finditer(text):
        a, b = m.span()
        if window_end >= 0 and a - window_end <= 2:
            window_end = b
            continue
        if window_end >= 0:
            for sm in _SPECIAL.finditer(text, max(0, window_start - 1), min(n, window_end + 1)):
                if sm.start() >= pos:
                    pos = sm.end()
                    yield sm
        window_start, window_end = a, b
    if window_end >= 0:
        for sm in _SPECIAL.finditer(text, max(0, window_start - 1), min(n, window_end + 1)):
            if sm.start() >= pos:
                pos = sm.end()
                yield sm


def _fold_char(ch: str, steps: frozenset[str], used: set[str]) -> str:
    """Fold one character (or a base + combining marks cluster)."""
    out = ch
    if len(out) > 1 and "invisible" in steps:
        visible = "".join(c for c in out if unicodedata.category(c) != "Cf")
        if visible != out:
            used.add("invisible")
            out = visible
    if "compatibility" in steps:
        nf = unicodedata.normalize("NFKC", out)
        if nf != out and out not in _OWN_STEP:
            used.add("compatibility")
            out = nf
    if len(out) == 1:
        if "quotes" in steps and out in _DOUBLE_QUOTES and out != '"':
            used.add("quotes")
            return '"'
        if "quotes" in steps and out in _SINGLE_QUOTES and out != "'":
            used.add("quotes")
            return "'"
        if "dashes" in steps and (out in _DASHES or out == _MINUS):
            used.add("dashes")
            return "-"
        if "ellipsis" in steps and out == "…":
            used.add("ellipsis")
            return "..."
    elif "ellipsis" in steps and out == "...":
        used.add("ellipsis")
    if "case" in steps:
        folded = out.casefold()
        if folded != out:
            used.add("case")
            out = folded
    return out


def _fold_space_run(raw: str, active: frozenset[str], used: set[str]) -> str:
    """Fold a run of whitespace, invisible and control characters."""
    kept = []
    for c in raw:
        if c == "\u00ad" and "soft_hyphen" in active:
            used.add("soft_hyphen")
            continue
        if c != "\u00ad" and not c.isspace() and "invisible" in active:
            used.add("invisible")  # a format (bidi, zero-width) or control character
            continue
        kept.append(c)
    rep = "".join(kept)
    if "whitespace" in active and rep and any(c.isspace() for c in rep) and rep != " ":
        used.add("whitespace")
        return " "
    return rep


def _one_for_one_folds() -> dict[str, tuple[str, frozenset[str]]]:
    """Characters that fold to one printable ASCII character wherever they stand alone.

    A curly quote, a dash, a no-break space, a single line break: folding
    them keeps the text's length, so a text made only of these and printable
    ASCII folds with a ``str.replace`` per character and its offsets do not
    move. Each maps to its fold and the steps that made it, taken from the
    general folding, which stays the reference.
    """
    folds: dict[str, tuple[str, frozenset[str]]] = {}
    candidates = _DOUBLE_QUOTES + _SINGLE_QUOTES + _DASHES + _MINUS
    spaces = SPACE_CHARS
    for ch in candidates + spaces:
        if ch.isascii() and ch.isprintable():
            continue  # printable ASCII is never folded (only lower-cased)
        used: set[str] = set()
        rep = _fold_space_run(ch, _ALL_STEPS, used) if ch in spaces else _fold_char(ch, _ALL_STEPS, used)
        if len(rep) == 1 and rep.isascii() and rep.isprintable():
            folds[ch] = (rep, frozenset(used))
    return folds


_ONE_FOR_ONE = _one_for_one_folds()
_NOT_PRINTABLE_ASCII = re.compile(r"[^ -~]")


def is_plain_ascii(text: str) -> bool:
    """True when ``normalize`` only lower-cases ``text``: printable ASCII, single spaces.

    >>> is_plain_ascii("We don't have access."), is_plain_ascii("We  don’t")
    (True, False)
    """
    return text.isascii() and text.isprintable() and "  " not in text


def _fold_alone(text: str) -> tuple[str, set[str]] | None:
    """``text`` with every character that folds alone and in place folded (runs of spaces not
    yet made one), and the steps used; None when a character does not fold alone or a hyphen
    stands before a line break."""
    if ("\n" in text or "\r" in text) and _HYPHEN_BREAK.search(text):
        return None
    others = set(_NOT_PRINTABLE_ASCII.findall(text))
    if not others.issubset(_ONE_FOR_ONE):
        return None
    # A replace per distinct character (C speed); str.translate with a dict
    # table looks every character up, ten times slower on a short quote.
    work = text
    used: set[str] = set()
    for ch in others:
        rep, steps = _ONE_FOR_ONE[ch]
        work = work.replace(ch, rep)
        used |= steps
    return work, used


def _fold_one_for_one(text: str) -> Normalized | None:
    """``normalize(text)`` when every character folds alone and in place, else None.

    The common case, a few C-speed passes: printable ASCII,
    plus curly quotes, dashes, no-break spaces and single line breaks (not a
    hyphen before a line break); runs of spaces become one space, the only
    change of length, with its segment in the offset map.
    """
    empty = array("q")
    if is_plain_ascii(text):
        folded = text.lower()
        return Normalized(folded, text, ("case",) if folded != text else (), empty, empty, empty, empty)
    alone = _fold_alone(text)
    if alone is None:
        return None
    work, used = alone
    segments: list[array[int]] = [empty, empty, empty, empty]
    if "  " in work:
        work, segments = _collapse_spaces(work)
        used.add("whitespace")
    folded = work.lower()
    if folded != work:
        used.add("case")
    ordered = tuple(step for step in STEPS if step in used)
    return Normalized(folded, text, ordered, *segments)


def normalized_text(text: str) -> str:
    """``normalize(text).text``, without the map back to ``text``'s offsets: for a caller that
    needs only the folded text (an archive's add, which splits it into words).

    The common case at C speed, as :func:`normalize` takes it (every character
    folds alone; runs of spaces become one, by halving them with
    ``str.replace`` rather than recording each in the map); anything else by
    :func:`normalize` itself.

    >>> normalized_text("We  sell them \u2014 \u201cservers\u201d.")
    'we sell them - "servers".'
    """
    check_text(text, "text")
    if is_plain_ascii(text):
        return text.lower()
    alone = _fold_alone(text)
    if alone is None:
        return normalize(text).text
    work = alone[0]
    while "  " in work:
        work = work.replace("  ", " ")
    return work.lower()


_SPACE_RUN = re.compile(" {2,}")


def _collapse_spaces(text: str) -> tuple[str, list[array[int]]]:
    """``text`` with each run of spaces made one, and the runs as offset-map segments."""
    nstart: array[int] = array("q")
    ostart: array[int] = array("q")
    olen: array[int] = array("q")
    pieces: list[str] = []
    pos = npos = 0
    for m in _SPACE_RUN.finditer(text):
        s, e = m.span()
        pieces.append(text[pos:s])
        npos += s - pos
        nstart.append(npos)
        ostart.append(s)
        olen.append(e - s)
        pieces.append(" ")
        npos += 1
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces), [nstart, ostart, array("q", [1]) * len(nstart), olen]


@attrs.frozen
class Normalized:
    """A text in matching form, with the way back to the original.

    ``text`` is the folded text and ``original`` the text it came from;
    ``steps`` names the folds that changed something, in order, so
    ``normalize(original, steps=steps).text == text``. Use
    :meth:`to_original` to turn a span of ``text`` into a span of
    ``original``.
    """

    text: str
    original: str
    steps: tuple[str, ...]
    # Replacement segments, sorted: normalised start, original start,
    # normalised length, original length. Between them the texts agree
    # character for character (up to ASCII case).
    _nstart: array[int] = attrs.field(repr=False, eq=False)
    _ostart: array[int] = attrs.field(repr=False, eq=False)
    _nlen: array[int] = attrs.field(repr=False, eq=False)
    _olen: array[int] = attrs.field(repr=False, eq=False)

    def start_to_original(self, i: int) -> int:
        """The original offset where normalised offset ``i`` starts."""
        k = bisect_right(self._nstart, i) - 1
        if k < 0:
            return i
        nend = self._nstart[k] + self._nlen[k]
        if i < nend:
            return self._ostart[k]
        return self._ostart[k] + self._olen[k] + (i - nend)

    def end_to_original(self, j: int) -> int:
        """The original offset where a normalised span ending at ``j`` ends."""
        k = bisect_left(self._nstart, j) - 1
        if k < 0:
            return j
        nend = self._nstart[k] + self._nlen[k]
        if j <= nend:
            return self._ostart[k] + self._olen[k]
        return self._ostart[k] + self._olen[k] + (j - nend)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` to the original text.

        >>> n = normalize("a\\u200bb…c")
        >>> n.text, n.to_original(2, 5)
        ('ab...c', (3, 4))
        """
        if not 0 <= start <= end <= len(self.text):
            msg = f"span must satisfy 0 <= start <= end <= {len(self.text)} (got {start}, {end})"
            raise InvalidInputError(msg)
        if not self._nstart:  # nothing changed length: offsets are the same
            return start, end
        if start == end:
            o = self.start_to_original(start)
            return o, o
        return self.start_to_original(start), self.end_to_original(end)

    def replay(self, text: str | None = None) -> Normalized:
        """Apply the same steps again (to ``text``, or to the original).

        >>> n = normalize("Don’t")
        >>> n.replay().text == n.text
        True
        """
        return normalize(self.original if text is None else text, steps=self.steps)


def normalize(text: str, *, steps: Iterable[str] | None = None) -> Normalized:
    """Fold ``text`` into matching form, keeping the map back to its offsets.

    ``steps`` chooses which folds run (all of :data:`STEPS` by default).
    Meaningful punctuation is kept: a minus sign becomes ``-``, a decimal
    point stays.

    >>> normalize("ﬁnal – “Yes”").text
    'final - "yes"'
    >>> normalize("manufac-\\nturing").text
    'manufacturing'
    """
    check_text(text, "text")
    if steps is None:
        simple = _fold_one_for_one(text)
        if simple is not None:
            return simple
        active = _ALL_STEPS
    else:
        active = frozenset(steps)
        unknown = active - set(STEPS)
        if unknown:
            msg = f"unknown normalisation steps {sorted(unknown)}; known: {list(STEPS)}"
            raise InvalidInputError(msg)
    used: set[str] = set()
    lower = "case" in active
    # Single tabs and line breaks become spaces in one C-speed pass (same
    # length, so offsets do not move) unless a hyphen before a line break needs
    # the break to be seen; runs are still folded to one space below.
    work = text
    if "whitespace" in active and not ("line_break_hyphen" in active and _HYPHEN_BREAK.search(text)):
        for ch in "\n\t\r\f\v":
            if ch in work:
                work = work.replace(ch, " ")
        if work is not text:
            used.add("whitespace")
    parts: list[str] = []
    nstart: array[int] = array("q")
    ostart: array[int] = array("q")
    nlen: array[int] = array("q")
    olen: array[int] = array("q")
    pos = 0  # original offset consumed so far
    npos = 0  # normalised length produced so far

    def emit_plain(chunk: str) -> None:
        nonlocal npos
        if not chunk:
            return
        if lower:
            folded = chunk.lower()
            if folded != chunk:
                used.add("case")
            parts.append(folded)
        else:
            parts.append(chunk)
        npos += len(chunk)

    for m in _special_matches(work):
        kind = m.lastgroup
        s, e = m.span()
        raw = m.group()
        if kind == "hyph":
            if "line_break_hyphen" not in active:
                continue
            used.add("line_break_hyphen")
            rep = ""
        elif kind == "ws":
            rep = _fold_space_run(raw, active, used)
            if rep == raw:
                continue
        else:  # a combining cluster or any other non-ASCII character
            rep = _fold_char(raw, active, used)
            if rep == raw:
                continue
        emit_plain(work[pos:s])
        nstart.append(npos)
        ostart.append(s)
        nlen.append(len(rep))
        olen.append(e - s)
        parts.append(rep)
        npos += len(rep)
        pos = e
    emit_plain(work[pos:])
    ordered = tuple(step for step in STEPS if step in used)
    return Normalized("".join(parts), text, ordered, nstart, ostart, nlen, olen)


# --- tokenisation ------------------------------------------------------------

_TOKEN_CHUNK = 1 << 18


@attrs.frozen
class Token:
    """One token of a text: ``kind`` is ``word``, ``number``, ``cjk`` or ``punct``."""

    start: int
    end: int
    text: str
    kind: str

    @property
    def is_word(self) -> bool:
        """True for words, numbers and CJK characters (everything but punctuation)."""
        return self.kind != "punct"


class Tokens(Sequence[Token]):
    """The tokens of a text, held as two arrays of offsets; each :class:`Token` is made when read.

    A read-only sequence: ``len``, indexing, slicing (a list), iteration and
    equality with another sequence of tokens. ``starts`` and ``ends`` are the
    offsets themselves, for callers that need no objects.

    >>> toks = tokenize("We don't have access.")
    >>> len(toks), toks[1].text, [t.text for t in toks[2:]]
    (4, "don't", ['have', 'access'])
    """

    __slots__ = ("_text", "ends", "starts")

    def __init__(self, text: str, starts: array[int], ends: array[int]) -> None:
        self._text = text
        self.starts = starts
        self.ends = ends

    def __len__(self) -> int:
        return len(self.starts)

    def _token(self, start: int, end: int) -> Token:
        text = self._text
        pattern = ASCII_TOKEN if text.isascii() else TOKEN
        m = pattern.match(text, start)
        return Token(start, end, text[start:end], (m.lastgroup if m else None) or "punct")

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        if isinstance(i, slice):
            return [self._token(s, e) for s, e in zip(self.starts[i], self.ends[i], strict=True)]
        return self._token(self.starts[i], self.ends[i])

    def __iter__(self) -> Iterator[Token]:
        for s, e in zip(self.starts, self.ends, strict=True):
            yield self._token(s, e)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Tokens):
            return (self._text, self.starts, self.ends) == (other._text, other.starts, other.ends)
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tokens({len(self)} tokens)"


def tokenize(text: str, *, punctuation: bool = False) -> Tokens:
    """Split ``text`` into word tokens with their offsets in ``text``.

    Words keep internal apostrophes and hyphens, numbers are one token
    (``1,000.5``, ``30%``), and each Han or Kana character is its own token.
    The result is a read-only sequence (:class:`Tokens`) that keeps offsets
    only, so a 10 MB text costs arrays, not millions of objects.

    >>> [t.text for t in tokenize("Megvii's 1,000.5 servers—30% of 印奇的")]
    ["Megvii's", '1,000.5', 'servers', '30%', 'of', '印', '奇', '的']
    >>> [t.text for t in tokenize("Yes, sir.", punctuation=True)]
    ['Yes', ',', 'sir', '.']
    """
    check_text(text, "text")
    pattern = SPLIT_TOKENS[text.isascii(), punctuation]
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    for base, chunk in whitespace_chunks(text, _TOKEN_CHUNK):
        # Gaps and tokens alternate: running sums of their lengths are the
        # offsets, token k from sums[2k + 1] to sums[2k + 2].
        sums = array("q", accumulate(map(len, pattern.split(chunk)), initial=base))
        starts.extend(sums[1:-1:2])
        ends.extend(sums[2::2])
    return Tokens(text, starts, ends)
