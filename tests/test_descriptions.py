"""Descriptions ("the ferryman", "the girl") linked to characters as a reader links them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quoteverify.descriptions import Descriptions, description_key, scene_starts
from quoteverify.extraction import extract_quotes
from quoteverify.model import Speaker
from quoteverify.speakers import SpeakerRegistry

TOMAS = Speaker("Tomas Ruiz", gender="m")
FERRYMAN = Speaker("The Ferryman", gender="m")
MARA = Speaker("Mara Lind", gender="f")
OSKAR = Speaker("Oskar Brandt", gender="m")
HILDE = Speaker("Hilde Brandt", gender="f")
GRETA = Speaker("Greta Voss", gender="f")


def _by_text(quotes: list, words: str):  # type: ignore[no-untyped-def]
    return next(q for q in quotes if words in q.text)


def test_a_description_key_is_a_short_definite_description() -> None:
    assert description_key("The  Old\ngentleman") == "the old gentleman"
    assert description_key("his father") is None
    assert description_key("a stranger") is None
    assert description_key("the man in the long grey coat") is None


def test_scenes_start_at_chapter_headings_and_rows_of_asterisks() -> None:
    text = "Dawn.\n\nCHAPTER TWO\n\nNoon.\n\nIV.\n\nDusk.\n\n* * *\n\nNight."
    starts = scene_starts(text)
    assert [text[s:].split(None, 1)[0] for s in starts] == ["Dawn.", "CHAPTER", "IV.", "*"]


def test_a_description_takes_its_gender_from_the_pronouns_that_follow_it() -> None:
    text = (
        "The engineer shook her head. Later the engineer rubbed her eyes. "
        "The clerk lost his pen. The clerk found his pen."
    )
    d = Descriptions(text, [], described=lambda s: False, gender=lambda s: s.gender)
    assert d.gender("the engineer") == "f"
    assert d.gender("the clerk") == "m"
    assert d.gender("the duchess") == "f"  # from the word itself
    assert d.gender("the visitor") is None  # never followed by a pronoun: no guess


def test_an_apposition_names_the_person_a_description_means_in_its_scene() -> None:
    story = (
        "CHAPTER I.\n\nTomas Ruiz, the ferryman, tied up the boat before the storm.\n\n"
        '"The river is rising," said the ferryman.\n\n'
        "CHAPTER II.\n\nThe quay was empty in the morning.\n\n"
        '"Nobody crosses today," said the ferryman.'
    )
    quotes = extract_quotes(story, speakers=SpeakerRegistry([TOMAS, FERRYMAN]))
    first = _by_text(quotes, "rising")
    assert first.speaker == TOMAS
    assert "Tomas Ruiz, the ferryman" in (first.resolution or "")
    # a new chapter: the narration has named nobody for "the ferryman" there
    assert _by_text(quotes, "Nobody crosses").speaker == FERRYMAN


def _exchange(narration: str, third: str = "said the girl") -> str:
    return (
        '"The harbour office opens at nine," said Mara Lind.\n\n'
        '"Then we have an hour to spare," said Oskar Brandt.\n\n'
        f"{narration}\n\n"
        f'"An hour is plenty," {third}.'
    )


def test_a_description_is_the_one_person_of_its_gender_the_exchange_leaves() -> None:
    # the narration names Hilde last, but she has not been speaking: the girl answering
    # Oskar is Mara, the one woman of the exchange he is not
    story = _exchange("Oskar Brandt looked at the photograph of Hilde Brandt above the desk.")
    quotes = extract_quotes(story, speakers=SpeakerRegistry([MARA, OSKAR, HILDE]))
    q = _by_text(quotes, "plenty")
    assert q.speaker == MARA
    assert "otherwise unaccounted for" in (q.resolution or "")
    assert q.uncertain


def test_two_people_who_fit_leave_the_description_to_the_other_rules() -> None:
    story = (
        '"We sail at dawn," said Greta Voss.\n\n'
        '"The harbour office opens at nine," said Mara Lind.\n\n'
        '"Then we have an hour to spare," said Oskar Brandt.\n\n'
        '"An hour is plenty," said the girl.'
    )
    quotes = extract_quotes(story, speakers=SpeakerRegistry([MARA, OSKAR, GRETA]))
    assert "otherwise unaccounted" not in (_by_text(quotes, "plenty").resolution or "")


def test_a_stranger_is_never_linked_just_because_the_scene_has_room() -> None:
    story = _exchange("A man in a wet coat came in from the quay.", third="said the stranger")
    quotes = extract_quotes(story, speakers=SpeakerRegistry([MARA, OSKAR, HILDE]))
    assert "otherwise unaccounted" not in (_by_text(quotes, "plenty").resolution or "")


def test_a_linked_description_keeps_its_person_for_the_rest_of_the_scene_only() -> None:
    story = (
        "CHAPTER I.\n\n"
        + _exchange("Oskar Brandt looked at the photograph of Hilde Brandt above the desk.")
        + "\n\nHilde Brandt came in with the tickets and sat down by the stove.\n\n"
        '"Then we shall not hurry," said the girl.\n\n'
        "CHAPTER II.\n\nHilde Brandt walked down to the quay alone.\n\n"
        '"The boat is late," said the girl.'
    )
    quotes = extract_quotes(story, speakers=SpeakerRegistry([MARA, OSKAR, HILDE]))
    assert _by_text(quotes, "plenty").speaker == MARA
    later = _by_text(quotes, "not hurry")
    assert later.speaker == MARA  # the same girl: Hilde, named since, is not who the girl was
    assert "as earlier in the scene" in (later.resolution or "") or "unaccounted" in (later.resolution or "")
    # a new chapter forgets the link: the girl on the quay is Hilde
    assert _by_text(quotes, "boat is late").speaker == HILDE


@given(st.text(alphabet="abc \n*CHAPTERIV.", max_size=80))
def test_scene_starts_are_increasing_offsets_into_the_text(text: str) -> None:
    starts = scene_starts(text)
    assert starts[0] == 0
    assert starts == sorted(set(starts))
    assert all(0 <= s <= max(0, len(text)) for s in starts)


def test_a_relative_of_a_named_person_is_found_in_their_family_not_taken_for_them() -> None:
    ines = Speaker("Ines Carvalho", aliases=("Ines",), gender="f")
    father = Speaker("Mr. Carvalho", gender="m")
    mother = Speaker("Mrs. Carvalho", gender="f")
    story = (
        "Ines Carvalho came down to the bakery an hour late.\n\n"
        '"The ovens have been hot since five," said Ines\'s father.\n\n'
        '"Let her be," said the baker\'s wife.'
    )
    quotes = extract_quotes(
        story, speakers=SpeakerRegistry([ines, father, mother, Speaker("The Baker", gender="m")])
    )
    first = _by_text(quotes, "ovens")
    assert first.speaker == father  # before: the registry read "Ines's father" as Ines herself
    assert "family of Ines Carvalho" in (first.resolution or "")


def test_a_relative_of_a_described_possessor_is_found_through_the_possessor() -> None:
    sowter = Speaker("Mr. Sowter", aliases=("The Baker",), gender="m")
    wife = Speaker("Mrs. Sowter", gender="f")
    story = (
        "Mr. Sowter, the baker, unlocked the shop. Ines came in behind him.\n\n"
        '"Flour is dear this winter," said the baker\'s wife.'
    )
    quotes = extract_quotes(story, speakers=SpeakerRegistry([sowter, wife, Speaker("Ines", gender="f")]))
    assert _by_text(quotes, "Flour").speaker == wife
