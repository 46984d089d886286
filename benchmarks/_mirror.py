"""Real public text read from local git mirrors (``fetch`` puts them under ``/work/.mirror``).

The benchmarks that measure the library on real transcripts read files straight from a mirror's
``HEAD``; nothing is copied into the repository, and a benchmark part is skipped when its
mirror is absent (:func:`sample` gives None).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

WH_BRIEFINGS = Path("/work/.mirror/brian14708+wh-briefings/repo")  # whitehouse.gov, 2021-2025
CA_HANSARD = Path("/work/.mirror/bkotzz+csc401/repo")  # the aligned Canadian Hansard

# a sentence of a turn's text, for quoting it word for word (lines inside it joined by the caller)
_SENTENCE = re.compile(r"[^.!?\n]*(?:\n[^.!?\n]+)*[.!?]")


def sample(repo: Path, keep: Callable[[str], bool], limit: int) -> list[str] | None:
    """Up to ``limit`` of the mirror's file names that ``keep`` accepts, every n-th in name
    order (the same files each run); None when there is no mirror at ``repo``."""
    try:
        names = subprocess.run(["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD"],
                               check=True, capture_output=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    names = [n for n in names if keep(n)]
    return names[:: max(1, len(names) // limit)][:limit]


def read(repo: Path, name: str) -> str:
    """One file of the mirror's ``HEAD``, as text."""
    return subprocess.run(["git", "-C", str(repo), "show", f"HEAD:{name}"], check=True,
                          capture_output=True, text=True).stdout


def texts(repo: Path, names: list[str]) -> Iterator[str]:
    """The files ``names`` of the mirror, in order."""
    for name in names:
        yield read(repo, name)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` with their spacing made single (to quote them word for word)."""
    return [" ".join(m.group().split()) for m in _SENTENCE.finditer(text)]
