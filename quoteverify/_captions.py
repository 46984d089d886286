"""Reading WebVTT and SRT files into cues and per-speaker segments.

Private to :mod:`quoteverify.sources`, which turns the segments into turns.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

import attrs
import regex  # type: ignore[import-untyped,unused-ignore]

from ._labels import _candidate, _may_trim, _seconds, _Speakers, _trim_directions
from ._speech import _embedded, _EmbedFilter
from ._turns import LazyTurns, _TurnColumns
from .errors import ParseError, check_text
from .model import Source, Speaker

if TYPE_CHECKING:
    import datetime as _dt

    from .speakers import SpeakerRegistry

# --------------------------------------------------------------------------- captions

_TIMESTAMP = r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?"
_TIMING = regex.compile(rf"[ \t]*{_TIMESTAMP}[ \t]*-->[ \t]*{_TIMESTAMP}(?:[ \t].*)?\Z")
# No '<' inside a tag: each try stops at the next '<', so a run of them stays linear.
_VTT_TAG = regex.compile(r"<(/?)([^\s<>./]*)((?:\.[^\s<>.]+)*)(?:[ \t]+([^<>]*))?>")
_SRT_TAG = regex.compile(r"</?(?:i|b|u|s|font)\b[^>]{0,200}>|\{\\[^{}]{0,100}\}", regex.IGNORECASE)
_CHANGE = regex.compile(r"[ \t]*(?:-|–|—|>>|&gt;&gt;)[ \t]*")
_NEWLINE = regex.compile(r"\r\n|\r|\n")
_VTT_BLOCKS = ("NOTE", "STYLE", "REGION")


@attrs.frozen
class _Cue:
    line: int  # 1-based line of the timing
    start: float
    end: float
    lines: tuple[str, ...]


def _caption_lines(text: str) -> list[str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    lines: list[str] = _NEWLINE.split(text)
    return lines


def _timing(line: str, number: int) -> tuple[float, float]:
    m = _TIMING.match(line)
    if not m:
        msg = (
            f"malformed cue timing {line.strip()[:60]!r} "
            "(expected 'start --> end', e.g. 00:01.000 --> 00:04.000)"
        )
        raise ParseError(msg, line=number)
    start = _seconds(m.group(1), m.group(2), m.group(3), m.group(4))
    end = _seconds(m.group(5), m.group(6), m.group(7), m.group(8))
    if int(m.group(3)) >= 60 or int(m.group(7)) >= 60:
        raise ParseError(
            f"seconds must be below 60 in cue timing {line.strip()[:60]!r}", line=number
        )
    if end < start:
        msg = f"cue ends before it starts ({end:g}s < {start:g}s)"
        raise ParseError(msg, line=number)
    return start, end


def _cues(lines: list[str], first: int, *, webvtt: bool) -> Iterator[_Cue]:
    """Yield the cues from ``lines[first:]``; skip NOTE/STYLE/REGION blocks (WebVTT)."""
    n = len(lines)
    i = first
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if webvtt and line.split(None, 1)[0] in _VTT_BLOCKS and "-->" not in line:
            i += 1
            while i < n and lines[i].strip() and "-->" not in lines[i]:
                i += 1
            continue
        if "-->" not in line:
            if i + 1 < n and "-->" in lines[i + 1]:
                i += 1  # a cue identifier
            else:
                kind = "WebVTT" if webvtt else "SRT"
                msg = f"{kind} cue has no timing line ('start --> end'); got {line.strip()[:60]!r}"
                raise ParseError(msg, line=i + 1)
        start, end = _timing(lines[i], i + 1)
        number = i + 1
        i += 1
        body: list[str] = []
        while i < n and lines[i].strip() and "-->" not in lines[i]:
            nxt = lines[i + 1] if i + 1 < n else ""
            if body and "-->" in nxt and not any(ch.isspace() for ch in lines[i].strip()):
                break  # missing blank line: this is the next cue's identifier
            body.append(lines[i])
            i += 1
        yield _Cue(number, start, end, tuple(body))


class _Segment(NamedTuple):
    """One speaker's words within a cue, as displayed."""

    text: str
    voice: str | None  # a WebVTT voice annotation
    label: tuple[int, int] | None  # a NAME: prefix, as offsets in ``text`` (colon included)
    words: int  # where the spoken words start in ``text``
    change: bool  # starts with a speaker-change marker ("-", ">>")


def _strip_vtt(line: str, voice: str | None) -> tuple[list[tuple[str | None, str]], str | None]:
    """Split one WebVTT cue line into ``(voice, text)`` pieces, tags removed, entities decoded."""
    if "<" not in line:  # no tag: the line as it is (the loop below would give the same)
        return [(voice, html.unescape(line))], voice
    pieces: list[tuple[str | None, str]] = []
    buf: list[str] = []
    pos = 0
    for m in _VTT_TAG.finditer(line):
        buf.append(line[pos : m.start()])
        pos = m.end()
        if m.group(2) == "v":
            if m.group(1):
                text = "".join(buf)
                if text.strip():
                    pieces.append((voice, text))
                buf = []
                voice = None
            else:
                text = "".join(buf)
                if text.strip():
                    pieces.append((voice, text))
                buf = []
                voice = (m.group(4) or "").strip() or None
    buf.append(line[pos:])
    text = "".join(buf)
    if text.strip() or not pieces:
        pieces.append((voice, text))
    return [(v, html.unescape(t)) for v, t in pieces], voice


