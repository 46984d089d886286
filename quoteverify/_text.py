"""Text conventions shared by every module: quotation-mark pairs and the sentence-end rule.

One home, so the same words get the same reading wherever they are looked at (issue 12): the
extraction of quotes from stories, nested speech in transcripts and the context checks of drift
all split sentences with :data:`SENTENCE_END` and its abbreviation guard
:func:`ends_in_abbreviation`, and find quotations with :data:`QUOTE_PAIRS`.

>>> [m.group().strip() for m in SENTENCE_END.finditer("It works. Does it? Yes!")]
['.', '?', '!']
>>> ends_in_abbreviation("spoke to Dr."), ends_in_abbreviation("closed the plant.")
(True, False)
>>> QUOTE_PAIRS["＂"], QUOTE_PAIRS["«"]
('＂', '»')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import regex

from .vocabulary import STAGE_DIRECTIONS, TITLES

__all__ = [
    "AMBIGUOUS_MARKS",
    "BROKEN_OFF",
    "CJK_CLASS",
    "CJK_RANGES",
    "DOUBLE_QUOTE_GLYPHS",
    "EDGE_PUNCTUATION",
    "EDITORIAL_BRACKET",
    "ELLIPSIS",
    "GAP_SENTENCE_END",
    "LINE_SPACE",
    "MARK_RULES",
    "QUOTE_FAMILIES",
    "QUOTE_OPENERS",
    "QUOTE_PAIRS",
    "SENTENCE_END",
    "SENTENCE_PUNCTUATION",
    "SIC",
    "SINGLE_QUOTE_GLYPHS",
    "SPACE_CHARS",
    "TITLE_PATTERN",
    "alternation",
    "either_case",
    "ends_in_abbreviation",
    "is_sentence_end",
    "sentence_end",
    "sentence_start",
]

#: Each opening quotation mark and the marks that may close it. A mark that closes itself
#: (``"``, ``'``, full-width ``＂``) is also in :data:`AMBIGUOUS_MARKS`: whether it opens or
#: closes depends on what stands around it.
QUOTE_PAIRS: Final[dict[str, str]] = {
    '"': '"',
    "＂": "＂",
    "“": "”",
    "„": "“”",
    "‘": "’",
    "‚": "‘’",
    "'": "'",
    "«": "»",
    "‹": "›",
    "「": "」",
    "『": "』",
}
#: The quote-mark families of running text (the styles a story may quote in), by name: the marks
#: that open one, the marks that close it, and the marks that re-open it at the start of a
#: paragraph that goes on quoting (``"…`` / ``"…"``). Families nest inside each other.
QUOTE_FAMILIES: Final[dict[str, tuple[str, str, str]]] = {
    # name: (openers, closers, re-openers)
    "straight double": ('"', '"', '"'),
    "straight single": ("'", "'", "'"),
    # a right mark typed as an opener opens it too; a straight mark may close it (“mixed marks")
    "curly double": ("“”", '”“"＂', "“"),
    "curly single": ("‘", "’", "‘"),
    "low double": ("„", '“”"＂', "„"),  # German and Polish style: „…“ or „…”
    "low single": ("‚", "‘’", "‚"),
    "guillemets": ("«", "»", "«»"),
    "reversed guillemets": ("»", "«", "»"),  # Danish and Swedish style: »…«
    "single guillemets": ("‹", "›", "‹"),
    "corner": ("「", "」", "「"),
    "white corner": ("『", "』", "『"),
    "full-width": ("＂", "＂", "＂"),
}

#: What each quotation mark does in running text, as ordered steps: the first step that applies
#: is taken and ends the mark. A step is ``(action, families, condition)``:
#:
#: * ``"close"`` closes the innermost open quote of one of ``families`` if ``condition`` holds;
#: * ``"restart"``: one of ``families`` is open and ``condition`` holds, so the earlier opener
#:   was stray: it is dropped and ``families[0]`` opens here instead;
#: * ``"open"`` opens ``families[0]`` if ``condition`` holds;
#: * ``"skip"`` ends the mark, doing nothing, when ``condition`` holds (and, with families, one
#:   of them is open).
#:
#: Conditions name what stands around the mark: ``opener`` (space or an opening bracket
#: before, a letter after), ``closer`` (a letter before, space or punctuation after),
#: ``apostrophe`` (``don't``, ``'90s``, ``students' rights``), ``inches`` (``12"``), ``always``;
#: ``!`` negates and ``&``/``|`` combine (no precedence: all ``&`` or all ``|``).
MARK_RULES: Final[dict[str, tuple[tuple[str, tuple[str, ...], str], ...]]] = {
    '"': (
        ("restart", ("straight double",), "opener & !closer"),
        ("close", ("straight double",), "always"),
        ("skip", (), "inches"),
        ("open", ("straight double",), "opener | !closer"),
        ("close", ("curly double", "low double"), "always"),  # “mixed marks"
    ),
    "＂": (
        ("restart", ("full-width",), "opener & !closer"),
        ("close", ("full-width",), "always"),
        ("skip", (), "inches"),
        ("open", ("full-width",), "opener | !closer"),
        ("close", ("curly double", "low double"), "always"),
    ),
    "'": (
        ("skip", ("straight single",), "apostrophe"),
        ("close", ("straight single",), "closer"),
        ("skip", ("straight single",), "always"),
        ("open", ("straight single",), "opener & !apostrophe"),
    ),
    "‘": (
        ("close", ("low single",), "always"),
        ("open", ("curly single",), "!apostrophe"),
    ),
    "’": (("close", ("curly single", "low single"), "!apostrophe & closer"),),
    "“": (
        ("close", ("low double",), "always"),
        ("close", ("curly double",), "!opener"),  # a closer typed the wrong way round
        ("restart", ("curly double",), "always"),
        ("open", ("curly double",), "always"),
    ),
    "”": (
        ("close", ("curly double", "low double", "straight double"), "always"),
        ("open", ("curly double",), "opener & !closer"),
    ),
    "„": (("open", ("low double",), "always"),),
    "‚": (("open", ("low single",), "always"),),
    "«": (
        ("close", ("reversed guillemets",), "always"),
        ("open", ("guillemets",), "always"),
    ),
    "»": (
        ("close", ("guillemets",), "always"),
        ("open", ("reversed guillemets",), "opener"),
    ),
    "‹": (("open", ("single guillemets",), "always"),),
    "›": (("close", ("single guillemets",), "always"),),
    "「": (("open", ("corner",), "always"),),
    "」": (("close", ("corner",), "always"),),
    "『": (("open", ("white corner",), "always"),),
    "』": (("close", ("white corner",), "always"),),
}

#: Every opening mark, as one string (for character classes).
QUOTE_OPENERS: Final[str] = "".join(QUOTE_PAIRS)
#: Marks that open and close alike (and the curly single marks, which are also apostrophes).
AMBIGUOUS_MARKS: Final[frozenset[str]] = frozenset("\"'‘’＂")

#: Every double and single quotation glyph (straight, curly, low, angle, CJK corner, full-width,
#: primes used as quotes): what normalisation folds to ``"`` and ``'``.
DOUBLE_QUOTE_GLYPHS: Final[str] = '"“”„‟«»〝〞〟＂「」『』﹁﹂﹃﹄″‶〃'
SINGLE_QUOTE_GLYPHS: Final[str] = "'‘’‚‛‹›′‵＇`´"

#: ``[sic]`` in any spacing or case, and any short editorial bracket (``[the company]``).
SIC: Final = regex.compile(r"\[\s*sic\s*\]", regex.IGNORECASE)
EDITORIAL_BRACKET: Final = regex.compile(r"\[[^\[\]\n]{0,200}\]")
#: Every way a quote marks left-out words: ``...``, ``. . .``, ``…``, ``[...]``, ``[…]``.
ELLIPSIS: Final = regex.compile(r"\[\s*(?:\.\s*){2,}\.?\s*\]|\[\s*…\s*\]|(?:\.\s){2}\.|\.{3,}|…")
#: How a transcript marks words broken off or taken up again ("obey the law --", "-- and they
#: say"): a dash of any kind, or an ellipsis.
BROKEN_OFF: Final = regex.compile(rf"[-\u2010-\u2015]|{ELLIPSIS.pattern}")

#: Every white-space character of running text (what normalisation folds to a space and what
#: separates a quotation mark from a word).
SPACE_CHARS: Final[str] = " \t\n\r\f\v\x85\u00a0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(
    map(chr, range(0x2000, 0x200B))
)
#: Narrower, deliberately: space inside one line of a transcript, between a speaker label and
#: its words (no line breaks, which end a label; the byte-order mark a file may start with).
LINE_SPACE: Final[str] = " \t\u3000\ufeff\u00a0"

#: The CJK scripts whose characters are words of their own (Han, Kana, Bopomofo), as a class
#: body for the ``regex`` module.
CJK_CLASS: Final[str] = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Bopomofo}"
#: The same scripts as code-point ranges, deliberately: for the locator's stdlib ``re`` word
#: pattern (its hot path), which has no script properties. Includes the CJK punctuation and
#: compatibility blocks between the Kana and Han ranges.
CJK_RANGES: Final[str] = (
    "\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
)

#: Characters that may stand at either end of a written name and are not part of it: quote
#: glyphs, brackets, punctuation, dashes, Markdown emphasis and space.
EDGE_PUNCTUATION: Final[frozenset[str]] = frozenset(
    DOUBLE_QUOTE_GLYPHS + SINGLE_QUOTE_GLYPHS + "()[]{}<>,;:!?.—–-*_ "
)

#: Narrower, deliberately: the punctuation after which alignment reads the next word as starting
#: a sentence (so its capital is sentence case, not a spelling change); colons and semicolons
#: count here although they end no sentence for :data:`SENTENCE_END`.
SENTENCE_PUNCTUATION: Final[frozenset[str]] = frozenset(".!?。！？:;")

#: Narrower, deliberately: the locator only counts sentences in the gap between two fragments of
#: a spliced quote (a count that decides info against warning), in its hot path with stdlib ``re``
#: and no abbreviation guard; a title's full stop can raise that count by one.
GAP_SENTENCE_END: Final = re.compile(r"[.!?。！？](?:[\"')\]]*)(?=\s|$)")

#: A title or honorific before a name ("Dr", "Senator", "Premier"), with its optional full stop,
#: built from :data:`quoteverify.vocabulary.TITLES`, capitalised ("Dr", "Senator").
TITLE_PATTERN: Final[str] = (
    r"(?:"
    + "|".join(
        f"{t[0].upper()}{t[1:]}" for t in sorted(TITLES, key=lambda w: (-len(w), w))
    )
    + r")\.?"
)

# Starts only at the first mark of a run and never gives marks back, so a run of ten thousand
# "?" is read once, not once per mark (linear, not quadratic). A blank line also ends one.
SENTENCE_END: Final = regex.compile(
    r"(?<![.!?\u3002\uff01\uff1f])[.!?\u3002\uff01\uff1f]++[\"'\u201d\u2019\u00bb\uff02)\]]*+(?:\s+|\Z)"
    r"|\n[ \t]*\n\s*"
)

# A full stop that ends an abbreviation, not a sentence: a title ("Dr."), an initial ("J."),
# dotted letters ("U.S."), and a few common short forms.
_ABBREVIATION: Final = regex.compile(
    rf"(?:\b{TITLE_PATTERN}|\b\p{{Lu}}|\b(?:[A-Za-z]\.){{1,3}}[A-Za-z]?|\bvs|\betc|\bNo|\bSt|\bJr|\bSr"
    rf"|\bInc|\bCo|\bCorp|\bLtd)\.\Z"
)


_LOWER_SHORT: Final = frozenset({"vs", "etc"})


def _word_pattern(word: str) -> str:
    if len(word) > 1 and word.endswith("*"):
        return regex.escape(word[:-1]) + r"\w*"
    return str(regex.escape(word))


def alternation(phrases: Iterable[str]) -> str:
    r"""A regex alternation of word phrases, longest first, any run of spaces between words; a
    word ending in ``*`` is a stem (any word characters may follow).

    >>> print(alternation(["put it", "said", "say", "tweet*"]))
    put\s+it|tweet\w*|said|say
    """
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(_word_pattern(w) for w in p.split()) for p in ordered)


def either_case(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` where a lower-case word may also open with a capital.

    >>> print(either_case(["the", "an", "I"]))
    [Tt]he|[Aa]n|I
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(
        f"[{w[0].upper()}{w[0]}]{regex.escape(w[1:])}" if w[:1].islower() else regex.escape(w)
        for w in ordered
    )


def ends_in_abbreviation(head: str) -> bool:
    """True when ``head`` ends in a full stop that closes an abbreviation, not a sentence.

    >>> ends_in_abbreviation("met Mr."), ends_in_abbreviation("J. K."), ends_in_abbreviation("left.")
    (True, True, False)
    """
    if not head.endswith("."):
        return False
    i = len(head) - 1
    while i > 0 and head[i - 1].isalpha():
        i -= 1
    word = head[i:-1]
    # Fast path: a lower-case word of two letters or more, not after a dot, ends a sentence
    # unless it is one of the lower-case short forms (most sentences end this way).
    if len(word) > 1 and word[0].islower() and word not in _LOWER_SHORT and head[i - 1 : i] != ".":
        return False
    return bool(_ABBREVIATION.search(head[-16:]))


def is_sentence_end(text: str, m: regex.Match[str]) -> bool:
    """True when the :data:`SENTENCE_END` match ``m`` in ``text`` ends a sentence (the guard)."""
    start = m.start()
    if text[start] == "." and m.group().strip() == ".":
        return not ends_in_abbreviation(text[max(0, start - 15) : start + 1])
    return True


def sentence_start(text: str, pos: int, lo: int = 0) -> int:
    """Where the sentence holding ``pos`` starts, looking back no further than ``lo``.

    >>> text = "It is false. Dr. Smith will close the plant."
    >>> text[sentence_start(text, text.index("Smith")):]
    'Dr. Smith will close the plant.'
    """
    last = lo
    for m in SENTENCE_END.finditer(text, lo):
        if m.end() > pos:  # the end mark (or its spaces) reaches past pos: pos is in this sentence
            break
        if is_sentence_end(text, m):
            last = m.end()
    while last < pos and text[last].isspace():
        last += 1
    return last


def sentence_end(text: str, pos: int, hi: int) -> int:
    """Where the sentence holding ``pos`` ends (before its closing mark), looking no further than ``hi``.

    >>> text = "Dr. Smith will close the plant. Then what?"
    >>> text[:sentence_end(text, 0, len(text))]
    'Dr. Smith will close the plant'
    """
    for m in SENTENCE_END.finditer(text, pos, hi):
        if is_sentence_end(text, m):
            return m.start()
    return hi


#: A bracketed stage direction in a transcript: ``(laughs)``, ``[crosstalk]``, ``(Applause.)``,
#: ``[inaudible 00:12:03]``: not anyone's words.
STAGE_DIRECTION: Final = regex.compile(
    rf"[\[(][ \t]*(?i:{alternation(STAGE_DIRECTIONS)})\b[^\[\]()\n\r]{{0,50}}[\])]"
)
