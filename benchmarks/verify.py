"""End-to-end speed of ``verify`` and ``check_article`` (issue 5).

Run from the repository root::

    python benchmarks/verify.py [--profile]

1. ``verify`` throughput on a 1 MB source: a two-speaker transcript built from
   PolNeAR/PDNC prose (``../shared/datasets``, read in place) or, without it,
   from ``/usr/share/common-licenses``; the source's index is built once (by a
   first call, timed separately); then 2,000 quotes are verified: verbatim
   sentences, cosmetic and meaning-bearing edits, clauses, misattributions and
   absent sentences (equal shares). Target: >= 2,000 quotes/s.
2. ``check_article`` on a 2,000-word story quoting a 20,000-word transcript
   (one quote per ~60 words). Target: < 50 ms.

``--profile`` prints the top functions by cumulative time for the verify loop.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if importlib.util.find_spec("quoteverify") is None:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))  # (an installed build, maybe compiled, is measured as it is)

import quoteverify as qv  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from calibration import body, negate, sentences  # noqa: E402

SEED = 7


def transcript(pool: list[str], size: int, rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """A ``NAME: ...`` transcript of about ``size`` characters, and its (speaker, sentence) pairs."""
    parts: list[str] = []
    said: list[tuple[str, str]] = []
    n = 0
    i = 0
    while n < size:
        who = ("Ana Ruiz", "Tom Becker")[i % 2]
        sents = [pool[(i * 3 + k) % len(pool)] for k in range(3)]
        line = f"{who.upper()}: {' '.join(sents)}"
        parts.append(line)
        said.extend((who, s) for s in sents)
        n += len(line) + 2
        i += 1
    return "\n\n".join(parts), said


def queries(said: list[tuple[str, str]], absent: list[str], n: int, rng: random.Random) -> list[tuple[str, str]]:
    out = []
    for k in range(n):
        who, s = rng.choice(said)
        kind = k % 6
        if kind == 0:
            out.append((body(s), who))
        elif kind == 1:
            b = body(s)
            out.append((b[:1].lower() + b[1:], who))
        elif kind == 2:
            out.append((negate(s, rng) or body(s), who))
        elif kind == 3:
            words = body(s).split()
            out.append((" ".join(words[: max(4, len(words) // 2)]), who))
        elif kind == 4:
            out.append((body(s), "Tom Becker" if who == "Ana Ruiz" else "Ana Ruiz"))
        else:
            out.append((body(rng.choice(absent)), who))
    return out


def bench_verify(pool: list[str], absent: list[str], profile: bool) -> None:
    rng = random.Random(SEED)
    text, said = transcript(pool, 1_000_000, rng)
    src = qv.Source.from_transcript(text)
    qs = queries(said, absent, 2000, rng)
    t0 = time.perf_counter()
    qv.verify(qs[0][0], src, speaker=qs[0][1])
    t1 = time.perf_counter()
    prof = cProfile.Profile() if profile else None
    if prof:
        prof.enable()
    t2 = time.perf_counter()
    verdicts: dict[str, int] = {}
    for q, who in qs:
        v = qv.verify(q, src, speaker=who)
        verdicts[v.fidelity.value] = verdicts.get(v.fidelity.value, 0) + 1
    t3 = time.perf_counter()
    if prof:
        prof.disable()
    rate = len(qs) / (t3 - t2)
    print(f"verify: source {len(text) / 1e6:.2f} MB, {len(src.turns)} turns; first call "
          f"(index build) {t1 - t0:.2f} s; {len(qs)} quotes in {t3 - t2:.2f} s = "
          f"{rate:,.0f} quotes/s (target >= 2,000) {'OK' if rate >= 2000 else 'MISSED'}")
    print(f"        verdicts {dict(sorted(verdicts.items()))}")
    if prof:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    stages(src, qs)


def stages(src: qv.Source, qs: list[tuple[str, str]]) -> None:
    """Where a verify call spends its time: each stage timed alone over the same quotes."""
    from quoteverify.alignment import align
    from quoteverify.attribution import attribute
    from quoteverify.confidence import score, score_evidence
    from quoteverify.fidelity import judge
    from quoteverify.location import find_paraphrase, locate

    spent = dict.fromkeys(("locate", "align", "judge", "attribute", "drift", "confidence"), 0.0)
    for q, who in qs:
        t = time.perf_counter()
        loc = locate(q, src) or find_paraphrase(q, src)
        spent["locate"] += time.perf_counter() - t
        if loc is None:
            continue
        t = time.perf_counter()
        ali = align(q, loc)
        spent["align"] += time.perf_counter() - t
        t = time.perf_counter()
        fid = judge(loc, ali)
        spent["judge"] += time.perf_counter() - t
        t = time.perf_counter()
        att = attribute(loc, src, who)
        spent["attribute"] += time.perf_counter() - t
        v = qv.Verification(qv.Quote(q, speaker=who), fid, src, loc, ali, att)
        t = time.perf_counter()
        qv.assess_drift(v)
        spent["drift"] += time.perf_counter() - t
        t = time.perf_counter()
        score(score_evidence(v))
        spent["confidence"] += time.perf_counter() - t
    total = sum(spent.values())
    print("        per quote: " + ", ".join(
        f"{k} {1e3 * s / len(qs):.3f} ms ({s / total:.0%})" for k, s in spent.items()))


def bench_article(pool: list[str]) -> None:
    rng = random.Random(SEED + 1)
    _text, said = transcript(pool, 0, rng)
    parts: list[str] = []
    words = 0
    i = 0
    while words < 20_000:
        who = ("Ana Ruiz", "Tom Becker")[i % 2]
        sents = [pool[(i * 3 + k + 5000) % len(pool)] for k in range(3)]
        parts.append(f"{who.upper()}: {' '.join(sents)}")
        said.extend((who, s) for s in sents)
        words += sum(len(s.split()) for s in sents)
        i += 1
    src = qv.Source.from_transcript("\n\n".join(parts))
    story: list[str] = []
    n = 0
    while n < 2000:
        who, s = rng.choice(said)
        filler = body(rng.choice(pool))
        para = f'{filler}. "{body(s)}," {who} said.'
        story.append(para)
        n += len(para.split())
    article = "\n\n".join(story)
    qv.verify(body(said[0][1]), src)  # build the source's index once, as for verify
    t0 = time.perf_counter()
    r = qv.check_article(article, src)
    t1 = time.perf_counter()
    ms = (t1 - t0) * 1000
    print(f"check_article: story {len(article.split())} words, transcript {words} words, "
          f"{len(r.verifications)} quotes in {ms:.1f} ms (target < 50 ms) {'OK' if ms < 50 else 'MISSED'}")
    t0 = time.perf_counter()
    qv.extract_quotes(article)
    t1 = time.perf_counter()
    print(f"               of which extract_quotes {1000 * (t1 - t0):.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    pool, origin = sentences()
    if not pool:
        print("no prose found: skipped")
        return 0
    rng = random.Random(SEED)
    rng.shuffle(pool)
    half = len(pool) * 3 // 4
    print(f"prose: {origin} ({len(pool)} sentences)")
    bench_verify(pool[:half], pool[half:], args.profile)
    bench_article(pool[:half])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
