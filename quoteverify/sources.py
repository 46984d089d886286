"""Parse sources into turns: plain text, ``NAME:`` and ``Q:``/``A:`` transcripts, WebVTT, SRT.

Every parser returns a :class:`~quoteverify.model.Source` whose ``turns`` are
sorted, never overlap, and whose spans index ``Source.text`` exactly. Each
turn's ``span`` covers the spoken words only; the ``NAME:`` label, when it is
part of the text, is ``label_span`` (colon included).

Choices made here (the issue leaves them open):

* **Transcripts keep their text as given**: ``Source.text`` is the input
  string, unchanged. A paragraph with no label continues the previous turn.
  Text before the first label (a title, a dateline) is narration: no turn.
  A transcript with no labels at all gives a Source with no turns.
* **Stage directions** -- ``(laughs)``, ``[crosstalk]``, ``[inaudible 00:12:03]``
  -- stay in the text. Leading and trailing ones are trimmed off a turn's
  span; one inside a turn stays inside it (turns are contiguous). A line that
  is only a stage direction or a timestamp never starts or extends a turn.
  :func:`stage_directions` marks them all.
* **Labels** must start a line, be short (at most 5 words / 40 characters),
  have a letter, and be followed by text (an ASCII colon needs a space after
  it, so ``http://x`` and ``10:30`` are not labels). ALL-CAPS labels, labels
  in uncased scripts (印奇), ``Q``/``A``/``Interviewer``/``Interviewee`` and
  names the registry knows are always labels; a Title-Case label must occur
  twice, or have two or more words in a text that has other labels, or open
  the text. Common prose prefixes (``Note:``, ``Update:``, ``Photo:``) never
  are. An ALL-CAPS label may stand alone on its line, the words following.
* **Speakers**: labels resolve through the registry
  (``resolve(label, create=True)``) so ``XIE:`` and ``Xie Yinan:`` are one
  speaker; an ambiguous label gets no speaker (its label is kept). Without a
  registry, equal labels share one ``Speaker(label, registered=False)``
  (ALL-CAPS Latin labels are title-cased: ``XIE YINAN`` -> ``Xie Yinan``).
  ``Q``/``A`` turns get the interviewer/interviewee when named (by header
  lines ``Interviewer: Jane Doe, Business Insider`` or the arguments), else
  no speaker.
* **Captions**: ``Source.text`` is the joined caption text (markup and tags
  stripped, entities decoded), one cue per line (one line per voice when a
  cue holds several), because that is what quotes match against; the raw
  file is not kept. Each cue (or voice within a cue) is a turn with
  ``start_time``/``end_time`` in seconds; ``merge=True`` merges consecutive
  cues of the same known speaker (a cue that repeats a ``NAME:`` prefix still
  starts a new turn), keeping the first start and the last end. A caption
  ``NAME:`` carries over to later cues until another name or a ``-``/``>>``
  speaker-change marker; a WebVTT voice applies to its own cue only.
  Malformed or missing timings raise :class:`~quoteverify.errors.ParseError`
  naming the 1-based line. Overlapping cues keep file order.
* **Nested speech**: quoted passages with a speech cue ("As critics put it,
  '...'", "X said '...'", "'...,' X said", "and I quote"), "quote ...
  unquote", and questions read back ("You asked me whether ...", "The
  question was: ...") become :class:`~quoteverify.model.EmbeddedSpeech` on
  the turn. A speaker quoting themselves ("I said, '...'") is not embedded.

>>> src = parse_transcript("XIE YINAN: We don't have access to the data.")
>>> src.turns[0].speaker.name, src.turns[0].span.text
('Xie Yinan', "We don't have access to the data.")
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from itertools import accumulate, chain, compress, repeat
from operator import add, getitem
from typing import TYPE_CHECKING, Any

import attrs
import regex  # type: ignore[import-untyped,unused-ignore]

from ._captions import parse_captions
from ._labels import (
    COLON_LOOKAHEAD,
    EDITORIAL,
    LABEL,
    MARKER,
    TEXT,
    LabelInfo,
    LabelSpeakers,
    head_info,
    is_header,
    line_candidate,
    rskip_space,
    skip_space,
    trim_directions,
)
from ._layouts import CHAMBER_LABEL, LAYOUTS, FormatGuess, find_headers, guess_layout
from ._speech import embed_candidates, embedded_on_demand, find_embedded
from ._text import LINE_SPACE, STAGE_DIRECTION, alternation
from ._turns import LAZY_FROM, LazyTurns, TurnColumns
from .errors import InvalidInputError, ParseError, check_text
from .extraction import extract_quotes, parse_article
from .model import Source, Span, Speaker, Turn
from .vocabulary import (
    PARLIAMENT_HONORIFICS,
    RECORD_HONORIFICS,
    RELEASE_MARKERS,
    TABLE_END_COLUMNS,
    TABLE_SPEAKER_COLUMNS,
    TABLE_START_COLUMNS,
    TABLE_TEXT_COLUMNS,
)

if TYPE_CHECKING:
    import datetime as _dt

    from .speakers import SpeakerRegistry

__all__ = [
    "FormatGuess",
    "detect_format",
    "parse_auto",
    "parse_layout",
    "parse_numbered",
    "parse_plain",
    "parse_srt",
    "parse_table",
    "parse_transcript",
    "parse_webvtt",
    "stage_directions",
]

def stage_directions(source: Source | str) -> tuple[Span, ...]:
    """Where the stage directions are: ``(laughs)``, ``[crosstalk]``, ``[inaudible 00:12:03]``.

    They stay in the text and inside turns; this marks where they are.

    >>> [s.text for s in stage_directions("XIE: Sure. (laughs) [crosstalk] We sell servers.")]
    ['(laughs)', '[crosstalk]']
    """
    text = source.text if isinstance(source, Source) else check_text(source, "text")
    return tuple(Span(m.start(), m.end(), m.group()) for m in STAGE_DIRECTION.finditer(text))


# --------------------------------------------------------------------------- plain text


def parse_plain(
    text: str,
    *,
    speaker: Speaker | str | None = None,
    speakers: SpeakerRegistry | None = None,
    title: str | None = None,
    url: str | None = None,
    published: _dt.date | None = None,
) -> Source:
    """A statement or speech with one optional speaker for the whole text.

    With a speaker, the source has one turn over the trimmed text; without, none.

    >>> src = parse_plain("  Technology is definitely not to blame.\\n", speaker="Yin Qi")
    >>> src.turns[0].span.text, src.speaker_at(5).name
    ('Technology is definitely not to blame.', 'Yin Qi')
    """
    check_text(text, "source text")
    if isinstance(speaker, str):
        check_text(speaker, "speaker", allow_empty=False)
        resolver = LabelSpeakers(speakers)
        speaker = resolver.label(speaker) if speakers is not None else Speaker(speaker.strip())
    elif speaker is not None and not isinstance(speaker, Speaker):
        kind = type(speaker).__name__
        msg = f"speaker must be a Speaker, a str or None (got {speaker!r} that is a {kind})"
        raise TypeError(msg)
    turns: tuple[Turn, ...] = ()
    if speaker is not None:
        s = skip_space(text, 0, len(text))
        while s < len(text) and text[s].isspace():
            s += 1
        e = rskip_space(text, s, len(text))
        if e > s:
            embedded = find_embedded(
                text, s, e, own=speaker, speakers=LabelSpeakers(speakers), addressee=None
            )
            turns = (Turn(Span.of(text, s, e), speaker=speaker, embedded=embedded),)
    return Source(
        text,
        speaker=speaker,
        title=title,
        url=url,
        published=published,
        turns=turns,
        format="plain",
    )

def parse_transcript(
    text: str,
    *,
    speakers: SpeakerRegistry | None = None,
    interviewer: Speaker | str | None = None,
    interviewee: Speaker | str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: _dt.date | None = None,
) -> Source:
    """A ``NAME: words`` transcript or a ``Q:``/``A:`` interview, split into turns.

    ``Source.text`` is ``text`` unchanged; see the module docstring for the rules.
    A text with no labels is a Source with no turns.

    >>> src = parse_transcript(
    ...     "Interviewer: Jane Doe, Business Insider\\n"
    ...     "Interviewee: Xie Yinan, vice president, Megvii\\n\\n"
    ...     "Q: Do you know what the police do with it?\\n"
    ...     "A: We don't have access to the data.\\n")
    >>> [(t.label, t.speaker.name) for t in src.turns]
    [('Q', 'Jane Doe'), ('A', 'Xie Yinan')]
    >>> src.turns[1].speaker.organization
    'Megvii'
    """
    check_text(text, "transcript")
    resolver = LabelSpeakers(speakers)
    roles: dict[str, Speaker | None] = {
        "interviewer": resolver.person(interviewer),
        "interviewee": resolver.person(interviewee),
    }

    columns = _transcript_columns(text, resolver, roles)
    return _source(
        text,
        columns,
        title=title,
        url=url,
        published=published,
        format="transcript",
    )


def _transcript_columns(
    text: str, resolver: LabelSpeakers, roles: dict[str, Speaker | None], *, fast: bool = True
) -> TurnColumns:
    """The turns of a transcript as columns (``roles`` gains the interview parties named in it).

    With ``fast``, a text of regular ``Label: words`` lines is read in bulk
    (:func:`_regular_transcript`) and the other lines by their text before ``": "``; without,
    every line goes through :func:`~quoteverify._labels.line_candidate`. Both give the same
    turns (a property test checks it).
    """
    if fast:
        columns = _regular_transcript(text, resolver, roles)
        if columns is not None:
            return columns
    lines, label_counts, infos, first_content = _transcript_lines(text, resolver, roles, fast=fast)
    accepted = _accepted(label_counts, infos, len(lines))
    once = {
        label for label, n in label_counts.items()
        if n == 1 and accepted[label] and infos[label].strength != "strong"
    }
    if once:
        # A label written once inside running prose is the prose's own words: where every other
        # label is in capitals ("THE PRESIDENT:"), as official transcripts write them, a
        # "Remember Emerson:" after a paragraph; anywhere, a line that carries on the sentence of
        # the line above ("… the team of" / "President Biden: I'm very happy …").
        cases = [_letter_case(label) for label in infos if accepted[label] and label not in once]
        caps = "upper" in cases and "mixed" not in cases
        previous: _Line | None = None
        for line in lines:
            label = line[4]
            prose = previous is not None and (
                previous[3] == TEXT or (previous[4] is not None and not accepted[previous[4]])
            )
            if label in once and prose and (
                (caps and infos[label].strength == "weak" and not label[-1].isdigit())  # not "Speaker 1"
                or (previous is not None and previous[0] == line[0] - 1 and _continues_prose(text, line[1]))
            ):
                accepted[label] = False
            previous = line
    return _transcript_turns(
        text,
        lines,
        accepted=accepted,
        infos=infos,
        first_content=first_content,
        resolver=resolver,
        roles=roles,
    )


def _letter_case(label: str) -> str:
    """``upper`` (every cased letter a capital), ``mixed``, or ``none`` (an uncased script)."""
    cased = [ch for ch in label if ch.isupper() or ch.islower()]
    if not cased:
        return "none"
    return "upper" if all(ch.isupper() for ch in cased) else "mixed"


def _continues_prose(text: str, start: int) -> bool:
    """Whether the line at ``start`` carries on a sentence of the line just above it.

    A line wrapped in running prose ("the team of" / "President Biden: I'm very happy") looks
    like a label once; a turn's label follows a blank line or a finished sentence.
    """
    if start == 0:
        return False
    above = text[text.rfind("\n", 0, start - 1) + 1 : start - 1].rstrip(" \t\r\u00a0")
    return bool(above) and (above[-1].isalnum() or above[-1] in ",;-–—(")


def _accepted(
    label_counts: dict[str, int], infos: dict[str, LabelInfo], lines: int = 0
) -> dict[str, bool]:
    """Which labels start turns: all but a weak one that neither repeats nor has company.

    Company: a strong label, a repeated one, or (in a text of ``lines`` non-blank lines, at
    least half of them labelled) two distinct labels or more, so ``Jane Doe: ...`` then
    ``John Smith: ...`` are two speakers. (A weak label on the first line starts a turn
    anyway; the caller sees to that.)
    """
    if lines and len(infos) >= 2 and 2 * sum(label_counts.values()) >= lines:
        return dict.fromkeys(infos, True)
    key_counts: dict[str, int] = {}
    for label, n in label_counts.items():
        key = infos[label].key
        key_counts[key] = key_counts.get(key, 0) + n
    strong_exists = any(
        info.strength != "weak" or key_counts[info.key] >= 2 for info in infos.values()
    )
    return {
        label: info.strength != "weak"
        or key_counts[info.key] >= 2
        or (info.words >= 2 and strong_exists)
        for label, info in infos.items()
    }


_QA = frozenset({"q", "a"})  # role labels that never make a header line


def _regular_transcript(
    text: str, resolver: LabelSpeakers, roles: dict[str, Speaker | None]
) -> TurnColumns | None:
    """The turns of a text whose every line is a regular ``Label: words`` line, found in bulk.

    Regular: blank, or a label (no colon in it) followed by ``": "`` and words that neither
    start nor end with a space or a bracket (nothing to trim). Each such line is one turn
    over its words, so the columns come from C-level maps over the lines rather than a
    Python loop; the checks look at each distinct label, first and last character once.
    None (read the text line by line) when some line is not regular, a label is not
    accepted or is an interview role that may name a party.
    """
    bodies = text.splitlines()
    keep = None if all(bodies) else list(map(bool, bodies))  # blank lines are markers
    if keep is not None:
        bodies = list(compress(bodies, keep))
    colons = list(map(str.find, bodies, repeat(": ")))
    if not bodies or -1 in colons:
        return None
    try:
        firsts: set[str] = set(map(getitem, bodies, map(add, colons, repeat(2))))
    except IndexError:  # a line ends with ": "
        return None
    lasts: set[str] = set(map(getitem, bodies, repeat(-1)))
    if any(ch in LINE_SPACE or ch in "[(" or ch.isspace() for ch in firsts) or any(
        ch in LINE_SPACE or ch in ")]" or ch.isspace() for ch in lasts
    ):
        return None
    heads: list[str] = list(map(getitem, bodies, map(slice, colons)))
    infos: dict[str, LabelInfo] = {}  # label -> info
    label_of: dict[str, str] = {}  # head -> label
    for head in dict.fromkeys(heads):  # in order of first appearance, as line by line
        info = head_info(head, resolver)
        if not isinstance(info, LabelInfo) or (info.role is not None and info.key not in _QA):
            return None
        infos.setdefault(info.label, info)
        label_of[head] = info.label
    label_counts: dict[str, int] = {}
    for head, n in Counter(heads).items():
        label_counts[label_of[head]] = label_counts.get(label_of[head], 0) + n
    if not all(_accepted(label_counts, infos, len(bodies)).values()):
        return None
    speaker_of: dict[str, Speaker | None] = {}
    for label, info in infos.items():
        speaker_of[label] = roles.get(info.role) if info.role else resolver.label(label)
    labels = list(map(label_of.__getitem__, heads))
    del heads
    starts = list(accumulate(map(len, text.splitlines(keepends=True)), initial=0))
    if keep is None:
        starts.pop()
    else:
        starts = list(compress(starts, keep))
    colon_at = list(map(add, starts, colons))
    columns = TurnColumns(text)
    columns.fill(
        list(map(add, colon_at, repeat(2))),
        list(map(add, starts, map(len, bodies))),
        speakers=list(map(speaker_of.__getitem__, labels)),
        labels=list[str | None](labels),
        label_starts=starts,
        label_ends=list(map(add, colon_at, repeat(1))),
    )
    _transcript_embedded(text, columns, resolver, roles, infos)
    return columns


def _transcript_embedded(
    text: str,
    columns: TurnColumns,
    resolver: LabelSpeakers,
    roles: dict[str, Speaker | None],
    infos: dict[str, LabelInfo],
) -> None:
    """Find each turn's embedded speech, where there may be some (an answer's ``you`` is the
    interviewer when named, else the last other speaker)."""
    interviewer = roles.get("interviewer")
    answers = {label for label, info in infos.items() if info.role == "interviewee"}
    starts, ends, labels = columns.starts, columns.ends, columns.labels
    for k, other in embed_candidates(text, columns):
        addressee = interviewer if interviewer is not None and labels[k] in answers else other
        embedded = find_embedded(
            text, starts[k], ends[k], own=columns.speakers[k], speakers=resolver, addressee=addressee
        )
        if embedded:
            columns.embedded[k] = embedded


#: One classified transcript line (see :func:`_transcript_lines`).
_Line = tuple[int, int, int, str, "str | None", int, int, int, "float | None"]
BREAK = "break"
_END: _Line = (-1, 0, 0, BREAK, None, -1, -1, -1, None)  # closes the last turn
_UNSEEN = object()


def _transcript_lines(
    text: str, resolver: LabelSpeakers, roles: dict[str, Speaker | None], *, fast: bool = True
) -> tuple[list[_Line], dict[str, int], dict[str, LabelInfo], int]:
    """Classify every line; return the non-marker ones, label counts and infos, the first one's number.

    Each kept line is ``(line, start, end, kind, label, label start, label end, content, time)``:
    atomic values only, so the garbage collector stops tracking a million of them at once.
    Header and editorial lines are kind ``BREAK``: they end a turn and are narration. Header
    lines name the interviewer/interviewee in ``roles``.

    ``fast`` reads a regular ``Label: words`` line by its text before ``": "``, looked up once
    per distinct string (:func:`head_info`), and a line with no colon near its start as text;
    every other line, and every line when ``fast`` is false, goes through
    :func:`~quoteverify._labels.line_candidate`. Both give the same lines (a property test checks it).
    """
    lines: list[_Line] = []
    append = lines.append
    label_counts: dict[str, int] = {}  # label as written -> lines (headers not counted)
    infos: dict[str, LabelInfo] = {}
    first_content = -1
    heads: dict[str, object] = {}  # text before ": " -> head_info
    offsets = accumulate(map(len, text.splitlines(keepends=True)), initial=0)
    for i, (s, body) in enumerate(zip(offsets, text.splitlines(), strict=False)):
        if not body:
            continue  # a blank line is a marker
        e = s + len(body)
        head_kind: object = None
        if fast:
            head, sep, rest = body.partition(": ")
            if sep:
                head_kind = heads.get(head, _UNSEEN)
                if head_kind is _UNSEEN:
                    head_kind = heads[head] = head_info(head, resolver)
            elif (
                body[0].isalpha()
                and body.find(":", 0, COLON_LOOKAHEAD) < 0
                and body.find("：", 0, COLON_LOOKAHEAD) < 0
            ):
                head_kind = TEXT  # what line_candidate says of a line with no colon to read
        if head_kind is None:
            kind, info, ls, le, content, time = line_candidate(text, s, e, resolver)
            if kind is MARKER:
                continue
        elif isinstance(head_kind, LabelInfo):
            info, ls, le, time = head_kind, s, s + len(head) + 1, None
            if rest and rest[0] not in LINE_SPACE:
                kind, content = LABEL, le + 1
            else:
                words = rest.lstrip(LINE_SPACE)
                if words:
                    kind, content = LABEL, e - len(words)
                elif info.strength == "weak":
                    kind, info = TEXT, None
                else:
                    kind, content = LABEL, -1
        else:
            kind, info = head_kind, None  # type: ignore[assignment]
        if first_content < 0:
            first_content = i
        if info is None:
            append((i, s, e, BREAK if kind is EDITORIAL else TEXT, None, -1, -1, -1, None))
            continue
        if info.role is not None and is_header(info.role, info.key, content, text, e):
            if roles.get(info.role) is None:
                roles[info.role] = resolver.person(text[content:e])
            append((i, s, e, BREAK, None, -1, -1, -1, None))
            continue
        label = info.label
        append((i, s, e, LABEL, label, ls, le, content, time))
        n = label_counts.get(label)
        if n is None:
            infos[label] = info
            label_counts[label] = 1
        else:
            label_counts[label] = n + 1
    return lines, label_counts, infos, first_content


def _transcript_turns(
    text: str,
    lines: list[_Line],
    *,
    accepted: dict[str, bool],
    infos: dict[str, LabelInfo],
    first_content: int,
    resolver: LabelSpeakers,
    roles: dict[str, Speaker | None],
) -> TurnColumns:
    """Group the classified lines into turns: an accepted label opens one, text extends it.

    One loop with the open turn in local variables; the finished turns are plain
    ``(start, end, label, label start, label end, time)`` tuples, turned into columns at the end.
    """
    rows: list[tuple[int, int, str, int, int, float | None]] = []
    speaker_of: dict[str, Speaker | None] = {}  # label as written -> speaker
    label: str | None = None  # the open turn's label (None: no open turn)
    label_start = label_end = content = end = 0
    time: float | None = None
    for i, s, e, kind, written, ls, le, c, t in chain(lines, (_END,)):
        opens = written is not None and (accepted[written] or i == first_content)
        if opens or kind is BREAK:
            if label is not None and 0 <= content < end:
                a, b = content, end
                first, last = text[a], text[b - 1]
                if first in LINE_SPACE or first in "[(" or last in ")]" or last in LINE_SPACE or last.isspace():
                    a, b = trim_directions(text, a, b)
                if a < b:
                    rows.append((a, b, label, label_start, label_end, time))
            label = None
            if not opens:
                continue
            assert written is not None
            if written not in speaker_of:
                role = infos[written].role
                speaker_of[written] = roles.get(role) if role else resolver.label(written)
            label, label_start, label_end, content, time = written, ls, le, c, t
            end = e
            last = text[e - 1]
            if last in LINE_SPACE or last.isspace():
                end = rskip_space(text, s, e)
        elif label is not None:
            if content < 0:
                content = skip_space(text, s, e)
            end = rskip_space(text, s, e)
    columns = TurnColumns(text)
    if rows:
        starts, ends, labels, label_starts, label_ends, times = map(list, zip(*rows, strict=True))
        columns.fill(
            starts,
            ends,
            speakers=list(map(speaker_of.__getitem__, labels)),
            labels=labels,
            label_starts=label_starts,
            label_ends=label_ends,
            start_times=times,
        )
    _transcript_embedded(text, columns, resolver, roles, infos)
    return columns


def _source(
    text: str,
    columns: TurnColumns,
    *,
    title: str | None,
    url: str | None,
    published: _dt.date | None,
    format: str,
) -> Source:
    turns = columns.freeze()
    src = Source(text, title=title, url=url, published=published, turns=turns, format=format)
    if isinstance(turns, LazyTurns):
        # What Source.turn_at (and attribution, drift) bisect: without this they would build
        # every turn to read its start.
        src.cached("turn_starts", lambda: turns.starts)
    return src


def parse_webvtt(
    text: str,
    *,
    speakers: SpeakerRegistry | None = None,
    merge: bool = False,
    title: str | None = None,
    url: str | None = None,
    published: _dt.date | None = None,
) -> Source:
    """WebVTT captions: one turn per cue (per voice), with ``<v Speaker>`` voices and timings.

    ``Source.text`` is the caption text, one cue per line, tags stripped.
    Missing or malformed timings raise :class:`~quoteverify.errors.ParseError`.

    >>> src = parse_webvtt('''WEBVTT
    ...
    ... 1
    ... 00:00:01.000 --> 00:00:04.500
    ... <v Xie Yinan>We don't have access to the data.
    ... ''')
    >>> t = src.turns[0]
    >>> t.speaker.name, t.span.text, t.start_time, t.end_time
    ('Xie Yinan', "We don't have access to the data.", 1.0, 4.5)
    """
    return parse_captions(
        text,
        webvtt=True,
        speakers=speakers,
        merge=merge,
        title=title,
        url=url,
        published=published,
    )


def parse_srt(
    text: str,
    *,
    speakers: SpeakerRegistry | None = None,
    merge: bool = False,
    title: str | None = None,
    url: str | None = None,
    published: _dt.date | None = None,
) -> Source:
    """SRT subtitles: one turn per cue (per ``- NAME:`` line), with timings.

    A ``NAME:`` prefix names the speaker until another name or a ``-``/``>>``
    speaker-change marker. ``Source.text`` is the subtitle text, one cue per
    line, tags stripped.

    >>> src = parse_srt('''1
    ... 00:00:01,000 --> 00:00:03,000
    ... XIE YINAN: What we do is sell them a server.
    ...
    ... 2
    ... 00:00:03,000 --> 00:00:04,000
    ... That's all.
    ... ''')
    >>> [(t.speaker.name, t.span.text, t.start_time) for t in src.turns]
    [('Xie Yinan', 'What we do is sell them a server.', 1.0), ('Xie Yinan', "That's all.", 3.0)]
    >>> src.text
    "XIE YINAN: What we do is sell them a server.\\nThat's all."
    """
    return parse_captions(
        text,
        webvtt=False,
        speakers=speakers,
        merge=merge,
        title=title,
        url=url,
        published=published,
    )


# --------------------------------------------------------------------------- layouts

_WITNESS = regex.compile(
    r"^[ \t]*(?:(?:THE[ \t]+)?WITNESS:[ \t]*(?P<w1>[^\n]{2,60}?)[ \t]*$"
    r"|(?P<w2>\p{Lu}[\p{Lu}\p{M}.'’\- ]{2,60}?),?[ \t]*\n[ \t]*(?:having[ \t]+been|called[ \t]+as|"
    r"a[ \t]+witness))",
    regex.M,
)
_TITLE_WORD = regex.compile(
    rf"^(?:(?:{alternation(PARLIAMENT_HONORIFICS)})\.?[ \t]+)?(?:{alternation(RECORD_HONORIFICS)})\.?[ \t]+"
    rf"|^(?:{alternation(PARLIAMENT_HONORIFICS)})\.?[ \t]+"
)
_CHAMBER = regex.compile(rf"(?:{CHAMBER_LABEL})\Z")


def _layout_name(layout: str, label: str) -> str:
    """The name to resolve for a header's label in ``layout`` (offices and brackets aside)."""
    if layout == "earnings":
        return regex.split(r"[ \t]+(?:--|–|—|-)[ \t]+", label, maxsplit=1)[0]
    if layout == "congressional":  # "Mr. OKAFOR", "The PRESIDING OFFICER": the Record's capitals
        return regex.sub(r"\p{Lu}[\p{Lu}\-]+", lambda m: m.group().capitalize(), label)  # O'CONNOR: O'Connor
    if layout == "hearing":  # "Mr. Garcia of Illinois": the state tells two members apart, not who
        return regex.sub(r"[ \t\u00a0]+of[ \t\u00a0].*\Z", "", label)
    if layout == "hansard":
        name = label.split("(", 1)[0].strip()
        return _TITLE_WORD.sub("", name) if not name.startswith("The ") else name
    return label


