"""Who is who: a registry of speakers, and how a text's mention of someone resolves to one.

A :class:`SpeakerRegistry` is immutable: :meth:`SpeakerRegistry.add` returns a
new registry, so one registry can be shared by every thread without locks
around lookups. Its indexes (name forms, roles, organisations, the phrase
table behind :meth:`SpeakerRegistry.find_mentions`) are built lazily, once,
under a lock, so :meth:`SpeakerRegistry.resolve` is a few dictionary lookups.

>>> yin = Speaker("Yin Qi", aliases=("Qi Yin", "印奇"), roles=("co-founder", "chief executive"),
...               organization="Megvii")
>>> xie = Speaker("Xie Yinan", roles=("vice president",), organization="Megvii")
>>> registry = SpeakerRegistry([yin, xie])
>>> registry.resolve("Mr. Xie").speaker.name
'Xie Yinan'
>>> registry.resolve("Megvii's chief executive").reason
"role 'chief executive' at Megvii"
>>> registry.resolve("a Megvii spokesperson").speaker.kind
<SpeakerKind.ORGANIZATION: 'organization'>

Names are compared by :func:`name_key`: Unicode compatibility decomposition,
combining marks stripped, case folded, punctuation dropped, so "Xiè", "XIE"
and "Xie" are one name. A mention resolves through these tiers, the first that
matches anyone wins: full name or alias; the name with titles stripped
("Dr.", "Mr."); the name in the other order (Yin Qi / Qi Yin) or without
middle names; initials ("H.R. Clinton"); a surname alone; a given name alone;
then a description by role and organisation ("the company's vice
president"). Two or more people in the winning tier make the resolution
ambiguous: it reports them and picks none, unless ``context`` names exactly
one of them (or the organisation of exactly one).

A spokesperson with no registered person behind it ("a spokesperson for
Megvii") resolves to the organisation itself, with method ``spokesperson``:
a company speaking through a spokesperson is the company speaking, which is
how attribution checks a statement claimed for "Megvii".

Organisations named only as some person's ``organization`` are known too: they
resolve to an organisation speaker with ``registered=False`` (not in
``iter(registry)``), so "Megvii" means Megvii even when nobody registered it.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import itertools
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import regex  # type: ignore[import-untyped,unused-ignore]

from ._text import EDGE_PUNCTUATION
from .errors import ParseError, check_text
from .model import Span, Speaker, SpeakerKind
from .vocabulary import (
    ACRONYM_SKIP,
    MENTION_DETERMINERS,
    MENTION_LINKS,
    NAME_SUFFIXES,
    NEWS_TITLES,
    ORGANISATION_NOUNS,
    PERSONAL_PRONOUNS,
    ROLE_SYNONYMS,
    TITLES,
)

__all__ = [
    "Resolution",
    "SpeakerRegistry",
    "acronym_of",
    "name_key",
    "same_speaker",
    "speaker_matches",
]

# One word token: a single Han/kana character (CJK is written without spaces, so each
# character is a token and 印奇 matches inside 印奇说), or a run of other letters,
# digits and marks. No nested quantifiers: linear on any input.
_TOKEN = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}]\p{M}*"
    r"|[[\p{L}\p{N}\p{M}]--[\p{Han}\p{Hiragana}\p{Katakana}]]+",
    regex.V1,
)
_NON_WORD = regex.compile(r"[^\p{L}\p{N}\p{M}]+")
_SPACES = regex.compile(r"\s+")
# "Yin's", "Yin’s", "YIN'S" and "Williams'" lose the possessive; "O'Sullivan" keeps its "S".
_POSSESSIVE = regex.compile(r"(?<=\p{L})['’ʼ][sS](?!\p{L})|(?<=[sS])['’ʼ](?!\p{L})")


# Titles before a name ("Dr", "Premier"); "vice" too, as the first word of "Vice President ...".
_TITLES = TITLES | {"vice"}
_ANY_TITLE = _TITLES | NEWS_TITLES  # (news style's offices too: "Director Young")
_SPOKESPERSON = "spokesperson"
_MAX_PHRASE = 12  # longest name or role, in tokens, that find_mentions looks for


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _fold_token(token: str) -> str:
    """The comparison key of one word token (no spaces)."""
    if token.isascii():
        return token.lower() if token.isalnum() else str(_NON_WORD.sub("", token.lower()))
    folded = _strip_marks(_strip_marks(token).casefold())
    return str(_NON_WORD.sub("", folded))


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` for every word token of ``text``."""
    out = []
    seen: dict[str, str] = {}  # texts repeat their words: fold each distinct word once
    for m in _TOKEN.finditer(text):
        word = m.group()
        key = seen.get(word)
        if key is None:
            key = seen[word] = _fold_token(word)
        if key:
            start, end = m.span()
            out.append((start, end, key))
    return out


# A text's words fall into runs of letters, digits and marks. A run of ASCII letters and digits
# is one token whose key is its lower case, so find_mentions finds the ASCII tokens that can
# start a name with one C-level search over the lower-cased text (a per-registry trie of those
# words, see _Index.first_words); only runs holding a non-ASCII word character are tokenised
# word by word. Both are linear: the searches are a trie and a character class, and every run
# is expanded and tokenised once.
_NON_ASCII_WORD = regex.compile(r"[[\p{L}\p{N}\p{M}]--[\x00-\x7f]]", regex.V1)
_RUN_BACK = regex.compile(r"(?r)[\p{L}\p{N}\p{M}]*+")  # only .match(text, 0, pos)
_RUN_ON = regex.compile(r"[\p{L}\p{N}\p{M}]*+")  # only .match(text, pos)


def _trie(items: Sequence[tuple[str, str]], depth: int = 0) -> str:
    """A pattern for ``(word, tail)`` pairs (plain ASCII words, sorted): each word then its tail.

    The words' shared prefixes are factored out, so the pattern runs in about one step per
    character, where an alternation of many words (or ``regex``'s named lists when ignoring
    case) tries every word at every position. Past 40 nested groups (words that are prefixes
    of prefixes of ...) the rest is a plain alternation, which ``re`` compiles without
    recursing that deep.
    """
    if len(items) == 1 or depth >= 40 or not all(w for w, _ in items):
        return "|".join(re.escape(w) + tail for w, tail in items)
    out = []
    for first, group in itertools.groupby(items, key=lambda item: item[0][0]):
        rest = [(w[1:], tail) for w, tail in group]
        ends = [tail for w, tail in rest if not w]  # sorted: the word ending here comes first
        longer = [(w, tail) for w, tail in rest if w]
        if not longer:
            out.append(re.escape(first) + ends[0])
            continue
        inner = _trie(longer, depth + 1)
        if ends:  # the word ending here and the longer ones part at the next character
            inner = f"{inner}|{ends[0]}"
        out.append(re.escape(first) + f"(?:{inner})")
    return "|".join(out)


