"""Find every quote in a reporting text and who the story attributes it to.

:func:`extract_quotes` scans a story once with a small state machine over its
quotation marks (every common style, nested, apostrophes told apart), groups
split quotes, and reads the attribution around each quote: the speaker mention,
the reporting verb (the *cue*), and the framing sentence. Pronouns and
descriptions are resolved to the most recent compatible speaker, read as a
reader follows the text: the narration's own "He ..." and "She ..." carry who it
has been following, a story's later surname alone is the person it named in
full, "her mother" is found in the other's family (else she is the married woman
of the scene), "his companion" is never the man "his" stands for, "said the man"
is someone the narration knows by a description, "the old gentleman" is no child
the narration calls "little Oliver", and a person the quote addresses is not its
speaker. A person the registry gives no gender has the one the whole text shows
(titles, and "he"/"she" after them as a subject, by vote; never over the
registry's), and a new line of dialogue is the other party's unless the narration
went on about the previous speaker after their line (or, for "he"/"she", that
speaker was only a guess). Quotes with no cue at all
are given to a speaker by conversation
turn-taking (across a short line of narration; a character acting in the
paragraph before takes the floor; a line said "to Nadia" is answered by her),
and a transcript's ``NAME:`` printed in a story names its paragraph's speaker.
Whoever is a guess is flagged ``uncertain``. The mention shown is the one in the
quote's own clause (a relative "who" standing for the name before it); a
document ("the statement said"), a thing given a name ("a box labeled") and a
passive ("was asked") name nobody who speaks.
:func:`parse_article` turns an article into a :class:`~quoteverify.model.Source`
whose turns are its quoted passages.

Choices where the spec leaves room:

* a split quote (``"A," he said. "B."``) is one :class:`AttributedQuote` with
  one span per part in ``parts``; its ``text`` joins the parts with a single
  space (the parts are usually contiguous in the source, so the joined text is
  what a verifier should find); ``span`` runs from the first part to the last.
  Multi-paragraph quotes are split the same way, one part per paragraph.
* indirect speech is returned only with ``include_indirect=True``, flagged
  ``direct=False``, after the direct quotes it does not overlap.

>>> story = ('Xie Yinan, Megvii\\'s vice president, was blunt. '
...          '"We don\\'t have access to the data," he said. '
...          '"What we do is sell them a server. That\\'s all."')
>>> [q] = extract_quotes(story)
>>> q.text
"We don't have access to the data, What we do is sell them a server. That's all."
>>> q.speaker.name, q.speaker_mention.text, q.cue.text, len(q.parts)
('Xie Yinan', 'he', 'said', 2)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import regex  # type: ignore[import-untyped,unused-ignore]

from ._quotemarks import SPACE, Quotation, is_blank, scan_quotations, trim
from ._text import SENTENCE_END, TITLE_PATTERN, alternation, either_case, is_sentence_end
from .descriptions import Descriptions
from .errors import check_text
from .model import MAX_NAME_CHARS, AttributedQuote, Source, Span, Speaker, SpeakerKind, Turn
from .vocabulary import (
    AUXILIARIES,
    BARE_PERSON_NOUNS,
    CHILD_MARKERS,
    DESCRIPTION_DETERMINERS,
    DESCRIPTION_PREPOSITIONS,
    DESCRIPTION_STOPS,
    DOCUMENT_NOUNS,
    ENDEARMENTS,
    FEMALE_NOUNS,
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    GROWN_UP_WORDS,
    INDEFINITE_DETERMINERS,
    INDIRECT_SPEECH_VERBS,
    KIN_MARRIED,
    KIN_NOUNS,
    MALE_NOUNS,
    MALE_PRONOUNS,
    MALE_TITLES,
    MARRIED_FEMALE_TITLES,
    NAME_PARTICLES,
    NAMING_CUES,
    NOT_LABELS,
    NOT_NAMES,
    NOUN_CUES,
    ORGANISATION_NAME_WORDS,
    ORGANISATION_NOUNS,
    OTHER_PARTY,
    PASSIVE_AUXILIARIES,
    PASSIVE_SPEECH_VERBS,
    PLACE_PREPOSITIONS,
    PREDICATE_WORDS,
    RELATION_NOUNS,
    RELATIVE_PRONOUNS,
    SAME_SPEAKER_CUES,
    SCENE_WORDS,
    SPEECH_NOUNS,
    SPEECH_PARTICIPLES,
    SPEECH_VERB_PHRASES,
    SPEECH_VERBS,
    SPOKEN_TO_VERBS,
    STRANGER_NOUNS,
    SUBORDINATE_OPENERS,
    TITLES,
    TRAILING_SPEECH_VERBS,
    VIEWPOINT_OPENERS,
)

if TYPE_CHECKING:
    import datetime as _dt

    from .speakers import SpeakerRegistry

__all__ = ["extract_quotes", "parse_article"]


# --------------------------------------------------------------------------------------------
# Attribution patterns. Every repetition is bounded and every pattern runs on a bounded window
# next to one quote, so the cost stays linear in the number of quotes.
# --------------------------------------------------------------------------------------------

_CUE_LIST = sorted(SPEECH_VERBS, key=lambda w: (-len(w), w))
_CUE = (
    r"(?:" + "|".join(_CUE_LIST) + "|" + alternation(SPEECH_VERB_PHRASES) + r")\b"
)
_ACCORDING = r"(?:(?i:according\s+to)|\bper)\b"
_PASSIVE = alternation(PASSIVE_SPEECH_VERBS)
_PASSIVE_AUX = alternation(PASSIVE_AUXILIARIES)
_CUE_LIST_SET = frozenset(_CUE_LIST)
_TITLE = TITLE_PATTERN
# (never from inside a word or an initialism: the "S." of "U.S." is no one; "U.S." is one word)
_NAMEWORD = r"(?<![\p{L}\p{M}.])(?:(?:\p{Lu}\.){1,3}(?=\s)|\p{Lu}[\p{Ll}\p{Lu}\p{M}\-]*(?:['\u2019]\p{Ll}+)?)"
_PARTICLE = rf"(?:{alternation(NAME_PARTICLES)})"
_CJK = r"[\p{Han}\p{Hangul}\p{Katakana}\p{Hiragana}]{2,8}"
# the space inside a name: at most one line break (a name never runs over a blank line:
# "... for Griner and Whelan" then "By a staff reporter" are not "Whelan By")
_NSP = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"
_PROPER = rf"(?:(?:{_TITLE}\s+)?{_NAMEWORD}(?:{_NSP}(?:{_PARTICLE}{_NSP})?{_NAMEWORD}){{0,5}}|{_CJK})"
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Ii]t|[Yy]ou)\b"
_STOP = rf"(?:{alternation(DESCRIPTION_STOPS)})"
_DWORD = rf"(?!{_STOP}\b)[\p{{L}}\p{{N}}\p{{M}}\-]+(?:['\u2019]s)?"
# a number counts people as a determiner does ("63 percent said", "1,200 workers signed"):
# always someone new, never an earlier speaker (see _INDEFINITE)
# (bounded and only at a number's start: searched at every position of a long run of digits)
_NUMERAL = r"(?:(?<![\p{Nd},.])\p{Nd}[\p{Nd},.]{0,15}+(?:%|\s+per\s?cent)?)"
_DET = rf"(?:{either_case(DESCRIPTION_DETERMINERS)}|{_NUMERAL})"
_DESC = rf"(?:(?:{_DET}|{_NAMEWORD}['\u2019]s)\s+(?:{_DWORD}\s+){{0,4}}{_DWORD})"
# a description with one prepositional phrase, next to its verb: "a narrator in the Clinton ad"
_DESC_PP = (
    rf"(?:{_DESC}(?:\s+(?:{alternation(DESCRIPTION_PREPOSITIONS)})\s+(?:{_DESC}|{_PROPER}))?)"
)
_PAREN = r"(?:\s*\([^()\n]{1,30}\))?"  # "Paul D. Ryan (R-Wis.)"
# lower-case role words before a name: "retired Air Force general Lloyd Newton"
_LOWW = rf"(?!{_STOP}\b)\p{{Ll}}[\p{{L}}\-]*"
_CAPW = r"\p{Lu}[\p{L}\-]*"
_ROLE_WORDS = (  # ends on a lower-case word, so "Miss Jackson" and "Maya Wang" stay whole
    rf"(?:(?:{_CAPW}|{_LOWW})\s+){{0,4}}{_LOWW}\s+(?={_PROPER})"
)
_AUX = rf"(?:{alternation(AUXILIARIES)})"
_ADV = r"(?:\p{Ll}+ly)"
_APPOS = r"(?:\s*,\s*[^,\n\"\u201c\u201d\u00ab\u00bb]{1,150}?\s*,)"

# quote ... (cue mention | mention cue | according to mention)
_AFTER = regex.compile(
    rf"""\A[\s,;:\u2014\u2013-]{{0,4}}
    (?:(?P<cue1>{_CUE})\s+(?:(?P<m1>{_DESC}|{_PROPER}|{_PRONOUN}))
      |(?P<cue3>{_ACCORDING})\s+(?:{_ROLE_WORDS})?(?P<m3>{_DESC}|{_PROPER})
      |(?:as\s+)?(?:{_ROLE_WORDS})?(?P<m2>{_PROPER}|{_PRONOUN}|{_DESC_PP}){_PAREN}{_APPOS}?\s+(?:{_AUX}\s+){{0,2}}(?:{_ADV}\s+)?(?P<cue2>{_CUE}|(?:{alternation(TRAILING_SPEECH_VERBS)})\b)
      |(?:{_PASSIVE_AUX})\s+(?P<cue4>{_PASSIVE})\s+by\s+(?P<m4>{_DESC}|{_PROPER}))""",
    regex.X,
)
# _BEFORE_NAME and _BEFORE_DESC are searched over a whole sentence up to its cue, so a name
# word there is read possessively and only in a run of at most 100 letters: a run of capitals
# is not read again to its end from every position inside it (quadratic: 20,000 capitals
# before "said" took 90 s). Backtracking into a word never helps (what follows a name word is
# a space, a bracket, a comma or an apostrophe), so the one change is that a run of letters
# longer than 100 holds no name word (not even its last hundred letters).
_NAMEWORD_CAPPED = (
    r"(?<![\p{L}\p{M}.])(?:(?:\p{Lu}\.){1,3}(?=\s)|\p{Lu}[\p{Ll}\p{Lu}\p{M}\-]{0,99}+(?![\p{Ll}\p{Lu}\p{M}\-])"
    r"(?<![\p{Ll}\p{Lu}\p{M}\-]{101})(?:['\u2019]\p{Ll}+)?)"
)
_BEFORE_NAME = regex.compile(
    rf"(?P<m>{_PROPER}|{_PRONOUN}){_PAREN}{_APPOS}?\s+(?:{_AUX}\s+){{0,2}}(?:{_ADV}\s+)?\Z".replace(
        _NAMEWORD, _NAMEWORD_CAPPED
    )
)
_BEFORE_DESC = regex.compile(
    rf"(?P<m>{_DESC_PP}){_APPOS}?\s+(?:{_AUX}\s+){{0,2}}(?:{_ADV}\s+)?\Z".replace(
        _NAMEWORD, _NAMEWORD_CAPPED
    )
)
_CUE_RE = regex.compile(rf"\b(?:{_CUE}|{_ACCORDING})")
_ACCORDING_CUE = regex.compile(_ACCORDING)
# Between a sentence's subject and a quote that is its predicate: nothing, or a copula, an
# auxiliary and an adverb ('Social Security is "going broke"', 'Medicare would "bankrupt ..."').
_PREDICATE_GAP = regex.compile(
    rf"[\s,]*(?:(?:{alternation(PREDICATE_WORDS)}|\p{{Ll}}+ly)[\s,]+){{0,3}}"
)
# A name right after one of these is a place or a setting, not someone who can speak
# ("Clinton was in Las Vegas", "a rally at Madison Square Garden").
_PLACE_BEFORE = regex.compile(rf"(?:\b(?i:{alternation(PLACE_PREPOSITIONS)})\s+(?:the\s+)?)\Z")
_ACCORDING_AFTER = regex.compile(  # used with match(pos): no \A (it means the string start)
    rf"\s+(?:{_ROLE_WORDS}(?P<n>{_PROPER})|(?P<m>{_DESC}|{_PROPER})"
    rf"|(?:\p{{Ll}}[\p{{L}}\-]*\s+){{1,4}}(?P<k>{_PROPER}))"
)
_WORD_RE = regex.compile(r"\S+")
_DESC_AT = regex.compile(rf"[\s\u2014\u2013-]*(?P<d>{_DESC})")
_SUBJECT = regex.compile(rf"\A[\s\u2014\u2013-]*(?:(?P<m>{_PROPER}|{_PRONOUN})|(?P<d>{_DESC}))")
# The _PROPER names of two words or more (a title and a name, or a name of several words):
# what finditer(_PROPER) gives minus its one-word matches, found in C. The atomic group takes
# the match finditer would; a one-word one is skipped past ((*SKIP)(*FAIL)), as finditer
# steps past a match, so a million capitalised words ("Q1: ok") cost no Python step each.
_NAME_REST = rf"{_NSP}(?:{_PARTICLE}{_NSP})?{_NAMEWORD}"
_NAMES_IN_TEXT = regex.compile(
    rf"(?>(?:(?P<t>{_TITLE}\s+){_NAMEWORD}|{_NAMEWORD})(?P<c>{_NAME_REST})?(?:{_NAME_REST}){{0,4}}"
    rf"|{_CJK})(?(t)|(?(c)|(*SKIP)(*FAIL)))"
)
_OPENING_ADVERB = regex.compile(r"\p{Lu}\p{Ll}+ly,")  # "Conversely, the agency ..."
_TITLED_AFTER = regex.compile(rf"\s+(?P<m>{_TITLE}\s+{_NAMEWORD}(?:{_NSP}{_NAMEWORD}){{0,4}})")
_ROLE_THEN_NAME = regex.compile(rf"(?P<role>(?:\s+\p{{Ll}}[\p{{L}}\-]*){{1,3}})\s+(?P<m>{_PROPER})")
_SCENE = regex.compile(rf"(?i)\b(?:{alternation(SCENE_WORDS)})\b")
_PARA = regex.compile(r"\n[ \t]*\n")

_PRONOUN_GENDER = {"he": "m", "she": "f"}
_TURNED_TO = regex.compile(rf"\b(?:{alternation(SPOKEN_TO_VERBS)})\s+(?:\w+\s+)?to\s+\Z")
# gender learnt from the narration (people the registry gives none): a title at or
# just before a mention, and the first gendered pronoun after it in its sentence
_GENDERED_PRONOUN = regex.compile(rf"\b(?:{either_case(MALE_PRONOUNS | FEMALE_PRONOUNS)})\b")
_TITLE_BEFORE = regex.compile(rf"\b(?P<t>{_TITLE})\s+\Z")
_CUE_BEFORE = regex.compile(rf"\b{_CUE}\s+\Z")
_TITLE_AT = regex.compile(rf"(?P<t>{_TITLE})\s")
_CHAIN_PRONOUN = regex.compile(rf"\b({either_case(_PRONOUN_GENDER)})\b")
_CLAUSE_BEFORE = regex.compile(r"(?:[;:]|,? and|,? but|, when|, as)\s+\Z")
_NOT_NAMES = frozenset(w.capitalize() for w in NOT_NAMES)  # as they open a sentence
_STOP_WORDS = DESCRIPTION_STOPS
_DET_WORDS = frozenset(w.capitalize() for w in DESCRIPTION_DETERMINERS)
_TITLE_RE = regex.compile(rf"\A{_TITLE}\s+")


# --------------------------------------------------------------------------------------------
# The text's layout: paragraphs, sentences, quote interiors.
# --------------------------------------------------------------------------------------------


# "Sen. Claire Ruiz (D-Mo.) scolded him": a full stop closed by a bracket, then a lower-case
# word, abbreviates inside the brackets; the sentence goes on.
_BRACKETED_ABBREVIATION = regex.compile(r"\.\)\s+\p{Ll}")


class _Layout:
    """Paragraph and sentence starts of a text, and the extent of its quotations."""

    def __init__(self, text: str, raws: Sequence[Quotation]) -> None:
        self.text = text
        self.opens = [r.open_at for r in raws]
        self.closes = [r.close_at for r in raws]
        self.paras = [0] + [m.end() for m in _PARA.finditer(text)]
        starts = [0]
        for m in SENTENCE_END.finditer(text):
            end = m.end()
            if self.inside_quote(end - 1) or (
                self.inside_quote(m.start()) and not self._closes_at(m)
            ):
                continue
            if not is_sentence_end(text, m) or _BRACKETED_ABBREVIATION.match(text, m.start(), end + 1):
                continue
            if end > starts[-1]:
                starts.append(end)
        self.sentences = starts

    def _closes_at(self, m: regex.Match[str]) -> bool:
        k = bisect.bisect_right(self.opens, m.start()) - 1
        return k >= 0 and self.closes[k] <= m.end()

    def inside_quote(self, pos: int) -> bool:
        """True when ``pos`` lies strictly inside a quotation (marks included)."""
        k = bisect.bisect_right(self.opens, pos) - 1
        return k >= 0 and pos < self.closes[k]

    def para_index(self, pos: int) -> int:
        return bisect.bisect_right(self.paras, pos) - 1

    def para_end(self, pos: int) -> int:
        k = self.para_index(pos)
        return self.paras[k + 1] if k + 1 < len(self.paras) else len(self.text)

    def sentence_start(self, pos: int) -> int:
        return self.sentences[bisect.bisect_right(self.sentences, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        k = bisect.bisect_right(self.sentences, pos)
        return self.sentences[k] if k < len(self.sentences) else len(self.text)


# --------------------------------------------------------------------------------------------
# Speakers: resolution of mentions, with a discourse memory for pronouns and descriptions.
# --------------------------------------------------------------------------------------------


def _gender(speaker: Speaker) -> str | None:
    g = speaker.gender
    if g is None or g in {"m", "f"}:
        return g  # (the common forms, without the string work: this is called per mention)
    g = g.strip().lower()
    if g in ("m", "male", "man"):
        return "m"
    if g in ("f", "female", "woman"):
        return "f"
    return None


def _compatible(speaker: Speaker, gender: str | None, kind: str | None) -> bool:
    if kind == "org" and speaker.kind is not SpeakerKind.ORGANIZATION:
        return False
    if kind == "person" and speaker.kind is SpeakerKind.ORGANIZATION:
        return False
    g = _gender(speaker)
    return gender is None or g is None or g == gender


def _strip_name(mention: str) -> tuple[str, str | None]:
    """The name in a mention without its title or possessive, and the title's gender hint."""
    name = mention.strip()
    gender = None
    m = _TITLE_RE.match(name)
    if m:
        title = m.group().strip().rstrip(".").lower()
        gender = "f" if title in FEMALE_TITLES else "m" if title in MALE_TITLES else None
        rest = name[m.end() :].strip()
        if rest:
            name = rest
    if name.endswith(("'s", "\u2019s")):
        name = name[:-2]
    return name or mention, gender


