"""Context drift: every finding kind on realistic text written for these tests."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quoteverify as qv
from quoteverify.drift import DRIFT_WORDS, keywords

INTERVIEW = """Megvii's vice president on surveillance and servers
Interviewer: Jane Doe, Business Insider
Interviewee: Xie Yinan, vice president, Megvii

Q: How are your exports to Europe doing this year?

A: Exports grew by a third. We will keep selling servers abroad unless the new rules stop us.

Q: Human rights groups say your cameras are used to track Uighurs in Xinjiang. Do you know what the police do with the footage?

A: We don't have access to the data. What we do is sell them a server. That's all. As critics put it, "a company that sells the cameras cannot wash its hands of the pictures." I understand why they say that.
"""


def kinds(v: qv.Verification) -> list[tuple[str, str]]:
    return [(f.kind, f.severity.value) for f in v.drift.findings]


def of_kind(v: qv.Verification, kind: str) -> list[qv.Finding]:
    return [f for f in v.drift.findings if f.kind == kind]


@pytest.fixture(scope="module")
def interview() -> qv.Source:
    return qv.Source.from_transcript(INTERVIEW, published=dt.date(2019, 2, 20))


def check_spans(source: qv.Source, v: qv.Verification) -> None:
    for f in v.drift.findings:
        for s in f.source_spans:
            assert source.text[s.start : s.end] == s.text


# --- truncation ---------------------------------------------------------------------------


def test_dropped_unless_clause_is_serious(interview: qv.Source) -> None:
    v = qv.verify("We will keep selling servers abroad", interview, speaker="Xie Yinan")
    assert v.fidelity is qv.Fidelity.VERBATIM
    (f,) = of_kind(v, "truncation")
    assert f.severity is qv.Severity.SERIOUS
    assert f.source_spans[0].text.startswith("unless the new rules stop us")
    assert "condition" in f.message
    check_spans(interview, v)


def test_quote_ending_its_sentence_is_not_truncated(interview: qv.Source) -> None:
    v = qv.verify(
        "We will keep selling servers abroad unless the new rules stop us", interview,
        speaker="Xie Yinan",
    )
    assert of_kind(v, "truncation") == []


# Words after the quote that change its force (who, when, but, if, unless...): tests/cases/drift.json.


def test_negation_right_before_is_serious() -> None:
    src = qv.Source("Yin Qi told investors it is not true that technology is to blame.")
    v = qv.verify("technology is to blame", src)
    (f,) = of_kind(v, "truncation")
    assert f.severity is qv.Severity.SERIOUS
    assert f.source_spans[0].text == "not"


def test_contracted_negation_right_before() -> None:
    src = qv.Source("Frankly, we don't have access to the data at all.")
    v = qv.verify("have access to the data", src)
    assert of_kind(v, "truncation")[0].source_spans[0].text == "don't"


def test_hedge_and_conditional_opening() -> None:
    hedge = qv.verify("the cameras were tested on Uighurs", qv.Source(
        "Some say the cameras were tested on Uighurs, but we have no record of it."))
    assert ("truncation", "warning") in kinds(hedge)
    cond = qv.verify("we will close the Beijing plant", qv.Source(
        "If we lose this case, we will close the Beijing plant."))
    assert ("truncation", "serious") in kinds(cond)
    assert "If we lose this case" in of_kind(cond, "truncation")[0].message


def test_neutral_cut_is_not_flagged() -> None:
    v = qv.verify("We sell servers", qv.Source("We sell servers to banks in Shanghai."))
    assert of_kind(v, "truncation") == []


# --- dangling reference -------------------------------------------------------------------


def test_dangling_that_names_the_referent() -> None:
    src = qv.Source(
        "Somebody invested in roads and bridges. If you have a shop, you didn't build that. "
        "Somebody else made that happen."
    )
    v = qv.verify("you didn't build that", src)
    (f,) = of_kind(v, "dangling_reference")
    assert f.severity is qv.Severity.WARNING
    assert f.source_spans[0].text == "roads and bridges"
    assert "roads and bridges" in f.message


def test_dangling_pronoun_at_start_points_back() -> None:
    src = qv.Source("Our tariffs on imported chips doubled in March. They were a mistake.")
    v = qv.verify("They were a mistake", src)
    (f,) = of_kind(v, "dangling_reference")
    assert "tariffs" in f.source_spans[0].text


def test_self_contained_quote_has_no_dangling_reference() -> None:
    v = qv.verify("Megvii sells servers to banks", qv.Source("Megvii sells servers to banks."))
    assert of_kind(v, "dangling_reference") == []


def test_he_resolves_to_a_name() -> None:
    src = qv.Source("We met Xie Yinan in Beijing. He said the cameras were only a test.")
    v = qv.verify("He said the cameras were only a test", src)
    (f,) = of_kind(v, "dangling_reference")
    assert f.source_spans[0].text == "Xie Yinan"


# --- splice -------------------------------------------------------------------------------


def test_silent_splice_across_two_answers(interview: qv.Source) -> None:
    v = qv.verify("Exports grew by a third. We don't have access to the data.", interview,
                  speaker="Xie Yinan")
    (f,) = of_kind(v, "splice")
    assert f.severity is qv.Severity.SERIOUS
    assert "no ellipsis" in f.message and "2 different answers" in f.message
    assert len(f.source_spans) == 2
    check_spans(interview, v)


def test_marked_splice_nearby_is_info(interview: qv.Source) -> None:
    v = qv.verify("We don't have access to the data ... That's all.", interview, speaker="Xie Yinan")
    (f,) = of_kind(v, "splice")
    assert f.severity is qv.Severity.INFO


def test_splice_across_speakers_is_serious() -> None:
    src = qv.Source.from_transcript(
        "YIN QI: Our revenue grew again this year.\n\nXIE YINAN: We don't have access to the data.\n"
    )
    v = qv.verify("Our revenue grew again this year ... We don't have access to the data", src)
    (f,) = of_kind(v, "splice")
    assert f.severity is qv.Severity.SERIOUS
    assert "Xie Yinan" in f.message and "Yin Qi" in f.message


# --- question and topic -------------------------------------------------------------------


def test_question_answered_differs_from_framing(interview: qv.Source) -> None:
    v = qv.verify("Exports grew by a third", interview, speaker="Xie Yinan",
                  framing="When asked about Xinjiang, Xie said")
    (f,) = of_kind(v, "question")
    assert f.severity is qv.Severity.SERIOUS
    assert f.source_spans[0].text.startswith("How are your exports")
    assert f.story_spans[0].text == "asked about Xinjiang"


def test_question_that_matches_is_not_flagged(interview: qv.Source) -> None:
    v = qv.verify("We don't have access to the data", interview, speaker="Xie Yinan",
                  framing="When asked about the police in Xinjiang by the South China Morning Post, Xie said")
    assert of_kind(v, "question") == []
    assert of_kind(v, "topic") == []


def test_topic_mismatch_uses_the_threshold(interview: qv.Source) -> None:
    framing = "Discussing quarterly dividends, pension funds and shareholder votes, Xie said"
    v = qv.verify("Exports grew by a third", interview, speaker="Xie Yinan", framing=framing)
    (f,) = of_kind(v, "topic")
    assert f.severity is qv.Severity.WARNING
    assert f.story_spans[0].text == framing
    off = qv.verify("Exports grew by a third", interview, speaker="Xie Yinan", framing=framing,
                    topic_threshold=0.0)
    assert of_kind(off, "topic") == []


def test_keywords_fold_and_stem() -> None:
    assert keywords("Exports, exported and exporting") == {"export"}
    assert "said" not in keywords("he said about Xinjiang")


# --- embedded speech ----------------------------------------------------------------------


def test_speaker_reading_a_critics_words(interview: qv.Source) -> None:
    v = qv.verify("a company that sells the cameras cannot wash its hands of the pictures",
                  interview, speaker="Xie Yinan")
    (f,) = of_kind(v, "embedded_speech")
    assert f.severity is qv.Severity.SERIOUS
    assert "critics" in f.message
    check_spans(interview, v)


# --- temporal -----------------------------------------------------------------------------


def test_old_interview_presented_as_new(interview: qv.Source) -> None:
    v = qv.verify("We don't have access to the data", interview, speaker="Xie Yinan",
                  framing="Xie told reporters this week", said_on=dt.date(2020, 3, 2))
    (f,) = of_kind(v, "temporal")
    assert f.severity is qv.Severity.SERIOUS
    assert "this week" in f.message and "2019-02-20" in f.message
    assert f.story_spans[0].text == "this week"


def test_old_source_acknowledged_is_info(interview: qv.Source) -> None:
    v = qv.verify("We don't have access to the data", interview, speaker="Xie Yinan",
                  framing="In last year's interview, Xie said", said_on=dt.date(2020, 3, 2))
    assert kinds(v) == [("temporal", "info")]


def test_age_threshold_is_configurable(interview: qv.Source) -> None:
    said_on = dt.date(2020, 3, 2)
    v = qv.verify("We don't have access to the data", interview, speaker="Xie Yinan",
                  framing="In an interview, Xie said", said_on=said_on)
    assert kinds(v) == [("temporal", "warning")]
    v2 = qv.verify("We don't have access to the data", interview, speaker="Xie Yinan",
                   framing="In an interview, Xie said", said_on=said_on, max_age_days=1000)
    assert of_kind(v2, "temporal") == []


def test_source_dated_after_story_is_serious(interview: qv.Source) -> None:
    v = qv.verify("We don't have access to the data", interview, said_on=dt.date(2018, 1, 1))
    (f,) = of_kind(v, "temporal")
    assert f.severity is qv.Severity.SERIOUS and "after the story" in f.message


def test_wrong_year_in_framing(interview: qv.Source) -> None:
    v = qv.verify("We don't have access to the data", interview, framing="In a 2017 interview, Xie said")
    assert ("temporal", "warning") in kinds(v)


# --- configuration, input, scale ----------------------------------------------------------


def test_checks_can_be_switched_off(interview: qv.Source) -> None:
    v = qv.verify("We will keep selling servers abroad", interview, drift_checks={"temporal"})
    assert of_kind(v, "truncation") == []


def test_word_lists_can_be_overridden() -> None:
    src = qv.Source("The factory will close whenever the subsidy ends.")
    assert of_kind(qv.verify("The factory will close", src), "truncation") == []
    conds = (*DRIFT_WORDS["conditions"], "whenever")
    v = qv.verify("The factory will close", src, words={"conditions": conds})
    assert of_kind(v, "truncation")[0].severity is qv.Severity.SERIOUS


def test_assess_drift_directly_and_bad_input(interview: qv.Source) -> None:
    v = qv.verify("We will keep selling servers abroad", interview, drift_checks=set())
    assert not v.drift
    d = qv.assess_drift(v)
    assert [f.kind for f in d.findings] == ["truncation"]
    with pytest.raises(TypeError):
        qv.assess_drift("We will keep selling")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decode"):
        qv.assess_drift(v, framing=b"asked about")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        qv.assess_drift(v, said_on="2020-01-01")  # type: ignore[arg-type]
    assert not qv.assess_drift(qv.verify("nothing like this", interview))


def test_hostile_context_is_fast() -> None:
    big = "that " * 200_000 + "we sell servers unless told otherwise. " + "which " * 200_000
    src = qv.Source(big)
    t = time.perf_counter()
    v = qv.verify("we sell servers", src, framing="asked about " + "export " * 10_000)
    assert time.perf_counter() - t < 10
    assert of_kind(v, "truncation")


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_drift_never_raises_and_spans_index_the_source(prefix: str) -> None:
    text = prefix + " We will keep selling servers abroad unless the rules stop us. That's all."
    src = qv.Source(text)
    v = qv.verify("We will keep selling servers abroad", src, framing=prefix)
    for f in v.drift.findings:
        for s in f.source_spans:
            assert text[s.start : s.end] == s.text
        for s in f.story_spans:
            assert prefix[s.start : s.end] == s.text


def test_question_finding_quotes_the_story_words_unblanked() -> None:
    import quoteverify as qv

    src = qv.Source.from_transcript(
        "Q: How are exports going this year?\nA: We don't have access to the data.\n"
    )
    v = qv.verify("We don't have access to the data", src, framing="Asked about the weather in Paris, Xie said")
    (finding,) = [f for f in v.drift.findings if f.kind == "question"]
    assert "Asked about the weather in Paris" in finding.message


def test_an_answering_no_before_the_quote_is_only_info() -> None:
    import quoteverify as qv

    src = qv.Source.from_transcript("VADER: No, I am your father.\nLUKE: That's not true.\n")
    v = qv.verify("I am your father", src, speaker="Vader")
    (f,) = [f for f in v.drift.findings if f.kind == "truncation"]
    assert f.severity is qv.Severity.INFO
    # but a negation inside the sentence still reverses it
    src = qv.Source("I am not your father, he said.")
    v = qv.verify("your father, he said", src)
    assert any(f.kind == "truncation" and f.severity is qv.Severity.SERIOUS for f in v.drift.findings)


def test_every_drift_kind_has_one_check_in_report_order() -> None:
    from quoteverify.config import DRIFT_CHECKS
    from quoteverify.drift import CHECKS

    assert [kind for kind, _ in CHECKS] == list(qv.DriftKind)
    assert {k.value for k in qv.DriftKind} == DRIFT_CHECKS


def test_finding_kinds_are_the_enum_and_serialise_as_before() -> None:
    import json

    src = qv.Source("We will close the plant unless the state renews the subsidy.")
    v = qv.verify("We will close the plant", src)
    kinds = [f.kind for f in v.drift.findings]
    assert kinds and all(isinstance(k, qv.DriftKind) for k in kinds)
    assert kinds[0] == "truncation"
    assert json.loads(qv.to_json(v))["drift"][0]["kind"] == "truncation"


def test_reported_speech_without_quotation_marks_is_someone_elses() -> None:
    src = qv.Source.from_transcript(
        "SMITH: My opponent says we will cut the night buses. That is simply false.\n"
        "JONES: People tell me the fund is empty. It is not.\n"
    )
    v = qv.verify("we will cut the night buses", src, speaker="Smith")
    assert [(f.kind.value, f.severity.value) for f in v.drift.findings] == [("embedded_speech", "serious")]
    own = qv.verify("That is simply false", src, speaker="Smith")  # "That" leans on before: fine
    assert "embedded_speech" not in [f.kind.value for f in own.drift.findings]


@pytest.mark.parametrize(
    ("source", "kind", "severity"),
    [
        ("We are going to close the plant because the orders are gone.", "truncation", "warning"),
        ("Because we are going to close the plant, the town will suffer.", "truncation", "warning"),
        ("We are going to close the plant. That is not what I want.", "qualified", "warning"),
        ("We are going to close the plant. But no worker will be left behind.", "qualified", "info"),
        ("We are going to close the plant. The orders are gone.", None, None),
    ],
)
def test_a_dropped_reason_and_the_next_sentence(source: str, kind: str | None, severity: str | None) -> None:
    v = qv.verify("we are going to close the plant", qv.Source(source))
    got = [(f.kind.value, f.severity.value) for f in v.drift.findings]
    assert got == ([] if kind is None else [(kind, severity)])


@pytest.mark.parametrize(
    ("tail", "dropped"),
    [
        (" -- again, with limits.", "again, with limits"),
        (", at least for now.", "at least for now"),
        (", to a point.", "to a point"),
        (", and of course in part.", "and of course in part"),
        (" and the county agreed.", None),  # goes on, limits nothing
        (", again and again.", None),  # a lead-in with no limit after it
    ],
)
def test_a_dropped_limit_after_the_quote_is_a_truncation(tail: str, dropped: str | None) -> None:
    # "It was the right time to say so -- again, with limits": the limit is part of the claim.
    v = qv.verify("it was the right time to say so", qv.Source(f"We thought about it. It was the right time to say so{tail}"))
    got = [f.message for f in v.drift.findings if f.kind == "truncation"]
    if dropped is None:
        assert got == []
    else:
        assert got == [f'The quote stops just before "{dropped}", which limits what was said.']


def test_the_setting_of_the_words_is_not_their_topic() -> None:
    src = qv.Source("The figures we were given were based on a small business. We checked them twice.")
    v = qv.verify("The figures we were given were based on a small business", src,
                  framing="Arguing before the court on Wednesday, the lawyer said")
    assert [f.kind.value for f in v.drift.findings if f.kind.value == "topic"] == []
    off = qv.verify("The figures we were given were based on a small business", src,
                    framing="Asked about the hospital merger and its nurses, the lawyer said")
    assert "topic" in [f.kind.value for f in off.drift.findings]
    # how the words were said and where ("joked", "the briefing room") is not their topic either
    warm = qv.Source.from_transcript(
        "Q: It is August, and it is hot out there.\n"
        "MR. DIAZ: It's a million degrees in here, too. We will get the air fixed.\n"
    )
    joke = qv.verify("It's a million degrees in here, too", warm, speaker="Mr. Diaz",
                     framing="Mr. Diaz joked about the heat in the briefing room, saying")
    assert [f.kind.value for f in joke.drift.findings if f.kind.value == "topic"] == []
    # nor who the speaker is: an apposition describing them
    who = qv.verify("It's a million degrees in here, too", warm, speaker="Mr. Diaz",
                    framing="said Tomas Diaz, a retired rear admiral who speaks for the harbour board")
    assert [f.kind.value for f in who.drift.findings if f.kind.value == "topic"] == []


def test_words_left_out_inside_a_quote_with_no_ellipsis_are_a_splice() -> None:
    from quoteverify.drift import _silent_cut
    from quoteverify.model import Location, Span

    text = "the interests were implicated with respect to the secret ballot that you could not protect"
    loc = Location(0, len(text), text, 0.9, fragments=(Span(0, len(text), text),))

    def cut(quote: str) -> list[tuple[str, str]]:
        f = _silent_cut(loc, qv.align(quote, loc))
        return [] if f is None else [(f.kind.value, f.severity.value)]

    assert cut("the interests were implicated with respect that you could not protect") == [("splice", "serious")]
    assert cut("the interests were implicated with respect to the ballot that you could not protect") == []
    # a whole quote matched in two places is the locator's splice, found there
    src = qv.Source("We will publish the flood review, with every finding and every name, before the recess.")
    v = qv.verify("We will publish the flood review before the recess", src)
    assert [(f.kind.value, f.severity.value) for f in v.drift.findings] == [("splice", "serious")]


def test_a_weekday_is_not_what_it_stands_for() -> None:
    src = qv.Source("Megvii said on Tuesday that its cameras are sold to retailers in twelve cities.")
    v = qv.verify("its cameras are sold to retailers in twelve cities", src)
    assert [f.kind.value for f in v.drift.findings] == ["dangling_reference"]
    assert "Tuesday" not in v.drift.findings[0].message


HEARING = """CHAIR OKONJO: The committee will come to order. Ms. Varga, you ran the depot for six years.
MS. VARGA: I did. The depot lost its night shift in March. That's the whole reason the buses ran late. We warned the county twice.
CHAIR OKONJO: Did the county answer either warning?
MS. VARGA: Not in writing. Councillor Reyes phoned me once. He said the budget was closed.
"""


def _hearing() -> tuple[qv.Source, qv.SpeakerRegistry]:
    reg = qv.SpeakerRegistry([qv.Speaker("Ada Okonjo", aliases=("Chair Okonjo",)),
                              qv.Speaker("Lena Varga", aliases=("Ms. Varga",))])
    return qv.Source.from_transcript(HEARING, speakers=reg), reg


def test_two_sentences_from_two_places_are_a_splice_not_an_alteration() -> None:
    src, reg = _hearing()
    # two real sentences of one answer, not next to each other, joined with no ellipsis
    v = qv.verify("The depot lost its night shift in March. We warned the county twice.", src,
                  speaker="Lena Varga", speakers=reg)
    assert v.fidelity is qv.Fidelity.SPLICED
    assert [f.text for f in v.location.fragments] == [  # type: ignore[union-attr]
        "The depot lost its night shift in March", "We warned the county twice"]
    # the same sentences next to each other in the source stay one verbatim piece
    v = qv.verify("That's the whole reason the buses ran late. We warned the county twice.", src,
                  speaker="Lena Varga", speakers=reg)
    assert v.fidelity is qv.Fidelity.VERBATIM


def test_a_quote_running_over_the_next_speakers_label_is_a_splice_across_speakers() -> None:
    src, reg = _hearing()
    quote = "The committee will come to order. I did. The depot lost its night shift in March."
    v = qv.verify(quote, src, speaker="Lena Varga", speakers=reg)
    assert v.fidelity is qv.Fidelity.SPLICED
    assert v.location is not None and len(v.location.fragments) == 2
    assert all("OKONJO" not in f.text and "VARGA" not in f.text for f in v.location.fragments)
    assert any(f.kind == "splice" and f.severity is qv.Severity.SERIOUS for f in v.drift.findings)
    assert not qv.report.holds(v)


def test_a_label_inside_a_clean_match_is_left_alone() -> None:
    # captions: one speaker's sentence cut over two cues, no label between: verbatim
    vtt = ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nLena Varga: We warned the county\n\n"
           "2\n00:00:03.000 --> 00:00:05.000\ntwice, in writing.\n")
    v = qv.verify("We warned the county twice, in writing", qv.Source.detect(vtt), speaker="Lena Varga")
    assert v.fidelity is qv.Fidelity.VERBATIM


@pytest.mark.parametrize(
    ("quote", "framing", "severity"),
    [
        # "That's" opening a quote stands for what was said before it
        ("That's the whole reason the buses ran late", None, "warning"),
        # "he" whose referent the source names just before, the story not at all
        ("He said the budget was closed", None, "warning"),
        ("He said the budget was closed", "Varga said of Councillor Reyes", "info"),
    ],
)
def test_dangling_references_weigh_what_the_story_names(quote: str, framing: str | None, severity: str) -> None:
    src, reg = _hearing()
    v = qv.verify(quote, src, speaker="Lena Varga", speakers=reg, framing=framing)
    found = [f for f in v.drift.findings if f.kind == "dangling_reference"]
    assert [f.severity.value for f in found] == [severity]
    if severity == "warning":
        assert v.confidence < 0.5  # context the reader cannot see: not a clean confirmation


def test_a_demonstrative_late_in_the_sentence_is_only_a_note() -> None:
    src = qv.Source("The county cut the depot's budget, and that will set up a hard winter for riders.")
    v = qv.verify("The county cut the depot's budget, and that will set up a hard winter for riders", src)
    assert all(f.severity is qv.Severity.INFO for f in v.drift.findings if f.kind == "dangling_reference")


def test_locate_split_refuses_an_offset_outside_the_quote() -> None:
    with pytest.raises(qv.InvalidInputError, match="offset into the quote"):
        qv.location.locate_split("We warned the county twice", "We warned the county twice.", 99)
    # too few words on one side: no split
    assert qv.location.locate_split("We warned the county twice", "We warned the county twice.", 2) is None


def test_a_quote_that_carries_its_own_attribution_is_not_someone_elses_words(interview: qv.Source) -> None:
    whole = 'As critics put it, "a company that sells the cameras cannot wash its hands of the pictures."'
    v = qv.verify(whole, interview, speaker="Xie Yinan")
    found = [f for f in v.drift.findings if f.kind == "embedded_speech"]
    assert [f.severity for f in found] == [qv.Severity.INFO]
    # the critics' words alone, given as his: still serious
    v = qv.verify("a company that sells the cameras cannot wash its hands of the pictures", interview,
                  speaker="Xie Yinan")
    assert any(f.kind == "embedded_speech" and f.severity is qv.Severity.SERIOUS for f in v.drift.findings)


CLAIMS_SAID = (
    "the depot will keep its night shift through the winter",
    "the council has already signed the bus contract",
    "every school in the district will reopen on Monday",
    "our exports to Europe grew by a third last year",
    "the new cameras do not store any faces",
)
FRAMES = (
    "Lena Varga said that ", "Varga told reporters that ", "In a statement on Friday, the mayor said ",
    "She added: ", "Asked about the budget, Varga said that ",
)
CLAUSES = (
    (", unless ", "the county cuts our budget again"),
    (" but ", "only if the drivers agree to the new rota"),
    (", except ", "for the two schools that flooded"),
    (" if ", "the regulator approves the plan"),
)


def _truncations(v: qv.Verification) -> list[str]:
    return [f.message for f in v.drift.findings if f.kind == "truncation"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CLAIMS_SAID), st.sampled_from(FRAMES))
def test_a_reporting_frame_before_a_quote_never_adds_a_truncation(claim: str, frame: str) -> None:
    sentence = claim[0].upper() + claim[1:] + "."
    bare = qv.verify(claim, qv.Source(f"We met the press. {sentence}"))
    framed = qv.verify(claim, qv.Source(f"We met the press. {frame}{claim}."))
    assert set(_truncations(framed)) <= set(_truncations(bare))
    assert not _truncations(framed)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CLAIMS_SAID), st.sampled_from(CLAUSES))
def test_a_dropped_condition_or_contrast_clause_is_always_a_truncation(
    claim: str, clause: tuple[str, str]
) -> None:
    joint, rest = clause
    sentence = claim[0].upper() + claim[1:]
    v = qv.verify(sentence, qv.Source(f"We met the press. {sentence}{joint}{rest}."))
    assert v.fidelity is qv.Fidelity.VERBATIM
    assert _truncations(v), f"nothing said of the dropped {joint.strip(', ')!r} clause"


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CLAIMS_SAID), st.sampled_from(("I don't think that ", "It is not true that ")))
def test_a_dropped_opening_negation_is_always_a_truncation(claim: str, opening: str) -> None:
    v = qv.verify(claim, qv.Source(f"We met the press. {opening}{claim}."))
    assert any(f.severity is qv.Severity.SERIOUS for f in v.drift.findings if f.kind == "truncation")


def test_a_speaker_talked_over_and_resuming_is_one_answer_not_a_splice() -> None:
    text = (
        "JUSTICE MARLOWE: They say they want to keep the depot open --\n"
        "MS. VARGA: Right.\n"
        "JUSTICE MARLOWE: -- and they say the county will not pay for the night shift.\n"
    )
    src = qv.Source.from_transcript(text)
    quote = "They say they want to keep the depot open, and they say the county will not pay for the night shift"
    v = qv.verify(quote, src, speaker="JUSTICE MARLOWE")
    assert v.fidelity is qv.Fidelity.COSMETIC
    assert [e.kind for e in v.edits if e.kind is qv.EditKind.INTERJECTION] == [qv.EditKind.INTERJECTION]
    assert not any(f.kind == "splice" for f in v.drift.findings)
    # the same words when the other side said more than an interjection: joined turns, a splice
    longer = text.replace("MS. VARGA: Right.", "MS. VARGA: The county has said no such thing, Justice.")
    v = qv.verify(quote, qv.Source.from_transcript(longer), speaker="JUSTICE MARLOWE")
    assert v.fidelity is qv.Fidelity.SPLICED


_SENTENCES = (
    "The depot lost its night shift in March",
    "We warned the county twice in writing",
    "Nobody from the council ever called us back",
    "The drivers were told on a Friday afternoon",
    "Riders waited forty minutes in the rain",
    "The budget for next year is already closed",
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_SENTENCES), min_size=3, max_size=6, unique=True),
    st.lists(st.integers(min_value=0, max_value=5), min_size=2, max_size=3),
    st.sampled_from(("MS. VARGA", "CHAIR OKONJO")),
)
def test_quotes_joined_across_turns_keep_offsets_into_the_transcript(
    sentences: list[str], picks: list[int], first: str
) -> None:
    other = "CHAIR OKONJO" if first == "MS. VARGA" else "MS. VARGA"
    lines = [f"{first if k % 2 == 0 else other}: {s}." for k, s in enumerate(sentences)]
    src = qv.Source.from_transcript("\n".join(lines) + "\n")
    quote = " ".join(sentences[p % len(sentences)] + "." for p in picks)
    v = qv.verify(quote, src, speaker=first)
    if v.location is None:
        return  # (a not-found is an answer too; what is asserted is that a found span is right)
    for f in v.location.fragments:
        assert src.text[f.start : f.end] == f.text
    assert src.text[v.location.start : v.location.end] == v.location.text
    for e in v.edits:
        if e.source_start is not None and e.source_end is not None:
            assert src.text[e.source_start : e.source_end] == e.source_text


def test_one_answer_cut_into_timed_paragraphs_is_quoted_whole() -> None:
    text = ("Lena Varga  0:05\nWe warned the county twice about the night shift.\n\n"
            "Lena Varga  0:12\nNobody from the council ever called us back.\n\n"
            "Ada Okonjo  0:20\nThank you.\n")
    src = qv.Source.detect(text)
    both = "We warned the county twice about the night shift. Nobody from the council ever called us back."
    v = qv.verify(both, src, speaker="Lena Varga")
    assert v.fidelity is qv.Fidelity.COSMETIC
    assert [e.kind for e in v.edits] == [qv.EditKind.TRANSCRIPT_LABEL]
    assert not any(f.kind == "splice" for f in v.drift.findings)
    # words of her own left out at the break are a splice all the same
    cut = "We warned the county twice. Nobody from the council ever called us back."
    assert qv.verify(cut, src, speaker="Lena Varga").fidelity is qv.Fidelity.SPLICED