def _fold_cached(word: str, seen: dict[str, str]) -> str:
    key = seen.get(word)
    if key is None:
        key = seen[word] = _fold_token(word)
    return key


def _next_word(text: str, pos: int, seen: dict[str, str]) -> tuple[int, str] | None:
    """``(end, key)`` of the first word token with a key after ``pos`` (a token end), or None."""
    while (m := _TOKEN.search(text, pos)) is not None:
        pos = m.end()
        key = _fold_cached(m.group(), seen)
        if key:
            return pos, key
    return None


def _key_tokens(text: str) -> tuple[str, ...]:
    # names and mentions repeat from quote to quote: fold each distinct short one once
    if len(text) <= 200:
        return _short_key_tokens(text)
    return tuple(k for _, _, k in _word_spans(text))


@functools.lru_cache(maxsize=8192)
def _short_key_tokens(text: str) -> tuple[str, ...]:
    return tuple(k for _, _, k in _word_spans(text))


def name_key(name: str) -> str:
    """The folded comparison key of a name: no diacritics, case or punctuation.

    Two names that fold to the same key are the same written name.

    >>> name_key("  Xiè   YINAN ")
    'xie yinan'
    >>> name_key("H.R. Clinton") == name_key("h r clinton")
    True
    >>> name_key("印奇")
    '印 奇'
    """
    check_text(name, "name")
    key = " ".join(_key_tokens(name))
    for _ in range(3):  # reach a fixed point for exotic compatibility characters
        again = " ".join(_key_tokens(key))
        if again == key:
            break
        key = again
    return key


def acronym_of(name: str) -> str | None:
    """The initials a multi-word name is known by ("ACLU"), or None for a name of one word.

    Every capitalised word gives its first letter; lower-case linking words
    ("of", "for", "and") are left out, so "Federal Bureau of Investigation"
    is "FBI". Names of non-Latin scripts and names with fewer than two
    capitalised words have no initials.

    >>> acronym_of("American Civil Liberties Union"), acronym_of("Federal Bureau of Investigation")
    ('ACLU', 'FBI')
    >>> acronym_of("Megvii") is None, acronym_of("印奇") is None
    (True, True)
    """
    check_text(name, "name")
    letters = []
    for word in name.replace("-", " ").split():
        w = word.strip(".,&'’()")
        if not w or (w.casefold() in ACRONYM_SKIP and w.islower()):
            continue
        first = w[0]
        if not (first.isascii() and first.isalpha() and first.isupper()):
            return None
        letters.append(first)
    return "".join(letters) if len(letters) >= 2 else None


def _clean_mention(mention: str, *, possessive: bool = True) -> str:
    """Collapse whitespace, trim quote marks and punctuation, drop possessives."""
    text = _SPACES.sub(" ", mention)
    start, end = 0, len(text)
    while start < end and text[start] in EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCTUATION:
        end -= 1
    text = text[start:end]
    return str(_POSSESSIVE.sub("", text)) if possessive else text


def _strip_titles(tokens: Sequence[str]) -> tuple[str, ...]:
    """Drop leading titles ("mr", "dr", "vice president" ...) and a trailing generational
    suffix ("John G. Roberts, Jr." is a Roberts), unless nothing would be left."""
    i, j = 0, len(tokens)
    while i < j - 1 and tokens[i] in _TITLES:
        i += 1
    if j - i > 1 and tokens[j - 1] in NAME_SUFFIXES:
        j -= 1
    return tuple(tokens[i:j])


def _speaker_sort_key(s: Speaker) -> tuple[str, str, str, str, str]:
    return (name_key(s.name), s.name, s.kind.value, s.organization or "", repr(s))


def _sorted(speakers: Iterable[Speaker]) -> tuple[Speaker, ...]:
    return tuple(sorted(set(speakers), key=_speaker_sort_key))


#: A mention longer than this names nobody ("Megvii's co-founder and chief executive Yin Qi" is 47).
MAX_MENTION_CHARS = 500


@attrs.frozen
class Resolution:
    """Who a mention names, and why.

    ``speaker`` is the one speaker it names, or None; ``candidates`` every
    speaker that fits (more than one means ambiguous, and then ``speaker`` is
    None); ``method`` says how it matched (``name``, ``alias``, ``name order``,
    ``initials``, ``surname``, ``given name``, ``role``, ``organization``,
    ``spokesperson``, ``acronym``, ``new``, ``none``); ``reason`` is one readable
    sentence; ``created`` is true when ``speaker`` is a new, unregistered speaker;
    ``guessed`` when a short form ("the company", "the board") was read as the
    organisation the context names or the only one it could be: good enough to
    confirm a claim, not to accuse anyone.

    >>> clintons = SpeakerRegistry([Speaker("Hillary Clinton"), Speaker("Bill Clinton")])
    >>> r = clintons.resolve("Clinton")
    >>> r.speaker is None, r.ambiguous, r.reason
    (True, True, 'ambiguous: 2 people named Clinton')
    """

    speaker: Speaker | None
    candidates: tuple[Speaker, ...] = ()
    reason: str = ""
    method: str = "none"
    created: bool = False
    guessed: bool = False  # a short form ("the company") read as the organisation in context

    @property
    def ambiguous(self) -> bool:
        """True when more than one speaker fits the mention."""
        return len(self.candidates) > 1

    @property
    def resolved(self) -> bool:
        """True when the mention names exactly one speaker."""
        return self.speaker is not None


