"""normalize() and tokenize(): glyph families, offsets back to the original, idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quoteverify import InvalidInputError, Token, normalize, tokenize
from quoteverify.normalization import STEPS


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("“curly”", '"curly"'),
        ("„German“", '"german"'),
        ("«guillemets»", '"guillemets"'),
        ("「Japanese」『nested』", '"japanese""nested"'),
        ("＂fullwidth＂", '"fullwidth"'),
        ("‘single’ ‚low‛", "'single' 'low'"),
        ("don’t", "don't"),
        ("a – b — c ‒ d", "a - b - c - d"),
        ("−5", "-5"),  # a minus sign stays a minus
        ("3.14", "3.14"),  # a decimal point stays
        ("wait…", "wait..."),
        ("no\u00a0break\u2009thin\u3000ideographic", "no break thin ideographic"),
        ("zero\u200bwidth", "zerowidth"),
        ("bidi\u202eover\u202cride", "bidioverride"),
        ("soft\u00adhyphen", "softhyphen"),
        ("manufac-\nturing", "manufacturing"),
        ("well-\n Known", "well- known"),  # a capital after the break: not a split word
        ("ﬁnal ﬂow", "final flow"),
        ("ＡＢＣ１２３", "abc123"),
        ("MIXED Case", "mixed case"),
        ("Straße", "strasse"),
        ("e\u0301te\u0301", "été"),
        ("tabs\tand\n\nnewlines\r\n", "tabs and newlines "),
    ],
)
def test_glyph_families_fold(raw: str, folded: str) -> None:
    assert normalize(raw).text == folded


def test_offsets_map_back_to_the_original() -> None:
    raw = "“We don’t have\u00a0access…” said Xie\u200b Yinan."
    n = normalize(raw)
    i = n.text.index("don't have access")
    start, end = n.to_original(i, i + len("don't have access"))
    assert raw[start:end] == "don’t have\u00a0access"
    j = n.text.index("xie yinan")
    start, end = n.to_original(j, j + len("xie yinan"))
    assert raw[start:end] == "Xie\u200b Yinan"


def test_ellipsis_expansion_maps_to_whole_character() -> None:
    n = normalize("so…")
    assert n.text == "so..."
    assert n.to_original(2, 5) == (2, 3)
    assert n.to_original(3, 4) == (2, 3)


def test_steps_can_be_chosen_and_unknown_steps_fail() -> None:
    assert normalize("“Hi”", steps=["quotes"]).text == '"Hi"'
    assert normalize("“Hi”", steps=["case"]).text == "“hi”"
    with pytest.raises(InvalidInputError, match="unknown normalisation steps"):
        normalize("x", steps=["nonsense"])


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="decode it first"):
        normalize(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be str"):
        normalize(None)  # type: ignore[arg-type]
    n = normalize("lone \ud800 surrogate and NUL\x00 here")
    assert n.original == "lone \ud800 surrogate and NUL\x00 here"
    assert "\x00" not in n.text


def test_out_of_range_span_is_an_error() -> None:
    with pytest.raises(InvalidInputError):
        normalize("abc").to_original(2, 9)


def test_tokenize_words_numbers_cjk() -> None:
    toks = tokenize("Megvii's co-founder said 1,000.5 units, 30% more—印奇说")
    assert [t.text for t in toks] == [
        "Megvii's",
        "co-founder",
        "said",
        "1,000.5",
        "units",
        "30%",
        "more",
        "印",
        "奇",
        "说",
    ]
    assert [t.kind for t in toks][-3:] == ["cjk", "cjk", "cjk"]
    text = "Megvii's co-founder said 1,000.5 units, 30% more—印奇说"
    assert all(text[t.start : t.end] == t.text for t in toks)


texts = st.text(
    alphabet=st.sampled_from(list("abc XYZ.,'’“”«»–—…\u00a0\u200b\u00ad\n-éﬁ印奇\u0301")),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@settings(max_examples=300, deadline=None)
@given(texts)
def test_steps_replay(text: str) -> None:
    n = normalize(text)
    assert set(n.steps) <= set(STEPS)
    assert normalize(text, steps=n.steps).text == n.text
    assert n.replay().text == n.text


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_spans_map_inside_the_original_in_order(text: str, data: st.DataObject) -> None:
    n = normalize(text)
    a = data.draw(st.integers(0, len(n.text)))
    b = data.draw(st.integers(a, len(n.text)))
    start, end = n.to_original(a, b)
    assert 0 <= start <= end <= len(text)
    previous = 0
    for i in range(len(n.text) + 1):
        o = n.start_to_original(i)
        assert previous <= o <= len(text)
        previous = o


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_tokens_index_their_text(text: str) -> None:
    for t in tokenize(text, punctuation=True):
        assert text[t.start : t.end] == t.text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab -\n\t\r\f\v\u00a0\u200b\u00ad")), max_size=30))
def test_line_breaks_fold_the_same_on_the_fast_and_the_slow_path(text: str) -> None:
    # A hyphen before a line break anywhere sends normalize down its slower path
    # (the break must stay visible); both paths fold everything else alike.
    slow = normalize("a-\nb." + text)
    fast = normalize(text)
    assert slow.text == "ab." + fast.text
    assert slow.to_original(3, len(slow.text)) == tuple(x + 5 for x in fast.to_original(0, len(fast.text)))


_FOLDABLE = list("aB c.,;'\"-`´‘’‚‛‹›“”„«»「」＂–—―−‐\t\n\r\f\v\x85\u00a0\u2009\u3000\u2028")
_OTHERS = list("…\u200b\u00ad\u0301éﬁ印\x07 ")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_FOLDABLE + _OTHERS), max_size=40))
def test_the_one_for_one_fast_path_agrees_with_the_general_folding(text: str) -> None:
    # normalize() folds texts of ASCII, quote and dash glyphs and lone spaces
    # with one str.translate; naming every step sends it down the general path.
    fast = normalize(text)
    general = normalize(text, steps=STEPS)
    assert (fast.text, fast.steps) == (general.text, general.steps)
    for i in range(len(fast.text) + 1):
        assert fast.start_to_original(i) == general.start_to_original(i)
        assert fast.end_to_original(i) == general.end_to_original(i)


def test_curly_quotes_and_dashes_fold_without_moving_offsets() -> None:
    text = "“We don’t have access to the data” — Xie Yinan\u00a0said.\nThat’s all."
    n = normalize(text)
    assert n.text == "\"we don't have access to the data\" - xie yinan said. that's all."
    assert n.steps == ("quotes", "dashes", "whitespace", "case")
    start, end = n.to_original(1, 8)
    assert text[start:end] == "We don’"


def _reference_tokens(text: str, punctuation: bool) -> list[tuple[int, int, str, str]]:
    """The tokens as one finditer over the whole text finds them (the definition)."""
    from quoteverify._tokens import ASCII_TOKEN, TOKEN

    pattern = ASCII_TOKEN if text.isascii() else TOKEN
    out = []
    for m in pattern.finditer(text):
        kind = m.lastgroup or "punct"
        if kind != "punct" or punctuation:
            out.append((m.start(), m.end(), m.group(), kind))
    return out


_TOKEN_TEXT = st.text(
    alphabet=st.sampled_from(list("ab Z09-+−.,:/%'’‐\n\t!?é印奇\u0301\u200b")), max_size=60
)


@settings(max_examples=400, deadline=None)
@given(_TOKEN_TEXT, st.booleans())
def test_tokens_are_the_tokens_one_scan_finds(text: str, punctuation: bool) -> None:
    toks = tokenize(text, punctuation=punctuation)
    expected = _reference_tokens(text, punctuation)
    assert [(t.start, t.end, t.text, t.kind) for t in toks] == expected
    assert len(toks) == len(expected)
    assert toks == [Token(*e) for e in expected]
    if expected:
        assert toks[-1] == Token(*expected[-1])
        assert toks[1:] == [Token(*e) for e in expected[1:]]


def test_tokenize_cuts_long_texts_into_chunks_without_changing_tokens() -> None:
    from quoteverify import normalization

    text = "Xie Yinan said -5 servers, 1,000.5 units; 30% more. 印奇说：“没有。” " * 6000
    assert len(text) > normalization._TOKEN_CHUNK
    for punctuation in (False, True):
        toks = tokenize(text, punctuation=punctuation)
        assert [(t.start, t.end, t.text, t.kind) for t in toks] == _reference_tokens(
            text, punctuation
        )
