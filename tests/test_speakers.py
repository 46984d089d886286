"""Tests for quoteverify.speakers: the registry and how mentions resolve to speakers."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quoteverify as qv
from quoteverify.errors import ParseError
from quoteverify.model import Span, Speaker, SpeakerKind
from quoteverify.speakers import (
    Resolution,
    SpeakerRegistry,
    _word_spans,
    acronym_of,
    name_key,
    same_speaker,
    speaker_matches,
)

# The Megvii story, as a desk would register it.
YIN = Speaker(
    "Yin Qi",
    aliases=("Qi Yin", "印奇"),
    roles=("co-founder", "chief executive"),
    organization="Megvii",
    gender="m",
    identifiers={"wikidata": "Q61764473"},
)
XIE = Speaker("Xie Yinan", roles=("vice president",), organization="Megvii", gender="m")
WILLIAMSON = Speaker(
    "Ruth Williamson", roles=("senior researcher",), organization="Human Rights Watch", gender="f"
)
HILLARY = Speaker("Hillary Rodham Clinton", aliases=("Hillary Clinton",), gender="f")
BILL = Speaker("Bill Clinton", roles=("president",), gender="m")
NOVAK = Speaker("Zoë Novák", roles=("spokesperson",), organization="Human Rights Watch")
MEGVII = Speaker("Megvii", aliases=("Megvii Technology", "旷视"), kind="organization")

STORY = [YIN, XIE, WILLIAMSON, HILLARY, BILL]


@pytest.fixture
def registry() -> SpeakerRegistry:
    return SpeakerRegistry(STORY)


# -- name forms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "expected", "method"),
    [
        ("Yin Qi", "Yin Qi", "name"),
        ("Qi Yin", "Yin Qi", "alias"),
        ("印奇", "Yin Qi", "alias"),
        ("YIN QI", "Yin Qi", "name"),
        ("  Yin\n   Qi ", "Yin Qi", "name"),
        ("“Yin Qi,”", "Yin Qi", "name"),
        ("Yin", "Yin Qi", "surname"),
        ("Mr. Yin", "Yin Qi", "surname"),
        ("Yin's", "Yin Qi", "surname"),
        ("Yin’s", "Yin Qi", "surname"),
        ("Mr. Xie", "Xie Yinan", "surname"),
        ("Prof. Xie", "Xie Yinan", "surname"),
        ("Dr. Xie", "Xie Yinan", "surname"),
        ("Xiè Yinan", "Xie Yinan", "name"),
        ("Yinan Xie", "Xie Yinan", "name order"),
        ("Ms. Williamson", "Ruth Williamson", "surname"),
        ("Williamson’s", "Ruth Williamson", "surname"),
        ("Dr. Ruth Williamson", "Ruth Williamson", "name"),
        ("Williamson, Ruth", "Ruth Williamson", "name order"),
        ("Hillary", "Hillary Rodham Clinton", "given name"),
        ("H. Clinton", "Hillary Rodham Clinton", "initials"),
        ("H.R. Clinton", "Hillary Rodham Clinton", "initials"),
        ("Hillary R. Clinton", "Hillary Rodham Clinton", "initials"),
        ("B. Clinton", "Bill Clinton", "initials"),
        ("Hillary Clinton", "Hillary Rodham Clinton", "alias"),
    ],
)
def test_name_forms(registry: SpeakerRegistry, mention: str, expected: str, method: str) -> None:
    r = registry.resolve(mention)
    assert r.speaker is not None, r.reason
    assert r.speaker.name == expected
    assert r.method == method
    assert r.candidates == (r.speaker,)
    assert not r.ambiguous
    assert not r.created
    assert expected in r.reason


def test_reason_reads_like_a_sentence(registry: SpeakerRegistry) -> None:
    assert registry.resolve("Yin").reason == "surname 'Yin' of Yin Qi"
    assert registry.resolve("the company's vice president").reason == (
        "role 'vice president' at Megvii"
    )
    assert registry.resolve("Clinton").reason == "ambiguous: 2 people named Clinton"


def test_registered_alias_with_a_possessive_is_kept() -> None:
    wife = Speaker("Mrs. Brace", aliases=("Sam Brace's Wife",))
    reg = SpeakerRegistry([Speaker("Sam Brace"), wife])
    assert reg.resolve("Sam Brace’s wife").speaker == wife
    assert reg.resolve("Sam Brace's").speaker == Speaker("Sam Brace")


def test_explicit_alias_beats_a_name_without_its_title() -> None:
    john = Speaker("Mr. John Knightley", aliases=("John Knightley",))
    isabella = Speaker("Isabella Knightley", aliases=("Mrs. John Knightley",))
    reg = SpeakerRegistry([john, isabella])
    assert reg.resolve("John Knightley").speaker == john
    assert reg.resolve("Mrs. John Knightley").speaker == isabella
    assert reg.resolve("Knightley").ambiguous


def test_initials_must_fit(registry: SpeakerRegistry) -> None:
    assert registry.resolve("Q. Clinton").speaker is None
    assert registry.resolve("R. Yinan").speaker is None


def test_surname_must_be_a_whole_word(registry: SpeakerRegistry) -> None:
    assert registry.resolve("Yi").speaker is None
    assert registry.resolve("Clint").speaker is None


# -- roles and organisations -------------------------------------------------------------


# Roles, organisations and spokespeople as mentions: tests/cases/speakers.json.


def test_spokesperson_is_the_organisation_when_nobody_is_registered() -> None:
    r = SpeakerRegistry([YIN, XIE]).resolve("a Megvii spokesperson")
    assert r.speaker is not None
    assert r.speaker.kind is SpeakerKind.ORGANIZATION
    assert r.speaker.name == "Megvii"
    assert not r.speaker.registered  # known only as Yin Qi's and Xie Yinan's organisation
    assert "no registered spokesperson" in r.reason


def test_registered_organisation_is_preferred() -> None:
    r = SpeakerRegistry([YIN, XIE, MEGVII]).resolve("a spokesperson for Megvii")
    assert r.speaker == MEGVII
    assert SpeakerRegistry([YIN, MEGVII]).resolve("旷视").speaker == MEGVII


def test_registered_spokesperson_is_a_person() -> None:
    reg = SpeakerRegistry([WILLIAMSON, NOVAK])
    r = reg.resolve("a Human Rights Watch spokeswoman")
    assert r.speaker == NOVAK
    assert r.method == "role"


def test_the_company_needs_context_when_several_organisations_are_known() -> None:
    reg = SpeakerRegistry([YIN, WILLIAMSON])
    r = reg.resolve("the company")
    assert r.speaker is None
    assert r.ambiguous
    assert {s.name for s in r.candidates} == {"Megvii", "Human Rights Watch"}
    r = reg.resolve("the company", context="Megvii sold servers to the police.")
    assert r.speaker is not None
    assert r.speaker.name == "Megvii"
    # a person named in the context brings their organisation
    r = reg.resolve("the firm", context="Yin Qi said the technology was not to blame.")
    assert r.speaker is not None
    assert r.speaker.name == "Megvii"


def test_the_company_with_a_single_organisation() -> None:
    r = SpeakerRegistry([YIN, XIE]).resolve("the company")
    assert r.speaker is not None
    assert r.speaker.name == "Megvii"
    assert r.method == "organization"


def test_role_ambiguity_and_context() -> None:
    other = Speaker("Lei Jun", roles=("CEO",), organization="Xiaomi")
    reg = SpeakerRegistry([YIN, other])
    r = reg.resolve("the CEO")
    assert r.speaker is None
    assert r.ambiguous
    assert set(r.candidates) == {YIN, other}
    r = reg.resolve("the CEO", context="Xiaomi shares rose on Tuesday.")
    assert r.speaker == other
    assert reg.resolve("Xiaomi's chief executive").speaker == other


def test_unknown_role_is_not_an_organisation(registry: SpeakerRegistry) -> None:
    assert registry.resolve("a Megvii engineer").speaker is None


# -- ambiguity, pronouns, creation -------------------------------------------------------


def test_ambiguous_surname_is_reported_not_guessed(registry: SpeakerRegistry) -> None:
    r = registry.resolve("Clinton")
    assert r.speaker is None
    assert r.ambiguous
    assert set(r.candidates) == {HILLARY, BILL}
    assert registry.resolve("Mr. Clinton").ambiguous


def test_context_settles_ambiguity(registry: SpeakerRegistry) -> None:
    r = registry.resolve("Clinton", context="Bill Clinton arrived in Beijing on Monday.")
    assert r.speaker == BILL
    assert "context" in r.reason
    r = registry.resolve("Clinton", context="Nobody we know.")
    assert r.ambiguous


def test_same_full_name_twice_is_ambiguous() -> None:
    a = Speaker("Li Wei", organization="Megvii")
    b = Speaker("Li Wei", organization="SenseTime")
    r = SpeakerRegistry([a, b]).resolve("Li Wei")
    assert r.ambiguous
    assert r.speaker is None
    assert SpeakerRegistry([a, b]).resolve("Li Wei", context="at SenseTime").speaker == b


@pytest.mark.parametrize("pronoun", ["he", "She", "they", "it", "He's"])
def test_pronouns_are_left_to_extraction(registry: SpeakerRegistry, pronoun: str) -> None:
    r = registry.resolve(pronoun, create=True)
    assert r.speaker is None
    assert r.method == "none"
    assert "pronoun" in r.reason
    assert not r.created


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Zhang Wei", "Zhang Wei"),
        ("Mr. Zhang's", "Zhang"),
        ("  Dr.  Maya   Lindqvist ", "Maya Lindqvist"),
        ("王伟", "王伟"),
    ],
)
def test_create_new_speaker(registry: SpeakerRegistry, mention: str, name: str) -> None:
    before = list(registry)
    r = registry.resolve(mention, create=True)
    assert r.created
    assert r.method == "new"
    assert r.speaker == Speaker(name, registered=False)
    assert list(registry) == before  # the registry did not grow
    plain = registry.resolve(mention)
    assert plain.speaker is None
    assert plain.method == "none"
    assert not plain.created


@pytest.mark.parametrize("mention", ["critics", "the reporter", "...", "the company's engineer"])
def test_descriptions_are_not_created_as_names(registry: SpeakerRegistry, mention: str) -> None:
    r = registry.resolve(mention, create=True)
    assert r.speaker is None
    assert not r.created


def test_bad_mentions(registry: SpeakerRegistry) -> None:
    with pytest.raises(TypeError, match="decode"):
        registry.resolve(b"Yin")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        registry.resolve(None)  # type: ignore[arg-type]
    assert registry.resolve("").method == "none"
    assert registry.resolve("\u200b\x00").speaker is None


# -- the registry as a collection --------------------------------------------------------


def test_registry_is_immutable_and_deduplicated() -> None:
    speakers = [YIN, XIE, YIN]
    reg = SpeakerRegistry(speakers)
    assert speakers == [YIN, XIE, YIN]
    assert len(reg) == 2
    assert list(reg) == [YIN, XIE]
    bigger = reg.add(WILLIAMSON)
    assert len(reg) == 2
    assert len(bigger) == 3
    assert reg.resolve("Williamson").speaker is None
    assert bigger.resolve("Williamson").speaker == WILLIAMSON
    assert reg.extend([BILL, HILLARY]).resolve("Clinton").ambiguous
    assert YIN in reg
    assert "印奇" in reg
    assert "qi yin" in reg
    assert WILLIAMSON not in reg
    assert "Williamson" not in reg
    assert 3 not in reg
    assert reg.get("YIN QI") == YIN
    assert reg.get("Megvii") is None  # only implied by its people
    assert [s.name for s in reg.organizations] == ["Megvii"]
    assert reg == SpeakerRegistry([XIE, YIN])
    assert hash(reg) == hash(SpeakerRegistry([XIE, YIN]))
    with pytest.raises(TypeError, match="Speaker"):
        SpeakerRegistry(["Yin Qi"])  # type: ignore[list-item]
    assert "Yin Qi" in repr(reg)


def test_lazy_index_is_thread_safe() -> None:
    reg = SpeakerRegistry(STORY)
    mentions = ["Yin", "Mr. Xie", "the CEO", "Clinton", "H. Clinton", "a Megvii spokesperson"]
    expected = [SpeakerRegistry(STORY).resolve(m) for m in mentions]
    results: list[list[Resolution]] = []
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        results.append([reg.resolve(m) for m in mentions])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 8


# -- files -------------------------------------------------------------------------------


def test_json_round_trip(tmp_path: object) -> None:
    reg = SpeakerRegistry([*STORY, MEGVII, Speaker("Ann Lee", registered=False)])
    text = reg.to_json()
    data = json.loads(text)
    assert data["speakers"][0]["aliases"] == ["Qi Yin", "印奇"]
    back = SpeakerRegistry.from_json(text)
    assert back == reg
    assert list(back) == list(reg)
    assert back.get("Yin Qi").identifier("wikidata") == "Q61764473"  # type: ignore[union-attr]


def test_json_and_toml_files(tmp_path: pytest.TempPathFactory) -> None:

    path = Path(str(tmp_path)) / "speakers.json"
    path.write_text(SpeakerRegistry(STORY).to_json(), encoding="utf-8")
    assert SpeakerRegistry.from_json(path) == SpeakerRegistry(STORY)
    assert SpeakerRegistry.from_json(str(path)) == SpeakerRegistry(STORY)
    toml = Path(str(tmp_path)) / "speakers.toml"
    toml.write_text(
        """