def parse_layout(
    text: str,
    layout: str,
    *,
    speakers: SpeakerRegistry | None = None,
    title: str | None = None,
    url: str | None = None,
    published: _dt.date | None = None,
) -> Source:
    """A transcript in one of the layouts of :data:`quoteverify._layouts.LAYOUTS` (``rev``,
    ``otter``, ``congressional``, ``hearing``, ``hansard``, ``deposition``, ``earnings``, ``briefing``).

    Each turn runs from its header's words to the next header; ``Source.text`` is ``text``
    unchanged. Reporters' ``Q`` lines in a briefing have no speaker (never the official's);
    a deposition's ``Q.`` is the examining attorney of the last ``BY MR. X:`` line and its
    ``A.`` the witness named in the header; "The Prime Minister (Helen Carradine)" in
    Hansard makes later "The Prime Minister" lines hers.

    >>> src = parse_layout("Dana Roe: (00:02)\\nWe will not cut the buses.\\n\\n"
    ...                    "Al Poe: (00:09)\\nRiders have heard that.\\n", "rev")
    >>> [(t.speaker.name, t.span.text, t.start_time) for t in src.turns]
    [('Dana Roe', 'We will not cut the buses.', 2.0), ('Al Poe', 'Riders have heard that.', 9.0)]
    """
    check_text(text, "transcript")
    if layout not in LAYOUTS:
        msg = f"unknown layout {layout!r} (expected one of {sorted(LAYOUTS)})"
        raise InvalidInputError(msg)
    resolver = LabelSpeakers(speakers)
    headers = find_headers(text, layout)
    witness: Speaker | None = None
    if layout == "deposition":
        m = _WITNESS.search(text)
        if m is not None:
            witness = resolver.label((m.group("w1") or m.group("w2")).strip().rstrip(","))
    examiner: Speaker | None = None
    offices: dict[str, Speaker | None] = {}  # Hansard: "the prime minister" -> who holds it
    starts: list[int] = []
    ends: list[int] = []
    speakers_col: list[Speaker | None] = []
    labels: list[str | None] = []
    label_starts: list[int] = []
    label_ends: list[int] = []
    times: list[float | None] = []
    n = len(text)
    for k, h in enumerate(headers):
        if h.role == "by":
            examiner = resolver.label(h.label)
            continue
        # up to the line of the next header (an examiner's "BY MR. X:" line included)
        stop = max(h.content, text.rfind("\n", 0, headers[k + 1].label_start) + 1) if k + 1 < len(headers) else n
        a, b = h.content, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b and (text[a] in "[(" or text[b - 1] in ")]"):
            a, b = trim_directions(text, a, b)
        if a >= b:
            continue
        speaker: Speaker | None
        if h.role == "question":
            speaker = None  # a reporter's question, never the official's
        elif h.role == "examiner":
            speaker = examiner
        elif h.role == "witness":
            speaker = witness
        elif layout == "hansard":
            office, _, rest = h.label.partition("(")
            office = office.strip()
            held = rest.split(")", 1)[0].strip() if rest else ""
            if _CHAMBER.match(office):
                speaker = None  # "Some hon. members": the chamber, no one person
            elif office.startswith("The "):
                if held:  # "(Helen Carradine)", "(Mrs. Delia Brandt)": the holder, by name
                    offices[office.casefold()] = resolver.label(_TITLE_WORD.sub("", held))
                speaker = offices.get(office.casefold()) or resolver.label(office)
            else:
                speaker = resolver.label(_layout_name(layout, h.label))
        else:
            speaker = resolver.label(_layout_name(layout, h.label))
        starts.append(a)
        ends.append(b)
        speakers_col.append(speaker)
        labels.append(h.label)
        label_starts.append(h.label_start)
        label_ends.append(h.label_end)
        times.append(h.time)
    columns = TurnColumns(text)
    columns.fill(
        starts,
        ends,
        speakers=speakers_col,
        labels=labels,
        label_starts=label_starts,
        label_ends=label_ends,
        start_times=times,
    )
    if len(starts) >= LAZY_FROM:  # a large transcript: each turn searched when it is built
        columns.embed = embedded_on_demand(text, columns, resolver)
    else:
        _transcript_embedded(text, columns, resolver, {}, {})
    return _source(text, columns, title=title, url=url, published=published, format=layout)


