"""Word lists behind meaning-bearing edits: negations, modals, quantifiers, numbers.

Kept as data in one place so a reader can audit what counts as meaning.

>>> meaning_of("never"), meaning_of("might"), meaning_of("only"), meaning_of("table")
('negation', 'modal', 'quantifier', None)
>>> number_value(["twenty", "five"]), number_value(["1,000.5"]), number_value(["30", "percent"])
(25.0, 1000.5, 30.0)
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "ACRONYM_SKIP",
    "ADDRESSEE_PHRASES",
    "AUXILIARIES",
    "BARE_PERSON_NOUNS",
    "CHILD_MARKERS",
    "COMMON_WORDS",
    "COMPARATIVES",
    "CONTRACTIONS",
    "DENIALS",
    "DESCRIPTION_DETERMINERS",
    "DESCRIPTION_PREPOSITIONS",
    "DESCRIPTION_STOPS",
    "DOCUMENT_NOUNS",
    "DRIFT_WORDS",
    "ELISIONS",
    "ENDEARMENTS",
    "FEMALE_NOUNS",
    "FEMALE_NOUN_ENDINGS",
    "FEMALE_PRONOUNS",
    "FEMALE_TITLES",
    "FILLERS",
    "FILLER_PHRASES",
    "FIRST_PERSON",
    "GROWN_UP_WORDS",
    "INDEFINITE_DETERMINERS",
    "INDIRECT_SPEECH_VERBS",
    "INTERJECTIONS",
    "INTERVIEWEE_LABELS",
    "INTERVIEWER_LABELS",
    "KIN_MARRIED",
    "KIN_NOUNS",
    "MALE_NOUNS",
    "MALE_NOUN_ENDINGS",
    "MALE_PRONOUNS",
    "MALE_TITLES",
    "MARRIED_FEMALE_TITLES",
    "MEANING_LISTS",
    "MEANING_WORDS",
    "MENTION_DETERMINERS",
    "MENTION_LINKS",
    "MODALS",
    "NAME_PARTICLES",
    "NAME_SUFFIXES",
    "NAMING_CUES",
    "NEGATABLE_AUXILIARIES",
    "NEGATIONS",
    "NESTED_SPEECH_VERBS",
    "NOT_LABELS",
    "NOT_NAMES",
    "NOUN_CUES",
    "NUMBER_WORDS",
    "ORGANISATION_NAME_WORDS",
    "ORGANISATION_NOUNS",
    "OTHER_PARTY",
    "PASSIVE_AUXILIARIES",
    "PASSIVE_SPEECH_VERBS",
    "PERSONAL_PRONOUNS",
    "PER_CALL_LISTS",
    "PLACE_PREPOSITIONS",
    "PREDICATE_WORDS",
    "QUANTIFIERS",
    "QUESTION_WORDS",
    "QUOTED_DETERMINERS",
    "RECENCY_DAYS",
    "RELATION_NOUNS",
    "RELATIVE_PRONOUNS",
    "RELEASE_MARKERS",
    "REPORTED_OTHERS",
    "ROLE_SYNONYMS",
    "SAME_SPEAKER_CUES",
    "SCENE_WORDS",
    "SPEECH_NOUNS",
    "SPEECH_OBJECTS",
    "SPEECH_PARTICIPLES",
    "SPEECH_VERBS",
    "SPEECH_VERB_PHRASES",
    "SPOKEN_TO_VERBS",
    "SPOKESPERSON_ROLES",
    "STAGE_DIRECTIONS",
    "STRANGER_NOUNS",
    "SUBORDINATE_OPENERS",
    "TABLE_END_COLUMNS",
    "TABLE_SPEAKER_COLUMNS",
    "TABLE_START_COLUMNS",
    "TABLE_TEXT_COLUMNS",
    "TITLES",
    "TRAILING_SPEECH_VERBS",
    "TRANSCRIPTION_VARIANTS",
    "VIEWPOINT_OPENERS",
    "WORD_LISTS",
    "meaning_of",
    "meaning_words",
    "number_value",
]

#: Words that negate: adding, dropping or changing one changes what was said.
NEGATIONS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "without",
        "hardly",
        "scarcely",
        "barely",
        "nowhere",
        "cannot",
        "noone",
        "n't",
    ]
)
#: Modal verbs: "will" against "might" is a different claim.
MODALS = frozenset(
    [
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "ought",
        "need",
        "needs",
        "dare",
    ]
)
#: Quantifiers, frequency and degree words: "all" against "some", "just", "almost".
QUANTIFIERS = frozenset(
    [
        "all",
        "some",
        "only",
        "most",
        "every",
        "few",
        "many",
        "much",
        "any",
        "each",
        "both",
        "several",
        "always",
        "sometimes",
        "often",
        "rarely",
        "seldom",
        "usually",
        "just",
        "even",
        "almost",
        "nearly",
        "mostly",
        "entirely",
        "partly",
        "partially",
        "fully",
        "completely",
        "totally",
        "definitely",
        "certainly",
        "probably",
        "possibly",
        "perhaps",
        "maybe",
    ]
)
#: Comparatives and superlatives: "more" against "less", "better" against "worse".
COMPARATIVES = frozenset(
    [
        "more",
        "less",
        "fewer",
        "least",
        "better",
        "worse",
        "best",
        "worst",
        "than",
        "greater",
        "lower",
        "higher",
        "bigger",
        "smaller",
        "larger",
        "earlier",
        "later",
        "faster",
        "slower",
    ]
)

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
}
_NUMBER_NOISE = frozenset({"and", "percent", "per", "cent", "%", "-"})
#: Words that spell a number ("seven", "thousand"): a changed one changes what was said.
NUMBER_WORDS = frozenset(w for w in (*_UNITS, *_SCALES) if w not in ("a", "an"))

#: Words that carry meaning when added, dropped or changed, with the reason.
MEANING_WORDS: dict[str, str] = {
    **dict.fromkeys(NEGATIONS, "negation"),
    **dict.fromkeys(MODALS, "modal"),
    **dict.fromkeys(QUANTIFIERS, "quantifier"),
    **dict.fromkeys(COMPARATIVES, "comparative"),
    **dict.fromkeys(NUMBER_WORDS, "number"),
    "half": "number",
    "percent": "number",
}

#: Contractions and the words they stand for (matching form: lower case, ASCII apostrophe).
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "let's": ("let", "us"),
    "it's": ("it", "is"),
    "that's": ("that", "is"),
    "he's": ("he", "is"),
    "she's": ("she", "is"),
    "there's": ("there", "is"),
    "what's": ("what", "is"),
    "who's": ("who", "is"),
    "here's": ("here", "is"),
    "where's": ("where", "is"),
    "how's": ("how", "is"),
    "i'm": ("i", "am"),
}
for _base in (
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "have",
    "has",
    "had",
    "would",
    "could",
    "should",
    "must",
    "need",
    "might",
    "dare",
):
    CONTRACTIONS[_base + "n't"] = (_base, "not")
for _pron in ("i", "you", "we", "they", "he", "she", "it", "that", "there", "who", "what"):
    CONTRACTIONS.setdefault(_pron + "'ll", (_pron, "will"))
    CONTRACTIONS.setdefault(_pron + "'d", (_pron, "would"))
for _pron in ("i", "you", "we", "they", "who", "what", "could", "should", "would", "might", "must"):
    CONTRACTIONS.setdefault(_pron + "'ve", (_pron, "have"))
for _pron in ("you", "we", "they", "who", "what"):
    CONTRACTIONS.setdefault(_pron + "'re", (_pron, "are"))

#: Frequent English words: a near-miss between two of them is another word, not a typo.
COMMON_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "know",
        "like",
        "made",
        "make",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "new",
        "no",
        "nor",
        "not",
        "now",
        "note",
        "of",
        "off",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "said",
        "same",
        "say",
        "says",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "way",
        "we",
        "well",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "yes",
        "yet",
        "you",
        "your",
        "our",
        "never",
        "even",
        "ever",
        "none",
        "nothing",
        "nobody",
        "neither",
        "without",
        "hardly",
        "now",
        "nut",
        "net",
        "nod",
        "knot",
        "tot",
        "lot",
        "got",
        "hot",
        "can",
        "cat",
        "car",
        "war",
        "was",
        "saw",
        "sad",
        "had",
        "bad",
        "man",
        "men",
        "mean",
        "meant",
        "may",
        "way",
        "say",
        "day",
        "any",
        "many",
        "than",
        "then",
        "thin",
        "this",
        "thus",
        "these",
        "those",
        "that",
        "what",
        "want",
        "went",
        "when",
        "then",
        "there",
        "their",
        "they",
        "them",
        "time",
        "tile",
        "mile",
        "mine",
        "will",
        "well",
        "wall",
        "fill",
        "full",
        "fall",
        "all",
        "ill",
        "ale",
        "able",
        "table",
        "people",
        "year",
        "years",
        "good",
        "great",
        "little",
        "right",
        "big",
        "high",
        "old",
        "different",
        "small",
        "large",
        "next",
        "early",
        "young",
        "important",
        "public",
        "bad",
        "same",
        "able",
        "last",
        "long",
        "first",
        "second",
        "third",
        "least",
        "less",
        "lest",
        "best",
        "better",
        "worse",
        "worst",
        "more",
        "most",
        "must",
        "just",
        "justice",
    ]
)


def meaning_of(word: str, words: Mapping[str, str] = MEANING_WORDS) -> str | None:
    """Why ``word`` (matching form) carries meaning: negation, modal, quantifier, comparative, number.

    ``words`` replaces :data:`MEANING_WORDS` (see :func:`meaning_words`); a contracted negation
    ("isn't") is always one.

    >>> meaning_of("isn't"), meaning_of("just"), meaning_of("just", meaning_words({"quantifiers": ()}))
    ('negation', 'quantifier', None)
    """
    if word.endswith("n't"):
        return "negation"
    return words.get(word)


#: The lists behind :data:`MEANING_WORDS` that a call may replace, and the reason each gives.
MEANING_LISTS: dict[str, str] = {
    "negations": "negation",
    "modals": "modal",
    "quantifiers": "quantifier",
    "comparatives": "comparative",
}


def meaning_words(overrides: Mapping[str, Iterable[str]]) -> Mapping[str, str]:
    """:data:`MEANING_WORDS` with the lists of :data:`MEANING_LISTS` named in ``overrides``
    replaced (other names are ignored here); the same mapping when none is named.

    >>> "just" in meaning_words({"quantifiers": ["only"]}), meaning_words({"quantifiers": ["only"]})["only"]
    (False, 'quantifier')
    """
    named = tuple(sorted((k, tuple(v)) for k, v in overrides.items() if k in MEANING_LISTS))
    return _meaning_words(named) if named else MEANING_WORDS


@functools.lru_cache(maxsize=64)
def _meaning_words(named: tuple[tuple[str, tuple[str, ...]], ...]) -> Mapping[str, str]:
    replaced = dict(named)
    out = {w: why for w, why in MEANING_WORDS.items() if why == "number"}
    lists = {"negations": NEGATIONS, "modals": MODALS, "quantifiers": QUANTIFIERS, "comparatives": COMPARATIVES}
    for name, why in MEANING_LISTS.items():
        for w in replaced.get(name, lists[name]):
            out.setdefault(w, why)
    return types.MappingProxyType(out)


def _digits(word: str) -> float | None:
    w = word.replace(",", "").rstrip("%")
    if not w or w in {"-", "+", "."}:
        return None
    try:
        return float(w.replace("−", "-"))
    except ValueError:
        return None


def number_value(words: Sequence[str]) -> float | None:
    """The number a run of words spells (``["twenty", "five"]`` is 25), or None.

    Digits with thousands separators and percent signs count; "percent" and
    "and" are ignored so ``30%`` meets ``30 percent``.
    """
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        w = word.lower()
        if w in _NUMBER_NOISE:
            continue
        d = _digits(w)
        if d is not None:
            current += d
            seen = True
        elif w in _UNITS:
            current += _UNITS[w]
            seen = seen or w not in ("a", "an")
        elif w in _SCALES:
            current = max(current, 1.0) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


#: Titles and honorifics that stand before a name ("Dr Smith", "Premier Li Qiang"), lower case.
#: One list for the three readers: the story's speaker names (extraction strips them),
#: name matching in the registry (speakers), and the sentence-end guard ("Dr." ends no
#: sentence, quoteverify._text).
TITLES = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir", "dame", "lady", "lord", "madam", "madame", "mme", "mlle", "monsieur", "herr", "frau", "rev", "reverend", "fr", "father", "mother", "sister", "brother", "aunt", "uncle", "cousin", "st", "sen", "senator", "rep", "gov", "governor", "mayor", "judge", "justice", "gen", "general", "col", "colonel", "capt", "captain", "lt", "lieutenant", "sgt", "sergeant", "major", "president", "premier", "chancellor", "minister", "secretary", "chairman", "chairwoman", "ceo", "chief", "dean", "rabbi", "imam", "sheikh"]
)

#: Verbs that attribute words to a speaker in reporting text and fiction ("said", "retorted"):
#: the cues extraction looks for beside a quotation.
SPEECH_VERBS = frozenset(
    ["accused", "acknowledged", "acknowledges", "added", "adds", "admits", "admitted", "agreed", "agrees", "announced", "announces", "answered", "answers", "argued", "argues", "asked", "asks", "asserted", "asserts", "assured", "began", "begged", "begins", "bellowed", "blasted", "blurted", "boasted", "branded", "breathed", "called", "calls", "cautioned", "chimed", "chuckled", "claimed", "claims", "coaxed", "commented", "comments", "complained", "complains", "conceded", "concedes", "concluded", "concludes", "condemned", "confirmed", "confirms", "contended", "contends", "continued", "continues", "corrected", "cried", "cries", "criticised", "criticized", "declared", "declares", "decried", "demanded", "demands", "denied", "denies", "described", "describes", "dismissed", "drawled", "dubbed", "echoed", "emphasised", "emphasized", "enquired", "entreated", "exclaimed", "exclaims", "explained", "explains", "expostulated", "faltered", "gasped", "giggled", "groaned", "growled", "grumbled", "hailed", "hazarded", "hissed", "implored", "inquired", "inquires", "insisted", "insists", "interposed", "interrupted", "interrupts", "joked", "jokes", "labeled", "labelled", "lamented", "laughed", "lisped", "maintained", "maintains", "moaned", "mocked", "murmured", "murmurs", "mused", "muttered", "mutters", "noted", "notes", "objected", "objects", "observed", "observes", "panted", "persisted", "pleaded", "posted", "posts", "praised", "predicted", "predicts", "promised", "promises", "protested", "protests", "pursued", "quipped", "quips", "reads", "recalled", "recalls", "rejoined", "remarked", "remarks", "remonstrated", "repeated", "repeats", "replied", "replies", "reported", "reports", "responded", "responds", "resumed", "retorted", "retorts", "returned", "roared", "said", "sang", "say", "saying", "says", "screamed", "shouted", "shouts", "sighed", "sings", "slammed", "smiled", "snapped", "sneered", "sobbed", "spoke", "stammered", "stated", "states", "stormed", "stressed", "stresses", "suggested", "suggests", "tells", "testified", "testifies", "thought", "told", "touted", "tweeted", "tweets", "urged", "urges", "ventured", "vowed", "vows", "wailed", "warned", "warns", "whispered", "whispers", "wondered", "writes", "wrote", "yelled", "yells"]
)
#: Multi-word cues with the same role ("went on", "put it").
SPEECH_VERB_PHRASES = ("went on", "goes on", "put it", "puts it", "called out", "broke out", "burst out")
#: Narrower, deliberately: the cues that mark a speaker in a transcript reading out someone
#: else's words ("as critics put it, ..."). Fiction's "cried" or "sighed" would make ordinary
#: answers look like quotations, so nested speech uses this list, not :data:`SPEECH_VERBS`.
NESTED_SPEECH_VERBS = (
    *["said", "says", "say", "saying", "wrote", "writes", "write", "asked", "asks", "ask", "told", "tells", "tell", "argued", "argues", "claimed", "claims", "stated", "states", "declared", "declares", "tweeted", "tweets", "posted", "added", "adds", "noted", "notes", "warned", "warns", "insisted", "insists", "suggested", "suggests", "complained", "complains", "wondered", "wonders"],
    "put it", "puts it", "called it", "calls it", "call it", "described it as",
)

#: Lower-case words that stand inside a personal name ("Ursula von der Leyen", "Mohammed bin
#: Salman", "Martin O'Neill" written "o neill"): a name-shaped mention may hold them, and the
#: story's name patterns step over them.
NAME_PARTICLES = frozenset(
    ["de", "da", "del", "della", "der", "den", "di", "du", "dos", "das", "la", "le", "van", "von", "bin", "bint", "ibn", "al", "el", "y", "e", "st", "mc", "mac", "o"]
)


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


def _phrases(block: str) -> frozenset[str]:
    """Comma-separated phrases (lower case, single spaces)."""
    return frozenset(" ".join(p.split()) for p in block.split(",") if p.strip())


# ---------------------------------------------------------------------------------------------
# Reading stories: who a quotation is attributed to (quoteverify.extraction)
# ---------------------------------------------------------------------------------------------

#: Words that end a description before its speech verb ("the man *who* said", "a source *on*
#: the board said"): a description's words are never one of these.
DESCRIPTION_STOPS = _words(
    """
    in on at to with who whom which that and or but as after before during while when from for
    by about into than then if because said says told is was were had has have not again too also
    still quietly softly slowly gravely presently
    """
)
#: Determiners that open a description of a speaker ("*the* company", "*several* workers").
DESCRIPTION_DETERMINERS = _words(
    "the a an his her their its our my your one another this that several some many two three"
    " these those"
)
#: Determiners that make a description indefinite ("*a* worker said"): never resolved to a
#: speaker named earlier.
INDEFINITE_DETERMINERS = _words("a an one another several some many two three")
#: Words before "you ask(ed)" that make it a question about asking ("*Did* you ask him ...?",
#: "*Would* you ask them ...?", "*Were* you asked to ...?"), not an answer reading out the
#: asker's question.
QUESTION_AUXILIARIES = _words("did do does would will could can should have had why when if were was are is")
#: Whom "you asked" put a question to, when it was someone else ("you asked *him*", "you asked
#: *the* contractor"): the questioner's own words, not a question read out.
QUESTIONED_OTHERS = _words("him her them it anyone anybody someone somebody the a an")
#: Words that may stand between a speaker and the speech verb ("Smith *later* said").
AUXILIARIES = _words(
    """
    had has have would will could might later also then again once finally simply just only now
    still always never often even first last previously recently repeatedly publicly privately
    earlier further
    """
)
#: Prepositions that extend a description by one phrase ("a narrator *in* the Clinton ad").
DESCRIPTION_PREPOSITIONS = _words("in of at for from on with")
#: Prepositions after which a name is a place or a setting, not someone who speaks
#: ("Clinton was *in* Las Vegas", "a rally *at* Madison Square Garden").
PLACE_PREPOSITIONS = _words(
    """
    in at from near across throughout outside inside around into toward towards through within
    over onto via under beneath behind between among beyond
    """
)
#: Words between a sentence's subject and a quotation that is its predicate
#: ('Social Security *is* "going broke"'): the subject is what the quote is about, not a speaker.
PREDICATE_WORDS = _words(
    """
    is are was were be been being will would could can may might must should shall has have had
    does do did not n't now still also already soon never only just really
    """
)
#: Words that set a scene for the next quotation ("*asked* about the plant, she ..."); a ``*``
#: ends a stem ("interview*" is also "interviews", "interviewed").
SCENE_WORDS = _phrases(
    """
    asked, interview*, question*, statement, conference, speech, hearing, meeting, podcast,
    briefing, when, during, in a, in an, in last, in this, speaking, wrote, post, posted, tweet*,
    video
    """
)
#: Documents, messages and signs whose words a story quotes ("the statement said", "the letter
#: read"): no person, so such a description is never taken as an earlier speaker.
DOCUMENT_NOUNS = _words(
    """
    statement letter article report memo memorandum email e-mail message note tweet post
    release sign banner headline label caption document filing complaint lawsuit ruling
    transcript text ad advertisement leaflet flyer poster notice editorial column piece
    """
)
#: Nouns that name an organisation rather than a person: the head of a description ("the
#: *company* said") and the short form that points back at an organisation just named.
ORGANISATION_NOUNS = _words(
    """
    company firm group startup start-up agency organization organisation department ministry
    government police university party campaign committee council court bank business team
    office administration corporation newspaper paper network board union commission
    conglomerate maker manufacturer giant outfit utility miner retailer airline carrier insurer
    lender operator regulator watchdog nonprofit charity district association authority bureau
    institute foundation
    """
)
#: Words that, written in a capitalised name, make it an organisation's ("Megvii *Technology*",
#: "*Reuters*"); compared as written.
ORGANISATION_NAME_WORDS = _words(
    """
    Post Times Company Inc Corp Group University Party Department Ministry Agency News Bank
    Association Committee Council Court House Senate Congress Police Reuters Foundation
    Institute Co Ltd LLC Union Commission Office Administration Campaign Network Journal Daily
    Herald Tribune Press Review Magazine Television Radio Service Services Technology
    Technologies
    """
)
#: Nouns that describe a man or a woman ("the *woman* said"): the gender a later "he" or "she"
#: must agree with.
MALE_NOUNS = _words("man boy gentleman father husband son brother uncle king lord sir mr")
FEMALE_NOUNS = _words("woman girl lady mother wife daughter sister aunt queen mrs miss ms")
#: Head nouns and words of a description that only fit a grown-up ("the old *gentleman*").
GROWN_UP_WORDS = _words("man gentleman woman lady old elderly")
#: Head nouns of a bare description the narration uses for someone it does not name ("said the
#: *man*"). "woman" and "lady" are left out: narrators call their named women so (measured on
#: the PDNC development novels, where adding them loses more than it gains).
BARE_PERSON_NOUNS = _words("man gentleman")
#: How the head noun of a description ends when it names a woman or a man ("the duch*ess*", "the
#: clergy*man*", "the *lad*"): its gender when the noun is in neither list above.
FEMALE_NOUN_ENDINGS = _words("woman ess wife mother lady girl")
MALE_NOUN_ENDINGS = _words("man lad fellow father boy")
#: Third-person pronouns of each gender, by which the narration tells a person's gender when the
#: registry does not ("Okafor closed *her* notebook"; "Park said *he* would wait").
MALE_PRONOUNS = _words("he his him himself")
FEMALE_PRONOUNS = _words("she her hers herself")
#: Head nouns of a description a narration keeps for someone it does not name, or not yet ("said
#: the *stranger*", "the *man* replied"): never linked to a person merely because the scene has
#: room for one (measured on the PDNC development novels: "the man", "the gentleman" and "the
#: stranger" were nobody present by name far more often than the one unaccounted-for person).
STRANGER_NOUNS = _words("man gentleman woman stranger person fellow figure voice other one men people")
#: Words before a name that mark a child in the narration ("*little* Oliver", "*Master* Tom").
CHILD_MARKERS = _words("little master")
#: Speech verbs in the passive, with the speaker after "by" ('"American Skin" was *written*
#: by Springsteen').
PASSIVE_SPEECH_VERBS = _words("written coined penned uttered sung spoken said tweeted posted")
#: The auxiliaries of that passive ("was written by").
PASSIVE_AUXILIARIES = _phrases("was, were, is, are, had been, has been, have been")
#: Descriptions of whoever did not speak the last line ("said *the other*"): the other party.
OTHER_PARTY = _phrases("the other, the other one, the other man, the other woman, his companion, her companion")
#: Relative pronouns that can open a clause reporting speech ("the council *which* reported").
RELATIVE_PRONOUNS = _words("who which")
#: Cues only after a quote and its subject ("'...,' the article *read*"): before a quote "read"
#: is as often a line that read, whose words the sentence attributes otherwise, or a title read.
TRAILING_SPEECH_VERBS = _words("read")
#: Family relations a description names ("cried *her mother*"): the relative is looked for
#: among the characters who share the other one's surname.
KIN_NOUNS = _words("mother father wife husband sister brother daughter son aunt uncle")
#: Relations who carry the family name with a married title ("*Mrs.* Bennet", "*Mr.* Bennet").
KIN_MARRIED = _words("mother father wife husband aunt uncle")
#: People named by their relation to someone ("his *companion*", "her *hostess*"): a relative
#: or one of these is never the person the possessive stands for ("his voice" is him).
RELATION_NOUNS = KIN_NOUNS | _words(
    """
    companion friend host hostess guest visitor partner colleague neighbour neighbor cousin
    nephew niece grandmother grandfather fiance fiancee fiancé fiancée servant maid master
    mistress employer mother-in-law father-in-law son-in-law daughter-in-law sister-in-law
    brother-in-law stepmother stepfather
    """
)
#: Verbs that, followed by "to <name>", say whom a line was spoken to ("she *said* to Kitty",
#: "*turning* to Kitty").
SPOKEN_TO_VERBS = _words(
    """
    turn turned turning said says cried whispered called spoke speaking replied added remarked
    answered murmured exclaimed continued
    """
)
#: Titles that give a name's gender ("*Mrs* Bennet"), lower case, without a full stop.
FEMALE_TITLES = _words("mrs ms miss lady dame madame mme mlle frau mother aunt")
#: Female titles that say the woman is (or was) married: "*Mrs.* Bennet", not "*Miss* Bennet".
MARRIED_FEMALE_TITLES = _words("mrs lady dame madame mme frau mother aunt")
MALE_TITLES = _words("mr sir lord monsieur herr father uncle")
#: Capitalised words that open a sentence but never a name ("*When* Clinton spoke"), lower
#: case here; weekdays, months and party names too.
NOT_NAMES = _words(
    """
    the a an in on at when but and if as so it this that then to their there these those what
    who why how where yes no oh well now here his her its our my your after before while during
    since although though because still even only just perhaps meanwhile however later once for
    with without from by of not nor or yet all both each every some many most one two
    under over across among amid despite following unlike like per via within through throughout
    against toward towards beyond upon into near
    again soon sometimes such nevertheless nonetheless instead whereupon therefore thus hence
    besides moreover indeed presently afterwards otherwise
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december republican democratic democrat
    """
)
#: Reporting verbs that also give a thing its name: right after a description and right before
#: the quote ("a box *labeled* \"medical problem\"", "a program *called* \"Safe Streets\"") they
#: name the thing, and nobody is quoted saying the words.
NAMING_CUES = _words("called labeled labelled dubbed branded")
#: Words after which "to <someone>," before a quote is that person's view ("because *to her*,
#: \"...\""); after any other word (a verb: "turned to her,") it is who was spoken to.
VIEWPOINT_OPENERS = _words("because and but that yet so")
#: Present participles of speech verbs that open a sentence's subordinate clause ("After
#: *saying* the plan was \"dead,\" Osei left"): the main clause's subject said the words.
SPEECH_PARTICIPLES = _words(
    """
    saying calling telling describing declaring insisting claiming warning writing tweeting
    promising arguing noting adding asking answering announcing admitting denying
    """
)
#: Nouns for what someone said, after a possessive name ("Trump's *claim* that there were
#: \"thousands of shootings\""): the name is the speaker of a quote in what the noun reports.
SPEECH_NOUNS = _words(
    """
    claim claims statement statements remark remarks comment comments promise promises pledge
    vow warning assertion prediction boast insistence suggestion accusation description words
    """
)
#: Speech verbs that are also plural nouns ("Trump's *tweets*"): after a possessive they name
#: the words, not a speaker's act.
NOUN_CUES = _words(
    """
    tweets posts calls reports claims notes states comments answers demands promises protests
    objects remarks jokes quips vows warns replies
    """
)
#: Cues that carry the previous speaker on ("he *added*"): a quote after them keeps its speaker.
SAME_SPEAKER_CUES = _phrases(
    "added, adds, continued, continues, resumed, repeated, persisted, pursued, went on, goes on"
)
#: Words of endearment before a name addressed in a quote ("*my dear* Lizzy"): the name is the
#: one spoken to, not the speaker.
ENDEARMENTS = _words("my dear dearest darling oh o poor good old")
#: Words that open a subordinate clause or an opening phrase ("*When* Clinton spoke, …"): a
#: name inside it is not the sentence's speaker.
SUBORDINATE_OPENERS = _phrases(
    """
    when, whenever, after, before, while, as, since, until, once, although, though, because, if,
    whereas, unless, even though, even as, just as, hours after, days after, shortly after,
    moments after, with, following, despite, amid, during, like, unlike
    """
)
#: Verbs that report speech indirectly ("she *said* that the plant would close"), for
#: ``include_indirect``.
INDIRECT_SPEECH_VERBS = _words(
    """
    said says told tells added explained noted wrote stated declared denied denies insisted
    insists argued argues claimed claims warned warns acknowledged admitted admits suggested
    confirmed confirms announced reported reports predicted promised vowed testified conceded
    maintained maintains asserted asserts contended stressed emphasized emphasised believes
    """
)

# ---------------------------------------------------------------------------------------------
# Names and mentions (quoteverify.speakers, quoteverify.attribution)
# ---------------------------------------------------------------------------------------------

#: Personal pronouns: a mention made only of these never names a speaker.
PERSONAL_PRONOUNS = _words(
    "he she they it him her them his hers its their theirs we us our i me my you your himself"
    " herself itself themselves"
)
#: Generational suffixes after a name ("John G. Roberts, *Jr.*"): not the family name.
NAME_SUFFIXES = _words("jr sr ii iii iv")
#: Words that may open a mention of a role or organisation ("*the* company", "*its* founder").
MENTION_DETERMINERS = _words("the a an this that its their his her our one")
#: Words that link a role to its organisation ("chief executive *of* Megvii").
MENTION_LINKS = _words("for of at from with and to in on by")
#: Words of an organisation's name left out of its initials ("Federal Bureau *of* Investigation"
#: is FBI), as news style writes them in lower case.
ACRONYM_SKIP = _words("of for and the on in at to a an de des du la le")
#: Each role a registry may give, and the phrases that mean it ("CEO", "chief executive").
ROLE_SYNONYMS: dict[str, frozenset[str]] = {
    "chief executive": _phrases("ceo, chief executive, chief executive officer, chief exec"),
    "vice president": _phrases("vp, vice president, vice presidents, veep"),
    "chief technology officer": _phrases("cto, chief technology officer, chief technical officer"),
    "chief financial officer": _phrases("cfo, chief financial officer, finance chief"),
    "chief operating officer": _phrases("coo, chief operating officer"),
    "founder": _phrases("founder, co founder, cofounder, founders, co founders"),
    "president": _phrases("president"),
    "chairman": _phrases("chairman, chairwoman, chairperson, chair"),
    "spokesperson": _phrases(
        "spokesperson, spokesman, spokeswoman, spokespeople, spokesmen, spokeswomen,"
        " representative, representatives, press officer, press secretary, rep"
    ),
    "director": _phrases("director"),
    "managing director": _phrases("managing director"),
    "general manager": _phrases("general manager"),
}
#: Roles and words that speak for an organisation ("a Megvii *spokesperson*", "in a
#: *statement*"): the organisation is the speaker.
SPOKESPERSON_ROLES = _phrases(
    """
    spokesperson, spokeswoman, spokesman, representative, press officer, press secretary,
    statement, communications director, head of communications
    """
)

# ---------------------------------------------------------------------------------------------
# Transcripts (quoteverify._labels, quoteverify._speech)
# ---------------------------------------------------------------------------------------------

#: Words written with a leading apostrophe for left-out letters ("*'tis*", "rock *'n'* roll",
#: "the *'90s*" as "90s"): that apostrophe opens no quotation.
ELISIONS = _words("n tis twas em cause til bout round")
#: Words that open what was asked ("you asked me *whether* ..."), after a question cue in a
#: transcript.
QUESTION_WORDS = _words("whether if about why how what when where who")
#: Auxiliaries that a "not" may follow ("is not", "will not"): where the property-test
#: strategies (quoteverify.strategies) insert one to make a meaning-changing edit.
NEGATABLE_AUXILIARIES = _words("is are was were will can could would should do does did have has")
#: Speaker labels that name no one ("*UNIDENTIFIED MALE*:", "*AUDIENCE MEMBER*:"), as TV and
#: official transcripts write a voice they cannot identify: a turn, but nobody's to accuse.
UNIDENTIFIED_VOICES = _phrases(
    """
    unidentified male, unidentified female, unidentified man, unidentified woman, unidentified
    speaker, unidentified person, unidentified reporter, unknown speaker, unknown, audience member,
    audience members, unidentified audience member, audience, crowd, protester, protestor,
    protesters, participant, participants, crosstalk, several speakers, multiple speakers,
    unidentified participant, unidentified voice, off-mic, off mic
    """
)
#: Prose prefixes that look like speaker labels but never are ("*Note:*", "*Updated:*").
NOT_LABELS = _phrases(
    """
    note, notes, nb, n.b, ps, p.s, update, updated, correction, clarification, source, sources,
    photo, photos, picture, image, caption, credit, credits, related, warning, disclaimer,
    subject, date, time, re, fwd, fw, tel, phone, mobile, email, e-mail, fax, web, website, url,
    http, https, ftp, mailto, www, summary, abstract, keywords, tags, tag, category, posted,
    published, location, dateline, transcript, copyright, length, duration, language, title,
    topic, agenda, example, examples, contact, address, by, from, to, cc, bcc, attachment,
    attachments, editor's note, editor’s note, editors note, read more, see also, filed under
    """
)
#: Labels of the one who asks in a question-and-answer transcript ("*Q:*").
INTERVIEWER_LABELS = _words("q question interviewer")
#: Labels of the one who answers ("*A:*").
INTERVIEWEE_LABELS = _words("a answer interviewee")
#: Words of a bracketed stage direction in a transcript ("[*laughter*]", "(*crosstalk*)"): not
#: anyone's words.
STAGE_DIRECTIONS = _phrases(
    """
    laughs, laughing, laughter, laugh, chuckles, chuckling, applause, clapping, crosstalk,
    cross-talk, cross talk, overlapping, overtalk, inaudible, unintelligible, indistinct, pause,
    pauses, silence, sighs, sigh, coughs, cough, music, noise, background noise, break, end,
    beep, bleep, off mic, off-mic, recording, audio, video, phone rings, interruption,
    interrupts, interrupted, foreign language, speaking foreign language, translated,
    translation, through interpreter, via interpreter, nods, shrugs, gestures, sound,
    technical difficulties, redacted, unclear, as interpreted, cheers, cheering, boos, booing
    """
)
#: Honorifics that open a speaker's line in a parliament's or a court's record ("*Mr* Fenn",
#: "*Baroness* Hale"), as written there.
RECORD_HONORIFICS = _words("Mr Ms Mrs Miss Dr Sir Dame Lord Lady Baroness")
#: Offices that speak in the US Congressional Record ("The *PRESIDING OFFICER*."), as written.
CONGRESS_OFFICES = _phrases(
    "SPEAKER, PRESIDING OFFICER, CHAIR, CHAIRMAN, CHAIRWOMAN, PRESIDENT, VICE PRESIDENT, CLERK,"
    " ACTING PRESIDENT"
)
#: Offices that head a speech in Hansard ("The *Prime Minister* (Helen Carradine)"); a
#: "Secretary of State ..." or "Minister ..." of any department too.
PARLIAMENT_OFFICES = _phrases(
    "Prime Minister, Deputy Prime Minister, Speaker, Deputy Speaker, Chancellor of the Exchequer,"
    " Leader of the House, Secretary of State, Minister, Acting Speaker, Assistant Deputy Speaker,"
    " Deputy Chair, Chair, Chairman, Assistant Deputy Chairman, Presiding Officer, Hon. the Speaker,"
    " Hon. The Speaker, Hon. the Acting Speaker"
)
#: Titles of members before their name in Canadian (and other Commonwealth) Hansard, besides
#: the honorifics: "*Hon.* Marguerite Vallee", "*Right Hon.* Jean Doe", "*Senator* Roe".
PARLIAMENT_HONORIFICS = _phrases("Hon, Right Hon, The Right Hon, The Hon, Senator")
#: Labels of the chamber speaking as a body in Hansard ("*Some hon. members*: Oh, oh!"): a turn
#: that no one person said.
CHAMBER_VOICES = _phrases("Some hon. members, An hon. member, Hon. Members, Several hon. members")
#: Titles before an official's capitalised name in a briefing transcript ("*MS.* PSAKI:").
BRIEFING_TITLES = _words("MR MS MRS DR SECRETARY GENERAL ADMIRAL AMBASSADOR")
#: Words of an office that news style writes before a name ("Senate Majority *Leader* Mitch
#: McConnell", "Harlow County *Commissioner* Lena Varga"), besides the titles: the name follows.
NEWS_TITLES = _words(
    "leader speaker whip commissioner director administrator ambassador attorney councilman "
    "councilwoman councillor councilor alderman sheriff superintendent treasurer comptroller "
    "spokesman spokeswoman spokesperson chair representative rep delegate executive founder "
    "officer member"
)
#: Titles that open a speaker's paragraph in a printed committee hearing ("    Chairwoman
#: Whitfield. The committee will come to order."), before a surname.
HEARING_TITLES = _phrases(
    "Chairman, Chairwoman, Chair, Vice Chairman, Vice Chairwoman, Vice Chair, Ranking Member, "
    "Senator, Representative, Delegate, Governor, Secretary, Attorney General, General, "
    "Admiral, Ambassador, Commissioner, Director, Administrator, Judge, Justice, Mayor"
)
#: Small words inside a job title or a firm's name after a dash in an earnings call ("Vice
#: President *of* Investor Relations", "Halden Securities *and* Co.").
TITLE_JOINERS = _words("and of for the at in on to de du la von y")
#: Column names (and JSON keys) of a table of speech, most likely first: who speaks, the words,
#: when a row starts and ends ("speaker", "text", "start", "end").
TABLE_SPEAKER_COLUMNS = ("speaker", "speaker_label", "speaker_name", "spk", "name", "who", "role")
TABLE_TEXT_COLUMNS = ("text", "transcript", "utterance", "words", "content", "caption", "sentence")
TABLE_START_COLUMNS = ("start", "start_time", "begin", "from", "offset")
TABLE_END_COLUMNS = ("end", "end_time", "to", "stop")
#: Lines by which a press release names itself ("FOR IMMEDIATE RELEASE", "Media contact:").
RELEASE_MARKERS = _phrases(
    "for immediate release, press release, news release, media release, media contact,"
    " media inquiries, media enquiries"
)
#: Sounds that fill a pause in speech ("*uh*", "*um*"): a reporter drops them, nothing is lost.
FILLERS = _words("uh um er ah erm uhm hmm mm eh")
#: Phrases that fill a pause when set off by commas or dashes ("it was, *you know*, late"); as
#: words of a clause ("I know you know it") they are kept.
FILLER_PHRASES = _phrases("you know, i mean, you see")
#: Words that open or close a spoken sentence set off by a comma ("*Well,* I think", "*Look,*
#: ...", "..., *right*?"): at a quote's edge a reporter may drop them. Never "no" or "yes".
INTERJECTIONS = _phrases(
    "well, now, so, look, oh, yeah, okay, ok, right, listen, see, anyway, alright, all right, and,"
    " but, you know, i mean"
)
#: Spellings two transcribers give the same spoken words ("OK" and "okay", "gonna" and "going
#: to"), each group one way of saying it; compared in lower case, full stops dropped ("U.S.").
TRANSCRIPTION_VARIANTS = (
    frozenset({"ok", "okay"}),
    frozenset({"gonna", "going to"}),
    frozenset({"wanna", "want to"}),
    frozenset({"gotta", "got to"}),
    frozenset({"kinda", "kind of"}),
    frozenset({"sorta", "sort of"}),
    frozenset({"'cause", "cause", "cuz", "because"}),
    frozenset({"'til", "til", "till", "until"}),
    frozenset({"y'all", "you all"}),
    frozenset({"ma'am", "madam"}),
    frozenset({"alright", "all right"}),
    frozenset({"us", "u s"}),
    frozenset({"uk", "u k"}),
)
#: Who a speaker reports without quotation marks, to disagree ("*My opponent* says we ...",
#: "*People* tell me ...", "*Critics* say ..."): what follows, to the sentence's end, is their
#: claim as the speaker retells it, not the speaker's own.
REPORTED_OTHERS = _phrases(
    "my opponent, my opponents, critics, people, some people, my friend on the other side,"
    " my friends on the other side, the other side, opponents, my colleague, my colleagues,"
    " they, others, some, the critics, our critics"
)
#: Objects of a speech verb before a quotation read out in a transcript ("as they told *us*, …").
SPEECH_OBJECTS = _words("me us him her them you it everyone reporters")
#: Determiners before whoever is quoted in a transcript ("as *the* critics said").
QUOTED_DETERMINERS = _words("the a an my our your his her their one some many")
#: The speaker's own person: "as *I* said" reads out the speaker's own words, not another's.
FIRST_PERSON = _words("i we me us myself ourselves")
#: Phrases for the one spoken to ("as *you* said", "*your question* was"): the interviewer.
ADDRESSEE_PHRASES = _phrases("you, your question, the question")

# ---------------------------------------------------------------------------------------------
# Context drift (quoteverify.drift). Phrases are lower case, single spaces.
# ---------------------------------------------------------------------------------------------

#: Words that deny what follows them ("it is *false* that …") besides the negations: before a
#: quote, a truncation that drops them turns a denial into a claim.
DENIALS = _words("false untrue wrong deny denied doubt")

#: Every word list the drift checks use, by name. ``negations`` is :data:`NEGATIONS` with
#: :data:`DENIALS`.
DRIFT_WORDS: dict[str, tuple[str, ...]] = {
    # truncation, after the quote
    "conditions": (
        "unless", "if", "only if", "except", "except when", "except if", "provided",
        "providing", "as long as", "so long as", "on condition", "assuming", "until",
    ),
    "contrasts": ("but", "however", "although", "though", "yet", "whereas", "while"),
    "reasons": ("because", "'cause", "cause", "since", "so that", "in order to"),
    "relatives": ("who", "whom", "whose", "that", "which", "where"),
    "limits": (
        "with limits", "within limits", "up to a point", "to a point", "to some extent",
        "to an extent", "to a degree", "in part", "partly", "in some cases", "for now",
        "for the time being", "for the moment", "at least for now", "so far", "in theory",
        "on paper",
    ),
    # words a speaker may put before such a limit ("— *again*, with limits")
    "limit_leads": ("again", "and", "of course", "obviously", "i mean", "i think"),
    "time_after": (
        "when it first", "when we first", "when i first", "when they first", "at the time",
        "back then", "in those days", "at first", "in the beginning", "years ago", "originally",
        "in the past", "at that point", "before", "initially",
    ),
    # truncation, before the quote
    "negations": tuple(sorted(NEGATIONS | DENIALS)),
    "hedges": (
        "maybe", "perhaps", "possibly", "some say", "critics say", "people say", "they say",
        "it is said", "whether", "suppose", "imagine", "supposedly", "allegedly", "claim",
        "claims", "wonder", "rumour", "rumor", "so-called",
    ),
    "condition_openers": ("if", "unless", "when", "once", "should", "were", "suppose"),
    # the sentence after the quote, in the same turn
    "reversals_next": (
        "that's not", "that is not", "i'm not saying", "i am not saying", "i don't want to",
        "that doesn't mean", "that does not mean", "not that", "of course that's not",
        "now that's not", "but that's not", "but that is not",
    ),
    "contrasts_next": ("but", "however", "although", "that said", "still", "yet"),
    "time_before": ("at the time", "back then", "in those days", "at first", "originally",
                    "initially", "years ago", "in the past", "once"),
    # dangling_reference
    "demonstratives": ("this", "that", "these", "those", "such"),
    "pronouns": ("it", "they", "them", "he", "she", "him", "her", "his", "its", "their"),
    "pronoun_followers": (
        "is", "was", "are", "were", "will", "would", "can", "could", "does", "did", "has",
        "had", "means", "meant", "makes", "made", "happened", "happens", "should", "must",
        "might", "may", "never", "always", "isn't", "wasn't", "won't", "didn't", "doesn't",
        "that's", "'s",
    ),
    "determiners": (
        "the", "a", "an", "our", "your", "their", "its", "his", "her", "my", "these",
        "those", "this", "in", "of", "on", "for", "with", "about", "from", "into", "and",
    ),
    # question / topic
    "question_cues": ("asked", "ask", "asking", "question", "questioned", "pressed", "queried"),
    "framing_stop": (
        "said", "says", "say", "told", "tell", "added", "interview", "interviewed", "statement",
        "according", "quoted", "wrote", "replied", "answered", "explained", "noted", "insisted",
        "stated", "speaking", "spoke", "asked", "question", "when", "vice", "president",
        "chief", "executive", "ceo", "founder", "co-founder", "spokesperson", "spokesman",
        "spokeswoman", "company", "reporter", "reporters", "year", "week", "month", "last",
        "earlier", "later", "today", "yesterday", "recently", "mr", "ms", "mrs", "dr", "he",
        "she", "they", "him", "her", "his", "its", "their", "also", "blunt", "told",
        # the setting of the words, not their topic: where, when and before whom
        "argue", "argued", "argues", "arguing", "argument", "arguments", "court", "courtroom",
        "hearing", "session", "briefing", "conference", "podcast", "speech", "remarks",
        "reporters", "audience", "crowd", "justices", "justice", "judge", "senators",
        "committee", "panel", "before", "during", "morning", "afternoon", "evening", "tonight",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "room", "podium", "stage",
        # how the words were said, not what about: "he *joked*", "she *conceded*"
        "joked", "joking", "quipped", "laughed", "conceded", "acknowledged", "admitted",
        "warned", "cautioned", "stressed", "emphasised", "emphasized", "repeated", "reiterated",
        "declined", "defended", "promised", "vowed", "predicted", "complained", "recalled",
        "saying", "adding", "speaks", "speak",
    ),
    # temporal
    "past_markers": (
        "last year", "last year's", "years ago", "a year ago", "earlier interview", "in an old",
        "previous", "previously", "at the time", "back in", "once said", "had said",
        "earlier",
    ),
    # dangling_reference: a name right after one of these is a place, or the outlet
    "articles": (
        "the", "a", "an", "our", "your", "their", "its", "his", "her", "my", "these", "those",
        "this",
    ),
    "place_cues": ("in", "at", "from", "to", "near", "of", "outside", "across"),
    "outlet_cues": ("by", "told", "with", "for", "to", "in"),
}  # fmt: skip

#: Story wording that says the words are recent, with how old (in days) they may be.
RECENCY_DAYS: dict[str, int] = {
    "today": 1, "this morning": 1, "tonight": 1, "yesterday": 2, "this week": 7,
    "on monday": 7, "on tuesday": 7, "on wednesday": 7, "on thursday": 7, "on friday": 7,
    "on saturday": 7, "on sunday": 7, "last week": 14, "this month": 31, "last month": 62,
    "recently": 90, "new interview": 90, "latest interview": 90, "this year": 366,
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Every list, by name
# ---------------------------------------------------------------------------------------------

#: Every word list above by its name in lower case (``"speech_verbs"``), and the drift lists by
#: their names in :data:`DRIFT_WORDS` (where a name is both, ``negations``, the list above wins:
#: drift reads it with :data:`DENIALS`): what ``VerifyConfig(words=...)`` names.
WORD_LISTS: dict[str, frozenset[str]] = {
    **{name: frozenset(words) for name, words in DRIFT_WORDS.items()},
    **{
        name.lower(): value
        for name, value in list(globals().items())
        if name.isupper() and isinstance(value, frozenset) and not name.startswith("_")
    },
    "speech_verb_phrases": frozenset(SPEECH_VERB_PHRASES),
    "nested_speech_verbs": frozenset(NESTED_SPEECH_VERBS),
}
#: The lists that ``VerifyConfig(words=...)`` replaces for one call: the ones a verdict is
#: judged with (the drift lists, and what counts as meaning: :data:`MEANING_LISTS`). The others shape how stories and
#: transcripts are read and are fixed when the package is imported.
PER_CALL_LISTS: frozenset[str] = frozenset(DRIFT_WORDS) | {"denials"} | frozenset(MEANING_LISTS)
