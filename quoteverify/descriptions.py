"""Descriptions linked to characters over a whole text, as a reader links them.

A novel (or a long interview written as prose) calls its people by descriptions as well as by
names: "said the painter", "the old gentleman replied", "the stranger interrupted". A reader
ties each description to a person from what the narration says *before* it is needed:

* an apposition or a copula names the person: "Tomas Ruiz, the painter, ...", "the
  painter, Tomas Ruiz", "Mr. Okafor was a clergyman";
* in a scene, a description keeps meaning whom it meant the first time ("the old gentleman" is
  the same man all through one chapter);
* a description used where exactly one person of its gender is present and otherwise
  unaccounted for (the others are named, have just spoken, or already go by another
  description) is that person.

Two people who fit leave a description unlinked: an unresolved description is better than a
wrong one (in an interview written as prose a wrong speaker is an accusation). What is learned
from the narration in one scene is kept to that scene (a chapter, or a part after a row of
asterisks), except an apposition or copula that names one person for a description throughout
the text.

:class:`Descriptions` holds this per-text state; :func:`description_key` and
:func:`scene_starts` are the small pieces it is built from.

>>> key = description_key("the  Old gentleman")
>>> key
'the old gentleman'
>>> text = "CHAPTER I.\\n\\nTomas Ruiz, the painter, looked up.\\n\\nCHAPTER II.\\n\\nRain."
>>> [text[start:].split("\\n")[0] for start in scene_starts(text)]
['CHAPTER I.', 'CHAPTER II.']
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import regex  # type: ignore[import-untyped,unused-ignore]

from .model import Speaker
from .vocabulary import (
    FEMALE_NOUN_ENDINGS,
    FEMALE_NOUNS,
    FEMALE_PRONOUNS,
    MALE_NOUN_ENDINGS,
    MALE_NOUNS,
    MALE_PRONOUNS,
)

__all__ = ["Descriptions", "description_key", "scene_starts"]

Mention = tuple[int, int, Speaker]

# A heading line that opens a new scene: "CHAPTER IV.", "Book Two", a roman numeral alone,
# or a row of asterisks.
_SCENE_BREAK = regex.compile(
    r"(?m)^[ \t]*(?:(?:CHAPTER|Chapter|BOOK|Book|PART|Part)\b[^\n]{0,80}"
    r"|[IVXLC]{1,8}\.?|(?:\*[ \t]*){3,})[ \t]*$"
)
_KEY_WORD = regex.compile(r"[\p{L}][\p{L}\-]*")
# "Tomas Ruiz, the painter," and "the painter, Tomas Ruiz": a description set beside a
# name by commas (the description at most three words after "the")
_DESC_AFTER_NAME = regex.compile(r",\s+(the(?:\s+[\p{Ll}][\p{Ll}\-]*){1,3})\s*[,;.]")
_DESC_BEFORE_NAME = regex.compile(r"\b([Tt]he(?:\s+[\p{Ll}][\p{Ll}\-]*){1,3}),\s+\Z")
# "Mr. Okafor was a clergyman", "Ruiz was the painter"
_COPULA_AFTER_NAME = regex.compile(
    r"\s+(?:was|is|had\s+been)\s+(?:a|an|the)\s+((?:[\p{Ll}][\p{Ll}\-]*\s+){0,2}[\p{Ll}][\p{Ll}\-]*)\b"
)
# a pronoun soon after a description, telling its gender ("said the painter, keeping *his* eyes")
_PRONOUN_AFTER = regex.compile(rf"\b({'|'.join(sorted(MALE_PRONOUNS | FEMALE_PRONOUNS))})\b")
_CLAUSE_END = regex.compile(r"[.!?\"\u201c\u201d]")
_FEMALE_ENDINGS = tuple(sorted(FEMALE_NOUN_ENDINGS))
_MALE_ENDINGS = tuple(sorted(MALE_NOUN_ENDINGS))
_LINKING_WORDS = 4  # "the" and at most three more words
_GENDER_PEEK = 60  # characters after a description read for a pronoun
_GENDER_VOTES = 2  # pronouns needed (and a two-to-one majority) to give a description a gender


def description_key(words: str) -> str | None:
    """The form a definite description is remembered by: lower case, single spaces.

    None for what is not a definite description of two to four words ("his father", "a man",
    "the man in the brown coat with a stick").

    >>> description_key("The  Painter")
    'the painter'
    >>> description_key("a painter") is None
    True
    """
    ws = words.casefold().split()
    if not 2 <= len(ws) <= _LINKING_WORDS or ws[0] != "the":
        return None
    if not all(_KEY_WORD.fullmatch(w) for w in ws[1:]):
        return None
    return " ".join(ws)


def scene_starts(text: str) -> list[int]:
    """Where each scene of ``text`` starts: 0, then every chapter heading or row of asterisks.

    >>> text = "One.\\n\\nCHAPTER II\\n\\nTwo.\\n\\n* * *\\n\\nThree."
    >>> [text[start:].split("\\n")[0] for start in scene_starts(text)]
    ['One.', 'CHAPTER II', '* * *']
    """
    out = [0]
    for m in _SCENE_BREAK.finditer(text):
        if m.start() > out[-1]:
            out.append(m.start())
    return out


def _head_gender(key: str) -> str | None:
    head = key.rsplit(" ", 1)[-1]
    if head in MALE_NOUNS:
        return "m"
    if head in FEMALE_NOUNS:
        return "f"
    if head.endswith(_FEMALE_ENDINGS) and not head.endswith("ness"):  # "duchess", not "witness"
        return "f"
    if head.endswith(_MALE_ENDINGS):
        return "m"
    return None


class Descriptions:
    """What one text says about who its descriptions are (built once, then consulted).

    ``mentions`` are the narration's mentions of registered people (start, end, speaker) in
    text order; ``described`` tells a character known only by a description ("The Painter")
    from a named one; ``gender`` gives a speaker's gender ("m", "f" or None).

    >>> from quoteverify import Speaker
    >>> ruiz = Speaker("Tomas Ruiz", gender="m")
    >>> text = "Tomas Ruiz, the painter, smiled. Later the painter spoke."
    >>> d = Descriptions(text, [(0, 10, ruiz)], described=lambda s: False,
    ...                  gender=lambda s: s.gender)
    >>> who, why = d.linked("the painter", text.rindex("the painter"))
    >>> who.name, why
    ('Tomas Ruiz', '"the painter" is Tomas Ruiz, as the narration says ("Tomas Ruiz, the painter")')
    """

    def __init__(
        self,
        text: str,
        mentions: Sequence[Mention],
        *,
        described: Callable[[Speaker], bool],
        gender: Callable[[Speaker], str | None],
        unnamed: frozenset[str] = frozenset(),
    ) -> None:
        self.text = text
        self._unnamed = unnamed
        self.scenes = scene_starts(text)
        self._described = described
        self._gender = gender
        # (scene, key) -> speaker (None: two people were linked to it in that scene)
        self.scene_links: dict[tuple[int, str], Speaker | None] = {}
        self.evidence: dict[tuple[int, str], str] = {}
        self._genders: dict[str, str | None] = {}
        self._lower = text.lower()  # for counting only: its offsets are not used on ``text``
        # what the extraction has settled, per scene: key -> (speaker, why)
        self.settled: dict[tuple[int, str], tuple[Speaker, str]] = {}
        self._read_links(mentions)

    def scene(self, pos: int) -> int:
        """The index of the scene holding ``pos``."""
        return bisect.bisect_right(self.scenes, pos) - 1

    def _read_links(self, mentions: Sequence[Mention]) -> None:
        text = self.text
        for start, end, speaker in mentions:
            if self._described(speaker):
                continue
            found: list[tuple[str, str]] = []
            m = _DESC_AFTER_NAME.match(text, end, min(len(text), end + 60))
            if m is not None:
                found.append((m.group(1), text[start : m.end(1)]))
            b = _DESC_BEFORE_NAME.search(text, max(0, start - 60), start)
            if b is not None:
                found.append((b.group(1), text[b.start(1) : end]))
            c = _COPULA_AFTER_NAME.match(text, end, min(len(text), end + 60))
            if c is not None:
                found.append(("the " + c.group(1), text[start : c.end(1)]))
            for words, quoted in found:
                key = description_key(words)
                if key is None or key.rsplit(" ", 1)[-1] in self._unnamed:
                    continue
                sk = (self.scene(start), key)
                self._link(self.scene_links, sk, speaker)
                self.evidence.setdefault(sk, " ".join(quoted.split()))

    @staticmethod
    def _link(links: dict[Any, Speaker | None], key: Any, speaker: Speaker) -> None:
        if key in links and links[key] != speaker:
            links[key] = None
        else:
            links[key] = speaker

    def gender(self, key: str) -> str | None:
        """The gender of a description: from its head noun, else from the pronouns that follow
        it in the text ("said the painter, keeping his eyes ...")."""
        if key in self._genders:
            return self._genders[key]
        g = _head_gender(key)
        if g is None:
            male = female = 0
            lower = self._lower
            at = lower.find(key)
            while at >= 0:
                after = at + len(key)
                p = _PRONOUN_AFTER.search(lower, after, after + _GENDER_PEEK)
                if p is not None and not _CLAUSE_END.search(lower, after, p.start()):
                    if p.group(1) in MALE_PRONOUNS:
                        male += 1
                    else:
                        female += 1
                at = lower.find(key, after)
            if male >= _GENDER_VOTES and male >= 2 * female:
                g = "m"
            elif female >= _GENDER_VOTES and female >= 2 * male:
                g = "f"
        self._genders[key] = g
        return g

    def linked(self, words: str, near: int) -> tuple[Speaker, str] | None:
        """The person the text has tied ``words`` to, seen from ``near``, and why."""
        key = description_key(words)
        if key is None:
            return None
        sk = (self.scene(near), key)
        settled = self.settled.get(sk)
        if settled is not None:
            return settled
        who = self.scene_links.get(sk)
        if who is not None:
            return who, f'"{words}" is {who.name}, as the narration says ("{self.evidence[sk]}")'
        return None

    def settle(self, words: str, near: int, speaker: Speaker, why: str) -> None:
        """Remember that ``words`` meant ``speaker`` at ``near`` (for the rest of its scene)."""
        key = description_key(words)
        if key is not None:
            self.settled.setdefault((self.scene(near), key), (speaker, why))

    def others(self, near: int, speaker: Speaker) -> bool:
        """Whether ``speaker`` already goes by another description in the scene of ``near``."""
        scene = self.scene(near)
        return any(s == speaker and sc == scene for (sc, _), (s, _) in self.settled.items())

    def unaccounted(
        self,
        words: str,
        near: int,
        present: Iterable[Mention],
        accounted: Iterable[Speaker],
    ) -> tuple[Speaker, str] | None:
        """The one person of the description's gender present and otherwise unaccounted for.

        ``present`` are the mentions before ``near`` to look through (most recent first; only
        those in ``near``'s scene count); ``accounted`` are people who cannot be meant (who
        spoke the line before, who is named beside the description).
        """
        key = description_key(words)
        if key is None:
            return None
        scene_start = self.scenes[self.scene(near)]
        taken = set(accounted)
        people: list[Speaker] = []  # the scene's last speakers not accounted for, in order
        for start, _, s in present:
            if start < scene_start:
                break
            if s not in taken and s not in people and not self._described(s):
                people.append(s)
        if not people:
            return None  # (before reading the text for the description's gender)
        gender = self.gender(key)
        if gender is None:
            return None
        fits = [s for s in people if self._gender(s) == gender and not self.others(near, s)]
        if len(fits) != 1:
            return None
        found = fits[0]
        why = f'"{words}" taken as {found.name}, the one {"man" if gender == "m" else "woman"} in the scene otherwise unaccounted for'
        return found, why
