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

from itertools import accumulate
from typing import TYPE_CHECKING

from ._captions import _parse_captions
from ._labels import (
    _DIRECTION,
    _WS,
    EDITORIAL,
    LABEL,
    MARKER,
    TEXT,
    _candidate,
    _is_header,
    _LabelInfo,
    _may_trim,
    _rskip_ws,
    _skip_ws,
    _Speakers,
    _trim_directions,
)
from ._speech import _embedded, _EmbedFilter
from ._turns import LazyTurns, _TurnColumns
from .errors import check_text
from .model import Source, Span, Speaker, Turn

if TYPE_CHECKING:
    import datetime as _dt

    from .speakers import SpeakerRegistry

__all__ = [
    "parse_plain",
    "parse_srt",
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
    return tuple(Span(m.start(), m.end(), m.group()) for m in _DIRECTION.finditer(text))


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
        resolver = _Speakers(speakers)
        speaker = resolver.label(speaker) if speakers is not None else Speaker(speaker.strip())
    elif speaker is not None and not isinstance(speaker, Speaker):
        kind = type(speaker).__name__
        msg = f"speaker must be a Speaker, a str or None (got {speaker!r} that is a {kind})"
        raise TypeError(msg)
    turns: tuple[Turn, ...] = ()
    if speaker is not None:
        s = _skip_ws(text, 0, len(text))
        while s < len(text) and text[s].isspace():
            s += 1
        e = _rskip_ws(text, s, len(text))
        if e > s:
            embedded = _embedded(
                text, s, e, own=speaker, speakers=_Speakers(speakers), addressee=None
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
    resolver = _Speakers(speakers)
    roles: dict[str, Speaker | None] = {
        "interviewer": resolver.person(interviewer),
        "interviewee": resolver.person(interviewee),
    }

    # Pass 1: classify every line (``offsets`` has one more item than there are lines);
    # keep the ones that are not markers, in order, as
    # (line, start, end, kind, label, label start, label end, content, time): only atomic
    # values, so the garbage collector stops tracking these million tuples at once.
    # Header and editorial lines are kind BREAK: they end a turn and are narration.
    lines: list[_Line] = []
    label_counts: dict[str, int] = {}  # label as written -> lines (headers not counted)
    infos: dict[str, _LabelInfo] = {}
    first_content = -1
    offsets = accumulate(map(len, text.splitlines(keepends=True)), initial=0)
    for i, (s, body) in enumerate(zip(offsets, text.splitlines(), strict=False)):
        e = s + len(body)
        kind, info, ls, le, content, time = _candidate(text, s, e, resolver)
        if kind is MARKER:
            continue
        if first_content < 0:
            first_content = i
        if info is None:
            lines.append((i, s, e, BREAK if kind is EDITORIAL else TEXT, None, -1, -1, -1, None))
            continue
        if info.role is not None and _is_header(info.role, info.key, content, text, e):
            if roles.get(info.role) is None:
                roles[info.role] = resolver.person(text[content:e])
            lines.append((i, s, e, BREAK, None, -1, -1, -1, None))
            continue
        lines.append((i, s, e, LABEL, info.label, ls, le, content, time))
        n = label_counts.get(info.label)
        if n is None:
            infos[info.label] = info
            label_counts[info.label] = 1
        else:
            label_counts[info.label] = n + 1

    # Pass 2: decide which labels are accepted (a weak one only on the first line).
    key_counts: dict[str, int] = {}
    for label, n in label_counts.items():
        key = infos[label].key
        key_counts[key] = key_counts.get(key, 0) + n
    strong_exists = any(
        info.strength != "weak" or key_counts[info.key] >= 2 for info in infos.values()
    )
    accepted = {
        label: info.strength != "weak"
        or key_counts[info.key] >= 2
        or (info.words >= 2 and strong_exists)
        for label, info in infos.items()
    }

    # Pass 3: build the turns.
    turns = _TranscriptTurns(text, resolver, roles)
    for line in lines:
        written = line[4]
        if written is not None and (accepted[written] or line[0] == first_content):
            turns.close()
            turns.open(line, infos[written])
        elif line[3] is BREAK:
            turns.close()
        else:
            turns.extend(line[1], line[2])
    turns.close()
    return _source(
        text,
        turns.columns,
        title=title,
        url=url,
        published=published,
        format="transcript",
    )


#: One classified transcript line (see parse_transcript's first pass).
_Line = tuple[int, int, int, str, "str | None", int, int, int, "float | None"]
BREAK = "break"


def _source(
    text: str,
    columns: _TurnColumns,
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


class _TranscriptTurns:
    """The open turn of a transcript (label, content, end) and the finished ones, as columns."""

    def __init__(self, text: str, resolver: _Speakers, roles: dict[str, Speaker | None]) -> None:
        self.text = text
        self.resolver = resolver
        self.roles = roles
        self.interviewer = roles.get("interviewer")
        self.columns = _TurnColumns(text)
        self.may_embed = _EmbedFilter(text)
        self.speaker_of: dict[str, Speaker | None] = {}  # label as written -> speaker
        self.info: _LabelInfo | None = None
        self.label_start = self.label_end = 0
        self.time: float | None = None
        self.speaker: Speaker | None = None
        self.content = -1
        self.end = 0
        self.prev: Speaker | None = None  # the last finished turn's speaker
        self.other: Speaker | None = None  # the last speaker who is not the current one
        self.differ: dict[tuple[int, int], bool] = {}  # (id, id) -> speakers differ

    def open(self, line: _Line, info: _LabelInfo) -> None:
        _, line_start, line_end, _, _, label_start, label_end, content, time = line
        label = info.label
        if label in self.speaker_of:
            speaker = self.speaker_of[label]
        else:
            speaker = self.roles.get(info.role) if info.role else self.resolver.label(label)
            self.speaker_of[label] = speaker
        text = self.text
        end = line_end
        if end > line_start and (text[end - 1] in _WS or text[end - 1].isspace()):
            end = _rskip_ws(text, line_start, end)
        self.info, self.label_start, self.label_end = info, label_start, label_end
        self.content, self.time, self.speaker, self.end = content, time, speaker, end

    def extend(self, start: int, end: int) -> None:
        if self.info is None:
            return  # narration before the first label
        if self.content < 0:
            self.content = _skip_ws(self.text, start, end)
        self.end = _rskip_ws(self.text, start, end)

    def close(self) -> None:
        info, self.info = self.info, None
        if info is None or self.content < 0:
            return
        text = self.text
        s, e = self.content, self.end
        if s >= e:
            return
        if _may_trim(text, s, e):
            s, e = _trim_directions(text, s, e)
            if e <= s:
                return
        speaker = self.speaker
        prev = self.prev
        if prev is not None and prev is not speaker:
            pair = (id(prev), id(speaker))
            differ = self.differ.get(pair)
            if differ is None:
                differ = self.differ[pair] = prev != speaker
            if differ:
                self.other = prev
        addressee = self.other
        if info.role == "interviewee" and self.interviewer is not None:
            addressee = self.interviewer
        embedded = (
            _embedded(text, s, e, own=speaker, speakers=self.resolver, addressee=addressee)
            if self.may_embed.may(s, e)
            else ()
        )
        self.columns.add(
            s,
            e,
            speaker=speaker,
            label=info.label,
            label_span=(self.label_start, self.label_end),
            start_time=self.time,
            embedded=embedded,
        )
        self.prev = speaker


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
    return _parse_captions(
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
    return _parse_captions(
        text,
        webvtt=False,
        speakers=speakers,
        merge=merge,
        title=title,
        url=url,
        published=published,
    )
