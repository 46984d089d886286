"""Whole-novel benchmark (issue 15): who speaks every quotation of a whole PDNC novel, and how fast.

Run from the repository root::

    python benchmarks/novels.py                 # all 14 dev novels
    python benchmarks/novels.py GAMB EMMA       # some novels, by code
    python benchmarks/novels.py --failures 5    # also show 5 wrong or missed quotes per novel
    python benchmarks/novels.py --no-narrator   # without the narrator= option
    python benchmarks/novels.py --no-genders    # a registry without genders (as an interview's)

Data: ``../shared/datasets/pdnc_dev_novels/`` (``CODE.txt``, ``CODE.jsonl``,
``CODE.characters.json``; README there), read in place; skipped with a message when absent.

Protocol: for each novel, a registry from ``CODE.characters.json`` (main name, aliases, gender, as
``benchmarks/_pdnc.py`` builds it) and ``narrator=`` the character PDNC marks with the alias
``_narr`` (per-novel knowledge a reader has before the first quote; ``--no-narrator`` leaves it
out). ``--no-genders`` drops every gender from the registry, so who "he" and "she" can be rests on
what the text itself shows (the genders the extractor learns from titles and pronouns), as for
an interview's or a story's registry that gives none. ``quoteverify.extract_quotes`` runs once over the WHOLE text, timed with
``time.perf_counter`` (best of 3 runs per novel), speed in MB (10**6 characters) per second.

* A gold quotation (the union of its ``spans``) is **found** when the predicted quotes' parts cover
  >= 50 % of its characters (the rule of ``benchmarks/extraction.py``).
* Its speaker is **right** when the prediction covering most of it has a resolved speaker whose
  name is the gold character's main name (the gold ``speaker`` is sometimes an alias, mapped to
  the one character that has it). Missed quotations count as wrong: speaker accuracy is right / all
  gold quotations of that type.
* Baseline (``nearest name``, as in ``benchmarks/attribution.py``): the registered character whose
  mention (``SpeakerRegistry.find_mentions`` over the whole text) ends closest before the
  quotation or starts closest after it.
* Quote precision: the share of predictions with >= 50 % of their characters inside gold
  quotations (PDNC annotates every quotation with a speaker, so this is close to exact; its
  quotations without a speaker or of another type were kept out of the files, which can only
  lower the figure a little).

Targets (issue 15): speaker accuracy Explicit >= .95, Anaphoric >= .80, Implicit >= .65; speed
>= 1 MB/s.
"""

from __future__ import annotations

import bisect
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _pdnc import narrator_of, registry_of  # noqa: E402
from extraction import covered, length, merge  # noqa: E402

from quoteverify import SpeakerRegistry  # noqa: E402
from quoteverify.extraction import extract_quotes  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets" / "pdnc_dev_novels"
KINDS = ("Explicit", "Anaphoric", "Implicit")
TARGETS = {"Explicit": 0.95, "Anaphoric": 0.80, "Implicit": 0.65}
SPEED_TARGET = 1.0
REPEAT = 3
NO_GENDERS = "--no-genders" in sys.argv  # a registry without genders: the text must show them


def option(name: str, default: int) -> int:
    if name in sys.argv:
        i = sys.argv.index(name)
        return int(sys.argv[i + 1])
    return default


def codes() -> list[str]:
    args = [a for i, a in enumerate(sys.argv[1:], 1)
            if not a.startswith("--") and sys.argv[i - 1] != "--failures"]
    if args:
        return args
    return sorted(p.name[:-4] for p in DATA.glob("*.txt"))


REASONS = (
    ("most recent compatible", "pronoun/description -> most recent compatible speaker"),
    ("refers to no earlier", "pronoun/description -> no compatible speaker"),
    ("turn-taking", "no cue: turn-taking"),
    ("continues", "no cue: previous speaker continues"),
    ("same paragraph as the previous", "no cue: same paragraph as previous quote"),
    ("acts in the same paragraph", "no cue: a character acts in the paragraph"),
    ("most recently mentioned", "no cue: most recently mentioned"),
    ("first-person narrator", "'I': the narrator"),
    ("addressed in the previous line", "pronoun or no cue: previous line's addressee"),
    ("first or second person", "'I'/'you' with no narrator known"),
    ("a new speaker described as", "a new speaker from a description"),
    ("resolved by the registry", "named: registry name/alias"),
    ("named in the story", "named: unregistered mention"),
)


def reason(resolution: str | None) -> str:
    """The library's ``resolution`` sentence reduced to a rule name (names dropped)."""
    text = " ".join((resolution or "").split())
    for key, name in REASONS:
        if key in text:
            return name
    return "other" if text else "none"


