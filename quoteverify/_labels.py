"""Line-level pieces of source parsing: speaker labels, stage directions, and label resolution.

Private to :mod:`quoteverify.sources`; see its docstring for the rules these implement.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

import attrs
import regex  # type: ignore[import-untyped,unused-ignore]

from ._text import LINE_SPACE, STAGE_DIRECTION
from .errors import check_text
from .model import Speaker
from .vocabulary import (
    HEARING_TITLES,
    INTERVIEWEE_LABELS,
    INTERVIEWER_LABELS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_LABELS,
    TITLES,
    UNIDENTIFIED_VOICES,
)

if TYPE_CHECKING:
    from .speakers import SpeakerRegistry

# --------------------------------------------------------------------------- shared helpers

_MAX_LABEL_CHARS = 40
_MAX_LABEL_WORDS = 5
COLON_LOOKAHEAD = 64

# Lower-case words a speaker label may hold: name particles, and the joining words of an office
# written out ("Secretary of State", "Minister for Health and the Arts").
_NAME_PARTICLES = NAME_PARTICLES | {"of", "and", "the", "for"}

# Title words before a surname in capitals, the Congressional convention for a speaker ("Mr.
# NUNN", "Chairman INOUYE", "Attorney General MEESE", "Secretary WEINBERGER").
_TITLE_WORDS = TITLES | {w for phrase in HEARING_TITLES for w in phrase.casefold().split()}
_CAPS_SURNAME = regex.compile(r"(?:Mc|Mac)?\p{Lu}[\p{Lu}\p{M}'’\-]+")

# "[00:01:02]", "(01:02)", "00:01:02.5", optionally followed by a dash, before a label.
_TS_PREFIX = regex.compile(
    r"[\[(]?(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?[\])]?(?:[ \t]+[-–—])?[ \t]*"
)
# A timestamp at the end of a label: "Speaker 1 (00:01):".
_TS_SUFFIX = regex.compile(r"[ \t]*[\[(](?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[\])]\Z")
_TS_ONLY = regex.compile(r"[ \t]*[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[\])]?[ \t]*\Z")



def _lines(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield ``(number, start, end)`` for each line; ``end`` excludes the line break."""
    pos = 0
    for number, chunk in enumerate(text.splitlines(keepends=True), 1):
        body = chunk.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        yield number, pos, pos + len(body)
        pos += len(chunk)


def skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in LINE_SPACE:
        pos += 1
    return pos


def rskip_space(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1] in LINE_SPACE or text[end - 1].isspace()):
        end -= 1
    return end


def to_seconds(hours: str | None, minutes: str, seconds: str, fraction: str | None) -> float:
    value = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    if fraction:
        value += int(fraction) / 10 ** len(fraction)
    return float(value)


def label_key(label: str) -> str:
    return " ".join(label.casefold().replace("\u3000", " ").split()).rstrip(".")


def _display_name(label: str) -> str:
    name = " ".join(label.split())
    letters = [c for c in name if c.isalpha()]
    if (
        letters
        and all(c.isupper() for c in letters if c.isascii() and c.isalpha())
        and any(c.isascii() for c in letters)
    ):
        return name.title()
    return name


def is_capital(ch: str) -> bool:
    """Upper- or title-case, or a letter of an uncased script (CJK)."""
    return ch.isupper() or ch.istitle() or (ch.isalpha() and not ch.islower())


def first_letter(word: str) -> str:
    for ch in word:
        if ch.isalnum():
            return ch
    return ""


def may_trim(text: str, start: int, end: int) -> bool:
    """False when :func:`trim_directions` would return ``(start, end)`` unchanged (start < end)."""
    first, last = text[start], text[end - 1]
    return first in LINE_SPACE or first in "[(" or last in ")]" or last in LINE_SPACE or last.isspace()