_VTT_HEAD = regex.compile(r"\A[\ufeff \t\r\n]*WEBVTT")
_SRT_HEAD = regex.compile(r"\A[\ufeff \t\r\n]*\d+[ \t]*\r?\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")


_SAMPLE = 200_000  # characters detection reads: a format shows itself long before this
# What a press release says of itself, and the "About <organisation>" section it ends with.
_RELEASE = regex.compile(rf"(?im)^[ \t]*(?:(?:{alternation(RELEASE_MARKERS)})\b|###[ \t]*$)")
_ABOUT = regex.compile(r"(?m)^[ \t]*About[ \t]+(?P<org>\p{Lu}[^\n:]{1,80}?)[ \t]*:?[ \t]*$")


def _release_org(text: str, speakers: SpeakerRegistry | None) -> Speaker | None:
    """Who speaks a press release's own words: its "About X" organisation, else the registered
    organisation it names first."""
    m = _ABOUT.search(text)
    if m is not None:
        name = m.group("org").strip()
        if speakers is not None:
            found = speakers.resolve(name).speaker
            if found is not None:
                return found
        return Speaker(name, kind="organization", registered=False)
    if speakers is not None:
        for _span, who in speakers.find_mentions(text[:2000]):
            if who.kind.value == "organization":
                return who
    return None