@attrs.frozen
class _Resolved:
    speaker: Speaker | None
    reason: str
    uncertain: bool = False


class _Speakers:
    """Resolution of mentions within one text: registry first, then a local memory."""

    def __init__(self, text: str, layout: _Layout, registry: SpeakerRegistry | None) -> None:
        self.text = text
        self.layout = layout
        self.registry = registry
        self.local: dict[str, Speaker] = {}
        self.surnames: dict[str, Speaker] = {}
        # (start, end, speaker) of every mention outside quotations, in text order; attributions
        # found while extracting go to ``said`` (appended in text order, so no list inserts)
        self.events: list[tuple[int, int, Speaker]] = []
        self.said: list[tuple[int, int, Speaker]] = []
        self.inner: list[tuple[int, int, Speaker]] = []  # mentions inside quotations (vocatives)
        if registry is not None:
            for span, speaker in registry.find_mentions(text):
                bucket = self.inner if layout.inside_quote(span.start) else self.events
                bucket.append((span.start, span.end, speaker))
        else:
            for m in _NAMES_IN_TEXT.finditer(text):
                words = m.group().split()
                if layout.inside_quote(m.start()) or _HEADLINE.fullmatch(m.group()):
                    continue
                start = m.start()
                if len(words) > 2 and words[0] in _NOT_NAMES and _TITLE_RE.match(m.group()) is None:
                    # "When Hillary Clinton spoke": the name after the sentence's first word
                    start = m.start() + m.group().index(words[1], len(words[0]))
                    words = words[1:]
                if _TITLE_RE.match(m.group()) is None and (
                    any(w.strip(".,") in ORGANISATION_NAME_WORDS for w in words) or words[0] in _NOT_NAMES
                ):
                    continue
                if _PLACE_BEFORE.search(text, max(0, start - 24), start):
                    continue  # "in Las Vegas": a place, never the antecedent of "she said"
                named = self.named(text[start : m.end()])
                if named is not None:
                    self.events.append((start, m.end(), named))
            self._surname_mentions()
        self.positions = [e[0] for e in self.events]
        self.said_positions: list[int] = []
        self.children = self._children() if registry is not None else frozenset()
        self.descriptions: Descriptions | None = None
        # genders the narration shows for the people the registry (if any) gives none
        self.learned: dict[Speaker, str] = self._learn_genders()
        if registry is not None:
            self.descriptions = Descriptions(
                text, self.events, described=_described, gender=self.gender, unnamed=STRANGER_NOUNS
            )
            self._chain_pronouns()
        self.inner_positions = [e[0] for e in self.inner]
        self.narrator: Speaker | None = None
        self.narrator_inferred = False

    def _surname_mentions(self) -> None:
        """A story's later "Clinton" or "Stumpf's" alone, once "Hillary Clinton" or "John Stumpf"
        has been named: a mention of them too (a single capitalised word is no name by itself)."""
        if not self.events:
            return
        first: dict[str, int] = {}
        for start, _, s in self.events:
            last = s.name.casefold().rsplit(" ", 1)[-1]
            if " " in s.name and self.surnames.get(last) == s:
                first.setdefault(last, start)
        if not first:
            return
        taken = [(a, b) for a, b, _ in self.events]
        starts = [a for a, _ in taken]
        extra = []
        for m in _SURNAME.finditer(self.text):
            key = m.group(1).casefold()
            if key not in first or m.start() <= first[key] or self.layout.inside_quote(m.start()):
                continue
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and taken[k][1] > m.start():
                continue  # part of a longer name already counted
            extra.append((m.start(), m.start() + len(m.group(1)), self.surnames[key]))
        if extra:
            self.events = sorted(self.events + extra, key=lambda e: e[0])

    def _learn_genders(self) -> dict[Speaker, str]:
        """The gender of each person the registry gives none (with no registry, each named
        person whose title says none), as the whole text shows it. Each of these is a vote: a
        title at or just before a mention, in the narration or the dialogue ("Mrs. Okafor",
        "Good night, Lord Vane"); the first "he", "his", "she", "herself" ... after a mention
        that is its sentence's subject or a cue's ("Okafor closed her notebook", '"...," said
        Okafor, shaking her head'), nobody else named in between. A gender is learnt with
        :data:`_GENDER_VOTES` votes and :data:`_GENDER_MARGIN` times the other's; people the
        registry knows by a description ("The Painter") learn none (they often stand in for a
        named person)."""
        text, layout, events = self.text, self.layout, self.events
        votes: dict[Speaker, list[int]] = {}
        for i, (start, end, s) in enumerate(events):
            if s.kind is SpeakerKind.ORGANIZATION or _gender(s) is not None or _described(s):
                continue
            title = _TITLE_AT.match(text, start, end) or _TITLE_BEFORE.search(
                text, max(0, start - 16), start
            )
            g = None
            if title is not None:
                t = title.group("t").rstrip(".").casefold()
                g = "f" if t in FEMALE_TITLES else "m" if t in MALE_TITLES else None
            if g is None and not text.startswith(("'s", "\u2019s"), end):  # "Ruiz's father ... he"
                stop = min(layout.sentence_end(end), end + _GENDER_REACH)
                if i + 1 < len(events) and events[i + 1][2] != s:
                    stop = min(stop, events[i + 1][0])  # someone else named first: theirs
                m = _GENDERED_PRONOUN.search(text, end, stop)
                subject = not text[layout.sentence_start(start) : start].strip(_OPENERS) or (
                    _CUE_BEFORE.search(text, max(0, start - 24), start) is not None
                )  # the sentence's subject, or a cue's: '"...," said Okafor, shaking her head'
                if m is not None and not layout.inside_quote(m.start()) and (
                    subject or m.group().casefold().endswith("self")
                ):
                    g = "m" if m.group().casefold() in MALE_PRONOUNS else "f"
            if g is not None:
                counts = votes.setdefault(s, [0, 0])
                counts[g == "f"] += 1
        for start, end, s in self.inner:  # "Good night, Mrs. Okafor": a title in the dialogue
            if s.kind is SpeakerKind.ORGANIZATION or _gender(s) is not None or _described(s):
                continue
            title = _TITLE_AT.match(text, start, end) or _TITLE_BEFORE.search(
                text, max(0, start - 16), start
            )
            if title is not None:
                t = title.group("t").rstrip(".").casefold()
                if t in FEMALE_TITLES or t in MALE_TITLES:
                    votes.setdefault(s, [0, 0])[t in FEMALE_TITLES] += 1
        learned: dict[Speaker, str] = {}
        for s, (m_votes, f_votes) in votes.items():
            win, lose, g = (m_votes, f_votes, "m") if m_votes > f_votes else (f_votes, m_votes, "f")
            if win >= _GENDER_VOTES and win >= _GENDER_MARGIN * lose:
                learned[s] = g
        return learned

    def gender(self, speaker: Speaker) -> str | None:
        """``speaker``'s gender: the registry's, else the one learnt from the text (or None)."""
        if speaker.gender is None and self.learned:
            return self.learned.get(speaker)
        return _gender(speaker)

    def compatible(self, speaker: Speaker, gender: str | None, kind: str | None) -> bool:
        """:func:`_compatible`, with the genders learnt from the text (called per mention)."""
        if kind == "org" and speaker.kind is not SpeakerKind.ORGANIZATION:
            return False
        if kind == "person" and speaker.kind is SpeakerKind.ORGANIZATION:
            return False
        if gender is None:
            return True
        g = self.gender(speaker)
        return g is None or g == gender

    def _children(self) -> frozenset[Speaker]:
        """The characters the narration calls "little Oliver" or "Master Tom" (three times at
        least): children, whom "the old gentleman" or "said the man" does not describe."""
        seen: dict[Speaker, int] = {}
        for start, end, s in self.events:
            lead = self.text[max(0, start - 16) : start].split()
            if (
                lead
                and lead[-1].casefold() in CHILD_MARKERS
                and (len(lead) < 2 or lead[-2].casefold() not in ("the", "a", "an", "his", "her"))
                and _TITLE_RE.match(self.text, start, end) is None
            ):
                # "little Oliver", not "the little doctor" or "his master Mr. Woodhouse"
                seen[s] = seen.get(s, 0) + 1
        return frozenset(s for s, n in seen.items() if n >= _CHILD_MENTIONS)

    def _chain_pronouns(self) -> None:
        """Narration's "He ..." / "She ..." opening a sentence, read as the reader does: each taken
        as the most recent person of that gender and kept as a mention of them, so that a later
        "he said" finds whom the narration has been following, not a name further back."""
        text, layout = self.text, self.layout
        events, positions = self.events, self.positions
        merged: list[tuple[int, int, Speaker]] = []
        starts: list[int] = []
        self.events, self.positions = merged, starts  # what ``recent`` reads, as it grows
        k = 0
        for m in _CHAIN_PRONOUN.finditer(text):
            pos = m.start(1)
            if layout.inside_quote(pos) or (
                layout.sentence_start(pos) != pos and not _CLAUSE_BEFORE.search(text, max(0, pos - 8), pos)
            ):
                continue
            while k < len(events) and events[k][0] < pos:
                merged.append(events[k])
                starts.append(events[k][0])
                k += 1
            best, _ = self.recent(pos, _PRONOUN_GENDER[m.group(1).casefold()], "person", strict=True)
            if best is not None:
                merged.append((pos, m.end(1), best))
                starts.append(pos)
        merged.extend(events[k:])
        starts.extend(positions[k:])

    def named(self, mention: str) -> Speaker | None:
        """An unregistered speaker for ``mention``; the same name always gives an equal speaker.

        None when no speaker can have that name (longer than a name may be: a run of
        capitals in a hostile text), so one odd "name" does not fail the whole story.
        """
        name, gender = _strip_name(mention)
        key = " ".join(name.casefold().split())
        if key in self.local:
            return self.local[key]
        last = key.rsplit(" ", 1)[-1]
        known = self.surnames.get(last)
        if known is not None and (" " not in key or key.split(" ", 1)[0] in known.name.casefold()):
            return known
        if len(name) > MAX_NAME_CHARS:
            return None
        words = name.split()
        # "The United Nations Security Council", "Wells Fargo Bank": an organisation ("it said");
        # a two-word name ending in such a word may be a person's ("Margaret Court")
        org = gender is None and (len(words) >= 3 or words[0] == "The") and any(
            w.strip(".,") in ORGANISATION_NAME_WORDS for w in words[1:]
        )
        speaker = Speaker(
            name, gender=gender, registered=False,
            kind=SpeakerKind.ORGANIZATION if org else SpeakerKind.PERSON,
        )
        self.local[key] = speaker
        self.surnames.setdefault(last, speaker)
        return speaker

    def remember(self, start: int, end: int, speaker: Speaker) -> None:
        """Record that the story attributed words to ``speaker`` at ``start``."""
        if self.said_positions and start < self.said_positions[-1]:
            k = bisect.bisect_right(self.said_positions, start)
            self.said_positions.insert(k, start)
            self.said.insert(k, (start, end, speaker))
        else:
            self.said_positions.append(start)
            self.said.append((start, end, speaker))

    def before(self, pos: int, limit: int = 60) -> Iterable[tuple[int, int, Speaker]]:
        """Mentions and attributions before ``pos``, most recent first (at most ``limit``)."""
        i = bisect.bisect_left(self.positions, pos) - 1
        j = bisect.bisect_left(self.said_positions, pos) - 1
        for _ in range(limit):
            if i < 0 and j < 0:
                return
            if j < 0 or (i >= 0 and self.events[i][0] >= self.said[j][0]):
                yield self.events[i]
                i -= 1
            else:
                yield self.said[j]
                j -= 1

    def recent(
        self,
        pos: int,
        gender: str | None,
        kind: str | None,
        *,
        exclude: Speaker | None = None,
        strict: bool = False,
        unfit: frozenset[Speaker] = frozenset(),
    ) -> tuple[Speaker | None, Speaker | None]:
        """The most recent compatible speaker mentioned before ``pos``, and the runner-up.

        ``strict``: only speakers whose gender is known to be ``gender``.
        """
        best: Speaker | None = None
        other: Speaker | None = None
        sentence = -1
        for start, end, s in self.before(pos):
            if s == exclude or s in unfit or not self.compatible(s, gender, kind):
                continue
            if strict and self.gender(s) != gender:
                continue
            if best is None and strict and _described(s) and not (
                self.layout.para_index(pos) - self.layout.para_index(start) <= 1
                and _full_description(self.text[start:end])
            ):
                # "the little old lady", "the vicar": a character the cast knows by a
                # description, whose words ("an old lady with her dog") turn up in passing;
                # a named person of that gender a little further back is the likelier "she"
                # (unless the narration has just brought them in by a full description: "I
                # saw a grey-headed old man with a wooden leg. He looked like a soldier.")
                named = self._named_before(start, gender, kind, exclude)
                if named is not None:
                    return named, s
            if best is None:
                best, sentence = s, self._clause_start(start)
            elif start >= sentence:
                if s != best:
                    other = best
                best = s  # prefer the earliest (the subject) in the nearest sentence naming one
            elif s != best:
                return best, other or s
        return best, other

    def _kin(self, words: list[str], near: int, exclude: Speaker | None) -> _Resolved | None:
        """ "her mother", "his wife": the relative, among the characters who share the surname of
        the most recent person "her"/"his" can be (with Mrs./Mr. for a married relation).
        "Elizabeth's father", "the undertaker's wife": the possessor is whom the registry (or
        the descriptions the text has linked) names by those words."""
        if len(words) < 2 or words[-1] not in KIN_NOUNS:
            return None
        anchor: Speaker | None = None
        if len(words) == 2 and words[0] in ("his", "her"):
            anchor, _ = self.recent(near, _PRONOUN_GENDER["he" if words[0] == "his" else "she"], "person",
                                    strict=True)
        elif words[-2].endswith(("'s", "\u2019s")) and self.registry is not None:
            anchor = self._possessor(" ".join(words[:-1])[:-2], near)
        if anchor is None or self.registry is None:
            return None
        family = _surnames(anchor)
        kin_noun = words[-1]
        gender = "m" if kin_noun in MALE_NOUNS else "f"
        titles = (MALE_TITLES if gender == "m" else FEMALE_TITLES) if kin_noun in KIN_MARRIED else None
        fits = [
            s for s in self.registry
            if s not in (anchor, exclude) and self.gender(s) == gender and family & _surnames(s)
            and (titles is None or _titled(s, titles))
        ]
        if not fits and titles is not None and gender == "f":
            # no relative shares a family name the registry gives "her" ("Elizabeth"): a
            # married relation is then the nearest other woman titled as married ("Mrs.
            # Bennet") in the scene; a man's title ("Mr.") says nothing of it
            pick = next(
                (s for _, _, s in self.before(near, _KIN_REACH)
                 if s not in (anchor, exclude) and self.gender(s) == gender
                 and _titled(s, MARRIED_FEMALE_TITLES)),
                None,
            )
            if pick is None:
                return None
            why = f'"{" ".join(words)}" taken as {pick.name}, the nearest married woman in the scene'
            return _Resolved(pick, why, True)
        if not fits:
            return None
        pick = next((s for _, _, s in self.before(near) if s in fits), None)
        if pick is None and len(fits) == 1:
            pick = fits[0]
        if pick is None:
            return None
        why = f'"{" ".join(words)}" taken as {pick.name}, of the family of {anchor.name}'
        return _Resolved(pick, why, True)

    def _linked(
        self, words: str, near: int, exclude: Speaker | None, *, unaccounted: bool
    ) -> _Resolved | None:
        """A description the text ties to one person (:mod:`quoteverify.descriptions`): named
        beside it in the scene, meant by it earlier in the scene, or (``unaccounted``) the one
        person of its gender among the scene's last speakers whom nothing else accounts for."""
        if self.descriptions is None:
            return None
        found = self.descriptions.linked(words, near)
        if found is None and unaccounted and words.islower() and words.rsplit(maxsplit=1)[-1] not in STRANGER_NOUNS:
            # lower case only: "the Dodger" is a name; who else is present: who spoke the line
            # before (``exclude``) and whoever the description's own sentence names
            s0 = self.layout.sentence_start(near)
            s1 = self.layout.sentence_end(near)
            beside = {s for a, _, s in self.before(s1, _SCENE_REACH) if a >= s0}
            j = bisect.bisect_left(self.said_positions, near)
            present = self.said[max(0, j - _SCENE_REACH) : j][::-1]  # the last few speakers
            accounted = beside | ({exclude} if exclude is not None else set())
            found = self.descriptions.unaccounted(words, near, present, accounted)
            if found is not None:
                self.descriptions.settle(words, near, *found)
        if found is None or found[0] == exclude:
            return None
        return _Resolved(found[0], found[1], True)

    def _possessor(self, words: str, near: int) -> Speaker | None:
        """Who "Elizabeth" or "the undertaker" is, as the possessor of a relation: a registered
        name or alias, or a description the text has linked; None when unsure."""
        assert self.registry is not None
        res: Any = self.registry.resolve(words, context=self.text[max(0, near - 600) : near])
        speaker = getattr(res, "speaker", None)
        if speaker is not None and not getattr(res, "ambiguous", False):
            return speaker  # type: ignore[no-any-return]
        if self.descriptions is not None:
            found = self.descriptions.linked(words, near)
            if found is not None:
                return found[0]
        return None

    def _clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts: its sentence, or after a semicolon in it."""
        sentence = self.layout.sentence_start(pos)
        semi = self.text.rfind(";", sentence, pos)
        return sentence if semi < 0 else semi + 1

    def _named_before(
        self, pos: int, gender: str | None, kind: str | None, exclude: Speaker | None
    ) -> Speaker | None:
        """The nearest compatible character with a proper name within a few mentions before ``pos``."""
        for _, _, s in self.before(pos, _DESCRIBED_REACH):
            if s != exclude and self.compatible(s, gender, kind) and self.gender(s) == gender and not _described(s):
                return s
        return None

    def named_inside(self, speaker: Speaker, start: int, end: int) -> bool:
        """True when ``speaker`` is named inside quotations between ``start`` and ``end``."""
        k = bisect.bisect_left(self.inner_positions, start)
        while k < len(self.inner) and self.inner[k][0] < end:
            if self.inner[k][2] == speaker:
                return True
            k += 1
        return False

    def _subject_sentence(self, speaker: Speaker, pos: int) -> int:
        """:meth:`_sentence_of`, when that last mention opens its sentence (its subject), else -1."""
        for start, _, s in self.before(pos):
            if s == speaker:
                sentence = self.layout.sentence_start(start)
                lead = self.text[sentence:start]
                return sentence if not lead.strip(" \t\n\"'\u201c\u2018") else -1
        return -1

    def _sentence_of(self, speaker: Speaker, pos: int) -> int:
        """The start of the sentence of the last mention of ``speaker`` before ``pos`` (-1: none)."""
        for start, _, s in self.before(pos):
            if s == speaker:
                return self.layout.sentence_start(start)
        return -1

    def named_in_dialogue(
        self, pos: int, gender: str | None, kind: str | None, exclude: Speaker | None
    ) -> Speaker | None:
        """The one compatible speaker named inside quotations before ``pos`` (None if 0 or 2+)."""
        found: Speaker | None = None
        k = bisect.bisect_left(self.inner_positions, pos) - 1
        for _ in range(60):
            if k < 0:
                break
            s = self.inner[k][2]
            k -= 1
            if s == exclude or not self.compatible(s, gender, kind) or self.gender(s) != gender:
                continue
            if found is not None and s != found:
                return None
            found = s
        return found

    def _titled_in_scene(self, words: str, near: int) -> _Resolved | None:
        """``said the doctor`` with Doctor Losberne in the scene: the person that title names.

        "The <title>" (or "the weary <title>") is whoever holds that title among the people
        mentioned lately (a mention or one of their names opens with it: "Senator Clara Ruiz",
        "Doctor Losberne"), before any character known only as "The Doctor"; two such people
        leave it to the other rules.
        """
        lowered = words.casefold().split()
        if not 2 <= len(lowered) <= 3 or lowered[0] != "the" or lowered[-1] not in TITLES:
            return None
        opening = lowered[-1] + " "
        found: Speaker | None = None
        for start, end, s in self.before(near, _TITLED_REACH):
            if s == found or not (
                self.text[start:end].casefold().startswith(opening)
                or any(n.casefold().startswith(opening) for n in (s.name, *s.aliases))
            ):
                continue
            if found is not None:
                return None
            found = s
        if found is None:
            return None
        return _Resolved(found, f'"{words}" taken as {found.name}, who holds that title in the scene')

    def resolve(
        self,
        mention: Span,
        kind: str,
        *,
        near: int,
        exclude: Speaker | None = None,
        addressee: Speaker | None = None,
    ) -> _Resolved:
        """Who ``mention`` (a name, a pronoun or a description) refers to.

        ``exclude`` is a speaker the mention cannot be (who spoke the previous line of a
        dialogue); ``addressee`` one it most likely is (named in that line).
        """
        words = mention.text
        titled = self._titled_in_scene(words, near) if kind == "desc" else None
        if titled is not None:
            return titled
        if kind == "desc" and _document(words):
            why = f'"{words}" is a document, not a person: who wrote it is not said here'
            return _Resolved(None, why, True)
        lowered = words.casefold().split()
        possessive_kin = (
            kind == "desc" and len(lowered) >= 2 and lowered[-1] in KIN_NOUNS
            and lowered[-2].endswith(("'s", "\u2019s"))
        )
        if possessive_kin:
            # "Elizabeth's father": a relative of the person named, never that person
            kin = self._kin(lowered, near, exclude)
            if kin is not None:
                return kin
        if kind != "pronoun" and self.registry is not None and not possessive_kin:
            res: Any = self.registry.resolve(words, context=self.text[max(0, near - 600) : near])
            speaker = getattr(res, "speaker", None)
            plain = words.casefold().split()
            if speaker is not None and kind == "desc" and len(plain) == 2 and (
                plain[1] in MALE_NOUNS or plain[1] in FEMALE_NOUNS
            ) and not any(
                sp == speaker and " ".join(self.text[a:b].casefold().split()) != " ".join(plain)
                for a, b, sp in self.before(near, _DESCRIBED_NEAR)
            ):
                # "the man", "the girl": a cast member's alias only near that character (named
                # otherwise than by these same words, which say nothing of who they are); far
                # from any such mention it is someone else the narration describes
                speaker = None
            if speaker is not None and kind == "desc" and _described(speaker) and words.islower():
                # "the proprietor" where the cast lists a "The Proprietor": a person the scene's
                # narration names beside these words ("the proprietor, Mr. Turner") comes first;
                # the one left unaccounted for does not (measured: the cast's own "The Officer"
                # speaks as often as not)
                linked = self._linked(words, near, exclude, unaccounted=False)
                if linked is not None:
                    return linked
            if speaker is not None:
                amb = bool(getattr(res, "ambiguous", False))
                why = getattr(res, "reason", "") or "registry"
                if kind == "desc" and self.descriptions is not None and not _described(speaker):
                    later = f'"{words}" is {speaker.name}, as earlier in the scene'
                    self.descriptions.settle(words, near, speaker, later)
                return _Resolved(speaker, f'"{words}" resolved by the registry ({why})', amb)
            cands = tuple(getattr(res, "candidates", ()) or ())
            if len(cands) > 1:
                for _, _, s in self.before(near):
                    if s in cands:
                        why = (
                            f'"{words}" fits {len(cands)} speakers; '
                            f"the most recently mentioned is {s.name}"
                        )
                        return _Resolved(s, why, True)
        if kind == "name" or (kind == "desc" and _INDEFINITE.match(words)):
            # a name, or "a senior official", "several groups": someone new, not an earlier one
            named = self.named(words)
            if named is None:
                why = f"a mention of {len(words):,} characters is too long to name anyone"
                return _Resolved(None, why, True)
            if kind == "name":
                return _Resolved(named, f'named in the story as "{words}"')
            return _Resolved(named, f'a new speaker described as "{words}"', True)
        lowered = words.casefold().split()
        if kind == "pronoun":
            w = _OBJECT_PRONOUNS.get(lowered[0], lowered[0])
            if w == "i" and self.narrator is not None:
                return _Resolved(
                    self.narrator,
                    f'"{words}": the first-person narrator, {self.narrator.name}'
                    + (" (inferred)" if self.narrator_inferred else ""),
                    self.narrator_inferred,
                )
            if w in ("i", "we", "you"):
                why = f'"{words}": first or second person; the speaker is the narrator or unknown'
                return _Resolved(None, why, True)
            gender = _PRONOUN_GENDER.get(w)
            want = "org" if w == "it" else "person" if gender else None
        else:
            gender, want = _desc_traits(words)
            kin = self._kin(lowered, near, exclude)
            if kin is not None:
                return kin
            linked = self._linked(words, near, exclude, unaccounted=False)
            if linked is not None:
                return linked
            if exclude is None and len(lowered) >= 2 and lowered[0] in ("his", "her") and (
                lowered[-1].strip(".,") in RELATION_NOUNS
            ):
                # "his father", "her new friend": never the person "his"/"her" stands for
                exclude, _ = self.recent(near, _PRONOUN_GENDER["he" if lowered[0] == "his" else "she"],
                                         "person", strict=True)
        if addressee is not None and addressee != exclude and self.compatible(addressee, gender, want):
            why = f'"{words}" taken as {addressee.name}, addressed in the previous line'
            return _Resolved(addressee, why, True)
        if kind == "desc" and want != "org":
            linked = self._linked(words, near, exclude, unaccounted=True)
            if linked is not None:
                return linked
        best: Speaker | None = None
        bare = kind == "desc" and len(lowered) == 2 and lowered[1] in BARE_PERSON_NOUNS
        if bare and self.registry is not None:
            # "said the man", "said the gentleman": the narration names its named people; a
            # bare description is someone it knows by a description ("the driver", "the
            # gentleman in the white waistcoat") in the scene, when there is one
            for _, _, s in self.before(near, _BARE_REACH):
                if s != exclude and _described(s) and self.compatible(s, gender, want) and self.gender(s) == gender:
                    why = f'"{words}" taken as {s.name}, known by a description in the scene'
                    return _Resolved(s, why, True)
        unfit = self.children if kind == "desc" and GROWN_UP_WORDS & set(lowered) else frozenset()
        if gender is not None and self.registry is not None:
            # "she" is a woman the registry knows before any speaker of unknown gender ...
            best, other = self.recent(near, gender, want, exclude=exclude, strict=True, unfit=unfit)
            loose, _ = self.recent(near, gender, want, exclude=exclude, unfit=unfit)
            if (
                best is not None
                and loose is not None
                and loose != best
                and self._subject_sentence(loose, near) > self._sentence_of(best, near)
            ):
                # ... unless a speaker of unknown gender is the subject of a later sentence
                # ("Mayor Park watched. Jones, playing the mayor, answered: ... she said"):
                # subject first, and uncertain, since both fit
                best, other = loose, best
        if best is None:
            best, other = self.recent(near, gender, want, exclude=exclude, unfit=unfit)
        if best is None and kind == "pronoun" and self.registry is not None:
            # nobody compatible in the narration: a character the dialogue has named, when
            # exactly one compatible one has been ("Katharine, ..." then "she said")
            named = self.named_in_dialogue(near, gender, want, exclude)
            if named is not None:
                why = f'"{words}" taken as {named.name}, the only compatible person named so far'
                return _Resolved(named, why + " (inside quotations)", True)
        if best is None:
            return _Resolved(None, f'"{words}" refers to no earlier compatible speaker', True)
        reason = f'"{words}" taken as the most recent compatible speaker, {best.name}'
        if other is not None:
            reason += f" (could also be {other.name})"
        return _Resolved(best, reason, other is not None)


# --------------------------------------------------------------------------------------------
# Attribution of one quote: the cue and the mention around it.
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Cue:
    mention: Span | None
    kind: str | None  # "name", "pronoun", "desc"
    cue: Span | None
    end: int  # where the attribution clause ends
    # the word in the quote's own clause that stands for ``mention`` (a relative "who" or
    # "which"): what the story shows as the speaker's mention; ``mention`` is what resolves
    via: Span | None = None
    doubt: str | None = None  # why the attribution is a reading, not a sure claim


#: A transcript's speaker label opening a paragraph of a story, in capitals: "PENCE: Well, ...".
_PARA_LABEL = regex.compile(r"[ \t]*[\"\u201c]?(\p{Lu}[\p{Lu}.'\u2019-]*(?:[ ][\p{Lu}][\p{Lu}.'\u2019-]*){0,3}):[ \t]")
_LABEL_REACH = 80  # characters a paragraph's printed label takes, at most
_PRONOUN_RE = regex.compile(_PRONOUN)
# a relative pronoun before a reporting verb, a few words between ("who in 2010 said")
_RELATIVE_TAIL = regex.compile(rf"\b(?:{alternation(RELATIVE_PRONOUNS)})\b[^,;:.!?\"\u201c\u201d]{{0,30}}\Z")
# what opens an appositive after a name: a lower-case word or a determiner ("now the ...")
_APPOSITIVE_OPENING = regex.compile(rf"\s*(?:\p{{Ll}}|{_DET}\s)")
_PRONOUN_CONTRACTED = regex.compile(rf"{_PRONOUN}['\u2019]s")
_FIRST_PERSON = regex.compile(r"\bI\b")
_INDEFINITE = regex.compile(rf"(?i)(?:{alternation(INDEFINITE_DETERMINERS)}|{_NUMERAL})\s")
_DET_RE = regex.compile(rf"{_DET}\s")
_POSSESSIVE_RE = regex.compile(rf"{_NAMEWORD}['\u2019]s\s")
_PROPER_RE = regex.compile(_PROPER)
_ADVERB_TAIL = regex.compile(r"\s+\p{Ll}+ly\Z")
_SENTENCE_INSIDE = regex.compile(r"[.!?;]\s*\S")
#: Resolutions that are guesses from the order of the lines alone, which the whole exchange may overrule.
_GUESSED_BY_TURNS = ("no cue; turn-taking", "no cue; the most recently")
_TOLD_ON_WORDS = 2  # words of narration after a line's own sentence that keep its speaker the topic
_SHORT_PARA_WORDS = 12  # a paragraph of narration this short sits inside an exchange
_PHRASE_END = regex.compile(r"\w['\u2019]?\s*[\"'\u201d\u2019\u00bb]\Z")  # a word, then the closing mark
# a family name as written alone: "Kirby", "McConnell", "Jean-Pierre", "O'Neill" (then a possessive)
_SURNAME = regex.compile(
    r"(?<![\p{L}\p{M}'\u2019\-])(\p{Lu}\p{Ll}[\p{L}\p{M}]*(?:['\u2019\-]\p{Lu}[\p{L}\p{M}]*)*|\p{Lu}['\u2019]\p{Lu}[\p{L}\p{M}]*)"
    r"(?:['\u2019]s)?(?![\p{L}\p{M}])"
)
_HEADLINE = regex.compile(r"\p{Lu}{2,}(?:\s+\p{Lu}{2,}){2,}")
_CUE_AT_END = regex.compile(rf"{_CUE}\W*\Z")
_THAT = regex.compile(r"\s+(?:that\s+)?")


def _mention_kind(words: str) -> str:
    if _PRONOUN_RE.fullmatch(words):
        return "pronoun"
    if (_DET_RE.match(words) or _POSSESSIVE_RE.match(words)) and not _PROPER_RE.fullmatch(words):
        return "desc"
    return "name"


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _junk(words: str, *, anchored: bool) -> bool:
    """A capitalised word that is not a name ("Then", "Arriving") or a stray adverb.

    ``anchored``: the word sits right next to a reporting verb, where "Husted said" is a name;
    a sentence-initial participle ("Arriving at ...") is only junk where no verb anchors it.
    """
    if " " in words.strip():
        return False
    w = words.strip()
    endings = ("ly",) if anchored else ("ing", "ed", "ly")
    return w in _NOT_NAMES or (w[:1].isupper() and w.endswith(endings) and len(w) > 4)


def _mention(
    text: str, start: int, end: int, cue: Span | None, clause_end: int, *, anchored: bool = True
) -> _Cue | None:
    """A :class:`_Cue` for the mention ``text[start:end]``, or None when it is not a mention."""
    words = text[start:end]
    if _PRONOUN_CONTRACTED.fullmatch(words):
        # "It's denouncing what it calls": the pronoun, not a possessive name
        return _Cue(_span(text, start, end - 2), "pronoun", cue, clause_end)
    kind = _mention_kind(words)
    if kind == "desc":
        tail = _ADVERB_TAIL.search(words)  # "the man respectfully"
        if tail is not None and tail.start() > 0:
            end = start + tail.start()
            if _DET_RE.fullmatch(text[start:end] + " "):
                return None  # "a swiftly (called meeting)": no noun left
    elif _junk(words, anchored=anchored) or _HEADLINE.fullmatch(words):
        return None  # (a run of three words or more in capitals is a headline, not a name)
    return _Cue(_span(text, start, end), kind, cue, clause_end)


def _after(text: str, start: int, stop: int, *, closing: bool = True) -> _Cue | None:
    """An attribution right after a quote: ``"...," Xie said``, ``said Xie``, ``according to X``.

    ``closing``: ``start`` is just past a closing quote mark. A quote that ends on a word with
    no punctuation inside or after its mark is a phrase inside a sentence, and the verb that
    follows is the sentence's own (``the ad "unmistakably" suggests that ...``).
    """
    window = text[start:stop]
    m = _AFTER.match(window)
    if m is None:
        return None
    if closing and start >= 2 and text[start - 2].isalnum():
        lead = window.lstrip()[:1]
        if lead not in _ATTRIBUTION_PUNCT:
            return None
    for mg, cg in (("m1", "cue1"), ("m2", "cue2"), ("m3", "cue3"), ("m4", "cue4")):
        if mg == "m2" and m.group(mg) is not None and text[max(0, start - 2)] == ".":
            return None  # '..." The agency said' starts a new sentence
        if m.group(mg) is not None:
            cs = _span(text, start + m.start(cg), start + m.end(cg))
            return _mention(text, start + m.start(mg), start + m.end(mg), cs, start + m.end())
    return None  # pragma: no cover - one branch always matched


_TAIL_COMMAS = 2  # commas looked back through for a closing attribution
_CLAUSE_BREAK = regex.compile(r"[,;:.!?\u2014\u2013]")
_CONTINUES = regex.compile(r"[ \t]*(?:,|\p{Ll})")
_PARTICIPLE = regex.compile(r",\s*\p{Ll}+ing\b")
_ATTRIBUTION_PUNCT = frozenset(",;:\u2014\u2013-")
_LINKED = regex.compile(rf"(?:\b{_CUE}|\b(?P<what>what))\s+(?:that\s+)?\Z")


def _tail(text: str, start: int, stop: int) -> _Cue | None:
    """An attribution closing the quote's sentence: ``who "steals $20s" is held, Warren said.``"""
    att = None
    k = stop
    for _ in range(_TAIL_COMMAS):
        # the last comma first; one before it when the clause after the last is no attribution
        # (", she said, referencing the bank's drive to" ends the text before the next quote)
        k = text.rfind(",", start, k)
        if k < 0:
            return None
        att = _after(text, k, stop, closing=False)
        if att is not None:
            break
    if att is None:
        return None
    rest = text[att.end : stop].strip()
    if _PARTICIPLE.match(rest):
        return att  # ", she said, referencing the bank's drive to ..."
    if len(rest) > 40 or "," in rest:
        return None  # more clauses follow: the verb is not the sentence's attribution
    return att


