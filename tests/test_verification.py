"""verify() and check_article(): the calls, the Report, configuration and bad input."""

from __future__ import annotations

import copy
import datetime as dt
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quoteverify as qv

BRIEFING = qv.Source.from_transcript(
    "MEGVII TECHNOLOGY LIMITED - PRESS BRIEFING\n\n"
    "YIN QI: Good morning. Our revenue grew again. Technology is definitely not to blame "
    "for how some customers use it.\n\n"
    "REPORTER: Mr. Xie, is it true your software was tested for Uighur alarms?\n\n"
    "XIE YINAN: That was a test by a partner. We don't have access to the data. What we do is "
    "sell them a server. That's all.\n",
    title="Megvii press briefing",
    published=dt.date(2019, 5, 10),
)
STATEMENT = qv.Source(
    "Megvii denies any relationship with IJOP. We follow the law in every market we sell in.",
    speaker=qv.Speaker("Megvii", kind="organization"),
    title="Megvii statement",
)
STORY = (
    "Megvii's executives defended the company on Friday.\n\n"
    "\"Technology is definitely not to blame,\" chief executive Yin Qi told the briefing.\n\n"
    "Asked about Uighur alarms, vice president Xie Yinan said: \"We don't have access to the "
    "data.\"\n\n"
    "Yin Qi also said \"we don't have access to the data\", according to one attendee.\n\n"
    "Xie added that Megvii had \"never sold a single camera\" to the police.\n"
)
REGISTRY = qv.SpeakerRegistry([
    qv.Speaker("Yin Qi", aliases=("Qi Yin", "印奇"), roles=("co-founder", "chief executive"),
               organization="Megvii"),
    qv.Speaker("Xie Yinan", roles=("vice president",), organization="Megvii"),
])


@pytest.fixture(scope="module")
def report() -> qv.Report:
    return qv.check_article(STORY, [BRIEFING, STATEMENT], speakers=REGISTRY,
                            published=dt.date(2019, 5, 11))


def test_check_article_verifies_every_quote_in_story_order(report: qv.Report) -> None:
    texts = [v.quote.text for v in report.verifications]
    assert len(texts) == 4
    starts = [v.attributed.span.start for v in report.verifications if v.attributed]
    assert starts == sorted(starts)
    by_text = {v.quote.text.strip('.," '): v for v in report.verifications}
    yin = by_text["Technology is definitely not to blame"]
    assert yin.fidelity in (qv.Fidelity.VERBATIM, qv.Fidelity.COSMETIC)
    assert yin.attribution is not None and yin.attribution.status is qv.AttributionStatus.CONFIRMED
    mis = by_text["we don't have access to the data"]
    assert mis.attribution is not None and mis.attribution.status is qv.AttributionStatus.MISATTRIBUTED
    assert by_text["never sold a single camera"].fidelity is qv.Fidelity.NOT_FOUND


def test_report_counts_worst_and_wording(report: qv.Report) -> None:
    c = report.counts
    assert sum(c["fidelity"].values()) == len(report.verifications)
    assert c["fidelity"]["not_found"] == 1
    assert c["attribution"]["misattributed"] == 1
    assert not report.ok
    worst = report.worst()
    assert worst[0].attribution is not None
    assert worst[0].attribution.status is qv.AttributionStatus.MISATTRIBUTED
    assert len(report.problems) == 2
    text = report.explain()
    assert "not found in the given sources (not necessarily fabricated)" in text
    assert "fabricated" not in text.replace("not necessarily fabricated", "")
    assert text.splitlines()[0].startswith("4 quotes: 2 do not hold")


def test_report_to_dict_is_json_ready(report: qv.Report) -> None:
    d = json.loads(json.dumps(report.to_dict()))
    assert d["ok"] is False
    assert [q["story_span"]["start"] for q in d["quotes"]] == [
        v.attributed.span.start for v in report.verifications if v.attributed
    ]
    for q, v in zip(d["quotes"], report.verifications, strict=True):
        assert STORY[q["story_span"]["start"] : q["story_span"]["end"]] == q["story_span"]["text"]
        assert q["confidence"] == v.confidence
        assert {"fidelity", "attribution", "drift", "evidence", "holds"} <= set(q)


def test_an_article_without_quotes_holds() -> None:
    r = qv.check_article("Megvii reported results on Friday.", BRIEFING)
    assert r.verifications == () and r.ok and r.counts["fidelity"]["verbatim"] == 0


def test_verify_takes_an_attributed_quote_with_its_framing() -> None:
    story = ('When asked about exports, Xie Yinan said: "We don\'t have access to the data."')
    (aq,) = qv.extract_quotes(story)
    v = qv.verify(aq, BRIEFING)
    assert v.attributed is aq
    q = [f for f in v.drift.findings if f.kind == "question"]
    assert q and q[0].story_spans[0].text in story


