"""Archive benchmark: one quote against 1,000 / 10,000 / 100,000 sources of 10 KB, three ways.

Run from the repository root::

    python benchmarks/archive.py                         # 1,000 and 10,000 sources
    python benchmarks/archive.py --sources 1000 10000 100000 --list-queries 5
    python benchmarks/archive.py --sources 1000 --build-stages   # where an add's CPU goes

The text is the real prose of ``benchmarks/locate.py`` (novels from the shared datasets, man
pages, licences, copyright notes, docstrings; cached under ``benchmarks/_cache/``), cut into
sources of about 10 KB at paragraph breaks. Past its 14 MB of distinct prose the corpus repeats
its paragraphs in a new order (as ``locate.py`` does), so large archives hold many near-copies:
a harder case for candidate retrieval than a real newsroom's, not an easier one.

Queries are ``locate.py``'s: real sentences with 1-4 realistic edits (present), and sentences
of held-back documents (absent). Contestants, same process, same queries:

* ``archive``: :class:`quoteverify.Archive` in a SQLite file (built here, timed: build rate;
  size on disk; opening time);
* ``list``: :func:`quoteverify.verify` over every source as a list (the reference answers;
  only ``--list-queries`` queries past 1,000 sources, it takes seconds each);
* ``fts5``: what a user would build: SQLite FTS5 over the same sources, the quote's 4 rarest
  words (OR), the 5 best documents by bm25, then ``verify`` on those.

"Same" compares fidelity, winning source, span and attribution with the list's answer.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import locate as _corpus  # the corpus and query recipe of benchmarks/locate.py

import quoteverify as qv

CACHE = _corpus.CACHE
SOURCE_CHARS = 10_000
_WORD = re.compile(r"\w+")


def cut_sources(n: int) -> list[str]:
    """``n`` texts of about 10 KB, cut at paragraph breaks, from the corpus in order."""
    corpus = _corpus.load_corpus("100M")
    text = corpus.text
    out: list[str] = []
    pos = 0
    base = text
    while len(out) < n:
        if pos >= len(text):  # (only for archives past the cached 100 MB: repeat it)
            text, pos = base, 0
        end = text.find("\n\n", pos + SOURCE_CHARS)
        end = len(text) if end == -1 else end
        piece = text[pos:end].strip()
        if piece:
            out.append(piece)
        pos = end + 2
    return out


def build_archive(path: Path, texts: list[str], workers: int | None = None) -> tuple[float, float]:
    """Build the archive in one ``add_many``: seconds, and CPU seconds of this process."""
    path.unlink(missing_ok=True)
    Path(str(path) + "-wal").unlink(missing_ok=True)
    Path(str(path) + "-shm").unlink(missing_ok=True)
    sources = [(f"s{i}", qv.Source(t, title=f"s{i}")) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    c0 = time.process_time()
    with qv.Archive(path) as archive:
        archive.add_many(sources, workers=workers)
    return time.perf_counter() - t0, time.process_time() - c0


def build_stages(n: int, repeats: int = 3) -> dict[str, object]:
    """CPU nanoseconds per character of each stage of an add of ``n`` sources (best of ``repeats``).

    The stages run as an add runs them, source after source, each timed apart with the
    archive's own private steps (``quoteverify.archive``), so the figures follow the code;
    "SQLite and the rest" is the whole ``add_many`` (into a file, one process) less the stages.
    """
    from quoteverify import archive as impl
    from quoteverify.normalization import normalized_text

    texts = cut_sources(n)
    chars = sum(map(len, texts))
    sources = [(f"s{i}", qv.Source(t, title=f"s{i}")) for i, t in enumerate(texts)]
    names = ["digest (duplicate rule)", "normalise", "split into words, pack starts",
             "word codes", "compress (zlib 1)", "word index", "block index"]
    fastest: list[float] = []
    for _ in range(repeats):
        spent = [0.0] * len(names)
        codes = impl._LocalCodes()
        postings: dict[str, list[int]] = {}
        blocks: dict[str, list[int]] = {}
        first = 0
        clock = time.process_time
        for sid, (_, src) in enumerate(sources):
            t0 = clock()
            impl._digest(src)
            t1 = clock()
            norm = normalized_text(src.text)
            t2 = clock()
            words, _starts = impl._split(norm)
            t3 = clock()
            "".join(map(codes.__getitem__, words))
            t4 = clock()
            impl._pack_text(src.text)
            t5 = clock()
            impl._add_postings(postings, words, sid)
            t6 = clock()
            impl._add_blocks(blocks, words, first, impl._keep_fresh(codes))
            first += -(-len(words) // impl._BLOCK) + 1
            t7 = clock()
            marks = (t0, t1, t2, t3, t4, t5, t6, t7)
            for k in range(len(names)):
                spent[k] += marks[k + 1] - marks[k]
        if not fastest or sum(spent) < sum(fastest):
            fastest = spent
    whole = float("inf")
    path = CACHE / f"stages-{n}.qva"
    for _ in range(repeats):
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        c0 = time.process_time()
        with qv.Archive(path) as archive:
            archive.add_many(sources, workers=0)
        whole = min(whole, time.process_time() - c0)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    stages = dict(zip(names, fastest, strict=True))
    stages["SQLite and the rest"] = whole - sum(fastest)
    out: dict[str, object] = {"sources": n, "characters": chars,
                              "load_average": round(os.getloadavg()[0], 2)}
    out.update({f"ns_per_char: {k}": round(v * 1e9 / chars, 1) for k, v in stages.items()})
    out["whole_add_cpu_s"] = round(whole, 2)
    out["whole_add_mb_s_cpu"] = round(sum(len(t.encode()) for t in texts) / 1e6 / whole, 1)
    return out


def reusable(path: Path, n: int) -> bool:
    """Whether ``path`` is an archive of this version holding the ``n`` benchmark sources."""
    try:
        with qv.Archive(path, readonly=True) as archive:
            return len(archive) == n and f"s{n - 1}" in archive
    except qv.ArchiveError:
        return False


def query_stages(archive: qv.Archive, quotes: list[str]) -> dict[str, object]:
    """CPU per quote of each phase of ``Archive.verify`` (ms, median and mean), and how many
    sources each phase hands on.

    The phases are the archive's own private steps, timed by wrapping them on this one
    instance: the candidates from the block index (``_candidates``), the word-place check
    (``_near_enough``), loading the survivors (``_load``, with their locator indexes); "the
    rest" is what ``verify`` spends besides (the plan, the verbatim path's look-ups, and
    ``verify`` on the loaded sources).
    """
    spent: dict[str, float] = {}
    counted: dict[str, int] = {}

    def wrap(name: str) -> None:
        step = getattr(archive, name)

        def timed(*a: object, **k: object) -> object:
            t0 = time.process_time()
            got = step(*a, **k)
            spent[name] = spent.get(name, 0.0) + time.process_time() - t0
            counted[name] = counted.get(name, 0) + len(got[1] if name == "_candidates" else got)
            return got

        setattr(archive, name, timed)

    for name in ("_candidates", "_near_enough", "_load"):
        wrap(name)
    for quote in quotes[:3]:
        archive.verify(quote)  # (warm: the block table, the word table)
    rows: list[dict[str, float]] = []
    for quote in quotes:
        spent.clear()
        counted.clear()
        t0 = time.process_time()
        archive.verify(quote)
        total = time.process_time() - t0
        row = {f"{k.strip('_')}_ms": 1000 * v for k, v in spent.items()}
        row.update({f"{k.strip('_')}_sources": float(v) for k, v in counted.items()})
        row["rest_ms"] = 1000 * (total - sum(spent.values()))
        row["total_ms"] = 1000 * total
        rows.append(row)
    keys = sorted({k for r in rows for k in r})
    return {k: {"median": round(statistics.median(r.get(k, 0.0) for r in rows), 2),
                "mean": round(statistics.fmean(r.get(k, 0.0) for r in rows), 2)} for k in keys}


def build_fts(path: Path, texts: list[str]) -> float:
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(body)")
    db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row')")
    with db:
        db.executemany("INSERT INTO docs (rowid, body) VALUES (?, ?)",
                       ((i, t) for i, t in enumerate(texts)))
    db.close()
    return time.perf_counter() - t0


class Fts:
    def __init__(self, path: Path, sources: list[qv.Source]) -> None:
        self.db = sqlite3.connect(path)
        self.sources = sources

    def verify(self, quote: str) -> qv.Verification:
        words = sorted({w.lower() for w in _WORD.findall(quote)})
        marks = ",".join("?" * len(words))
        df = dict(self.db.execute(f"SELECT term, doc FROM vocab WHERE term IN ({marks})", words))
        rare = sorted((w for w in words if w in df), key=df.__getitem__)[:4]
        if not rare:
            return qv.verify(quote, [qv.Source("")])
        match = " OR ".join(f'"{w}"' for w in rare)
        rows = self.db.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 5", (match,)
        ).fetchall()
        return qv.verify(quote, [self.sources[r[0]] for r in rows] or [qv.Source("")])


def answer(v: qv.Verification) -> tuple[object, ...]:
    loc = v.location
    return (
        v.fidelity.value,
        v.source.title if v.source is not None else None,
        (loc.start, loc.end) if loc is not None else None,
        v.attribution.status.value if v.attribution is not None else None,
    )


def ms(xs: list[float]) -> dict[str, float | None]:
    if not xs:
        return {"median": None, "p90": None, "mean": None}
    xs = sorted(xs)
    return {"median": round(1000 * statistics.median(xs), 2),
            "p90": round(1000 * xs[int(0.9 * (len(xs) - 1))], 2),
            "mean": round(1000 * statistics.fmean(xs), 2)}


def verbatim_quotes(texts: list[str], k: int = 30, seed: int = 5) -> list[str]:
    """``k`` runs of 12 words cut at random from the first 10,000 sources (word for word)."""
    rng = random.Random(seed)
    out = []
    for _ in range(k):
        t = texts[rng.randrange(min(len(texts), 10_000))]
        i = t.find(" ", rng.randrange(0, max(1, len(t) - 200))) + 1
        out.append(" ".join(t[i : i + 400].split()[:12]))
    return out


def run(n: int, args: argparse.Namespace) -> dict[str, object]:
    texts = cut_sources(n)
    chars = sum(map(len, texts))
    mb = sum(len(t.encode()) for t in texts) / 1e6
    # Queries from the first 100 MB at most: past it the corpus only repeats itself, and
    # sampling sentences from 1 GB would take longer than the benchmark.
    head = texts[: min(n, 10_000)]
    corpus = _corpus.Corpus(f"{n}", "\n\n".join(head), _corpus.load_corpus("100M").held,
                            repeated=True)
    queries = _corpus.make_queries(corpus)
    del corpus
    present = [q for q in queries if q.present][: args.present]
    absent = [q for q in queries if not q.present][: args.absent]
    out: dict[str, object] = {"sources": n, "text_mb": round(mb, 1), "characters": chars,
                              "present_queries": len(present), "absent_queries": len(absent)}
    CACHE.mkdir(parents=True, exist_ok=True)
    apath = CACHE / f"archive-{n}.qva"
    if args.keep_archives and reusable(apath, n):
        out["archive_build_s"] = out["archive_build_mb_s"] = None  # (kept from an earlier run)
    else:
        load = round(os.getloadavg()[0], 2)
        build, cpu = build_archive(apath, texts, args.workers)
        out["archive_build_s"] = round(build, 1)
        out["archive_build_mb_s"] = round(mb / build, 1)
        out["archive_build_cpu_s"] = round(cpu, 1)  # (this process only, not its workers)
        out["archive_build_workers"] = args.workers
        out["load_before_build"] = load
    size = sum(p.stat().st_size for p in (apath, Path(str(apath) + "-wal")) if p.exists())
    out["archive_bytes_per_text_byte"] = round(size / (mb * 1e6), 2)
    if args.query_stages:
        with qv.Archive(apath, readonly=True) as archive:
            out["query_stages_present"] = query_stages(archive, [q.text for q in present])
        return out
    fpath = CACHE / f"fts-{n}.db"
    if args.keep_archives and fpath.exists():
        out["fts_build_s"] = None
    else:
        out["fts_build_s"] = round(build_fts(fpath, texts), 1)
    gc.collect()
    t0 = time.perf_counter()
    archive = qv.Archive(apath, readonly=True)
    out["archive_open_s"] = round(time.perf_counter() - t0, 4)
    sources = [qv.Source(t, title=f"s{i}") for i, t in enumerate(texts)]
    fts = Fts(fpath, sources)
    timings: dict[str, dict[str, list[float]]] = {
        k: {"present": [], "absent": []} for k in ("archive", "fts5", "list")
    }
    answers: dict[str, dict[int, tuple[object, ...]]] = {k: {} for k in timings}
    found = {"archive": 0, "fts5": 0, "list": 0}
    verbatim = []
    for quote in verbatim_quotes(texts):
        t0 = time.perf_counter()
        archive.verify(quote)
        verbatim.append(time.perf_counter() - t0)
    out["archive_ms_verbatim"] = ms(verbatim)
    for kind, qs in (("present", present), ("absent", absent)):
        for q in qs:
            for name, call in (("archive", archive.verify), ("fts5", fts.verify)):
                t0 = time.perf_counter()
                v = call(q.text)
                timings[name][kind].append(time.perf_counter() - t0)
                answers[name][q.qid] = answer(v)
                found[name] += kind == "present" and v.fidelity is not qv.Fidelity.NOT_FOUND
    list_qs = (present[: args.list_queries] + absent[: max(1, args.list_queries // 5)]
               if n > 1000 else present + absent)
    if args.list_queries == 0:
        list_qs = []  # (the list would hold every source indexed: 16 bytes a character)
    for q in list_qs:
        t0 = time.perf_counter()
        v = qv.verify(q.text, sources)
        timings["list"]["present" if q.present else "absent"].append(time.perf_counter() - t0)
        answers["list"][q.qid] = answer(v)
        found["list"] += q.present and v.fidelity is not qv.Fidelity.NOT_FOUND
    ref = answers["list"]
    for name in ("archive", "fts5"):
        if not ref:
            continue
        same = sum(answers[name][i] == a for i, a in ref.items())
        out[f"{name}_same_as_list"] = f"{same}/{len(ref)}"
        missed = sum(1 for i, a in ref.items()
                     if a[0] != "not_found" and answers[name][i][0] == "not_found")
        out[f"{name}_missed_vs_list"] = missed
        diffs = [(i, a, answers[name][i]) for i, a in ref.items() if answers[name][i] != a]
        if diffs and name == "archive":
            out["archive_differences"] = diffs[:5]
    for name, t in timings.items():
        out[f"{name}_ms_present"] = ms(t["present"])
        out[f"{name}_ms_absent"] = ms(t["absent"])
    out["present_found"] = {k: f"{v}/{len(present) if k != 'list' else sum(q.present for q in list_qs)}"
                            for k, v in found.items()}
    out["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    archive.close()
    return out


def run_dask(n: int, n_quotes: int, shards: int, args_workers: int | None = None) -> dict[str, object]:
    """A batch of quotes against ``n`` sources split into shards: one worker, then two."""
    import shutil

    import distributed

    from quoteverify.shards import split, verify_batch

    texts = cut_sources(n)
    apath = CACHE / f"archive-{n}.qva"
    if not apath.exists():
        build_archive(apath, texts, args_workers)
    folder = CACHE / f"shards-{n}-{shards}"
    shutil.rmtree(folder, ignore_errors=True)
    with qv.Archive(apath, readonly=True) as archive:
        paths = split(archive, folder, shards=shards)
    corpus = _corpus.Corpus(f"{n}", "\n\n".join(texts), _corpus.load_corpus("100M").held,
                            repeated=True)
    queries = [q.text for q in _corpus.make_queries(corpus)][:n_quotes]
    out: dict[str, object] = {"sources": n, "shards": shards, "quotes": len(queries)}
    answers = []
    for workers in (1, 2):
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            verify_batch(queries[:4], paths, client=client, chunk=2)  # warm the workers
            t0 = time.perf_counter()
            got = verify_batch(queries, paths, client=client, chunk=25)
            seconds = time.perf_counter() - t0
        answers.append([answer(v) for v in got])
        out[f"workers_{workers}_s"] = round(seconds, 2)
        out[f"workers_{workers}_quotes_per_s"] = round(len(queries) / seconds, 1)
        out[f"workers_{workers}_ms_per_quote_per_shard"] = round(
            1000 * seconds * workers / (len(queries) * shards), 2)
    out["speedup_2_vs_1"] = round(float(out["workers_1_s"]) / float(out["workers_2_s"]), 2)  # type: ignore[arg-type]
    out["same_answers_1_vs_2"] = answers[0] == answers[1]
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sources", type=int, nargs="+", default=[1000, 10_000])
    p.add_argument("--present", type=int, default=100)
    p.add_argument("--absent", type=int, default=20)
    p.add_argument("--list-queries", type=int, default=10,
                   help="queries run through the list past 1,000 sources (seconds each)")
    p.add_argument("--json", metavar="FILE")
    p.add_argument("--keep-archives", action="store_true",
                   help="reuse the archive and FTS5 files of an earlier run (in benchmarks/_cache/) "
                        "when they hold the same sources; build times are then not reported")
    p.add_argument("--dask", type=int, metavar="QUOTES",
                   help="instead: QUOTES quotes on a local Dask cluster, 1 then 2 workers")
    p.add_argument("--shards", type=int, default=4)
    p.add_argument("--build-stages", action="store_true",
                   help="instead: CPU time per character of each stage of an add (no queries)")
    p.add_argument("--query-stages", action="store_true",
                   help="instead of the comparison: CPU per present quote of each phase of the "
                        "archive's verify (no FTS5, no list)")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes for the archive build (Archive.add_many's workers; "
                        "default: its own choice)")
    args = p.parse_args()
    if args.dask:
        print(json.dumps(run_dask(args.sources[0], args.dask, args.shards, args.workers), indent=1),
              flush=True)
        return
    if args.build_stages:
        for n in args.sources:
            print(json.dumps(build_stages(n), indent=1), flush=True)
        return
    results = []
    for n in args.sources:
        r = run(n, args)
        print(json.dumps(r, indent=1, default=str), flush=True)
        results.append(r)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