class _Index:
    """Everything resolve() and find_mentions() look up, built once per registry."""

    def __init__(self, speakers: Sequence[Speaker]) -> None:
        # tiers: folded key -> {speaker: method}
        self.full: dict[str, dict[Speaker, str]] = {}
        self.bare: dict[str, set[Speaker]] = {}  # names without their titles
        self.order: dict[str, set[Speaker]] = {}
        self.surname: dict[str, set[Speaker]] = {}
        self.given: dict[str, set[Speaker]] = {}
        self.person_tokens: dict[Speaker, list[tuple[str, ...]]] = {}
        self.orgs: dict[str, Speaker] = {}
        self.roles: dict[str, set[Speaker]] = {}
        self.role_phrases: dict[tuple[str, ...], str] = {}
        self.org_phrases: dict[tuple[str, ...], Speaker] = {}
        # initials of multi-word organisation names ("aclu"), and the head noun of each
        # organisation's name ("union", "board"), for "the ACLU" and "the board"
        self.acronyms: dict[str, set[Speaker]] = {}
        self.org_heads: dict[str, set[Speaker]] = {}
        # form -> (speaker, how it must be written: 0 any case, 1 capitalised, 2 upper case)
        self.forms: dict[tuple[str, ...], tuple[Speaker, int]] = {}
        # first word of a form -> the lengths of its forms, longest first
        self.forms_lengths: dict[str, tuple[int, ...]] = {}
        # the words a longer form starts with ("the", "the under"): reading stops elsewhere
        self.form_prefixes: set[tuple[str, ...]] = set()

        for canon, synonyms in ROLE_SYNONYMS.items():
            for phrase in synonyms:
                self.role_phrases[tuple(phrase.split())] = canon

        # Organisations: registered ones, then those only named as someone's organisation.
        for s in sorted(speakers, key=_speaker_sort_key):  # same answer in any order
            if s.kind is SpeakerKind.ORGANIZATION:
                for n in s.names:
                    self.orgs.setdefault(name_key(n), s)
        implied: dict[str, str] = {}
        for s in speakers:
            if s.organization and s.organization.strip():
                k = name_key(s.organization)
                if k and k not in self.orgs and (k not in implied or s.organization < implied[k]):
                    implied[k] = s.organization
        for k, org_name in implied.items():
            self.orgs[k] = Speaker(org_name, kind=SpeakerKind.ORGANIZATION, registered=False)
        all_speakers = [
            *speakers,
            *sorted(set(self.orgs.values()) - set(speakers), key=_speaker_sort_key),
        ]
        for k, org in self.orgs.items():
            if k:
                self.org_phrases[tuple(k.split())] = org
                self.org_heads.setdefault(k.split()[-1], set()).add(org)
        for org in set(self.orgs.values()):
            for n in org.names:
                initials = acronym_of(n)
                if initials is not None:
                    self.acronyms.setdefault(initials.lower(), set()).add(org)

        for s in all_speakers:
            for n in s.names:
                tokens = _key_tokens(n)
                if not tokens:
                    continue
                method = "name" if n == s.name else "alias"
                slot = self.full.setdefault(" ".join(tokens), {})
                if slot.get(s) != "name":
                    slot[s] = method
                if s.kind is not SpeakerKind.PERSON:
                    continue
                bare = _strip_titles(tokens)
                if len(bare) == 1:
                    if bare != tokens:  # "Mr. Beaver" -> surname "beaver"
                        self.surname.setdefault(bare[0], set()).add(s)
                    continue
                self.person_tokens.setdefault(s, []).append(bare)
                if bare != tokens:
                    self.bare.setdefault(" ".join(bare), set()).add(s)
                for variant in (bare[-1:] + bare[:-1], bare[1:] + bare[:1]):
                    self.order.setdefault(" ".join(variant), set()).add(s)
                if len(bare) > 2:
                    self.order.setdefault(f"{bare[0]} {bare[-1]}", set()).add(s)
                    self.order.setdefault(f"{bare[-1]} {bare[0]}", set()).add(s)
                self.surname.setdefault(bare[-1], set()).add(s)
                self.given.setdefault(bare[0], set()).add(s)
            if s.kind is SpeakerKind.PERSON:
                for role in s.roles:
                    for canon in self._roles_in(_key_tokens(role)):
                        self.roles.setdefault(canon, set()).add(s)

        # find_mentions: each form maps to what resolve() would say, when that is one speaker.
        keys = {*self.full, *self.bare, *self.order, *self.surname, *self.given, *self.acronyms}
        for k in keys:
            tokens = tuple(k.split())
            if not tokens or len(tokens) > _MAX_PHRASE:
                continue
            cands, method, derived = self.tier(k)
            if len(cands) == 1:
                written = 2 if method == "acronym" else 1 if derived else 0
                self.forms[tokens] = (next(iter(cands)), written)
                lengths = {len(tokens), *self.forms_lengths.get(tokens[0], ())}
                self.forms_lengths[tokens[0]] = tuple(sorted(lengths, reverse=True))
                self.form_prefixes.update(tokens[:k] for k in range(1, len(tokens)))
        # The ASCII first words of the forms, as whole runs of letters and digits, searched in
        # the lower-cased text (``re`` runs an ASCII trie about four times faster than
        # ``regex``), or ignoring case where lower-casing changed the text's length.
        firsts = sorted(k for k in self.forms_lengths if k.isascii())
        lower_end, any_end = "(?![a-z0-9])", "(?![A-Za-z0-9])"
        self.first_words = self.first_words_any_case = self.first_words_ascii = None
        if firsts:
            self.first_words = re.compile(
                "(?<![a-z0-9])(?:" + _trie([(k, lower_end) for k in firsts]) + ")"
            )
            self.first_words_any_case = re.compile(
                "(?<![A-Za-z0-9])(?:" + _trie([(k, any_end) for k in firsts]) + ")",
                re.IGNORECASE | re.ASCII,
            )
        # In an ASCII text only non-word characters lie between two words, so a first word that
        # starts longer forms only ("the" of "the lawyer", "human" of "Human Rights Watch")
        # is one only before a second word that goes on with one of them.
        seconds: dict[str, set[str]] = {}
        for form in self.forms:
            if len(form) > 1 and form[0] in firsts and form[1].isascii():
                seconds.setdefault(form[0], set()).add(form[1])
        ascii_items = []
        for k in firsts:
            if 1 in self.forms_lengths[k]:
                ascii_items.append((k, lower_end))
            elif k in seconds:
                then = _trie([(w, lower_end) for w in sorted(seconds[k])])
                ascii_items.append((k, f"(?=[^a-z0-9]+(?:{then}))"))
        if ascii_items:
            self.first_words_ascii = re.compile("(?<![a-z0-9])(?:" + _trie(ascii_items) + ")")

    def _roles_in(self, tokens: Sequence[str]) -> list[str]:
        """Canonical roles named in a registered role string, plus the string itself."""
        found = [canon for _, _, canon in _scan(tokens, self.role_phrases, 4)]
        whole = " ".join(tokens)
        if whole and whole not in found:
            found.append(self.role_phrases.get(tuple(tokens), whole))
            if len(tokens) <= _MAX_PHRASE:
                self.role_phrases.setdefault(tuple(tokens), whole)
        return found

    def tier(self, key: str) -> tuple[set[Speaker], str, bool]:
        """The first name tier that knows ``key``: (speakers, method, derived single token)."""
        if key in self.full:
            slot = self.full[key]
            method = "name" if all(m == "name" for m in slot.values()) else "alias"
            return set(slot), method, False
        if key in self.bare:
            return set(self.bare[key]), "name", False
        if key in self.order:
            return set(self.order[key]), "name order", False
        if key in self.surname:
            return set(self.surname[key]), "surname", True
        if key in self.given:
            return set(self.given[key]), "given name", True
        if key in self.acronyms:
            return set(self.acronyms[key]), "acronym", True
        return set(), "none", False

    def initials(self, tokens: tuple[str, ...]) -> set[Speaker]:
        """People whose surname is the last token and whose given names fit the initials."""
        if len(tokens) < 2 or not any(len(t) == 1 for t in tokens[:-1]):
            return set()
        out = set()
        for s in self.surname.get(tokens[-1], ()):
            for form in self.person_tokens.get(s, ()):
                if form[-1] != tokens[-1]:
                    continue
                given, wanted = form[:-1], tokens[:-1]
                if (
                    all(
                        w == g or (len(w) == 1 and g.startswith(w))
                        for w, g in zip(wanted, given, strict=False)
                    )
                    and len(given) >= 1
                ):
                    out.add(s)
        return out

    def org_of(self, person: Speaker) -> Speaker | None:
        if not person.organization:
            return None
        return self.orgs.get(name_key(person.organization))