# The line numbers in the margin of a court or hearing transcript (" 3     CHIEF JUSTICE ...").
_MARGIN = regex.compile(r"(?m)^[ \t]*\d{1,3}(?=[ \t]{2,}|[ \t]*$)")
_NOT_SPACE = regex.compile(r"\S")


def _numbered(sample: str) -> bool:
    lines = [line for line in sample.splitlines() if line.strip()]
    return len(lines) >= 3 and sum(1 for _ in _MARGIN.finditer(sample)) >= 0.6 * len(lines)


def parse_numbered(
    text: str,
    *,
    speakers: SpeakerRegistry | None = None,
    title: str | None = None,
    url: str | None = None,
    published: _dt.date | None = None,
) -> Source:
    """A line-numbered court or hearing transcript (" 3     CHIEF JUSTICE SMITH:  We will hear
    ..."): the margin numbers are blanked (same length, so offsets index the file as given),
    then the ``NAME:`` labels are read; a quote running over two numbered lines is found
    whole, without the numbers between its words.

    >>> src = parse_numbered(" 1   MS. ADEBAYO: The report was never\\n 2   shown to her.\\n"
    ...                      " 3   JUSTICE OYELARAN: Where?\\n")
    >>> [(t.label, " ".join(t.span.text.split())) for t in src.turns]
    [('MS. ADEBAYO', 'The report was never shown to her.'), ('JUSTICE OYELARAN', 'Where?')]
    """
    check_text(text, "transcript")
    # The margin numbers are blanked; lines with no margin number are the page's furniture
    # ("Official - Subject to Final Review", the reporting company): blanked too, so a
    # sentence across a page break is read whole. One pass over the lines, lengths kept.
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = _MARGIN.match(line)
        if m is not None:
            lines[k] = " " * m.end() + line[m.end() :]
        elif line.strip():
            lines[k] = _NOT_SPACE.sub(" ", line)
    blanked = "\n".join(lines)
    src = parse_transcript(blanked, speakers=speakers, title=title, url=url, published=published)
    return attrs.evolve(src, format="numbered")


