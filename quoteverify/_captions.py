"""Reading WebVTT and SRT files into cues and per-speaker segments.

Private to :mod:`quoteverify.sources`, which turns the segments into turns.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs
import regex  # type: ignore[import-untyped,unused-ignore]

from ._labels import _label_candidate, _seconds, _Speakers, _trim_directions
from ._speech import _embedded
from .errors import ParseError, check_text
from .model import Source, Span, Speaker, Turn

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


@attrs.frozen
class _Segment:
    """One speaker's words within a cue, as displayed."""

    text: str
    voice: str | None  # a WebVTT voice annotation
    label: tuple[int, int] | None  # a NAME: prefix, as offsets in ``text`` (colon included)
    words: int  # where the spoken words start in ``text``
    change: bool  # starts with a speaker-change marker ("-", ">>")


def _strip_vtt(line: str, voice: str | None) -> tuple[list[tuple[str | None, str]], str | None]:
    """Split one WebVTT cue line into ``(voice, text)`` pieces, tags removed, entities decoded."""
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
    raw: list[tuple[str | None, str, bool]] = []  # voice, text, explicit new line
    voice: str | None = None
    for line in cue.lines:
        if webvtt:
            pieces, voice = _strip_vtt(line, voice)
        else:
            pieces = [(None, html.unescape(_SRT_TAG.sub("", line)))]
        for k, (v, t) in enumerate(pieces):
            raw.append((v, " ".join(t.split()), k == 0))
    segments: list[_Segment] = []
    for voice_name, line_text, _ in raw:
        if not line_text:
            continue
        change = _CHANGE.match(line_text)
        is_change = (
            change is not None and change.end() < len(line_text) and line_text[:1] in "-–—>&"
        )
        p = change.end() if is_change and change is not None else 0
        label = None
        words = p
        cand, _ = _label_candidate(line_text, p, len(line_text), speakers)
        if (
            cand is not None
            and cand.content is not None
            and (cand.strength != "weak" or len(cand.label.split()) <= 3)
        ):
            label = (cand.label_start, cand.label_end)
            words = cand.content
        prev = segments[-1] if segments else None
        if prev is not None and label is None and not is_change and voice_name == prev.voice:
            segments[-1] = attrs.evolve(prev, text=f"{prev.text} {line_text}")
            continue
        segments.append(_Segment(line_text, voice_name, label, words, is_change))
    return segments


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
    turns: list[Turn] = []
    carried: Speaker | None = None  # an SRT-style NAME: carries over to unlabelled cues
    carried_label: str | None = None
    for cue in _cues(lines, first, webvtt=webvtt):
        for seg in _segments(cue, webvtt=webvtt, speakers=resolver):
            base = pos + (1 if out else 0)
            out.append(seg.text)
            pos = base + len(seg.text)
            label_span = None
            if seg.voice is not None:
                speaker = resolver.label(seg.voice)
                label = seg.voice
                carried, carried_label = None, None
            elif seg.label is not None:
                label = seg.text[seg.label[0] : seg.label[1] - 1].rstrip()
                speaker = resolver.label(label)
                ls, le = seg.label
                label_span = Span(base + ls, base + le, seg.text[ls:le])
                carried, carried_label = speaker, label
            elif seg.change:
                speaker, label = None, None
                carried, carried_label = None, None
            else:
                speaker, label = carried, carried_label
            s, e = _trim_directions(seg.text, seg.words, len(seg.text))
            s, e = base + s, base + e
            if e <= s:
                continue
            turns.append(
                Turn(
                    Span(s, e, seg.text[s - base : e - base]),
                    speaker=speaker,
                    label=label,
                    label_span=label_span,
                    index=len(turns),
                    start_time=cue.start,
                    end_time=cue.end,
                )
            )
    joined = "\n".join(out)
    if merge:
        turns = _merge(joined, turns)
    with_speech = []
    other: Speaker | None = None
    for k, t in enumerate(turns):
        prev = turns[k - 1].speaker if k else None
        if prev is not None and prev != t.speaker:
            other = prev
        emb = _embedded(
            joined, t.start, t.end, own=t.speaker, speakers=resolver, addressee=other
        )
        with_speech.append(attrs.evolve(t, index=k, embedded=emb) if emb or t.index != k else t)
    return Source(
        joined,
        title=title,
        url=url,
        published=published,
        turns=tuple(with_speech),
        format="webvtt" if webvtt else "srt",
    )


def _merge(text: str, turns: list[Turn]) -> list[Turn]:
    merged: list[Turn] = []
    for t in turns:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and t.speaker is not None
            and t.speaker == prev.speaker
            and t.label_span is None
            and (prev.label == t.label)
        ):
            times = [x for x in (prev.end_time, t.end_time) if x is not None]
            span = Span.of(text, prev.start, t.end)
            merged[-1] = attrs.evolve(prev, span=span, end_time=max(times) if times else None)
        else:
            merged.append(t)
    return merged
