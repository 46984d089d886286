"""Confidence: a logistic model over named evidence, recomputable, bounded and monotone."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quoteverify as qv
from quoteverify.confidence import (
    FEATURES,
    ConfidenceModel,
    features,
    load_model,
    score,
    score_evidence,
)
from quoteverify.errors import InvalidInputError

SENTENCES = [
    "We don't have access to the data.",
    "What we do is sell them a server.",
    "Technology is definitely not to blame for how some customers use it.",
    "Our revenue grew by a third in the first half of the year.",
    "The company will publish a statement on its website after the briefing.",
    "We follow the law in every market we sell in.",
    "Megvii never sold cameras to the police in Xinjiang.",
]
SPEAKERS = ("Xie Yinan", "Yin Qi")


def transcript() -> qv.Source:
    lines = [f"{SPEAKERS[i % 2].upper()}: {s}" for i, s in enumerate(SENTENCES)]
    return qv.Source.from_transcript("\n\n".join(lines))


SOURCE = transcript()


def test_recompute_from_evidence_by_the_documented_formula() -> None:
    v = qv.verify("technology is definitely to blame", SOURCE, speaker="Yin Qi")
    total = sum(e.weight for e in v.evidence)
    assert v.confidence == pytest.approx(1 / (1 + math.exp(-total)), abs=1e-12)
    assert v.confidence == pytest.approx(score(v.evidence), abs=1e-12)
    names = [e.name for e in v.evidence]
    assert "meaning_edit:negation" in names and names[-1] == "intercept"
    assert v.confidence < 0.2


def test_weights_are_data_in_the_package() -> None:
    path = Path(qv.__file__).parent / "data" / "confidence_weights.json"
    data = json.loads(path.read_text("utf-8"))
    assert set(data["coefficients"]) <= set(FEATURES)
    assert data["metadata"]["fitted_by"].startswith("python benchmarks/calibration.py")
    model = load_model()
    for name, value in data["coefficients"].items():
        assert model.coefficients[name] == pytest.approx(value)


def test_each_evidence_weight_is_coefficient_times_value() -> None:
    v = qv.verify("Megvii sold cameras to the police in Xinjiang", SOURCE, speaker="Xie Yinan")
    model = load_model()
    feats = features(v)
    ev = score_evidence(v, model)
    assert sorted(e.weight for e in ev) == pytest.approx(
        sorted(model.coefficient(n) * x for n, x, _ in feats)
    )


def test_a_custom_model_changes_the_score_and_loads_from_a_file(tmp_path: Path) -> None:
    m = ConfidenceModel({"intercept": 0.0})
    v = qv.verify("We don't have access to the data", SOURCE, speaker="Xie Yinan")
    assert score(score_evidence(v, m)) == 0.5
    p = tmp_path / "w.json"
    p.write_text(m.to_json(), "utf-8")
    assert load_model(p).coefficient("intercept") == 0.0
    p.write_text("{}", "utf-8")
    with pytest.raises(InvalidInputError):
        load_model(p)
    with pytest.raises(InvalidInputError):
        ConfidenceModel({"no such feature": 1.0})


def test_misattribution_and_not_found_are_low() -> None:
    mis = qv.verify("We don't have access to the data", SOURCE, speaker="Yin Qi")
    assert mis.attribution is not None and mis.attribution.status is qv.AttributionStatus.MISATTRIBUTED
    assert mis.confidence is not None and mis.confidence < 0.1
    nf = qv.verify("We build the cameras ourselves in Shenzhen", SOURCE, speaker="Yin Qi")
    assert nf.fidelity is qv.Fidelity.NOT_FOUND and nf.confidence is not None and nf.confidence < 0.1


def test_explain_false_skips_evidence_but_keeps_confidence() -> None:
    a = qv.verify("We don't have access to the data", SOURCE, speaker="Xie Yinan")
    b = qv.verify("We don't have access to the data", SOURCE, speaker="Xie Yinan", explain=False)
    assert b.evidence == () and b.confidence == a.confidence


# --- properties ---------------------------------------------------------------------------

pick = st.integers(min_value=0, max_value=len(SENTENCES) - 1)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=80), st.sampled_from((*SPEAKERS, None)))
def test_confidence_is_a_probability(quote: str, speaker: str | None) -> None:
    try:
        v = qv.verify(quote, SOURCE, speaker=speaker)
    except InvalidInputError:
        assert not any(ch.isalnum() for ch in quote)  # only a quote with no words is refused
        return
    assert v.confidence is not None and 0.0 <= v.confidence <= 1.0


@settings(max_examples=30, deadline=None)
@given(pick)
def test_verbatim_attributed_full_sentence_is_trusted(i: int) -> None:
    sentence = SENTENCES[i]
    v = qv.verify(sentence, SOURCE, speaker=SPEAKERS[i % 2])
    assert v.fidelity is qv.Fidelity.VERBATIM
    assert v.drift.worst is not qv.Severity.SERIOUS
    assert v.confidence is not None and v.confidence >= 0.9


@settings(max_examples=40, deadline=None)
@given(pick, st.booleans())
def test_removing_a_negation_never_raises_confidence(i: int, full: bool) -> None:
    sentence = SENTENCES[i].rstrip(".")
    words = sentence.split()
    negs = [k for k, w in enumerate(words) if w.lower() in ("not", "never", "don't")]
    if not negs:
        return
    k = negs[0]
    dropped = words[:k] + (["do"] if words[k].lower() == "don't" else []) + words[k + 1 :]
    quote = sentence if full else " ".join(words[: k + 3])
    without = " ".join(dropped if full else dropped[: k + 2])
    a = qv.verify(quote, SOURCE, speaker=SPEAKERS[i % 2])
    b = qv.verify(without, SOURCE, speaker=SPEAKERS[i % 2])
    assert a.confidence is not None and b.confidence is not None
    assert b.confidence <= a.confidence