def detect_format(text: str, *, speakers: SpeakerRegistry | None = None) -> FormatGuess:
    """Which format ``text`` is in, how sure (0-1), and why: ``webvtt``, ``srt``, a layout of
    :func:`parse_layout`, ``transcript`` (``NAME: words``), ``article`` (quotations attributed
    to people) or ``plain``. ``speakers`` lets known names count as labels.

    >>> detect_format("  Mr. OKAFOR. I rise today.\\n  Ms. LEE. Will the gentleman yield?").name
    'congressional'
    >>> detect_format('"We will stay," said Jane Doe, the mayor.').name
    'article'
    >>> detect_format("The plant will close in May.")
    FormatGuess(name='plain', confidence=0.6, reason='no speaker labels, captions or attributed quotations')
    """
    check_text(text, "source")
    if _VTT_HEAD.match(text):
        return FormatGuess("webvtt", 0.99, "starts with WEBVTT")
    if _SRT_HEAD.match(text):
        return FormatGuess("srt", 0.95, "starts with an SRT cue number and timing")
    if text.lstrip("\ufeff \t\r\n")[:1] in "[{" or "\t" in text[:2000] or "," in text[:2000]:
        table = _speech_rows(text)
        if table is not None and table[1]:
            kind, rows = table
            return FormatGuess(kind, 0.95, f"{len(rows)} rows of speaker and text")
    sample = text[:_SAMPLE]
    if len(text) > _SAMPLE:  # whole lines only
        sample = sample[: sample.rfind("\n") + 1] or sample
    if _numbered(sample):
        return FormatGuess("numbered", 0.9, "line numbers in the margin of every line")
    guess = guess_layout(sample)
    generic = parse_transcript(sample, speakers=speakers)
    if generic.turns:
        labelled = len(generic.turns)
        headers = len(find_headers(sample, guess.name)) if guess.name != "plain" else 0
        # a briefing must explain more than the plain reading does (its "Q   words" lines): with
        # "Q:" and "XIE YINAN:" alone, an interview's "Q" is the interviewer, named or not
        if headers > labelled or (headers == labelled and headers and guess.name != "briefing"):
            return guess
        share = min(1.0, labelled / max(1, sample.count("\n") + 1))
        return FormatGuess("transcript", round(min(0.99, 0.6 + share), 2),
                           f"{labelled} 'NAME: words' turns")
    if guess.name != "plain":
        return guess
    if _RELEASE.search(sample) is not None:
        org = _release_org(text, speakers)
        if org is not None:
            return FormatGuess("press_release", 0.9, f"a press release by {org.name}")
    quotes = extract_quotes(sample, speakers=speakers)
    attributed = sum(1 for q in quotes if q.speaker is not None)
    if attributed:
        return FormatGuess("article", round(min(0.95, 0.6 + 0.1 * attributed), 2),
                           f"{attributed} quotations attributed to people")
    return FormatGuess("plain", 0.6, "no speaker labels, captions or attributed quotations")