# A sentence that opens with a subordinate clause or a prepositional phrase: "When Park
# testified last week, Reyes was blunt: ...", "With leaders worried about Clinton, Obama is
# ...": the opening's verb reports someone else, and the names in it are not the speaker.
_SUBORDINATE = regex.compile(
    rf"\A[\s\u2014\u2013-]*(?:{alternation(p.capitalize() for p in SUBORDINATE_OPENERS)})\b"
    r"[^,;:\n\"\u201c\u201d]{1,200},"
)


def _possessed(text: str, start: int, stop: int) -> _Cue | None:
    """``seized on Trump's claim that there were "..."``: the possessor of a speech noun.

    The quote must sit in what the noun reports, its "that" clause, within a few words, no
    clause break and no reporting verb between (``Trump's claim that Clinton said "..."`` is
    Clinton's words, left to the other rules; ``Trump's statement about "..."`` names a topic).
    """
    for m in _POSSESSED.finditer(text, max(start, stop - 200), stop):
        between = text[m.end() : stop]
        if len(between) > 80 or _CLAUSE_BREAK.search(between) or _CUE_RE.search(between):
            continue
        cue = _span(text, m.start("cue"), m.end("cue"))
        return _mention(text, m.start("m"), m.end("m"), cue, stop)
    return None


