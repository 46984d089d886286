"""The shared text conventions (quoteverify._text): one sentence-end rule, one quote-mark table.

Each module used to keep its own copy, and the copies disagreed (issue 12): these tests hold the
cases where they did, and a property that the modules now split sentences the same way.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import quoteverify as qv
from quoteverify import _speech, _text, drift, extraction


def _truncations(source_text: str) -> list[tuple[str, str]]:
    v = qv.verify("Smith will close the plant", qv.Source(source_text))
    return [(f.kind, f.severity) for f in v.drift.findings if f.kind == "truncation"]


def test_a_title_before_the_quote_does_not_end_the_sentence() -> None:
    plain = _truncations("It is false that Smith will close the plant.")
    titled = _truncations("It is false that Dr. Smith will close the plant.")
    assert plain == [("truncation", "serious")]
    assert titled == plain


def test_full_width_quotation_marks_hold_embedded_speech() -> None:
    def embedded(opening: str, closing: str) -> list[str]:
        src = qv.Source.from_transcript(
            f"XIE YINAN: As critics put it, {opening}Megvii sells cameras to anyone who pays."
            f"{closing} That is simply wrong.\n"
        )
        return [e.span.text for t in src.turns for e in t.embedded]

    curly = embedded("“", "”")
    assert curly == ["Megvii sells cameras to anyone who pays."]
    assert embedded("＂", "＂") == curly
    assert embedded("«", "»") == curly


def test_every_title_strips_from_the_story_speaker() -> None:
    for title in ("Senator", "Premier", "Rabbi", "Imam", "Sheikh", "Reverend"):
        quotes = qv.extract_quotes(
            f'"We will open the markets further," said {title} Li Qiang on Tuesday.'
        )
        assert [q.speaker.name for q in quotes if q.speaker] == ["Li Qiang"], title


def test_the_quote_tables_are_the_shared_one() -> None:
    assert _speech._PAIRS is _text.QUOTE_PAIRS
    assert _speech._AMBIGUOUS is _text.AMBIGUOUS_MARKS


_WORDS = st.sampled_from(
    ["the", "plant", "will", "close", "Smith", "Dr.", "Mr.", "U.S.", "J.", "No.", "said", "it",
     "workers", "2024", "“we", "go”", "(again)", "St."]
)
_ENDS = st.sampled_from([".", "?", "!", ".”", "?’", "。", "\n\n"])
_SENTENCE = st.builds(lambda ws, end: " ".join(ws) + end, st.lists(_WORDS, min_size=1, max_size=8), _ENDS)


@given(st.lists(_SENTENCE, min_size=1, max_size=6))
def test_modules_split_sentences_alike(sentences: list[str]) -> None:
    text = " ".join(sentences)
    # extraction's layout (no quotations given, so none is skipped), drift's context window and
    # the shared rule must agree on where every sentence starts.
    layout = extraction._Layout(text, [])
    for pos in range(len(text)):
        if text[pos].isspace():
            continue  # the spaces after a sentence end belong to neither side
        shared = _text.sentence_start(text, pos)
        assert drift._sentence_start(text, pos, 0) == shared
        lay = layout.sentence_start(pos)
        while lay < pos and text[lay].isspace():
            lay += 1
        assert lay == shared, (text, pos)


@given(st.text(alphabet=st.sampled_from("ab .?!“”\"'＂«»「」\n"), max_size=60))
def test_sentence_bounds_index_the_text(text: str) -> None:
    for pos in range(len(text) + 1):
        start = _text.sentence_start(text, pos)
        end = _text.sentence_end(text, pos, len(text))
        assert 0 <= start <= max(pos, 0)
        assert pos <= end <= len(text)
