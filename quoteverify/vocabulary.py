"""Word lists behind meaning-bearing edits: negations, modals, quantifiers, numbers.

Kept as data in one place so a reader can audit what counts as meaning.

>>> meaning_of("never"), meaning_of("might"), meaning_of("only"), meaning_of("table")
('negation', 'modal', 'quantifier', None)
>>> number_value(["twenty", "five"]), number_value(["1,000.5"]), number_value(["30", "percent"])
(25.0, 1000.5, 30.0)
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["COMMON_WORDS", "CONTRACTIONS", "MEANING_WORDS", "NAME_PARTICLES", "NESTED_SPEECH_VERBS", "SPEECH_VERBS", "SPEECH_VERB_PHRASES", "TITLES", "meaning_of", "number_value"]

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

#: Words that carry meaning when added, dropped or changed, with the reason.
MEANING_WORDS: dict[str, str] = {
    **dict.fromkeys(NEGATIONS, "negation"),
    **dict.fromkeys(MODALS, "modal"),
    **dict.fromkeys(QUANTIFIERS, "quantifier"),
    **dict.fromkeys(COMPARATIVES, "comparative"),
    **{w: "number" for w in _UNITS if w not in ("a", "an")},
    **dict.fromkeys(_SCALES, "number"),
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


def meaning_of(word: str) -> str | None:
    """Why ``word`` (matching form) carries meaning: negation, modal, quantifier, comparative, number."""
    if word.endswith("n't"):
        return "negation"
    return MEANING_WORDS.get(word)


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
    ["mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir", "dame", "lady", "lord", "madam", "madame", "mme", "mlle", "monsieur", "herr", "frau", "rev", "reverend", "fr", "father", "mother", "sister", "brother", "aunt", "uncle", "cousin", "st", "sen", "senator", "rep", "gov", "governor", "mayor", "judge", "justice", "gen", "general", "col", "colonel", "capt", "captain", "lt", "lieutenant", "sgt", "sergeant", "major", "president", "premier", "chancellor", "minister", "secretary", "chairman", "chairwoman", "ceo", "dean", "rabbi", "imam", "sheikh"]
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