_POSSESSED = regex.compile(
    rf"(?P<m>{_PROPER})['\u2019]s\s+(?:\p{{Ll}}[\p{{L}}\-]*\s+){{0,2}}"
    rf"(?P<cue>{alternation(SPEECH_NOUNS)})\s+that\b"
)


def _viewpoint(text: str, start: int, open_at: int) -> _Cue | None:
    """``because to her, "there's nothing more important ..."``: in her view, her words.

    "To <name or pronoun>," right before the quote, opening its sentence or after a comma or a
    conjunction; never after a verb ("he said to her, '...'" is spoken to her).
    """
    m = _VIEWPOINT.search(text, max(start, open_at - 80), open_at)
    if m is None:
        return None
    before = text[max(start, m.start() - 20) : m.start()].split()
    if before and not (before[-1][-1] in ",;\u2014" or before[-1] in VIEWPOINT_OPENERS):
        return None  # "turned to her,": after a verb, who was spoken to
    doubt = "a view the story ascribes with 'to ...,', no reporting verb"
    if m.group("m") in _OBJECT_PRONOUNS:
        return _Cue(_span(text, m.start("m"), m.end("m")), "pronoun", None, open_at, doubt=doubt)
    found = _mention(text, m.start("m"), m.end("m"), None, open_at)
    return attrs.evolve(found, doubt=doubt) if found is not None else None


