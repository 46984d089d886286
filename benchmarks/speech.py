"""Speech to print: are a reporter's cleanups of spoken words cosmetic, and are meaning changes still caught?

    python benchmarks/speech.py              # per kind: verdict shares, false alarms, negations caught
    python benchmarks/speech.py --failures   # each case that misses, with its edits

Reads ``../shared/datasets/cleaned_speech_dev.jsonl`` in place (549 real sentences from US Supreme
Court oral arguments with a reporter's cleanup applied: a repeated phrase dropped, a leading
interjection dropped, both, or a repetition holding a negation printed without it). Each quote is
verified against its speaker's whole turn (``source_text``, a ``NAME: text`` transcript).

A *false alarm* is a cleanup expected cosmetic that comes out altered, spliced, paraphrased or not
found (target <= 2 %).

Second part, **two transcriptions of one event**: the Supreme Court's official transcripts of the
arguments of 26 and 27 March 2012 in HHS v. Florida (line-numbered pages, as the Court publishes
them; read from a local git mirror of GitHub ``dannguyen/SCOTUS-Transcript-Viewer``) against
Oyez's independent transcription of the same sessions (``at350/scotus-transcripts``, as
``benchmarks/drift.py`` reads it). Every sentence of six words or more in Oyez's transcript is
verified against the official transcript, claimed for Oyez's speaker: the shares of verdicts,
and of attributions confirmed. Differences that remain are the transcribers' (a word heard
differently, a sentence split otherwise), which the ``--failures`` list shows. Skipped, with a
line saying so, when the mirrors are not here. A negation case is *caught* when it is altered with a meaning-bearing edit, or
drift reports a serious truncation (the quote starts right after the dropped negation); target: all. Also prints the speed of ``verify`` on these cases.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import quoteverify as qv  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets" / "cleaned_speech_dev.jsonl"
FALSE_ALARM_TARGET = 0.02
BAD = {"altered", "spliced", "paraphrased", "not_found"}


def main() -> None:
    if not DATA.exists():
        print(f"{DATA} not found: nothing to measure (the data set is read in place)")
        return
    cases = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    misses: list[tuple[str, str, str, list[str]]] = []
    t0 = time.perf_counter()
    for c in cases:
        src = qv.Source.from_transcript(c["source_text"])
        v = qv.verify(c["quote"], src)
        verdict = v.fidelity.value
        by_kind[c["kind"]][verdict] += 1
        if c["expected"] == "cosmetic":
            wrong = verdict in BAD
        else:
            # caught: altered with a meaning-bearing edit, or a serious truncation (the quote
            # starts just after the dropped "not -- not")
            wrong = not (
                (verdict == "altered" and any(e.meaning for e in v.edits))
                or any(f.kind == "truncation" and f.severity.value == "serious" for f in v.drift.findings)
            )
        by_kind[c["kind"]]["_wrong"] += wrong
        if wrong:
            misses.append((c["kind"], c["quote"], c["spoken"], [e.describe() for e in v.edits]))
    elapsed = time.perf_counter() - t0
    print(f"{len(cases)} cleaned quotes from real oral arguments ({DATA.name})")
    print(f"{'kind':22} {'n':>4} {'verbatim':>9} {'cosmetic':>9} {'altered':>8} {'spliced':>8} {'para':>5} {'nf':>4} {'wrong':>7}")
    cosmetic_n = cosmetic_wrong = neg_n = neg_wrong = 0
    for kind in sorted(by_kind):
        c = by_kind[kind]
        n = sum(v for k, v in c.items() if not k.startswith("_"))
        print(f"{kind:22} {n:4d} {c['verbatim']:9d} {c['cosmetic']:9d} {c['altered']:8d} {c['spliced']:8d} "
              f"{c['paraphrased']:5d} {c['not_found']:4d} {c['_wrong'] / n:7.1%}")
        if kind == "repetition_negation":
            neg_n, neg_wrong = n, c["_wrong"]
        else:
            cosmetic_n, cosmetic_wrong = cosmetic_n + n, cosmetic_wrong + c["_wrong"]
    fa = cosmetic_wrong / cosmetic_n if cosmetic_n else 0.0
    print(f"\nfalse alarms (cosmetic cleanups called altered/spliced/paraphrased/not found): "
          f"{cosmetic_wrong}/{cosmetic_n} = {fa:.1%} (target <= {FALSE_ALARM_TARGET:.0%}: "
          f"{'met' if fa <= FALSE_ALARM_TARGET else 'missed'})")
    print(f"negations caught (altered and meaning-bearing, or a serious truncation): {neg_n - neg_wrong}/{neg_n} "
          f"({'met' if neg_wrong == 0 else 'missed'}: all)")
    print(f"speed: {len(cases) / elapsed:,.0f} quotes/s (verify against each quote's turn)")
    if "--failures" in sys.argv:
        for kind, quote, spoken, edits in misses:
            print(f"\n[{kind}] quote:  {quote}\n  spoken: {spoken}\n  edits:  {edits}")


OFFICIAL = Path("/work/.mirror/dannguyen+SCOTUS-Transcript-Viewer/repo")
OFFICIAL_FILES = {
    "oyez/cases/2011.11-393-t01.json": "data-hold/transcripts/11-398--Department of Health and Human Servs. v. Florida--2012-03-26.txt",
    "oyez/cases/2011.11-393-t02.json": "data-hold/transcripts/11-398--Department of Health and Human Servs. v. Florida--2012-03-27.txt",
}
SENTENCE = re.compile(r"[^.!?]+[.!?]+")


def _git_show(git: Path, path: str) -> str | None:
    if not git.exists():
        return None
    out = subprocess.run(["git", "--git-dir", str(git), "show", f"HEAD:{path}"],
                         capture_output=True, text=True, check=False)
    return out.stdout if out.returncode == 0 else None


def pairs() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import drift as drift_bench  # where the Oyez transcripts are read

    verdicts: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    misses: list[tuple[str, str, list[str]]] = []
    n_sessions = 0
    for oyez_path, official_path in OFFICIAL_FILES.items():
        raw = drift_bench.read_raw(oyez_path)
        official = _git_show(OFFICIAL, official_path)
        if raw is None or official is None:
            continue
        n_sessions += 1
        src = qv.Source.detect(official)
        for name, words in drift_bench.turns_of(raw):
            for m in SENTENCE.finditer(words):
                sentence = " ".join(m.group().split()).rstrip(".?!")
                if len(sentence.split()) < 6:
                    continue
                v = qv.verify(sentence, src, speaker=name)
                verdicts[v.fidelity.value] += 1
                statuses[v.attribution.status.value if v.attribution else "none"] += 1
                if v.fidelity.value in BAD:
                    misses.append((v.fidelity.value, sentence, [e.describe() for e in v.edits]))
    print("\nTwo transcriptions of one event: Oyez against the Court's official transcript")
    if not n_sessions:
        print("  skipped: the official transcripts (git mirror of dannguyen/SCOTUS-Transcript-Viewer) or "
              "the Oyez ones are not here")
        return
    total = sum(verdicts.values())
    print(f"  {n_sessions} sessions, {total} sentences of six words or more, read as {src.format}")
    for k in ("verbatim", "cosmetic", "altered", "spliced", "paraphrased", "not_found"):
        print(f"  {k:12} {verdicts[k]:5d}  {verdicts[k] / total:6.1%}")
    print("  attribution: " + ", ".join(f"{k} {v / total:.1%}" for k, v in statuses.most_common()))
    if "--failures" in sys.argv:
        for verdict, sentence, edits in misses:
            print(f"\n  [{verdict}] {sentence}\n    edits: {edits}")


if __name__ == "__main__":
    main()
    if "--no-pairs" not in sys.argv:
        pairs()