def _scan(
    tokens: Sequence[str], table: Mapping[tuple[str, ...], Any], longest: int
) -> list[tuple[int, int, Any]]:
    """Leftmost-longest, non-overlapping phrase matches: ``(first, end, value)`` token indexes."""
    out = []
    i, n = 0, len(tokens)
    while i < n:
        for size in range(min(longest, n - i), 0, -1):
            value = table.get(tuple(tokens[i : i + size]))
            if value is not None:
                out.append((i, i + size, value))
                i += size
                break
        else:
            i += 1
    return out


def _check_speaker(value: object) -> Speaker:
    if not isinstance(value, Speaker):
        msg = f"speaker must be a Speaker (got {value!r} that is a {type(value).__name__})"
        raise TypeError(msg)
    return value


class SpeakerRegistry:
    """An immutable set of known speakers that resolves how texts name them.

    >>> reg = SpeakerRegistry([Speaker("Yin Qi", aliases=("印奇",), organization="Megvii")])
    >>> len(reg), "印奇" in reg, reg.get("YIN QI").name
    (1, True, 'Yin Qi')
    >>> reg2 = reg.add(Speaker("Xie Yinan", organization="Megvii"))
    >>> len(reg), len(reg2)
    (1, 2)
    """

    __slots__ = ("_index", "_lock", "_speakers")

    def __init__(self, speakers: Iterable[Speaker] = ()) -> None:
        seen: dict[Speaker, None] = {}
        for s in speakers:
            seen.setdefault(_check_speaker(s), None)
        self._speakers: tuple[Speaker, ...] = tuple(seen)
        self._lock = threading.Lock()
        self._index: _Index | None = None

    # -- collection --------------------------------------------------------------------
    def __iter__(self) -> Iterator[Speaker]:
        return iter(self._speakers)

    def __len__(self) -> int:
        return len(self._speakers)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Speaker):
            return item in self._speakers
        if isinstance(item, str):
            return self.get(item) is not None
        return False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SpeakerRegistry):
            return NotImplemented
        return set(self._speakers) == set(other._speakers)

    def __hash__(self) -> int:
        return hash(frozenset(self._speakers))

    def __repr__(self) -> str:
        names = ", ".join(repr(s.name) for s in self._speakers[:5])
        more = f", ... ({len(self._speakers)} speakers)" if len(self._speakers) > 5 else ""
        return f"SpeakerRegistry([{names}{more}])"

    def add(self, speaker: Speaker) -> SpeakerRegistry:
        """A new registry with ``speaker`` added; this one is unchanged."""
        return SpeakerRegistry((*self._speakers, _check_speaker(speaker)))

    def extend(self, speakers: Iterable[Speaker]) -> SpeakerRegistry:
        """A new registry with every one of ``speakers`` added."""
        return SpeakerRegistry((*self._speakers, *speakers))

    def get(self, name: str) -> Speaker | None:
        """The registered speaker with this name or alias, folded (None if none or several)."""
        slot = self._idx.full.get(name_key(name), {})
        found = [s for s in slot if s.registered or s in self._speakers]
        return found[0] if len(found) == 1 else None

    @property
    def _idx(self) -> _Index:
        index = self._index
        if index is None:
            with self._lock:
                if self._index is None:
                    self._index = _Index(self._speakers)
                index = self._index
        return index

    def aliases_of(self, speaker: Speaker) -> tuple[str, ...]:
        """Every name the registry resolves to ``speaker``: its aliases, then the derived ones.

        An organisation of several words is also known by its initials (as an upper-case
        mention: "ACLU", "the ACLU"), unless another organisation has the same ones.

        >>> aclu = Speaker("American Civil Liberties Union", kind="organization")
        >>> SpeakerRegistry([aclu]).aliases_of(aclu)
        ('ACLU',)
        """
        _check_speaker(speaker)
        idx = self._idx
        derived = [
            a
            for n in speaker.names
            if (a := acronym_of(n)) is not None
            and idx.acronyms.get(a.lower()) == {speaker}
            and speaker.kind is SpeakerKind.ORGANIZATION
        ]
        known = {name_key(n) for n in speaker.names}
        extra = [a for a in dict.fromkeys(derived) if name_key(a) not in known]
        return (*speaker.aliases, *extra)

    @property
    def organizations(self) -> tuple[Speaker, ...]:
        """Every organisation known: registered, or named as someone's organisation."""
        return _sorted(self._idx.orgs.values())

    # -- loading -----------------------------------------------------------------------
    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> SpeakerRegistry:
        """A registry from dicts in the file schema (``name``, ``aliases``, ``roles``, ...).

        >>> reg = SpeakerRegistry.from_records([{"name": "Megvii", "kind": "organization"}])
        >>> reg.get("megvii").kind
        <SpeakerKind.ORGANIZATION: 'organization'>
        """
        return cls(_speaker_from_record(r, i) for i, r in enumerate(records))

    @classmethod
    def from_json(cls, text_or_path: str | os.PathLike[str]) -> SpeakerRegistry:
        """A registry from JSON text or a JSON file: ``{"speakers": [{"name": ...}, ...]}``.

        >>> SpeakerRegistry.from_json('{"speakers": [{"name": "Xie Yinan"}]}').get("XIE YINAN").name
        'Xie Yinan'
        """
        text = _read(text_or_path, "{[")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ParseError(f"speaker registry is not valid JSON: {e.msg}", line=e.lineno) from e
        return cls.from_records(_records(data))

    @classmethod
    def from_toml(cls, text_or_path: str | os.PathLike[str]) -> SpeakerRegistry:
        """A registry from TOML text or a file with ``[[speakers]]`` tables.

        >>> reg = SpeakerRegistry.from_toml('[[speakers]]\\nname = "Yin Qi"\\naliases = ["印奇"]')
        >>> reg.get("印奇").name
        'Yin Qi'
        """
        tomllib = _toml_reader()
        text = _read(text_or_path, "[")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise ParseError(f"speaker registry is not valid TOML: {e}") from e
        return cls.from_records(_records(data))

    def to_json(self) -> str:
        """The registry as JSON in the schema :meth:`from_json` reads (a round trip).

        >>> reg = SpeakerRegistry([Speaker("Yin Qi", aliases=("印奇",))])
        >>> SpeakerRegistry.from_json(reg.to_json()) == reg
        True
        """
        return json.dumps(
            {"speakers": [_speaker_to_record(s) for s in self._speakers]},
            ensure_ascii=False,
            indent=2,
        )

    # -- mentions ----------------------------------------------------------------------
    def find_mentions(self, text: str) -> list[tuple[Span, Speaker]]:
        """Every occurrence in ``text`` of a name, alias or surname that names one speaker.

        Matches are whole words, case-insensitive (a surname or given name on its
        own must be capitalised: "Will" is a name, "will" is not), leftmost-longest,
        non-overlapping; spans index ``text``. Forms that fit several speakers
        (two Clintons) are skipped. Linear in the length of ``text``.

        >>> reg = SpeakerRegistry([Speaker("Xie Yinan", organization="Megvii")])
        >>> found = reg.find_mentions("Mr. Xie’s firm, Megvii; XIE YINAN said")
        >>> [(span.text, speaker.name) for span, speaker in found]
        [('Xie', 'Xie Yinan'), ('Megvii', 'Megvii'), ('XIE YINAN', 'Xie Yinan')]
        """
        check_text(text, "text")
        idx = self._idx
        forms, lengths_of, prefixes = idx.forms, idx.forms_lengths, idx.form_prefixes
        seen: dict[str, str] = {}  # texts repeat their words: fold each distinct word once
        out: list[tuple[Span, Speaker]] = []
        done = 0  # the end of the last mention: words before it are taken
        # Only a word that starts some form can start a mention; the words after it are
        # read only there, so a text naming nobody costs a couple of C-level searches.
        for start, end, key in _first_words(text, idx, seen):
            if start < done:
                continue
            # the words from here, read as far as some form goes on ("the data" stops there)
            keys, ends = [key], [end]
            lengths = lengths_of[key]
            while (
                len(keys) < lengths[0]
                and tuple(keys) in prefixes
                and (nxt := _next_word(text, ends[-1], seen)) is not None
            ):
                ends.append(nxt[0])
                keys.append(nxt[1])
            for size in lengths:
                if size > len(keys):
                    continue
                hit = forms.get(tuple(keys[:size]))
                if hit is None:
                    continue
                speaker, written = hit
                if written and text[start].islower():
                    continue
                if written == 2 and not text[start : ends[size - 1]].isupper():
                    continue  # "WHO" is the organisation, "Who" and "who" are not
                done = ends[size - 1]
                out.append((Span(start, done, text[start:done]), speaker))
                break
        return out

    def resolve(
        self, mention: str, *, context: str | None = None, create: bool = False
    ) -> Resolution:
        """Who ``mention`` names: by name, alias, initials, surname, role or organisation.

        ``context`` is nearby text (the story so far) that can settle an
        ambiguity or say which organisation "the company" is. With
        ``create=True`` a name that matches nobody becomes a new speaker with
        ``registered=False`` (the registry itself is not changed).

        >>> reg = SpeakerRegistry([Speaker("Yin Qi", aliases=("Qi Yin",), organization="Megvii",
        ...                                roles=("chief executive",))])
        >>> reg.resolve("Yin’s").reason
        "surname 'Yin' of Yin Qi"
        >>> reg.resolve("the CEO").method
        'role'
        >>> reg.resolve("Zhang Wei", create=True).speaker
        Speaker(name='Zhang Wei', ..., registered=False)
        >>> reg.resolve("he").reason
        "pronoun 'he' is not resolved here (extraction resolves pronouns from the discourse)"
        """
        check_text(mention, "mention")
        if context is not None:
            check_text(context, "context")
        if len(mention) > MAX_MENTION_CHARS:
            # No name or description is this long: say so instead of scanning it.
            return Resolution(
                None,
                reason=f"a mention of {len(mention):,} characters is too long to name anyone "
                f"(more than {MAX_MENTION_CHARS:,})",
            )
        cleaned = _clean_mention(mention)
        words = _word_spans(cleaned)
        tokens = tuple(w[2] for w in words)
        if not tokens:
            return Resolution(None, reason=f"no name in the mention {mention!r}")
        if len(tokens) == 1 and tokens[0] in PERSONAL_PRONOUNS:
            return Resolution(
                None,
                reason=f"pronoun '{cleaned}' is not resolved here "
                "(extraction resolves pronouns from the discourse)",
            )
        idx = self._idx
        raw = _key_tokens(_clean_mention(mention, possessive=False))  # "Sam Brace's Wife"
        found = self._by_name(idx, tokens, cleaned, context, raw=raw)
        if found is not None:
            return found
        found = self._by_description(idx, cleaned, words, context)
        if found is not None:
            return found
        if create:
            made = _new_speaker(cleaned, words)
            if made is not None:
                return Resolution(
                    made, (made,), f"new unregistered speaker '{made.name}'", "new", created=True
                )
        return Resolution(None, reason=f"no known speaker matches '{cleaned}'")

    # -- resolution steps --------------------------------------------------------------
    def _by_name(
        self,
        idx: _Index,
        tokens: tuple[str, ...],
        cleaned: str,
        context: str | None,
        *,
        raw: tuple[str, ...] = (),
    ) -> Resolution | None:
        key = " ".join(tokens)
        bare = _strip_titles(tokens)
        bare_key = " ".join(bare)
        titled = bare != tokens
        raw_key = " ".join(raw)
        for k in dict.fromkeys((raw_key, key, bare_key)):
            if k == raw_key and k != key and k not in idx.full:
                continue  # the possessive belongs to the name only in a registered alias
            cands, method, derived = idx.tier(k)
            if method == "acronym" and (titled or cleaned.islower()):
                continue  # "who" and "Mr. Aclu" are no organisation's initials
            if cands:
                if derived and titled:
                    method = "surname"  # "Mr. Xie": a title goes with the family name
                if method != "acronym" and all(c.kind is SpeakerKind.ORGANIZATION for c in cands):
                    method = "organization"
                what = "organisation" if method == "organization" else method
                label = _tail(cleaned, len(bare)) if derived else cleaned
                return self._pick(
                    idx,
                    cands,
                    method=method,
                    how=f"{what} '{label}'",
                    label=cleaned,
                    context=context,
                )
        cands = idx.initials(bare)
        if cands:
            return self._pick(
                idx,
                cands,
                method="initials",
                how=f"initials '{cleaned}'",
                label=cleaned,
                context=context,
            )
        return None

    def _pick(
        self,
        idx: _Index,
        cands: set[Speaker],
        *,
        method: str,
        how: str,
        label: str,
        context: str | None,
    ) -> Resolution:
        ordered = _sorted(cands)
        note = ""
        if len(ordered) > 1 and context:
            narrowed = self._narrow(idx, ordered, context)
            if len(narrowed) == 1:
                ordered, note = narrowed, " (the context names them)"
        if len(ordered) == 1:
            s = ordered[0]
            return Resolution(s, ordered, f"{how} of {s.name}{note}", method)
        people = "people" if all(s.kind is SpeakerKind.PERSON for s in ordered) else "speakers"
        why = f"ambiguous: {len(ordered)} {people} named {label}"
        return Resolution(None, ordered, why, method)

    def _narrow(self, idx: _Index, cands: tuple[Speaker, ...], context: str) -> tuple[Speaker, ...]:
        """The candidates the context points at: named there, or whose organisation is."""
        named = {s for _, s in self.find_mentions(context)}
        direct = tuple(s for s in cands if s in named)
        if direct:
            return direct
        orgs = {s for s in named if s.kind is SpeakerKind.ORGANIZATION}
        return tuple(s for s in cands if idx.org_of(s) in orgs)

    def _context_org(self, idx: _Index, context: str | None) -> tuple[Speaker, ...]:
        """The organisations "the company" could mean: named in context, else the only one known."""
        if context:
            named = [s for _, s in self.find_mentions(context)]
            direct = _sorted(s for s in named if s.kind is SpeakerKind.ORGANIZATION)
            if direct:
                return direct
            via = _sorted(o for s in named if (o := idx.org_of(s)) is not None)
            if via:
                return via
        orgs = _sorted(idx.orgs.values())
        return orgs if len(orgs) == 1 else ()

    def _by_description(
        self,
        idx: _Index,
        cleaned: str,
        words: list[tuple[int, int, str]],
        context: str | None,
    ) -> Resolution | None:
        tokens = [w[2] for w in words]
        # A name inside the description wins ("Megvii's chief executive Yin Qi").
        initials = {end for start, end, key in words if len(key) == 1 and end - start == 1}
        people = _sorted(
            s
            for span, s in self.find_mentions(cleaned)
            if s.kind is SpeakerKind.PERSON
            and not any(span.start - gap in initials for gap in (1, 2))  # "R. Yinan" no fit
        )
        if people:
            label = ", ".join(s.name for s in people)
            return self._pick(
                idx,
                set(people),
                method="name",
                how=f"name inside '{cleaned}'",
                label=label,
                context=context,
            )

        roles: list[str] = []
        orgs: list[Speaker] = []
        designated = False
        heads: set[str] = set()
        leftover = []
        i = 0
        while i < len(tokens):
            role_hit = _longest(tokens, i, idx.role_phrases)
            org_hit = _longest(tokens, i, idx.org_phrases)
            if org_hit is not None and (role_hit is None or org_hit[0] >= role_hit[0]):
                orgs.append(org_hit[1])
                i += org_hit[0]
            elif role_hit is not None:
                roles.append(role_hit[1])
                i += role_hit[0]
            elif (
                len(idx.acronyms.get(tokens[i], ())) == 1
                and cleaned[words[i][0] : words[i][1]].isupper()
            ):
                orgs.extend(idx.acronyms[tokens[i]])  # "the ACLU", "a NTSB spokesperson"
                i += 1
            else:
                if tokens[i] in ORGANISATION_NOUNS or tokens[i] in idx.org_heads:
                    designated = True
                    if tokens[i] in idx.org_heads:
                        heads.add(tokens[i])
                elif tokens[i] not in MENTION_DETERMINERS and tokens[i] not in MENTION_LINKS:
                    leftover.append(tokens[i])
                i += 1

        org_source = "named"
        if not orgs and designated:
            orgs = list(self._context_org(idx, context))
            if heads:
                # "the board": an organisation whose name ends so, the context's one first
                fits = {o for h in heads for o in idx.org_heads[h]}
                named = [o for o in orgs if o in fits]
                specific = {h for h in heads if h not in ORGANISATION_NOUNS}
                if named:
                    orgs = named
                elif len(fits) == 1 and (specific or not (context and orgs)):
                    # "the commerce ministry": a word of one organisation's own name beats
                    # the organisation the story was about ("the board" does not)
                    orgs = list(fits)
                elif not orgs and not roles and not leftover:
                    why = f"ambiguous: {len(fits)} organisations could be '{cleaned}'"
                    return Resolution(None, _sorted(fits), why, "organization")
            org_source = "context"
            if not orgs and not roles and not leftover and len(set(idx.orgs.values())) > 1:
                every = _sorted(idx.orgs.values())
                why = f"ambiguous: {len(every)} organisations could be '{cleaned}'"
                return Resolution(None, every, why, "organization")
        if not roles:
            if leftover or not orgs:
                return None
            if len(orgs) > 1:
                return self._pick(
                    idx,
                    set(orgs),
                    method="organization",
                    how="organisation",
                    label=cleaned,
                    context=None,
                )
            org = orgs[0]
            why = f"organisation '{org.name}'"
            guessed = designated and org_source == "context"
            if guessed:
                why = f"'{cleaned}' taken as {org.name}"
            if not org.registered:
                why += " (known as the organisation of registered people)"
            return Resolution(org, (org,), why, "organization", guessed=guessed)

        role_label = " and ".join(dict.fromkeys(roles))
        scores: dict[Speaker, int] = {}
        for role in roles:
            for s in idx.roles.get(role, ()):
                scores[s] = scores.get(s, 0) + 1
        if orgs:
            allowed = set(orgs)
            scores = {s: v for s, v in scores.items() if idx.org_of(s) in allowed}
        elif len(scores) > 1 and context:
            narrowed = self._narrow(idx, _sorted(scores), context)
            if narrowed:
                scores = {s: scores[s] for s in narrowed}
        if scores:
            best = max(scores.values())
            cands = {s for s, v in scores.items() if v == best}
            at = f" at {orgs[0].name}" if len(orgs) == 1 else ""
            if len(cands) == 1:
                s = next(iter(cands))
                where = at or (f" at {s.organization}" if s.organization else "")
                return Resolution(s, (s,), f"role '{role_label}'{where}", "role")
            return self._pick(
                idx, cands, method="role", how="role", label=f"'{role_label}'{at}", context=context
            )
        if _SPOKESPERSON in roles:
            if not orgs:
                orgs = list(self._context_org(idx, context))
            if len(orgs) == 1:
                org = orgs[0]
                return Resolution(
                    org,
                    (org,),
                    f"spokesperson for {org.name}: no registered spokesperson, "
                    "so the organisation itself",
                    "spokesperson",
                )
        return None