_VIEWPOINT = regex.compile(rf"\b[Tt]o\s+(?P<m>{_PROPER}|him|her|them)\s*,\s*\Z")
#: Object pronouns, read as their subject forms when they name a speaker ("to her, '...'").
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}


def _opening_participle(text: str, start: int, open_at: int, close_at: int, stop: int) -> _Cue | None:
    """``After saying her foot was "so swollen ...," she was ...``: the main clause's subject.

    A sentence that opens with "After", "Before", "While" ... and a speech participle, the quote
    inside that opening clause: who said it is the subject after the clause's comma (a name or
    a pronoun), as a reader takes it.
    """
    m = _PARTICIPLE_OPENING.match(text, start, open_at)
    if m is None or "," in text[m.end() : open_at]:
        return None
    stop = min(stop, close_at + _CLAUSE_REACH)  # (a sentence without an end stays bounded)
    comma = text.find(",", max(open_at, close_at - 2), stop)
    if comma < 0:
        return None
    subject = _subject(text, max(comma + 1, close_at), stop)  # (past a comma inside the quote)
    if subject is None or subject.mention is None or subject.kind not in ("name", "pronoun"):
        return None
    return attrs.evolve(subject, cue=_span(text, m.start("cue"), m.end("cue")))


_CLAUSE_REACH = 400  # characters a clause read around one quote takes, at most
_PARTICIPLE_OPENING = regex.compile(
    r"[\s\u2014\u2013-]*(?:After|Before|While|Since|Upon|On|By|In|When)\s+(?:\p{Ll}+ly\s+)?"
    rf"(?P<cue>{alternation(SPEECH_PARTICIPLES)})\b"
)


_NAMED_THING = regex.compile(  # after a preposition or a past-tense verb: an object, no subject
    rf"\b(?:{alternation(DESCRIPTION_PREPOSITIONS | PLACE_PREPOSITIONS)}|had|has|have|\p{{Ll}}+ed)\s+(?P<d>{_DET}\s+(?:\p{{Ll}}[\p{{L}}\-]*\s+){{0,2}}\p{{Ll}}[\p{{L}}\-]*)\s+\Z"
)


def _passive(window: str, cue: regex.Match[str]) -> bool:
    """``was asked``, ``were told``: a reporting verb in the passive (not "was saying")."""
    return not cue.group().endswith("ing") and _PASSIVE_BEFORE.search(
        window, max(0, cue.start() - 30), cue.start()
    ) is not None


_PASSIVE_BEFORE = regex.compile(rf"\b(?:{_PASSIVE_AUX})\s+(?:\p{{Ll}}+ly\s+)?\Z")


def _noun_cue(window: str, cue: regex.Match[str]) -> bool:
    """``22% of Democratic claims``, ``the reports``: a speech verb that is a noun here, after a
    determiner, a preposition or a party word."""
    if cue.group() not in NOUN_CUES:
        return False
    before = window[max(0, cue.start() - 30) : cue.start()].split()
    return bool(before) and before[-1].casefold() in _NOUN_CUE_OPENERS


_NOUN_CUE_OPENERS = DESCRIPTION_DETERMINERS | DESCRIPTION_PREPOSITIONS | NOT_NAMES


def _before(text: str, start: int, stop: int) -> _Cue | None:
    """An attribution before a quote in the same sentence: ``Xie said: "..."``.

    A reporting verb inside an opening subordinate clause ("When Park testified, ...") is
    not the quote's: the main clause after it says who speaks.
    """
    window = text[start:stop]
    sub = _SUBORDINATE.match(window)
    if sub is not None and regex.search(r"\w", window[sub.end() :]):  # a main clause follows
        start, window = start + sub.end(), window[sub.end() :]
    cues = [c for c in list(_CUE_RE.finditer(window))[-4:] if not _noun_cue(window, c)]
    if cues and _passive(window, cues[-1]) and not window[cues[-1].end() :].strip(" \t\n,:"):
        # "Ruiz was asked, '...'": the words were said to the subject; by whom, not said here
        cs = _span(text, start + cues[-1].start(), start + cues[-1].end())
        why = f'"{cs.text}" in the passive: the words were said to the subject, by someone unnamed'
        return _Cue(None, None, cs, stop, doubt=why)
    for cue in reversed(cues):
        cs = _span(text, start + cue.start(), start + cue.end())
        if cue.group().casefold().startswith("according"):
            m = _ACCORDING_AFTER.match(window, cue.end())
            if m is not None:
                g = next(k for k in "nmk" if m.group(k) is not None)
                return _mention(text, start + m.start(g), start + m.end(g), cs, stop)
            continue
        head = window[: cue.start()]
        if cue.group().casefold().endswith("ing"):
            # "footage of Trump saying": a name right before the participle speaks;
            # "He defended the remark, saying": the sentence's subject, found below
            m = _BEFORE_NAME.search(head, max(0, len(head) - 80))
            if m is not None and _mention_kind(m.group("m")) == "name":
                found = _mention(text, start + m.start("m"), start + m.end("m"), cs, stop)
                if found is not None:
                    return found
            continue
        rel = _RELATIVE_TAIL.search(head)
        if rel is not None:
            # "the Council which reported '...'": the one the relative pronoun stands for,
            # past an appositive between them ("McConnell, now the Senate majority leader,
            # who in 2010 said"); the pronoun is the mention in the quote's own clause.
            # A quote later in what the clause reports ("who said the goal was to make Obama
            # a '...'") is read as that person's words too, but as a reading: uncertain. Not
            # past a clause break ("a contractor who said he was owed money, saying, '...'"),
            # nor when the sentence reports someone's words before the relative clause ("told
            # a young woman who suggested that ... that '...'": what the teller told her).
            blank = is_blank(text, start + cue.end(), stop)
            between = text[start + cue.end() : stop]
            inside = (
                _CLAUSE_BREAK.search(between) is None
                and _CUE_RE.search(between) is None
                and _CUE_RE.search(window, 0, rel.start()) is None
            )
            found = _antecedent(text, start, start + rel.start(), cs, stop) if blank or inside else None
            if found is not None:
                word = _WORD_RE.match(text, start + rel.start())
                assert word is not None
                doubt = None if blank else "the quote is part of what the relative clause reports"
                return attrs.evolve(found, via=_span(text, word.start(), word.end()), doubt=doubt)
            if blank:
                continue
        if cue.group() in NAMING_CUES and window[cue.end() :].strip(" \t\n,:") == "":
            d = _NAMED_THING.search(head)
            if d is not None:
                # "in a box labeled 'medical problem'", "launched a program called '...'": the
                # name given to a thing after a preposition or a verb; nobody says it ("The
                # mayor called '...'" opens its clause: a speaker)
                why = f'"{d.group("d")} {cue.group()}" names a thing: nobody is quoted saying it'
                return _Cue(None, None, cs, stop, doubt=why)
        m = _BEFORE_NAME.search(head)
        if m is not None and cue.group() in NOUN_CUES and m.group("m").endswith(("'s", "\u2019s")):
            continue  # "Mr. Obama's remarks": a noun, whoever the sentence's subject is
        if m is None:
            m = _BEFORE_DESC.search(head)
            if m is None or cue.group() in NOUN_CUES:
                continue  # "Trump's early-morning tweets"
        found = _mention(text, start + m.start("m"), start + m.end("m"), cs, stop)
        if found is not None:
            return found
    if cues and _RELATIVE_TAIL.search(window, 0, cues[-1].start()):
        # "... McConnell, now the leader, who in 2010 said the goal was to make Obama a '...'":
        # the verb belongs to a relative clause; the sentence's subject did not say it
        return None
    if cues:
        # "He then defended the remark, saying, ..." / "The nominee ... vowed to ...":
        # the reporting verb has no subject of its own; the sentence's subject speaks
        subject = _subject(text, start, start + cues[-1].start(), verb=True)
        if subject is not None:
            cue = cues[-1]
            cs = _span(text, start + cue.start(), start + cue.end())
            return attrs.evolve(subject, cue=cs)
    if window.rstrip().endswith(":"):
        return _subject(text, start, stop)
    return None


def _antecedent(text: str, start: int, rel: int, cue: Span, stop: int) -> _Cue | None:
    """The name or description a relative "who"/"which" at ``rel`` stands for."""
    head = text[start:rel].rstrip()
    if head.endswith(","):
        head = head[:-1]
        comma = head.rfind(",")
        if comma >= 0 and _APPOSITIVE_OPENING.match(head, comma + 1):
            head = head[:comma]  # ", now the Senate majority leader,": an appositive
    head += " "
    m = _BEFORE_NAME.search(head) or _BEFORE_DESC.search(head)
    if m is None or _PRONOUN_RE.fullmatch(m.group("m")):
        return None
    return _mention(text, start + m.start("m"), start + m.end("m"), cue, stop)


def _subject(text: str, start: int, stop: int, *, verb: bool = False) -> _Cue | None:
    """The subject at the start of a sentence (for quotes embedded mid-sentence, no cue).

    ``verb``: ``stop`` is the sentence's reporting verb, so a description before it is a
    subject ("The Republican nominee also ... vowed"), not narration ("The lane made a bend").
    """
    m = _SUBJECT.match(text[start:stop])
    if (
        verb
        and m is not None
        and m.group("m") is not None
        and m.group("m").split()[0] in _DET_WORDS
    ):
        d = _DESC_AT.match(text, start, stop)  # "The Republican nominee", not "The Republican"
        if d is not None:
            a, b = d.start("d"), d.end("d")
            for w in _WORD_RE.finditer(text, a, b):
                verb = w.group().islower() and w.group().endswith("ed")
                if w.start() > a and (verb or w.group() in _CUE_LIST_SET):
                    b = w.start() - 1  # "The gentleman experienced some change": stop at the verb
                    break
            return _mention(text, a, b, None, stop, anchored=False)
    if (
        m is not None
        and m.group("m") is not None
        and (
            m.group("m").split()[0] in _NOT_NAMES
            or _OPENING_ADVERB.match(text, start + m.start("m"), stop) is not None
        )
        and not _PRONOUN_RE.fullmatch(m.group("m"))
    ):
        first_end = start + m.start("m") + len(m.group("m").split()[0])
        titled = _TITLED_AFTER.match(text, first_end, stop)
        if titled is not None:  # "Democratic Sen. Claire Ruiz": a party word before a title
            return _mention(text, titled.start("m"), titled.end("m"), None, stop, anchored=False)
        comma = text.find(",", start, min(stop, start + 80))
        if comma < 0:
            return None
        return _subject(text, comma + 1, stop)  # "In August, several groups ..."
    if m is None:
        return None
    g = "m" if m.group("m") is not None else "d"
    a, b = start + m.start(g), start + m.end(g)
    # "Human Rights Watch researcher Maya Wang": the name after a role title is the person
    role = _ROLE_THEN_NAME.match(text, b, stop)
    if role is not None and not any(
        w.endswith(("ed", "ly")) or w in _CUE_LIST_SET or w in _STOP_WORDS or _verb_s(w)
        for w in role.group("role").split()
    ):  # "Trump took to Twitter", "Trump openly admires Putin": a verb, not a role title
        a, b = role.start("m"), role.end("m")
    return _mention(text, a, b, None, stop, anchored=False)


_VOCATIVE_BEFORE = frozenset(",;:!?.\u2014\u2013-(")
_VOCATIVE_AFTER = frozenset(",;:!?.\u2014\u2013-)\"'\u201d\u2019")
_ENDEARMENT = regex.compile(rf"(?i)(?:\b(?:{alternation(ENDEARMENTS)})\s+){{1,3}}\Z")