def canonical(chars: list[dict[str, Any]]) -> dict[str, str]:
    """Gold speaker as written -> the character's main name.

    The ``speaker`` field is usually the main name but sometimes an alias ("Lucy" for the
    character whose main name is "Miss Honeychurch"); an alias that only one character has is
    mapped to that character (as ``_pdnc.gold_name`` does with ``speaker_info``).
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for c in chars:
        for a in (c["main_name"], *c["aliases"]):
            owners[a].add(c["main_name"])
    mains = {c["main_name"] for c in chars}
    return {a: next(iter(m)) for a, m in owners.items() if len(m) == 1 and a not in mains}


def nearest(mentions: list[tuple[int, int, str]], starts: list[int], a: int, b: int) -> str | None:
    """Baseline: the registered character named closest to the quotation, outside it."""
    k = bisect.bisect_left(starts, a)
    best: tuple[int, str] | None = None
    j = k - 1
    while j >= 0 and (best is None or a - mentions[j][1] < best[0]):
        _s0, e0, name = mentions[j]
        if e0 <= a and (best is None or a - e0 < best[0]):
            best = (a - e0, name)
        j -= 1
        if k - j > 50:
            break
    j = bisect.bisect_left(starts, b)
    if j < len(mentions) and (best is None or mentions[j][0] - b < best[0]):
        best = (mentions[j][0] - b, mentions[j][2])
    return best[1] if best else None


def run_novel(code: str, show: int) -> dict[str, Any]:
    text = (DATA / f"{code}.txt").read_text(encoding="utf-8")
    chars = json.loads((DATA / f"{code}.characters.json").read_text(encoding="utf-8"))
    with (DATA / f"{code}.jsonl").open(encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh]
    meta = {"characters": chars}
    canon = canonical(chars)
    registry = registry_of(meta)
    if NO_GENDERS:
        registry = SpeakerRegistry([attrs.evolve(s, gender=None) for s in registry])
    narrator = narrator_of(meta)
    seconds = float("inf")
    for _ in range(REPEAT):  # best of REPEAT: the machine is shared
        t0 = time.perf_counter()
        quotes = extract_quotes(text, speakers=registry, narrator=narrator)
        seconds = min(seconds, time.perf_counter() - t0)
    preds = [(merge((p.start, p.end) for p in (q.parts or (q.span,))), q) for q in quotes]
    mentions = sorted(
        (span.start, span.end, speaker.name) for span, speaker in registry.find_mentions(text)
    )
    m_starts = [m[0] for m in mentions]
    gold_cover = merge(tuple(s) for g in gold for s in g["spans"])
    correct_preds = sum(
        1 for parts, _ in preds if covered(parts, gold_cover) * 2 >= max(1, length(parts))
    )
    # index predictions by start so each gold quote looks only at its neighbours
    preds.sort(key=lambda p: p[0][0][0] if p[0] else 0)
    starts = [p[0][0][0] if p[0] else 0 for p in preds]
    total: dict[str, int] = defaultdict(int)
    found: dict[str, int] = defaultdict(int)
    right: dict[str, int] = defaultdict(int)
    base: dict[str, int] = defaultdict(int)
    wrong_kinds: Counter[str] = Counter()
    shown: list[str] = []
    for g in gold:
        kind = g["quote_type"]
        total[kind] += 1
        region = merge(tuple(s) for s in g["spans"])
        a, b = region[0][0], region[-1][1]
        lo = max(0, bisect.bisect_left(starts, a) - 3)
        hi = bisect.bisect_right(starts, b)
        near = [p for p in preds[lo:hi] if p[0] and p[0][-1][1] > a]
        gold_name = canon.get(g["speaker"], g["speaker"])
        if nearest(mentions, m_starts, a, b) == gold_name:
            base[kind] += 1
        got = sum(covered(region, p[0]) for p in near)
        if not near or got * 2 < length(region):
            wrong_kinds[f"{kind}: missed"] += 1
            if len(shown) < show:
                shown.append(f"  MISSED {kind:<9} gold={g['speaker']!r}: {g['quote_text'][:70]!r}")
            continue
        found[kind] += 1
        best = max(near, key=lambda p: covered(region, p[0]))[1]
        name = best.speaker.name if best.speaker is not None else None
        unsure = "uncertain" if best.uncertain or "could also be" in (best.resolution or "") else "sure"
        wrong_kinds[f"{unsure} {'right' if name == gold_name else 'wrong'}"] += 1
        if name == gold_name:
            right[kind] += 1
            wrong_kinds[f"rule right: {reason(best.resolution)}"] += 1
        else:
            why = "no speaker" if name is None else (
                "unregistered" if best.speaker is not None and not best.speaker.registered
                else "other character")
            wrong_kinds[f"{kind}: {why}"] += 1
            wrong_kinds[f"rule: {reason(best.resolution)}"] += 1
            if len(shown) < show:
                shown.append(
                    f"  WRONG  {kind:<9} gold={gold_name!r} got={name!r} "
                    f"({' '.join((best.resolution or '').split())}): {g['quote_text'][:60]!r}"
                )
    return {
        "code": code, "chars": len(text), "seconds": seconds, "total": total, "found": found,
        "right": right, "base": base, "preds": len(preds), "correct_preds": correct_preds,
        "wrong": wrong_kinds, "shown": shown,
    }


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} is not there (the shared datasets live next to the repository)")
        return 0
    show = option("--failures", 0)
    rows = []
    for code in codes():
        r = run_novel(code, show)
        rows.append(r)
        n = sum(r["total"].values())
        acc = sum(r["right"].values()) / max(1, n)
        print(f"{code}: {r['chars'] / 1e6:.2f} MB in {r['seconds']:.1f} s, {n} quotations, "
              f"speaker accuracy {acc:.3f}", flush=True)
        for line in r["shown"]:
            print(line)

    total: dict[str, int] = defaultdict(int)
    found: dict[str, int] = defaultdict(int)
    right: dict[str, int] = defaultdict(int)
    base: dict[str, int] = defaultdict(int)
    wrong: Counter[str] = Counter()
    for r in rows:
        for k in KINDS:
            total[k] += r["total"][k]
            found[k] += r["found"][k]
            right[k] += r["right"][k]
            base[k] += r["base"][k]
        wrong.update(r["wrong"])
    chars = sum(r["chars"] for r in rows)
    seconds = sum(r["seconds"] for r in rows)

    print("\nWhole PDNC dev novels: extract_quotes over each whole text (missed quotes count wrong)")
    head = (f"{'quote type':<12}{'n':>7}{'found':>9}{'speaker acc':>13}{'nearest name':>14}"
            f"{'target':>10}{'met':>6}")
    print(head)
    print("-" * len(head))
    for k in (*KINDS, "all"):
        n = sum(total.values()) if k == "all" else total[k]
        f = (sum(found.values()) if k == "all" else found[k]) / max(1, n)
        a = (sum(right.values()) if k == "all" else right[k]) / max(1, n)
        bl = (sum(base.values()) if k == "all" else base[k]) / max(1, n)
        t = TARGETS.get(k)
        tgt = f">= {t:.2f}" if t is not None else ""
        met = ("yes" if a >= t else "no") if t is not None else ""
        print(f"{k:<12}{n:>7}{f:>9.3f}{a:>13.3f}{bl:>14.3f}{tgt:>10}{met:>6}")
    preds = sum(r["preds"] for r in rows)
    good = sum(r["correct_preds"] for r in rows)
    mbs = chars / 1e6 / max(seconds, 1e-9)
    print(f"quote precision {good / max(1, preds):.3f} ({good}/{preds} predictions inside gold)")
    print(f"speed {mbs:.2f} MB/s ({chars / 1e6:.2f} MB in {seconds:.1f} s)   target >= "
          f"{SPEED_TARGET:.1f} MB/s   met {'yes' if mbs >= SPEED_TARGET else 'no'}")
    print("\nPer novel (speaker accuracy, all types; MB/s)")
    for r in rows:
        n = sum(r["total"].values())
        print(f"  {r['code']:<5}{sum(r['right'].values()) / max(1, n):>7.3f}"
              f"{r['chars'] / 1e6 / max(r['seconds'], 1e-9):>8.2f}")
    print("\nWhy quotations were wrong (counts)")
    for key, c in sorted(wrong.items()):
        if not key.startswith(("rule", "sure", "uncertain")):
            print(f"  {key:<32}{c:>6}")
    print("\nFlagged uncertain by the library (uncertain=True or 'could also be'): right / wrong / accuracy")
    for unsure in ("sure", "uncertain"):
        ok, bad = wrong[f"{unsure} right"], wrong[f"{unsure} wrong"]
        print(f"  {unsure:<12}{ok:>7}{bad:>7}{ok / max(1, ok + bad):>8.3f}")
    print("\nBy the library's rule (its resolution sentence): right / wrong / accuracy")
    rules = {k.split(": ", 1)[1] for k in wrong if k.startswith("rule")}
    for rule in sorted(rules, key=lambda r: -wrong[f"rule: {r}"]):
        ok, bad = wrong[f"rule right: {rule}"], wrong[f"rule: {rule}"]
        print(f"  {rule:<56}{ok:>6}{bad:>6}{ok / max(1, ok + bad):>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
