"""Reading the shared PDNC development records: a speaker registry per novel, its narrator, the gold speaker.

Shared by ``benchmarks/attribution.py`` and ``benchmarks/extraction.py``; the data stays in
``../shared/datasets`` and is read in place.
"""

from __future__ import annotations

import sys
from typing import Any

from quoteverify import Speaker
from quoteverify.speakers import SpeakerRegistry

#: ``--no-narrator`` on the command line leaves the narrator out (inference only).
NO_NARRATOR = "--no-narrator" in sys.argv


def registry_of(record: dict[str, Any]) -> SpeakerRegistry:
    """The novel's cast as a registry: main names, aliases and gender (M/F) from ``characters``."""
    people = []
    for c in record["characters"]:
        gender = {"M": "m", "F": "f"}.get(c.get("gender") or "")
        aliases = tuple(a for a in c["aliases"] if a != c["main_name"])
        people.append(Speaker(c["main_name"], aliases=aliases, gender=gender))
    return SpeakerRegistry(people)


def narrator_of(record: dict[str, Any]) -> str | None:
    """The novel's first-person narrator: the character PDNC lists with the alias ``_narr``.

    Per-novel metadata a reader knows before reading any quote (who "I" is), passed as
    ``narrator=``; never a per-quote label.
    """
    if NO_NARRATOR:
        return None
    for c in record["characters"]:
        if "_narr" in c["aliases"]:
            return str(c["main_name"])
    return None


def gold_name(record: dict[str, Any]) -> str:
    """The gold speaker's main name."""
    info = record.get("speaker_info") or {}
    return str(info.get("main_name") or record["speaker"])