[[speakers]]
name = "Yin Qi"
aliases = ["Qi Yin", "印奇"]
roles = ["co-founder", "chief executive"]
organization = "Megvii"
gender = "m"
identifiers = { wikidata = "Q61764473" }

[[speakers]]
name = "Megvii"
kind = "organization"
""",
        encoding="utf-8",
    )
    reg = SpeakerRegistry.from_toml(toml)
    assert list(reg) == [YIN, Speaker("Megvii", kind="organization")]
    assert SpeakerRegistry.from_toml(str(toml)) == reg
    assert SpeakerRegistry.from_toml(toml.read_text(encoding="utf-8")) == reg


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('{"speakers": [{"name": "Yin Qi"}, {"aliases": ["x"]}]}', r"speakers\[1\].*'name'"),
        ('{"speakers": [{"name": "Yin Qi", "alias": ["Qi Yin"]}]}', r"'Yin Qi'.*unknown.*'alias'"),
        ('{"speakers": [{"name": "Yin Qi", "aliases": "Qi Yin"}]}', r"'aliases' must be a list"),
        ('{"speakers": [{"name": "Megvii", "kind": "company"}]}', r"'kind' must be"),
        ('{"speakers": [{"name": "X", "identifiers": {"a": 1}}]}', r"'identifiers'"),
        ('{"speakers": [{"name": "X", "organization": 3}]}', r"'organization' must be a string"),
        ('{"speakers": [{"name": "X", "registered": "no"}]}', r"'registered'"),
        ('{"speakers": ["Yin Qi"]}', r"speakers\[0\] must be an object"),
        ('{"speakers": {"name": "Yin Qi"}}', r"must be a list"),
        ('{"people": []}', r"'speakers' list"),
        ('[{"name": "Yin Qi"}]', r"'speakers' list"),
        ('{"speakers": [{"name": "  "}]}', r"non-empty string 'name'"),
    ],
)
def test_bad_json(text: str, match: str) -> None:
    with pytest.raises(ParseError, match=match):
        SpeakerRegistry.from_json(text)


def test_bad_json_syntax_names_the_line() -> None:
    with pytest.raises(ParseError) as info:
        SpeakerRegistry.from_json('{"speakers": [\n  {"name": "Yin Qi",}\n]}')
    assert info.value.line == 2
    assert isinstance(info.value, ValueError)


def test_bad_toml() -> None:
    with pytest.raises(ParseError, match="TOML"):
        SpeakerRegistry.from_toml("[[speakers]]\nname = ")
    with pytest.raises(ParseError, match=r"speakers\[0\].*'roles'"):
        SpeakerRegistry.from_toml('[[speakers]]\nname = "Yin Qi"\nroles = "CEO"\n')


# -- helpers used by the other modules ---------------------------------------------------


def test_name_key_folds() -> None:
    assert name_key("Xiè YINAN") == name_key("xie yinan") == "xie yinan"
    assert name_key("Zoë Novák") == "zoe novak"
    assert name_key("ＹＩＮ Ｑｉ") == "yin qi"  # full-width
    assert name_key("Jean-Pierre O’Neil") == "jean pierre o neil"
    assert name_key("Straße") == "strasse"
    assert name_key("印奇") == name_key("印 奇")
    with pytest.raises(TypeError):
        name_key(b"x")  # type: ignore[arg-type]


def test_speaker_matches() -> None:
    for mention in ("Yin Qi", "Qi Yin", "印奇", "Mr. Yin", "Yin’s", "YIN", "Y. Qi"):
        assert speaker_matches(YIN, mention), mention
    for mention in ("Xie", "Megvii", "the CEO", "Yinan", "he", ""):
        assert not speaker_matches(YIN, mention), mention
    assert speaker_matches(MEGVII, "Megvii Technology")


def test_same_speaker(registry: SpeakerRegistry) -> None:
    assert same_speaker(YIN, "Qi Yin")
    assert same_speaker("Yin", YIN, registry=registry)
    assert same_speaker("印奇", "Yin Qi", registry=registry)
    assert same_speaker("H. Clinton", "Hillary Clinton", registry=registry)
    assert not same_speaker("Clinton", BILL, registry=registry)  # two Clintons
    assert same_speaker("Clinton", BILL)  # without a registry the surname fits
    assert not same_speaker(YIN, XIE, registry=registry)
    assert not same_speaker(YIN, "Megvii", registry=registry)  # a person is not their company
    assert not same_speaker("Megvii", YIN)
    assert not same_speaker("Bill Clinton", "Hillary Clinton")
    assert same_speaker("Megvii", MEGVII)
    assert same_speaker(Speaker("Zhang Wei", registered=False), "Zhang Wei", registry=registry)
    with pytest.raises(TypeError):
        same_speaker(3, "x")  # type: ignore[arg-type]


def test_find_mentions(registry: SpeakerRegistry) -> None:
    text = (
        "Megvii’s co-founder Yin Qi (印奇说) spoke first. Ms. Williamson disagreed; "
        "Clinton and Mr. Xie’s deputy did not. XIE YINAN will answer. Yinshi, yin."
    )
    found = registry.find_mentions(text)
    for span, _ in found:
        assert text[span.start : span.end] == span.text
    assert [(s.text, sp.name) for s, sp in found] == [
        ("Megvii", "Megvii"),
        ("Yin Qi", "Yin Qi"),
        ("印奇", "Yin Qi"),
        ("Williamson", "Ruth Williamson"),
        ("Xie", "Xie Yinan"),
        ("XIE YINAN", "Xie Yinan"),
    ]  # "Clinton" fits two people; "yin" is lower case; "Yinshi" is another word


def test_find_mentions_longest_match() -> None:
    reg = SpeakerRegistry([HILLARY, Speaker("Chelsea Clinton")])
    found = reg.find_mentions("Hillary Rodham Clinton met Hillary Clinton and Chelsea.")
    assert [s.text for s, _ in found] == ["Hillary Rodham Clinton", "Hillary Clinton", "Chelsea"]


def test_find_mentions_is_fast_on_hostile_text(registry: SpeakerRegistry) -> None:
    for text in (
        "Yin " * 200_000,
        "“" * 10_000 + "Yin Qi" + "”" * 10_000,
        ("lorem ipsum dolor " * 60_000)[:1_000_000] + " Xie Yinan",
    ):
        start = time.perf_counter()
        found = registry.find_mentions(text)
        assert time.perf_counter() - start < 5
        assert found
    r = registry.resolve("Yin " * 50_000)
    assert r.speaker is None and "too long to name anyone" in r.reason
    assert registry.resolve("Yin " * 50_000, create=True).speaker is None  # nothing made of it
    assert registry.resolve("Mr. Yin, the company's co-founder").speaker == YIN


def test_exported() -> None:
    assert qv.SpeakerRegistry is SpeakerRegistry
    assert qv.Resolution is Resolution
    assert {"Resolution", "SpeakerRegistry"} <= set(qv.__all__)


# -- properties --------------------------------------------------------------------------

_PARTS = ["Yin", "Qi", "Xie", "Yinan", "Clinton", "Bill", "Zoë", "Novák", "印", "奇", "Li", "Wei"]
_ORGS = ["Megvii", "Human Rights Watch", "SenseTime", None]
_names = st.lists(st.sampled_from(_PARTS), min_size=1, max_size=3).map(" ".join)
_speakers = st.builds(
    Speaker,
    name=_names,
    aliases=st.lists(_names, max_size=2).map(tuple),
    roles=st.lists(
        st.sampled_from(["CEO", "vice president", "spokesperson", "founder"]), max_size=2
    ),
    organization=st.sampled_from(_ORGS),
    kind=st.sampled_from(["person", "person", "organization"]),
)
_mentions = st.one_of(
    _names,
    st.builds("a spokesperson for {}".format, _names),
    st.builds("{}'s chief executive".format, _names),
    st.sampled_from(
        ["the CEO", "the company", "a spokesperson for Megvii", "Mr. Yin", "Y. Qi", "SenseTime"]
    ),
)


_few_names = st.lists(st.sampled_from(["Megvii", "Yin", "Qi"]), min_size=1, max_size=2).map(
    " ".join
)
_clashing_speakers = st.builds(
    Speaker,
    name=_few_names,
    aliases=st.lists(_few_names, max_size=1).map(tuple),
    roles=st.lists(st.sampled_from(["CEO", "spokesperson"]), max_size=1),
    organization=st.sampled_from(["Megvii", "Yin", None]),
    kind=st.sampled_from(["person", "organization"]),
)


def test_same_named_organisations_resolve_the_same_in_any_order() -> None:
    a = Speaker("Megvii", aliases=("Megvii Technology",), kind="organization")
    b = Speaker("Megvii", aliases=("旷视",), kind="organization")
    for m in ("a spokesperson for Megvii", "Megvii", "the company"):
        assert SpeakerRegistry([a, b, YIN]).resolve(m) == SpeakerRegistry([YIN, b, a]).resolve(m)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.one_of(_speakers, _clashing_speakers), min_size=1, max_size=6),
    st.randoms(use_true_random=False),
    st.lists(_mentions, min_size=1, max_size=4),
)
def test_resolution_is_independent_of_insertion_order(
    speakers: list[Speaker], rnd: object, mentions: list[str]
) -> None:
    shuffled = list(speakers)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    a, b = SpeakerRegistry(speakers), SpeakerRegistry(shuffled)
    context = "Megvii and SenseTime; Yin Qi spoke."
    for m in mentions:
        assert a.resolve(m) == b.resolve(m)
        assert a.resolve(m, context=context) == b.resolve(m, context=context)
    text = " and ".join(mentions)
    assert a.find_mentions(text) == b.find_mentions(text)


@settings(max_examples=80, deadline=None)
@given(st.lists(_speakers, min_size=1, max_size=6))
def test_a_speaker_resolves_under_its_own_names(speakers: list[Speaker]) -> None:
    reg = SpeakerRegistry(speakers)
    everyone = [*reg, *reg.organizations]
    for s in reg:
        for n in s.names:
            key = name_key(n)
            owners = {o for o in everyone for m in o.names if name_key(m) == key}
            if owners != {s}:
                continue  # that name is shared: ambiguity is the right answer
            r = reg.resolve(n)
            assert r.speaker == s, (n, r)
            assert speaker_matches(s, n)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_name_key_is_idempotent(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key
    assert key == key.strip()
    assert "  " not in key


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_names, st.text(max_size=8)), max_size=12))
def test_find_mentions_spans_index_the_text(pieces: list[str]) -> None:
    text = " ".join(pieces)
    reg = SpeakerRegistry([*STORY, Speaker("Li Wei"), Speaker("Zoë Novák")])
    found = reg.find_mentions(text)
    last = 0
    for span, speaker in found:
        assert text[span.start : span.end] == span.text
        assert span.start >= last  # in order, never overlapping
        last = span.end
        assert speaker_matches(speaker, span.text) or speaker.kind is SpeakerKind.ORGANIZATION


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40), st.booleans())
def test_resolve_never_crashes(mention: str, create: bool) -> None:
    r = SpeakerRegistry(STORY).resolve(mention, context=mention, create=create)
    assert isinstance(r, Resolution)
    assert (r.speaker is None) or r.candidates == (r.speaker,)
    assert r.created == (r.method == "new")
    if r.ambiguous:
        assert r.speaker is None


def test_a_name_past_the_limit_is_a_clear_error() -> None:
    from quoteverify import InvalidInputError

    with pytest.raises(InvalidInputError, match="names are limited to 500"):
        Speaker("Yin " * 2_000)
    with pytest.raises(InvalidInputError, match="speaker alias"):
        Speaker("Yin Qi", aliases=("x" * 501,))


def _mentions_word_by_word(reg: SpeakerRegistry, text: str) -> list[tuple[Span, Speaker]]:
    """find_mentions as it was first written: every word token of the text tried in turn."""
    idx = reg._idx
    words = _word_spans(text)
    keys = [w[2] for w in words]
    out: list[tuple[Span, Speaker]] = []
    i = 0
    while i < len(words):
        step = 1
        for size in idx.forms_lengths.get(keys[i], ()):
            hit = idx.forms.get(tuple(keys[i : i + size])) if i + size <= len(words) else None
            if hit is None or (hit[1] and text[words[i][0]].islower()):
                continue
            start, end = words[i][0], words[i + size - 1][1]
            out.append((Span(start, end, text[start:end]), hit[0]))
            step = size
            break
        i += step
    return out


# Pieces where the C-level search for first words and the word-by-word tokens could part:
# case, diacritics (precomposed and combining), a Kelvin sign that matches "k" only when
# ignoring case, full-width letters, a ligature, CJK next to Latin, apostrophes, marks alone.
_TRICKY = [
    "Xie", "XIE", "xie", "Yinan", "Yin", "Qi", "yin", "印", "奇", "说", "Megvii", "Megvii’s",
    "Kate", "\u212aate", "Ünal", "U\u0308nal", "José", "Jose\u0301", "Zoë", "Novák", "ＬＩ", "Wei",
    "ﬁona", "O'Brien", "H.R.", "Clinton", "\u0301", "a\u0301", "the", "42", " ", "  ", "\n", ",",
    "-", "'", "“", "\u200b", "\u00a0", "😀", "Ann", "ANNA", "Annabel", "Anne", "Bell", "Lee",
    "\u0130", "Hillary", "Rodham", "Bill", "Hillary Rodham Clinton", "Hillary Rodham", "Annabel Lee",
    "Human Rights Watch", "Human", "Rights Watch", "the", "lawyer", "the lawyer", "the company",
]  # fmt: skip
# (Ann, Anna, Annabel share a prefix in the registry's trie of first words; "\u0130" lower-cases
# to two characters, so a text holding it is searched ignoring case instead of lower-cased.)


_MIXED_REGISTRY = SpeakerRegistry(
    [*STORY, Speaker("Kate Ünal"), Speaker("José Novák", aliases=("Fiona O'Brien",)),
     Speaker("Li Wei"), Speaker("Anna Bell", aliases=("Ann", "Annabel Lee", "the lawyer"))]
)  # fmt: skip
_SEPARATORS = ["", " ", " ", "-", "  ", ", ", "\n\n", "'s "]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(_TRICKY), max_size=14),
        st.lists(st.sampled_from([p for p in _TRICKY if p.isascii()]), max_size=14),
    ),
    st.lists(st.sampled_from(_SEPARATORS)),
)
def test_find_mentions_matches_a_word_by_word_scan(pieces: list[str], seps: list[str]) -> None:
    # find_mentions only reads the words where a form can start (in an ASCII text, a first
    # word of longer forms only where the next word goes on with one); it must find exactly
    # what reading every word would
    text = "".join(p + (seps[k % len(seps)] if seps else " ") for k, p in enumerate(pieces))
    assert _MIXED_REGISTRY.find_mentions(text) == _mentions_word_by_word(_MIXED_REGISTRY, text)


def test_find_mentions_of_longer_forms_in_ascii_text() -> None:
    text = (
        "The  lawyer met the data team; Human\n\nRights Watch and human rights, the\tlawyer. "
        "Clinton, Hillary and Clinton, Bill (index cards); Clinton alone."
    )
    found = [(s.text, sp.name) for s, sp in _MIXED_REGISTRY.find_mentions(text)]
    assert found == _mentions_word_by_word_pairs(_MIXED_REGISTRY, text)
    assert found == [
        ("The  lawyer", "Anna Bell"),
        ("Human\n\nRights Watch", "Human Rights Watch"),
        ("the\tlawyer", "Anna Bell"),
        ("Clinton, Hillary", "Hillary Rodham Clinton"),
        ("Clinton, Bill", "Bill Clinton"),
    ]


def test_find_mentions_across_scripts_and_case() -> None:
    reg = SpeakerRegistry([*STORY, Speaker("Kate Ünal")])
    text = "印奇说. \u212aate Unal met KATE ÜNAL; Xie\u0301 and Xie-Yinan and Zhang Xie left."
    found = [(s.text, sp.name) for s, sp in reg.find_mentions(text)]
    assert found == _mentions_word_by_word_pairs(reg, text)
    assert ("印奇", "Yin Qi") in found and ("KATE ÜNAL", "Kate Ünal") in found
    assert ("Xie-Yinan", "Xie Yinan") in found


def _mentions_word_by_word_pairs(reg: SpeakerRegistry, text: str) -> list[tuple[str, str]]:
    return [(s.text, sp.name) for s, sp in _mentions_word_by_word(reg, text)]


# --------------------------------------------------------------------------- issue 15: short forms

ACLU = Speaker("American Civil Liberties Union", kind="organization")
NTSB = Speaker("National Transportation Safety Board", kind="organization")
SEIU = Speaker("Service Employees International Union", kind="organization")
WHO = Speaker("World Health Organization", kind="organization")
ORGS = SpeakerRegistry([ACLU, NTSB, SEIU, WHO, XIE])


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("American Civil Liberties Union", "ACLU"),
        ("Federal Bureau of Investigation", "FBI"),
        ("Department of Health and Human Services", "DHHS"),
        ("Harlow Valley Water District", "HVWD"),
        ("Megvii", None),
        ("印奇", None),
        ("the union", None),
    ],
)
def test_acronym_of(name: str, initials: str | None) -> None:
    assert acronym_of(name) == initials


@pytest.mark.parametrize(
    ("mention", "who"),
    [
        ("ACLU", ACLU),
        ("the ACLU", ACLU),
        ("the ACLU's", ACLU),
        ("a spokesperson for the NTSB", NTSB),
        ("WHO", WHO),
        ("the board", NTSB),  # the one organisation whose name ends so
        ("the union", None),  # two do: ACLU and SEIU
        ("who", None),  # initials count in capitals only
    ],
)
def test_short_forms_of_organisations_resolve(mention: str, who: Speaker | None) -> None:
    r = ORGS.resolve(mention)
    assert r.speaker == who, r.reason
    if mention == "the union":
        assert r.ambiguous and set(r.candidates) == {ACLU, SEIU}


def test_the_context_chooses_among_short_forms_and_says_it_guessed() -> None:
    r = ORGS.resolve("the union", context="Members of the Service Employees International Union voted.")
    assert r.speaker == SEIU and r.guessed
    assert not ORGS.resolve("ACLU").guessed


def test_find_mentions_reads_initials_in_capitals_only() -> None:
    found = [(span.text, s) for span, s in ORGS.find_mentions("The WHO said who knows; the ACLU, Who.")]
    assert found == [("WHO", WHO), ("ACLU", ACLU)]


def test_aliases_of_offers_the_initials() -> None:
    assert ORGS.aliases_of(ACLU) == ("ACLU",)
    assert ORGS.aliases_of(XIE) == ()  # a person's initials are not offered
    twins = SpeakerRegistry([ACLU, Speaker("Arizona Credit Lenders Union", kind="organization")])
    assert twins.aliases_of(ACLU) == ()  # shared initials name neither
    assert twins.resolve("ACLU").ambiguous


@pytest.mark.parametrize(
    ("written", "name", "same"),
    [
        ("Rep. Dana Whitfield (D-Ore.)", "Dana Whitfield", True),
        ("Council Leader Ana Ruiz, D-Harlow,", "Ana Ruiz", True),
        ("Marcus Ohene, 41,", "Marcus Ohene", True),
        ("Harlow County Commissioner Lena Varga", "Lena Varga", True),
        ("Transit Chairman Tom Adeyemi (R-Ohio)", "Transit Chairman Tom Adeyemi", True),
        ("Rep. Dana Whitfield (D-Ore.)", "Dana Okafor", False),
        ("Sen. Ana Ruiz (R)", "Ana Ortiz", False),
        ("Harlow County Commissioner Lena Varga", "Lena Brooks", False),
    ],
)
def test_a_name_as_news_style_writes_it_is_the_person(written: str, name: str, same: bool) -> None:
    # party and state, an age, and the words before the last title are not part of who speaks:
    # a story's "Rep. Dana Whitfield (D-Ore.)" is the transcript's Dana Whitfield
    assert same_speaker(written, name) is same
    assert same_speaker(name, written) is same
    src = qv.Source.from_transcript(f"{name.upper()}: The port audit is not finished.\n")
    v = qv.verify("The port audit is not finished", src, speaker=written)
    assert v.attribution is not None
    assert v.attribution.status.value == ("confirmed" if same else "misattributed"), v.attribution.message


@pytest.mark.parametrize(
    ("label", "claimed", "same"),
    [
        ("MS. RUIZ-OKAFOR", "Lena Ruiz-Okafor", True),
        ("MR. O'BRIEN", "Tom O'Brien", True),
        ("MS. RUIZ-OKAFOR", "Lena Ruiz-Ortega", False),
        ("DIRECTOR ADEYEMI", "Tom Adeyemi", True),
        ("CHAIR VARGA", "Lena Varga", True),
        ("ADMINISTRATOR OKAFOR", "Grace Okafor", True),
        ("CHAIR VARGA", "Lena Okafor", False),
    ],
)
def test_a_joined_family_name_after_a_title_is_the_person(label: str, claimed: str, same: bool) -> None:
    # official transcripts label by title and family name: "MS. RUIZ-OKAFOR:" is Lena
    # Ruiz-Okafor, and a quote of hers is no accusation of herself
    src = qv.Source.from_transcript(f"{label}: The port audit is not finished.\n")
    v = qv.verify("The port audit is not finished", src, speaker=claimed)
    assert v.attribution is not None
    assert v.attribution.status.value == ("confirmed" if same else "misattributed"), v.attribution.message
