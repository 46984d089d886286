"""Verdict tables as data: ``tests/cases/*.json``, one file per module that gives verdicts.

Each file holds ``speakers`` (a registry, as ``SpeakerRegistry.from_json`` reads it),
``sources`` (named texts, inline or a file in ``tests/fixtures``, with a ``format``) and
``cases``: each has a ``label``, its inputs and an ``expect``ed verdict, written as a careful
editor would give it. A case the code gets wrong today carries ``"xfail": "why"`` and runs as
a strict xfail, so a fix that makes it pass is noticed (then drop the mark). The layout
follows ftfy's ``tests/test-cases/*.json``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import quoteverify as qv

HERE = Path(__file__).parent
CASES = HERE / "cases"
FIXTURES = HERE / "fixtures"
FORMATS = ("plain", "transcript", "webvtt", "srt", "article")


@cache
def table(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    labels = [case["label"] for case in data["cases"]]
    duplicates = [label for label, n in Counter(labels).items() if n > 1]
    assert not duplicates, f"{name}.json: labels must be unique: {duplicates}"
    return data


def registry(name: str) -> qv.SpeakerRegistry:
    return qv.SpeakerRegistry.from_json(json.dumps({"speakers": table(name).get("speakers", [])}))


def params(name: str) -> list[Any]:
    """One ``pytest.param`` per case, a strict xfail where the case says so."""
    out = []
    for case in table(name)["cases"]:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        out.append(pytest.param(case, id=case["label"], marks=marks))
    return out


def parse(name: str, spec: str | dict[str, Any]) -> qv.Source:
    """A case's source: a name in the file's ``sources``, or inline; ``text`` or a ``fixture`` file."""
    if isinstance(spec, str):
        spec = table(name)["sources"][spec]
    assert isinstance(spec, dict)
    fmt = spec.get("format", "plain")
    assert fmt in FORMATS, f"unknown source format {fmt!r}"
    text = spec["text"] if "text" in spec else (FIXTURES / spec["fixture"]).read_text(encoding="utf-8")
    reg = registry(name)
    published = dt.date.fromisoformat(spec["published"]) if "published" in spec else None
    assert fmt in ("plain", "transcript") or published is None, f"no published date for {fmt} here"
    assert fmt == "plain" or "speaker" not in spec, "a source speaker is for plain texts"
    if fmt == "plain":
        speaker = reg.get(spec["speaker"]) if "speaker" in spec else None
        return qv.Source(text, speaker=speaker, published=published)
    if fmt == "transcript":
        return qv.Source.from_transcript(text, speakers=reg, published=published)
    if fmt == "webvtt":
        return qv.Source.from_webvtt(text, speakers=reg)
    if fmt == "srt":
        return qv.Source.from_srt(text, speakers=reg)
    return qv.Source.from_article(text, speakers=reg)


def check(name: str, case: dict[str, Any]) -> qv.Verification:
    """``verify`` on a case: ``quote``, ``source``, and optionally ``speaker``, ``framing``, ``said_on``."""
    said_on = dt.date.fromisoformat(case["said_on"]) if "said_on" in case else None
    return qv.verify(
        case["quote"],
        parse(name, case["source"]),
        speaker=case.get("speaker"),
        speakers=registry(name),
        framing=case.get("framing"),
        said_on=said_on,
    )


def name_of(speaker: qv.Speaker | None) -> str | None:
    return None if speaker is None else speaker.name


# --------------------------------------------------------------------------- one test per module


@pytest.mark.parametrize("case", params("fidelity"))
def test_fidelity(case: dict[str, Any]) -> None:
    """Wording: verbatim, cosmetic, altered, spliced, paraphrased, not found; and which words carry meaning."""
    v = check("fidelity", case)
    expect = case["expect"]
    assert v.fidelity.value == expect["fidelity"], [e.describe() for e in v.edits]
    if "meaning" in expect:
        found = sorted((e.source_text or e.quote_text) for e in v.edits if e.meaning)
        assert found == sorted(expect["meaning"]), [e.describe() for e in v.edits]


@pytest.mark.parametrize("case", params("attribution"))
def test_attribution(case: dict[str, Any]) -> None:
    """Who speaks the matched words, against who the story names."""
    v = check("attribution", case)
    expect = case["expect"]
    assert v.attribution is not None, v.fidelity
    assert v.attribution.status.value == expect["attribution"], v.attribution.message
    if "speaker" in expect:
        assert name_of(v.attribution.speaker) == expect["speaker"], v.attribution.message
    if "message" in expect:
        assert expect["message"] in v.attribution.message


@pytest.mark.parametrize("case", params("drift"))
def test_drift(case: dict[str, Any]) -> None:
    """Context drift: each finding as ``kind`` or ``kind:severity``, in any order; ``cut_at`` the word left out."""
    v = check("drift", case)
    findings = v.drift.findings if v.drift is not None else ()
    want = case["expect"]["drift"]
    with_severity = bool(want) and all(":" in w for w in want)
    assert with_severity or not any(":" in w for w in want), "give every finding a severity, or none"
    got = [f"{f.kind}:{f.severity.value}" if with_severity else f.kind for f in findings]
    assert Counter(got) == Counter(want), [f.message for f in findings]
    if "cut_at" in case["expect"]:  # the first word left out after (or before) the quote
        cuts = [f.source_spans[0].text.split()[0] for f in findings if f.kind == "truncation" and f.source_spans]
        assert case["expect"]["cut_at"] in cuts, [f.message for f in findings]


@pytest.mark.parametrize("case", params("extraction"))
def test_extraction(case: dict[str, Any]) -> None:
    """Quotes a story carries, each with who the story says spoke it (None: nobody named)."""
    quotes = qv.extract_quotes(case["story"], speakers=registry("extraction"))
    got = [[q.text, name_of(q.speaker)] for q in quotes]
    assert got == case["expect"]["quotes"]


@pytest.mark.parametrize("case", params("sources"))
def test_sources(case: dict[str, Any]) -> None:
    """Turns (who speaks, what they say) and speech embedded in a turn (whose words, cued how)."""
    src = parse("sources", case["source"])
    expect = case["expect"]
    if "turns" in expect:
        assert [[name_of(t.speaker), t.span.text] for t in src.turns] == expect["turns"]
    if "speakers" in expect:
        assert [name_of(t.speaker) for t in src.turns] == expect["speakers"]
    if "embedded" in expect:
        got = [[e.span.text, name_of(e.speaker) or e.mention] for t in src.turns for e in t.embedded]
        assert got == expect["embedded"]


@pytest.mark.parametrize("case", params("speakers"))
def test_speakers(case: dict[str, Any]) -> None:
    """Who a mention names in the registry (None: nobody, or too ambiguous to say)."""
    r = registry("speakers").resolve(case["mention"], context=case.get("context"))
    expect = case["expect"]
    assert name_of(None if r.ambiguous else r.speaker) == expect["speaker"], r.reason
    if "method" in expect:
        assert r.method == expect["method"], r.reason
    if "ambiguous" in expect:
        assert r.ambiguous is expect["ambiguous"], r.reason


#: What a case of each table may say (a misspelt key would otherwise be ignored).
INPUTS = {
    "fidelity": {"quote", "source", "speaker", "framing", "said_on"},
    "attribution": {"quote", "source", "speaker", "framing", "said_on"},
    "drift": {"quote", "source", "speaker", "framing", "said_on"},
    "extraction": {"story"},
    "sources": {"source"},
    "speakers": {"mention", "context"},
}
EXPECTS = {
    "fidelity": {"fidelity", "meaning"},
    "attribution": {"attribution", "speaker", "message"},
    "drift": {"drift", "cut_at"},
    "extraction": {"quotes"},
    "sources": {"turns", "speakers", "embedded"},
    "speakers": {"speaker", "method", "ambiguous"},
}


def test_every_table_is_read_and_well_formed() -> None:
    assert {p.stem for p in CASES.glob("*.json")} == set(INPUTS)
    for name, inputs in INPUTS.items():
        assert f"test_{name}" in globals(), f"{name}.json has no test function"
        data = table(name)
        assert set(data) <= {"about", "speakers", "sources", "cases"}, sorted(data)
        assert 15 <= len(data["cases"]) <= 60, f"{name}.json: {len(data['cases'])} cases"
        for case in data["cases"]:
            extra = set(case) - inputs - {"label", "expect", "xfail"}
            assert not extra, f"{name}.json {case['label']!r}: unknown keys {sorted(extra)}"
            assert case["expect"] and set(case["expect"]) <= EXPECTS[name], case["label"]
            assert case.get("xfail", "x").strip(), f"{case['label']}: an xfail needs a reason"