def _addressing(text: str, start: int, end: int, open_at: int, close_at: int) -> bool:
    """True when the name at ``text[start:end]`` inside a quote is a vocative.

    A name addresses someone when it stands apart in its clause: at the start of the quote
    or after punctuation (an endearment such as "my dear" may come between), and followed by
    punctuation or the end of the quote: ``"Lizzy, my dear, ..."``, ``"... on her, Harry!"``.
    """
    a = start
    head = text[max(open_at + 1, start - 30) : start]
    m = _ENDEARMENT.search(head)
    if m is not None:
        a = start - (len(head) - m.start())
    while a > open_at + 1 and text[a - 1] in SPACE:
        a -= 1
    if a > open_at + 1 and text[a - 1] not in _VOCATIVE_BEFORE:
        return False
    b = end
    if b < close_at and text[b] in _VOCATIVE_AFTER:
        return True
    return b >= close_at - 1


def _titled(speaker: Speaker, titles: frozenset[str]) -> bool:
    """Whether one of the speaker's names opens with one of ``titles`` ("Mrs. Bennet")."""
    return any(n.casefold().split()[0].strip(".") in titles for n in (speaker.name, *speaker.aliases) if n.split())


def _described(speaker: Speaker) -> bool:
    """A character known by a description ("The Little Old Lady"), not a name."""
    first = speaker.name.split(" ", 1)[0].casefold()
    return first in _DESCRIPTION_OPENERS


_DESCRIPTION_OPENERS = frozenset(w.casefold() for w in DESCRIPTION_DETERMINERS)
_DESCRIBED_NEAR = 30  # mentions back within which a description alias still means its character
_TITLED_REACH = 60  # mentions looked back through for the holder of a title ("the doctor")
_CHILD_MENTIONS = 3  # "little Oliver" this many times makes him a child
_BARE_REACH = 12  # mentions looked back through for a described person ("said the man")
_KIN_REACH = 30  # mentions looked back through for a relation by title ("her mother")
_SCENE_REACH = 4  # last speakers (and mentions in a sentence) read for who is present in a scene
_DESCRIBED_REACH = 4  # mentions looked back through for a named person instead
_GENDER_VOTES = 2  # votes a gender needs to be learnt for a person the registry gives none
_GENDER_MARGIN = 3  # ... and how many times the other gender's votes it must have
_OPENERS = " \t\n\"'\u201c\u2018"  # what may stand before a sentence's subject
_GENDER_REACH = 160  # characters after a mention read for the pronoun that votes


def _full_description(mention: str) -> bool:
    """An article and at least two more words ("a grey-headed old man"): a description no
    passing phrase repeats by chance, unlike "the man" or "his father's chauffeur"."""
    words = mention.casefold().split()
    return len(words) >= 3 and words[0] in ("a", "an", "the")


def _surnames(speaker: Speaker) -> set[str]:
    """The family names in a speaker's names: the last word of each name of two words or more."""
    out = set()
    for n in (speaker.name, *speaker.aliases):
        ws = n.casefold().replace(".", " ").split()
        if len(ws) >= 2:
            out.add(ws[-1])
    return out


def _document(words: str) -> bool:
    """A description of a document or a sign ("the council's letter"), not of a person; its
    head noun is the last word before a preposition ("a narrator in the Clinton ad" is not)."""
    head = ""
    for w in words.casefold().split():
        if w in DESCRIPTION_PREPOSITIONS:
            break
        head = w.strip(".,")
    return head in DOCUMENT_NOUNS


def _desc_traits(words: str) -> tuple[str | None, str]:
    """Gender hint and kind ("org" or "person") of a description from its head word."""
    head = words.casefold().split()[-1].strip(".,")
    kind = "org" if head in ORGANISATION_NOUNS else "person"
    gender = "m" if head in MALE_NOUNS else "f" if head in FEMALE_NOUNS else None
    return gender, kind


def _verb_s(word: str) -> bool:
    """A third-person verb form ("admires", "talks"), not a role noun ("boss", "analysis")."""
    return word.endswith("s") and not word.endswith(("ss", "is", "us"))


def _group(text: str, raws: Sequence[Quotation], layout: _Layout) -> list[list[Quotation]]:
    """Join split quotes: ``"A," he said, "B."`` is one quote in two parts."""
    groups: list[list[Quotation]] = []
    for k, raw in enumerate(raws):
        if groups:
            prev = groups[-1][-1]
            gap_end = raw.open_at
            if (
                gap_end - prev.close_at <= 300
                and layout.para_index(prev.close_at) == layout.para_index(raw.open_at)
                and _joins(text, prev, raw, raws[k + 1] if k + 1 < len(raws) else None, layout)
            ):
                groups[-1].append(raw)
                continue
        groups.append([raw])
    return groups


def _joins(
    text: str, first: Quotation, second: Quotation, following: Quotation | None, layout: _Layout
) -> bool:
    att = _after(text, first.close_at, second.open_at)
    if att is None:
        return False
    rest = text[att.end : second.open_at].strip()
    if len(rest) > 120 or _SENTENCE_INSIDE.search(rest):
        return False
    if rest and rest[-1] not in ",.:;\u2014\u2013-":
        return False
    stop = min(
        following.open_at if following else len(text),
        layout.para_end(second.close_at),
        second.close_at + 250,
    )
    own = _after(text, second.close_at, stop)
    if own is None and _CONTINUES.match(text, second.close_at):
        # '"A," Warren said. "B" to drive up the price, she said': the second quote sits in a
        # sentence of its own with its own attribution, not a continuation of the first
        own = _tail(text, second.close_at, min(stop, layout.sentence_end(second.close_at - 1)))
    return (
        own is None
        or own.mention is None
        or own.mention.text.casefold() == (att.mention.text.casefold() if att.mention else "")
    )


# --------------------------------------------------------------------------------------------
# The public functions.
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Turn:
    """One quote already attributed, as the conversation memory sees it."""

    para: int
    speaker: Speaker | None
    question: bool
    open_at: int
    close_at: int
    att: _Cue | None
    leads: bool  # the quote opens its paragraph (a line of dialogue)


