"""Small helpers shared by the issue 15 benchmarks (``misattribution.py``, ``drift.py``).

Calibration (expected calibration error with equal-width bins, the measure of
``benchmarks/calibration.py``), precision/recall counting and the target table.
"""

from __future__ import annotations

from collections.abc import Sequence

BINS = 10


def _binned(ps: Sequence[float], ys: Sequence[int], bins: int) -> list[tuple[int, int, float, float]]:
    """Each non-empty equal-width bin: its number, size, mean confidence and share fair."""
    out = []
    for b in range(bins):
        idx = [
            i for i, p in enumerate(ps)
            if (b / bins <= p < (b + 1) / bins) or (b == bins - 1 and p >= 1.0)
        ]
        if idx:
            out.append((b, len(idx), sum(ps[i] for i in idx) / len(idx),
                        sum(ys[i] for i in idx) / len(idx)))
    return out


def ece(ps: Sequence[float], ys: Sequence[int], bins: int = BINS) -> float:
    """Expected calibration error: per equal-width confidence bin, |mean confidence - share fair|."""
    if not ps:
        return 0.0
    return sum(abs(conf - fair) * n / len(ps) for _, n, conf, fair in _binned(ps, ys, bins))


def brier(ps: Sequence[float], ys: Sequence[int]) -> float:
    """Mean squared difference between confidence and the 0/1 truth."""
    return sum((p - y) ** 2 for p, y in zip(ps, ys, strict=True)) / max(1, len(ps))


def ratio(num: int, den: int) -> float | None:
    """``num / den``, or None when there is nothing to divide."""
    return num / den if den else None


def fmt(x: float | None, width: int = 8) -> str:
    """A figure with three decimals, or ``-`` when undefined."""
    return f"{'-':>{width}}" if x is None else f"{x:>{width}.3f}"


def met(value: float | None, target: float, *, at_most: bool = False) -> str:
    """``yes``/``no`` against a target (``at_most`` for rates that must stay low)."""
    if value is None:
        return "-"
    ok = value <= target if at_most else value >= target
    return "yes" if ok else "no"


def reliability(ps: Sequence[float], ys: Sequence[int], bins: int = BINS) -> list[str]:
    """One line per non-empty confidence bin: its range, size, mean confidence and share fair."""
    return [
        f"  [{b / bins:.1f}, {(b + 1) / bins:.1f})  n={n:<5} "
        f"mean confidence {conf:.3f}  share fair {fair:.3f}"
        for b, n, conf, fair in _binned(ps, ys, bins)
    ]
