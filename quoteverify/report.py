"""How results read: the stage-by-stage explanation and JSON-ready dictionaries.

>>> import quoteverify as qv
>>> v = qv.verify("We do not have access to the data", "We don't have access to the data.")
>>> print(v.explain())
locate     source[0:32] (seeded, score 0.75)
align      contraction "don't" -> "do not"
fidelity   cosmetic
"""

from __future__ import annotations

from typing import Any

from .model import Span, Verification

__all__ = ["SCHEMA_VERSION", "explain", "verification_to_dict"]

#: Version of the dictionary layout returned by ``to_dict()``.
SCHEMA_VERSION = "1.0"


def explain(v: Verification) -> str:
    """The short stage-by-stage account of one verification."""
    lines = []
    loc = v.location
    if loc is None:
        lines.append("locate     not found in the given source(s)")
    else:
        how = f"{loc.method}, score {loc.score:.2f}"
        if len(loc.fragments) > 1:
            how += f", {len(loc.fragments)} fragments" + ("" if loc.in_order else " out of order")
        if loc.ambiguous:
            how += f", ambiguous: {len(loc.occurrences)} equal places"
        lines.append(f"locate     source[{loc.start}:{loc.end}] ({how})")
        edits = v.edits
        if edits:
            lines.extend(
                f"{'align' if i == 0 else '':<10} {e.describe()}" for i, e in enumerate(edits)
            )
        else:
            lines.append("align      no difference beyond folded glyphs and spacing")
    lines.append(f"fidelity   {v.fidelity.value}")
    if v.attribution is not None:
        lines.append(f"attribute  {v.attribution.status.value}: {v.attribution.message}")
    lines.extend(f"drift      {f.kind} ({f.severity.value}): {f.message}" for f in v.drift.findings)
    if v.confidence is not None:
        reasons = "; ".join(e.message for e in v.evidence[:3])
        lines.append(f"confidence {v.confidence:.2f}" + (f" — {reasons}" if reasons else ""))
    return "\n".join(lines)


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def verification_to_dict(v: Verification) -> dict[str, Any]:
    """A JSON-ready dictionary with stable keys.

    >>> import quoteverify as qv
    >>> d = qv.verify("sell them a server", "We sell them a server.").to_dict()
    >>> d["fidelity"], d["location"]["start"], d["location"]["end"]
    ('verbatim', 3, 21)
    """
    loc = v.location
    att = v.attribution
    claimed = v.quote.speaker
    return {
        "schema_version": SCHEMA_VERSION,
        "quote": v.quote.text,
        "claimed_speaker": claimed if isinstance(claimed, str) or claimed is None else claimed.name,
        "fidelity": v.fidelity.value,
        "location": None
        if loc is None
        else {
            "start": loc.start,
            "end": loc.end,
            "text": loc.text,
            "score": loc.score,
            "method": loc.method,
            "fragments": [_span(f) for f in loc.fragments],
            "in_order": loc.in_order,
            "gaps": [
                {"characters": g.characters, "words": g.words, "sentences": g.sentences}
                for g in loc.gaps
            ],
            "ambiguous": loc.ambiguous,
            "occurrences": [_span(o) for o in loc.occurrences],
            "unmarked_splice": loc.unmarked_splice,
        },
        "edits": [
            {
                "kind": e.kind.value,
                "quote_text": e.quote_text,
                "source_text": e.source_text,
                "meaning": e.meaning,
                "reason": e.reason,
                "quote_start": e.quote_start,
                "quote_end": e.quote_end,
                "source_start": e.source_start,
                "source_end": e.source_end,
            }
            for e in v.edits
        ],
        "attribution": None
        if att is None
        else {
            "status": att.status.value,
            "speaker": att.speaker.name if att.speaker is not None else None,
            "turn": None
            if att.turn is None
            else {"index": att.turn.index, "label": att.turn.label, **(_span(att.turn.span) or {})},
            "crosses_turns": att.crosses_turns,
            "embedded": [_span(e.span) for e in att.embedded],
            "message": att.message,
        },
        "drift": [
            {
                "kind": f.kind,
                "severity": f.severity.value,
                "message": f.message,
                "source_spans": [_span(s) for s in f.source_spans],
                "story_spans": [_span(s) for s in f.story_spans],
            }
            for f in v.drift.findings
        ],
        "confidence": v.confidence,
        "evidence": [
            {"name": e.name, "weight": e.weight, "message": e.message} for e in v.evidence
        ],
        "also_matched": [
            {
                "source_title": m.source.title,
                "start": m.location.start,
                "end": m.location.end,
                "fidelity": m.fidelity.value,
            }
            for m in v.also_matched
        ],
    }
