"""The quote-mark scanner is driven by one table (``_text.MARK_RULES``); these tests hold the
table to the quote-mark families and pairs, and the scanner to every pair in running text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quoteverify import _quotemarks, _text, extract_quotes

_PAIRS = [(o, c) for o, closers in _text.QUOTE_PAIRS.items() for c in closers]


def test_every_rule_names_known_families_and_conditions() -> None:
    for mark, steps in _text.MARK_RULES.items():
        for action, families, condition in steps:
            assert action in {"open", "close", "restart", "skip"}, mark
            assert set(families) <= set(_text.QUOTE_FAMILIES), (mark, families)
            _quotemarks._condition(condition)  # raises on an unknown condition
            if action in {"open", "restart"}:
                openers = _text.QUOTE_FAMILIES[families[0]][0]
                assert mark in openers, (mark, families)
            if action == "close":
                assert any(mark in _text.QUOTE_FAMILIES[f][1] for f in families), (mark, families)


def test_a_bad_condition_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown mark rule condition"):
        _quotemarks._condition("opener & !sideways")
    with pytest.raises(ValueError, match="mixes"):
        _quotemarks._condition("opener & closer | always")


@pytest.mark.parametrize(("opener", "closer"), _PAIRS)
def test_every_quote_pair_is_read_by_the_scanner(opener: str, closer: str) -> None:
    text = f"The minister said, {opener}We will stay the course.{closer} Then she left."
    found = _quotemarks.scan_quotations(text)
    assert [text[a:b] for q in found for a, b in q.parts] == ["We will stay the course."]
    [q] = found
    assert text[q.open_at] == opener and text[q.close_at - 1] == closer


@pytest.mark.parametrize(("opener", "closer"), _PAIRS)
def test_every_quote_pair_gives_the_story_speaker(opener: str, closer: str) -> None:
    story = f"{opener}We will stay the course,{closer} said Jane Doe, the finance minister."
    quotes = extract_quotes(story)
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("We will stay the course,", "Jane Doe")
    ]


_PIECES = st.sampled_from(
    ["we", "don't", "students' ", "'90s", " ", "\n", "\n\n", ",", "12", *_text.MARK_RULES]
)


@given(st.lists(_PIECES, max_size=40))
def test_quotations_index_the_text_and_nest_in_order(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = _quotemarks.scan_quotations(text)
    for q in found:
        assert 0 <= q.open_at < q.close_at <= len(text)
        assert text[q.open_at] in _text.MARK_RULES
        assert text[q.close_at - 1] in _text.MARK_RULES
        for a, b in q.parts:
            assert q.open_at < a < b < q.close_at
            assert not text[a].isspace() and not text[b - 1].isspace()
