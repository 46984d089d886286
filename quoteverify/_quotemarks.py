"""Find the top-level quotations of running text in one linear pass over its quotation marks.

What each mark does is data, :data:`quoteverify._text.MARK_RULES` (which family it closes or
opens, and when); this module only reads the marks' surroundings and keeps the stack of open
quotes. Apostrophes are told apart from single quotes, stray openers are dropped, and a quote
that runs over several paragraphs (each re-opened, the last one closed) is one quotation with a
part per paragraph.

>>> text = 'She said: "We will \\u2018never\\u2019 sell." Then she left.'
>>> [text[a:b] for q in scan_quotations(text) for a, b in q.parts]
['We will ‘never’ sell.']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import attrs
import regex  # type: ignore[import-untyped,unused-ignore]

from ._text import MARK_RULES, QUOTE_FAMILIES, SPACE_CHARS, alternation
from .vocabulary import ELISIONS

__all__ = ["SPACE", "Quotation", "is_blank", "scan_quotations", "trim"]

#: White space around quotation marks (a frozenset for fast membership tests).
SPACE: Final[frozenset[str]] = frozenset(SPACE_CHARS)

# Every mark of MARK_RULES, except an apostrophe between ASCII letters (don't, Megvii's): the
# scanner does nothing with those, whatever is open, and a story has thousands.
_OTHER_MARKS: Final = "".join(sorted(set(MARK_RULES) - {"'", "’"}))
_MARKS: Final = regex.compile(
    f"[{regex.escape(_OTHER_MARKS)}]|(?<![A-Za-z0-9])['’]|['’](?![A-Za-z])"
)
# What may stand just before an opening mark besides space: brackets, dashes, slashes, colons
# and other opening marks.
_OPEN_BEFORE: Final = frozenset(
    "([{<—–-/:;" + "".join(o[0] for o, _, _ in QUOTE_FAMILIES.values()) + "»"
)
_ELISIONS: Final = regex.compile(
    rf"(?i)(?:n['’](?!\p{{L}})|(?:{alternation(ELISIONS - {'n'})})\b|\d\d(?:s|\b))"
)
_REOPENERS: Final = {name: reopen for name, (_, _, reopen) in QUOTE_FAMILIES.items()}


@attrs.frozen
class Quotation:
    """One top-level quotation: its inner spans, one per paragraph, trimmed of space."""

    parts: tuple[tuple[int, int], ...]
    open_at: int  # offset of the opening mark
    close_at: int  # offset just past the closing mark


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """``(a, b)`` narrowed past white space at both ends.

    >>> trim("  hi  ", 0, 6)
    (2, 4)
    """
    while a < b and text[a] in SPACE:
        a += 1
    while b > a and text[b - 1] in SPACE:
        b -= 1
    return a, b


def is_blank(text: str, a: int, b: int) -> bool:
    """True when ``text[a:b]`` is only white space; reads back from ``b`` (no slice of a
    paragraph per quote, which would be quadratic in a paragraph with many quotes).

    >>> is_blank("a \\n b", 1, 4), is_blank("a \\n b", 0, 4)
    (True, False)
    """
    while b > a and text[b - 1] in SPACE:
        b -= 1
    return b <= a


def _opener(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return (prev == "" or prev in SPACE or prev in _OPEN_BEFORE) and nxt != "" and nxt not in SPACE


def _closer(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return prev != "" and prev not in SPACE and (nxt == "" or nxt in SPACE or not nxt.isalnum())


def _isolated(text: str, i: int) -> bool:
    return (i == 0 or text[i - 1] in SPACE) and (i + 1 >= len(text) or text[i + 1] in SPACE)


def _apostrophe(text: str, i: int, *, opening: bool) -> bool:
    """True when the single mark at ``i`` is an apostrophe, not a quote mark."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if prev.isalnum() and nxt.isalpha():
        return True  # don't, Megvii's, O'Brien
    if opening:
        return _ELISIONS.match(text, i + 1) is not None  # 'n', 'tis, '90s
    if prev in "sSzZ" and nxt == " " and i + 2 < len(text) and text[i + 2].islower():
        return True  # students' rights
    # the n' of rock 'n' roll
    return prev in "nN" and i >= 2 and text[i - 2] in "'‘’" and not nxt.isalnum()


def _inches(text: str, i: int) -> bool:
    return i > 0 and text[i - 1].isdigit() and not _opener(text, i) and not _closer(text, i)


# A condition's atoms, each read from the text around the mark. An opening mark asks whether
# it is an apostrophe as an opening one would be ('tis, '90s), any other as a closing one.
_ATOMS: Final[dict[str, tuple[Callable[[str, int], bool], Callable[[str, int], bool]]]] = {
    # name: (as read for a closing mark, as read for an opening one)
    "always": (lambda text, i: True, lambda text, i: True),
    "opener": (_opener, _opener),
    "closer": (_closer, _closer),
    "apostrophe": (
        lambda text, i: _apostrophe(text, i, opening=False),
        lambda text, i: _apostrophe(text, i, opening=True),
    ),
    "inches": (_inches, _inches),
}