class _Extractor:
    """One pass over one text; holds the per-text state (never shared between calls)."""

    def __init__(
        self, text: str, registry: SpeakerRegistry | None, narrator: Speaker | None = None
    ) -> None:
        self.text = text
        self.raws = scan_quotations(text)
        self.layout = _Layout(text, self.raws)
        self.memory = _Speakers(text, self.layout, registry)
        self.memory.narrator = narrator
        if narrator is None and registry is not None:
            self.memory.narrator = self._infer_narrator()
            self.memory.narrator_inferred = self.memory.narrator is not None
        self.turns: list[_Turn] = []

    def _infer_narrator(self) -> Speaker | None:
        """A first-person narrator the registry knows, from how the dialogue treats them.

        The narration says "I" (at least three times outside quotations), and a line of
        dialogue addresses by name a registered person whom the narration never names, while
        the reply in the next paragraph is told as ``"...," I said``: that person is the "I".
        Two different candidates give no answer.
        """
        text, layout, memory, raws = self.text, self.layout, self.memory, self.raws
        count = 0
        for m in _FIRST_PERSON.finditer(text):
            if not layout.inside_quote(m.start()):
                count += 1
                if count >= 3:
                    break
        if count < 3:
            return None
        in_narration = {s for _, _, s in memory.events}
        found: Speaker | None = None
        for start, end, s in memory.inner:
            if s in in_narration or s == found or s.kind is SpeakerKind.ORGANIZATION:
                continue
            k = bisect.bisect_right(layout.opens, start) - 1
            if k < 0 or not _addressing(text, start, end, layout.opens[k], layout.closes[k]):
                continue
            nxt = bisect.bisect_left(layout.opens, layout.para_end(raws[k].close_at - 1))
            if nxt >= len(raws):
                continue
            reply = raws[nxt]
            if layout.para_index(reply.open_at) - layout.para_index(raws[k].close_at - 1) != 1:
                continue
            stop = min(layout.para_end(reply.close_at), reply.close_at + 250)
            att = _after(text, reply.close_at, stop)
            if att is None or att.mention is None or att.mention.text != "I":
                continue
            if found is not None:
                return None  # two candidates: no guess
            found = s
        return found

    def run(self) -> list[AttributedQuote]:
        text, layout = self.text, self.layout
        groups = _group(text, self.raws, layout)
        out: list[AttributedQuote] = []
        for gi, g in enumerate(groups):
            first, last = g[0], g[-1]
            prev_close = groups[gi - 1][-1].close_at if gi else 0
            next_open = groups[gi + 1][0].open_at if gi + 1 < len(groups) else len(text)
            para = layout.para_index(first.open_at)
            att = _after(text, g[0].close_at, g[1].open_at) if len(g) > 1 else None
            if att is None:
                stop = min(next_open, layout.para_end(last.close_at), last.close_at + 250)
                att = _after(text, last.close_at, stop)
            s0 = max(layout.sentence_start(first.open_at), prev_close, layout.paras[para])
            if att is not None and att.cue is not None and _ACCORDING_CUE.match(att.cue.text):
                # 'Yin Qi also said "...", according to one attendee': the attendee reports
                # who spoke; a speaker with a reporting verb before the quote is the speaker
                said = _before(text, s0, first.open_at)
                if said is not None and said.cue is not None and not _ACCORDING_CUE.match(
                    said.cue.text
                ):
                    att = said
            if att is None:
                att = _before(text, s0, first.open_at)
            if att is None:
                att = _possessed(text, s0, first.open_at)
            if att is None:
                att = _viewpoint(text, s0, first.open_at)
            if att is None:
                att = _opening_participle(
                    text, s0, first.open_at, last.close_at, layout.sentence_end(last.close_at - 1)
                )
            if att is None:
                s_end = layout.sentence_end(last.close_at - 1)
                if s_end <= last.close_at + 1 and _CONTINUES.match(text, last.close_at):
                    s_end = layout.sentence_end(s_end)  # '"Bobby!" at a conference, ...'
                att = _tail(text, last.close_at, min(s_end, next_open, stop))
            label = self._label(para)
            if label is not None and first.open_at > label.end and (att is None or att.cue is None):
                # "PENCE: Well, look, ...": a transcript printed in the story; a quote the
                # labelled speaker ascribes to someone ("he called it 'a wish list'") keeps its cue
                att = label
            if att is not None and att.kind == "pronoun" and att.mention is not None:
                s_full = max(layout.sentence_start(first.open_at), layout.paras[para])
                att = self._matrix(att, min(s_full, att.mention.start))
                if att.kind == "pronoun" and att.mention is not None and s_full < first.open_at <= att.mention.start:
                    att = self._lead(att, s_full, first.open_at, split=len(g) > 1)
            leads = is_blank(text, layout.paras[para], first.open_at)
            if att is None and leads and para > 0:
                att = self._intro(para)
            if att is not None and att.mention is not None and att.kind is not None:
                prev = self.turns[-1] if self.turns else None
                exclude = addressee = None
                # a paragraph that opens with its cue ('He whispered: "..."') is a new line too,
                # for the person the previous line addressed
                opens = att.mention.end < first.open_at and is_blank(
                    text, layout.paras[para], att.mention.start
                )
                if prev is not None and (leads or opens) and para - prev.para == 1:
                    addressee = self._vocative(prev)
                if prev is not None and leads and para - prev.para == 1:
                    # a new line of dialogue is the other party's, unless the verb says the
                    # same speaker goes on ("she added")
                    cue = " ".join(att.cue.text.casefold().split()) if att.cue else ""
                    # (unless the narration went on about its speaker after it, or, for "he"/"she",
                    # the previous line's speaker is itself only a guess from the order of the lines)
                    guessed = att.kind == "pronoun" and (out[-1].resolution or "").startswith("no cue")
                    if prev.leads and cue not in SAME_SPEAKER_CUES and not self._told_on(prev) and not guessed:
                        exclude = prev.speaker
                if prev is not None and para - prev.para <= 1 and (
                    " ".join(att.mention.text.casefold().split()) in OTHER_PARTY
                ):
                    exclude = prev.speaker  # "said the other": not who spoke last
                res = self.memory.resolve(
                    att.mention,
                    att.kind,
                    near=att.mention.start,
                    exclude=exclude,
                    addressee=addressee,
                )
                back = self._two_back(att, para, leads, exclude)
                if back is not None and back != res.speaker and addressee is None:
                    why = f'"{att.mention.text}" taken as {back.name}, who spoke the line before last ({res.reason})'
                    res = _Resolved(back, why, True)
                if att.cue is None and att.doubt is None:
                    res = attrs.evolve(
                        res, reason=res.reason + "; introduced by a colon, no reporting verb"
                    )
            elif att is not None and att.mention is None and att.doubt is not None:
                res = _Resolved(None, att.doubt, True)  # "Ruiz was asked, '...'"
            else:
                att, res = self._implicit(g, para, s0)
            if (
                res.speaker is not None
                and (att is None or att.kind != "name")
                and self.memory.named_inside(res.speaker, first.open_at, last.close_at)
            ):
                # '"Donald, you are wrong," he said': a person the quote names (or addresses)
                # is not thereby its speaker; a pronoun then falls to the next who fits
                why = f"{res.speaker.name} is named inside the quote, so is not taken as its speaker"
                named_inside = res.speaker
                res = _Resolved(None, f"{res.reason}; {why}", True)
                if att is not None and att.mention is not None and att.kind in ("pronoun", "desc"):
                    nxt = self.memory.resolve(
                        att.mention, att.kind, near=att.mention.start, exclude=named_inside
                    )
                    if nxt.speaker is not None and not self.memory.named_inside(
                        nxt.speaker, first.open_at, last.close_at
                    ):
                        res = _Resolved(nxt.speaker, f"{nxt.reason}; {why}", True)
            if att is not None and att.via is not None and att.mention is not None:
                why = f'"{att.via.text}" stands for "{att.mention.text}": {res.reason}'
                res = attrs.evolve(res, reason=why)
            if att is not None and att.doubt is not None and res.reason != att.doubt:
                res = attrs.evolve(res, reason=f"{res.reason}; {att.doubt}", uncertain=True)
            if res.speaker is not None and att is not None and att.mention is not None:
                self.memory.remember(att.mention.start, att.mention.end, res.speaker)
            parts = tuple(_span(text, a, b) for r in g for a, b in r.parts)
            end_clause = max(last.close_at, att.end if att else 0)
            out.append(
                AttributedQuote(
                    text=" ".join(p.text for p in parts),
                    span=_span(text, parts[0].start, parts[-1].end),
                    parts=parts,
                    speaker=res.speaker,
                    speaker_mention=(att.via or att.mention) if att else None,
                    cue=att.cue if att else None,
                    framing=self._framing(first.open_at, end_clause),
                    direct=True,
                    resolution=res.reason,
                    uncertain=res.uncertain,
                )
            )
            self.turns.append(
                _Turn(
                    para=layout.para_index(last.close_at - 1),
                    speaker=res.speaker,
                    question=parts[-1].text.rstrip("\"'\u201d\u2019 ").endswith("?"),
                    open_at=first.open_at,
                    close_at=last.close_at,
                    att=att,
                    leads=leads,
                )
            )
        self._backfill(out)
        self._by_turns(out)
        return out

    def _backfill(self, out: list[AttributedQuote]) -> None:
        """Turn-taking read backwards: an unattributed line answered by a known speaker.

        A line in the same paragraph as a known speaker's next line is theirs. In a two-party
        exchange the line before ``B`` is by whoever ``B`` addresses: the person ``B`` names,
        else the speaker of the line after ``B`` (A, B, A), else the next other person the
        narration names.
        """
        turns = self.turns
        for i in range(len(out) - 2, -1, -1):
            q, t, nxt = out[i], turns[i], turns[i + 1]
            if q.speaker is not None or q.speaker_mention is not None or nxt.speaker is None:
                continue
            gap = nxt.para - t.para
            who: Speaker | None = None
            if gap == 0:
                who, how = nxt.speaker, "the same speaker goes on in this paragraph"
            elif gap == 1:
                who = self._vocative(nxt)
                how = "addressed by name in the next line"
                if who is None and i + 2 < len(turns):
                    after = turns[i + 2]
                    if after.speaker != nxt.speaker and after.para - nxt.para == 1:
                        who, how = after.speaker, "the other party of the exchange that follows"
                if who is None:
                    who = self._next_other(t.close_at, nxt.speaker)
                    how = "the next other person the narration names"
            if who is None:
                continue
            why = f"no cue; turn-taking before {nxt.speaker.name}: {how}, {who.name}"
            out[i] = attrs.evolve(q, speaker=who, resolution=why, uncertain=True)
            turns[i] = attrs.evolve(t, speaker=who)

    def _told_on(self, prev: _Turn) -> bool:
        """The narration goes on after the line ``prev`` in its paragraph, a sentence or more
        past the line's own ("... she said. She bent her head in thought.")."""
        text = self.text
        end = self.layout.para_end(prev.close_at - 1)
        j = bisect.bisect_left(self.layout.opens, prev.close_at)
        if j < len(self.layout.opens) and self.layout.opens[j] < end:
            return False  # another quotation follows in the paragraph
        after = self.layout.sentence_end(prev.close_at)  # the next sentence's start ...
        words = text[after:end].split()
        if words and words[0][:1].islower():  # ... after the line's cue ('!" said Philip.')
            after = self.layout.sentence_end(after)
            words = text[after:end].split()
        return after < end and len(words) >= _TOLD_ON_WORDS

    def _two_back(self, att: _Cue, para: int, leads: bool, exclude: Speaker | None) -> Speaker | None:
        """A new line "he said" in a running exchange: who spoke the line before the last one."""
        if att.kind != "pronoun" or att.mention is None or not leads or len(self.turns) < 2:
            return None
        gender = _PRONOUN_GENDER.get(att.mention.text.casefold())
        t1, t2 = self.turns[-1], self.turns[-2]
        # (a paragraph of narration between the two lines before does not end the exchange)
        if gender is None or para - t1.para != 1 or t1.para - t2.para not in (1, 2) or not (
            t1.leads and t2.leads
        ):
            return None
        s = t2.speaker
        return s if s is not None and s not in (exclude, t1.speaker) and self.memory.gender(s) == gender else None

    def _short_para(self, para: int) -> bool:
        """A paragraph of a few words of narration, no quotation in it."""
        lo, hi = self.layout.paras[para], self.layout.paras[para + 1]
        j = bisect.bisect_left(self.layout.opens, lo)
        if j < len(self.layout.opens) and self.layout.opens[j] < hi:
            return False
        return len(self.text[lo:hi].split()) <= _SHORT_PARA_WORDS

    def _by_turns(self, out: list[AttributedQuote]) -> None:
        """An exchange read whole: in a run of paragraphs one after another, each holding one
        line of dialogue (its quotes), when the lines the story names give two speakers every
        other line without a contradiction, the lines guessed from their order alone take the
        speaker of their place in that alternation."""
        turns = self.turns
        lines: list[list[int]] = []  # quotes grouped by paragraph
        for k, t in enumerate(turns):
            if lines and turns[lines[-1][0]].para == t.para:
                lines[-1].append(k)
            else:
                lines.append([k])
        i = 0
        while i < len(lines):
            j = i + 1
            while j < len(lines) and turns[lines[j][0]].para - turns[lines[j - 1][0]].para == 1:
                j += 1
            self._alternate(out, lines[i:j])
            i = j

    def _alternate(self, out: list[AttributedQuote], lines: list[list[int]]) -> None:
        """One run of :meth:`_by_turns`: the votes of its named lines on each side (every other
        line), then the guessed lines set by turns. A line counts as named by its resolution
        (a cue, a character acting in its paragraph, a previous line addressing its speaker)."""
        if len(lines) < 3:
            return
        votes: list[dict[Speaker, float]] = [{}, {}]
        for n, line in enumerate(lines):
            for k in line:
                q = out[k]
                r = q.resolution or ""
                if q.speaker is not None and (
                    not r.startswith("no cue") or "acts in the same" in r or "line addressed" in r
                ):
                    side = votes[n % 2]
                    side[q.speaker] = side.get(q.speaker, 0.0) + (0.5 if q.uncertain else 1.0)
        who: list[Speaker | None] = []
        for side in votes:
            ranked = sorted(side.items(), key=lambda kv: -kv[1])
            if ranked and len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
                return  # two speakers nearly as often on one side: not a two-party exchange
            who.append(ranked[0][0] if ranked else None)
        if who[0] is None and who[1] is None:
            return
        for half, other in ((0, 1), (1, 0)):
            if who[half] is None:
                # no cued line on this side: the one the order of the lines gave it most
                guessed: dict[Speaker, int] = {}
                for line in lines[half::2]:
                    sp = out[line[0]].speaker
                    if sp is not None and sp != who[other]:
                        guessed[sp] = guessed.get(sp, 0) + 1
                if not guessed:
                    return
                who[half] = max(guessed, key=lambda sp: guessed[sp])
        a, b = who
        if a is None or b is None or a == b:
            return
        for n, line in enumerate(lines):
            want = (a, b)[n % 2]
            for k in line:
                q = out[k]
                r = q.resolution or ""
                said = _PRONOUN_GENDER.get(q.speaker_mention.text.casefold()) if q.speaker_mention else None
                pronoun = q.uncertain and said is not None and said == self.memory.gender(want)
                if q.speaker != want and (
                    r.startswith(_GUESSED_BY_TURNS) or pronoun or r.endswith("acts in the paragraph before")
                ):
                    why = f"no cue; every other line of this exchange between {a.name} and {b.name}"
                    out[k] = attrs.evolve(q, speaker=want, resolution=why, uncertain=True)
                    self.turns[k] = attrs.evolve(self.turns[k], speaker=want)

    def _next_other(self, pos: int, exclude: Speaker) -> Speaker | None:
        """The first person named in the narration after ``pos`` other than ``exclude``."""
        memory = self.memory
        k = bisect.bisect_left(memory.positions, pos)
        for start, _, s in memory.events[k : k + 20]:
            if start - pos > 3000:
                break
            if s != exclude and s.kind is not SpeakerKind.ORGANIZATION:
                return s
        return None

    def _implicit(self, g: list[Quotation], para: int, s0: int) -> tuple[_Cue | None, _Resolved]:
        """Who speaks a quote that has no cue of its own."""
        text, layout, memory = self.text, self.layout, self.memory
        first, last = g[0], g[-1]
        prev = self.turns[-1] if self.turns else None
        if prev is not None and prev.para == para and (prev.speaker or prev.att) and not self._own_subject(prev, first.open_at, s0):
            who = prev.speaker.name if prev.speaker else "an unresolved speaker"
            why = f"no cue; same paragraph as the previous quote by {who}"
            return prev.att, _Resolved(prev.speaker, why, prev.speaker is None)
        # a quote opening a sentence after one that reports speech: "..., Schiff said. \"...\""
        p_start = layout.paras[para]
        if s0 > p_start and is_blank(text, s0, first.open_at):
            ps = max(layout.sentence_start(s0 - 1), p_start)
            j = bisect.bisect_left(layout.opens, ps)
            if s0 - ps < 400 and not (j < len(layout.opens) and layout.opens[j] < s0):
                att = _before(text, ps, s0)
                if att is not None and att.mention is not None and att.kind is not None:
                    res = memory.resolve(att.mention, att.kind, near=att.mention.start)
                    if res.speaker is not None:
                        why = res.reason + "; no cue, the previous sentence reports this speaker"
                        return att, attrs.evolve(res, reason=why, uncertain=True)
        # a quote embedded in a sentence: its subject
        if not is_blank(text, s0, first.open_at):
            att = _subject(text, s0, first.open_at)
            if (
                att is not None
                and att.mention is not None
                and att.kind != "pronoun"
                and _PREDICATE_GAP.fullmatch(text, att.mention.end, first.open_at)
            ):
                # 'Social Security "will run out of money"': the quote says something about
                # its subject; who said it, the sentence does not say
                why = (
                    f'no cue; the quote is said of "{att.mention.text}", the subject of the '
                    "sentence, not by it"
                )
                return None, _Resolved(None, why, True)
            if att is not None and att.mention is not None and att.kind is not None:
                res = memory.resolve(att.mention, att.kind, near=att.mention.start)
                why = res.reason + "; no cue, subject of the sentence"
                if res.speaker is not None or att.kind == "pronoun":
                    # an unresolved "it referenced 'political tensions'" still says who: the
                    # sentence's subject, not some other name in the paragraph
                    return att, attrs.evolve(res, reason=why, uncertain=True)
        # an action beat in the same paragraph: "Tony sat up." / "She laughed."
        p_start = layout.paras[para]
        p_end = layout.para_end(last.close_at)
        for lo, hi in ((p_start, first.open_at), (last.close_at, p_end)):
            k = bisect.bisect_left(memory.positions, lo)
            if k < len(memory.positions) and memory.positions[k] < hi:
                start, end, s = memory.events[k]
                beat = _Cue(_span(text, start, end), "name", None, end)
                return beat, _Resolved(s, f"no cue; {s.name} acts in the same paragraph", True)
            seg = lo
            while seg < hi and text[seg] in SPACE:
                seg += 1
            if hi - seg > 2 and not layout.inside_quote(seg):
                att = _subject(text, seg, hi)
                if att is not None and att.mention is not None and att.kind == "pronoun":
                    res = memory.resolve(att.mention, "pronoun", near=first.open_at)
                    if res.speaker is not None:
                        why = f'no cue; "{att.mention.text}" acts in the same paragraph'
                        return att, _Resolved(
                            res.speaker, f"{why}, taken as {res.speaker.name}", True
                        )
        # conversation turn-taking: a reply to a line of dialogue comes from the other party
        if prev is not None and prev.speaker is None and para - prev.para == 1:
            addressed = self._vocative(prev)
            if addressed is not None:
                why = f"no cue; the previous line addressed {addressed.name} by name"
                return None, _Resolved(addressed, why, True)
        if prev is not None and prev.speaker is not None and (
            para - prev.para == 1 or (para - prev.para == 2 and self._short_para(para - 1))
        ) and (prev.leads or not _PHRASE_END.search(text, prev.open_at, prev.close_at)):
            # (a line of narration between, "The next question was--", does not end the exchange)
            # (a phrase quoted inside a sentence, "Though she called it 'outrageous', Clinton
            # ...", is no line of dialogue: the next paragraph's lone quote is hers again)
            other, how = self._other_party(prev, first.open_at)
            if other is not None:
                why = f"no cue; turn-taking after {prev.speaker.name}: {how}, {other.name}"
                return None, _Resolved(other, why, True)
        if prev is not None and para - prev.para >= 2 and para > 0:
            # a paragraph of narration between: the character acting there takes the floor
            # ('"Hello," said John. / Mary looked up from her book. / "Hi."')
            lo, hi = layout.paras[para - 1], layout.paras[para]
            k = bisect.bisect_left(memory.positions, lo)
            if k < len(memory.positions) and memory.positions[k] < hi and not layout.inside_quote(
                memory.positions[k]
            ):
                start, end, s = memory.events[k]
                beat = _Cue(_span(text, start, end), "name", None, end)
                return beat, _Resolved(s, f"no cue; {s.name} acts in the paragraph before", True)
        if prev is not None and prev.speaker is not None and para - prev.para <= 2:
            why = f"no cue; the speaker of the previous quote, {prev.speaker.name}, continues"
            # the mention to show is their nearest one before this quote ("..., Clinton
            # restricted comments" just above it), else the previous quote's own
            near = next(
                (_Cue(_span(text, a, b), _mention_kind(text[a:b]), None, b)
                 for a, b, sp in memory.before(first.open_at, 12)
                 if sp == prev.speaker and a >= layout.paras[prev.para]),
                prev.att,
            )
            return near, _Resolved(prev.speaker, why, True)
        best, _ = memory.recent(first.open_at, None, None)
        if best is not None:
            why = f"no cue; the most recently mentioned speaker, {best.name}"
            return None, _Resolved(best, why, True)
        return None, _Resolved(None, "no cue and no earlier speaker: unattributed", True)

    def _own_subject(self, prev: _Turn, open_at: int, s0: int) -> bool:
        """A quote inside a later sentence whose subject is a name: that sentence's own
        subject ('Politifact rated 22% of the claims "entirely true"'), not whoever spoke the
        paragraph's previous quote."""
        text = self.text
        if self.layout.sentence_start(open_at) < prev.close_at or is_blank(text, s0, open_at):
            return False
        att = _subject(text, s0, open_at)
        return att is not None and att.kind == "name"

    def _matrix(self, att: _Cue, s_start: int) -> _Cue:
        """``Lynch said she recalled``, ``Ban condemned what he called``: the main clause's subject.

        A pronoun right after a reporting verb or "what" refers to the subject of the sentence
        (when compatible), and the story attributes the words to that subject.
        """
        text = self.text
        mention = att.mention
        assert mention is not None
        if mention.start - s_start > 400 or mention.text.casefold() in ("i", "we", "you"):
            return att
        link = _LINKED.search(text, max(s_start, mention.start - 40), mention.start)
        if link is None:
            return att
        subj = _subject(text, s_start, mention.start, verb=True)
        if subj is None or subj.mention is None or subj.mention.start >= mention.start:
            return att
        if subj.kind == "pronoun":
            # "She said she recalls", "It's denouncing what it calls": the main clause's
            # subject; a far one ("She had ... after what she called") stays the near one
            same = subj.mention.text.casefold() == mention.text.casefold()
            near = mention.start - subj.mention.end <= 60 or link.group("what") is None
            return attrs.evolve(subj, cue=att.cue, end=att.end) if same and near else att
        assert subj.kind is not None
        w = mention.text.casefold()
        gender = _PRONOUN_GENDER.get(w)
        want = "org" if w == "it" else "person" if gender else None
        res = self.memory.resolve(subj.mention, subj.kind, near=subj.mention.start)
        if res.speaker is not None:
            fits = self.memory.compatible(res.speaker, gender, want)
        else:  # "The United Nations Security Council ... what it called": judge its words
            s_gender, s_kind = _desc_traits(subj.mention.text)
            fits = (want is None or s_kind == want) and (
                gender is None or s_gender in (None, gender)
            )
        return attrs.evolve(subj, cue=att.cue, end=att.end) if fits else att

    def _lead(self, att: _Cue, s_start: int, open_at: int, *, split: bool) -> _Cue:
        """``Osei said ... because "...," she said``: the named subject who introduced it.

        A pronoun cue after a quote whose own sentence opened by naming who speaks (with a
        reporting verb or a colon: ``Sen. Ruiz scolded him: "...," she said``) is that person
        again, when the pronoun fits. The story's mention of the speaker is then the name;
        for a quote split around the pronoun's cue (``"A," she said. "B."``) it stays the
        pronoun, the cue the parts share, and the name is what it stands for.
        """
        mention = att.mention
        assert mention is not None
        w = mention.text.casefold()
        gender = _PRONOUN_GENDER.get(w)
        if (gender is None and w != "it") or open_at - s_start > _CLAUSE_REACH:
            return att
        lead = _before(self.text, s_start, open_at)
        if (
            lead is None
            or lead.mention is None
            or lead.kind not in ("name", "desc")
            or lead.via is not None
            or lead.doubt is not None
        ):
            return att
        want = "org" if w == "it" else "person"
        res = self.memory.resolve(lead.mention, lead.kind, near=lead.mention.start)
        if res.speaker is not None:
            fits = self.memory.compatible(res.speaker, gender, want)
        else:
            s_gender, s_kind = _desc_traits(lead.mention.text)
            fits = s_kind == want and (gender is None or s_gender in (None, gender))
        if not fits:
            return att
        return attrs.evolve(lead, cue=att.cue, end=att.end, via=mention if split else None)

    def _vocative(self, prev: _Turn) -> Speaker | None:
        """A speaker addressed by name in a line of dialogue, other than its speaker."""
        memory, text = self.memory, self.text
        k = bisect.bisect_left(memory.inner_positions, prev.open_at)
        while k < len(memory.inner) and memory.inner[k][0] < prev.close_at:
            start, end, s = memory.inner[k]
            k += 1
            if s != prev.speaker and _addressing(text, start, end, prev.open_at, prev.close_at):
                return s
        return None

    def _turned_to(self, prev: _Turn) -> Speaker | None:
        """The person the narration of the previous line says it was spoken to ("she said to
        Kitty", "turned to Kitty"), other than its speaker."""
        memory, layout = self.memory, self.layout
        # (the line's own paragraph, near the line: a paragraph may be a whole hostile text)
        lo = max(layout.paras[prev.para], prev.open_at - _CLAUSE_REACH)
        hi = min(layout.para_end(prev.close_at - 1), prev.close_at + _CLAUSE_REACH)
        k = bisect.bisect_left(memory.positions, lo)
        while k < len(memory.events) and memory.events[k][0] < hi:
            start, _, s = memory.events[k]
            k += 1
            if s != prev.speaker and _TURNED_TO.search(self.text, max(lo, start - 30), start):
                return s
        return None

    def _label(self, para: int) -> _Cue | None:
        """A capitalised speaker label opening the paragraph (``WALLACE:``, ``SEN. WARREN:``)."""
        start = self.layout.paras[para]
        # (an end bound: without one the regex module looks for the colon to the end of the text)
        m = _PARA_LABEL.match(self.text, start, min(len(self.text), start + _LABEL_REACH))
        if m is None or " ".join(m.group(1).casefold().split()) in NOT_LABELS:
            return None
        return _Cue(_span(self.text, m.start(1), m.end(1)), "name", None, m.end())

    def _intro(self, para: int) -> _Cue | None:
        """An attribution closing the previous paragraph: ``she said stiffly:`` then the quote."""
        text, layout = self.text, self.layout
        start, end = trim(text, layout.paras[para - 1], layout.paras[para])
        if end <= start or layout.inside_quote(end - 1):
            return None
        tail_start = max(start, layout.sentence_start(end - 1))
        tail = text[tail_start:end]
        if not (tail.endswith((":", ",")) or _CUE_AT_END.search(tail)):
            return None
        return _before(text, tail_start, end)

    def _other_party(self, prev: _Turn, pos: int) -> tuple[Speaker | None, str]:
        """Who answers ``prev``: someone it names, the other party, or the last other name."""
        memory = self.memory
        addressed = self._vocative(prev)
        if addressed is not None:
            return addressed, "addressed by name in the previous quote"
        addressed = self._turned_to(prev)
        if addressed is not None:
            return addressed, "spoken to in the previous line"
        for t in reversed(self.turns[:-1]):
            if prev.para - t.para > 6:
                break
            if t.speaker is not None and t.speaker != prev.speaker:
                return t.speaker, "the other party of the exchange"
        other = memory.recent(pos, None, "person", exclude=prev.speaker)[0]
        return other, "the most recently mentioned other person"

    def _framing(self, open_at: int, end: int) -> Span | None:
        """The sentence that introduces the quote, plus a preceding sentence that sets the scene."""
        layout, text = self.layout, self.text
        start = layout.sentence_start(open_at)
        stop = min(
            layout.sentence_end(max(end - 1, open_at)), layout.para_end(max(end - 1, open_at))
        )
        k = bisect.bisect_right(layout.sentences, start - 1) - 1
        if k >= 0 and start > 0:
            prev_start = layout.sentences[k]
            j = bisect.bisect_left(layout.opens, prev_start)
            quoted = j < len(layout.opens) and layout.opens[j] < start
            if prev_start < start and not quoted and _SCENE.search(text, prev_start, start):
                start = prev_start
        # a sentence without an end (hostile input, a run-on list) would make every framing
        # the whole text: keep to a bounded neighbourhood so many quotes stay linear
        start, stop = max(start, open_at - _FRAMING_REACH), min(stop, end + _FRAMING_REACH)
        a, b = trim(text, start, max(stop, start))
        return _span(text, a, b) if b > a else None