def test_best_source_wins_and_others_are_reported() -> None:
    copy_src = qv.Source("He said: We don't have access to the data, or so he claimed.", title="blog")
    v = qv.verify("We don't have access to the data", [copy_src, BRIEFING], speaker="Xie Yinan")
    assert v.source is not None and v.location is not None
    assert len(v.also_matched) == 1


# --- configuration ------------------------------------------------------------------------


def test_config_is_frozen_and_overridable() -> None:
    cfg = qv.VerifyConfig()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cfg.max_age_days = 3  # type: ignore[misc]
    assert cfg.replace(max_age_days=3).max_age_days == 3
    with pytest.raises(TypeError, match="unknown VerifyConfig options"):
        cfg.replace(max_age=3)
    with pytest.raises(TypeError):
        qv.verify("the data", BRIEFING, no_such_option=1)
    with pytest.raises(qv.InvalidInputError, match="unknown drift checks"):
        qv.VerifyConfig(drift_checks={"tone"})
    with pytest.raises(TypeError):
        qv.verify("the data", BRIEFING, config={"max_age_days": 3})  # type: ignore[arg-type]


# --- bad input ----------------------------------------------------------------------------


def test_mismatched_types_are_typed_errors() -> None:
    with pytest.raises(TypeError, match="decode"):
        qv.verify(b"the data", BRIEFING)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decode"):
        qv.verify("the data", b"We don't have access to the data.")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        qv.verify("the data", [BRIEFING, 3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        qv.verify("the data", BRIEFING, said_on="2019-05-11")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        qv.check_article(None, BRIEFING)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        qv.check_article("text", BRIEFING, speakers=["Yin Qi"])  # type: ignore[arg-type]
    with pytest.raises(qv.InvalidInputError):
        qv.verify("   ", BRIEFING)
    with pytest.raises(qv.InvalidInputError, match="no source"):
        qv.verify("the data", [])


def test_duplicate_and_empty_sources() -> None:
    v = qv.verify("We don't have access to the data", [BRIEFING, BRIEFING, qv.Source(""), "  "],
                  speaker="Xie Yinan")
    assert v.also_matched == ()
    assert v.source is BRIEFING
    only_empty = qv.verify("We don't have access to the data", [qv.Source("")])
    assert only_empty.fidelity is qv.Fidelity.NOT_FOUND


def test_future_dates_are_compared_not_rejected() -> None:
    future = qv.Source("We don't have access to the data.", published=dt.date(2999, 1, 1))
    v = qv.verify("We don't have access to the data", future, said_on=dt.date(2020, 1, 1))
    assert [(f.kind, f.severity.value) for f in v.drift.findings] == [("temporal", "serious")]
    v2 = qv.verify("We don't have access to the data", future, said_on=dt.datetime(3005, 1, 1, 9))
    assert v2.drift.findings[0].kind == "temporal"


def test_framing_longer_than_the_article_is_used_as_given() -> None:
    framing = "Asked about exports " * 2000
    v = qv.verify("We don't have access to the data", BRIEFING, speaker="Xie Yinan", framing=framing)
    for f in v.drift.findings:
        for s in f.story_spans:
            assert framing[s.start : s.end] == s.text


def test_callers_objects_are_not_mutated(report: qv.Report) -> None:
    before = (copy.copy(BRIEFING.turns), BRIEFING.text, STATEMENT.text)
    sources = [BRIEFING, STATEMENT]
    qv.check_article(STORY, sources, speakers=REGISTRY)
    assert sources == [BRIEFING, STATEMENT]
    assert (BRIEFING.turns, BRIEFING.text, STATEMENT.text) == before


# --- properties ---------------------------------------------------------------------------

QUOTES = [
    "We don't have access to the data",
    "Technology is definitely not to blame",
    "We follow the law in every market",
    "What we do is sell them a server ... That's all.",
    "Megvii denies any relationship",
    "The police never saw the footage",
]
EXTRA = qv.Source("We don't have access to the data, he wrote in a blog post.", title="blog")


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(QUOTES), st.permutations([BRIEFING, STATEMENT, EXTRA]),
       st.sampled_from(("Xie Yinan", "Yin Qi", None)))
def test_results_do_not_depend_on_source_order(quote: str, sources: list[qv.Source],
                                               speaker: str | None) -> None:
    a = qv.verify(quote, sources, speaker=speaker, said_on=dt.date(2020, 1, 1))
    b = qv.verify(quote, [BRIEFING, STATEMENT, EXTRA], speaker=speaker, said_on=dt.date(2020, 1, 1))
    assert a.source is b.source
    assert a.to_dict() == b.to_dict()


def test_a_quote_past_the_quote_limit_is_not_found_not_an_error() -> None:
    import quoteverify as qv

    story = 'Xie said: "' + "word " * 30_000 + 'end." Then he left.'
    report = qv.check_article(story, ["We sell servers."])
    (v,) = report.verifications
    assert v.fidelity is qv.Fidelity.NOT_FOUND
    assert v.attributed is not None and len(v.attributed.text) > 100_000
    assert len(v.quote.text) == 201


# --------------------------------------------------------------------------- issue 15: check_article

NEWSROOM = qv.SpeakerRegistry([
    qv.Speaker("American Civil Liberties Union", kind="organization"),
    qv.Speaker("Elena Park", gender="f", roles=("mayor",)),
    qv.Speaker("Marcus Reyes", gender="m", roles=("senator",)),
    qv.Speaker("Priya Natarajan", gender="f", roles=("health commissioner",)),
])
HEARING = qv.Source.from_transcript(
    "CHAIR: The committee will come to order.\n\n"
    "ELENA PARK: The budget we passed last spring does not cover a second round of repairs.\n\n"
    "MARCUS REYES: We will challenge this policy in court as soon as it takes effect.\n\n"
    "ACLU: Families should not have to choose between rent and their medicine.\n",
    title="council hearing",
)


def test_check_article_confirms_an_acronym_and_accuses_only_a_named_person() -> None:
    story = (
        '"Families should not have to choose between rent and their medicine," the ACLU said. '
        'When Park testified, Reyes was blunt: "We will challenge this policy in court."\n\n'
        '"The budget we passed last spring does not cover a second round of repairs," Reyes said.'
    )
    report = qv.check_article(story, [HEARING], speakers=NEWSROOM)
    statuses = [v.attribution.status.value for v in report.verifications if v.attribution]
    assert statuses == ["confirmed", "confirmed", "misattributed"]
    assert "Elena Park speaks these words" in report.verifications[2].attribution.message


def test_check_article_says_speaker_unclear_instead_of_accusing() -> None:
    story = (
        "Elena Park and Priya Natarajan arrived together. "
        '"We will challenge this policy in court," she said.'
    )
    (v,) = qv.check_article(story, [HEARING], speakers=NEWSROOM).verifications
    assert v.attributed is not None and v.attributed.uncertain
    assert v.attribution is not None and v.attribution.status is qv.AttributionStatus.UNATTRIBUTED
    assert v.attribution.message.startswith("Speaker unclear in the story")
    assert "Marcus Reyes speaks these words" in v.attribution.message
    assert v.confidence is not None and v.confidence < 0.9


def test_an_unregistered_speaker_in_the_source_gets_a_reason_not_an_accusation() -> None:
    src = qv.Source.from_transcript("PAT DOYLE: We will challenge this policy in court.\n")
    v = qv.verify("We will challenge this policy in court", src, speaker="Marcus Reyes", speakers=NEWSROOM)
    assert v.attribution is not None and v.attribution.status is qv.AttributionStatus.UNATTRIBUTED
    assert "Spoken by an unregistered 'PAT DOYLE'" in v.attribution.message
    assert v.confidence is not None
    alone = qv.verify("We will challenge this policy in court", src, speakers=NEWSROOM)
    assert alone.confidence is not None and v.confidence <= alone.confidence


def test_words_said_in_several_turns_are_confirmed_for_anyone_who_said_them() -> None:
    # a formula said by several members (Hansard, briefings): the first hit is someone else's
    text = (
        "Mr. Colin Ashdown (Lakehead North, Ref.):\nMr. Speaker, I rise on a point of order.\n"
        "The bells rang for too long.\n\n"
        "Ms. Rosalind Okafor (Halifax Harbour, NDP):\nMr. Speaker, I rise on a point of order.\n"
        "The member is out of time.\n\n"
        "Hon. Marguerite Vallee (Minister of Industry, Lib.):\nThe contracts are signed.\n"
    )
    src = qv.Source.detect(text)
    assert src.format == "hansard"
    quote = "Mr. Speaker, I rise on a point of order."
    v = qv.verify(quote, src, speaker="Rosalind Okafor")
    assert v.attribution is not None and v.attribution.status is qv.AttributionStatus.CONFIRMED, v.attribution
    assert v.location is not None and v.location.start == text.rindex(quote)
    first = qv.verify(quote, src, speaker="Colin Ashdown")
    assert first.attribution is not None and first.attribution.status is qv.AttributionStatus.CONFIRMED
    assert first.location is not None and first.location.start == text.index(quote)
    wrong = qv.verify(quote, src, speaker="Marguerite Vallee")
    assert wrong.attribution is not None and wrong.attribution.status is qv.AttributionStatus.MISATTRIBUTED
