"""Tests for quoteverify.attribution: who speaks the matched words, against who the story names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quoteverify.attribution import attribute
from quoteverify.model import (
    AttributionStatus,
    Location,
    Source,
    Span,
    Speaker,
)
from quoteverify.sources import parse_plain, parse_srt, parse_transcript, parse_webvtt
from quoteverify.speakers import SpeakerRegistry

FIXTURES = Path(__file__).parent / "fixtures"
CONFIRMED = AttributionStatus.CONFIRMED
MISATTRIBUTED = AttributionStatus.MISATTRIBUTED
UNATTRIBUTED = AttributionStatus.UNATTRIBUTED


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def where(source: Source, *pieces: str) -> Location:
    """A Location for ``pieces`` (one fragment each), found by str.find in source order."""
    spans = []
    pos = 0
    for piece in pieces:
        start = source.text.index(piece, pos)
        spans.append(Span(start, start + len(piece), piece))
        pos = start + len(piece)
    first, last = spans[0], spans[-1]
    return Location(
        first.start,
        last.end,
        source.text[first.start : last.end],
        score=1.0,
        fragments=tuple(spans),
    )




@pytest.fixture
def interview(registry: SpeakerRegistry) -> Source:
    return parse_transcript(fixture("xie_interview.txt"), speakers=registry)


@pytest.fixture
def briefing(registry: SpeakerRegistry) -> Source:
    return parse_transcript(fixture("press_briefing.txt"), speakers=registry)


# --------------------------------------------------------------------------- the Megvii case


def test_data_quote_claimed_for_yin_qi_is_misattributed_to_xie_yinan(
    interview: Source, registry: SpeakerRegistry
) -> None:
    loc = where(interview, "We don't have access to the data")
    result = attribute(loc, interview, "Yin Qi", speakers=registry)
    assert result.status is MISATTRIBUTED
    assert result.speaker is not None
    assert result.speaker.name == "Xie Yinan"
    assert result.claimed == "Yin Qi"
    turn = result.turn
    assert turn is not None
    assert turn.label_span is not None
    assert turn.label_span.text == "A:"
    assert interview.text[turn.label_span.start : turn.label_span.end] == "A:"
    assert result.message.startswith("Xie Yinan speaks these words (turn 4")
    assert f'label "A:" at {turn.label_span.start}-{turn.label_span.end}' in result.message
    assert result.message.endswith("not Yin Qi.")
    assert not result.crosses_turns


def test_same_quote_without_a_registry_still_names_xie_yinan() -> None:
    src = parse_transcript(fixture("xie_interview.txt"))
    result = attribute(where(src, "We don't have access to the data"), src, "Yin Qi")
    assert result.status is MISATTRIBUTED
    assert "Xie Yinan" in result.message


@pytest.mark.parametrize(
    "claim", ["Xie Yinan", "Mr. Xie", "XIE", "Yinan Xie", "Megvii's vice president"]
)
def test_confirmed_under_any_name_form(
    interview: Source, registry: SpeakerRegistry, claim: str
) -> None:
    result = attribute(where(interview, "sell them a server"), interview, claim, speakers=registry)
    assert result.status is CONFIRMED, result.message
    assert result.speaker is not None
    assert result.speaker.name == "Xie Yinan"


def test_confirmed_with_a_speaker_object(interview: Source, registry: SpeakerRegistry) -> None:
    xie = registry.get("Xie Yinan")
    assert xie is not None
    result = attribute(where(interview, "sell them a server"), interview, xie)
    assert result.status is CONFIRMED
    assert result.claimed is xie


def test_questions_belong_to_the_interviewer(interview: Source) -> None:
    result = attribute(where(interview, "Who are your biggest customers"), interview, "Xie Yinan")
    assert result.status is MISATTRIBUTED
    assert result.speaker is not None
    assert result.speaker.name == "Jane Doe"


# --------------------------------------------------------------------------- organisations


def test_spokesperson_statement_confirms_a_claim_for_the_company(
    briefing: Source, registry: SpeakerRegistry
) -> None:
    loc = where(briefing, "The company will publish a statement")
    for claim in ("Megvii", "a Megvii spokesperson"):
        result = attribute(loc, briefing, claim, speakers=registry)
        assert result.status is CONFIRMED, (claim, result.message)
    wrong = attribute(loc, briefing, "Yin Qi", speakers=registry)
    assert wrong.status is MISATTRIBUTED
    assert wrong.message.startswith("Megvii speaks these words")
    assert 'label "A MEGVII SPOKESPERSON:"' in wrong.message


def test_spokesperson_person_speaks_for_the_organisation() -> None:
    spokes = Speaker("Li Wei", roles=("spokesperson",), organization="Megvii")
    src = parse_plain("We comply with all local laws.", speaker=spokes)
    result = attribute(where(src, "comply with all local laws"), src, "Megvii")
    assert result.status is CONFIRMED
    # ... but the chief executive's interview words are not the company's statement.
    ceo = Speaker("Yin Qi", roles=("chief executive",), organization="Megvii")
    src2 = parse_plain("We comply with all local laws.", speaker=ceo)
    assert attribute(where(src2, "comply"), src2, "Megvii").status is MISATTRIBUTED


# --------------------------------------------------------------------------- turns and speech


def test_a_match_that_crosses_turns_is_flagged(briefing: Source, registry: SpeakerRegistry) -> None:
    loc = where(briefing, "That's all.\n\nYIN QI: Let me add one thing.")
    result = attribute(loc, briefing, "Xie Yinan", speakers=registry)
    assert result.crosses_turns
    assert [t.label for t in result.turns] == ["XIE YINAN", "YIN QI"]
    assert "runs across turn 4 (Xie Yinan) into turn 5 (Yin Qi)" in result.message


def test_fragments_in_turns_of_the_same_speaker_do_not_cross(
    briefing: Source, registry: SpeakerRegistry
) -> None:
    loc = where(briefing, "We don't have access to the data", "we follow the law")
    result = attribute(loc, briefing, "Xie Yinan", speakers=registry)
    assert result.status is CONFIRMED
    assert len(result.turns) == 2
    assert not result.crosses_turns


def test_fragments_from_two_speakers(briefing: Source, registry: SpeakerRegistry) -> None:
    loc = where(briefing, "Technology is definitely not to blame", "sell them a server")
    result = attribute(loc, briefing, "Yin Qi", speakers=registry)
    assert result.crosses_turns
    assert [t.speaker.name for t in result.turns if t.speaker] == ["Yin Qi", "Xie Yinan"]


def test_embedded_speech_of_critics_is_flagged(
    interview: Source, registry: SpeakerRegistry
) -> None:
    loc = where(interview, "cannot wash its hands of the pictures")
    result = attribute(loc, interview, "Xie Yinan", speakers=registry)
    assert result.status is CONFIRMED
    assert [e.mention for e in result.embedded] == ["critics"]
    assert "attributes to critics" in result.message
    assert "As critics put it" in result.message or "critics put it" in result.message


def test_words_read_out_from_someone_else_confirm_them_second_hand(
    interview: Source, registry: SpeakerRegistry
) -> None:
    loc = where(interview, "technology is definitely not to blame")
    result = attribute(loc, interview, "Yin Qi", speakers=registry)
    assert result.status is CONFIRMED
    assert result.speaker is not None
    assert result.speaker.name == "Yin Qi"
    assert "read out by Xie Yinan" in result.message
    assert "second-hand" in result.message
    assert len(result.embedded) == 1


# --------------------------------------------------------------------------- unattributed


def test_narration_is_unattributed(interview: Source) -> None:
    result = attribute(where(interview, "interview recorded in Beijing"), interview, "Xie Yinan")
    assert result.status is UNATTRIBUTED
    assert result.speaker is None
    assert result.turn is None
    assert "does not say who speaks" in result.message


def test_no_claim_is_unattributed_but_says_who_spoke(interview: Source) -> None:
    result = attribute(where(interview, "sell them a server"), interview, None)
    assert result.status is UNATTRIBUTED
    assert result.speaker is not None
    assert result.speaker.name == "Xie Yinan"
    assert "names no speaker" in result.message


def test_unnamed_answer_is_unattributed() -> None:
    src = parse_transcript("Q: Do you have the data?\nA: We don't have access to the data.\n")
    result = attribute(where(src, "We don't have access"), src, "Xie Yinan")
    assert result.status is UNATTRIBUTED
    assert 'who "A:" is' in result.message


def test_plain_source_speaker(registry: SpeakerRegistry) -> None:
    src = Source("Technology is definitely not to blame.", speaker=registry.get("Yin Qi"))
    loc = where(src, "definitely not to blame")
    assert attribute(loc, src, "印奇", speakers=registry).status is CONFIRMED
    assert attribute(loc, src, "Qi Yin").status is CONFIRMED
    assert attribute(loc, src, "Xie Yinan").status is MISATTRIBUTED
    anonymous = Source("Technology is definitely not to blame.")
    assert attribute(loc, anonymous, "Yin Qi").status is UNATTRIBUTED


# --------------------------------------------------------------------------- captions


def test_webvtt_voice_and_timing_in_the_message(registry: SpeakerRegistry) -> None:
    src = parse_webvtt(fixture("megvii_video.vtt"), speakers=registry)
    result = attribute(where(src, "We don't have access to the data"), src, "Yin Qi")
    assert result.status is MISATTRIBUTED
    assert 'voice "Xie Yinan"' in result.message
    assert "0:04.5-0:07.25 in the recording" in result.message


def test_srt_continued_cue(registry: SpeakerRegistry) -> None:
    src = parse_srt(fixture("megvii_video.srt"), speakers=registry)
    loc = where(src, "sell them a server")
    assert attribute(loc, src, "Xie Yinan", speakers=registry).status is CONFIRMED
    across = where(src, "the data.\nWhat we do")
    result = attribute(across, src, "Xie Yinan", speakers=registry)
    assert result.status is CONFIRMED
    assert len(result.turns) == 2
    assert not result.crosses_turns


# --------------------------------------------------------------------------- inputs


def test_bad_arguments_are_type_errors(interview: Source) -> None:
    loc = where(interview, "sell them a server")
    with pytest.raises(TypeError):
        attribute("not a location", interview, "Xie")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        attribute(loc, interview.text, "Xie")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        attribute(loc, interview, 42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="some text"):
        attribute(loc, interview, "  ")


def test_the_callers_objects_are_not_changed(interview: Source) -> None:
    loc = where(interview, "sell them a server")
    before = (loc, interview.turns)
    attribute(loc, interview, "Yin Qi")
    assert (loc, interview.turns) == before


NAMES = ["XIE YINAN", "YIN QI", "JANE DOE", "MS. SMITH"]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(NAMES), st.text(alphabet="abcdefg ", min_size=3, max_size=30)),
        min_size=1,
        max_size=8,
    ).filter(lambda turns: all(said.strip() for _, said in turns)),
    st.data(),
)
def test_attribution_follows_the_covering_turn(
    turns: list[tuple[str, str]], data: st.DataObject
) -> None:
    text = "".join(f"{name}: {said}\n" for name, said in turns)
    src = parse_transcript(text)
    k = data.draw(st.integers(0, len(src.turns) - 1))
    turn = src.turns[k]
    a = data.draw(st.integers(turn.start, turn.end - 1))
    b = data.draw(st.integers(a + 1, turn.end))
    loc = Location(a, b, src.text[a:b], 1.0)
    speaker = turn.speaker
    assert speaker is not None
    same = attribute(loc, src, speaker.name)
    assert same.status is CONFIRMED
    assert same.turn is turn
    other = next((n for n in NAMES if n.title() != speaker.name), None)
    assert other is not None
    assert attribute(loc, src, other.title()).status is MISATTRIBUTED


def test_with_locate_the_misattribution_is_found_end_to_end(
    interview: Source, registry: SpeakerRegistry
) -> None:
    location = pytest.importorskip("quoteverify.location")
    loc = location.locate("We do not have access to the data", interview)
    assert loc is not None
    result = attribute(loc, interview, "Yin Qi", speakers=registry)
    assert result.status is MISATTRIBUTED
    assert result.speaker is not None
    assert result.speaker.name == "Xie Yinan"
