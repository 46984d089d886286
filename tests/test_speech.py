"""Speech to print (issue 14): the edits reporters make to spoken words are named and cosmetic,
and a meaning change inside them still counts."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import quoteverify as qv


def _verdict(quote: str, source: str, **options: object) -> tuple[str, list[tuple[str, bool, str | None]]]:
    v = qv.verify(quote, qv.Source(source), **options)  # type: ignore[arg-type]
    return v.fidelity.value, [(e.kind.value, e.meaning, e.reason) for e in v.edits]


@pytest.mark.parametrize(
    ("quote", "source", "fidelity", "kinds"),
    [
        ("The council says we have a plan for the buses", "The council says we have -- we have a plan for the buses.", "cosmetic", ["repetition"]),
        ("He said I think the fund is set aside", "He said I -- I -- I think the fund is set aside.", "cosmetic", ["repetition"]),
        ("it was late when the buses stopped", "it was, uh, late when the buses stopped.", "cosmetic", ["filler"]),
        ("it was late when the buses stopped", "it was, you know, late when the buses stopped.", "cosmetic", ["filler"]),
        ("Yeah, because you'd be in jail", "Because you'd be in jail.", "cosmetic", ["interjection", "case"]),
        ("I think the plan works", "Well, I think the plan works.", "verbatim", []),
        ("You can't specify any ref", "You cannot specify any ref.", "cosmetic", ["contraction"]),
        ("It supports UTF-87", "It supports UTF-8.", "altered", ["replace"]),
        ("The com\u00adputer was off", "The computer was off.", "verbatim", ["whitespace"]),
        ("The com\u200dputer was off", "The computer was off.", "verbatim", ["whitespace"]),
        ("He said, 'Can you help us find folks,' and left", "He said, \u201cCan you help us find folks,\u201d and left.", "verbatim", []),
        ("We are keeping up", "We are not -- we are not keeping up.", "altered", ["case", "delete"]),
        ("We are not keeping up", "We are not -- we are not keeping up.", "cosmetic", ["case"]),
        ("And they are simply extraneous actors", "And they are not -- they are not simply extraneous actors.", "altered", ["delete"]),
        # the match took "20" of "20%" at the source's edge: the whole token is the number
        ("We have 20 percent", "We have 20%", "cosmetic", ["number_format"]),
        ("Our share is 20 percent", "Our share is 20%", "cosmetic", ["number_format"]),
        # the match ran on into the next sentence: it stops at the sentence's end
        ("We have 20 percent", "He said: We have 20%. Then he left.", "cosmetic", ["number_format"]),
    ],
)
def test_speech_edits_and_their_verdicts(quote: str, source: str, fidelity: str, kinds: list[str]) -> None:
    got, edits = _verdict(quote, source)
    assert got == fidelity, edits
    assert sorted(k for k, _, _ in edits) == sorted(kinds)
    if fidelity == "altered":
        assert any(meaning for _, meaning, _ in edits)


def test_like_that_carries_meaning_is_kept() -> None:
    fidelity, edits = _verdict("I like the new night routes", "I the new night routes.")
    assert fidelity == "altered"
    assert [k for k, _, _ in edits] == ["insert"]


def test_every_change_counts_when_the_outlet_says_so() -> None:
    source = "Well, we have -- we have a plan, uh, for the buses."
    assert _verdict("we have a plan for the buses", source)[0] == "cosmetic"
    assert _verdict("we have a plan for the buses", source, speech_edits="count")[0] == "altered"
    with pytest.raises(qv.InvalidInputError, match="speech_edits"):
        qv.VerifyConfig(speech_edits="lenient")


def test_a_typo_at_the_edge_is_a_spelling_edit() -> None:
    assert _verdict("That's makes me smart", "That makes me smart.") == ("cosmetic", [("spelling", False, None)])
    assert _verdict("He'll close the plant", "He close the plant.")[0] == "altered"  # a modal


def test_a_quote_edge_word_found_past_the_match_widens_it() -> None:
    # the last word stands four words further on: between lies the dropped negation
    fidelity, edits = _verdict("The fight was imminent", "The person was too remote? The fight was not -- was not imminent?")
    assert fidelity == "altered"
    assert ("delete", True, "negation") in edits


def test_a_self_correction_is_a_false_start_and_meaning_still_wins() -> None:
    spoken = "if Donald Trump tells us I should take it -- that we should take it."
    quote = "if Donald Trump tells us that we should take it"
    assert _verdict(quote, spoken) == ("cosmetic", [("false_start", False, None)])
    v = qv.verify(quote, qv.Source(spoken))
    assert v.drift.findings == ()  # neither a splice nor a truncation
    negated = "if Donald Trump tells us I should not take it -- that we should take it."
    fidelity, edits = _verdict(quote, negated)
    assert fidelity == "altered"
    assert ("delete", True, "negation") in edits


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("it is OK with the council", "it is okay with the council."),
        ("we are gonna cut the routes", "we are going to cut the routes."),
        ("'cause the fund is empty", "because the fund is empty."),
        ("the U.S. transit fund is empty", "the US transit fund is empty."),
        ("this is a left-wing problem for the party", "this is a left wing problem for the party."),
        ("we cut twenty routes last year", "we cut 20 routes last year."),
        ("fares rose 20 per cent last year", "fares rose 20% last year."),
        ("the colour of the new buses", "the color of the new buses."),
    ],
)
def test_transcription_variants_are_cosmetic(quote: str, source: str) -> None:
    fidelity, edits = _verdict(quote, source)
    assert fidelity == "cosmetic", edits
    assert not any(meaning for _, meaning, _ in edits)


# Words with no meaning of their own for the verdict (no negation, number, modal, quantifier).
_PLAIN = st.sampled_from(
    ["the", "council", "published", "budget", "report", "riders", "buses", "night", "city", "plan",
     "route", "fund", "drivers", "station", "morning", "mayor", "told", "us", "about", "new"]
)
_FILLER = st.sampled_from([", uh,", ", um,", " -- uh --", ", you know,", ", I mean,"])
_EDGE = st.sampled_from(["Well, ", "Look, ", "So, ", "Now, ", "Yeah, ", "Oh, "])


@settings(max_examples=80, deadline=None)
@given(st.lists(_PLAIN, min_size=5, max_size=12, unique=True), st.data())
def test_a_filler_in_the_speech_never_alters_the_quote(words: list[str], data: st.DataObject) -> None:
    at = data.draw(st.integers(1, len(words) - 1))
    filler = data.draw(_FILLER)
    spoken = " ".join(words[:at]) + filler + " " + " ".join(words[at:]) + "."
    assert _verdict(" ".join(words), spoken)[0] in ("verbatim", "cosmetic")


@settings(max_examples=80, deadline=None)
@given(st.lists(_PLAIN, min_size=5, max_size=12, unique=True), st.data())
def test_a_repeated_phrase_in_the_speech_never_alters_the_quote(words: list[str], data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(words) - 1))
    size = data.draw(st.integers(1, min(3, len(words) - at)))
    phrase = " ".join(words[at : at + size])
    spoken = " ".join([*words[:at], phrase, "--", *words[at:]]) + "."
    assert _verdict(" ".join(words), spoken)[0] in ("verbatim", "cosmetic")


@settings(max_examples=60, deadline=None)
@given(st.lists(_PLAIN, min_size=5, max_size=12, unique=True), _EDGE)
def test_an_interjection_at_the_edge_never_alters_the_quote(words: list[str], edge: str) -> None:
    quote = " ".join(words)
    assert _verdict(edge + quote, quote + ".")[0] in ("verbatim", "cosmetic")
    assert _verdict(quote, edge + quote + ".")[0] in ("verbatim", "cosmetic")


@settings(max_examples=80, deadline=None)
@given(st.lists(_PLAIN, min_size=5, max_size=12, unique=True), st.data())
def test_a_not_dropped_from_both_copies_of_a_repetition_always_alters(
    words: list[str], data: st.DataObject
) -> None:
    # distinct words: a sentence of one word said over and over has no single alignment
    a = data.draw(st.integers(2, len(words) - 3))
    b = data.draw(st.integers(a + 1, min(a + 3, len(words) - 2)))
    before, phrase, after = words[:a], words[a:b], words[b:]
    copy = " ".join(["not", *phrase])
    spoken = " ".join([*before, copy, "--", copy, *after]) + "."
    quote = " ".join([*before, *phrase, *after])
    assume(quote not in spoken)
    fidelity, edits = _verdict(quote, spoken)
    assert fidelity == "altered", edits
    assert any(meaning and reason == "negation" for _, meaning, reason in edits), edits


def test_a_changed_percentage_at_the_edge_stays_a_number_change() -> None:
    got, edits = _verdict("Our share is 30 percent", "Our share is 20%")
    assert got == "altered"
    assert any(meaning and reason == "number" for _, meaning, reason in edits), edits


def test_a_changed_percentage_before_the_next_sentence_stays_a_number_change() -> None:
    got, edits = _verdict("Our party now has 30 percent", "He said: Our party now has 20%. Then he left.")
    assert got == "altered"
    assert any(meaning and reason == "number" for _, meaning, reason in edits), edits


@settings(max_examples=60, deadline=None)
@given(st.lists(_PLAIN, min_size=6, max_size=10, unique=True), st.integers(1, 99), st.sampled_from(["percent", "per cent"]))
def test_a_percent_sign_written_out_at_the_end_is_a_number_format(words: list[str], n: int, spelled: str) -> None:
    spoken = " ".join(words) + f" {n}%. Then the mayor left."
    same = _verdict(" ".join(words) + f" {n} {spelled}", spoken)
    assert same[0] in ("verbatim", "cosmetic"), same
    other = _verdict(" ".join(words) + f" {n + 1} {spelled}", spoken)
    assert other[0] not in ("verbatim", "cosmetic"), other


def test_asking_whether_the_witness_asked_someone_is_the_questioners_own_words() -> None:
    # "Did you ask him ...?" asks about a question put to a third person: nobody's words read out
    text = (
        "Mr. DALTON: So you never raised it with the contractor.\n"
        "Did you ask him when he learned of the missing logs?\n\n"
        "Ms. OKAFOR: I did not ask him that.\n\n"
        "Mr. DALTON: Would you ask them today, if the committee wrote to you?\n"
        "Were you asked to sign the logs yourself?\n\n"
        "Ms. OKAFOR: You asked me whether the logs were kept, and they were.\n"
    )
    src = qv.Source.detect(text)
    assert [t.label for t in src.turns] == ["Mr. DALTON", "Ms. OKAFOR", "Mr. DALTON", "Ms. OKAFOR"]
    assert src.turns[0].embedded == () and src.turns[2].embedded == ()
    for question in ("Did you ask him when he learned of the missing logs?", "Were you asked to sign the logs yourself?"):
        v = qv.verify(question, src, speaker="Ms. OKAFOR")
        assert v.attribution is not None and v.attribution.status is qv.AttributionStatus.MISATTRIBUTED
    # an answer's "You asked me whether ..." still reads out the asker's question
    asked = src.turns[3].embedded
    assert [e.mention.casefold() for e in asked] == ["you"] and asked[0].span.text.startswith("the logs were kept")
