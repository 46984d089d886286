"""Who speaks the matched words in a source, compared with who the story says spoke them.

:func:`attribute` looks at the turns that cover a located quote and returns an
:class:`~quoteverify.model.Attribution`:

* ``confirmed``: the covering turn's speaker is the claimed one (any alias or
  name form), or the claim names an organisation and the turn is that
  organisation speaking (its spokesperson, its statement), or the source has
  no turns and its ``speaker`` is the claimed one. Words the turn's speaker
  reads out from someone else (embedded speech) also confirm a claim for
  that someone else, and the message says they are second-hand.
* ``misattributed``: an *identified* speaker other than the claimed one
  speaks the words; the message names who. Identified means registered in
  ``speakers`` (or resolved through it: "ACLU" and "the mayor" are the
  registered organisation and person they stand for), given by the caller as
  a :class:`~quoteverify.model.Speaker`, or, with no registry, a personal
  name of two words or more written in the source. The claim must be
  identifiable too: "the group" in a story is nobody in particular.
* ``unattributed``: no comparison is possible, and the message says why: the
  source does not say who speaks there (narration, an unnamed ``Q:``/``A:``,
  an ambiguous label; "the source names no speakers" when it has no turns),
  the source's speaker is an unknown mention ("spoken by an unregistered
  'ACLU'"), the story's speaker is unclear (``claim_uncertain``), or there is
  no claim; ``speaker`` then still says who the source gives the words to,
  when it does. A mention the registry cannot place is never evidence that
  someone else spoke.

Turns are counted from 1 in messages ("turn 4" is ``source.turns[3]``).

>>> from quoteverify.model import Location
>>> from quoteverify.sources import parse_transcript
>>> src = parse_transcript("YIN QI: Thank you.\\nXIE YINAN: We don't have access to the data.")
>>> start = src.text.index("We don't")
>>> loc = Location(start, start + 20, src.text[start:start + 20], 1.0)
>>> a = attribute(loc, src, "Yin Qi")
>>> a.status
<AttributionStatus.MISATTRIBUTED: 'misattributed'>
>>> print(a.message)
Xie Yinan speaks these words (turn 2, label "XIE YINAN:" at 19-29), not Yin Qi.
"""

from __future__ import annotations

import bisect
from itertools import pairwise
from typing import TYPE_CHECKING

from ._labels import label_key
from .errors import check_text
from .model import (
    Attribution,
    AttributionStatus,
    EmbeddedSpeech,
    Location,
    Source,
    Span,
    Speaker,
    SpeakerKind,
    Turn,
)
from .speakers import acronym_of, name_key, same_speaker, speaker_matches
from .vocabulary import (
    INTERVIEWER_LABELS,
    MENTION_DETERMINERS,
    NAME_PARTICLES,
    SPOKESPERSON_ROLES,
    TITLES,
)

if TYPE_CHECKING:
    from .speakers import SpeakerRegistry

__all__ = ["attribute"]


def _check(location: object, source: object, claimed: object) -> None:
    if not isinstance(location, Location):
        msg = f"location must be a Location (got {location!r} that is a {type(location).__name__})"
        raise TypeError(msg)
    if not isinstance(source, Source):
        msg = f"source must be a Source (got {source!r} that is a {type(source).__name__})"
        raise TypeError(msg)
    if isinstance(claimed, str):
        check_text(claimed, "claimed speaker", allow_empty=False)
    elif claimed is not None and not isinstance(claimed, Speaker):
        kind = type(claimed).__name__
        msg = f"claimed must be a str, a Speaker or None (got {claimed!r} that is a {kind})"
        raise TypeError(msg)


def _pieces(location: Location) -> tuple[Span, ...]:
    if location.fragments:
        return location.fragments
    return (Span(location.start, location.end, location.text),)


def _covering(source: Source, pieces: tuple[Span, ...]) -> list[tuple[Turn, int]]:
    """The turns that share characters with ``pieces``, in source order, with the overlap."""
    turns = source.turns
    if not turns:
        return []
    starts = source.cached("turn_starts", lambda: [t.start for t in turns])
    overlap: dict[int, int] = {}
    for piece in pieces:
        i = max(0, bisect.bisect_right(starts, piece.start) - 1)
        while i < len(turns) and turns[i].start < max(piece.end, piece.start + 1):
            n = turns[i].span.overlap(piece)
            if n > 0 or (piece.length == 0 and turns[i].start <= piece.start < turns[i].end):
                overlap[i] = overlap.get(i, 0) + n
            i += 1
    return [(turns[i], overlap[i]) for i in sorted(overlap)]


