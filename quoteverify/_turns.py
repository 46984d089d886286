"""A source's turns kept as compact columns, each :class:`~quoteverify.model.Turn` built on first use.

Private to the parsers. A transcript of a million short lines has a million
turns; building a ``Turn`` and two ``Span`` objects for each costs several
seconds and hundreds of megabytes, while a verification looks at a handful of
them (``Source.turn_at`` is a binary search over the start offsets). Parsers
collect the columns in a :class:`TurnColumns` and call :meth:`TurnColumns.freeze`:
a short source gets a plain ``tuple`` as before, a long one a :class:`LazyTurns`.

``LazyTurns`` behaves as the tuple of its turns: same length, indexing,
slicing (a tuple), iteration, ``==`` with a tuple (or another sequence of
turns), hash, ``+``; each turn is built once and the same object is returned
every time (``drift`` compares turns by identity), race-free across threads.

>>> cols = TurnColumns("A: yes\\nB: no")
>>> cols.add(3, 6, speaker=None, label="A", label_span=(0, 2))
>>> cols.add(10, 12, speaker=None, label="B", label_span=(7, 9))
>>> lazy = cols.freeze(lazy_from=1)
>>> len(lazy), lazy[1].span.text, lazy[1].label_span.text, lazy[1].index
(2, 'no', 'B:', 1)
>>> lazy == tuple(lazy) and lazy[0] is lazy[0]
True
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from .model import EmbeddedSpeech, Span, Speaker, Turn

#: Below this many turns a parser returns a plain tuple (objects are cheap at that size).
LAZY_FROM = 2_000


class TurnColumns:
    """The turns of one source as parallel lists, filled in order by a parser.

    ``text`` is the source's text; a parser that builds it while adding turns (the
    caption parser joins its cues) sets it before :meth:`turn` or :meth:`freeze`.
    """

    __slots__ = (
        "embed",
        "embedded",
        "end_times",
        "ends",
        "label_ends",
        "label_starts",
        "labels",
        "speakers",
        "start_times",
        "starts",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.speakers: list[Speaker | None] = []
        self.labels: list[str | None] = []
        self.label_starts: list[int] = []  # -1: no label span
        self.label_ends: list[int] = []
        self.start_times: list[float | None] = []
        self.end_times: list[float | None] = []
        self.embedded: dict[int, tuple[EmbeddedSpeech, ...]] = {}
        # set by a parser that finds embedded speech when a turn is built, not ahead of time
        self.embed: Callable[[int], tuple[EmbeddedSpeech, ...]] | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def add(
        self,
        start: int,
        end: int,
        *,
        speaker: Speaker | None,
        label: str | None,
        label_span: tuple[int, int] | None = None,
        start_time: float | None = None,
        end_time: float | None = None,
        embedded: tuple[EmbeddedSpeech, ...] = (),
    ) -> None:
        """Append one turn (``text[start:end]`` spoken by ``speaker``)."""
        if embedded:
            self.embedded[len(self.starts)] = embedded
        self.starts.append(start)
        self.ends.append(end)
        self.speakers.append(speaker)
        self.labels.append(label)
        ls, le = label_span if label_span is not None else (-1, -1)
        self.label_starts.append(ls)
        self.label_ends.append(le)
        self.start_times.append(start_time)
        self.end_times.append(end_time)

    def fill(
        self,
        starts: list[int],
        ends: list[int],
        *,
        speakers: list[Speaker | None],
        labels: list[str | None],
        label_starts: list[int],
        label_ends: list[int],
        start_times: list[float | None] | None = None,
        end_times: list[float | None] | None = None,
    ) -> None:
        """Set every column at once (equal lengths; ``label_starts`` -1: no label span).

        The lists are kept, not copied. Missing times are None for every turn.
        """
        n = len(starts)
        if not (
            len(ends) == len(speakers) == len(labels) == len(label_starts) == len(label_ends) == n
        ):
            msg = "turn columns differ in length"
            raise ValueError(msg)
        self.starts, self.ends, self.speakers, self.labels = starts, ends, speakers, labels
        self.label_starts, self.label_ends = label_starts, label_ends
        self.start_times = [None] * n if start_times is None else start_times
        self.end_times = [None] * n if end_times is None else end_times
        self.embedded = {}

    def turn(self, i: int) -> Turn:
        """Build turn ``i`` (0 <= i < len)."""
        text = self.text
        s, e = self.starts[i], self.ends[i]
        ls = self.label_starts[i]
        le = self.label_ends[i]
        return Turn(
            Span(s, e, text[s:e]),
            speaker=self.speakers[i],
            label=self.labels[i],
            label_span=Span(ls, le, text[ls:le]) if ls >= 0 else None,
            index=i,
            start_time=self.start_times[i],
            end_time=self.end_times[i],
            embedded=self.embedded.get(i, ()) if self.embed is None else self.embed(i),
        )

    def freeze(self, *, lazy_from: int | None = None) -> tuple[Turn, ...] | LazyTurns:
        """A tuple of turns when short, else a :class:`LazyTurns` over these columns."""
        limit = LAZY_FROM if lazy_from is None else lazy_from
        if len(self.starts) < limit:
            return tuple(self.turn(i) for i in range(len(self.starts)))
        return LazyTurns(self)


class LazyTurns(Sequence[Turn]):
    """A read-only sequence of turns built on first access; equal to the tuple of them."""

    __slots__ = ("_built", "_columns", "_lock")

    def __init__(self, columns: TurnColumns) -> None:
        self._columns = columns
        self._built: list[Turn | None] = [None] * len(columns)
        self._lock = threading.Lock()

    @property
    def starts(self) -> list[int]:
        """Every turn's start offset, in order (what ``Source.turn_at`` bisects); do not modify."""
        return self._columns.starts

    def __len__(self) -> int:
        return len(self._built)

    def _get(self, i: int) -> Turn:
        turn = self._built[i]
        if turn is None:
            with self._lock:
                turn = self._built[i]
                if turn is None:
                    turn = self._built[i] = self._columns.turn(i)
        return turn

    @overload
    def __getitem__(self, index: int) -> Turn: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Turn, ...]: ...

    def __getitem__(self, index: int | slice) -> Turn | tuple[Turn, ...]:
        n = len(self._built)
        if isinstance(index, slice):
            return tuple(self._get(i) for i in range(*index.indices(n)))
        i = index.__index__()
        if i < 0:
            i += n
        if not 0 <= i < n:
            msg = "turn index out of range"
            raise IndexError(msg)
        return self._get(i)

    def __iter__(self) -> Iterator[Turn]:
        for i in range(len(self._built)):
            yield self._get(i)

    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        if isinstance(other, (tuple, LazyTurns)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __add__(self, other: Any) -> tuple[Turn, ...]:
        if isinstance(other, (tuple, LazyTurns)):
            return (*self, *other)
        return NotImplemented

    def __radd__(self, other: Any) -> tuple[Turn, ...]:
        if isinstance(other, tuple):
            return (*other, *self)
        return NotImplemented

    def __bool__(self) -> bool:
        return bool(self._built)

    def __repr__(self) -> str:
        return f"LazyTurns({len(self._built)} turns)"
