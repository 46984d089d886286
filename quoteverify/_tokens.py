"""The token patterns behind :func:`quoteverify.normalization.tokenize`, shared with the aligner and locator.

Private: :mod:`quoteverify.normalization` (tokens), :mod:`quoteverify.alignment` (the kind
of each token) and :mod:`quoteverify._locator` (cutting a large text) read them from here,
so the definition of a word, a number or a CJK character is written once.

>>> [(m.group(), m.lastgroup) for m in ASCII_TOKEN.finditer("Sold 30% more.")]
[('Sold', 'word'), ('30%', 'number'), ('more', 'word'), ('.', 'punct')]
>>> list(whitespace_chunks("one two three", 4))
[(0, 'one two'), (7, ' three')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

from ._text import CJK_CLASS

_CJK = CJK_CLASS
_CJK_TOKEN = rf"[{_CJK}]"
_NUMBER_TOKEN = r"(?:(?<![\p{L}\p{N}])[-−+])?\p{N}+(?:[.,:/]\p{N}+)*%?"
_WORD_TOKEN = (
    rf"[[\p{{L}}\p{{N}}]--[{_CJK}]][[\p{{L}}\p{{M}}\p{{N}}]--[{_CJK}]]*"
    rf"(?:['’\-‐][[\p{{L}}\p{{M}}\p{{N}}]--[{_CJK}]]+)*"
)
_PUNCT_TOKEN = r"[^\s\p{L}\p{N}\p{M}\p{Cf}]"
TOKEN = regex.compile(
    f"(?P<cjk>{_CJK_TOKEN})|(?P<number>{_NUMBER_TOKEN})|(?P<word>{_WORD_TOKEN})"
    f"|(?P<punct>{_PUNCT_TOKEN})",
    regex.V1,
)

# The same tokens for pure-ASCII text, with the faster stdlib engine (most
# quotes and sources are ASCII).
_ASCII_NUMBER = r"(?:(?<![A-Za-z0-9])[-+])?[0-9]+(?:[.,:/][0-9]+)*%?"
_ASCII_WORD = r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*"
_ASCII_PUNCT = r"[^\t\n\x0b\x0c\r A-Za-z0-9]"  # regex's \s is narrower than re's
ASCII_TOKEN = re.compile(
    f"(?P<number>{_ASCII_NUMBER})|(?P<word>{_ASCII_WORD})|(?P<punct>{_ASCII_PUNCT})"
)

# One capturing group around the same alternatives (punctuation left out or
# not): ``split`` then gives gaps and tokens alternately, at C speed.
SPLIT_TOKENS: dict[tuple[bool, bool], re.Pattern[str] | regex.Pattern[str]] = {
    (True, True): re.compile(f"({_ASCII_NUMBER}|{_ASCII_WORD}|{_ASCII_PUNCT})"),
    (True, False): re.compile(f"({_ASCII_NUMBER}|{_ASCII_WORD})"),
    (False, True): regex.compile(
        f"({_CJK_TOKEN}|{_NUMBER_TOKEN}|{_WORD_TOKEN}|{_PUNCT_TOKEN})", regex.V1
    ),
    (False, False): regex.compile(f"({_CJK_TOKEN}|{_NUMBER_TOKEN}|{_WORD_TOKEN})", regex.V1),
}


def whitespace_chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """``text`` in pieces of about ``size`` characters, cut before a space or line break."""
    n = len(text)
    a = 0
    while a < n:
        b = a + size
        if b < n:
            cut = text.find(" ", b)
            if cut == -1:
                cut = text.find("\n", b)
            b = n if cut == -1 else cut
        yield a, text[a:b]
        a = b
