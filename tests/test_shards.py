"""Shards and the Dask path: the same answers as one archive, on a local cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

import quoteverify as qv

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from quoteverify.shards import best_of, split, verify_batch  # noqa: E402

STATEMENTS = [
    "We don't have access to the data. What we do is sell them a server. That's all.",
    "The council will not raise fares this year, the mayor said on Tuesday.",
    "Technology is definitely not to blame. People decide how it is used.",
    "Our cameras are installed in train stations, not in people's homes.",
    "The budget gap is 40 million dollars and we will close it by March.",
    "Nobody at the company had seen the report before it was published.",
    "We will close the budget gap by March, the treasurer said.",
]
QUOTES = [
    "we do not have access to the data",
    "The council will raise fares this year",
    "technology is to blame",
    "we will close the budget gap by march",
    "Nobody had seen the report",
    "The weather was fine all week",
]


def key(v: qv.Verification) -> tuple[object, ...]:
    return (
        v.fidelity,
        None if v.source is None else v.source.text,
        None if v.location is None else (v.location.start, v.location.end),
        round(v.confidence or 0.0, 6),
    )


def test_shards_on_a_local_cluster_answer_as_one_archive(tmp_path: Path) -> None:
    whole = qv.Archive(tmp_path / "all.qva")
    whole.add_many(qv.Source(s, title=f"s{i}") for i, s in enumerate(STATEMENTS))
    paths = split(whole, tmp_path / "shards", shards=3)
    assert sum(qv.Archive(p).info()["sources"] for p in paths) == len(STATEMENTS)
    want = [key(whole.verify(q)) for q in QUOTES]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        got = verify_batch(QUOTES, paths, client=client, chunk=2)
    assert [key(v) for v in got] == want
    # the budget quote matches two statements, in different shards: the other is kept
    budget = got[3]
    assert budget.source is not None and len(budget.also_matched) >= 1
    file = tmp_path / "quotes.txt"
    file.write_text("\n".join(QUOTES) + "\n", encoding="utf-8")
    assert [key(v) for v in verify_batch(file, paths)] == want


def test_best_of_needs_results_and_split_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(qv.InvalidInputError):
        best_of([])
    archive = qv.Archive(":memory:")
    archive.add(qv.Source(STATEMENTS[0]))
    split(archive, tmp_path, shards=1)
    with pytest.raises(qv.InvalidInputError, match="already exists"):
        split(archive, tmp_path, shards=1)
