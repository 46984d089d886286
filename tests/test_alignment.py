"""align(): every edit kind, meaning-bearing flags, contractions, brackets, opcodes that replay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quoteverify import Source, align, locate

SOURCE = Source(
    "XIE YINAN: We don't have access to the data. What we do is sell them a server "
    "[loaded with Face++]. That's all. The police in 30 cities are our customers, and "
    "we have 3,000 of them. We will never sell to the military. Only some of our colour "
    "cameras can recognise faces. Megvii is more careful than Hikvision."
)


def edits_of(quote: str, source: Source = SOURCE) -> list[tuple[str, str, str, bool, str | None]]:
    loc = locate(quote, source)
    assert loc is not None, quote
    return [
        (e.kind.value, e.quote_text, e.source_text, e.meaning, e.reason)
        for e in align(quote, loc).edits
    ]


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("we don't have access to the data", [("case", "we", "We", False, None)]),
        ("We don't have access to the data!", []),  # outer punctuation is not part of the match
        ("We don't have access, to the data", [("punctuation", ",", "", False, None)]),
        ("We don't have acess to the data", [("spelling", "acess", "access", False, None)]),
        (
            "Only some of our color cameras can recognize faces",
            [
                ("spelling", "color", "colour", False, None),
                ("spelling", "recognize", "recognise", False, None),
            ],
        ),
        ("We do not have access to the data", [("contraction", "do not", "don't", False, None)]),
        (
            "we have three thousand of them",
            [("number_format", "three thousand", "3,000", False, None)],
        ),
        ("we have 300 of them", [("replace", "300", "3,000", True, "number")]),
        ("We will sell to the military", [("delete", "", "never", True, "negation")]),
        ("We will now sell to the military", [("replace", "now", "never", True, "negation")]),
        ("We will never sell weapons to the military", [("insert", "weapons", "", False, None)]),
        ("We would never sell to the military", [("replace", "would", "will", True, "modal")]),
        # a dropped word at the quote's edge lies outside the match: drift's truncation check reports it
        ("Some of our colour cameras can recognise faces", [("case", "Some", "some", False, None)]),
        (
            "Only our colour cameras can recognise faces",
            [("delete", "", "some of", True, "quantifier")],
        ),
        (
            "Megvii is less careful than Hikvision",
            [("replace", "less", "more", True, "comparative")],
        ),
        (
            "Megvii is more careful than SenseTime",
            [("replace", "SenseTime", "Hikvision", True, "entity")],
        ),
        ("We have access to the data", [("delete", "", "don't", True, "negation")]),
    ],
)
def test_edit_kinds(quote: str, expected: list[tuple[str, str, str, bool, str | None]]) -> None:
    assert edits_of(quote) == expected


def test_typo_inside_a_negation_is_not_a_dropped_negation() -> None:
    edits = edits_of("We will nevre sell to the military")
    assert edits == [("spelling", "nevre", "never", False, None)]
    edits = edits_of("We do nto have access to the data")
    assert all(not m for _, _, _, m, _ in edits)


def test_editorial_brackets_in_quote_and_source() -> None:
    # the source's own bracketed insertion, left out by the quote: not an alteration
    assert edits_of("What we do is sell them a server. That's all.") == [
        ("editorial", "", "loaded with Face++", False, None)
    ]
    # a bracket in the quote standing for the source's words
    edits = edits_of("[Megvii doesn't] have access to the data")
    assert [(k, m) for k, _, _, m, _ in edits] == [("editorial", False)]
    # [sic] is ignored
    assert edits_of("The police in 30 cities are our [sic] customers") == []


def test_edit_offsets_index_quote_and_source() -> None:
    quote = "We will now sell to the military"
    loc = locate(quote, SOURCE)
    assert loc is not None
    (edit,) = align(quote, loc).edits
    assert edit.quote_start is not None and edit.quote_end is not None
    assert quote[edit.quote_start : edit.quote_end] == "now"
    assert edit.source_start is not None and edit.source_end is not None
    assert SOURCE.text[edit.source_start : edit.source_end] == "never"


def test_alignment_rejects_a_foreign_location() -> None:
    loc = locate("We will never sell to the military", SOURCE)
    assert loc is not None
    with pytest.raises(TypeError):
        align("x", "not a location")  # type: ignore[arg-type]
    from quoteverify import InvalidInputError

    with pytest.raises(InvalidInputError):
        align("short", loc)


VOCAB = [
    "we",
    "sell",
    "servers",
    "to",
    "the",
    "police",
    "never",
    "not",
    "data",
    "all",
    "cities",
    "Megvii",
    "is",
    "only",
    "our",
    "customers",
    "in",
    "30",
    "three",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(VOCAB), min_size=6, max_size=20),
    st.lists(
        st.tuples(
            st.sampled_from(["del", "ins", "rep"]), st.integers(0, 30), st.sampled_from(VOCAB)
        ),
        max_size=3,
    ),
)
def test_opcodes_turn_the_quote_words_into_the_source_words(
    words: list[str], ops: list[tuple[str, int, str]]
) -> None:
    text = " ".join(words)
    q = list(words)
    for op, raw_pos, w in ops:
        pos = raw_pos % len(q)
        if op == "del" and len(q) > 4:
            del q[pos]
        elif op == "ins":
            q.insert(pos, w)
        else:
            q[pos] = w
    quote = " ".join(q)
    loc = locate(quote, Source(text))
    if loc is None:
        return
    a = align(quote, loc)
    qk = [s.text.casefold() for s in a.quote_tokens]
    sk = [s.text.casefold() for s in a.source_tokens]
    rebuilt: list[str] = []
    for tag, i1, i2, j1, j2 in a.opcodes:
        if tag == "equal":
            assert qk[i1:i2] == sk[j1:j2]
            rebuilt.extend(qk[i1:i2])
        else:
            rebuilt.extend(sk[j1:j2])
    assert rebuilt == sk
    for s in a.source_tokens:
        assert text[s.start : s.end] == s.text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(VOCAB), min_size=3, max_size=12),
    st.lists(st.sampled_from(VOCAB), min_size=3, max_size=12),
)
def test_a_deleted_not_is_always_meaning_bearing(before: list[str], after: list[str]) -> None:
    source = Source(" ".join(["Xie", "said", *before, "not", *after, "today"]))
    quote = " ".join(["Xie", "said", *before, *after, "today"])
    loc = locate(quote, source)
    assert loc is not None
    edits = align(quote, loc).edits
    assert any(
        e.meaning and e.reason == "negation" and "not" in e.source_text.split() for e in edits
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_fast_tokens_agree_with_the_unicode_tokens(text: str) -> None:
    from quoteverify._tokens import ASCII_TOKEN, TOKEN

    fast = [(m.span(), m.lastgroup) for m in ASCII_TOKEN.finditer(text)]
    full = [(m.span(), m.lastgroup) for m in TOKEN.finditer(text)]
    assert fast == full


def test_case_edits_merge_over_a_run_of_words() -> None:
    edits = edits_of("WE DON'T HAVE ACCESS TO THE DATA")
    assert edits == [("case", "WE DON'T HAVE ACCESS TO THE DATA", "We don't have access to the data", False, None)]


def test_a_contraction_split_by_a_dropped_negation_is_not_cosmetic() -> None:
    # "do" matches half of "don't": the edit is the dropped "not", not a contraction
    assert edits_of("We do have access to the data") == [("delete", "", "don't", True, "negation")]
