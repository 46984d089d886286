"""Reading WebVTT and SRT files into cues and per-speaker segments.

Private to :mod:`quoteverify.sources`, which turns the segments into turns.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate, repeat
from operator import add, getitem
from typing import TYPE_CHECKING, NamedTuple

import attrs
import regex  # type: ignore[import-untyped,unused-ignore]

from ._labels import (
    LabelInfo,
    LabelSpeakers,
    head_info,
    line_candidate,
    may_trim,
    to_seconds,
    trim_directions,
)
from ._speech import embed_candidates, find_embedded
from ._text import LINE_SPACE
from ._turns import LazyTurns, TurnColumns
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
    if "\r" not in text:
        return text.split("\n")  # what _NEWLINE.split gives, in C
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
    start = to_seconds(m.group(1), m.group(2), m.group(3), m.group(4))
    end = to_seconds(m.group(5), m.group(6), m.group(7), m.group(8))
    if int(m.group(3)) >= 60 or int(m.group(7)) >= 60:
        raise ParseError(
            f"seconds must be below 60 in cue timing {line.strip()[:60]!r}", line=number
        )
    if end < start:
        msg = f"cue ends before it starts ({end:g}s < {start:g}s)"
        raise ParseError(msg, line=number)
    return start, end


def _cues(lines: list[str], first: int, *, webvtt: bool) -> Iterator[_Cue]:
    """Yield the cues from ``lines[first:]``; skip NOTE/STYLE/REGION blocks (WebVTT).

    A cue's text runs to the next blank or timing line, found by bisecting a list of
    those lines made once, so a cue of a million lines is not read one line at a time.
    """
    n = len(lines)
    # the blank lines and the lines with "-->", in order (what ends a cue's text)
    # (WebVTT: only an empty line; a line of spaces is blank cue text, as YouTube writes it)
    stops = [
        k for k, line in enumerate(lines) if not line or "-->" in line or (not webvtt and line.isspace())
    ]
    stops.append(n)
    i = first
    last: _Cue | None = None  # the cue read, held back until the next one starts
    more: list[str] = []  # its text past blank lines inside it (joined once, when it ends)
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
            elif (
                last is not None
                and not line.strip().isdigit()  # a cue number with no timing: a broken cue
                and not (webvtt and line.split(None, 1)[0] in _VTT_BLOCKS)
            ):
                # a blank line inside a cue: the text after it is still that cue's
                stop = stops[bisect_left(stops, i)]
                more.extend(lines[i:stop])
                i = stop
                continue
            else:
                kind = "WebVTT" if webvtt else "SRT"
                msg = f"{kind} cue has no timing line ('start --> end'); got {line.strip()[:60]!r}"
                raise ParseError(msg, line=i + 1)
        start, end = _timing(lines[i], i + 1)
        number = i + 1
        i += 1
        stop = stops[bisect_left(stops, i)]
        if (
            stop - 1 > i
            and stop < n
            and "-->" in lines[stop]
            and not any(ch.isspace() for ch in lines[stop - 1].strip())
        ):
            stop -= 1  # missing blank line: the line before the timing is its identifier
        if last is not None:
            yield _Cue(last.line, last.start, last.end, (*last.lines, *more)) if more else last
            more = []
        last = _Cue(number, start, end, tuple(lines[i:stop]))
        i = stop
    if last is not None:
        yield _Cue(last.line, last.start, last.end, (*last.lines, *more)) if more else last


def _plain(line: str) -> str:
    return " ".join(_VTT_TAG.sub("", line).split())


_ROLLING_LINES = 3  # lines a rolling caption shows again at most (YouTube shows two)


def _unroll(cues: Iterator[_Cue]) -> Iterator[_Cue]:
    """Rolling captions (YouTube's automatic ones): each cue shows the line before it again,
    and a flash cue of a few milliseconds repeats what is on screen. The words are kept once:
    a cue's leading lines that repeat the previous cue's last lines are dropped, when the
    cue holds more than them or lasts under 50 ms."""
    shown: list[str] = []  # the previous cue's non-blank lines, plain
    for cue in cues:
        plain = [_plain(line) for line in cue.lines]
        kept = [p for p in plain if p]
        repeat = 0
        for size in range(min(len(kept), len(shown), _ROLLING_LINES), 0, -1):
            if kept[:size] == shown[-size:]:
                repeat = size
                break
        if repeat and (repeat < len(kept) or cue.end - cue.start < 0.05):
            drop, i = repeat, 0
            lines = list(cue.lines)
            while drop and i < len(lines):
                if plain[i]:
                    drop -= 1
                lines[i] = ""
                i += 1
            rest = tuple(line for line in lines if line.strip())
            if kept:
                shown = kept
            if rest:
                yield _Cue(cue.line, cue.start, cue.end, rest)
            continue
        if kept:
            shown = kept
        if cue.lines:
            yield cue


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


def _segments(cue: _Cue, *, webvtt: bool, speakers: LabelSpeakers) -> list[_Segment]:
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
            _, info, ls, le, content, _ = line_candidate(line_text, p, len(line_text), speakers)
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


def parse_captions(
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
    resolver = LabelSpeakers(speakers)
    out: list[str] = []  # the segments' texts, joined by line breaks at the end
    pos = 0
    columns = TurnColumns("")  # its text is set once the segments are joined, at the end
    carried: Speaker | None = None  # an SRT-style NAME: carries over to unlabelled cues
    carried_label: str | None = None
    speaker_of: dict[str, Speaker | None] = {}  # label as written -> resolver.label(label)
    heads: dict[str, str | None] = {}  # see _regular_body
    for cue in _unroll(_cues(lines, first, webvtt=webvtt)):
        regular = (
            _regular_body(cue.lines, webvtt=webvtt, speakers=resolver, heads=heads)
            if len(cue.lines) >= _BULK_FROM
            else None
        )
        if regular is not None:
            labels, colons = regular
            for name in dict.fromkeys(labels):
                _speaker(resolver, speaker_of, name)
            pos = _add_lines(
                columns,
                cue,
                labels,
                colons,
                speakers=list(map(speaker_of.__getitem__, labels)),
                base=pos + bool(out),
            )
            out.extend(cue.lines)
            carried, carried_label = speaker_of[labels[-1]], labels[-1]
            continue
        for seg in _segments(cue, webvtt=webvtt, speakers=resolver):
            base = pos + (1 if out else 0)
            seg_text = seg.text
            out.append(seg_text)
            pos = base + len(seg_text)
            label_span: tuple[int, int] | None = None
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
            if may_trim(seg_text, s, e):
                s, e = trim_directions(seg_text, s, e)
                if e <= s:
                    continue
            columns.add(
                base + s,
                base + e,
                speaker=speaker,
                label=label,
                label_span=label_span,
                start_time=cue.start,
                end_time=cue.end,
            )
    joined = "\n".join(out)
    if merge:
        columns = _merge(columns)
    columns.text = joined
    speakers_col = columns.speakers
    for k, other in embed_candidates(joined, columns):
        emb = find_embedded(
            joined,
            columns.starts[k],
            columns.ends[k],
            own=speakers_col[k],
            speakers=resolver,
            addressee=other,
        )
        if emb:
            columns.embedded[k] = emb
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


#: A cue of at least this many lines is tried as a whole (:func:`_regular_body`).
_BULK_FROM = 16


def _regular_body(
    lines: tuple[str, ...],
    *,
    webvtt: bool,
    speakers: LabelSpeakers,
    heads: dict[str, str | None],
) -> tuple[list[str], list[int]] | None:
    """``(label, colon offset)`` of each line when every line of a cue is a plain ``NAME: words``.

    Plain: no tag, entity or speaker-change marker, single spaces only, a label (strong, or
    weak of at most three words) before the first ``": "``, words that need no trimming.
    Each line is then a segment of its own, unchanged, so the caller adds them all at
    once. The checks look at the whole text and at each distinct label, first and last
    character, in C; ``heads`` remembers each label text's verdict across cues.
    None when any line is otherwise (:func:`_segments` reads it).
    """
    joined = "\n".join(lines)
    if (
        "<" in joined
        or "&" in joined
        or "  " in joined
        or (not webvtt and "{" in joined)
        or not all(map(str.isprintable, lines))  # no space but " ", no control character
    ):
        return None
    firsts: set[str] = set(map(getitem, lines, repeat(0)))
    lasts: set[str] = set(map(getitem, lines, repeat(-1)))
    if any(ch in " -–—>" for ch in firsts) or any(ch in " )]" for ch in lasts):
        return None
    colons = list(map(str.find, lines, repeat(": ")))
    if -1 in colons:
        return None
    words: set[str] = set(map(getitem, lines, map(add, colons, repeat(2))))
    if any(ch in "[(" or ch in LINE_SPACE or ch.isspace() for ch in words):
        return None
    texts: list[str] = list(map(getitem, lines, map(slice, colons)))
    for head in set(texts) - heads.keys():
        info = head_info(head, speakers)
        ok = isinstance(info, LabelInfo) and (info.strength != "weak" or info.words <= 3)
        heads[head] = head.rstrip() if ok else None
    labels = list(map(heads.__getitem__, texts))
    if None in labels:
        return None
    return labels, colons  # type: ignore[return-value]


def _add_lines(
    columns: TurnColumns,
    cue: _Cue,
    labels: list[str],
    colons: list[int],
    *,
    speakers: list[Speaker | None],
    base: int,
) -> int:
    """One turn per ``NAME: words`` line of ``cue``, the first line at ``base``; the end.

    The columns are extended by C-level maps, with no Python call per line.
    """
    n = len(labels)
    lens = list(map(len, cue.lines))
    bases: list[int] = list(accumulate(map(add, lens, repeat(1)), initial=base))
    end = bases.pop() - 1
    colon_at = list(map(add, bases, colons))
    columns.starts.extend(map(add, colon_at, repeat(2)))
    columns.ends.extend(map(add, bases, lens))
    columns.speakers.extend(speakers)
    columns.labels.extend(labels)
    columns.label_starts.extend(bases)
    columns.label_ends.extend(map(add, colon_at, repeat(1)))
    columns.start_times.extend(repeat(cue.start, n))
    columns.end_times.extend(repeat(cue.end, n))
    return end


def _speaker(resolver: LabelSpeakers, cache: dict[str, Speaker | None], label: str) -> Speaker | None:
    """``resolver.label(label)``, looked up once per label as written."""
    if label in cache:
        return cache[label]
    speaker = cache[label] = resolver.label(label)
    return speaker


def _merge(columns: TurnColumns) -> TurnColumns:
    """Consecutive cues of the same known speaker (no new ``NAME:``) become one turn."""
    merged = TurnColumns(columns.text)
    for k, speaker in enumerate(columns.speakers):
        ls = columns.label_starts[k]
        if (
            merged.starts
            and speaker is not None
            and speaker == merged.speakers[-1]
            and ls < 0
            and merged.labels[-1] == columns.labels[k]
        ):
            merged.ends[-1] = columns.ends[k]
            previous_end = merged.end_times[-1]
            end_time = columns.end_times[k]
            assert previous_end is not None  # captions have times
            assert end_time is not None
            merged.end_times[-1] = max(previous_end, end_time)
        else:
            merged.add(
                columns.starts[k],
                columns.ends[k],
                speaker=speaker,
                label=columns.labels[k],
                label_span=(ls, columns.label_ends[k]) if ls >= 0 else None,
                start_time=columns.start_times[k],
                end_time=columns.end_times[k],
            )
    return merged
