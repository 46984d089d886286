"""The archive: same answers as verify over a list, persistence, incremental changes, faults."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quoteverify as qv
import quoteverify.archive as archive_module
from quoteverify.archive import (
    ArchiveLockedError,
    CorruptArchiveError,
    DuplicateSourceError,
    IncompatibleArchiveError,
    _at_least,
    _block_bits,
    _block_ids,
    _blocks_blob,
)
from quoteverify.errors import InvalidInputError
from quoteverify.location import find_paraphrase

STATEMENTS = [
    "We don't have access to the data. What we do is sell them a server. That's all.",
    "The council will not raise fares this year, the mayor said on Tuesday.",
    "Technology is definitely not to blame. People decide how it is used.",
    "Our cameras are installed in train stations, not in people's homes.",
    "The budget gap is 40 million dollars and we will close it by March.",
    "Nobody at the company had seen the report before it was published.",
]


def answer(v: qv.Verification) -> tuple[object, ...]:
    """What must agree between the archive and the list: best match, fidelity, attribution."""
    loc = v.location
    return (
        v.fidelity,
        None if v.source is None else (v.source.text, v.source.title),
        None if loc is None else (loc.start, loc.end, loc.method, loc.score),
        None if v.attribution is None else (v.attribution.status, v.attribution.speaker),
        round(v.confidence or 0.0, 6),
    )


# --------------------------------------------------------------------------- same answers

WORDS = [
    "we",
    "do",
    "not",
    "have",
    "access",
    "to",
    "the",
    "data",
    "sell",
    "them",
    "a",
    "server",
    "council",
    "will",
    "raise",
    "fares",
    "mayor",
    "said",
    "budget",
    "gap",
    "million",
    "dollars",
    "close",
    "it",
    "by",
    "march",
    "nobody",
    "company",
    "report",
    "technology",
    "blame",
    "people",
    "decide",
    "cameras",
    "stations",
    "homes",
    "year",
]

sentences = st.lists(st.sampled_from(WORDS), min_size=4, max_size=14).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
texts = st.lists(sentences, min_size=1, max_size=4).map(" ".join)


@st.composite
def archives_and_quotes(draw: st.DrawFn) -> tuple[list[qv.Source], str]:
    """A few sources (random word salad and real sentences) and a quote: from one, edited, or not."""
    bodies = draw(st.lists(st.one_of(texts, st.sampled_from(STATEMENTS)), min_size=1, max_size=6,
                           unique=True))
    speaker = st.one_of(st.none(), st.sampled_from(["Xie Yinan", "Yin Qi"]))
    sources = [
        qv.Source(b, title=f"s{i}", speaker=None if (s := draw(speaker)) is None else qv.Speaker(s))
        for i, b in enumerate(bodies)
    ]
    base = draw(st.sampled_from(bodies)).split()
    i = draw(st.integers(0, max(0, len(base) - 4)))
    words = base[i : i + draw(st.integers(3, 12))]
    edit = draw(st.sampled_from(["none", "drop", "swap", "insert", "other"]))
    if edit == "drop" and len(words) > 3:
        del words[draw(st.integers(0, len(words) - 1))]
    elif edit == "swap":
        words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
    elif edit == "insert":
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(WORDS)))
    elif edit == "other":
        words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=10))
    return sources, " ".join(words)


@settings(max_examples=int(__import__("os").environ.get("QV_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(archives_and_quotes(), st.sampled_from([None, "Xie Yinan"]))
def test_archive_gives_the_same_answer_as_the_list(
    case: tuple[list[qv.Source], str], speaker: str | None
) -> None:
    sources, quote = case
    archive = qv.Archive(":memory:")
    archive.add_many(sources, skip_duplicates=True)
    assert answer(archive.verify(quote, speaker=speaker)) == answer(
        qv.verify(quote, sources, speaker=speaker)
    )


def test_sources_left_out_cannot_match() -> None:
    archive = qv.Archive(":memory:")
    sources = [qv.Source(t, title=str(i)) for i, t in enumerate(STATEMENTS)]
    archive.add_many(sources)
    quote = "we will close the budget gap by March"
    kept = {s.text for s in archive.candidates(quote)}
    for src in sources:
        if src.text not in kept:
            assert qv.locate(quote, src) is None
    assert any("budget gap" in t for t in kept)



long_texts = st.lists(sentences, min_size=1, max_size=14).map(" ".join)


@st.composite
def sources_and_hard_quotes(draw: st.DrawFn) -> tuple[list[qv.Source], str]:
    """Sources long enough for several blocks, and a quote that may be edited, cut in two and
    joined (a splice), shortened with an ellipsis, or shuffled (a paraphrase)."""
    bodies = draw(st.lists(st.one_of(long_texts, st.sampled_from(STATEMENTS)), min_size=1,
                           max_size=5, unique=True))
    sources = [qv.Source(b, title=f"s{i}") for i, b in enumerate(bodies)]
    words = " ".join(bodies).split()

    def piece() -> list[str]:
        i = draw(st.integers(0, max(0, len(words) - 3)))
        return words[i : i + draw(st.integers(2, 12))]

    quote = piece()
    how = draw(st.sampled_from(["edit", "splice", "ellipsis", "shuffle", "as is"]))
    if how == "edit" and len(quote) > 2:
        quote[draw(st.integers(0, len(quote) - 1))] = draw(st.sampled_from(WORDS))
    elif how == "splice":
        quote += piece()
    elif how == "ellipsis":
        quote += ["...", *piece()]
    elif how == "shuffle":
        quote = draw(st.permutations(quote))
    return sources, " ".join(quote)


@settings(max_examples=int(__import__("os").environ.get("QV_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(sources_and_hard_quotes())
def test_no_source_the_locator_can_match_is_left_out(case: tuple[list[qv.Source], str]) -> None:
    """The block index and the word-place bounds only ever over-estimate: every source in which
    the locator finds the quote (or a paraphrase of it) is a candidate."""
    sources, quote = case
    archive = qv.Archive(":memory:")
    archive.add_many(sources, skip_duplicates=True)
    kept = {s.text for s in archive.candidates(quote)}
    for src in sources:
        if qv.locate(quote, src) is not None or find_paraphrase(quote, src) is not None:
            assert src.text in kept, src.text


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(long_texts, st.sampled_from(STATEMENTS),
                          st.text(alphabet="ab cé’“”…-—\n印奇1,.", max_size=80)),
                min_size=1, max_size=4))
def test_an_index_from_stored_words_is_the_locators_own(bodies: list[str]) -> None:
    """The index an archive gives a source (its own word codes, places found when asked, or
    renumbered for a large source) holds the same words, counts and places as the locator's."""
    from quoteverify import _locator
    from quoteverify.normalization import normalize

    for lazy_below in (archive_module._LAZY_WORDS, 0):  # (0: every source renumbered, eager)
        archive_module._LAZY_WORDS = lazy_below
        try:
            archive = qv.Archive(":memory:")
            archive.add_many([qv.Source(b) for b in bodies if b.strip()], skip_duplicates=True)
            ids = [r[0] for r in archive._db.execute("SELECT id FROM sources")]
            loaded = archive._load(ids, indexed=True)
        finally:
            archive_module._LAZY_WORDS = 1 << 18
        for src in loaded:
            got = _locator.index_source(src)
            want = _locator.SourceIndex(normalize(src.text))
            assert got.starts == want.starts
            assert set(got.vocab) == set(want.vocab)
            # the same word at every place, whatever its code
            assert [got.words_by_id[ord(c)] for c in got.codes] == [
                want.words_by_id[ord(c)] for c in want.codes]
            assert got.unknown not in got.codes
            for w in want.vocab:
                assert got.frequency(w) == want.frequency(w), w
                assert list(got.postings(w)) == list(want.postings(w)), w
            for q in (src.text[:60], " ".join(src.text.split()[2:9])):
                try:
                    expected = qv.locate(q, qv.Source(src.text))
                except InvalidInputError:
                    continue  # (no words to look for)
                assert qv.locate(q, src) == expected


