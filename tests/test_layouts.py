"""Transcript layouts as newsrooms receive them (issue 13): each fixture, written for
quoteverify in the layout of a real service or institution, is detected as its layout and every
sentence is given to the right speaker; a quote from it is confirmed for the right person and
misattributed for the wrong one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quoteverify as qv
from quoteverify.errors import InvalidInputError
from quoteverify.sources import detect_format, parse_auto, parse_layout

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
GOLD = {k: v for k, v in json.loads((LAYOUTS / "gold.json").read_text(encoding="utf-8")).items() if k != "_comment"}


def _speaker_at(src: qv.Source, sentence: str) -> str | None:
    start = src.text.index(sentence)
    turn = src.turn_at(start)
    assert turn is not None, sentence
    assert turn.span.start <= start and start + len(sentence) <= turn.span.end, sentence
    return turn.speaker.name if turn.speaker is not None else None


@pytest.mark.parametrize("name", sorted(GOLD))
def test_each_layout_is_detected_and_every_sentence_has_its_speaker(name: str) -> None:
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    gold = GOLD[name]
    guess = detect_format(text)
    assert guess.name == gold["layout"], guess
    assert 0.5 < guess.confidence <= 1.0
    src = parse_auto(text)
    assert src.format == gold["layout"]
    assert src.text == text  # offsets index the file as given
    for who, sentence in gold["said"]:
        assert _speaker_at(src, sentence) == who, (name, sentence)
    for t in src.turns:
        assert src.text[t.span.start : t.span.end] == t.span.text
        assert not t.span.text[:1].isspace() and not t.span.text[-1:].isspace()


def _people(name: str) -> list[str]:
    return sorted({who for who, _ in GOLD[name]["said"] if who})


@pytest.mark.parametrize("name", sorted(GOLD))
def test_a_quote_is_confirmed_for_its_speaker_and_misattributed_for_another(name: str) -> None:
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    people = _people(name)
    registry = qv.SpeakerRegistry([qv.Speaker(p) for p in people])
    src = qv.Source.detect(text, speakers=registry)
    who, sentence = next((w, s) for w, s in GOLD[name]["said"] if w)
    quote = sentence.rstrip(".?")
    right = qv.verify(quote, src, speaker=who, speakers=registry)
    assert right.fidelity is qv.Fidelity.VERBATIM
    assert right.attribution is not None
    assert right.attribution.status is qv.AttributionStatus.CONFIRMED, right.attribution.message
    others = [p for p in people if p != who]
    if others:
        wrong = qv.verify(quote, src, speaker=others[0], speakers=registry)
        assert wrong.attribution is not None
        assert wrong.attribution.status is qv.AttributionStatus.MISATTRIBUTED, wrong.attribution.message


def test_a_reporters_question_is_never_the_officials() -> None:
    src = parse_auto((LAYOUTS / "briefing.txt").read_text(encoding="utf-8"))
    v = qv.verify("Will the plan name the companies that failed the inspections", src, speaker="Ms. Abara")
    assert v.attribution is not None
    assert v.attribution.status is not qv.AttributionStatus.CONFIRMED


def test_a_briefing_copied_from_the_web_keeps_its_questions_apart() -> None:
    # Briefings copied from a government website: labels and "Q" set off by no-break spaces,
    # some lines indented by one. Every "Q" opens a reporter's turn; none is the official's.
    nb = "\u00a0"
    text = (
        f"MS. ABARA:{nb} Good afternoon.{nb} I have one announcement.\n\n"
        f"Q{nb}{nb}{nb} Thanks, Rosa.{nb} Has the port authority been called the worst run in the country?\n\n"
        f"MS. ABARA:{nb} I would not put it that way.{nb} The audit is not finished.\n  \n"
        f"{nb}Q{nb}{nb}{nb} Will the audit be published?\n  \n"
        f"{nb}MR. OSEI:{nb} It will be published in full, and the findings go to the agencies first.\n"
    )
    guess = detect_format(text)
    assert guess.name == "briefing", guess
    src = parse_auto(text)
    labels = [t.label for t in src.turns]
    assert labels == ["MS. ABARA", "Q", "MS. ABARA", "Q", "MR. OSEI"]
    assert [t.speaker for t in src.turns if t.label == "Q"] == [None, None]
    for t in src.turns:
        assert src.text[t.span.start : t.span.end] == t.span.text
    v = qv.verify("the worst run in the country", src, speaker="Ms. Abara")
    assert v.attribution is not None
    assert v.attribution.status is qv.AttributionStatus.UNATTRIBUTED, v.attribution.message
    w = qv.verify("It will be published in full", src, speaker="Ms. Abara")
    assert w.attribution is not None
    assert w.attribution.status is qv.AttributionStatus.MISATTRIBUTED, w.attribution.message


def test_official_labels_in_capitals_and_questions_make_a_briefing() -> None:
    # A moderated event as official transcripts write it: any speaker in capitals before a
    # colon, the audience's questions as "Q" lines, one of them starting in lower case.
    nb = "\u00a0"
    text = (
        f"THE VICE PRESIDENT:{nb} Thank you all for coming out tonight.\n\n"
        f"Q{nb}{nb}{nb} So my first question is about the ferry.\n\n"
        f"THE VICE PRESIDENT:{nb} The ferry will keep running, and we will fund it.\n\n"
        f"AUDIENCE MEMBER:{nb} We love you!\n\n"
        f"Q{nb}{nb}{nb} and the bridge?\n\n"
        f"THE VICE PRESIDENT:{nb} The bridge is next year.\n"
    )
    assert detect_format(text).name == "briefing"
    src = parse_auto(text)
    assert [t.label for t in src.turns] == [
        "THE VICE PRESIDENT", "Q", "THE VICE PRESIDENT", "AUDIENCE MEMBER", "Q", "THE VICE PRESIDENT"
    ]
    # an interview's "Q:" and "A:" stay the plain transcript's
    assert detect_format("Q: Do you sell servers?\nA: We do.\nQ: To whom?\nA: To cities.\n").name == "transcript"


def test_running_prose_is_never_a_speaker_label() -> None:
    # Wrapped speech in official transcripts: a line may start with "Name — ..." or "Name: ..."
    # inside a sentence. None of them is a speaker; every word stays the official's.
    speech = (
        "THE PRESIDENT:  Thank you.  Please, sit down.  When the flood came, the people of\n"
        "Harlow did not wait for us.  They were led by their mayor, and by\n"
        "Governor Adeyemi — a friend of this town since his first campaign\n"
        "and a friend of mine.\n\n"
        "And I said to the team of\n"
        "Mayor Lindqvist: we will rebuild every bridge.\n\n"
        "Remember Okafor: “A town is the people who come back.”\n"
        "And they came back.\n"
    )
    src = parse_auto(speech)
    assert [t.label for t in src.turns] == ["THE PRESIDENT"]
    assert src.turns[0].span.text.endswith("And they came back.")
    for quote in ("we will rebuild every bridge", "A town is the people who come back",
                  "a friend of this town since his first campaign"):
        v = qv.verify(quote, src, speaker="The President")
        assert v.attribution is not None
        assert v.attribution.status is not qv.AttributionStatus.MISATTRIBUTED, v.attribution.message
    earnings = (LAYOUTS / "earnings.txt").read_text(encoding="utf-8")
    assert parse_auto(earnings).format == "earnings"  # a title after the dash still makes a header


def test_a_reporter_saying_the_question_is_asks_it_in_their_own_words() -> None:
    # "I guess the question is: ..." in a reporter's Q line is the reporter's question, not
    # words of the official's read out (only an answer's "the question was" is the asker's)
    text = (
        "MS. ABARA:  I have no assessment of that for you.\n\n"
        "Q   I guess the question is: what is the cost of waiting if the ban comes anyway?\n\n"
        "MS. ABARA:  Well, we are not there yet.\n"
    )
    src = parse_auto(text)
    assert src.format == "briefing" and all(not t.embedded for t in src.turns)
    v = qv.verify("what is the cost of waiting if the ban comes anyway", src, speaker="Ms. Abara")
    assert v.attribution is not None
    assert v.attribution.status is qv.AttributionStatus.UNATTRIBUTED, v.attribution.message


def test_hansard_gives_an_office_to_the_name_in_brackets() -> None:
    src = parse_auto((LAYOUTS / "hansard.txt").read_text(encoding="utf-8"))
    assert [t.label for t in src.turns] == [
        "The Prime Minister (Helen Carradine)", "Mr Tobias Fenn (Westmoor) (Lab)", "The Prime Minister"
    ]
    assert src.turns[2].speaker == src.turns[0].speaker


def test_two_title_case_labels_used_once_each_are_two_speakers() -> None:
    text = "Jane Doe: Hello there everyone.\nJohn Smith: The plan will not work.\n"
    src = parse_auto(text)
    assert [(t.speaker.name, t.span.text) for t in src.turns if t.speaker] == [
        ("Jane Doe", "Hello there everyone."), ("John Smith", "The plan will not work.")
    ]
    v = qv.verify("The plan will not work", src, speaker="Jane Doe")
    assert v.attribution is not None and v.attribution.status is not qv.AttributionStatus.CONFIRMED
    four = "Operator: Welcome to the call.\nJane Roe: Revenue grew.\nJohn Doe: And margins?\nAnn E. Smith: Margins fell.\n"
    assert [t.label for t in parse_auto(four).turns] == ["Operator", "Jane Roe", "John Doe", "Ann E. Smith"]


def test_detection_uses_the_registry() -> None:
    # lower-case handles a registry knows are labels only with it
    text = "yin: We sell servers.\nxie: What we do is sell them a server.\nyin: That is all.\n"
    registry = qv.SpeakerRegistry([qv.Speaker("Yin Qi", aliases=("yin",)), qv.Speaker("Xie Yinan", aliases=("xie",))])
    assert detect_format(text).name == "plain"
    assert detect_format(text, speakers=registry).name == "transcript"
    src = parse_auto(text, speakers=registry)
    assert [t.speaker.name for t in src.turns if t.speaker] == ["Yin Qi", "Xie Yinan", "Yin Qi"]


def test_an_article_is_read_as_an_article_not_plain_text() -> None:
    story = (
        "BEIJING — Megvii's chief executive defended the company on Tuesday.\n\n"
        'Yin Qi said that "technology is definitely not to blame" for how the cameras were used.\n'
    )
    assert detect_format(story).name == "article"
    v = qv.verify("technology is definitely not to blame", parse_auto(story), speaker="Yin Qi")
    assert v.fidelity is qv.Fidelity.VERBATIM
    assert not [f for f in v.drift.findings if f.severity is qv.Severity.SERIOUS]


def test_prose_with_colons_and_headlines_is_not_a_transcript() -> None:
    text = (
        "NOTE: This story was updated on Tuesday.\nUPDATE: The council voted 7-2.\n"
        "Posted: 10:30\nCITY COUNCIL PASSES TRANSIT BUDGET\nThe budget keeps the night buses.\n"
    )
    assert detect_format(text).name == "plain"
    assert parse_auto(text).turns == ()


@pytest.mark.parametrize(
    "text",
    [
        "Dana Roe: (00:02)\n",  # a label and nothing after it
        "Dana Roe:\n\nAl Poe:\n",
        "印奇：我们不卖数据。\n谢忆楠：我们只卖服务器。\n",
        "Dana Roe  0:09\nLater words.\nDana Roe  0:02\nEarlier words.\n",  # times out of order
        "Dana Roe: (00:02)\nHello.\n  Mr. OKAFOR. I rise.\nBY MR. JONES:\n Q. Name?\n",  # mixed
        "Dana Roe:\n" + "We will stay. " * 80_000,  # a 1 MB turn
    ],
)
def test_bad_input_gives_a_valid_source(text: str) -> None:
    src = parse_auto(text)
    assert src.text == text
    last = -1
    for t in src.turns:
        assert t.span.start >= last and text[t.span.start : t.span.end] == t.span.text
        last = t.span.end


def test_an_unknown_layout_is_a_clear_error() -> None:
    with pytest.raises(InvalidInputError, match="unknown layout 'zoomish'"):
        parse_layout("Dana Roe: hi", "zoomish")


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(GOLD)),
    st.lists(st.sampled_from(["\n", " ", "\t", "x", ":", "Q. ", "**", "(00:01)"]), max_size=6),
)
def test_any_layout_read_of_edited_text_indexes_it(name: str, junk: list[str]) -> None:
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    cut = len(text) // 2
    text = text[:cut] + "".join(junk) + text[cut:]
    for layout in ("rev", "otter", "markdown", "congressional", "hansard", "deposition", "earnings", "briefing"):
        src = parse_layout(text, layout)
        for t in src.turns:
            assert text[t.span.start : t.span.end] == t.span.text
            assert t.span.start < t.span.end


def test_a_large_transcript_finds_embedded_speech_when_a_turn_is_read_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from quoteverify import sources

    turns = [
        ("Dana Whitfield", "As critics put it, “the night buses are a luxury.” Do you agree?"),
        ("Marcus Ohene", "No. You said the fund was empty, and it is not."),
        ("Dana Whitfield", "Riders have heard that before."),
        ("Marcus Ohene", "The mayor told us, “We will keep every route,” and he meant it."),
    ]
    text = "".join(f"{who}: ({k // 60}:{k % 60:02d})\n{words}\n\n" for k in range(2_400) for who, words in [turns[k % 4]])
    lazy = parse_layout(text, "rev")
    monkeypatch.setattr(sources, "LAZY_FROM", 10**9)
    eager = parse_layout(text, "rev")
    assert [t.embedded for t in lazy.turns] == [t.embedded for t in eager.turns]
    assert sum(bool(t.embedded) for t in eager.turns) >= 1_000


def test_rolling_automatic_captions_keep_each_word_once() -> None:
    vtt = (
        "WEBVTT\nKind: captions\nLanguage: en\n\n"
        "00:00:00.400 --> 00:00:02.950 align:start position:0%\n \n"
        "we<00:00:00.560><c> will</c><00:00:00.800><c> not</c><00:00:01.040><c> cut</c>"
        "<00:00:01.280><c> the</c><00:00:01.520><c> night</c>\n\n"
        "00:00:02.950 --> 00:00:02.960 align:start position:0%\nwe will not cut the night\n \n\n"
        "00:00:02.960 --> 00:00:05.200 align:start position:0%\nwe will not cut the night\n"
        "buses<00:00:03.200><c> whatever</c><00:00:03.600><c> the</c><00:00:03.900><c> number</c>\n\n"
        "00:00:05.200 --> 00:00:05.210 align:start position:0%\nbuses whatever the number\n \n"
    )
    src = qv.Source.detect(vtt)
    assert src.format == "webvtt"
    assert src.text == "we will not cut the night\nbuses whatever the number"
    v = qv.verify("we will not cut the night buses whatever the number", src)
    assert v.fidelity is qv.Fidelity.VERBATIM


def test_an_srt_cue_with_a_blank_line_inside_is_repaired_not_refused() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\nDANA WHITFIELD: We will not cut\n\nthe night buses.\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\n- Why not?\n- Because the fund is set aside.\n"
    )
    src = qv.Source.detect(srt)
    assert src.format == "srt"
    assert [(t.speaker.name if t.speaker else None, t.span.text) for t in src.turns] == [
        ("Dana Whitfield", "We will not cut the night buses."),
        (None, "Why not?"),
        (None, "Because the fund is set aside."),
    ]
    with pytest.raises(qv.ParseError, match="line 5"):  # a numbered cue with no timing stays an error
        qv.Source.from_srt("1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\nNo timing here.\n")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"segments": [{"speaker": "SPEAKER_00", "text": " We will not cut the night buses.", '
         '"start": 0.5, "end": 2.9}, {"speaker": "SPEAKER_01", "text": "Riders have heard that.", '
         '"start": 3.0, "end": 4.1}]}', "json"),
        ('{"utterances": [{"speaker": "A", "text": "We will not cut the night buses.", "start": 500, '
         '"end": 2900}, {"speaker": "B", "text": "Riders have heard that.", "start": 3000, "end": 41000}]}', "json"),
        ("speaker,start,text\nSPEAKER_00,0.5,We will not cut the night buses.\nSPEAKER_01,3.0,Riders have heard that.\n", "csv"),
        ("Speaker\tText\nSPEAKER_00\tWe will not cut the night buses.\nSPEAKER_01\tRiders have heard that.\n", "tsv"),
    ],
)
def test_speech_to_text_exports_and_tables_are_turns(text: str, kind: str) -> None:
    src = qv.Source.detect(text)
    assert src.format == kind
    assert src.text == "We will not cut the night buses.\nRiders have heard that."
    assert [t.span.text for t in src.turns] == ["We will not cut the night buses.", "Riders have heard that."]
    assert src.turns[0].label != src.turns[1].label
    if kind == "json":
        assert src.turns[0].start_time == 0.5


def test_a_csv_without_speaker_and_text_columns_is_not_a_table() -> None:
    with pytest.raises(qv.ParseError, match="not a table of speech"):
        qv.sources.parse_table("city,budget\nLyon,12\n")
    assert detect_format("city,budget\nLyon,12\n").name == "plain"


def test_the_command_line_reads_each_file_in_its_encoding_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from quoteverify.cli import main

    utf16 = tmp_path / "briefing-utf16.txt"
    utf16.write_text((LAYOUTS / "briefing.txt").read_text(encoding="utf-8"), encoding="utf-16")
    legacy = tmp_path / "council.txt"
    legacy.write_bytes("Dana Whitfield: (00:02)\nWe will not cut the caf\u00e9 route.\n\nMarcus Ohene: (00:09)\nWhy not?\n".encode("cp1252"))
    code = main(["verify", "--source", str(utf16), "--source", str(legacy), "--encoding", "cp1252",
                 "--speaker", "Dana Whitfield", "We will not cut the caf\u00e9 route"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("source     council.txt (read as rev)\n")
    code = main(["verify", "--source", str(utf16), "--speaker", "Ms. Abara", "It will not name individual companies"])
    out = capsys.readouterr().out
    assert code == 0 and "briefing-utf16.txt (read as briefing)" in out


def test_the_command_line_sets_the_size_limits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quoteverify.cli import main

    src = tmp_path / "rev.txt"
    src.write_text((LAYOUTS / "rev_times.txt").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["verify", "--source", str(src), "--max-quote-chars", "10", "We will not cut the night buses"]) == 2
    assert "past the limit of 10" in capsys.readouterr().err
    assert main(["verify", "--source", str(src), "--max-text-chars", "50", "We will not cut the night buses"]) == 2
    assert "past the limit of 50" in capsys.readouterr().err


def test_a_press_release_is_its_organisations_words_except_the_quoted_people() -> None:
    src = qv.Source.detect((LAYOUTS / "press_release.txt").read_text(encoding="utf-8"))
    assert src.format == "press_release"
    assert src.speaker is not None and src.speaker.name == "Northwind Vision"

    def status(quote: str, who: str) -> qv.AttributionStatus:
        v = qv.verify(quote, src, speaker=who)
        assert v.attribution is not None
        return v.attribution.status

    narration = "The centre will not work on surveillance products"
    quoted = "We chose the city for its universities, not for its tax rates"
    assert status(narration, "Northwind Vision") is qv.AttributionStatus.CONFIRMED
    assert status(quoted, "Priya Natarajan") is qv.AttributionStatus.CONFIRMED
    assert status(quoted, "Northwind Vision") is qv.AttributionStatus.MISATTRIBUTED


def test_a_line_numbered_court_transcript_reads_across_its_margin_numbers() -> None:
    text = (LAYOUTS / "court_numbered.txt").read_text(encoding="utf-8")
    assert detect_format(text).name == "numbered"
    src = qv.Source.detect(text)
    assert len(src.text) == len(text)  # margins blanked in place: offsets index the file
    registry = qv.SpeakerRegistry([qv.Speaker("Kemi Adebayo"), qv.Speaker("Ruth Oyelaran")])
    src = qv.Source.detect(text, speakers=registry)
    quote = "the forklift report was never shown to the shift supervisor before it was filed"
    right = qv.verify(quote, src, speaker="Kemi Adebayo", speakers=registry)
    assert right.fidelity is qv.Fidelity.VERBATIM
    assert right.attribution is not None and right.attribution.status is qv.AttributionStatus.CONFIRMED
    wrong = qv.verify(quote, src, speaker="Ruth Oyelaran", speakers=registry)
    assert wrong.attribution is not None and wrong.attribution.status is qv.AttributionStatus.MISATTRIBUTED
    a, b = right.location.start, right.location.end  # type: ignore[union-attr]
    assert " ".join(text[a:b].split()) == "the forklift report was never shown 11 to the shift supervisor before it was filed"


@pytest.mark.parametrize(
    "vtt",
    [
        # Microsoft Teams: a voice tag per cue, cue identifiers of its own
        "WEBVTT\n\n0f2b8a1c-1/13-0\n00:00:01.000 --> 00:00:04.000\n"
        "<v Dana Whitfield>We will not cut the night buses, whatever the final number is.</v>\n\n"
        "0f2b8a1c-2/13-0\n00:00:04.000 --> 00:00:06.500\n<v Marcus Ohene>Riders have heard that before.</v>\n",
        # Zoom: "Name: " in the cue, a continuation cue without it
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nDana Whitfield: We will not cut the night buses,\n\n"
        "2\n00:00:04.000 --> 00:00:06.500\nwhatever the final number is.\n\n"
        "3\n00:00:06.500 --> 00:00:08.000\nMarcus Ohene: Riders have heard that before.\n",
    ],
)
def test_meeting_captions_give_each_speaker_their_words(vtt: str) -> None:
    src = qv.Source.detect(vtt)
    assert src.format == "webvtt"
    quote = "We will not cut the night buses, whatever the final number is"
    right = qv.verify(quote, src, speaker="Dana Whitfield")
    assert right.fidelity is qv.Fidelity.VERBATIM
    assert right.attribution is not None and right.attribution.status is qv.AttributionStatus.CONFIRMED
    wrong = qv.verify(quote, src, speaker="Marcus Ohene")
    assert wrong.attribution is not None and wrong.attribution.status is qv.AttributionStatus.MISATTRIBUTED


def test_tv_news_clips_belong_to_whoever_is_named_in_them() -> None:
    text = (
        "BLITZER: The council met today. Here is what the transit chief told reporters.\n\n"
        "(BEGIN VIDEO CLIP)\n\n"
        "MARCUS OHENE, TRANSIT CHIEF: We will not cut the night buses.\n\n"
        "(END VIDEO CLIP)\n\n"
        "BLITZER: Riders have heard that before.\n"
    )
    src = qv.Source.detect(text)
    v = qv.verify("We will not cut the night buses", src, speaker="Marcus Ohene")
    assert v.attribution is not None and v.attribution.status is qv.AttributionStatus.CONFIRMED
    w = qv.verify("We will not cut the night buses", src, speaker="Wolf Blitzer")
    assert w.attribution is not None and w.attribution.status is not qv.AttributionStatus.CONFIRMED


@pytest.mark.parametrize(
    "header",
    ["Lena Varga (00:00:05):", "*Lena Varga (0:05)*", "Lena Varga [00:05]:"],
)
def test_a_timed_label_line_with_a_colon_or_in_italics_opens_a_turn(header: str) -> None:
    second = header.replace("Lena Varga", "Ada Okonjo").replace("05", "20")
    text = f"{header}\nWe warned the county twice.\n\n{second}\nThank you for coming in.\n"
    src = qv.Source.detect(text)
    assert src.format == "otter"
    assert [(t.label, t.span.text) for t in src.turns] == [
        ("Lena Varga", "We warned the county twice."), ("Ada Okonjo", "Thank you for coming in.")]


def test_canadian_hansard_reads_colon_labels_and_leaves_prose_and_contents_alone() -> None:
    text = (
        "Hon. Marguerite Vallee\nMr. Colin Ashdown\n\n"  # the sitting's list of contents
        "Mr. Colin Ashdown (Lakehead North, Ref.):\nThe minister made a promise.\n"
        "The Prime Minister recently stated:\nEvery township will be connected.\n"
        "Hon. Marguerite Vallee (Minister of Industry, Lib.) :\nThe contracts are signed.\n"
        "Some hon. members:\nHear, hear!\n"
    )
    src = parse_auto(text)
    assert src.format == "hansard"
    assert [(t.speaker.name if t.speaker else None, t.span.text) for t in src.turns] == [
        ("Colin Ashdown", "The minister made a promise.\nThe Prime Minister recently stated:\n"
         "Every township will be connected."),
        ("Marguerite Vallee", "The contracts are signed."),
        (None, "Hear, hear!"),
    ]


def test_a_uk_hansard_line_with_a_stop_after_the_title_is_speech_not_a_name_line() -> None:
    text = (
        "Mr Tobias Fenn (Westmoor) (Lab)\nI give way to the hon. Member.\n\n"
        "Dr Ann Roe (Eastvale) (Con)\nI thank him. I turn to Mr. Obi.\nMr. Obi.\n\n"
        "Mr Tobias Fenn (Westmoor) (Lab)\nHe is not in his place.\n"
    )
    src = parse_auto(text)
    assert src.format == "hansard"
    assert [t.speaker.name for t in src.turns if t.speaker] == ["Tobias Fenn", "Ann Roe", "Tobias Fenn"]
    assert src.turn_at(text.index("Mr. Obi.\n")).speaker.name == "Ann Roe"  # type: ignore[union-attr]


def test_the_senate_and_committee_of_the_whole_offices_hold_their_member() -> None:
    text = (
        "The Hon. The Speaker pro tempore :\nHonourable senators, the sitting is resumed.\n"
        "Hon. Ada Brandt (Leader of the Government) :\nI move the adjournment.\n"
        "The Presiding Officer (Mr. Lucien Roy):\nShall the clause carry?\n"
    )
    src = parse_auto(text)
    assert src.format == "hansard"
    assert [t.label for t in src.turns] == [
        "The Hon. The Speaker pro tempore", "Hon. Ada Brandt (Leader of the Government)",
        "The Presiding Officer (Mr. Lucien Roy)",
    ]
    assert [t.speaker.name for t in src.turns[1:] if t.speaker] == ["Ada Brandt", "Lucien Roy"]


def test_a_printed_hearing_may_set_the_chair_in_capitals() -> None:
    # older GPO hearings print the office in capitals, the members in mixed case
    text = (
        "    The CHAIRMAN. The committee will come to order. Senator Whitfield.\n"
        "    Senator Whitfield. Thank you. Mr. Osei, when will the audit be\n"
        "finished?\n"
        "    Mr. Osei. In June, unless the inspectors ask for more time.\n"
        "    The CHAIRMAN. Thank you. The record will stay open for a week.\n"
        "    Senator Whitfield. I will hold you to June.\n"
    )
    src = parse_auto(text)
    assert src.format == "hearing"
    assert [t.label for t in src.turns] == [
        "The CHAIRMAN", "Senator Whitfield", "Mr. Osei", "The CHAIRMAN", "Senator Whitfield"
    ]


def test_australian_hansard_sets_the_speech_after_the_label_and_the_office_in_capitals() -> None:
    text = (
        "Mr OKAFOR (Lakeside—Leader of the Opposition) (14:03): My question is to the Prime "
        "Minister. When will the night buses return?\n\n"
        "Ms VALLEE (Harbourside—Prime Minister) (14:04): The buses return in June.\n\n"
        "Mr OKAFOR (Lakeside—Leader of the Opposition) (14:05): Riders have heard that before.\n\n"
        "The SPEAKER: Order! The member for Lakeside will cease interjecting.\n"
    )
    src = parse_auto(text)
    assert src.format == "hansard"
    assert [(t.speaker.name if t.speaker else None, t.span.text[:16]) for t in src.turns] == [
        ("Okafor", "My question is t"), ("Vallee", "The buses return"), ("Okafor", "Riders have hear"),
        ("The SPEAKER", "Order! The membe"),
    ]
