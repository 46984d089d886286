"""Run the atheris fuzz targets for a bounded time: ``python fuzz/run.py --seconds 60``.

Each target (fuzz/targets.py) runs in its own process for its share of the time, starting
from the seeds in ``fuzz/corpus/<target>/`` (committed) plus what earlier runs found in
``fuzz/work/<target>/`` (ignored). A crash or a unit slower than ``--unit-timeout`` seconds is
saved as ``fuzz/crashes/<target>-<kind>-<hash>``; commit it, and
tests/adversarial/test_fuzz_regressions.py replays it from then on. Exit status 1 when a
target crashed.

    python fuzz/run.py --seconds 60                    # every target, 60 s in all
    python fuzz/run.py --seconds 300 --target verify   # one target
    python fuzz/run.py --replay fuzz/crashes/verify-crash-...   # rerun one input, with a traceback
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(name: str, seconds: int, unit_timeout: int) -> None:
    import atheris

    with atheris.instrument_imports(include=["quoteverify"]):
        import quoteverify  # noqa: F401
    sys.path.insert(0, str(HERE))
    import targets

    work = HERE / "work" / name
    work.mkdir(parents=True, exist_ok=True)
    (HERE / "crashes").mkdir(exist_ok=True)
    seeds = HERE / "corpus" / name
    args = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        f"-timeout={unit_timeout}",
        "-rss_limit_mb=2048",
        "-max_len=4096",
        f"-artifact_prefix={HERE / 'crashes'}/{name}-",
        str(work),
    ]
    if seeds.is_dir():
        args.append(str(seeds))
    atheris.Setup(args, targets.TARGETS[name])
    atheris.Fuzz()


def _replay(path: Path) -> int:
    sys.path.insert(0, str(HERE))
    import targets

    name = path.name.split("-", 1)[0]
    name = next((t for t in targets.TARGETS if path.name.startswith(t + "-")), name)
    targets.TARGETS[name](path.read_bytes())
    print(f"{path.name}: {name} passes")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:  # before anything imports quoteverify, so atheris can instrument it
        _child(argv[1], int(argv[3]), int(argv[5]))
        return 0
    sys.path.insert(0, str(HERE))
    from targets import TARGETS

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=int, default=60, help="total fuzzing time, shared by the targets")
    p.add_argument("--target", action="append", choices=sorted(TARGETS), help="fuzz only this target (repeatable)")
    p.add_argument("--unit-timeout", type=int, default=10, help="an input slower than this is a crash")
    p.add_argument("--replay", type=Path, help="run one saved input through its target and exit")
    args = p.parse_args(argv)
    if args.replay:
        return _replay(args.replay)
    names = args.target or sorted(TARGETS)
    share = max(1, args.seconds // len(names))
    failed = []
    for name in names:
        print(f"fuzzing {name} for {share} s", flush=True)
        cmd = [sys.executable, __file__, "--child", name, "--seconds", str(share),
               "--unit-timeout", str(args.unit_timeout)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=share + 120)
        tail = [ln for ln in done.stderr.splitlines() if ln.startswith(("#", "Done", "==", "Traceback", " ", "INFO: -max"))]
        if done.returncode != 0:
            failed.append(name)
            print(done.stderr[-4000:], file=sys.stderr)
        else:
            print("  " + (tail[-1] if tail else "done"), flush=True)
    if failed:
        print(f"crashed: {', '.join(failed)} (inputs saved in {HERE / 'crashes'})", file=sys.stderr)
        return 1
    print("no crashes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