@settings(max_examples=int(__import__("os").environ.get("QV_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=3), st.lists(texts, min_size=1, max_size=3),
       st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_a_loaded_sources_words_are_its_own_after_look_ups_and_adds(
    before: list[str], after: list[str], asked: list[str]
) -> None:
    """A loaded source answers "which code has this word here" from the archive's shared look-ups
    (filled by a quote's words) instead of its own table: the same answers as its own table,
    also for a word the archive lacked when it was looked up and a later add brought, and
    after the archive is closed."""
    from quoteverify import _locator
    from quoteverify.normalization import normalize

    archive = qv.Archive(":memory:")
    archive.add_many([qv.Source(b) for b in before], skip_duplicates=True)
    # The shared look-ups learn these words, present or not ("zebra" and "okapi": not yet).
    archive.verify(" ".join([*asked, "zebra", "okapi", "quagga"]))
    late = [f"{b} {' '.join(asked)} zebra okapi." for b in after]
    archive.add_many([qv.Source(b) for b in late], skip_duplicates=True)
    ids = [r[0] for r in archive._db.execute("SELECT id FROM sources")]
    loaded = archive._load(ids, indexed=True)
    archive.close()
    for src in loaded:
        got = _locator.index_source(src)
        want = _locator.SourceIndex(normalize(src.text))
        for w in [*asked, "zebra", "okapi", "quagga", *want.vocab]:
            assert (w in got.vocab) == (w in want.vocab), w
            assert got.frequency(w) == want.frequency(w), w
            if w in want.vocab:
                assert got.words_by_id[ord(got.vocab[w])] == w
        assert set(got.vocab) == set(want.vocab)


# Text that exercises every rule of the fast split: joiners at edges and in runs, numbers
# touching words, several numbers in one stretch, non-ASCII (the locator's own path).
_SPLIT_PIECES = st.sampled_from(
    [*"ab1 2.,'-\"x9Z_\n\t()é語", "  ", "don't", "1,000", "3.5", "--", "a-b", "'-", "x.", "7,"]
)


@settings(max_examples=int(__import__("os").environ.get("QV_EXAMPLES", "60")) * 20, deadline=None)
@given(st.lists(_SPLIT_PIECES, max_size=40).map("".join))
def test_the_archives_split_is_the_locators(text: str) -> None:
    """The archive's C-speed split gives the locator's words and starts, on any text."""
    from quoteverify import _locator
    from quoteverify.archive import _pack_starts, _split, _unpack_starts
    from quoteverify.normalization import normalize

    for t in (text, normalize(text).text):
        words, packed = _split(t)
        want_words, want_starts = _locator.index_words(t)
        assert words == want_words
        assert _unpack_starts(packed).tolist() == want_starts.tolist()
        assert packed == _pack_starts(want_starts)


_NORMALIZE_PIECES = st.sampled_from(
    [*"aB1 .,'-\n\r\t\u00a0\u2019\u201c\u201d\u2014\u2013\u00e9\u0130\u200b\u00ad\u2026\u00bd",
     "  ", "   ", "\n\n", "-\n", "\u00ad\n", "- \r\n", "e\u0301", "\ufb01", "\u3000", "It"]
)


@settings(max_examples=int(__import__("os").environ.get("QV_EXAMPLES", "60")) * 20, deadline=None)
@given(st.lists(_NORMALIZE_PIECES, max_size=40).map("".join))
def test_normalized_text_is_normalizes_text(text: str) -> None:
    """The text an add splits (``normalized_text``: no offset map) is ``normalize``'s, on any text: plain ASCII,
    runs of spaces, line breaks with and without a hyphen before them, characters that fold
    alone and ones that do not."""
    from quoteverify.normalization import normalize, normalized_text

    assert normalized_text(text) == normalize(text).text


def test_normalized_text_refuses_what_normalize_refuses() -> None:
    from quoteverify.normalization import normalized_text

    with pytest.raises(TypeError, match="decode it first"):
        normalized_text(b"We sell them a server.")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be str"):
        normalized_text(None)  # type: ignore[arg-type]


def test_a_quote_of_more_words_than_the_block_count_holds() -> None:
    """Past 255 content words a quote is counted per source (the word index), not per block."""
    words = ["z" + "".join(chr(97 + (i // 26**k) % 26) for k in range(3)) for i in range(300)]
    sources = [qv.Source(" ".join(words) + ".", title="long"), qv.Source(STATEMENTS[0])]
    archive = qv.Archive(":memory:")
    archive.add_many(sources)
    quote = " ".join([*words[:150], "changed", *words[151:]])
    assert answer(archive.verify(quote)) == answer(qv.verify(quote, sources))
    assert archive.verify(quote).source.title == "long"

def test_check_article_matches_the_list() -> None:
    src = qv.Source.from_transcript(
        "XIE YINAN: We don't have access to the data. What we do is sell them a server."
    )
    other = qv.Source("The council will not raise fares this year, the mayor said.")
    story = (
        'Xie Yinan said: "We do not have access to the data." '
        'The mayor said "the council will raise fares this year".'
    )
    archive = qv.Archive(":memory:")
    archive.add_many([src, other])
    got = archive.check_article(story)
    want = qv.check_article(story, [src, other])
    assert [answer(v) for v in got.verifications] == [answer(v) for v in want.verifications]
    assert got.counts == want.counts


# --------------------------------------------------------------------------- persistence


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "news.qva"
    transcript = qv.Source.from_transcript(
        "Q: Do you see the data?\nXIE YINAN: We don't have access to the data.",
        title="interview",
        published=dt.date(2019, 4, 2),
    )
    plain = qv.Source(STATEMENTS[1], title="fares", url="https://example.org/fares",
                      speaker=qv.Speaker("Ana Ruiz", roles=("mayor",)))
    with qv.Archive(path) as archive:
        assert archive.add(transcript, key="t") == "t"
        archive.add(plain, key="p")
    with qv.Archive(path, readonly=True) as archive:
        assert archive.keys() == ["t", "p"]
        back = archive.get("t")
        assert back.text == transcript.text
        assert back.published == dt.date(2019, 4, 2)
        assert [(t.start, t.end, t.speaker and t.speaker.name) for t in back.turns] == [
            (t.start, t.end, t.speaker and t.speaker.name) for t in transcript.turns
        ]
        p = archive.get("p")
        assert (p.url, p.speaker, p.title) == (plain.url, plain.speaker, plain.title)
        v = archive.verify("We do not have access to the data", speaker="Xie Yinan")
        assert answer(v) == answer(
            qv.verify("We do not have access to the data", [transcript, plain], speaker="Xie Yinan")
        )
        assert archive.info()["sources"] == 2
        with pytest.raises(qv.ArchiveError, match="read-only"):
            archive.add(qv.Source("more"))


def test_every_transcript_layout_keeps_its_turns_through_a_file(tmp_path: Path) -> None:
    # Briefings, Rev and Otter exports, the Congressional Record...: whatever --source reads,
    # the archive keeps with the same turns, and answers as the list does.
    from quoteverify.sources import parse_auto

    folder = Path(__file__).parent / "fixtures" / "layouts"
    sources = {
        f.stem: parse_auto(f.read_text(encoding="utf-8"), title=f.name) for f in sorted(folder.glob("*.txt"))
    }
    assert {"briefing", "otter", "congressional_record", "earnings"} <= set(sources)
    assert len({s.format for s in sources.values()}) >= 6
    path = tmp_path / "layouts.qva"
    with qv.Archive(path) as archive:
        for key, src in sources.items():
            archive.add(src, key=key)
    with qv.Archive(path, readonly=True) as archive:
        for key, src in sources.items():
            back = archive.get(key)
            assert back.format == src.format
            assert [(t.start, t.end, t.speaker and t.speaker.name) for t in back.turns] == [
                (t.start, t.end, t.speaker and t.speaker.name) for t in src.turns
            ], key
        quote = "It will not name individual companies"
        assert answer(archive.verify(quote, speaker="Ms. Abara")) == answer(
            qv.verify(quote, list(sources.values()), speaker="Ms. Abara")
        )


def test_add_remove_replace_and_compact(tmp_path: Path) -> None:
    archive = qv.Archive(tmp_path / "a.qva")
    archive.add(qv.Source(STATEMENTS[0]), key="a")
    archive.add(qv.Source(STATEMENTS[2]), key="b")
    assert archive.verify("technology is definitely not to blame").fidelity is qv.Fidelity.COSMETIC
    archive.remove("b")
    assert "b" not in archive
    assert archive.verify("technology is definitely not to blame").fidelity is qv.Fidelity.NOT_FOUND
    archive.add(qv.Source("Technology is not to blame at all."), key="a", replace=True)
    assert archive.keys() == ["a"]
    assert archive.verify("What we do is sell them a server").fidelity is qv.Fidelity.NOT_FOUND
    assert archive.info()["segments"] == 3
    archive.compact()
    info = archive.info()
    assert (info["segments"], info["removed"], info["sources"]) == (1, 0, 1)
    assert archive.verify("technology is not to blame at all").source.text.startswith("Technology")
    with pytest.raises(KeyError):
        archive.remove("b")


def test_compact_drops_the_blocks_of_removed_sources() -> None:
    archive = qv.Archive(":memory:")
    archive.add_many([("a", qv.Source(STATEMENTS[0])), ("b", qv.Source(STATEMENTS[2])),
                      ("c", qv.Source(STATEMENTS[4]))])
    first, count = archive._db.execute(
        "SELECT block0, blocks FROM sources WHERE key = 'b'").fetchone()

    def blocks_of_b() -> int:
        held = 0
        for n, ids in archive._db.execute("SELECT n, ids FROM blocks"):
            held += sum(first <= b < first + count for b in _block_ids(ids, n))
        return held

    assert blocks_of_b() > 0
    archive.remove("b")
    assert archive.verify("technology is definitely not to blame").fidelity is qv.Fidelity.NOT_FOUND
    archive.compact()
    assert blocks_of_b() == 0
    assert archive.verify("the budget gap is 40 million dollars").source.text == STATEMENTS[4]
    archive.add(qv.Source(STATEMENTS[2]), key="b")  # new blocks, after every earlier one
    assert archive.verify("technology is definitely not to blame").fidelity is qv.Fidelity.COSMETIC

@settings(max_examples=int(__import__("os").environ.get("QV_EXAMPLES", "60")) * 3, deadline=None)
@given(st.sets(st.integers(0, 40_000), max_size=600), st.integers(0, 2**31))
def test_block_lists_and_bitmaps_hold_the_same_blocks(ids: set[int], shift: int) -> None:
    """A word's blocks, stored as ids or as a bitmap (a frequent word), read back exactly."""
    at = sorted(i + shift for i in ids)
    blob = _blocks_blob(at)
    assert _block_bits(blob, len(at)) == sum(1 << i for i in at)
    assert list(_block_ids(blob, len(at))) == at


@settings(max_examples=int(__import__("os").environ.get("QV_EXAMPLES", "60")) * 3, deadline=None)
@given(st.lists(st.integers(0, 2**40), min_size=1, max_size=20), st.integers(1, 21))
def test_at_least_counts_every_bit(masks: list[int], need: int) -> None:
    """The bits set in ``need`` or more masks, by both ways of counting (few and many)."""
    got = _at_least(masks, need)
    for b in range(41):
        assert bool(got >> b & 1) == (sum(m >> b & 1 for m in masks) >= need), b


def _council_minutes(meeting: int) -> str:
    """A long council transcript: the words "council" and "budget" in nearly every block."""
    lines = []
    for i in range(90):
        who = ("MAYOR OSEI", "COUNCILLOR RUIZ", "CLERK NADIA BELL")[i % 3]
        lines.append(
            f"{who}: On item {i} of meeting {meeting}, the council heard that the budget for "
            f"road repairs stands at {3 * i + meeting} million dollars, and the vote was put "
            f"off until the finance committee reports back on the bridge."
        )
    return "\n".join(lines)


def test_frequent_words_stored_as_bitmaps_find_the_same_matches_after_merges() -> None:
    archive = qv.Archive(":memory:")
    meetings = {f"m{k}": qv.Source(_council_minutes(k), title=f"meeting {k}") for k in range(4)}
    for key, src in meetings.items():
        archive.add(src, key=key)  # one segment each
    stored = archive._db.execute("SELECT n, length(ids) FROM blocks").fetchall()
    assert any(size != 4 * n for n, size in stored)  # some words are bitmaps
    quote = "the council heard that the budget for road repairs stands at 15 million dollars"
    altered = "the council heard that the budget for road repairs stands at 16 million dollars"

    def same_as_list() -> None:
        kept = archive.keys()
        live = [meetings[k] for k in kept]
        for q in (quote, altered, "the vote was put off until the finance committee reports"):
            got, want = archive.verify(q), qv.verify(q, live)
            assert (got.fidelity, got.source.title, got.location.start) == (
                want.fidelity, want.source.title, want.location.start), q

    same_as_list()
    archive.remove("m0")
    same_as_list()
    archive.compact()  # bitmaps read back as ids, merged, the removed source's blocks dropped
    assert archive.info()["segments"] == 1
    same_as_list()
    first, count = archive._db.execute("SELECT min(block0), max(block0 + blocks) FROM sources").fetchone()
    for n, blob in archive._db.execute("SELECT n, ids FROM blocks"):
        ids = _block_ids(blob, n)
        assert len(ids) == n and all(first <= b < count for b in ids)


def test_many_adds_merge_segments() -> None:
    archive = qv.Archive(":memory:")
    for i in range(40):
        archive.add(qv.Source(f"Statement number {i}: the fares will rise by {i} percent."))
    assert archive.info()["segments"] <= 17
    v = archive.verify("the fares will rise by 17 percent")
    assert v.fidelity is qv.Fidelity.VERBATIM
    assert "number 17:" in v.source.text


# --------------------------------------------------------------------------- faults


def test_a_source_added_twice_is_an_error_or_skipped() -> None:
    archive = qv.Archive(":memory:")
    archive.add(qv.Source(STATEMENTS[0]), key="x")
    with pytest.raises(DuplicateSourceError, match="already in the archive as 'x'"):
        archive.add(qv.Source(STATEMENTS[0]), key="y")
    with pytest.raises(DuplicateSourceError, match="key 'x'"):
        archive.add(qv.Source(STATEMENTS[1]), key="x")
    assert archive.add_many([qv.Source(STATEMENTS[0])], skip_duplicates=True) == ["x"]
    assert len(archive) == 1


@pytest.mark.parametrize("rows_at_a_time", [1, 256])
def test_duplicates_within_the_first_add_of_an_empty_archive(
    monkeypatch: pytest.MonkeyPatch, rows_at_a_time: int
) -> None:
    """The first add into an empty archive finds keys and texts repeated within itself, whether
    the earlier rows are written already (one row at a time) or not."""
    from quoteverify import archive as module

    monkeypatch.setattr(module, "_BODIES_PER_INSERT", rows_at_a_time)
    one, two, three = (qv.Source(t) for t in STATEMENTS[:3])
    with pytest.raises(DuplicateSourceError, match="key 'a'"):
        qv.Archive(":memory:").add_many([("a", one), ("b", two), ("a", three)])
    with pytest.raises(DuplicateSourceError, match="already in the archive as 'a'"):
        qv.Archive(":memory:").add_many([("a", one), ("b", two), ("c", one)])
    archive = qv.Archive(":memory:")
    assert archive.add_many([("a", one), ("b", two), ("c", one)], skip_duplicates=True) == [
        "a", "b", "a"]
    assert archive.keys() == ["a", "b"]
    archive = qv.Archive(":memory:")
    archive.add_many([("a", one), ("b", two), ("a", three)], replace=True)
    assert sorted(archive.keys()) == ["a", "b"]
    assert archive.get("a").text == STATEMENTS[2]
    assert archive.verify(STATEMENTS[0]).fidelity is qv.Fidelity.NOT_FOUND
    archive.compact()
    assert len(archive) == 2


def test_a_failing_add_leaves_nothing_behind(tmp_path: Path) -> None:
    archive = qv.Archive(tmp_path / "a.qva")
    archive.add(qv.Source(STATEMENTS[0]), key="first")
    with pytest.raises(TypeError, match="decode bytes first"):
        archive.add_many([qv.Source(STATEMENTS[1]), b"not text"])  # type: ignore[list-item]
    assert archive.keys() == ["first"]
    assert archive.verify(STATEMENTS[1]).fidelity is qv.Fidelity.NOT_FOUND


def test_the_first_add_builds_the_indexes_of_the_index_or_leaves_them(tmp_path: Path) -> None:
    """The first add into an empty archive builds the word and block indexes' own SQLite
    indexes after their rows; a first add that fails leaves them as they were."""
    path = tmp_path / "a.qva"

    def indexes() -> set[str]:
        db = sqlite3.connect(path)
        got = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        plan = " ".join(str(r) for r in db.execute(
            "EXPLAIN QUERY PLAN SELECT docs FROM postings WHERE term = 'server'"))
        db.close()
        return got | ({"(used)"} if "postings_term" in plan else set())

    archive = qv.Archive(path)
    with pytest.raises(TypeError, match="decode bytes first"):
        archive.add_many([qv.Source(STATEMENTS[0]), b"not text"])  # type: ignore[list-item]
    assert {"postings_term", "blocks_term", "(used)"} <= indexes()
    archive.add_many([qv.Source(t) for t in STATEMENTS[:3]])
    assert {"postings_term", "blocks_term", "(used)"} <= indexes()
    archive.add_many([qv.Source(t) for t in STATEMENTS[3:]])
    assert {"postings_term", "blocks_term", "(used)"} <= indexes()
    archive.close()
    with qv.Archive(path, readonly=True) as again:
        assert answer(again.verify(STATEMENTS[4])) == answer(qv.verify(STATEMENTS[4], list(again)))


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(path)
    out = {
        table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("sources", "bodies", "postings", "blocks", "terms", "segments")
    }
    db.close()
    return out


def test_worker_processes_build_the_same_archive(tmp_path: Path) -> None:
    """Texts split and packed in worker processes give the archive this process gives, byte
    for byte; two adds, a replaced key and a skipped duplicate on the way."""
    texts = [*STATEMENTS, *(f"Item {i}: the 1,250.5 tonnes don't add up -- {STATEMENTS[i % 6]}"
                            for i in range(150))]
    for workers in (0, 2):
        with qv.Archive(tmp_path / f"w{workers}.qva") as archive:
            archive.add_many([qv.Source(t) for t in texts[:100]], workers=workers)
            archive.add_many(
                [("k", qv.Source(texts[0])), *(qv.Source(t) for t in texts[100:]),
                 ("k", qv.Source("Replaced text."))],
                workers=workers, replace=True, skip_duplicates=True,
            )
    assert _tables(tmp_path / "w0.qva") == _tables(tmp_path / "w2.qva")
    with qv.Archive(tmp_path / "w2.qva") as archive:
        assert archive.get("k").text == "Replaced text."
        assert answer(archive.verify(texts[120])) == answer(qv.verify(texts[120], list(archive)))


@pytest.mark.parametrize("local_codes", [5, 0x10FFFF])
def test_chunks_indexed_apart_merge_into_the_same_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, local_codes: int
) -> None:
    """Chunks indexed with their own word and source numbers (as a worker does; here in this
    process) merge into what indexing in place gives, also when a chunk has more words than
    it codes by itself (5 here: its texts then go as words)."""
    from concurrent.futures import Future

    from quoteverify import archive as module

    class InProcess:
        def __init__(self, n: int) -> None:
            pass

        def submit(self, texts: list[str]) -> Future[module._Chunk]:
            done: Future[module._Chunk] = Future()
            done.set_result(module._prepare(texts))
            return done

        def close(self) -> None:
            pass

    monkeypatch.setattr(module, "_Workers", InProcess)
    monkeypatch.setattr(module, "_LOCAL_CODES", local_codes)
    monkeypatch.setattr(module, "_CHUNK_SOURCES", 7)
    texts = [f"{s} Case {i}, filed {i * 37 % 101}.5 days late." for i, s in enumerate(STATEMENTS * 8)]
    for workers in (0, 1):
        with qv.Archive(tmp_path / f"c{workers}.qva") as archive:
            archive.add_many(texts[:20], workers=workers)
            archive.add_many(texts[20:], workers=workers)
    assert _tables(tmp_path / "c0.qva") == _tables(tmp_path / "c1.qva")


def test_a_worker_that_dies_fails_the_add_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quoteverify import archive as module

    archive = qv.Archive(tmp_path / "a.qva")
    archive.add(qv.Source(STATEMENTS[0]), key="first")
    with pytest.raises(InvalidInputError, match="workers must be None or an int"):
        archive.add_many([qv.Source(STATEMENTS[1])], workers=-1)
    real = module._Worker.__init__
    started: list[module._Worker] = []

    def dying(self: module._Worker) -> None:
        real(self)
        self.proc.kill()
        started.append(self)

    monkeypatch.setattr(module._Worker, "__init__", dying)
    monkeypatch.setattr(module, "_CHUNK_SOURCES", 10)
    texts = [f"{s} ({i})" for i, s in enumerate(STATEMENTS * 20)]
    with pytest.raises(qv.ArchiveError, match="worker process of the add stopped"):
        archive.add_many([qv.Source(t) for t in texts], workers=1)
    assert archive.keys() == ["first"]
    archive.add(qv.Source(STATEMENTS[1]), key="second")  # (the word table was not left wrong)
    assert archive.verify(STATEMENTS[1]).source.text == STATEMENTS[1]
    # Workers the add chose for itself: when they fail, it does their work itself.
    monkeypatch.setattr(module, "_POOL_CHARS", 0)
    monkeypatch.setattr(module.os, "cpu_count", lambda: 4)
    started.clear()
    qv.Archive(":memory:").add_many(texts)
    assert started == []  # (a library call starts no process unasked)
    assert len(archive.add_many(texts, workers=None)) == len(texts)
    assert len(started) == 3  # (one per core but one)
    with qv.Archive(tmp_path / "b.qva") as same:
        same.add(qv.Source(STATEMENTS[0]), key="first")
        same.add(qv.Source(STATEMENTS[1]), key="second")
        same.add_many(texts, workers=0)
    archive.close()
    assert _tables(tmp_path / "a.qva") == _tables(tmp_path / "b.qva")
    monkeypatch.setattr(module.os, "cpu_count", lambda: 2)  # (two cores: no workers by itself)
    started.clear()
    qv.Archive(":memory:").add_many(texts, workers=None)
    assert started == []
    monkeypatch.setattr(module.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(module.sys, "frozen", True, raising=False)  # (a frozen application)
    qv.Archive(":memory:").add_many(texts, workers=None)
    assert started == []


def test_not_an_archive_truncated_and_incompatible(tmp_path: Path) -> None:
    junk = tmp_path / "junk.qva"
    junk.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(CorruptArchiveError, match="not an SQLite file"):
        qv.Archive(junk)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(CorruptArchiveError, match="not a quoteverify archive"):
        qv.Archive(other)
    good = tmp_path / "good.qva"
    with qv.Archive(good) as archive:
        archive.add_many(qv.Source(s) for s in STATEMENTS * 1)
        archive.add(qv.Source("x " * 20_000))
    data = good.read_bytes()
    cut = tmp_path / "cut.qva"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptArchiveError, match="truncated"):
        qv.Archive(cut)
    db = sqlite3.connect(good)
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    db.commit()
    db.close()
    with pytest.raises(IncompatibleArchiveError, match="version 99"):
        qv.Archive(good)
    with pytest.raises(qv.ArchiveError, match="does not exist"):
        qv.Archive(tmp_path / "missing.qva", readonly=True)


def test_two_writers(tmp_path: Path) -> None:
    path = tmp_path / "a.qva"
    qv.Archive(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        archive = qv.Archive(path, timeout=0.2)
        with pytest.raises(ArchiveLockedError, match="another process"):
            archive.add(qv.Source(STATEMENTS[0]))
        assert len(archive) == 0  # readers are not blocked
    finally:
        holder.execute("ROLLBACK")
    archive.add(qv.Source(STATEMENTS[0]))
    assert len(archive) == 1


def test_a_process_killed_mid_add_leaves_the_archive_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "a.qva"
    with qv.Archive(path) as archive:
        archive.add(qv.Source(STATEMENTS[0]), key="kept")
    script = textwrap.dedent(
        f"""
        import sys, quoteverify as qv
        def sources():
            for i in range(10**9):
                if i == 50:
                    print("adding", flush=True)
                yield qv.Source(f"Statement {{i}} of a long batch that never ends.")
        qv.Archive({str(path)!r}).add_many(sources())
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "adding"
        time.sleep(0.2)
    finally:
        proc.kill()
        proc.wait()
    with qv.Archive(path) as archive:
        assert archive.keys() == ["kept"]
        assert archive.verify("Statement 3 of a long batch").fidelity is qv.Fidelity.NOT_FOUND
        archive.add(qv.Source(STATEMENTS[1]))
        assert len(archive) == 2


# --------------------------------------------------------------------------- command line


def test_cli_archive_add_info_verify_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quoteverify import cli

    (tmp_path / "xie.txt").write_text(
        "XIE YINAN: We don't have access to the data.\nQ: And then?\n"
        "XIE YINAN: What we do is sell them a server.\n",
        encoding="utf-8",
    )
    (tmp_path / "fares.txt").write_text(STATEMENTS[1], encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners said prices will rise.".encode("latin-1"))
    db = str(tmp_path / "news.qva")
    assert cli.main(["archive", "add", db, str(tmp_path / "xie.txt"), str(tmp_path / "fares.txt")]) == 0
    # a non-UTF-8 file or a missing one: a clear error, and nothing of that add is kept
    assert cli.main(["archive", "add", db, str(tmp_path / "latin1.txt")]) == 2
    assert "not valid utf-8" in capsys.readouterr().err
    assert cli.main(["archive", "add", db, str(tmp_path / "fares.txt"), str(tmp_path / "gone.txt")]) == 2
    assert "'" + str(tmp_path / "gone.txt") + "' does not exist; nothing was added" in capsys.readouterr().err
    assert cli.main(["archive", "add", db, "--encoding", "latin-1", str(tmp_path / "latin1.txt")]) == 0
    capsys.readouterr()
    assert cli.main(["archive", "info", db, "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["sources"] == 3
    assert cli.main(["verify", "--archive", db, "--speaker", "Xie Yinan", "--format", "json",
                     "We do not have access to the data"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["fidelity"], out["attribution"]["status"]) == ("cosmetic", "confirmed")
    story = tmp_path / "story.txt"
    story.write_text('Xie Yinan said: "What we do is sell them servers."', encoding="utf-8")
    assert cli.main(["check", "--archive", db, str(story)]) == 1  # altered: does not hold
    assert "altered" in capsys.readouterr().out
    assert cli.main(["verify", "--archive", db, "--source", str(story), "x y z"]) == 2
    assert "cannot be combined" in capsys.readouterr().err


def test_damage_inside_the_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "a.qva"
    with qv.Archive(path) as archive:
        archive.add_many(qv.Source(f"{s} Copy {i}.") for i in range(30) for s in STATEMENTS)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):  # scribble over every third page
        data[start + 8 : start + page] = bytes(range(256)) * ((page - 8) // 256) + bytes((page - 8) % 256)
    path.write_bytes(bytes(data))

    def use() -> None:
        archive = qv.Archive(path)
        archive.verify("we will close the budget gap by March")
        archive.add(qv.Source("One more statement about the budget."))
        archive.compact()

    with pytest.raises(CorruptArchiveError):
        use()


def test_threads_share_an_archive_and_readers_see_committed_adds(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "a.qva"
    writer = qv.Archive(path)
    writer.add_many(qv.Source(s, title=str(i)) for i, s in enumerate(STATEMENTS))
    reader = qv.Archive(path, readonly=True)
    quotes = ["we will close the budget gap by March", "the council will raise fares",
              "Nobody had seen the report", "cameras in people's homes"] * 5
    want = [answer(qv.verify(q, [qv.Source(s, title=str(i)) for i, s in enumerate(STATEMENTS)]))
            for q in quotes]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda q: answer(reader.verify(q)), quotes))
    assert got == want
    writer.add(qv.Source("The treasurer said the gap was closed in February."), key="new")
    assert "new" in reader
    assert reader.verify("the gap was closed in February").fidelity is qv.Fidelity.VERBATIM


def test_a_fuzzy_match_at_a_sources_first_block_after_a_near_miss_in_the_one_before() -> None:
    """A match lies in the runs of blocks from its own first block on: one at the very start of a
    source is found although the blocks that qualify first lie at the end of the source before."""
    filler = " ".join(["the council met on a wet evening and talked about parking"] * 12)
    before = qv.Source(filler + " budget gap million dollars close march", title="before")
    at_start = qv.Source(
        "The budget gap is forty million dollars and we will close it by March. " + filler,
        title="after",
    )
    archive = qv.Archive(":memory:")
    archive.add_many([before, at_start])
    quote = "The budget gap is 40 million dollars and we will close it by March"
    assert "after" in {s.title for s in archive.candidates(quote)}
    got = archive.verify(quote)
    assert answer(got) == answer(qv.verify(quote, [before, at_start]))
    assert got.source is not None and got.source.title == "after"


FILLERS = [
    "The briefing began at nine.",
    "Reporters asked about the contract.",
    "A spokesperson declined to comment further.",
    "The ministry published its figures on Monday.",
    "Nobody at the press office would say more.",
]
PASSAGE = "We don't have access to the data. What we do is sell them a server."
VARIANTS = {
    "same": PASSAGE,
    "upper": PASSAGE.upper(),  # the same words: cosmetic, not verbatim
    "no_stop": PASSAGE.replace(". What", " what"),
    "twice": PASSAGE.upper() + " " + PASSAGE,  # a cosmetic copy first, the verbatim one later
}


@settings(max_examples=int(__import__("os").environ.get("QV_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.sampled_from(sorted(VARIANTS)), st.integers(0, 4)),
        min_size=3,
        max_size=9,
    ),
    st.sampled_from(["What we do is sell them a server", "We don't have access to the data",
                     "we don't have access to the data. What we do is sell them a server"]),
)
def test_a_quote_copied_into_many_sources_gives_the_lists_answer(
    layout: list[tuple[int, str, int]], quote: str
) -> None:
    # Wire copy: the same passage in many sources, at different places, some copies
    # cosmetic. The archive verifies only the copies that can start earliest; the
    # winner (earliest verbatim, then the source order) must be the list's.
    bodies = [" ".join([*FILLERS[:before], VARIANTS[kind], *FILLERS[len(FILLERS) - after :]])
              for before, kind, after in layout]
    sources = [qv.Source(b, title=f"copy {i}") for i, b in enumerate(bodies)]
    archive = qv.Archive(":memory:")
    archive.add_many(sources, skip_duplicates=True)
    assert answer(archive.verify(quote)) == answer(qv.verify(quote, sources))


COPIED = [
    "We don't have access to the data. What we do is sell them a server.",
    "XIE YINAN: We don't have access to the data.\nHOST: And the server?\n"
    "XIE YINAN: What we do is sell them a server. That's all.",
    "The council will not raise fares this year. We do not have access to the data.",
]


@settings(max_examples=int(__import__("os").environ.get("QV_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(COPIED) - 1), st.sampled_from([None, "a", "b", "c", "d"]),
                       st.booleans(), st.sampled_from([None, "Xie Yinan"])),
             min_size=1, max_size=10),
    st.sampled_from(["We do not have access to the data", "what we do is sell them a server",
                     "We don't have access to the data. What we do is sell them servers",
                     "The council will raise fares this year"]),
    st.sampled_from([None, "Xie Yinan"]),
)
def test_copies_of_one_text_are_verified_once_and_each_named(
    layout: list[tuple[int, str | None, bool, str | None]], quote: str, speaker: str | None
) -> None:
    """Sources that are copies of one text (wire copy filed under several titles) are verified
    once for all of them: the same answer as the list, every copy named among the matches with
    the match of its own text, in the list's order; a copy read as a transcript (its turns)
    is not taken for a plain copy of the same text."""
    sources = [
        qv.Source.from_transcript(COPIED[k], title=title) if transcript
        else qv.Source(COPIED[k], title=title, speaker=None if who is None else qv.Speaker(who))
        for k, title, transcript, who in layout
    ]
    archive = qv.Archive(":memory:")
    archive.add_many(sources, skip_duplicates=True)
    stored = list(archive)
    got, want = archive.verify(quote, speaker=speaker), qv.verify(quote, stored, speaker=speaker)
    assert answer(got) == answer(want)

    def matches(v: qv.Verification) -> list[tuple[object, ...]]:
        return [(m.source.text, m.source.title, len(m.source.turns), m.location.start,
                 m.location.end, m.fidelity) for m in v.also_matched]

    if got.fidelity is qv.Fidelity.VERBATIM:  # (the verbatim path names the copies it verified)
        assert set(matches(got)) <= set(matches(want))
        named = {(s.text, s.title, len(s.turns)) for s in [got.source] if s is not None}
        named |= {m[:3] for m in matches(got)}
        for s in stored:  # every copy of a named source's text and turns is named too
            if any(s.text == t and len(s.turns) == n for t, _, n in named):
                assert (s.text, s.title, len(s.turns)) in named
    else:
        assert matches(got) == matches(want)
