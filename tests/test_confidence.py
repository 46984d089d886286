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


# --- issue 15: fail closed, and confidence agrees with the verdict ------------------------

from quoteverify.report import holds  # noqa: E402

PLAIN = qv.Source(" ".join(SENTENCES))
UNKNOWN_LABELS = qv.Source.from_transcript(
    "\n\n".join(f"{('ACLU', 'PAT DOYLE', 'THE UTILITY')[i % 3]}: {s}" for i, s in enumerate(SENTENCES))
)
CLAIMS = ("Xie Yinan", "Yin Qi", "Dana Whitfield", "the company", "ACLU")


def _variant(sentence: str, how: int) -> str:
    """The sentence as quoted: whole, cut, a word dropped, or 'not' added after the first word."""
    words = sentence.rstrip(".").split()
    if how == 0 or len(words) < 4:
        return " ".join(words)
    if how == 1:
        return " ".join(words[: max(3, len(words) - 2)])
    if how == 2:
        return " ".join(words[:1] + words[2:])
    return " ".join([words[0], "not", *words[1:]])


@settings(max_examples=80, deadline=None)
@given(pick, st.integers(min_value=0, max_value=3), st.sampled_from(CLAIMS), st.booleans())
def test_naming_a_speaker_never_raises_the_confidence_of_an_unattributed_quote(
    i: int, how: int, claim: str, labelled: bool
) -> None:
    source = UNKNOWN_LABELS if labelled else PLAIN
    quote = _variant(SENTENCES[i], how)
    named = qv.verify(quote, source, speaker=claim)
    alone = qv.verify(quote, source)
    assert named.confidence is not None and alone.confidence is not None
    if named.attribution is not None and named.attribution.status is qv.AttributionStatus.UNATTRIBUTED:
        assert named.confidence <= alone.confidence + 1e-12, named.attribution.message
        assert not holds(named)


def _clean_scores() -> list[float]:
    out = []
    for k, sentence in enumerate(SENTENCES):
        v = qv.verify(sentence.rstrip("."), SOURCE, speaker=SPEAKERS[k % 2])
        assert v.attribution is not None and v.attribution.status is qv.AttributionStatus.CONFIRMED
        if holds(v) and v.drift.worst in (None, qv.Severity.INFO):
            assert v.confidence is not None
            out.append(v.confidence)
    assert out
    return out


CLEAN = _clean_scores()


@settings(max_examples=80, deadline=None)
@given(pick, st.integers(min_value=1, max_value=3), st.sampled_from(SPEAKERS), st.booleans())
def test_every_altered_or_misattributed_result_scores_below_every_clean_confirmed_one(
    i: int, how: int, claim: str, drop_words: bool
) -> None:
    quote = _variant(SENTENCES[i], how if drop_words else 0)
    v = qv.verify(quote, SOURCE, speaker=claim)
    bad = v.fidelity in (qv.Fidelity.ALTERED, qv.Fidelity.SPLICED, qv.Fidelity.PARAPHRASED) or (
        v.attribution is not None and v.attribution.status is qv.AttributionStatus.MISATTRIBUTED
    ) or v.drift.worst is qv.Severity.SERIOUS
    if bad:
        assert v.confidence is not None and v.confidence < min(CLEAN), [e.name for e in v.evidence]


def test_an_inserted_just_is_not_scored_like_a_dropped_not() -> None:
    src = qv.Source.from_transcript("DANA WHITFIELD: We will keep the plant open through the winter.")
    just = qv.verify("We will just keep the plant open through the winter", src, speaker="Dana Whitfield")
    nots = qv.verify("We will not keep the plant open through the winter", src, speaker="Dana Whitfield")
    assert [e.reason for e in just.edits if e.meaning] == ["quantifier"]
    assert [e.reason for e in nots.edits if e.meaning] == ["negation"]
    assert just.confidence is not None and nots.confidence is not None
    assert nots.confidence < just.confidence
    assert not holds(just)  # still an alteration: below a clean quote
    assert just.confidence < min(CLEAN)


def test_a_meaning_reason_weighs_the_shared_coefficient_plus_its_own_and_never_above_zero() -> None:
    m = ConfidenceModel({"meaning_edit": -4.0, "meaning_edit:quantifier": 1.5,
                         "meaning_edit:negation": -2.0})
    assert m.coefficient("meaning_edit:quantifier") == -2.5
    assert m.coefficient("meaning_edit:negation") == -6.0
    assert m.coefficient("meaning_edit:comparative") == -4.0  # no data: the shared weight
    assert ConfidenceModel({"meaning_edit:quantifier": 3.0}).coefficient("meaning_edit:quantifier") == 0.0
    assert ConfidenceModel({"drift:info": -2.0}).coefficient("drift:truncation:info") == 0.0


def test_the_verdict_item_keeps_a_failing_quote_under_the_ceiling() -> None:
    # a model that barely penalises word edits: the altered quote would otherwise score high
    m = ConfidenceModel({"intercept": 2.0, "attribution:confirmed": 2.0, "word_edit": -0.1})
    v = qv.verify("Our revenue grew by a third in the first half of the year", SOURCE, speaker="Yin Qi")
    w = qv.verify("Our revenue grew by a third in the first half of this year", SOURCE, speaker="Yin Qi")
    assert holds(v) and not holds(w)
    ev = score_evidence(w, m)
    assert "verdict" in [e.name for e in ev]
    assert score(ev) < score(score_evidence(v, m))
    assert math.log(score(ev) / (1 - score(ev))) == pytest.approx(m.ceiling())