def _same(a: Speaker | None, b: Speaker | None, registry: SpeakerRegistry | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or same_speaker(a, b, registry=registry)


def _org_name(claimed: str | Speaker, registry: SpeakerRegistry | None) -> str | None:
    """The organisation a claim names, if it may name one ("Megvii", an organisation speaker)."""
    if isinstance(claimed, Speaker):
        return claimed.name if claimed.kind is SpeakerKind.ORGANIZATION else None
    if registry is not None:
        res = registry.resolve(claimed)
        if res.speaker is not None and res.speaker.kind is SpeakerKind.ORGANIZATION:
            return res.speaker.name
        if res.speaker is not None:
            return None
    return claimed


def _speaks_for(who: Speaker, org: str, turn: Turn | None) -> bool:
    """Whether ``who`` (in ``turn``) is organisation ``org`` speaking, or its spokesperson."""
    key = name_key(org)
    if not key:
        return False
    if who.kind is SpeakerKind.ORGANIZATION:
        return any(name_key(n) == key for n in who.names)
    if who.organization is None or name_key(who.organization) != key:
        return False
    roles = {r.casefold() for r in who.roles}
    label = (turn.label or "").casefold() if turn is not None else ""
    return bool(roles & SPOKESPERSON_ROLES) or any(r in label for r in SPOKESPERSON_ROLES)


def _matches(
    who: Speaker, claimed: str | Speaker, turn: Turn | None, registry: SpeakerRegistry | None
) -> bool:
    if isinstance(claimed, Speaker) and claimed == who:
        return True
    if same_speaker(claimed, who, registry=registry):
        return True
    if isinstance(claimed, str) and registry is None and speaker_matches(who, claimed):
        return True
    org = _org_name(claimed, registry)
    return org is not None and _speaks_for(who, org, turn)


def _initials_match(who: Speaker, claimed: str | Speaker, turn: Turn | None) -> bool:
    """``FAA:`` for a claim of "Federal Aviation Administration": the initials of the claim."""
    written = [who.name]
    if turn is not None and turn.label:
        written.append(turn.label)
    wanted = {a for n in _names(claimed) if (a := acronym_of(n)) is not None}
    for w in written:
        word = w.strip().removeprefix("the ").removeprefix("The ").strip(" .:")
        if word and " " not in word and word.upper() in wanted:
            return True
    return False


def _names(value: str | Speaker) -> tuple[str, ...]:
    return value.names if isinstance(value, Speaker) else (value,)


def _name_shaped(name: str) -> bool:
    """A personal name of two words or more, as written ("Xie Yinan", "Paul D. Ryan").

    Not an acronym or a single word ("FAA", "Reyes": who they are needs a registry), not a
    description ("the utility", "a spokesperson"), and not an office ("The Vice President",
    "Madam Chairwoman": who held it needs a registry).
    """
    words = name.replace("\u2019", "'").split()
    if len(words) < 2 or words[0].casefold() in MENTION_DETERMINERS:
        return False  # one word, or an office: "THE VICE PRESIDENT:", "The Chairwoman."
    if all(w.strip(".,").casefold() in TITLES for w in words):
        return False  # titles alone: "Vice President", "Madam Chairwoman"
    capitalised = 0
    for w in words:
        core = w.strip(".,'()")
        if not core:
            continue
        if core[0].isupper() or not core[0].isalpha() or not core.isascii():
            capitalised += 1
        elif core.casefold() not in NAME_PARTICLES:
            return False
    return capitalised >= 2


def _identified(who: Speaker, turn: Turn | None, registry: SpeakerRegistry | None) -> bool:
    """Whether the source's speaker is someone known, so that a mismatch is evidence."""
    if turn is not None and turn.uncertain:
        return False
    if who.registered:
        return True  # registered, or given by the caller as who speaks
    if registry is not None:
        # a label the source read without the registry ("ELENA PARK:") is identified when
        # the registry places it; an organisation named as someone's employer is known too
        res = registry.resolve(who.name)
        found = res.speaker
        if found is None or res.guessed:
            return False  # "THE UTILITY:" may well be the only company known, or may not
        return found.registered or found in registry.organizations
    return _name_shaped(who.name)


def _claim_identified(claimed: str | Speaker, registry: SpeakerRegistry | None) -> bool:
    """Whether the story's claim names someone in particular (not "the group", not "ACLU")."""
    if isinstance(claimed, Speaker):
        return claimed.registered or _name_shaped(claimed.name)
    if registry is not None:
        res = registry.resolve(claimed)
        if res.speaker is not None:
            return res.speaker.registered or res.speaker in registry.organizations
        if res.ambiguous:
            return False
    text = claimed.strip()
    first = text.split()[0].casefold() if text.split() else ""
    if not text or first in MENTION_DETERMINERS:
        return False
    if " " not in text and text.isupper():
        return False  # "ACLU": whose initials, the registry would have to say
    return any(ch.isupper() for ch in text) or not text.isascii()


def _unknown_label(who: Speaker, turn: Turn | None) -> str:
    """How the source names a speaker it does not identify, as written."""
    if turn is not None and turn.label_span is not None:
        label = turn.label_span.text.strip().rstrip(":").strip()
    elif turn is not None and turn.label:
        label = turn.label.strip()
    else:
        label = who.name
    return label or who.name


def _name(value: str | Speaker) -> str:
    return value.name if isinstance(value, Speaker) else value


def _clock(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    text = f"{minutes:d}:{secs:06.3f}".rstrip("0").rstrip(".")
    return f"{hours:d}:{text}" if hours else text


def _describe(turn: Turn) -> str:
    """'turn 4, label "A:" at 120-122' -- how an editor finds the turn in the source."""
    n = turn.index + 1
    if turn.label_span is not None:
        lab = turn.label_span
        where = f'turn {n}, label "{lab.text}" at {lab.start}-{lab.end}'
    elif turn.label is not None:
        where = f'turn {n}, voice "{turn.label}" at {turn.start}-{turn.end}'
    else:
        where = f"turn {n} at {turn.start}-{turn.end}"
    if turn.start_time is not None:
        end = f"-{_clock(turn.end_time)}" if turn.end_time is not None else ""
        where += f", {_clock(turn.start_time)}{end} in the recording"
    return where


def _embedded_in(hits: list[tuple[Turn, int]], pieces: tuple[Span, ...]) -> list[EmbeddedSpeech]:
    return [
        emb
        for turn, _ in hits
        for emb in turn.embedded
        if any(emb.span.overlap(p) > 0 for p in pieces)
    ]


def _embedded_note(emb: EmbeddedSpeech, reader: Speaker | None) -> str:
    who = emb.speaker.name if emb.speaker is not None else (emb.mention or "someone else")
    cue = f' ("{emb.cue.text}" at {emb.cue.start}-{emb.cue.end})' if emb.cue is not None else ""
    reader_name = reader.name if reader is not None else "the speaker"
    return f"these are words {reader_name} attributes to {who}{cue}"


def attribute(
    location: Location,
    source: Source,
    claimed: str | Speaker | None,
    *,
    speakers: SpeakerRegistry | None = None,
    claim_uncertain: bool = False,
    claim_reason: str | None = None,
) -> Attribution:
    """Who speaks the words at ``location`` in ``source``, judged against ``claimed``.

    ``location.fragments`` (one span per ellipsis-separated piece) are used
    when present, else the whole match. See the module docstring for the
    statuses; the ``message`` is one sentence an editor can read.
    ``claim_uncertain`` says the story's own speaker is a guess (extraction
    was unsure, ``claim_reason`` says why): a different speaker in the
    source then makes the quote ``unattributed`` ("speaker unclear in the
    story"), never ``misattributed``.

    >>> from quoteverify.model import Location
    >>> from quoteverify.sources import parse_transcript
    >>> src = parse_transcript("MODERATOR: Why?\\nACLU: We will challenge this policy in court.")
    >>> start = src.text.index("We will")
    >>> a = attribute(Location(start, start + 7, "We will", 1.0), src, "Marcus Reyes")
    >>> a.status.value
    'unattributed'
    >>> a.message.startswith("Spoken by an unregistered 'ACLU'")
    True

    >>> from quoteverify.model import Location
    >>> src = Source("Technology is definitely not to blame.", speaker=Speaker("Yin Qi"))
    >>> a = attribute(Location(0, 10, "Technology", 1.0), src, "Qi Yin")
    >>> a.status
    <AttributionStatus.CONFIRMED: 'confirmed'>
    >>> a.message
    'Yin Qi speaks these words (the whole source), as claimed for Qi Yin.'
    """
    _check(location, source, claimed)
    pieces = _pieces(location)
    hits = _covering(source, pieces)
    turns = tuple(t for t, _ in hits)
    primary: Turn | None = max(hits, key=lambda h: h[1])[0] if hits else None
    if primary is not None:
        who = primary.speaker
    elif source.turns and source.speaker is None:
        who = None
    else:
        who = source.speaker
    if who is not None and not who.registered and speakers is not None:
        # a label the source read without the registry ("ACLU:") names the registered one
        placed = speakers.resolve(who.name)
        if placed.speaker is not None and not placed.guessed:
            who = placed.speaker
    crosses = any(not _same(a.speaker, b.speaker, speakers) for a, b in pairwise(turns))
    embedded = _embedded_in(hits, pieces)

    if primary is not None:
        where = _describe(primary)
    elif source.turns:
        where = f"narration at {location.start}-{location.end}, outside every turn"
    else:
        where = "the whole source"

    notes: list[str] = []
    if crosses:
        parts = [
            f"turn {t.index + 1} ({t.speaker.name if t.speaker else 'unknown'})"
            for t in turns
        ]
        notes.append("the match runs across " + " into ".join(parts))
    inner = _mostly_inside(embedded, pieces)
    if embedded:
        notes.append(_embedded_note(inner or embedded[0], who))
    tail = "".join(f"; {n}" for n in notes)

    def result(status: AttributionStatus, speaker: Speaker | None, message: str) -> Attribution:
        return Attribution(
            status,
            claimed=claimed,
            speaker=speaker,
            turn=primary,
            turns=turns,
            crosses_turns=crosses,
            embedded=tuple(embedded),
            message=message,
        )

    if (
        claimed is not None
        and inner is not None
        and inner.speaker is not None
        and _matches(inner.speaker, claimed, None, speakers)
    ):
        reader = who.name if who is not None else "the speaker"
        msg = (
            f"{inner.speaker.name} said these words as read out by {reader} ({where}); "
            "they are second-hand"
        )
        if crosses:
            msg += "; " + notes[0]
        return result(AttributionStatus.CONFIRMED, inner.speaker, msg + ".")

    if who is None:
        if primary is not None and primary.label:
            label = primary.label_span.text if primary.label_span else primary.label
            msg = f'The source does not say who "{label}" is ({where})'
            if label_key(primary.label) in INTERVIEWER_LABELS and claimed is not None:
                msg = (
                    f'These words are a question put by an unnamed interviewer or reporter '
                    f'("{label}", {where}), not an answer by the person named'
                )
        elif not source.turns:
            msg = "The source names no speakers, so who said these words cannot be checked"
        else:
            msg = f"The source does not say who speaks these words ({where})"
        return result(AttributionStatus.UNATTRIBUTED, None, msg + tail + ".")
    if claimed is None:
        msg = f"The story names no speaker; in the source {who.name} speaks these words ({where})"
        return result(AttributionStatus.UNATTRIBUTED, who, msg + tail + ".")
    if _matches(who, claimed, primary, speakers) or (
        speakers is None and _initials_match(who, claimed, primary)
    ):
        msg = f"{who.name} speaks these words ({where})"
        if name_key(who.name) != name_key(_name(claimed)):
            msg = f"{who.name} speaks these words ({where}), as claimed for {_name(claimed)}"
        if primary is not None and primary.uncertain:
            msg += " (the source's own attribution is a guess)"
        return result(AttributionStatus.CONFIRMED, who, msg + tail + ".")
    if claim_uncertain:
        why = f": {claim_reason}" if claim_reason else ""
        msg = (
            f"Speaker unclear in the story (it may be {_name(claimed)}{why}); "
            f"in the source {who.name} speaks these words ({where})"
        )
        return result(AttributionStatus.UNATTRIBUTED, who, msg + tail + ".")
    if not _identified(who, primary, speakers):
        label = _unknown_label(who, primary)
        guess = primary is not None and primary.uncertain
        msg = (
            f"Spoken by {'a guessed' if guess else 'an unregistered'} '{label}' ({where}): "
            f"not evidence either way that {_name(claimed)} said them"
        )
        return result(AttributionStatus.UNATTRIBUTED, who, msg + tail + ".")
    if not _claim_identified(claimed, speakers):
        msg = (
            f"{who.name} speaks these words ({where}); the story's '{_name(claimed)}' "
            "names nobody the registry knows, so it cannot be compared"
        )
        return result(AttributionStatus.UNATTRIBUTED, who, msg + tail + ".")
    msg = f"{who.name} speaks these words ({where}), not {_name(claimed)}"
    return result(AttributionStatus.MISATTRIBUTED, who, msg + tail + ".")


def _mostly_inside(
    embedded: list[EmbeddedSpeech], pieces: tuple[Span, ...]
) -> EmbeddedSpeech | None:
    """The embedded speech that holds at least half of the matched characters, if any."""
    total = sum(p.length for p in pieces)
    for emb in embedded:
        inside = sum(emb.span.overlap(p) for p in pieces)
        if total and inside * 2 >= total:
            return emb
    return None
