r"""Every regular expression in the package, fed pathological strings, completes: no catastrophic backtracking.

Each module of quoteverify is imported, and every compiled ``re``/``regex`` pattern found at
module level (also inside tuples, lists, dicts and frozensets there, and as class attributes)
is run over long runs of its own characters and of the usual troublemakers (spaces, dots,
apostrophes, quote marks, capitals, CJK, combining marks), each run ending in a character that
forces a failed match. A pattern is run the ways the module's source uses it: a pattern only
ever called with ``.match``/``.fullmatch`` (anchored at one position) is not scanned with
``.search``, since any pattern opening with ``\s+`` is quadratic when searched over a run of
spaces, which does not matter when it is only tried at one place. A pattern whose uses cannot
be seen (passed around, or used by a name other than its own) is run every way. One subprocess per module does it
under a hard cap: a quadratic or exponential pattern blows through the cap by orders of
magnitude, a linear one finishes in a fraction of it, so this is not a flaky speed test.
The worker prints each pattern before running it, so a timeout names the culprit.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import regex

import quoteverify

HARD_CAP_SECONDS = 60  # per module; a clean module takes well under 5 s
LENGTH = 10_000
ANCHORED = frozenset({"match", "fullmatch"})
GENERIC_UNITS = (
    "a", " ", "a ", "aa ", ".", ". ", "a.", "'", "a'", "-", "a-", "\n", "\n\n", "A", "A. ", "Aa ",
    "“", "”", '"', "« ", "[", "[.", "...", ". . ", "1", "1,", "1.", ":", "A:", "\t", "<", "<v ",
    "00:", "-->", "印", "😀", "\u0301", "a\u0301", "Mr. ", "Q: ", ", ", "\u200b", "\r\n",
)


# Patterns that once backtracked quadratically, with the run that showed it. Each is also
# checked alone on that run, under a cap such a pattern blows through by far, so a return is noticed.
ONCE_QUADRATIC: dict[str, tuple[str, str]] = {
    "quoteverify.extraction._BEFORE_NAME": (
        "F",
        "search() over a run of capitals re-tried the name at every position (x2 length = x4 time, "
        "20,000 capitals before 'said' took 90 s); a name word is now possessive and capped",
    ),
    "quoteverify.extraction._BEFORE_DESC": (
        "A",
        "search() over a run of capitals was quadratic, as _BEFORE_NAME; fixed the same way",
    ),
}
FOCUSED_LENGTH = 60_000
FOCUSED_CAP_SECONDS = 4  # quadratic, these runs took minutes; linear, well under a second


def modules() -> list[str]:
    names = ["quoteverify"]
    names += [f"quoteverify.{m.name}" for m in pkgutil.iter_modules(quoteverify.__path__)]
    return sorted(n for n in names if n != "quoteverify.__main__")


def _patterns_in(value: Any, depth: int = 0) -> Iterator[Any]:
    if isinstance(value, (re.Pattern, regex.Pattern)):
        yield value
    elif depth < 2 and isinstance(value, (tuple, list, frozenset, set)):
        for v in value:
            yield from _patterns_in(v, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for v in value.values():
            yield from _patterns_in(v, depth + 1)


def patterns(module_name: str) -> list[tuple[str, Any]]:
    """(where, pattern) for every compiled pattern at the top level of ``module_name``."""
    mod = importlib.import_module(module_name)
    found: dict[int, tuple[str, Any]] = {}
    for name, value in sorted(vars(mod).items()):
        if isinstance(value, type) and value.__module__ == module_name:
            for attr, inner in sorted(vars(value).items()):
                for p in _patterns_in(inner):
                    found.setdefault(id(p), (f"{name}.{attr}", p))
        for p in _patterns_in(value):
            found.setdefault(id(p), (name, p))
    return list(found.values())


def attack_strings(pattern: Any) -> Iterator[str]:
    src = pattern.pattern if isinstance(pattern.pattern, str) else ""
    own = sorted({c for c in src if c.isprintable() and c not in "\\"} - set(GENERIC_UNITS))[:16]
    for unit in (*GENERIC_UNITS, *own, *(c + " " for c in own)):
        yield (unit * (LENGTH // len(unit) + 1))[:LENGTH] + "\x00!"


def uses(module_name: str, where: str) -> frozenset[str]:
    """The methods the module calls on the pattern named ``where`` (all when unknown)."""
    mod = importlib.import_module(module_name)
    name = where.rsplit(".", 1)[-1]
    # (the .py beside a module a build compiled; without it, every use is assumed)
    path = Path(mod.__file__ or "")
    if path.suffix != ".py":
        path = path.parent / (module_name.rsplit(".", 1)[-1] + ".py")
    if not path.is_file():
        return frozenset({"search", "match", "fullmatch", "finditer"})
    source = path.read_text(encoding="utf-8")
    called = frozenset(re.findall(rf"\b{re.escape(name)}\.(\w+)\(", source))
    mentions = len(re.findall(rf"\b{re.escape(name)}\b", source))
    # Every mention but the definition is a method call: the uses are known.
    if called and mentions - 1 == len(re.findall(rf"\b{re.escape(name)}\.\w+\(", source)):
        return called
    return frozenset({"search", "match", "fullmatch", "finditer"})


def run_module(module_name: str) -> int:
    """Run every pattern of ``module_name`` on its attack strings; print each first."""
    count = 0
    for where, p in patterns(module_name):
        used = uses(module_name, where)
        print(f"{module_name}.{where} ({', '.join(sorted(used))}): {p.pattern!r}", flush=True)
        scan = bool(used - ANCHORED)
        for s in attack_strings(p):
            p.match(s)
            p.fullmatch(s)
            if scan:
                p.search(s)
                for _ in p.finditer(s):
                    pass
        count += 1
    print(f"done {count}", flush=True)
    return count


def test_every_module_is_scanned_and_has_patterns() -> None:
    total = sum(len(patterns(m)) for m in modules())
    assert total >= 20, f"expected the package's patterns to be found, got {total}"
    assert any(p for _, p in patterns("quoteverify._locator"))


@pytest.mark.parametrize("module_name", [m for m in modules() if patterns(m)])
def test_patterns_finish_on_pathological_input(module_name: str) -> None:
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), module_name],
            capture_output=True,
            text=True,
            timeout=HARD_CAP_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        last = out.strip().splitlines()[-1:] or ["(no pattern started)"]
        pytest.fail(f"catastrophic backtracking? still running after {HARD_CAP_SECONDS} s in {last[0]}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1].startswith("done ")


def run_focused(qualified: str) -> None:
    """Run one once-quadratic pattern the way the module uses it, on its worst run."""
    module_name, where = qualified.rsplit(".", 1)
    p = getattr(importlib.import_module(module_name), where)
    unit = ONCE_QUADRATIC[qualified][0]
    s = unit * FOCUSED_LENGTH + "\x00!"
    for _ in p.finditer(s):
        pass
    print("done 1", flush=True)


@pytest.mark.parametrize("qualified", sorted(ONCE_QUADRATIC))
def test_once_quadratic_patterns_stay_linear(qualified: str) -> None:
    try:
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--focused", qualified],
            capture_output=True,
            text=True,
            timeout=FOCUSED_CAP_SECONDS,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{qualified}: still running after {FOCUSED_CAP_SECONDS} s on {FOCUSED_LENGTH:,} characters")


if __name__ == "__main__":
    if sys.argv[1] == "--focused":
        run_focused(sys.argv[2])
    else:
        run_module(sys.argv[1])