def trim_directions(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading/trailing stage directions and spaces."""
    s, e = start, end
    while True:
        s = skip_space(text, s, e)
        m = STAGE_DIRECTION.match(text, s, e)
        if not m:
            break
        s = m.end()
    while True:
        e = rskip_space(text, s, e)
        if e <= s or text[e - 1] not in ")]":
            break
        opener = "(" if text[e - 1] == ")" else "["
        o = text.rfind(opener, max(s, e - 64), e)
        if o < 0:
            break
        m = STAGE_DIRECTION.match(text, o, e)
        if not m or m.end() != e:
            break
        e = o
    if s >= e:  # only directions: keep the turn as it was written
        return start, end
    return s, e


# --------------------------------------------------------------------------- speakers


class LabelSpeakers:
    """Turns labels and mentions into speakers, once per distinct label."""

    def __init__(self, registry: SpeakerRegistry | None) -> None:
        self.registry = registry
        self.by_key: dict[str, Speaker | None] = {}
        self.known: dict[str, bool] = {}
        self.infos: dict[str, LabelInfo | str] = {}

    def info(self, label: str) -> LabelInfo | str:
        """:func:`_label_info` of ``label``, remembered (it depends on the label alone)."""
        found = self.infos.get(label)
        if found is None:
            found = self.infos[label] = _label_info(label, self)
        return found

    def knows(self, label: str) -> bool:
        """True when the registry resolves ``label`` to one speaker without creating one."""
        if self.registry is None:
            return False
        key = label_key(label)
        if key not in self.known:
            res = self.registry.resolve(label)
            self.known[key] = res.speaker is not None and not res.ambiguous
        return self.known[key]

    def label(self, label: str) -> Speaker | None:
        key = label_key(label)
        if key in self.by_key:
            return self.by_key[key]
        speaker: Speaker | None
        if label_key(speaker_part(label).split("(", 1)[0]) in UNIDENTIFIED_VOICES:
            self.by_key[key] = None  # "UNIDENTIFIED MALE", "AUDIENCE MEMBER": a voice, no one
            return None
        if self.registry is not None:
            name = speaker_part(label).split("(", 1)[0].strip() or label  # "REPORTER (REUTERS)"
            res = self.registry.resolve(_display_name(name), create=True)
            speaker = None if res.ambiguous else res.speaker
        else:
            speaker = Speaker(_display_name(speaker_part(label)), registered=False)
        self.by_key[key] = speaker
        return speaker

    def person(self, value: str | Speaker | None) -> Speaker | None:
        """A speaker for the ``interviewer=``/``interviewee=`` argument or a header line."""
        if value is None or isinstance(value, Speaker):
            return value
        check_text(value, "speaker name", allow_empty=False)
        return self._header_person(value)

    def _header_person(self, value: str) -> Speaker | None:
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if not parts:
            return None
        name, rest = parts[0], parts[1:]
        if self.registry is not None:
            res = self.registry.resolve(name, create=True)
            speaker = None if res.ambiguous else res.speaker
        else:
            roles: tuple[str, ...] = ()
            organization = None
            if len(rest) >= 2:
                roles, organization = tuple(rest[:-1]), rest[-1]
            elif rest:
                if is_capital(first_letter(rest[0]) or "a"):
                    organization = rest[0]
                else:
                    roles = (rest[0],)
            speaker = Speaker(name, roles=roles, organization=organization, registered=False)
        if speaker is not None:
            self.by_key.setdefault(label_key(name), speaker)
        return speaker

    def mention(self, mention: str) -> Speaker | None:
        """Who a mention inside a turn names, if anyone known (never creates)."""
        key = label_key(mention)
        for prefix in ("the ", "a ", "an "):
            if key.startswith(prefix) and key[len(prefix) :] in self.by_key:
                key = key[len(prefix) :]
        if key in self.by_key:
            return self.by_key[key]
        if self.registry is not None:
            res = self.registry.resolve(mention)
            if res.speaker is not None and not res.ambiguous:
                return res.speaker
        return None


# --------------------------------------------------------------------------- transcripts


@attrs.frozen
class _Candidate:
    """A line that may start a turn."""

    label: str
    label_start: int
    label_end: int  # after the colon
    content: int | None  # where the words start, None when the label stands alone
    time: float | None
    strength: str  # "role", "strong", "weak"
    role: str | None


MARKER, EDITORIAL, TEXT, LABEL = "marker", "editorial", "text", "label"


class LabelInfo(NamedTuple):
    """What a label string is, worked out once per distinct string (a transcript repeats them)."""

    label: str
    key: str  # label_key(label)
    strength: str  # "role", "strong", "weak"
    role: str | None
    words: int


def _colon(text: str, p: int, limit: int) -> int:
    """The first label colon in ``text[p:limit]`` outside brackets ("Speaker 1 (00:01):"), or limit."""
    while p < limit:
        c1 = text.find(":", p, limit)
        c2 = text.find("：", p, limit)
        colon = min(c for c in (c1, c2, limit) if c >= 0)
        if colon >= limit:
            return limit
        opened = max(text.rfind("(", p, colon), text.rfind("[", p, colon))
        if opened < 0 or max(text.rfind(")", opened, colon), text.rfind("]", opened, colon)) >= 0:
            return colon
        closer = ")" if text[opened] == "(" else "]"
        close = text.find(closer, colon, limit)
        if close < 0:
            return limit
        p = close + 1
    return limit


def _label_candidate(
    text: str, start: int, end: int, speakers: LabelSpeakers
) -> tuple[_Candidate | None, str]:
    """Parse one line into ``(candidate or None, kind)``.

    ``kind`` is ``label`` (a candidate), ``marker`` (blank, a timestamp or a
    stage direction alone), ``editorial`` (``Note:``, ``Update:``...) or ``text``.
    """
    p = skip_space(text, start, end)
    if p >= end:
        return None, MARKER
    time = None
    m = _TS_PREFIX.match(text, p, end)
    if m and m.end() > p and (m.group(2) is not None):
        time = to_seconds(m.group(1), m.group(2), m.group(3), m.group(4))
        if _TS_ONLY.match(text, p, end):
            return None, MARKER
        p = m.end()
    d = STAGE_DIRECTION.match(text, p, end)
    if d and rskip_space(text, d.end(), end) == d.end():
        return None, MARKER
    limit = min(end, p + COLON_LOOKAHEAD)
    colon = _colon(text, p, limit)
    if colon >= limit:
        return None, TEXT
    if text[colon] == ":" and colon + 1 < end and not text[colon + 1].isspace():
        return None, TEXT  # "http://", "10:30"
    raw_end = rskip_space(text, p, colon)
    ts = _TS_SUFFIX.search(text, p, raw_end)
    if ts:
        raw_end = rskip_space(text, p, ts.start())
    label = text[p:raw_end]
    info = speakers.info(label)
    if not isinstance(info, LabelInfo):
        return None, info
    content = skip_space(text, colon + 1, end)
    has_text = content < end
    if not has_text and info.strength == "weak":
        return None, TEXT
    return (
        _Candidate(
            label, p, colon + 1, content if has_text else None, time, info.strength, info.role
        ),
        LABEL,
    )


def speaker_part(label: str) -> str:
    """The name in a label that adds a title after a comma ("MARCUS OHENE, TRANSIT CHIEF" is
    Marcus Ohene); a generational suffix stays ("JOHN G. ROBERTS, JR.").

    >>> speaker_part("MARCUS OHENE, TRANSIT CHIEF"), speaker_part("JOHN G. ROBERTS, JR.")
    ('MARCUS OHENE', 'JOHN G. ROBERTS, JR.')
    """
    head, sep, tail = label.partition(",")
    if not sep or tail.strip().rstrip(".").casefold() in NAME_SUFFIXES:
        return label
    return head.strip()


def _titled(label: str) -> bool:
    """An ALL-CAPS name, a comma, and a short ALL-CAPS title or suffix (TV news, court records)."""
    head, sep, tail = label.partition(",")
    letters = [c for c in label if c.isalpha()]
    return (
        bool(sep)
        and "," not in tail
        and bool(head.strip())
        and bool(tail.strip())
        and len(head.split()) <= _MAX_LABEL_WORDS
        and len(tail.split()) <= 6
        and bool(letters)
        and all(c.isupper() for c in letters)
    )


def _titled_surname(words: list[str]) -> bool:
    """Title words, then a surname in capitals: ``Mr. NUNN``, ``Attorney General MEESE``.

    >>> _titled_surname(["Mr.", "McFARLANE"]), _titled_surname(["Remember", "EMERSON"])
    (True, False)
    """
    return (
        2 <= len(words) <= 4
        and _CAPS_SURNAME.fullmatch(words[-1]) is not None
        and all(w.rstrip(".").casefold() in _TITLE_WORDS for w in words[:-1])
    )


def _label_info(label: str, speakers: LabelSpeakers) -> LabelInfo | str:
    """What the words before a line's colon are: a :class:`LabelInfo`, or ``text``/``editorial``."""
    titled = "," in label and _titled(label)
    if not label or not label[0].isalpha() or len(label) > (_MAX_LABEL_CHARS * 2 if titled else _MAX_LABEL_CHARS):
        return TEXT
    words = label.split()
    if (not titled and len(words) > _MAX_LABEL_WORDS) or any(
        ch in label for ch in ('"“”«»?!;[]{}<>=/\\|' if titled else '"“”«»?!;,[]{}<>=/\\|')
    ):
        return TEXT
    key = label_key(label)
    if key in NOT_LABELS and not speakers.knows(label):  # "URL:" is a label when URL is registered
        return EDITORIAL
    role = (
        "interviewer"
        if key in INTERVIEWER_LABELS
        else "interviewee"
        if key in INTERVIEWEE_LABELS
        else None
    )
    cased = [ch for ch in label if ch.isalpha() and (ch.isupper() or ch.islower())]
    if role is not None:
        strength = "role"
    elif (cased and all(ch.isupper() for ch in cased) and len(cased) >= 2) or (not cased):
        strength = "strong"  # ALL CAPS, or an uncased script such as 印奇
    elif speakers.knows(label):
        strength = "strong"
    elif _titled_surname(words):
        strength = "strong"  # "Mr. NUNN:", "Chairman INOUYE:": a hearing's, used once or not
    else:
        if not is_capital(first_letter(words[0])):
            return TEXT
        for w in words[1:]:
            first = first_letter(w)
            if not (is_capital(first) or first.isdigit() or w.casefold() in _NAME_PARTICLES):
                return TEXT
        strength = "weak"
    return LabelInfo(label, key, strength, role, len(words))


def line_candidate(
    text: str, start: int, end: int, speakers: LabelSpeakers
) -> tuple[str, LabelInfo | None, int, int, int, float | None]:
    """:func:`_label_candidate` as ``(kind, info, label_start, label_end, content, time)``.

    ``content`` is -1 for a label alone on its line; ``info`` is None unless ``kind`` is
    ``label``. A line that starts with a letter and has no bracket before its colon (most
    lines) is read here without building a :class:`_Candidate`; any other line goes through
    :func:`_label_candidate`. The two agree on every line (a property test checks it).
    """
    if start < end and text[start].isalpha():
        limit = min(end, start + COLON_LOOKAHEAD)
        colon = text.find(":", start, limit)
        wide = text.find("：", start, colon if colon >= 0 else limit)
        if wide >= 0:
            colon = wide
        if colon < 0:
            return TEXT, None, -1, -1, -1, None
        if text.find("(", start, colon) < 0 and text.find("[", start, colon) < 0:
            after = colon + 1
            if text[colon] == ":" and after < end and not text[after].isspace():
                return TEXT, None, -1, -1, -1, None  # "http://", "10:30"
            raw_end = colon
            if text[colon - 1] in LINE_SPACE or text[colon - 1].isspace():
                raw_end = rskip_space(text, start, colon)
            info = speakers.info(text[start:raw_end])
            if not isinstance(info, LabelInfo):
                return info, None, -1, -1, -1, None
            content = after
            while content < end and text[content] in LINE_SPACE:
                content += 1
            if content < end:
                return LABEL, info, start, after, content, None
            if info.strength == "weak":
                return TEXT, None, -1, -1, -1, None
            return LABEL, info, start, after, -1, None
    cand, kind = _label_candidate(text, start, end, speakers)
    if cand is None:
        return kind, None, -1, -1, -1, None
    info = speakers.info(cand.label)
    assert isinstance(info, LabelInfo)  # _label_candidate accepted it
    content = -1 if cand.content is None else cand.content
    return LABEL, info, cand.label_start, cand.label_end, content, cand.time


def is_header(role: str | None, key: str, content: int, text: str, line_end: int) -> bool:
    """``Interviewer: Jane Doe, Business Insider`` names the interviewer; it is not a turn.

    ``role``/``key`` are the label's (:class:`LabelInfo`), ``content`` where its words start (-1: none).
    """
    if role is None or content < 0 or key in {"q", "a"}:
        return False
    value = text[content:line_end].strip()
    name = value.split(",", 1)[0].strip()
    words = name.split()
    if not words or len(words) > 4 or name[-1:] in ".?!":
        return False
    return all(is_capital(first_letter(w)) or w.casefold() in _NAME_PARTICLES for w in words)


def head_info(head: str, resolver: LabelSpeakers) -> LabelInfo | str | None:
    """What a line that reads ``head + ": " + rest`` is, as far as ``head`` decides it.

    A :class:`~quoteverify._labels.LabelInfo` or ``text``/``editorial`` when ``head`` is a plain
    label candidate (starts with a letter, short, no colon or bracket), None when the line needs
    :func:`~quoteverify._labels.line_candidate`.
    """
    if (
        not head[:1].isalpha()
        or len(head) >= COLON_LOOKAHEAD
        or any(ch in head for ch in ":：([")
    ):
        return None
    return resolver.info(head[: rskip_space(head, 0, len(head))])