def _condition(expr: str) -> tuple[str, tuple[tuple[str, bool], ...]]:
    """Parse ``"opener & !closer"`` into ``("&", (("opener", True), ("closer", False)))``."""
    op = "|" if "|" in expr else "&"
    if "|" in expr and "&" in expr:
        msg = f"mark rule condition mixes & and |: {expr!r}"
        raise ValueError(msg)
    atoms = []
    for raw in expr.split(op):
        word = raw.strip()
        positive = not word.startswith("!")
        name = word.lstrip("!").strip()
        if name not in _ATOMS:
            msg = f"unknown mark rule condition {name!r} in {expr!r}"
            raise ValueError(msg)
        atoms.append((name, positive))
    return op, tuple(atoms)


_Check = Callable[[str, int], bool]


def _negated(atom: _Check) -> _Check:
    return lambda text, i: not atom(text, i)


def _compile(expr: str, *, opens: bool) -> _Check | None:
    """One function for a condition (None for ``always``), so the scan calls no interpreter."""
    op, atoms = _condition(expr)
    tests: list[_Check] = []
    for name, positive in atoms:
        if name == "always":
            if positive:
                continue
            return lambda text, i: False
        atom = _ATOMS[name][opens]
        tests.append(atom if positive else _negated(atom))
    if not tests:
        return None
    if len(tests) == 1:
        return tests[0]
    first, *rest = tests
    if op == "&":
        return lambda text, i: first(text, i) and all(t(text, i) for t in rest)
    return lambda text, i: first(text, i) or any(t(text, i) for t in rest)


_Step = tuple[str, tuple[str, ...], _Check | None]
# The rules, compiled once: mark -> steps of (action, families, check).
_STEPS: Final[dict[str, tuple[_Step, ...]]] = {
    mark: tuple(
        (action, fams, _compile(cond, opens=action in ("open", "restart")))
        for action, fams, cond in steps
    )
    for mark, steps in MARK_RULES.items()
}


def scan_quotations(text: str) -> list[Quotation]:
    """Find the top-level quotations of ``text``, in the order they close.

    >>> text = '"It works," he said. «Ça marche», dit-elle.'
    >>> [text[a:b] for q in scan_quotations(text) for a, b in q.parts]
    ['It works,', 'Ça marche']
    """
    found: list[Quotation] = []
    stack: list[tuple[str, int]] = []  # (family, offset of opening mark)
    done_parts: list[tuple[int, int]] = []  # earlier paragraphs of a multi-paragraph quote
    pending: list[Quotation] = []  # quotes completed directly inside the open outer quote
    first_open = -1
    skip_until = -1  # offset of a re-opening mark already consumed
    n = len(text)

    def reset() -> None:
        # an outer quote given up (stray or unclosed): keep the quotes completed inside it
        nonlocal first_open
        found.extend(pending)
        pending.clear()
        stack.clear()
        done_parts.clear()
        first_open = -1

    def open_(family: str, i: int) -> None:
        nonlocal first_open
        if not stack and not done_parts:
            first_open = i
        stack.append((family, i))

    def close(i: int, depth: int) -> None:
        opened = stack[depth][1]
        del stack[depth:]
        if stack:
            a, b = trim(text, opened + 1, i)
            if depth == 1 and b > a:
                pending.append(Quotation(((a, b),), opened, i + 1))
            return
        parts = [*done_parts, (opened + 1, i)]
        trimmed = [p for p in (trim(text, a, b) for a, b in parts) if p[1] > p[0]]
        if trimmed:
            found.append(Quotation(tuple(trimmed), first_open, i + 1))
        pending.clear()
        reset()

    def depth_of(families: tuple[str, ...]) -> int:
        if not stack:
            return -1
        for d in range(len(stack) - 1, -1, -1):
            if stack[d][0] in families:
                return d
        return -1

    def line_break(i: int) -> None:
        # a line break inside an open quote: the paragraph goes on, is re-opened, or ends it
        nonlocal skip_until
        j = i + 1
        while j < n and text[j] in SPACE:
            j += 1
        outer_family, outer_at = stack[0]
        if j + 1 < n and text[j] in _REOPENERS[outer_family] and text[j + 1] not in SPACE:
            # multi-paragraph quote: the next paragraph re-opens without a close here
            done_parts.append((outer_at + 1, i))
            stack[:] = [(outer_family, j)]
            skip_until = j
        elif "\n" in text[i + 1 : j]:
            reset()  # a blank line ends an unclosed quote

    last = 0  # line breaks before here are handled
    for m in _MARKS.finditer(text):
        i = m.start()
        # Line breaks only matter inside an open quote: they are looked for (with str.find)
        # only then, in text order before this mark, so a million lines outside quotes cost
        # nothing. (After the last mark they could only move ``pending`` into ``found``,
        # which the end does anyway.)
        while stack and (k := text.find("\n", last, i)) >= 0:
            line_break(k)
            last = k + 1
        last = i + 1
        if i <= skip_until or _isolated(text, i):
            continue  # consumed already, or a mark with space on both sides quotes nothing
        for action, families, check in _STEPS[text[i]]:
            if action == "open":
                if check is None or check(text, i):
                    open_(families[0], i)
                    break
                continue
            d = depth_of(families) if families else 0
            if d < 0 or (check is not None and not check(text, i)):
                continue
            if action == "close":
                close(i, d)
            elif action == "restart":  # the earlier opener was stray
                del stack[d:]
                if not stack:
                    reset()
                open_(families[0], i)
            break  # "skip", or done
    found.extend(pending)
    return found