_FRAMING_REACH = 1000

_INDIRECT_CUES = regex.compile(rf"\b(?:{alternation(INDIRECT_SPEECH_VERBS)})\b")


def _indirect(text: str, ex: _Extractor) -> list[AttributedQuote]:
    """Reported speech without quote marks: ``Megvii denies any relationship with IJOP.``"""
    out: list[AttributedQuote] = []
    layout = ex.layout
    starts = layout.sentences
    for k, s_start in enumerate(starts):
        s_end = starts[k + 1] if k + 1 < len(starts) else len(text)
        a, b = trim(text, s_start, s_end)
        if b - a < 12 or b - a > 1500:
            continue
        j = bisect.bisect_left(layout.opens, a)
        if (j < len(layout.opens) and layout.opens[j] < b) or layout.inside_quote(a):
            continue  # the sentence holds a direct quote
        cue = _INDIRECT_CUES.search(text, a, b)
        if cue is None:
            continue
        head = text[a : cue.start()]
        m = _BEFORE_NAME.search(head) or _BEFORE_DESC.search(head)
        if m is None or m.start() > 40:
            continue
        c_start = cue.end()
        thatm = _THAT.match(text, c_start, b)
        if thatm:
            c_start = thatm.end()
        c_end = b
        while c_end > c_start and text[c_end - 1] in ".!?;:":
            c_end -= 1
        if len(text[c_start:c_end].split()) < 3:
            continue
        mention = _span(text, a + m.start("m"), a + m.end("m"))
        kind = _mention_kind(mention.text)
        res = ex.memory.resolve(mention, kind, near=mention.start)
        content = _span(text, c_start, c_end)
        out.append(
            AttributedQuote(
                text=content.text,
                span=content,
                parts=(content,),
                speaker=res.speaker,
                speaker_mention=mention,
                cue=_span(text, cue.start(), cue.end()),
                framing=_span(text, a, b),
                direct=False,
                resolution=res.reason,
                uncertain=res.uncertain,
            )
        )
    return out


def extract_quotes(
    text: str,
    *,
    speakers: SpeakerRegistry | None = None,
    include_indirect: bool = False,
    narrator: Speaker | str | None = None,
) -> list[AttributedQuote]:
    """Every quote in a reporting text, in text order, with who the story says spoke it.

    ``speakers`` resolves names, titles and organisations; without it a named
    speaker becomes ``Speaker(name, registered=False)`` (the same name always
    gives an equal speaker). ``include_indirect=True`` adds reported speech
    without quote marks, flagged ``direct=False``. ``narrator`` is who "I" is in
    the narration of a first-person story (a :class:`Speaker`, or a name resolved
    through ``speakers``); without it, a registered person whom the dialogue
    addresses by name but the narration never names is taken as the narrator
    (flagged uncertain) when the narration speaks in the first person.

    >>> story = ('When asked about Xinjiang, Yin Qi said that \\u201ctechnology is definitely '
    ...          'not to blame\\u201d. \\u00abNous vendons des serveurs\\u00bb, '
    ...          'a-t-il ajout\\u00e9.')
    >>> qs = extract_quotes(story)
    >>> qs[0].text, qs[0].speaker.name, qs[0].cue.text
    ('technology is definitely not to blame', 'Yin Qi', 'said')
    >>> qs[0].framing.text[:16]
    'When asked about'
    >>> extract_quotes("Megvii's servers, the '90s, rock 'n' roll: no quotes here.")
    []
    >>> [q] = extract_quotes('"You are late," I said.', narrator="Kit")
    >>> q.speaker.name, q.speaker_mention.text
    ('Kit', 'I')
    """
    check_text(text, "text")
    if speakers is not None and not hasattr(speakers, "resolve"):
        msg = f"speakers must be a SpeakerRegistry or None (got {type(speakers).__name__})"
        raise TypeError(msg)
    ex = _Extractor(text, speakers, _narrator(narrator, speakers))
    quotes = ex.run()
    if include_indirect:
        quotes.extend(_indirect(text, ex))
        quotes.sort(key=lambda q: q.span.start)
    return quotes


def _narrator(narrator: Speaker | str | None, speakers: SpeakerRegistry | None) -> Speaker | None:
    """The narrator as a :class:`Speaker`: given, resolved through the registry, or new."""
    if narrator is None or isinstance(narrator, Speaker):
        return narrator
    if not isinstance(narrator, str):
        msg = f"narrator must be a Speaker, a name or None (got {type(narrator).__name__})"
        raise TypeError(msg)
    check_text(narrator, "narrator")
    if speakers is not None:
        found = getattr(speakers.resolve(narrator), "speaker", None)
        if isinstance(found, Speaker):
            return found
    return Speaker(narrator.strip(), registered=False)


def parse_article(
    text: str,
    *,
    speakers: SpeakerRegistry | None = None,
    narrator: Speaker | str | None = None,
    author: Speaker | None = None,
    title: str | None = None,
    url: str | None = None,
    published: _dt.date | None = None,
) -> Source:
    """An article as a source: each quoted passage is a turn of its speaker, the rest the author's.

    >>> src = parse_article('Megvii sells servers. "That\\'s all," said Xie Yinan.')
    >>> src.speaker_at(src.text.index("That")).name
    'Xie Yinan'
    >>> src.speaker_at(0) is None
    True
    """
    check_text(text, "article text")
    turns = [
        Turn(
            span=part,
            speaker=q.speaker,
            label=q.speaker_mention.text if q.speaker_mention else None,
            label_span=q.speaker_mention,
            uncertain=q.uncertain,
        )
        for q in extract_quotes(text, speakers=speakers, narrator=narrator)
        for part in q.parts
    ]
    turns.sort(key=lambda t: t.start)
    numbered = [attrs.evolve(t, index=k) for k, t in enumerate(turns)]
    return Source(
        text,
        speaker=author,
        title=title,
        url=url,
        published=published,
        turns=numbered,
        format="article",
    )
