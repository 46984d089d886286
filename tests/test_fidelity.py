"""judge() through verify(): each verdict, the Megvii examples, and verdicts that never improve with an edit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quoteverify import Fidelity, Source, align, judge, locate, verify

TRANSCRIPT = Source(
    "Megvii's chief executive Yin Qi took questions after the keynote. Technology is definitely not "
    "to blame, he said, pointing instead to how customers deploy it. Xie Yinan, the vice president, "
    "was asked about police contracts. We don't have access to the data. What we do is sell them a "
    "server [loaded with Face++]. That's all. Asked about exports, Xie said the firm sells in 15 "
    "countries and will keep doing so."
)


# The verdict table (each fidelity on the Megvii keynote, and more) is tests/cases/fidelity.json.


def test_megvii_dropped_not_is_named() -> None:
    v = verify("technology is definitely to blame", TRANSCRIPT)
    assert v.fidelity is Fidelity.ALTERED
    meaningful = [e for e in v.edits if e.meaning]
    assert [(e.kind.value, e.source_text, e.reason) for e in meaningful] == [
        ("delete", "not", "negation")
    ]


def test_spliced_keeps_each_fragment_and_gap() -> None:
    v = verify("We don't have access to the data ... That's all.", TRANSCRIPT)
    assert v.location is not None
    assert [f.text for f in v.location.fragments] == [
        "We don't have access to the data",
        "That's all",
    ]
    assert v.location.gaps[0].sentences == 2  # sentence boundaries crossed between the fragments


def test_judge_without_location_is_not_found() -> None:
    assert judge(None, None) is Fidelity.NOT_FOUND


def test_adjacent_ellipsis_is_not_a_splice() -> None:
    src = Source("I think . . . I think we were naive.")
    loc = locate("I think ... I think we were naive", src)
    assert loc is not None
    assert judge(loc, align("I think ... I think we were naive", loc)) is Fidelity.VERBATIM


SENTENCES = [
    "We don't have access to the data",
    "What we do is sell them a server",
    "Technology is definitely not to blame for what customers do",
    "The firm sells in 15 countries and will keep doing so",
]
FILLER = [
    "The briefing ran late.",
    "Reporters waited outside.",
    "Nobody mentioned prices.",
    "The slides were in Chinese.",
    "Lunch was served at noon.",
]


@settings(max_examples=150, deadline=None)
@given(
    st.permutations(SENTENCES + FILLER),
    st.sampled_from(SENTENCES),
    st.sampled_from(["drop", "insert", "replace", "negate"]),
    st.integers(0, 20),
)
def test_adding_an_edit_never_makes_a_verdict_more_faithful(
    order: list[str], sentence: str, kind: str, pos: int
) -> None:
    source = Source(" ".join(s if s.endswith(".") else s + "." for s in order))
    before = verify(sentence, source)
    assert before.fidelity is Fidelity.VERBATIM
    words = sentence.split()
    # dropping or replacing an edge word may leave an exact substring: that is truncation, drift's job
    pos = 1 + pos % (len(words) - 2) if kind in ("drop", "replace") else pos % len(words)
    if kind == "drop":
        del words[pos]
    elif kind == "insert":
        words.insert(pos, "allegedly")
    elif kind == "replace":
        words[pos] = "bananas"
    else:
        words.insert(pos, "not")
    after = verify(" ".join(words), source)
    assert after.fidelity.rank >= before.fidelity.rank
    assert after.fidelity is not Fidelity.VERBATIM


@settings(max_examples=100, deadline=None)
@given(st.permutations(SENTENCES + FILLER), st.sampled_from(SENTENCES))
def test_exact_substring_is_always_verbatim(order: list[str], sentence: str) -> None:
    text = " ".join(s if s.endswith(".") else s + "." for s in order)
    v = verify(sentence, text)
    assert v.fidelity is Fidelity.VERBATIM
    assert v.location is not None
    assert text[v.location.start : v.location.end] == sentence


def test_thousands_separator_is_a_number_format_edit() -> None:
    v = verify("3000 engineers work on them", "Our 3,000 engineers work on them.")
    assert v.fidelity is Fidelity.COSMETIC
    assert [(e.kind.value, e.source_text) for e in v.edits] == [("number_format", "3,000")]


def test_out_of_order_unmarked_splice_of_a_short_sentence() -> None:
    v = verify("That's all. We don't have access to the data", TRANSCRIPT)
    assert v.fidelity is Fidelity.SPLICED
    assert v.location is not None and not v.location.in_order


@settings(max_examples=120, deadline=None)
@given(
    st.permutations(SENTENCES + FILLER),
    st.sampled_from(SENTENCES),
    st.sampled_from(["(Applause.)", "(Laughter.)", "(laughs)", "[crosstalk]", "(As interpreted.)", "[inaudible]"]),
    st.integers(1, 20),
)
def test_a_stage_direction_left_out_of_a_quote_is_never_a_changed_word(
    order: list[str], sentence: str, direction: str, pos: int
) -> None:
    # Official transcripts mark the room inside a turn: "It is so good.  (Applause.)  We are
    # back."  A reporter leaves those out; that is no edit of the speaker's words.
    words = sentence.split()
    cut = 1 + pos % (len(words) - 1)
    marked = " ".join([*words[:cut], direction, *words[cut:]])
    text = " ".join(marked if s == sentence else s if s.endswith(".") else s + "." for s in order)
    v = verify(sentence, Source(text))
    assert v.fidelity in (Fidelity.VERBATIM, Fidelity.COSMETIC), v.explain()
    assert v.location is not None and direction in text[v.location.start : v.location.end]
    # ...while a changed word beside it still counts
    changed = " ".join([*words[:cut], "bananas", *words[cut + 1 :]]) if cut < len(words) else None
    if changed is not None and changed != sentence:
        assert verify(changed, Source(text)).fidelity not in (Fidelity.VERBATIM, Fidelity.COSMETIC)
