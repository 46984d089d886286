"""Transcript layouts: is every sentence given to the right speaker, and how fast is a layout read?

    python benchmarks/layouts.py            # fixtures, real oral arguments in every layout,
                                            # real official transcripts, real
                                            # parliamentary debates, speed
    python benchmarks/layouts.py --quick    # fixtures and speed only

Four parts:

1. **Fixtures** (``tests/fixtures/layouts``, written for quoteverify in each layout): the layout
   detection picks, and the share of gold sentences whose turn has the gold speaker.
2. **Real speech in each layout**: the turns of real US Supreme Court oral arguments (Oyez
   transcripts, ``at350/scotus-transcripts``, read where ``benchmarks/drift.py`` reads them:
   ``benchmarks/_cache/scotus`` or the local git mirror; skipped, with a line saying so, when
   neither is here) are laid out as each service or institution lays out a transcript (the real
   names as written by Oyez, "John G. Roberts, Jr." included), then read back with automatic
   detection. Accuracy: the share of sentences whose turn has the right speaker (by
   ``same_speaker``); in the briefing layout the justices' questions are reporters' ``Q`` lines,
   right when they have no speaker.
3. **Real transcripts as published** (each from a local mirror, skipped when absent), checked
   against the page's own typography: whitehouse.gov briefings and remarks (:func:`official`),
   Canadian House and Senate debates (:func:`parliament`).
4. **Speed**: a Rev-style transcript of 1 MB and of 10 MB (the same real turns repeated), read
   with ``parse_auto`` (detection included); MB/s, and the 10 MB over the 1 MB time (10 is
   linear). Target: >= 20 MB/s at 10 MB, plain build.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import _mirror  # noqa: E402
import regex  # type: ignore[import-untyped]  # noqa: E402

from quoteverify.sources import detect_format, parse_auto  # noqa: E402
from quoteverify.speakers import same_speaker  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "layouts"
TARGET = 0.99
SPEED_TARGET = 20.0  # MB/s
SENTENCE = re.compile(r"[^.!?]+[.!?]+")

Turn = tuple[str, str]


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"


def _short(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}" if s < 3600 else f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


def _surname(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if w.rstrip(".") not in ("Jr", "Sr", "II", "III")]
    return words[-1] if words else name


# Each layout: how one turn is written, given (name, words, start second, end second, is a justice).
RENDER: dict[str, Callable[[str, str, float, float, bool], str]] = {
    "transcript": lambda n, w, a, b, j: f"{n.upper()}: {w}\n\n",
    "rev": lambda n, w, a, b, j: f"{n}: ({_short(a)})\n{w}\n\n",
    "rev_brackets": lambda n, w, a, b, j: f"{n}: [{_clock(a)}]\n{w}\n\n",
    "rev_plain": lambda n, w, a, b, j: f"{n}:\n{w}\n\n",
    "otter": lambda n, w, a, b, j: f"{n}  {_short(a)}\n{w}\n\n",
    "timecoded": lambda n, w, a, b, j: f"{n} {_clock(a)}-{_clock(b)} ({int(b - a)} sec)\n{w}\n\n",
    "podcast_bold": lambda n, w, a, b, j: f"**{n}** [{_short(a)}]\n{w}\n\n",
    "markdown": lambda n, w, a, b, j: f"**{n}:** {w}\n\n",
    "congressional": lambda n, w, a, b, j: f"  Mr. {_surname(n).upper()}. {w}\n",
    "hearing": lambda n, w, a, b, j: f"    {'Justice' if j else 'Mr.'} {_surname(n)}. {w}\n",
    "hansard": lambda n, w, a, b, j: f"Mr {n} (Westmoor) (Ind)\n{w}\n\n",
    "hansard_canada": lambda n, w, a, b, j: f"{'Hon.' if j else 'Mr.'} {n} (Westmoor, Ind.):\n{w}\n\n",
    "earnings": lambda n, w, a, b, j: f"{n} -- {'Justice' if j else 'Counsel'}\n\n{w}\n\n",
    "briefing": lambda n, w, a, b, j: f"{'Q' if j else 'MR. ' + _surname(n).upper() + ':'} {w}\n\n",
}
EXPECTED = {"hansard_canada": "hansard", "rev_brackets": "rev", "rev_plain": "rev", "timecoded": "otter",
            "podcast_bold": "otter"}


def fixtures() -> list[tuple[str, bool, int, int]]:
    gold = {k: v for k, v in json.loads((FIXTURES / "gold.json").read_text(encoding="utf-8")).items() if k != "_comment"}
    out = []
    for name, g in sorted(gold.items()):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        src = parse_auto(text)
        right = 0
        for who, sentence in g["said"]:
            turn = src.turn_at(text.index(sentence))
            got = turn.speaker.name if turn is not None and turn.speaker is not None else None
            right += got == who and turn is not None
        out.append((name, detect_format(text).name == g["layout"], right, len(g["said"])))
    return out


def load_real() -> tuple[list[list[Turn]], str]:
    try:
        import drift as drift_bench  # benchmarks/drift.py: where the oral arguments are read
    except ImportError:
        return [], "benchmarks/drift.py not importable"
    args, what = drift_bench.load_arguments()
    if "Oyez" not in what:
        return [], "no Oyez transcripts here (benchmarks/_cache/scotus or the git mirror): real-speech part skipped"
    return args, what


def _justice(name: str) -> bool:
    return name.startswith(("John G. Roberts", "Clarence", "Ruth", "Stephen", "Samuel", "Sonia", "Elena",
                            "Neil", "Brett", "Amy", "Anthony", "Antonin", "Ketanji", "David H", "John Paul"))


def real_accuracy(args: list[list[Turn]], layout: str, limit: int = 20) -> tuple[int, int, int, int]:
    """(sentences right, sentences, arguments detected as the layout, arguments)."""
    right = total = detected = 0
    render = RENDER[layout]
    for turns in args[:limit]:
        parts, spans = [], []
        pos, clock = 0, 0.0
        for name, said in turns:
            words = " ".join(said.split())
            j = _justice(name)
            dur = max(1.0, len(words) / 15)
            chunk = render(name, words, clock, clock + dur, j)
            clock += dur
            at = chunk.index(words)
            spans.append((pos + at, words, name, j))
            parts.append(chunk)
            pos += len(chunk)
        text = "".join(parts)
        src = parse_auto(text)
        detected += src.format == EXPECTED.get(layout, layout)
        for start, words, name, j in spans:
            for m in SENTENCE.finditer(words):
                total += 1
                turn = src.turn_at(start + m.start())
                if turn is None:
                    continue
                if layout == "briefing" and j:
                    right += turn.speaker is None and turn.label in ("Q", "QUESTION")
                elif turn.speaker is not None:
                    right += same_speaker(turn.speaker.name, name)
    return right, total, detected, min(limit, len(args))


def speed(args: list[list[Turn]]) -> list[tuple[float, float]]:
    turns = [t for a in args for t in a] or [("Dana Whitfield", "We will not cut the night buses."),
                                            ("Marcus Ohene", "Riders have heard that before.")]
    out = []
    for mb in (1, 10):
        parts, n, k = [], 0, 0
        while n < mb * 1_000_000:
            name, words = turns[k % len(turns)]
            chunk = RENDER["rev"](name, " ".join(words.split()), k * 7.0 % 36_000, k * 7.0 % 36_000 + 7, False)
            parts.append(chunk)
            n += len(chunk)
            k += 1
        text = "".join(parts)
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            src = parse_auto(text)
            best = min(best, time.perf_counter() - t0)
        if src.format != "rev" or len(src.turns) != k:
            print(f"  (read as {src.format} with {len(src.turns)} turns of {k})")
        out.append((len(text.encode()) / 1e6, best))
    return out


# Gold from the page's own typography, independent of the parsers: an official's label is a line
# opening with words in capitals and a colon; a reporter's question, a line opening with "Q".
_GOLD_LABEL = regex.compile(r"^[ \t\u00a0]*((?:\p{Lu}[\p{Lu}.'’\-]+[ \u00a0]){0,5}\p{Lu}[\p{Lu}.'’\-]+):", regex.M)
_GOLD_Q = regex.compile(r"^[ \t\u00a0]*(Q)(?::|[ \t\u00a0])", regex.M)


def official(limit: int = 400) -> None:
    """Real official transcripts (whitehouse.gov briefings and remarks, 2021-2025, from a local
    mirror of ``brian14708/wh-briefings``; skipped when it is absent): every line the page sets
    as a speaker's label or a reporter's "Q" should open a turn (recall), and every turn should
    open at such a line (precision: a turn opened by running prose gives the speech to a
    stranger). Remarks read as an article (no labels: the turns are quotations inside the
    speech) are counted apart. ``limit`` documents, every n-th of the briefings and remarks in name order."""
    picked = _mirror.sample(
        _mirror.WH_BRIEFINGS,
        lambda n: n.startswith(("press-briefings/", "speeches-remarks/")) and n.endswith(".md"), limit,
    )
    if picked is None:
        print(f"\nReal official transcripts: skipped (no mirror of brian14708/wh-briefings at {_mirror.WH_BRIEFINGS})")
        return
    gold = found = right = opened = questions = questions_found = 0
    formats: dict[str, int] = {}
    for text in _mirror.texts(_mirror.WH_BRIEFINGS, picked):
        src = parse_auto(text)
        formats[src.format] = formats.get(src.format, 0) + 1
        if src.format == "article":
            continue  # remarks with no labels: their turns are the quotations inside the speech
        starts = {m.start(1) for m in _GOLD_LABEL.finditer(text)} | {m.start(1) for m in _GOLD_Q.finditer(text)}
        qs = {m.start(1) for m in _GOLD_Q.finditer(text)}
        label_at = {t.label_span.start for t in src.turns if t.label_span is not None}
        gold += len(starts)
        found += len(starts & label_at)
        opened += len(label_at)
        right += len(label_at & starts)
        questions += len(qs)
        questions_found += sum(1 for t in src.turns if t.label_span is not None
                               and t.label_span.start in qs and t.speaker is None)
    print(f"\nReal official transcripts: {len(picked)} whitehouse.gov briefings and remarks "
          f"(read as {', '.join(f'{k} {v}' for k, v in sorted(formats.items()))})")
    print(f"  label lines opening a turn (recall)      {found}/{gold} = {found / max(1, gold):.3f}")
    print(f"  turns opened at a label line (precision) {right}/{opened} = {right / max(1, opened):.3f}")
    print(f"  reporters' Q lines read as a question    {questions_found}/{questions} = "
          f"{questions_found / max(1, questions):.3f}")


# Gold from the corpus's own typography: a speaker's line is a line of its own ending in a colon
# (the Senate's debates put a space before it) with no space after it, where every sentence line
# ends in one; a line with quotation marks is a sentence cut at its colon ("Their report, "Raising
# the Bar:"). A label with no sentence under it (the aligned corpus drops unaligned sentences)
# opens no turn and is not counted.
_CA_LABEL = regex.compile(r'^(?=\S)([^\n"`]*[^\s"`]) ?:$', regex.M)


def parliament(limit: int = 500) -> None:
    """Real Canadian Hansard (House of Commons and Senate debates of the 36th Parliament, 1997-
    2000, the English side of the aligned Hansard in a local mirror of ``bkotzz/csc401``; skipped
    when it is absent), checked as :func:`official` checks briefings: every line the corpus sets
    as a speaker's ('Hon. Jane Doe (Minister of Industry, Lib.):', 'The Acting Speaker (Mr.
    Roe):', 'Some hon. members:') should open a turn, and every turn should open at one."""
    picked = _mirror.sample(
        _mirror.CA_HANSARD,
        lambda n: regex.search(r"/hansard\.36\.[12]\.(?:house|senate)\.debates\.[^/]*\.e$", n) is not None, limit,
    )
    if picked is None:
        print(f"\nReal parliamentary debates: skipped (no mirror of bkotzz/csc401 at {_mirror.CA_HANSARD})")
        return
    gold = found = right = opened = 0
    formats: dict[str, int] = {}
    for text in _mirror.texts(_mirror.CA_HANSARD, picked):
        src = parse_auto(text)
        formats[src.format] = formats.get(src.format, 0) + 1
        marks = list(_CA_LABEL.finditer(text))
        starts = {
            m.start(1) for k, m in enumerate(marks)
            if text[m.end(): marks[k + 1].start() if k + 1 < len(marks) else len(text)].strip()
        }
        label_at = {t.label_span.start for t in src.turns if t.label_span is not None}
        gold += len(starts)
        found += len(starts & label_at)
        opened += len(label_at)
        right += len(label_at & starts)
    print(f"\nReal parliamentary debates: {len(picked)} Canadian House and Senate sittings (aligned Hansard, "
          f"read as {', '.join(f'{k} {v}' for k, v in sorted(formats.items()))})")
    print(f"  label lines opening a turn (recall)      {found}/{gold} = {found / max(1, gold):.3f}")
    print(f"  turns opened at a label line (precision) {right}/{opened} = {right / max(1, opened):.3f}")