def parse_auto(
    text: str,
    *,
    speakers: SpeakerRegistry | None = None,
    title: str | None = None,
    url: str | None = None,
    published: _dt.date | None = None,
) -> Source:
    """``text`` parsed in the format :func:`detect_format` picks (``Source.format`` says which).

    >>> src = parse_auto("Dana Roe  0:02\\nWe will not cut the buses.\\n\\nAl Poe  0:09\\nWhy not?\\n")
    >>> src.format, [t.speaker.name for t in src.turns]
    ('otter', ['Dana Roe', 'Al Poe'])
    """
    guess = detect_format(text, speakers=speakers)
    meta: dict[str, Any] = {"title": title, "url": url, "published": published}
    if guess.name == "webvtt":
        return parse_webvtt(text, speakers=speakers, **meta)
    if guess.name == "srt":
        return parse_srt(text, speakers=speakers, **meta)
    if guess.name == "transcript":
        return parse_transcript(text, speakers=speakers, **meta)
    if guess.name == "numbered":
        return parse_numbered(text, speakers=speakers, **meta)
    if guess.name in ("json", "csv", "tsv"):
        return parse_table(text, speakers=speakers, **meta)
    if guess.name == "article":
        return parse_article(text, speakers=speakers, **meta)
    if guess.name == "press_release":
        # the organisation speaks its release, except inside quotations of named people
        src = parse_article(text, speakers=speakers, author=_release_org(text, speakers), **meta)
        return attrs.evolve(src, format="press_release")
    if guess.name in LAYOUTS:
        return parse_layout(text, guess.name, speakers=speakers, **meta)
    return parse_plain(text, speakers=speakers, **meta)


