"""Test-suite configuration: where Hypothesis keeps the examples it has found.

Hypothesis replays every failing example it has stored before generating new ones, so a
falsifying input found once keeps being tried until the bug is fixed. The store is the
committed folder ``tests/hypothesis-db/`` (not the ignored ``.hypothesis/``), so such an
input travels with the repository to every machine and to CI, next to the explicit
``@example``/regression test that should also be written for it. Profiles:

* ``dev`` (default): read and write the committed database.
* ``ci`` (``HYPOTHESIS_PROFILE=ci``): read it, never write, so CI never dirties the tree.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase, ReadOnlyDatabase

_DB = DirectoryBasedExampleDatabase(str(Path(__file__).resolve().parent / "hypothesis-db"))

settings.register_profile("dev", database=_DB)
settings.register_profile("ci", database=ReadOnlyDatabase(_DB))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