def main() -> None:
    print("Fixtures (tests/fixtures/layouts): detection and speaker per gold sentence")
    print(f"{'fixture':28} {'detected':>9} {'speaker':>9}")
    for name, ok, right, n in fixtures():
        print(f"{name:28} {'yes' if ok else 'NO':>9} {right / n:9.3f}")
    if "--quick" not in sys.argv:
        args, what = load_real()
        print(f"\nReal speech in each layout: {what}")
        if args:
            print(f"{'layout':16} {'sentences':>9} {'right':>7} {'detected':>9} {'target':>7} {'met':>4}")
            for layout in RENDER:
                right, total, detected, n = real_accuracy(args, layout)
                share = right / total if total else 0.0
                print(f"{layout:16} {total:9d} {share:7.3f} {detected:5d}/{n:<3d} {'>= ' + str(TARGET):>7} "
                      f"{'yes' if share >= TARGET and detected == n else 'no':>4}")
        official()
        parliament()
    else:
        args, _ = load_real()
    print("\nSpeed: Rev-style transcript read with parse_auto (detection included), best of 3")
    (mb1, t1), (mb10, t10) = speed(args)
    print(f"  {mb1:5.1f} MB  {t1:6.3f} s  {mb1 / t1:6.1f} MB/s")
    print(f"  {mb10:5.1f} MB  {t10:6.3f} s  {mb10 / t10:6.1f} MB/s  (target >= {SPEED_TARGET} MB/s: "
          f"{'met' if mb10 / t10 >= SPEED_TARGET else 'missed'}); 10 MB / 1 MB time = {t10 / t1:.1f} (10 is linear)")


if __name__ == "__main__":
    main()
