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

from typing import TYPE_CHECKING

from ._captions import _parse_captions
from ._labels import (
    _DIRECTION,
    EDITORIAL,
    MARKER,
    _Candidate,
    _is_header,
    _label_candidate,
    _label_key,
    _lines,
    _rskip_ws,
    _skip_ws,
    _Speakers,
    _trim_directions,
)
from ._speech import _embedded
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

class _TurnBuilder:
    """Accumulates the lines of one open turn and appends finished turns to ``turns``."""

    def __init__(
        self, text: str, resolver: _Speakers, interviewer: Speaker | None, turns: list[Turn]
    ) -> None:
        self.text = text
        self.resolver = resolver
        self.interviewer = interviewer
        self.turns = turns
        self.cand: _Candidate | None = None
        self.speaker: Speaker | None = None
        self.content: int | None = None
        self.end = 0
        self.other: Speaker | None = None  # the last speaker who is not the current one

    def open(self, cand: _Candidate, speaker: Speaker | None, end: int) -> None:
        self.cand, self.speaker, self.content, self.end = cand, speaker, cand.content, end

    def extend(self, start: int, end: int) -> None:
        if self.cand is None:
            return  # narration before the first label
        if self.content is None:
            self.content = _skip_ws(self.text, start, end)
        self.end = _rskip_ws(self.text, start, end)

    def close(self) -> None:
        cand, self.cand = self.cand, None
        if cand is None or self.content is None:
            return
        text = self.text
        s, e = _trim_directions(text, self.content, self.end)
        if e <= s:
            return
        speaker = self.speaker
        prev = self.turns[-1].speaker if self.turns else None
        if prev is not None and prev != speaker:
            self.other = prev
        addressee = self.other
        if cand.role == "interviewee" and self.interviewer is not None:
            addressee = self.interviewer
        self.turns.append(
            Turn(
                Span.of(text, s, e),
                speaker=speaker,
                label=cand.label,
                label_span=Span.of(text, cand.label_start, cand.label_end),
                index=len(self.turns),
                start_time=cand.time,
                embedded=_embedded(
                    text, s, e, own=speaker, speakers=self.resolver, addressee=addressee
                ),
            )
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

    # Pass 1: classify every line.
    lines: list[tuple[int, int, int]] = []
    cands: dict[int, _Candidate] = {}
    markers: set[int] = set()
    breaks: set[int] = set()  # header and editorial lines: they end a turn and are narration
    counts: dict[str, int] = {}
    first_content: int | None = None
    for i, (_, s, e) in enumerate(_lines(text)):
        lines.append((i, s, e))
        cand, kind = _label_candidate(text, s, e, resolver)
        if kind == MARKER:
            markers.add(i)
            continue
        if first_content is None:
            first_content = i
        if kind == EDITORIAL:
            breaks.add(i)
        if cand is None:
            continue
        if _is_header(cand, text, e):
            breaks.add(i)
            role = cand.role or ""
            if roles.get(role) is None and cand.content is not None:
                roles[role] = resolver.person(text[cand.content : e])
            continue
        cands[i] = cand
        key = _label_key(cand.label)
        counts[key] = counts.get(key, 0) + 1

    # Pass 2: decide which candidates are labels.
    strong_exists = any(
        c.strength != "weak" or counts[_label_key(c.label)] >= 2 for c in cands.values()
    )
    accepted: dict[int, _Candidate] = {}
    for i, c in cands.items():
        if c.strength != "weak":
            accepted[i] = c
            continue
        n_words = len(c.label.split())
        if (
            counts[_label_key(c.label)] >= 2
            or (n_words >= 2 and strong_exists)
            or i == first_content
        ):
            accepted[i] = c

    # Pass 3: build the turns.
    turns: list[Turn] = []
    builder = _TurnBuilder(text, resolver, roles.get("interviewer"), turns)
    for i, s, e in lines:
        cand = accepted.get(i)
        if cand is not None:
            builder.close()
            speaker = roles.get(cand.role) if cand.role else resolver.label(cand.label)
            builder.open(cand, speaker, _rskip_ws(text, s, e))
        elif i in breaks:
            builder.close()
        elif i not in markers:
            builder.extend(s, e)
    builder.close()
    return Source(
        text,
        title=title,
        url=url,
        published=published,
        turns=tuple(turns),
        format="transcript",
    )

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
