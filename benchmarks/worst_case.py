"""Worst cases: every public call on every hostile input, timed on one core, with peak memory.

    python benchmarks/worst_case.py            # the table (1x/10x/100x for the big inputs)
    python benchmarks/worst_case.py --quick    # 1x/10x only
    python benchmarks/worst_case.py --big 100  # a 100 MB source: index build, locate, verify, peak RSS

Protocol. The hostile texts and the calls are the adversarial suite's (tests/adversarial/
hostile.py and calls.py). The big inputs are measured at 1/100, 1/10 and the full size of the
issue (10 MB on one line, 1,000,000 short lines, one word 200,000 times, 10,000 quote marks,
quotes nested 1,000 deep); the others at their one size. Each cell runs in a forked child
pinned to one CPU with a hard cap (--cap, default 60 s): ``time`` is the wall time of the
call (inputs built beforehand), ``peak`` the tracemalloc peak of a second run (skipped, shown
as ``rss``+MB of the first run's growth in max RSS, when the first run took over 2 s, since
tracemalloc slows Python code about tenfold). ``growth`` is time(100x)/time(10x) (or 10x/1x):
about 10 is linear, about 100 quadratic. ``result`` is ``ok`` or the typed error raised.
The 100 MB run uses max RSS only (tracemalloc would take many minutes there).
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import resource
import signal
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "adversarial"))

import contextlib

import calls
import hostile

import quoteverify as qv

BASE = {k: max(1, v // 100) for k, v in hostile.FULL.items()}
FACTORS = (1, 10, 100)


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _measure(case: str, factor: int, name: str) -> dict[str, Any]:
    text = hostile.build(case, BASE, factor) if case in hostile.SIZE_KEY else hostile.build(case)
    call = calls.CALLS[name]
    before = _rss_mb()
    t0 = time.perf_counter()
    try:
        call(text)
        result = "ok"
    except calls.EXPECTED_ERRORS as e:
        result = type(e).__name__
    elapsed = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3 - before
    peak = None
    if elapsed < 2.0:
        tracemalloc.start()
        with contextlib.suppress(calls.EXPECTED_ERRORS):
            call(text)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return {"chars": len(text), "time": elapsed, "peak": peak, "rss": max(rss, 0.0), "result": result}


def _in_child(cap: float, fn: Any, *args: Any) -> dict[str, Any]:
    """Run ``fn(*args)`` in a forked child on one CPU; kill it after ``cap`` seconds."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
            out = fn(*args)
        except BaseException as e:  # a crash is a result here
            out = {"result": f"CRASH {type(e).__name__}: {e}"[:80], "time": float("nan")}
        os.write(w, pickle.dumps(out))
        os._exit(0)
    os.close(w)
    deadline = time.monotonic() + cap
    while time.monotonic() < deadline:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.01)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(r)
        return {"result": f"TIMEOUT >{cap:.0f}s", "time": float("inf"), "peak": None, "rss": 0.0, "chars": 0}
    data = b""
    while chunk := os.read(r, 65536):
        data += chunk
    os.close(r)
    return dict(pickle.loads(data)) if data else {"result": "no result", "time": float("nan")}


def _fmt_mem(cell: dict[str, Any]) -> str:
    if cell.get("peak") is not None:
        return f"{cell['peak']:.1f}"
    return f"rss+{cell.get('rss', 0):.0f}"


def table(factors: tuple[int, ...], cap: float, cases: list[str], names: list[str]) -> int:
    print(f"{'input':16} {'call':30} {'chars':>11} {'time s':>8} {'peak MB':>9} {'growth':>7}  result")
    slow = 0
    for case in cases:
        sizes = factors if case in hostile.SIZE_KEY else (1,)
        for name in names:
            prev = None
            for f in sizes:
                cell = _in_child(cap, _measure, case, f, name)
                t = cell.get("time", float("nan"))
                growth = f"{t / prev:.1f}" if prev and prev > 0.005 and t == t else ""
                prev = t
                label = case if f == 1 else f"{case} x{f}"
                flag = "  <-- over 2 s" if t > 2.0 else ""
                slow += t > 2.0
                print(
                    f"{label:16} {name:30} {cell.get('chars', 0):>11,} {t:>8.3f} {_fmt_mem(cell):>9} "
                    f"{growth:>7}  {cell.get('result')}{flag}",
                    flush=True,
                )
    print(f"\ncells over 2 s: {slow}")
    return slow


def _big(mb: int) -> dict[str, Any]:
    words = ["we", "said", "that", "access", "to", "the", "data", "was", "never", "ours", "and", "what", "we", "do", "is", "sell", "them", "a", "server"]
    rnd = random.Random(7)
    block = " ".join(rnd.choice(words) for _ in range(300_000))[:1_000_000]  # 1 MB of prose
    text = block * (mb // 2) + " We don't have access to the data, said Xie. " + block * (mb - mb // 2)
    del block
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    out: dict[str, Any] = {"chars": len(text), "RSS with the text loaded MB": base}
    t0 = time.perf_counter()
    src = qv.Source(text)
    loc = qv.locate("We don't have access to the data", src)
    out["first locate (builds the index) s"] = time.perf_counter() - t0
    assert loc is not None
    assert text[loc.start : loc.end] == loc.text
    t0 = time.perf_counter()
    v = qv.verify("We do not have access to the data", src)
    out["verify s"] = time.perf_counter() - t0
    out["fidelity"] = str(v.fidelity)
    t0 = time.perf_counter()
    qv.verify("a sentence nobody ever said about facial recognition", src)
    out["verify (absent) s"] = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    out["peak RSS MB (process)"] = peak
    out["peak RSS over the loaded text MB"] = peak - base
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="1x and 10x only")
    p.add_argument("--cap", type=float, default=60.0, help="seconds before a cell is killed")
    p.add_argument("--case", action="append", choices=sorted(hostile.CASES), help="only this input")
    p.add_argument("--call", action="append", choices=sorted(calls.CALLS), help="only this call")
    p.add_argument("--big", type=int, metavar="MB", help="measure one MB-sized source instead")
    args = p.parse_args()
    if args.big:
        res = _in_child(3600, _big, args.big)
        for k, v in res.items():
            print(f"{k:36} {v:.2f}" if isinstance(v, float) else f"{k:36} {v}")
        return 0
    factors = (1, 10) if args.quick else FACTORS
    table(factors, args.cap, args.case or list(hostile.CASES), args.call or list(calls.CALLS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