def _first_words(text: str, idx: _Index, seen: dict[str, str]) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` of every word token of ``text`` that can start a form, in order.

    The same tokens, with the same keys, as :func:`_word_spans` gives, filtered: whole ASCII
    runs found by the index's trie (in an ASCII text, a first word of longer forms only where
    the next word goes on with one), and the tokens of every run holding a non-ASCII word
    character (whose key folding is not a plain lower case).
    """
    if text.isascii():
        if idx.first_words_ascii is None:
            return []
        found = idx.first_words_ascii.finditer(text.lower())
        return [(m.start(), m.end(), m.group()) for m in found]
    hits: list[tuple[int, int, str]] = []
    if idx.first_words is not None and idx.first_words_any_case is not None:
        lowered = text.lower()
        if len(lowered) == len(text):  # same offsets (a few letters lower to two characters)
            hits = [(m.start(), m.end(), m.group()) for m in idx.first_words.finditer(lowered)]
        else:
            found = idx.first_words_any_case.finditer(text)
            hits = [(m.start(), m.end(), m.group().lower()) for m in found]
    # A hit is a whole run only if no non-ASCII letter, digit or mark touches it (such a run
    # is tokenised below), and only if it was ASCII before lower-casing (a Kelvin sign).
    hits = [
        h
        for h in hits
        if text[h[0] : h[1]].isascii()
        and not (h[0] > 0 and _NON_ASCII_WORD.match(text, h[0] - 1))
        and not _NON_ASCII_WORD.match(text, h[1])
    ]
    lengths_of = idx.forms_lengths
    pos, other = 0, []
    while (m := _NON_ASCII_WORD.search(text, pos)) is not None:
        back, on = _RUN_BACK.match(text, 0, m.start()), _RUN_ON.match(text, m.start())
        a = back.start() if back is not None else m.start()  # both always match
        pos = on.end() if on is not None else m.end()
        for t in _TOKEN.finditer(text, a, pos):
            key = _fold_cached(t.group(), seen)
            if key in lengths_of:
                other.append((t.start(), t.end(), key))
    if other:  # the two kinds of runs never overlap; sorting two sorted runs is one merge
        hits += other
        hits.sort()
    return hits


def _tail(text: str, count: int) -> str:
    """The last ``count`` words of ``text`` as written."""
    words = _word_spans(text)[-count:]
    return text[words[0][0] : words[-1][1]] if words else text


def _longest(
    tokens: Sequence[str], i: int, table: Mapping[tuple[str, ...], Any]
) -> tuple[int, Any] | None:
    for size in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
        value = table.get(tuple(tokens[i : i + size]))
        if value is not None:
            return size, value
    return None


def _new_speaker(cleaned: str, words: list[tuple[int, int, str]]) -> Speaker | None:
    """A new unregistered person from a mention that looks like a name (titles stripped)."""
    i = 0
    while i < len(words) - 1 and words[i][2] in _TITLES:
        i += 1
    if not any(not cleaned[w[0]].islower() for w in words[i:]):
        return None  # "critics", "the reporter": a description, not a name
    if any(w[2] in MENTION_DETERMINERS for w in words[i : i + 1]):
        return None
    name = cleaned[words[i][0] : words[-1][1]].strip()
    return Speaker(name, registered=False) if name else None


# -- files ----------------------------------------------------------------------------
def _toml_reader() -> Any:
    """The standard library's ``tomllib`` (Python 3.11+), else ``tomli`` if installed."""
    for name in ("tomllib", "tomli"):
        if importlib.util.find_spec(name) is not None:
            return importlib.import_module(name)
    msg = "reading TOML needs Python 3.11+ or the 'tomli' package (pip install tomli)"
    raise ModuleNotFoundError(msg)  # pragma: no cover - Python 3.10 without tomli


def _read(text_or_path: str | os.PathLike[str], openers: str) -> str:
    if isinstance(text_or_path, os.PathLike):
        return Path(text_or_path).read_text(encoding="utf-8")
    text = check_text(text_or_path, "registry text or path")
    stripped = text.lstrip("\ufeff \t\r\n")
    if "\n" in text or stripped[:1] in openers or "=" in text:
        return text
    return Path(text).read_text(encoding="utf-8")


def _records(data: object) -> list[Mapping[str, Any]]:
    if not isinstance(data, Mapping) or "speakers" not in data:
        msg = "speaker registry must be an object with a 'speakers' list"
        raise ParseError(msg)
    records = data["speakers"]
    if not isinstance(records, list):
        msg = f"'speakers' must be a list (got {type(records).__name__})"
        raise ParseError(msg)
    return records


_FIELDS = frozenset(
    {"name", "aliases", "roles", "organization", "kind", "gender", "identifiers", "registered"}
)


def _speaker_from_record(record: object, i: int) -> Speaker:
    where = f"speakers[{i}]"
    if not isinstance(record, Mapping):
        msg = f"{where} must be an object (got {type(record).__name__})"
        raise ParseError(msg)
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        msg = f"{where} needs a non-empty string 'name' (got {name!r})"
        raise ParseError(msg)
    where = f"{where} ({name!r})"
    unknown = sorted(set(record) - _FIELDS)
    if unknown:
        msg = f"{where} has unknown field(s) {', '.join(map(repr, unknown))}"
        raise ParseError(msg)
    for field in ("aliases", "roles"):
        value = record.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            msg = f"{where}: '{field}' must be a list of strings (got {value!r})"
            raise ParseError(msg)
    for field in ("organization", "gender"):
        value = record.get(field)
        if value is not None and not isinstance(value, str):
            msg = f"{where}: '{field}' must be a string (got {value!r})"
            raise ParseError(msg)
    kind = record.get("kind", "person")
    if kind not in ("person", "organization"):
        msg = f"{where}: 'kind' must be 'person' or 'organization' (got {kind!r})"
        raise ParseError(msg)
    identifiers = record.get("identifiers", {})
    if not isinstance(identifiers, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in identifiers.items()
    ):
        msg = f"{where}: 'identifiers' must map strings to strings (got {identifiers!r})"
        raise ParseError(msg)
    registered = record.get("registered", True)
    if not isinstance(registered, bool):
        msg = f"{where}: 'registered' must be true or false (got {registered!r})"
        raise ParseError(msg)
    return Speaker(
        name,
        aliases=tuple(record.get("aliases", ())),
        roles=tuple(record.get("roles", ())),
        organization=record.get("organization"),
        kind=SpeakerKind(kind),
        gender=record.get("gender"),
        identifiers=dict(identifiers),
        registered=registered,
    )


def _speaker_to_record(s: Speaker) -> dict[str, Any]:
    record: dict[str, Any] = {"name": s.name}
    if s.aliases:
        record["aliases"] = list(s.aliases)
    if s.roles:
        record["roles"] = list(s.roles)
    if s.organization is not None:
        record["organization"] = s.organization
    record["kind"] = s.kind.value
    if s.gender is not None:
        record["gender"] = s.gender
    if s.identifiers:
        record["identifiers"] = dict(s.identifiers)
    if not s.registered:
        record["registered"] = False
    return record


# -- comparisons ----------------------------------------------------------------------
@functools.lru_cache(maxsize=1024)
def _single_registry(speaker: Speaker) -> SpeakerRegistry:
    """A registry of one speaker, kept for repeated matching (speakers are frozen)."""
    return SpeakerRegistry([speaker])


def speaker_matches(speaker: Speaker, mention: str) -> bool:
    """Whether ``mention`` names ``speaker`` by any name form (not by role).

    >>> yin = Speaker("Yin Qi", aliases=("Qi Yin", "印奇"), organization="Megvii")
    >>> [speaker_matches(yin, m) for m in ("Mr. Yin", "QI YIN", "印奇", "Y. Qi", "Xie", "Megvii")]
    [True, True, True, True, False, False]
    """
    _check_speaker(speaker)
    check_text(mention, "mention")
    tokens = _key_tokens(_clean_mention(mention))
    if not tokens:
        return False
    reg = _single_registry(speaker)
    raw = _key_tokens(_clean_mention(mention, possessive=False))
    res = reg._by_name(reg._idx, tokens, mention, None, raw=raw)
    if res is not None:
        return res.speaker == speaker
    # As news style writes a name: "Rep. Gwen Moore (D-Wis.)", "Mitch McConnell, R-Ky.,",
    # "Quina Jones, 25,", "New Jersey Gov. Chris Christie": the person is the name after
    # the affiliation, the age and the words before the last title are set aside.
    core = _core_name(mention)
    if core and core != tokens:
        res = reg._by_name(reg._idx, core, mention, None, raw=core)
        if res is not None:
            return res.speaker == speaker
    # a family name after a title the name forms above do not know ("Director Young", "Chair
    # Rouse", "Administrator Criswell") or of two joined parts ("Ms. Jean-Pierre", "Mr.
    # O'Neill"): the last written word of the speaker's full name
    family = _family_name_after_title(mention)
    return family is not None and any(
        len(n.split()) >= 2 and name_key(n.split()[-1]) == family for n in speaker.names
    )


def _family_name_after_title(mention: str) -> str | None:
    """The key of the one family name a mention is after its titles ("Director Young",
    "Ms. Jean-Pierre"), or None (no title, or more than one word after them)."""
    words = _clean_mention(mention).split()
    titled = False
    while len(words) > 1 and words[0].casefold().rstrip(".") in _ANY_TITLE:
        words, titled = words[1:], True
    if len(words) != 1 or not (titled or any(ch in words[0] for ch in "-'\u2019")):
        return None
    return name_key(words[0]) or None


# A party and state, a constituency or an age after a name: "(D-Wis.)", "(R)", ", R-Ky.,", ", 25,".
_AFFILIATION = regex.compile(r"[ \t]*\([^()]{1,40}\)[ \t,]*\Z|,[ \t]*(?:[DRI]-[\p{L}. ]{1,20}|\d{1,3})[ \t]*,?[ \t]*\Z")


def _core_name(mention: str) -> tuple[str, ...]:
    """The folded name in a news-style mention ("new jersey gov chris christie (r)" -> "chris
    christie"); the mention's own tokens when it has nothing to set aside."""
    text = mention
    for _ in range(2):
        text = _AFFILIATION.sub("", text)
    tokens = list(_key_tokens(_clean_mention(text)))
    titles = [i for i, t in enumerate(tokens) if t in _ANY_TITLE]
    if titles and len(tokens) - titles[-1] - 1 >= 2:
        tokens = tokens[titles[-1] + 1 :]  # "new jersey gov chris christie" -> "chris christie"
    return tuple(tokens)


def same_speaker(
    a: Speaker | str, b: Speaker | str, *, registry: SpeakerRegistry | None = None
) -> bool:
    """Whether ``a`` and ``b`` name the same person or organisation.

    Any alias, either name order, initials, or a surname (when the registry
    does not know two people by it) make a match; a person and their
    organisation are not the same speaker.

    >>> same_speaker("Yin Qi", Speaker("Qi Yin"))
    True
    >>> reg = SpeakerRegistry([Speaker("Hillary Clinton"), Speaker("Bill Clinton")])
    >>> same_speaker("Clinton", "Hillary Clinton", registry=reg)
    False
    >>> same_speaker("H. Clinton", "Hillary Clinton", registry=reg)
    True
    """
    sides = []
    kinds_known = True
    for value in (a, b):
        if isinstance(value, str):
            check_text(value, "speaker name", allow_empty=False)
        else:
            _check_speaker(value)
        if registry is not None:
            if isinstance(value, Speaker) and value in registry:
                sides.append(value)
                continue
            res = registry.resolve(value if isinstance(value, str) else value.name)
            if res.ambiguous:
                return False
            if res.speaker is not None:
                sides.append(res.speaker)
                continue
        if isinstance(value, str):
            kinds_known = False  # a bare name could be a person or an organisation
            sides.append(Speaker(value, registered=False))
        else:
            sides.append(value)
    x, y = sides
    if x == y:
        return True
    if kinds_known and x.kind is not y.kind:
        return False
    if registry is not None and x in registry and y in registry:
        return False
    if any(speaker_matches(x, n) for n in y.names) or any(speaker_matches(y, n) for n in x.names):
        return True
    # both written news-style: "Oversight Chairman Jason Chaffetz" and "... Chaffetz (R-Utah)"
    cores = {c for n in x.names if len(c := _core_name(n)) >= 2}
    return any(_core_name(n) in cores for n in y.names)