# --------------------------------------------------------------------------- tables of speech



def _column(names: list[str], keys: tuple[str, ...]) -> int:
    folded = [n.strip().casefold().replace(" ", "_") for n in names]
    for key in keys:
        if key in folded:
            return folded.index(key)
    return -1


def _seconds_of(value: object, *, millis: bool) -> float | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number / 1000 if millis else number


def _speech_rows(text: str) -> tuple[str, list[tuple[str | None, str, float | None, float | None]]] | None:
    """The rows of a speech-to-text JSON export or a speaker/text CSV or TSV table, or None."""
    head = text.lstrip("\ufeff \t\r\n")
    if head[:1] in "[{":
        try:
            data = json.loads(head)
        except ValueError:
            return None
        items: object = data
        if isinstance(data, dict):  # {"segments": [...]}, {"utterances": [...]}, {"results": ...}
            items = next(
                (data[k] for k in ("utterances", "segments", "results", "turns", "transcript")
                 if isinstance(data.get(k), list)),
                None,
            )
        if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
            return None
        keys = list(items[0])
        si, ti = _column(keys, TABLE_SPEAKER_COLUMNS), _column(keys, TABLE_TEXT_COLUMNS)
        if ti < 0:
            return None
        a, b = _column(keys, TABLE_START_COLUMNS), _column(keys, TABLE_END_COLUMNS)
        ends = [i.get(keys[b]) for i in items] if b >= 0 else []
        millis = any(isinstance(e, (int, float)) and e > 36_000 for e in ends)  # AssemblyAI: ms
        rows = []
        for item in items:
            words = item.get(keys[ti])
            if not isinstance(words, str):
                return None
            who = item.get(keys[si]) if si >= 0 else None
            rows.append((
                None if who is None else str(who),
                words,
                _seconds_of(item.get(keys[a]), millis=millis) if a >= 0 else None,
                _seconds_of(item.get(keys[b]), millis=millis) if b >= 0 else None,
            ))
        return "json", rows
    first = head.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else "," if "," in first else None
    if delimiter is None:
        return None
    names = next(csv.reader([first.rstrip("\r")], delimiter=delimiter))
    si, ti = _column(names, TABLE_SPEAKER_COLUMNS), _column(names, TABLE_TEXT_COLUMNS)
    if si < 0 or ti < 0 or len(names) > 20:  # the header row names the columns, or no table
        return None
    table = list(csv.reader(io.StringIO(head), delimiter=delimiter))
    if len(table) < 2:
        return None
    a, b = _column(table[0], TABLE_START_COLUMNS), _column(table[0], TABLE_END_COLUMNS)
    rows = []
    for row in table[1:]:
        if len(row) <= max(si, ti):
            continue
        rows.append((
            row[si] or None,
            row[ti],
            _seconds_of(row[a], millis=False) if 0 <= a < len(row) else None,
            _seconds_of(row[b], millis=False) if 0 <= b < len(row) else None,
        ))
    return ("tsv" if delimiter == "\t" else "csv"), rows