def _segments(cue: _Cue, *, webvtt: bool, speakers: _Speakers) -> list[_Segment]:
    voice: str | None = None
    # voice, label, words, change, and the displayed lines (joined at the end: a cue of many
    # unlabelled lines stays linear)
    open_segments: list[tuple[str | None, tuple[int, int] | None, int, bool, list[str]]] = []
    for line in cue.lines:
        if webvtt:
            pieces, voice = _strip_vtt(line, voice)
        elif "<" in line or "{" in line:
            pieces = [(None, html.unescape(_SRT_TAG.sub("", line)))]
        else:
            pieces = [(None, html.unescape(line))]
        for voice_name, piece in pieces:
            line_text = " ".join(piece.split())
            if not line_text:
                continue
            is_change = False
            p = 0
            if line_text[0] in "-–—>&":
                change = _CHANGE.match(line_text)
                if change is not None and change.end() < len(line_text):
                    is_change, p = True, change.end()
            label = None
            words = p
            _, info, ls, le, content, _ = _candidate(line_text, p, len(line_text), speakers)
            if (
                info is not None
                and content >= 0
                and (info.strength != "weak" or info.words <= 3)
            ):
                label = (ls, le)
                words = content
            prev = open_segments[-1] if open_segments else None
            if prev is not None and label is None and not is_change and voice_name == prev[0]:
                prev[4].append(line_text)
                continue
            open_segments.append((voice_name, label, words, is_change, [line_text]))
    return [
        _Segment(" ".join(lines), voice_name, label, words, change)
        for voice_name, label, words, change, lines in open_segments
    ]


def _parse_captions(
    text: str,
    *,
    webvtt: bool,
    speakers: SpeakerRegistry | None,
    merge: bool,
    title: str | None,
    url: str | None,
    published: _dt.date | None,
) -> Source:
    check_text(text, "WebVTT text" if webvtt else "SRT text")
    lines = _caption_lines(text)
    first = 0
    if webvtt:
        head = lines[0] if lines else ""
        if not (head.startswith("WEBVTT") and (len(head) == 6 or head[6] in " \t")):
            raise ParseError(f"a WebVTT file starts with 'WEBVTT' (got {head[:40]!r})", line=1)
        first = 1
        while first < len(lines) and lines[first].strip() and "-->" not in lines[first]:
            first += 1  # header metadata ("Kind: captions")
    resolver = _Speakers(speakers)
    out: list[str] = []
    pos = 0
    rows: list[_Row] = []
    carried: Speaker | None = None  # an SRT-style NAME: carries over to unlabelled cues
    carried_label: str | None = None
    speaker_of: dict[str, Speaker | None] = {}  # label as written -> resolver.label(label)
    for cue in _cues(lines, first, webvtt=webvtt):
        for seg in _segments(cue, webvtt=webvtt, speakers=resolver):
            base = pos + (1 if out else 0)
            seg_text = seg.text
            out.append(seg_text)
            pos = base + len(seg_text)
            label_span = None
            if seg.voice is not None:
                label = seg.voice
                speaker = _speaker(resolver, speaker_of, label)
                carried, carried_label = None, None
            elif seg.label is not None:
                ls, le = seg.label
                label = seg_text[ls : le - 1].rstrip()
                speaker = _speaker(resolver, speaker_of, label)
                label_span = (base + ls, base + le)
                carried, carried_label = speaker, label
            elif seg.change:
                speaker, label = None, None
                carried, carried_label = None, None
            else:
                speaker, label = carried, carried_label
            s, e = seg.words, len(seg_text)
            if e <= s:
                continue
            if _may_trim(seg_text, s, e):
                s, e = _trim_directions(seg_text, s, e)
                if e <= s:
                    continue
            rows.append((base + s, base + e, speaker, label, label_span, cue.start, cue.end))
    joined = "\n".join(out)
    if merge:
        rows = _merge(rows)
    columns = _TurnColumns(joined)
    may_embed = _EmbedFilter(joined)
    other: Speaker | None = None
    prev: Speaker | None = None
    for k, (s, e, speaker, label, label_span, start, end) in enumerate(rows):
        if k and prev is not None and prev is not speaker and prev != speaker:
            other = prev
        emb = (
            _embedded(joined, s, e, own=speaker, speakers=resolver, addressee=other)
            if may_embed.may(s, e)
            else ()
        )
        columns.add(
            s,
            e,
            speaker=speaker,
            label=label,
            label_span=label_span,
            start_time=start,
            end_time=end,
            embedded=emb,
        )
        prev = speaker
    turns = columns.freeze()
    src = Source(
        joined,
        title=title,
        url=url,
        published=published,
        turns=turns,
        format="webvtt" if webvtt else "srt",
    )
    if isinstance(turns, LazyTurns):
        src.cached("turn_starts", lambda: turns.starts)  # see sources._source
    return src


#: One caption turn before embedded speech: start, end, speaker, label, label span, times.
_Row = tuple[int, int, "Speaker | None", "str | None", "tuple[int, int] | None", float, float]


def _speaker(resolver: _Speakers, cache: dict[str, Speaker | None], label: str) -> Speaker | None:
    """``resolver.label(label)``, looked up once per label as written."""
    if label in cache:
        return cache[label]
    speaker = cache[label] = resolver.label(label)
    return speaker


def _merge(rows: list[_Row]) -> list[_Row]:
    """Consecutive cues of the same known speaker (no new ``NAME:``) become one turn."""
    merged: list[_Row] = []
    for row in rows:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and row[2] is not None
            and row[2] == prev[2]
            and row[4] is None
            and prev[3] == row[3]
        ):
            merged[-1] = (prev[0], row[1], prev[2], prev[3], prev[4], prev[5], max(prev[6], row[6]))
        else:
            merged.append(row)
    return merged
