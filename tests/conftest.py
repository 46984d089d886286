"""Test-suite configuration: where Hypothesis keeps the examples it has found.

Hypothesis replays stored falsifying examples before generating new ones. Two stores:

* ``tests/hypothesis-db/`` (committed): examples that showed a real bug, recorded on purpose
  with ``HYPOTHESIS_PROFILE=record`` when the bug is found, committed with the fix and with an
  explicit ``@example``/regression test, so every checkout and CI replays them forever.
* ``.hypothesis/examples`` (local, as Hypothesis does by default): whatever a developer's runs
  find, including the failures that strict-xfail property tests produce on every run. Kept
  out of the committed store so ordinary runs never dirty the tree.

Profiles (``HYPOTHESIS_PROFILE``):

* ``dev`` (default): read both, write only the local store.
* ``ci``: read the committed store only, write nothing.
* ``record``: read and write the committed store (run the one failing test with it).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import (
    DirectoryBasedExampleDatabase,
    MultiplexedDatabase,
    ReadOnlyDatabase,
)

from quoteverify import Speaker, SpeakerKind, SpeakerRegistry

_ROOT = Path(__file__).resolve().parents[1]
_COMMITTED = DirectoryBasedExampleDatabase(str(_ROOT / "tests" / "hypothesis-db"))
_LOCAL = DirectoryBasedExampleDatabase(str(_ROOT / ".hypothesis" / "examples"))

settings.register_profile("dev", database=MultiplexedDatabase(_LOCAL, ReadOnlyDatabase(_COMMITTED)))
settings.register_profile("ci", database=ReadOnlyDatabase(_COMMITTED))
settings.register_profile("record", database=_COMMITTED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def registry() -> SpeakerRegistry:
    """The Megvii people and company, as the source and attribution tests know them."""
    return SpeakerRegistry(
        [
            Speaker(
                "Yin Qi",
                aliases=("Qi Yin", "印奇"),
                roles=("co-founder", "chief executive"),
                organization="Megvii",
            ),
            Speaker("Xie Yinan", roles=("vice president",), organization="Megvii"),
            Speaker("Megvii", kind=SpeakerKind.ORGANIZATION),
        ]
    )
