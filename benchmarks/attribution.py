"""Attribution benchmark (issue 3): who speaks the gold quote when a novel passage is a source.

Run from the repository root::

    python benchmarks/attribution.py

Data: ``../shared/datasets/pdnc_dev.jsonl`` read in place (skipped with a message when absent).

Protocol: for each record, a registry is built from the novel's ``characters`` (main name,
aliases, gender); the passage becomes a source with
``parse_article(passage, speakers=registry, narrator=...)`` (the first-person narrator where PDNC
marks one with the alias ``_narr``, per-novel knowledge, never a per-quote label; ``--no-narrator``
leaves it out); the answer is the speaker of the turn covering
the start of the gold quotation (``source.turn_at``), correct when it is the gold character
(no turn, or an unknown speaker, counts as wrong). The baseline picks the nearest named
character: the registry mention (``find_mentions``) outside the quotation closest to it in
characters. Results by ``quote_type``; the targets concern Explicit and Anaphoric quotes.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _pdnc import gold_name, narrator_of, registry_of  # noqa: E402

from quoteverify.extraction import parse_article  # noqa: E402
from quoteverify.speakers import SpeakerRegistry  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets"
KINDS = ("Explicit", "Anaphoric", "Implicit")
TARGETS = {"Explicit": 0.95, "Anaphoric": 0.85}








def nearest(registry: SpeakerRegistry, passage: str, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for span, speaker in registry.find_mentions(passage):
        if span.end > start and span.start < end:
            continue  # inside the quotation
        dist = start - span.end if span.end <= start else span.start - end
        if best is None or dist < best[0]:
            best = (dist, speaker.name)
    return best[1] if best else None


def main() -> int:
    path = DATA / "pdnc_dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} is not there (the shared datasets live next to the repository)")
        return 0
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    registries: dict[str, SpeakerRegistry] = {}
    total: dict[str, int] = defaultdict(int)
    ours: dict[str, int] = defaultdict(int)
    base: dict[str, int] = defaultdict(int)
    for r in records:
        reg = registries.get(r["novel_code"])
        if reg is None:
            reg = registries[r["novel_code"]] = registry_of(r)
        kind, gold = r["quote_type"], gold_name(r)
        start = min(s["start"] for s in r["quote_spans"])
        end = max(s["end"] for s in r["quote_spans"])
        total[kind] += 1
        source = parse_article(r["passage"], speakers=reg, narrator=narrator_of(r))
        turn = source.turn_at(start)
        if turn is not None and turn.speaker is not None and turn.speaker.name == gold:
            ours[kind] += 1
        if nearest(reg, r["passage"], start, end) == gold:
            base[kind] += 1

    print("\nWho speaks the quote: PDNC dev passages as sources (parse_article)")
    head = f"{'quote type':<12}{'n':>6}{'quoteverify':>14}{'nearest name':>14}"
    head += f"{'ratio':>8}{'target':>10}"
    print(head)
    print("-" * len(head))
    for kind in (*KINDS, "all"):
        n = sum(total.values()) if kind == "all" else total[kind]
        a = (sum(ours.values()) if kind == "all" else ours[kind]) / max(1, n)
        b = (sum(base.values()) if kind == "all" else base[kind]) / max(1, n)
        t = TARGETS.get(kind)
        target = f">= {t:.2f}" if t is not None else ""
        ratio = f"{a / b:.2f}" if b else "-"
        print(f"{kind:<12}{n:>6}{a:>14.3f}{b:>14.3f}{ratio:>8}{target:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
