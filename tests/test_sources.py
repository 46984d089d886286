"""Tests for quoteverify.sources: transcripts, Q/A interviews, WebVTT, SRT, plain, nested speech."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quoteverify.errors import InvalidInputError, ParseError
from quoteverify.model import Source, Speaker, SpeakerKind
from quoteverify.sources import (
    parse_plain,
    parse_srt,
    parse_transcript,
    parse_webvtt,
    stage_directions,
)
from quoteverify.speakers import SpeakerRegistry

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")




def check_invariants(src: Source) -> None:
    """Turns sorted, never overlapping, every span indexing Source.text exactly."""
    previous_end = 0
    for i, turn in enumerate(src.turns):
        assert turn.index == i
        assert src.text[turn.start : turn.end] == turn.span.text
        assert turn.start >= previous_end
        assert turn.end > turn.start
        previous_end = turn.end
        if turn.label_span is not None:
            lab = turn.label_span
            assert src.text[lab.start : lab.end] == lab.text
            assert lab.end <= turn.start
        for emb in turn.embedded:
            assert src.text[emb.span.start : emb.span.end] == emb.span.text
            assert turn.start <= emb.span.start < emb.span.end <= turn.end
            if emb.cue is not None:
                assert src.text[emb.cue.start : emb.cue.end] == emb.cue.text


def turn_with(src: Source, words: str):  # type: ignore[no-untyped-def]
    offset = src.text.index(words)
    turn = src.turn_at(offset)
    assert turn is not None, f"no turn covers {words!r}"
    return turn


# --------------------------------------------------------------------------- Q/A interview


def test_qa_interview_names_interviewer_and_interviewee_from_headers() -> None:
    src = parse_transcript(fixture("xie_interview.txt"))
    check_invariants(src)
    assert src.format == "transcript"
    assert [t.label for t in src.turns] == ["Q", "A", "Q", "A", "Q", "A"]
    assert {t.speaker.name for t in src.turns if t.speaker} == {"Jane Doe", "Xie Yinan"}
    xie = src.turns[1].speaker
    assert xie is not None
    assert xie.organization == "Megvii"
    assert xie.roles == ("vice president",)
    assert not xie.registered
    # The header lines and the title are narration, not turns.
    assert src.turn_at(src.text.index("Business Insider, interview")) is None
    assert src.turn_at(src.text.index("Interviewee: Xie")) is None
    # The same Speaker object is shared by every A turn.
    assert src.turns[1].speaker is src.turns[3].speaker is src.turns[5].speaker


def test_qa_interview_turn_details(registry: SpeakerRegistry) -> None:
    src = parse_transcript(fixture("xie_interview.txt"), speakers=registry)
    check_invariants(src)
    answer = turn_with(src, "We don't have access to the data")
    assert answer.speaker is not None
    assert answer.speaker.name == "Xie Yinan"
    assert answer.speaker.registered
    assert answer.label == "A"
    assert answer.label_span is not None
    assert answer.label_span.text == "A:"
    assert answer.start_time == 40.0
    # A paragraph with no label continues the previous turn, across the [crosstalk] line.
    assert turn_with(src, "The customer runs it") is answer
    # A stage direction inside a turn stays inside it.
    first = turn_with(src, "Mostly governments")
    assert "(laughs)" in first.span.text
    assert first.span.text.endswith("to phone makers.")
    # "Note: ..." is editorial, not the interviewee.
    assert src.turn_at(src.text.index("this transcript has been edited")) is None


def test_qa_interview_arguments_name_the_parties() -> None:
    text = "Q: Who are your customers?\nA: Mostly governments.\n"
    src = parse_transcript(text, interviewer="Jane Doe", interviewee=Speaker("Xie Yinan"))
    assert [t.speaker.name for t in src.turns if t.speaker] == ["Jane Doe", "Xie Yinan"]
    unnamed = parse_transcript(text)
    assert [t.speaker for t in unnamed.turns] == [None, None]
    assert [t.label for t in unnamed.turns] == ["Q", "A"]


# --------------------------------------------------------------------------- NAME: transcripts


def test_press_briefing_labels_and_speakers(registry: SpeakerRegistry) -> None:
    src = parse_transcript(fixture("press_briefing.txt"), speakers=registry)
    check_invariants(src)
    labels = [t.label for t in src.turns]
    assert labels == [
        "YIN QI",
        "MS. WILLIAMSON",
        "REPORTER (REUTERS)",
        "XIE YINAN",
        "YIN QI",
        "A MEGVII SPOKESPERSON",
        "XIE",
    ]
    by_label = {t.label: t.speaker for t in src.turns}
    # "XIE:" and "XIE YINAN:" are one speaker through the registry.
    assert by_label["XIE"] == by_label["XIE YINAN"]
    assert by_label["XIE"] is not None
    assert by_label["XIE"].name == "Xie Yinan"
    spokesperson = by_label["A MEGVII SPOKESPERSON"]
    assert spokesperson is not None
    assert spokesperson.kind is SpeakerKind.ORGANIZATION
    assert by_label["MS. WILLIAMSON"] is not None
    assert not by_label["MS. WILLIAMSON"].registered
    # Multi-paragraph turn; "10:30 local time" in the header is not a label.
    yin = turn_with(src, "Our revenue grew again")
    assert yin.label == "YIN QI"
    assert src.turn_at(src.text.index("10:30")) is None
    # [END OF TRANSCRIPT] is a stage direction on its own line: never part of a turn.
    assert src.turn_at(src.text.index("[END OF TRANSCRIPT]")) is None
    assert (
        src.turns[-1].span.text == "One more point: we follow the law in every market we sell in."
    )


def test_without_registry_equal_labels_share_an_unregistered_speaker() -> None:
    src = parse_transcript(fixture("press_briefing.txt"))
    yins = [t.speaker for t in src.turns if t.label == "YIN QI"]
    assert len(yins) == 2
    assert yins[0] is yins[1]
    assert yins[0] is not None
    assert yins[0].name == "Yin Qi"  # ALL-CAPS labels are title-cased
    assert not yins[0].registered
    xie = next(t.speaker for t in src.turns if t.label == "XIE")
    assert xie is not None
    assert xie.name == "Xie"


def test_labels_in_any_case_and_full_width_colon(registry: SpeakerRegistry) -> None:
    text = (
        "印奇：技术绝对不是罪魁祸首。\n"
        "Xie Yinan: We don't have access to the data.\n"
        "XIE YINAN: What we do is sell them a server.\n"
        "Ms. Smith: Thank you both.\n"
        "Xie Yinan: That's all.\n"
    )
    src = parse_transcript(text, speakers=registry)
    check_invariants(src)
    assert [t.label for t in src.turns] == [
        "印奇",
        "Xie Yinan",
        "XIE YINAN",
        "Ms. Smith",
        "Xie Yinan",
    ]
    assert src.turns[0].speaker is not None
    assert src.turns[0].speaker.name == "Yin Qi"
    assert src.turns[0].span.text == "技术绝对不是罪魁祸首。"
    assert src.turns[1].speaker == src.turns[2].speaker == src.turns[4].speaker
    plain = parse_transcript(text)
    assert plain.turns[0].speaker is not None
    assert plain.turns[0].speaker.name == "印奇"


def test_timestamps_before_labels() -> None:
    text = (
        "[00:01:02] XIE YINAN: We don't have access to the data.\n"
        "00:01:09 JANE DOE: And the servers?\n"
        "(00:01:12) XIE YINAN: That's all.\n"
        "Speaker 1 (00:01:20): Thanks.\n"
    )
    src = parse_transcript(text)
    check_invariants(src)
    assert [t.start_time for t in src.turns[:3]] == [62.0, 69.0, 72.0]
    assert [t.label for t in src.turns] == ["XIE YINAN", "JANE DOE", "XIE YINAN", "Speaker 1"]
    assert src.turns[3].span.text == "Thanks."


def test_label_alone_on_its_line_starts_the_next_paragraph() -> None:
    text = "XIE YINAN:\nWe don't have access to the data.\n\nJANE DOE:\nThank you.\n"
    src = parse_transcript(text)
    check_invariants(src)
    assert [t.span.text for t in src.turns] == ["We don't have access to the data.", "Thank you."]


def test_prose_prefixes_are_not_labels() -> None:
    text = (
        "Note: the interview was edited.\n"
        "Update: Megvii replied on Tuesday.\n"
        "See http://example.com/megvii for the video.\n"
        "The briefing began at 10:30 and ended at 11:15.\n"
        "But he said: this is fine.\n"
        "Remember: the data stays in China.\n"
    )
    src = parse_transcript(text)
    assert src.turns == ()
    assert src.text == text


def test_no_labels_is_a_source_without_turns() -> None:
    text = "Megvii declined to comment.\nThe company sells servers to the police.\n"
    src = parse_transcript(text)
    assert src.turns == ()
    assert src.speaker_at(3) is None
    assert parse_transcript("").turns == ()


def test_title_case_label_needs_to_repeat_or_open_the_text() -> None:
    # A single Title-Case word used once in the middle of prose is not a label ...
    once = parse_transcript("JANE DOE: Hello.\nShe paused. Remember: nothing.\nXIE: Hi.\n")
    assert [t.label for t in once.turns] == ["JANE DOE", "XIE"]
    # ... but it is when it repeats.
    twice = parse_transcript(
        "Xie: We sell servers.\nDoe: To whom?\nXie: To cities.\nDoe: Thanks.\n"
    )
    assert [t.label for t in twice.turns] == ["Xie", "Doe", "Xie", "Doe"]


def test_stage_directions_are_marked_and_trimmed_from_turn_edges() -> None:
    text = "XIE: (laughs) We sell servers. [crosstalk] That's all. [inaudible 00:12:03]\n"
    src = parse_transcript(text)
    assert src.turns[0].span.text == "We sell servers. [crosstalk] That's all."
    marks = [s.text for s in stage_directions(src)]
    assert marks == ["(laughs)", "[crosstalk]", "[inaudible 00:12:03]"]
    assert [s.text for s in stage_directions("He said (as a joke) it was fine.")] == []


def test_crlf_and_lone_cr_line_breaks() -> None:
    text = "XIE YINAN: We sell servers.\r\nThat's all.\r\rJANE DOE: Thanks.\r"
    src = parse_transcript(text)
    check_invariants(src)
    assert [t.span.text for t in src.turns] == ["We sell servers.\r\nThat's all.", "Thanks."]


# --------------------------------------------------------------------------- nested speech


def test_embedded_speech_in_the_interview(registry: SpeakerRegistry) -> None:
    src = parse_transcript(fixture("xie_interview.txt"), speakers=registry)
    answer = turn_with(src, "We don't have access")
    by_mention = {e.mention: e for e in answer.embedded}
    assert set(by_mention) == {"You", "critics"}
    question = by_mention["You"]
    assert question.speaker is not None
    assert question.speaker.name == "Jane Doe"
    assert question.span.text == "we know what the police do with it"
    critics = by_mention["critics"]
    assert critics.speaker is None
    assert critics.span.text.startswith("a company that sells the cameras")
    assert critics.cue is not None
    assert "put it" in critics.cue.text

    last = turn_with(src, "and I quote")
    quoted = [e for e in last.embedded if e.mention == "Yin Qi"]
    assert len(quoted) == 1
    assert quoted[0].speaker is not None
    assert quoted[0].speaker.name == "Yin Qi"
    assert quoted[0].span.text == "technology is definitely not to blame."
    unquote = [e for e in last.embedded if e.span.text == "the tools are neutral"]
    assert len(unquote) == 1


@pytest.mark.parametrize(
    ("opening", "closing"),
    [('"', '"'), ("“", "”"), ("‘", "’"), ("'", "'"), ("«", "»"), ("„", "“"), ("「", "」")],
)
def test_embedded_speech_in_every_quote_style(opening: str, closing: str) -> None:
    words = "the cameras are the problem"
    text = f"XIE: As critics put it, {opening}{words}{closing} and I disagree.\n"
    src = parse_transcript(text)
    check_invariants(src)
    (emb,) = src.turns[0].embedded
    assert emb.span.text == words
    assert emb.mention == "critics"


def test_apostrophes_and_scare_quotes_are_not_embedded_speech() -> None:
    text = (
        "XIE: We don't sell the company's data; it's the customers' choice. "
        "So-called 'smart cities' are just cities.\n"
        "YIN QI: I said, 'no comment', and I meant it.\n"
    )
    src = parse_transcript(text)
    check_invariants(src)
    assert src.turns[0].embedded == ()
    assert src.turns[1].embedded == ()  # quoting yourself is not someone else's speech


def test_embedded_speech_with_the_cue_after_the_quote(registry: SpeakerRegistry) -> None:
    text = "XIE: 'Technology is definitely not to blame,' Yin Qi said, and I agree.\n"
    src = parse_transcript(text, speakers=registry)
    (emb,) = src.turns[0].embedded
    assert emb.span.text == "Technology is definitely not to blame"
    assert emb.speaker is not None
    assert emb.speaker.name == "Yin Qi"


def test_question_read_back() -> None:
    text = (
        "Q: Do you sell to the police?\n"
        "A: The question was: do we sell to the police? Yes, we do.\n"
    )
    src = parse_transcript(text, interviewer="Jane Doe", interviewee="Xie Yinan")
    (emb,) = src.turns[1].embedded
    assert emb.span.text == "do we sell to the police?"
    assert emb.speaker is not None
    assert emb.speaker.name == "Jane Doe"


# --------------------------------------------------------------------------- plain text


def test_parse_plain_one_turn_over_the_trimmed_text() -> None:
    src = parse_plain("\n  Technology is definitely not to blame.  \n", speaker=Speaker("Yin Qi"))
    check_invariants(src)
    (turn,) = src.turns
    assert turn.span.text == "Technology is definitely not to blame."
    assert src.speaker is not None
    assert src.speaker.name == "Yin Qi"
    assert parse_plain("Megvii declined to comment.").turns == ()
    assert parse_plain("   ", speaker="Yin Qi").turns == ()


def test_source_constructors_delegate_here() -> None:
    assert Source.from_transcript("XIE: Hi.").turns[0].label == "XIE"
    assert Source.from_text("Hi.", speaker=Speaker("Xie")).turns[0].span.text == "Hi."
    assert Source.from_srt("1\n00:00:01,000 --> 00:00:02,000\nHi.\n").text == "Hi."


@pytest.mark.parametrize("parser", [parse_plain, parse_transcript, parse_webvtt, parse_srt])
def test_bytes_and_non_strings_are_type_errors(parser) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match="decode"):
        parser(b"XIE: Hi.")
    with pytest.raises(TypeError):
        parser(None)


# --------------------------------------------------------------------------- WebVTT


def test_webvtt_fixture(registry: SpeakerRegistry) -> None:
    src = parse_webvtt(fixture("megvii_video.vtt"), speakers=registry)
    check_invariants(src)
    assert src.format == "webvtt"
    assert src.text.splitlines() == [
        "Megvii builds face recognition for cities across China.",
        "We don't have access to the data.",
        "What we do is sell them a server. That's all.",
        "Chief executive Yin Qi & the board declined to comment.",
        "Technology is definitely not to blame.",
    ]
    names = [t.speaker.name if t.speaker else None for t in src.turns]
    assert names == ["Narrator", "Xie Yinan", "Xie Yinan", "Narrator", "Yin Qi"]
    assert src.turns[1].label == "Xie Yinan"  # from <v.loud Xie Yinan>
    assert src.turns[1].label_span is None  # voice tags are not in the caption text
    assert (src.turns[1].start_time, src.turns[1].end_time) == (4.5, 7.25)
    # Two voices in one cue: two turns with the cue's timing.
    assert src.turns[3].start_time == src.turns[4].start_time == 10.0


def test_webvtt_merge_keeps_first_start_and_last_end() -> None:
    src = parse_webvtt(fixture("megvii_video.vtt"), merge=True)
    check_invariants(src)
    xie = [t for t in src.turns if t.label == "Xie Yinan"]
    assert len(xie) == 1
    assert (
        xie[0].span.text
        == "We don't have access to the data.\nWhat we do is sell them a server. That's all."
    )
    assert (xie[0].start_time, xie[0].end_time) == (4.5, 10.0)


def test_webvtt_bom_crlf_cr_and_missing_blank_lines() -> None:
    text = (
        "\ufeffWEBVTT\r\n\r\n"
        "1\r\n00:01.000 --> 00:02.000\r\n<v Xie Yinan>We sell servers.\r\n"
        "2\r\n00:02.000 --> 00:03.000\r\n<v Xie Yinan>That's all.\r"
        "\r00:02.500 --> 00:04.000\r<v Jane Doe>Thanks.\r"
    )
    src = parse_webvtt(text)
    check_invariants(src)
    assert src.text == "We sell servers.\nThat's all.\nThanks."
    assert [t.start_time for t in src.turns] == [1.0, 2.0, 2.5]  # overlapping cues keep order


def test_webvtt_hours_and_timestamp_tags() -> None:
    text = "WEBVTT\n\n01:00:00.000 --> 01:00:02.500\n<c.yellow>We</c> <00:00:01.000>sell servers.\n"
    src = parse_webvtt(text)
    assert src.text == "We sell servers."
    assert src.turns[0].start_time == 3600.0
    assert src.turns[0].speaker is None


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Hello\n\n00:01.000 --> 00:02.000\nHi.\n", 1, "WEBVTT"),
        ("WEBVTT\n\n00:01.000 -> 00:02.000\nHi.\n", 3, "no timing"),
        ("WEBVTT\n\n00:01.000 --> 00:0x.000\nHi.\n", 3, "malformed"),
        ("WEBVTT\n\n00:05.000 --> 00:02.000\nHi.\n", 3, "ends before"),
        ("WEBVTT\n\nintro\nHi there.\n", 3, "no timing"),
    ],
)
def test_webvtt_malformed_input_names_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ParseError, match=words) as info:
        parse_webvtt(text)
    assert info.value.line == line
    assert f"line {line}" in str(info.value)


def test_webvtt_empty_file_is_an_empty_source() -> None:
    src = parse_webvtt("WEBVTT\n")
    assert src.text == ""
    assert src.turns == ()


# --------------------------------------------------------------------------- SRT


def test_srt_fixture(registry: SpeakerRegistry) -> None:
    src = parse_srt(fixture("megvii_video.srt"), speakers=registry)
    check_invariants(src)
    assert src.format == "srt"
    lines = src.text.splitlines()
    assert lines[0] == "NARRATOR: Megvii builds face recognition for cities across China."
    assert lines[1] == "XIE YINAN: We don't have access to the data."  # <i> stripped
    names = [t.speaker.name if t.speaker else None for t in src.turns]
    # An unlabelled cue continues the last named speaker; "- " marks a change.
    assert names == ["Narrator", "Xie Yinan", "Xie Yinan", None, "Yin Qi"]
    first_xie = src.turns[1]
    assert first_xie.label_span is not None
    assert first_xie.label_span.text == "XIE YINAN:"
    assert first_xie.span.text == "We don't have access to the data."
    assert (first_xie.start_time, first_xie.end_time) == (4.5, 7.25)


def test_srt_merge_and_crlf() -> None:
    text = fixture("megvii_video.srt").replace("\n", "\r\n")
    src = parse_srt("\ufeff" + text, merge=True)
    check_invariants(src)
    xie = [t for t in src.turns if t.label == "XIE YINAN"]
    assert len(xie) == 1
    assert xie[0].span.text.endswith("That's all.")
    assert (xie[0].start_time, xie[0].end_time) == (4.5, 10.0)


def test_srt_missing_blank_line_between_cues() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nWe sell servers.\n"
        "2\n00:00:02,000 --> 00:00:03,000\nThat's all.\n"
    )
    src = parse_srt(text)
    assert src.text == "We sell servers.\nThat's all."


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("1\nWe sell servers.\n", 1),
        ("1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\nNo timing here.\n", 5),
        ("1\n00:00:01,000 --> 00:00:xx,000\nHi.\n", 2),
        ("1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\n00:00:61,000 --> 00:00:62,000\nBad.\n", 6),
    ],
)
def test_srt_malformed_timings_name_the_line(text: str, line: int) -> None:
    with pytest.raises(ParseError) as info:
        parse_srt(text)
    assert info.value.line == line


# --------------------------------------------------------------------------- properties and scale

LABELS = ["XIE YINAN", "YIN QI", "JANE DOE", "Q", "A", "印奇", "MS. SMITH"]
words = st.text(alphabet="abcdefghij klmnop.,'\"“”«»", min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)


@st.composite
def transcripts(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    turns = draw(st.lists(st.tuples(st.sampled_from(LABELS), words), min_size=0, max_size=12))
    seps = draw(
        st.lists(
            st.sampled_from(["\n", "\r\n", "\n\n", "\r"]), min_size=len(turns), max_size=len(turns)
        )
    )
    parts = []
    for (label, said), sep in zip(turns, seps, strict=True):
        colon = "：" if label == "印奇" else ": "
        parts.append(f"{label}{colon}{said}{sep}")
    return "".join(parts), turns


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_generated_transcripts_turns_cover_what_they_claim(
    case: tuple[str, list[tuple[str, str]]],
) -> None:
    text, expected = case
    src = parse_transcript(text)
    check_invariants(src)
    # Every labelled line is exactly one turn, covering exactly the words after the label.
    assert [(t.label, t.span.text) for t in src.turns] == [
        (label, said.strip()) for label, said in expected
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_anything_unexpected(text: str) -> None:
    for parser in (parse_transcript, parse_plain, parse_webvtt, parse_srt):
        try:
            src = parser(text)
        except (ParseError, InvalidInputError, TypeError):
            continue
        check_invariants(src)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "WEBVTT",
                "",
                "1",
                "00:01.000 --> 00:02.000",
                "<v A>hi",
                "NOTE x",
                "00:00:01,000 --> 00:00:02,000",
                "- B: yo",
                "text",
                "-->",
            ]
        ),
        max_size=20,
    )
)
def test_caption_like_text_parses_or_raises_parse_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    errors: list[ParseError] = []
    for parser in (parse_webvtt, parse_srt):
        try:
            src = parser(text)
        except ParseError as err:
            errors.append(err)
            continue
        check_invariants(src)
    for err in errors:
        assert err.line is None or 1 <= err.line <= max(1, len(lines))


def test_fifty_thousand_turns_parse_quickly() -> None:
    lines = []
    for i in range(50_000):
        who = ("XIE YINAN", "JANE DOE", "YIN QI")[i % 3]
        lines.append(
            f'{who}: Line {i}: we don\'t have access to the data, as critics put it, "never".'
        )
    text = "\n".join(lines)
    t0 = time.perf_counter()
    src = parse_transcript(text)
    elapsed = time.perf_counter() - t0
    assert len(src.turns) == 50_000
    assert src.turns[-1].span.text.startswith("Line 49999")
    assert elapsed < 20, f"50,000 turns took {elapsed:.1f}s"


def stamp(i: int) -> str:
    return f"{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}"


def test_fifty_thousand_srt_cues_parse_quickly() -> None:
    cues = [
        f"{i + 1}\n{stamp(i)},000 --> {stamp(i)},500\nXIE: Cue {i}."
        for i in range(50_000)
    ]
    t0 = time.perf_counter()
    src = parse_srt("\n\n".join(cues))
    assert len(src.turns) == 50_000
    assert time.perf_counter() - t0 < 20


@pytest.mark.parametrize(
    "turn_text",
    [
        "a" * 1_000_000,
        '"' * 10_000 + "x",
        "'x " * 10_000,
        "said " * 100_000,
        "quote " * 50_000,
        "You asked me whether " * 20_000,
        "(laughs " * 50_000,
    ],
)
def test_hostile_turns_stay_linear(turn_text: str) -> None:
    t0 = time.perf_counter()
    src = parse_transcript("XIE: " + turn_text)
    assert time.perf_counter() - t0 < 10
    check_invariants(src)


# --------------------------------------------------------------------------- fast paths agree with the slow ones

LINE_PIECES = [
    "XIE", "Yinan", "Xie", "Q", "a", "Note", "印奇", "Speaker 1", "0", "00:01", "[00:01:02]",
    " ", "  ", "\t", "\u3000", "\u00a0", "\ufeff", ":", "：", "(", ")", "[", "]", "(laughs)",
    "http://x", ",", "-", '"', "ok", "x" * 70,
]
lines = st.lists(st.sampled_from(LINE_PIECES), max_size=10).map("".join) | st.text(
    alphabet="XIEYNQAabcxyz印奇09 \t\u3000\u00a0\ufeff:：()[]/,\"'.-", max_size=80
)


@settings(max_examples=500, deadline=None)
@given(lines, st.booleans())
def test_line_fast_path_agrees_with_label_candidate(line: str, with_registry: bool) -> None:
    from quoteverify._labels import LabelSpeakers, _label_candidate, line_candidate

    registry = SpeakerRegistry([Speaker("Xie Yinan", aliases=("Xie",))]) if with_registry else None
    text = "x\n" + line + "\ny"  # the line inside a text, as parsers see it
    s, e = 2, 2 + len(line)
    cand, kind = _label_candidate(text, s, e, LabelSpeakers(registry))
    fast_kind, info, ls, le, content, time = line_candidate(text, s, e, LabelSpeakers(registry))
    if cand is None:
        assert (fast_kind, info) == (kind, None)
    else:
        assert fast_kind == kind
        assert info is not None
        assert (info.label, info.strength, info.role) == (cand.label, cand.strength, cand.role)
        assert (ls, le, time) == (cand.label_start, cand.label_end, cand.time)
        assert content == (-1 if cand.content is None else cand.content)


TALK = st.text(alphabet="abc you quote question \"“”'’«» (laughs) said critics.,?", max_size=60)


@settings(max_examples=300, deadline=None)
@given(TALK, st.integers(0, 60), st.integers(0, 60))
def test_embed_filter_never_skips_embedded_speech(text: str, a: int, b: int) -> None:
    from quoteverify._labels import LabelSpeakers
    from quoteverify._speech import _EmbedFilter, find_embedded

    s, e = sorted((min(a, len(text)), min(b, len(text))))
    if not _EmbedFilter(text).may(s, e):
        assert find_embedded(text, s, e, own=None, speakers=LabelSpeakers(None), addressee=None) == ()


def _parse_both(monkeypatch: pytest.MonkeyPatch, parse, text: str):  # type: ignore[no-untyped-def]
    from quoteverify import _turns

    eager = parse(text)
    monkeypatch.setattr(_turns, "LAZY_FROM", 0)
    lazy = parse(text)
    monkeypatch.setattr(_turns, "LAZY_FROM", 2_000)
    return eager, lazy


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(transcripts(), TALK)
def test_lazy_turns_are_the_tuple_of_turns(
    monkeypatch: pytest.MonkeyPatch, case: tuple[str, list[tuple[str, str]]], talk: str
) -> None:
    from quoteverify._turns import LazyTurns

    text = case[0] + "XIE YINAN: " + talk + "\nnarration\n\nYIN QI: ok"
    eager, lazy = _parse_both(monkeypatch, parse_transcript, text)
    assert isinstance(eager.turns, tuple)
    assert isinstance(lazy.turns, LazyTurns)
    assert lazy.turns == eager.turns
    assert eager.turns == tuple(lazy.turns)
    assert hash(lazy.turns) == hash(eager.turns)
    assert len(lazy.turns) == len(eager.turns)
    assert lazy.turns[1:] == eager.turns[1:]
    assert lazy.turns[-1] is lazy.turns[len(lazy.turns) - 1]  # built once, same object
    check_invariants(lazy)
    for offset in range(0, len(text) + 1, 7):
        assert lazy.turn_at(offset) == eager.turn_at(offset)
        assert lazy.speaker_at(offset) == eager.speaker_at(offset)


def test_lazy_caption_turns_and_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    cues = "\n\n".join(
        f"{i + 1}\n{stamp(i)},000 --> {stamp(i)},900\n{'XIE YINAN: ' if i % 3 == 0 else ''}"
        f"Cue {i}, as critics put it, \"never\".\n- JANE DOE: And {i}?"
        for i in range(40)
    )
    for merge in (False, True):
        eager, lazy = _parse_both(monkeypatch, lambda t, m=merge: parse_srt(t, merge=m), cues)
        assert lazy.turns == eager.turns
        assert any(t.embedded for t in lazy.turns)
        check_invariants(lazy)
        assert lazy.turn_at(eager.turns[5].start) == eager.turns[5]


def test_a_cue_of_many_unlabelled_lines_is_one_turn() -> None:
    body = "\n".join(f"line {i}" for i in range(5_000))
    src = parse_webvtt(f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Xie Yinan>{body}\n")
    assert len(src.turns) == 1
    assert src.turns[0].span.text == " ".join(f"line {i}" for i in range(5_000))
    assert src.turns[0].speaker is not None


# --------------------------------------------------------------------------- bulk transcript path

BULK_LABELS = [
    "XIE", "XIE YINAN", "Xie Yinan", "Xie", "Q", "A", "Q3", "Interviewer", "Note", "印奇",
    "Speaker 1", "Speaker 1 (00:01)", "[00:01:02] XIE", "JANE DOE", "Jane", "XIE ", "http",
]
BULK_WORDS = [
    "ok", "We sell servers.", "(laughs)", "[crosstalk] fine", "fine (laughs)", "you said 'no'",
    'as critics put it, "never"', "Jane Doe, Business Insider", "a]", "(x", "ok ", " ok", "",
    "queſtion it", "x\u2000",
]
bulk_lines = st.one_of(
    st.tuples(
        st.sampled_from(BULK_LABELS),
        st.sampled_from([": ", ": ", ": ", ":", "：", ": \t"]),
        st.sampled_from(BULK_WORDS),
    ).map("".join),
    st.sampled_from(["", "", " ", "(laughs)", "00:01:02", "narration here", "Update: x"]),
)


def _columns_both_ways(text: str, with_registry: bool, interviewer: str | None):  # type: ignore[no-untyped-def]
    from quoteverify._labels import LabelSpeakers
    from quoteverify.sources import _transcript_columns

    out = []
    for fast in (True, False):
        registry = (
            SpeakerRegistry([Speaker("Xie Yinan", aliases=("Xie",)), Speaker("Jane Doe")])
            if with_registry
            else None
        )
        resolver = LabelSpeakers(registry)
        roles = {"interviewer": resolver.person(interviewer), "interviewee": None}
        out.append(tuple(_transcript_columns(text, resolver, roles, fast=fast).freeze()))
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(bulk_lines, max_size=12),
    st.sampled_from(["\n", "\r\n", "\r", "\u2028"]),
    st.booleans(),
    st.sampled_from([None, "Jane Doe"]),
)
def test_bulk_and_label_fast_paths_agree_with_reading_every_line(
    lines: list[str], brk: str, with_registry: bool, interviewer: str | None
) -> None:
    # fast=True reads a text of regular lines in bulk and other lines by their "Label: " head;
    # fast=False sends every line through line_candidate. The turns must be the same.
    fast, slow = _columns_both_ways(brk.join(lines), with_registry, interviewer)
    assert fast == slow


def test_regular_transcripts_take_the_bulk_path_and_others_do_not() -> None:
    from quoteverify._labels import LabelSpeakers
    from quoteverify.sources import _regular_transcript

    def bulk(text: str) -> bool:
        return _regular_transcript(text, LabelSpeakers(None), {}) is not None

    assert bulk("XIE: We sell servers.\nJANE DOE: Who buys them?\n\nXIE: The police.\n")
    assert bulk("Q: Do you know?\r\nA: No.")
    assert not bulk("")
    assert not bulk("XIE: We sell servers. \nJANE DOE: ok")  # a space to trim
    assert not bulk("XIE: We sell servers. (laughs)\nJANE DOE: ok")  # a direction to trim
    assert not bulk("XIE: We sell\nservers.")  # a line that continues a turn
    assert not bulk("Jane: ok")  # a weak label that is not accepted (no company)
    assert bulk("Jane: ok\nXIE: We sell servers.")  # every line labelled: two speakers
    assert not bulk("Interviewer: Jane Doe\nXIE: ok")  # a header line
    assert not bulk("XIE:  ok\nJANE DOE: ok")  # two spaces after the colon
    text = "\n".join(f"Q{i % 7}: ok" for i in range(5_000))
    assert bulk(text)
    src = parse_transcript(text)
    assert len(src.turns) == 5_000
    assert [(t.label, t.span.text, t.label_span.text) for t in src.turns[:2]] == [  # type: ignore[union-attr]
        ("Q0", "ok", "Q0:"),
        ("Q1", "ok", "Q1:"),
    ]
    check_invariants(src)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcquoteyuinsQUOTEYSIſKİı\"“'«「 x", max_size=40))
def test_may_embed_anywhere_is_false_only_when_the_pattern_finds_nothing(text: str) -> None:
    from quoteverify._speech import _MAY_EMBED, _may_embed_anywhere

    if _MAY_EMBED.search(text):
        assert _may_embed_anywhere(text)


# --------------------------------------------------------------------------- bulk caption cues

CUE_LABELS = ["XIE", "XIE YINAN", "Xie Yinan", "Q0", "Note", "印奇", "Jane", "a b c d", "XIE "]
cue_lines = st.one_of(
    st.tuples(
        st.sampled_from(CUE_LABELS),
        st.sampled_from([": ", ": ", ": ", ":", "：", ":  "]),
        st.sampled_from(["ok", "We sell servers.", "you said 'no'", "(laughs)", "x)", "a  b", "&amp;", ""]),
    ).map("".join),
    st.sampled_from(["- JANE DOE: yes", ">> XIE: no", "plain words", "<v Xie Yinan>hi", "<i>XIE: x</i>"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.lists(cue_lines, min_size=1, max_size=6), max_size=4),
    st.booleans(),
    st.booleans(),
)
def test_bulk_caption_cues_agree_with_reading_every_line(
    monkeypatch: pytest.MonkeyPatch, cues: list[list[str]], webvtt: bool, merge: bool
) -> None:
    from quoteverify import _captions

    sep = "." if webvtt else ","
    text = ("WEBVTT\n\n" if webvtt else "") + "\n\n".join(
        f"{i + 1}\n00:00:0{i}{sep}000 --> 00:00:0{i}{sep}900\n" + "\n".join(lines)
        for i, lines in enumerate(cues)
    )
    parse = parse_webvtt if webvtt else parse_srt
    results = []
    for bulk_from in (1, 10**9):  # every cue tried in bulk; none
        monkeypatch.setattr(_captions, "_BULK_FROM", bulk_from)
        src = parse(text, merge=merge)
        results.append((src.text, src.turns))
    assert results[0] == results[1]


def test_a_cue_of_many_name_lines_is_read_in_bulk() -> None:
    from quoteverify._captions import _regular_body
    from quoteverify._labels import LabelSpeakers

    lines = tuple(f"Q{i % 7}: ok" for i in range(40))
    assert _regular_body(lines, webvtt=True, speakers=LabelSpeakers(None), heads={}) is not None
    for odd in ("Q1: ok ", "- Q1: ok", "Q1: <i>ok</i>", "Q1:  ok", "Q1: (laughs)", "just words"):
        body = (*lines[:5], odd, *lines[5:])
        assert _regular_body(body, webvtt=True, speakers=LabelSpeakers(None), heads={}) is None
    src = parse_srt("1\n00:00:01,000 --> 00:00:04,000\n" + "\n".join(lines) + "\n")
    assert len(src.turns) == 40
    turn = src.turns[3]
    assert (turn.label, turn.span.text, turn.label_span.text) == ("Q3", "ok", "Q3:")  # type: ignore[union-attr]
    assert (turn.start_time, turn.end_time) == (1.0, 4.0)
    check_invariants(src)


@settings(max_examples=300, deadline=None)
@given(TALK, st.lists(st.integers(0, 60), max_size=12))
def test_embed_filter_turns_are_the_ranges_may_allows(text: str, cuts: list[int]) -> None:
    from itertools import pairwise

    from quoteverify._speech import _EmbedFilter

    points = sorted({min(c, len(text)) for c in cuts})
    ranges = [(a, b) for a, b in pairwise(points) if (a + b) % 3]  # leaves gaps between some
    starts, ends = [a for a, _ in ranges], [b for _, b in ranges]
    expected = [k for k, (a, b) in enumerate(ranges) if _EmbedFilter(text).may(a, b)]
    assert list(_EmbedFilter(text).turns(starts, ends)) == expected


def test_a_title_and_a_surname_in_capitals_is_a_speaker_label_even_used_once() -> None:
    # a hearing excerpt as a web page prints it, its lines wrapped: the witness answers once
    text = (
        "Senator WHITFIELD: You told the inspectors the cranes were checked\n"
        "every week, and the logs show nothing for the whole of March. Who\n"
        "signed off on those weeks?\n\n"
        "Mr. OKAFOR: Nobody signed off on them, and I should have caught\n"
        "that before the inspectors did. I take responsibility for it.\n"
    )
    src = Source.detect(text)
    assert [t.label for t in src.turns] == ["Senator WHITFIELD", "Mr. OKAFOR"]
    turn = src.turn_at(text.index("I take responsibility"))
    assert turn is not None and turn.label == "Mr. OKAFOR" and turn.speaker is not None


def test_an_unidentified_voice_is_a_turn_of_no_one_and_accuses_no_one() -> None:
    # TV and official transcripts name voices they cannot identify: that is not a person
    text = (
        "DANA WHITFIELD, CNN ANCHOR: Riders gathered outside the depot tonight.\n\n"
        "UNIDENTIFIED MALE: This is a disgrace and the council knows it.\n\n"
        "AUDIENCE MEMBER: Bring back the night buses!\n\n"
        "WHITFIELD: Emotions running high there.\n"
    )
    src = Source.detect(text)
    assert [t.label for t in src.turns] == ["DANA WHITFIELD, CNN ANCHOR", "UNIDENTIFIED MALE",
                                            "AUDIENCE MEMBER", "WHITFIELD"]
    assert src.turns[1].speaker is None and src.turns[2].speaker is None
    assert src.turns[0].speaker is not None and src.turns[3].speaker is not None
    import quoteverify as qv

    v = qv.verify("This is a disgrace and the council knows it", src, speaker="Marcus Ohene")
    assert v.attribution is not None and v.attribution.status is qv.AttributionStatus.UNATTRIBUTED


def test_the_audience_of_an_official_event_is_no_one_to_accuse() -> None:
    text = (
        "THE MAYOR: We will keep the night buses running through the winter.\n\n"
        "AUDIENCE MEMBERS: (Applause.)\n\n"
        "PARTICIPANT: Thank you, Mayor. We will hold you to it.\n\n"
        "THE MAYOR: You should.\n"
    )
    src = Source.detect(text)
    said = src.turn_at(text.index("We will hold you to it"))
    assert said is not None and said.label == "PARTICIPANT" and said.speaker is None