def parse_table(
    text: str,
    *,
    speakers: SpeakerRegistry | None = None,
    title: str | None = None,
    url: str | None = None,
    published: _dt.date | None = None,
) -> Source:
    """Speech as a table: the JSON a speech-to-text service exports (segments or utterances with
    ``speaker`` and ``text``, times in seconds or milliseconds) or a CSV/TSV file with speaker
    and text columns. ``Source.text`` is the words, one row a line (what quotes match); each
    row is a turn of its speaker. Not a table of speech: :class:`~quoteverify.errors.ParseError`.

    >>> src = parse_table('{"segments": [{"speaker": "A", "text": "We will stay.", "start": 0.5},'
    ...                   ' {"speaker": "B", "text": "Why?", "start": 2.0}]}')
    >>> src.format, src.text, [(t.label, t.span.text, t.start_time) for t in src.turns]
    ('json', 'We will stay.\\nWhy?', [('A', 'We will stay.', 0.5), ('B', 'Why?', 2.0)])
    """
    check_text(text, "table")
    found = _speech_rows(text)
    if found is None:
        msg = "not a table of speech: expected speech-to-text JSON segments or a CSV/TSV with speaker and text columns"
        raise ParseError(msg, line=1)
    kind, rows = found
    resolver = LabelSpeakers(speakers)
    columns = TurnColumns("")
    out: list[str] = []
    pos = 0
    for who, said, start, end in rows:
        words = " ".join(said.split())
        base = pos + (1 if out else 0)
        out.append(words)
        pos = base + len(words)
        if words:
            columns.add(
                base, base + len(words),
                speaker=resolver.label(who) if who and who.strip() else None,
                label=who, start_time=start, end_time=end,
            )
    columns.text = "\n".join(out)
    _transcript_embedded(columns.text, columns, resolver, {}, {})
    return _source(columns.text, columns, title=title, url=url, published=published, format=kind)
