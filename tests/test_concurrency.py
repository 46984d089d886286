"""verify/locate from 8 threads on one shared Source: identical results, the index built once; determinism.

The lazy index lives in ``Source``'s cache (``model._Cache``, an RLock around the first
build). Threads start together at a barrier so the first calls race for it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

import quoteverify as qv
from quoteverify import model

INTERVIEW = (
    "XIE YINAN: We don't have access to the data. What we do is sell them a server. That's all.\n"
    "REPORTER: And the police?\n"
    "XIE YINAN: We have 3,000 customers in government. We would never sell to the military.\n"
    "YIN QI: Technology is definitely not to blame. People decide how it is used.\n"
) * 200
QUOTES = (
    "We do not have access to the data",
    "What we do is sell them a server ... That's all",
    "technology is definitely to blame",
    "We would sell to the military",
    "Nobody said anything like this at all",
)
THREADS = 8


def _hammer(call: Callable[[int], Any]) -> list[Any]:
    barrier = threading.Barrier(THREADS)
    results: list[Any] = [None] * THREADS
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = call(i)
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_index_is_built_once_under_a_race(monkeypatch: pytest.MonkeyPatch) -> None:
    # Counted where a source builds what it caches (model.py), so the count
    # holds whether or not the locator is compiled.
    built = []
    real_get = model._Cache.get

    def counting_get(self: Any, key: str, factory: Any) -> Any:
        def build() -> Any:
            built.append((key, threading.get_ident()))
            return factory()

        return real_get(self, key, build)

    monkeypatch.setattr(model._Cache, "get", counting_get)
    src = qv.Source.from_transcript(INTERVIEW)
    results = _hammer(lambda i: qv.locate(QUOTES[0], src))
    assert [k for k, _ in built].count("index") == 1, f"index built {len(built)} times"
    assert len({(r.start, r.end) for r in results}) == 1


def test_verify_from_eight_threads_matches_one_thread() -> None:
    src = qv.Source.from_transcript(INTERVIEW)
    reg = qv.SpeakerRegistry([qv.Speaker("Xie Yinan", organization="Megvii"), qv.Speaker("Yin Qi")])
    expected = [
        json.dumps(qv.verify(q, qv.Source.from_transcript(INTERVIEW), speaker="Xie Yinan", speakers=reg).to_dict(), sort_keys=True)
        for q in QUOTES
    ]

    def work(i: int) -> list[str]:
        order = QUOTES[i % len(QUOTES) :] + QUOTES[: i % len(QUOTES)]
        got = {q: qv.verify(q, src, speaker="Xie Yinan", speakers=reg).to_dict() for q in order}
        locs = [qv.locate_all(q, src) for q in order]
        assert all(isinstance(x, list) for x in locs)
        return [json.dumps(got[q], sort_keys=True) for q in QUOTES]

    for result in _hammer(work):
        assert result == expected


def test_limits_are_per_thread() -> None:
    from quoteverify.limits import get_limits, use_limits

    seen: list[int] = []
    with use_limits(max_quote_chars=5):
        t = threading.Thread(target=lambda: seen.append(get_limits().max_quote_chars))
        t.start()
        t.join()
        assert get_limits().max_quote_chars == 5
    assert seen == [qv.limits.Limits().max_quote_chars]


_PROGRAM = """
import json, quoteverify as qv
from quoteverify.cli import main
import io, contextlib
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    main(["demo", "--format", "json"])
interview = {interview!r}
src = qv.Source.from_transcript(interview)
vs = [qv.verify(q, src, speaker="Xie Yinan").to_dict() for q in {quotes!r}]
print(json.dumps({{"demo": json.loads(buf.getvalue()), "verify": vs}}, sort_keys=True))
"""


def test_results_do_not_depend_on_the_hash_seed() -> None:
    program = _PROGRAM.format(interview=INTERVIEW[:2000], quotes=QUOTES)
    outputs = []
    for seed in ("0", "12345", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True, timeout=120
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["verify"]
