"""locate() and locate_all(): tiers, fragments, brackets, CJK, ambiguity, offsets, a brute-force reference."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from quoteverify import InvalidInputError, Source, Span, locate, locate_all, normalize
from quoteverify._locator import _INDEX_WORD, _SPLIT_ASCII_WORDS, _SPLIT_WORDS
from quoteverify._text import GAP_SENTENCE_END
from quoteverify.location import index_source, split_fragments

INTERVIEW = (
    "Asked about the company's work with police, Xie Yinan, Megvii's vice president, was blunt. "
    "“We don’t have access to the data,” he said. “What we do is sell them a server. That’s all.” "
    "He added that the company had 3,000 customers in government and would never sell to the military "
    "unless the law required it. Later he said the technology is definitely not to blame for abuses."
)


def check_offsets(src: Source, loc: object) -> None:
    from quoteverify import Location

    assert isinstance(loc, Location)
    assert src.text[loc.start : loc.end] == loc.text
    for f in loc.fragments:
        assert src.text[f.start : f.end] == f.text


def test_exact_and_normalized_hits_are_word_exact() -> None:
    src = Source(INTERVIEW)
    loc = locate("What we do is sell them a server.", src)
    assert loc is not None
    assert loc.text == "What we do is sell them a server"
    assert loc.method == "exact"
    loc = locate('"We don\'t have access to the data,"', src)
    assert loc is not None
    assert loc.text == "We don’t have access to the data"
    assert loc.method == "normalized"
    check_offsets(src, loc)


def test_word_boundaries_are_respected() -> None:
    src = Source("The database is not the data we hold.")
    loc = locate("the data we hold", src)
    assert loc is not None and loc.start == src.text.index("the data we")


def test_fuzzy_hit_spans_the_source_words() -> None:
    src = Source(INTERVIEW)
    loc = locate("the company had 300 customers in government and would sell to the military", src)
    assert loc is not None
    assert loc.method == "seeded"
    assert (
        loc.text
        == "the company had 3,000 customers in government and would never sell to the military"
    )
    check_offsets(src, loc)


def test_replaced_first_word_at_a_sentence_start_is_inside_the_span() -> None:
    src = Source("He paused. Technology is definitely not to blame for any of it.")
    loc = locate("Science is definitely not to blame for any of it", src)
    assert loc is not None
    assert loc.text == "Technology is definitely not to blame for any of it"


def test_absent_quote_is_none() -> None:
    assert locate("The weather in Beijing was mild and sunny all week", INTERVIEW) is None


@pytest.mark.parametrize("mark", ["...", "…", "[...]", "[…]", ". . .", " ... "])
def test_ellipsis_forms_split_into_fragments(mark: str) -> None:
    src = Source(INTERVIEW)
    quote = f"We don't have access to the data{mark}sell them a server"
    loc = locate(quote, src)
    assert loc is not None
    assert [f.text for f in loc.fragments] == [
        "We don’t have access to the data",
        "sell them a server",
    ]
    assert [q.text.strip() for q in loc.quote_fragments][1] == "sell them a server"
    assert loc.in_order
    assert loc.gaps[0].words == 6 and loc.gaps[0].sentences == 1
    check_offsets(src, loc)


def test_out_of_order_fragments_are_found_and_flagged() -> None:
    src = Source(INTERVIEW)
    loc = locate("sell them a server ... We don't have access to the data", src)
    assert loc is not None and not loc.in_order
    assert loc.fragments[0].text == "sell them a server"
    check_offsets(src, loc)


def test_splice_without_ellipsis_is_split() -> None:
    src = Source(INTERVIEW)
    loc = locate(
        "We don't have access to the data, the technology is definitely not to blame for abuses",
        src,
    )
    assert loc is not None
    assert loc.unmarked_splice
    assert len(loc.fragments) == 2
    check_offsets(src, loc)


def _direct_gap(src: Source, a: Span, b: Span) -> tuple[int, int, int]:
    """A gap counted by reading the source between two fragments (the slow reference).

    Words and sentence ends are those of the matching form (``That’s all.”``
    is one word, then a sentence end), as in the index.
    """
    first, second = (a, b) if a.end <= b.start else (b, a)
    between = src.text[first.end : second.start]
    folded = normalize(between).text
    return len(between), len(_INDEX_WORD.findall(folded)), len(GAP_SENTENCE_END.findall(folded))


def test_a_splice_of_far_apart_passages_counts_its_gap_without_reading_it() -> None:
    # The gap is counted in the index: joining the first and last sentences
    # of a long source costs no more than joining neighbours (a source of a
    # few MB took a tenth of a second per such quote when the gap was read).
    filler = " ".join(
        f"Paragraph {i} of the filing lists the customers in region {i}, and nothing else."
        for i in range(3000)
    )
    src = Source(f"{INTERVIEW} {filler} The board said the audit found no transfer of data.")
    loc = locate("We don't have access to the data ... the audit found no transfer of data", src)
    assert loc is not None and len(loc.fragments) == 2
    gap = loc.gaps[0]
    assert (gap.characters, gap.words, gap.sentences) == _direct_gap(src, *loc.fragments)
    assert gap.sentences > 3000
    check_offsets(src, loc)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Yin Qi said so.",
                "The data stays local!",
                "Why?",
                "“Not us,” he said.",
                "e.g. 3,000 units",
                "That’s all.”",
            ]
        ),
        min_size=0,
        max_size=12,
    )
)
def test_gaps_equal_a_direct_count_of_what_lies_between(middle: list[str]) -> None:
    src = Source(
        "We don’t have access to the data, he said. "
        + " ".join(middle)
        + " What we do is sell them a server."
    )
    loc = locate("We don't have access to the data ... sell them a server", src)
    assert loc is not None and len(loc.fragments) == 2
    gap = loc.gaps[0]
    assert (gap.characters, gap.words, gap.sentences) == _direct_gap(src, *loc.fragments)


def test_editorial_brackets_and_sic() -> None:
    src = Source(INTERVIEW)
    loc = locate("[Megvii doesn't] have access to the data", src)
    assert loc is not None and loc.text.endswith("have access to the data")
    loc = locate("What we do is sell them [sic] a server", src)
    assert loc is not None and loc.text == "What we do is sell them a server"


def test_brackets_really_in_the_source_match_as_text() -> None:
    src = Source("The transcript reads: [crosstalk] we sell servers, nothing more.")
    loc = locate("[crosstalk] we sell servers", src)
    assert loc is not None and "we sell servers" in loc.text


def test_cjk_quotes_without_spaces() -> None:
    src = Source("印奇在会上说：「技术本身绝对没有错。」随后离开。")
    loc = locate("技术本身绝对没有错", src)
    assert loc is not None and loc.text == "技术本身绝对没有错"
    loc = locate("技术本身绝对有错", src)
    assert loc is not None and loc.text.startswith("技术本身绝对")
    check_offsets(src, loc)


def test_short_repeated_quote_is_ambiguous_with_all_occurrences() -> None:
    src = Source("Thank you. Thank you very much. Thank you, everyone.")
    loc = locate("thank you", src)
    assert loc is not None and loc.ambiguous
    assert [o.start for o in loc.occurrences] == [0, 11, 32]
    assert len(locate_all("thank you", src)) == 3


def test_index_is_built_once_per_source() -> None:
    src = Source(INTERVIEW)
    first = index_source(src)
    locate("sell them a server", src)
    assert index_source(src) is first


def test_split_fragments_drops_empty_edges() -> None:
    assert [f.text for f in split_fragments("... we sell servers ...")] == [" we sell servers "]


@pytest.mark.parametrize("bad", ["", "   ", "\u200b\u200b", "...", "[...]"])
def test_empty_quotes_are_invalid(bad: str) -> None:
    with pytest.raises(InvalidInputError):
        locate(bad, INTERVIEW)


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match="decode"):
        locate(b"We sell", INTERVIEW)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        locate(None, INTERVIEW)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="decode"):
        locate("We sell", b"bytes")  # type: ignore[arg-type]


def test_hostile_sources_return_promptly() -> None:
    one_word = Source("data " * 200_000)
    loc = locate("data data data", one_word)
    assert loc is not None and loc.ambiguous
    assert locate("we sell servers to police", one_word) is None
    line = Source(("lorem ipsum dolor sit amet " * 80_000) + "We sell them a server.")
    loc = locate("we sell them a server", line)
    assert loc is not None and loc.text == "We sell them a server"
    odd = Source("te\u0301\u0301\u0301st \u202ebidi\u202c NUL\x00 \ud800 we sell them a server")
    loc = locate("we sell them a server", odd)
    assert loc is not None
    check_offsets(odd, loc)


# --- properties -------------------------------------------------------------------------

WORDS = [
    "we",
    "sell",
    "them",
    "a",
    "server",
    "data",
    "Megvii",
    "police",
    "never",
    "not",
    "the",
    "access",
    "blame",
    "technology",
    "is",
    "of",
    "city",
    "cameras",
]
sources = st.lists(st.sampled_from(WORDS), min_size=3, max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(sources, st.data())
def test_any_word_substring_is_found_verbatim_at_an_equal_occurrence(
    text: str, data: st.DataObject
) -> None:
    words = text.split()
    i = data.draw(st.integers(0, len(words) - 3))
    j = data.draw(st.integers(i + 3, len(words)))
    quote = " ".join(words[i:j])
    src = Source(text)
    loc = locate(quote, src)
    assert loc is not None
    assert loc.text == quote  # the same words (this or an equal occurrence)
    check_offsets(src, loc)
    expected = len(" ".join(words[:i])) + (1 if i else 0)
    starts = [loc.start] + [o.start for o in loc.occurrences]
    assert expected in starts or text.count(quote) > len(starts)


def _brute_force(quote: str, text: str) -> tuple[float, int, int]:
    q = quote.lower().split()
    words = text.lower().split()
    best = (0.0, 0, 0)
    for a in range(len(words)):
        for b in range(a + 1, min(len(words), a + 2 * len(q)) + 1):
            score = Indel.normalized_similarity(q, words[a:b])
            if score > best[0] + 1e-9:
                best = (score, a, b)
    return best


@settings(max_examples=150, deadline=None)
@given(sources, st.data())
def test_fast_locator_agrees_with_brute_force(text: str, data: st.DataObject) -> None:
    words = text.split()
    assume(len(words) >= 8)
    i = data.draw(st.integers(0, len(words) - 6))
    q = words[i : i + 6]
    k = data.draw(st.integers(1, 4))
    q = q[:k] + q[k + 1 :]  # one word dropped: a fuzzy hit
    quote = " ".join(q)
    score, a, b = _brute_force(quote, text)
    loc = locate(quote, Source(text))
    if score >= 0.85:
        assert loc is not None
        # the found span overlaps the reference's best span (in words)
        found_a = len(text[: loc.start].split())
        found_b = found_a + len(loc.text.split())
        # The reference's place, or one the locator's own measure rates as
        # good (words matched over the longer of quote and span): in text of
        # a few repeated words two places can tie, and either is right.
        here = locate(quote, Source(" ".join(text.split()[a:b])))
        assert (
            min(found_b, b) > max(found_a, a)
            or loc.ambiguous
            or text.lower().count(" ".join(q[:2])) > 1
            or (here is not None and loc.score >= here.score - 1e-6)
        )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09 .,'-_\t\n!")), max_size=40))
def test_ascii_and_unicode_word_splits_agree(text: str) -> None:
    # The index splits ASCII text with plain ASCII classes; the words must be the
    # ones the general pattern finds, so quotes and sources always tokenise alike.
    assert _SPLIT_ASCII_WORDS.split(text) == _SPLIT_WORDS.split(text)


@settings(max_examples=200, deadline=None)
@given(sources, st.sampled_from([2, 6, 0x10FFFE]))
def test_a_lazy_index_counts_and_places_every_word_as_the_full_one(
    text: str, overflow: int
) -> None:
    # An archive's sources get a lazy index (SourceIndex.coded: places found
    # when first asked); every word's count and places must be those of the
    # full index, with the code space shrunk too (words sharing the last code).
    from quoteverify import _locator

    old = _locator._OVERFLOW
    _locator._OVERFLOW = overflow
    try:
        norm = normalize(text)
        full = _locator.SourceIndex(norm)
        lazy = _locator.SourceIndex.coded(norm, full.codes, full.starts, full.vocab)
        assert full.unknown not in lazy.codes and lazy.unknown not in lazy.codes
        every = "".join(full.vocab.values()) + full.unknown
        assert lazy.frequencies(every[::-1]) == full.frequencies(every[::-1])
        for c in full.vocab.values():
            assert list(lazy.postings_of_code(c)) == list(full.postings_of_code(c))
        assert not lazy.postings_of_code(full.unknown)
        for w in full.vocab:
            assert lazy.frequency(w) == full.frequency(w) == full.codes.count(full.vocab[w])
        if overflow < len(full.vocab):
            return  # (shared codes: an archive never makes a coded index of them)
        quote = " ".join(text.split()[1:7])
        src_full, src_lazy = Source(text), Source(text)
        src_full.cached("index", lambda: full)
        src_lazy.cached("index", lambda: lazy)
        assert locate(quote, src_lazy) == locate(quote, src_full)
    finally:
        _locator._OVERFLOW = old


def test_a_vocabulary_past_the_code_space_still_locates_correctly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Word codes are characters; past about a million distinct words the rest
    # share one code. Shrink that limit to see the shared code at work.
    from quoteverify import _locator

    monkeypatch.setattr(_locator, "_OVERFLOW", 6)
    src = Source(
        "Yin Qi said the company sells servers. Xie Yinan said: we don't have access "
        "to the data, what we do is sell them a server, that's all."
    )
    index = index_source(src)
    assert max(map(ord, index.codes)) == 6  # later words share the last code
    loc = locate("we don't have access to the data", src)
    assert loc is not None and loc.method == "exact"
    assert loc.text == "we don't have access to the data"
    typo = locate("we do not have acess to the data, what we do is sell them a server", src)
    # Found, at the right passage; words sharing a code may move an edge by a word.
    assert typo is not None and "have access to the data" in typo.text
    assert typo.text.endswith("sell them a server")
    assert src.text[typo.start : typo.end] == typo.text
    assert locate("quarterly revenue grew by twelve percent in Shanghai", src) is None


def test_a_quote_whose_rare_words_are_not_at_its_place_is_still_found() -> None:
    # "do" and "not" occur all over the source but never where the quote is
    # ("don't"); only a wider round of seed words reaches "access" and "data".
    interview = (
        "XIE YINAN: We don't have access to the data. What we do is sell them a server.\n"
        "YIN QI: Technology is definitely not to blame. People decide how it is used.\n"
    ) * 200
    src = Source(interview)
    loc = locate("We do not have access to the data", src)
    assert loc is not None
    assert loc.text == "We don't have access to the data"
    assert loc.ambiguous
    check_offsets(src, loc)
