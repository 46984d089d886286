"""An archive split into shards, and a batch of quotes checked against all of them on Dask.

Needs the ``dask`` extra (``pip install "quoteverify[dask]"``). :func:`split`
writes an archive's sources into ``n`` shard archives; :func:`verify_batch`
sends every (shard, chunk of quotes) pair to a Dask cluster, each task
opening its shard read-only (every worker must see the shard files), and
keeps for each quote the best match over the shards, by the rule
:func:`~quoteverify.verify` uses over a list: the result is what one
archive of every source gives.

>>> import tempfile, quoteverify as qv
>>> folder = tempfile.mkdtemp()
>>> archive = qv.Archive(f"{folder}/all.qva")
>>> _ = archive.add_many([qv.Source("We sell them a server."), qv.Source("We don't have the data.")])
>>> paths = split(archive, folder, shards=2)
>>> [qv.Archive(p).info()["sources"] for p in paths]
[1, 1]
>>> [v.fidelity.value for v in verify_batch(["We sell them a server", "we do not have the data"], paths)]
['verbatim', 'cosmetic']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from .archive import Archive
from .config import VerifyConfig
from .errors import InvalidInputError
from .model import Fidelity, Quote, SourceMatch, Verification
from .speakers import SpeakerRegistry

__all__ = ["best_of", "split", "verify_batch", "verify_chunk"]


def split(
    archive: Archive, folder: str | os.PathLike[str], *, shards: int, prefix: str = "shard"
) -> list[str]:
    """Write the sources of ``archive`` into ``shards`` new archives in ``folder``; their paths.

    Sources go round-robin, so shards hold about the same amount of text.

    >>> import tempfile, quoteverify as qv
    >>> a = qv.Archive(":memory:"); _ = a.add(qv.Source("One."))
    >>> len(split(a, tempfile.mkdtemp(), shards=3))
    3
    """
    if not isinstance(shards, int) or shards < 1:
        msg = f"shards must be a positive int (got {shards!r})"
        raise InvalidInputError(msg)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = [str(out / f"{prefix}-{i:04d}.qva") for i in range(shards)]
    for p in paths:
        if Path(p).exists():
            msg = f"shard {p!r} already exists; split into an empty folder"
            raise InvalidInputError(msg)
    targets = [Archive(p) for p in paths]
    try:
        batches: list[list[tuple[str | None, Any]]] = [[] for _ in paths]
        for i, (key, src) in enumerate(zip(archive.keys(), archive, strict=True)):
            batches[i % shards].append((key, src))
        for target, batch in zip(targets, batches, strict=True):
            target.add_many(batch)
    finally:
        for t in targets:
            t.close()
    return paths


def _rank(v: Verification) -> tuple[Any, ...]:
    """``verify``'s order of matches (most faithful, best scores, earliest, then the source)."""
    if v.location is None or v.source is None or v.alignment is None:
        return (Fidelity.NOT_FOUND.rank,)
    src = v.source
    return (
        v.fidelity.rank,
        -v.alignment.score,
        -v.location.score,
        v.location.start,
        src.text,
        src.title or "",
        src.url or "",
        src.published.isoformat() if src.published is not None else "",
        src.speaker.name if src.speaker is not None else "",
    )


def best_of(results: Sequence[Verification]) -> Verification:
    """The best of one quote's results from several shards, with the others' matches added.

    >>> import quoteverify as qv
    >>> a = qv.verify("We sell servers", qv.Source("We sell them servers."))
    >>> b = qv.verify("We sell servers", qv.Source("We sell servers."))
    >>> best_of([a, b]).fidelity.value, len(best_of([a, b]).also_matched)
    ('verbatim', 1)
    """
    if not results:
        msg = "best_of needs at least one result"
        raise InvalidInputError(msg)
    ordered = sorted(results, key=_rank)
    best = ordered[0]
    others = list(best.also_matched)
    for v in ordered[1:]:
        if v.source is not None and v.location is not None:
            others.append(SourceMatch(v.source, v.location, v.fidelity))
            others.extend(v.also_matched)
    return attrs.evolve(best, also_matched=tuple(others)) if others else best


def verify_chunk(
    shard: str,
    quotes: Sequence[str | Quote],
    *,
    speakers: SpeakerRegistry | None = None,
    config: VerifyConfig | None = None,
) -> list[Verification]:
    """Every quote of ``quotes`` against one shard (what one Dask task runs).

    >>> import tempfile, quoteverify as qv
    >>> path = f"{tempfile.mkdtemp()}/a.qva"
    >>> qv.Archive(path).add(qv.Source("We sell them a server."))  # doctest: +ELLIPSIS
    '...'
    >>> [v.fidelity.value for v in verify_chunk(path, ["we sell them a server"])]
    ['cosmetic']
    """
    with Archive(shard, readonly=True) as archive:
        return [archive.verify(q, speakers=speakers, config=config) for q in quotes]


def verify_batch(
    quotes: Iterable[str | Quote] | str | os.PathLike[str],
    shards: Sequence[str],
    *,
    client: Any = None,
    chunk: int = 200,
    speakers: SpeakerRegistry | None = None,
    config: VerifyConfig | None = None,
) -> list[Verification]:
    """Check many quotes against every shard on a Dask cluster; one result per quote, in order.

    ``quotes``: quotes, or the path of a UTF-8 file with one quote per line.
    ``client``: a ``distributed.Client`` (default: Dask's current one, else
    the local scheduler). Each task runs :func:`verify_chunk` on ``chunk``
    quotes and one shard.

    >>> import tempfile, quoteverify as qv
    >>> path = f"{tempfile.mkdtemp()}/a.qva"
    >>> _ = qv.Archive(path).add(qv.Source("We sell them a server."))
    >>> verify_batch(["Nothing of the sort"], [path])[0].fidelity.value
    'not_found'
    """
    from dask.base import compute
    from dask.delayed import delayed

    if isinstance(quotes, (str, os.PathLike)):
        text = Path(quotes).read_text(encoding="utf-8")
        items: list[str | Quote] = [line.strip() for line in text.splitlines() if line.strip()]
    else:
        items = list(quotes)
    if not shards:
        msg = "no shard given: pass the paths that split() returned"
        raise InvalidInputError(msg)
    chunks = [items[i : i + chunk] for i in range(0, len(items), max(1, chunk))]
    task = delayed(verify_chunk, pure=True)
    per_chunk = [
        delayed(_merge)([task(s, c, speakers=speakers, config=config) for s in shards])
        for c in chunks
    ]
    done = (
        client.compute(per_chunk, sync=True)
        if client is not None
        else compute(*per_chunk)  # type: ignore[no-untyped-call]
    )
    return [v for part in done for v in part]


def _merge(per_shard: list[list[Verification]]) -> list[Verification]:
    return [best_of(list(results)) for results in zip(*per_shard, strict=True)]
