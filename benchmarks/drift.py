"""Context-drift benchmark (issue 15): drift per kind on real oral-argument transcripts.

Run from the repository root::

    python benchmarks/drift.py                 # the table (reads the transcripts, see Data)
    python benchmarks/drift.py --failures 2    # also 2 missed and 2 false findings per kind
    python benchmarks/drift.py --reliability   # also the confidence bins behind the ECE
    python benchmarks/drift.py --fill-cache    # copy the 56 transcripts into benchmarks/_cache/scotus

Data: the 56 US Supreme Court oral arguments that ``../shared/datasets/cleaned_speech_dev.jsonl``
draws its turns from (Oyez transcripts in GitHub ``at350/scotus-transcripts``, the paths and commit
named in that file's ``source_ref``). They are read in place from ``benchmarks/_cache/scotus/``
(git-ignored; ``--fill-cache`` fills it) or else straight from a local git mirror of that repository
(``--mirror GIT_DIR``, default ``/work/.mirror/at350+scotus-transcripts/repo``). Without either,
each record's own turn in ``cleaned_speech_dev.jsonl`` is the source (no questions: the question
kind is then empty). Never the 2016 or 2020 US presidential debates.

Protocol: each argument's turns (speaker, words) become ``NAME: words`` transcripts; a case's source
is the window of up to 6 turns either side of the turn it is built from
(``Source.from_transcript`` with a registry of the argument's speakers), and the quote is checked
with ``quoteverify.verify(quote, source, speaker=..., speakers=..., framing=...)``. Cases are built
from real turns so that the truth holds by construction (seeded, ``PER_KIND`` per kind):

* ``splice``: two sentences of one turn that are not next to each other, the two ends of one
  long sentence with the middle cut (>= 4 words), sentences of two turns of the speaker, or of two
  speakers' turns (the four variants kept balanced); joined with " " or " ... ".
* ``truncation``: a sentence cut just before ", unless" / " if " / ", but" / " except" /
  " because" (the cut words >= 3), or with its opening negation or hedge removed ("I don't think
  that X" -> "X"), or a reason opening "Because ..." dropped.
* ``dangling``: a whole sentence, not the first of its turn, opening with he/she/they or a
  demonstrative used as a pronoun (this/that/these/those + a verb, or "That's").
* ``question``: the first sentence of an answer to a question turn, framed "Asked about K1 and
  K2 K3, NAME said" with keywords of a question from another argument, or from a question of the
  same argument more than 12 turns away (none of the keywords in the real question or the quote).
* ``embedded``: a real sentence of another argument inserted into the speaker's turn as someone
  else's words ("They say, \u201cS\u201d", "People tell me S", "My friend on the other side says
  that S", "My opponent says S", ...), quoted as the speaker's own.
* ``qualified`` (reported, no target): a whole sentence whose next sentence in the same turn
  qualifies or reverses it ("But ...", "That's not ...", "I don't want to ..."), the "out of
  context" kind of issue 15; flagged when a ``truncation`` finding is present.
* ``clean``: a whole sentence (no conjunction or pronoun opening, no third-person pronoun or
  demonstrative pronoun anywhere, no quoted or reported speech), with no framing, a reporting
  frame ("NAME said that", "NAME told the justices that", "In court on Wednesday, NAME argued
  that"), or the real question's keywords ("Asked about K1 and K2 K3, NAME said").

A kind is **flagged** when a finding of that library kind (``splice``, ``truncation``,
``dangling_reference``, ``question``, ``embedded_speech``) is present at any severity; the
``warning+`` columns count only ``warning`` and ``serious`` findings. Precision of a kind is over
every case the library flags with it, except cases whose truth for that kind the construction does
not settle (``unknown``: e.g. a splice whose words open with "It"); recall over the cases built
for it. A false alarm
is a clean case with any ``warning``/``serious`` context finding of any kind (the ``any`` figure also
counts ``info``). Targets (issue 15): splice P/R >= .95; truncation, dangling and embedded P >= .85
at R >= .70; question P >= .75 at R >= .60; false alarms <= 5 %.

Calibration: ECE of ``confidence`` over all cases but ``qualified``, clean ones (and splices marked
with "..." inside one turn) labelled fair, every other kind unfair.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import _mirror  # noqa: E402
from _judge import brier, ece, fmt, met, ratio, reliability  # noqa: E402

import quoteverify as qv  # noqa: E402

DATA = ROOT.parent / "shared" / "datasets"
CACHE = ROOT / "benchmarks" / "_cache" / "scotus"
MIRROR = Path("/work/.mirror/at350+scotus-transcripts/repo")
SEED = 20261205
PER_KIND = 120
WINDOW = 6

KINDS = ("splice", "truncation", "dangling", "question", "embedded", "qualified")
LIB_KIND = {
    "splice": "splice", "truncation": "truncation", "dangling": "dangling_reference",
    "question": "question", "embedded": "embedded_speech", "qualified": "qualified",
}
# (min precision, min recall) per kind
TARGETS = {
    "splice": (0.95, 0.95), "truncation": (0.85, 0.70), "dangling": (0.85, 0.70),
    "question": (0.75, 0.60), "embedded": (0.85, 0.70),
}
FALSE_ALARM_TARGET = 0.05

Turn = tuple[str, str]  # (speaker's name, words)

ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|v|vs|Inc|Co|Corp|Jr|Sr|U\.S|e\.g|i\.e|p|pp|Art|Sec|cf)|\b[A-Z])\.$")
SENT_END = re.compile(r"(?<=[.!?])\s+(?=[\"\u201c(]?[A-Z])")
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
PRONOUN_OPEN = re.compile(r"^(?:He|She|They)\s")
DEMONSTRATIVE_OPEN = re.compile(
    r"^(?:This|That|These|Those)(?:'s|\s+(?:is|was|are|were|would|will|does|did|has|had|can|could|"
    r"means|meant|seems|makes|made|goes|went|shows|says|said|happens|happened|applies|depends))\b"
)
BAD_OPEN = re.compile(
    r"^(?:He|She|They|It|This|That|These|Those|And|But|So|Or|Because|Well|Now|Yes|No|Oh|Then|Also|"
    r"Which|Who|Where|When|His|Her|Their|Its|There)\b"
)
REFERRING = re.compile(r"\b(?:he|she|they|them|him|it|this|that|these|those|his|her|their|its)\b",
                       re.IGNORECASE)
PERSONAL = re.compile(r"\b(?:he|she|they|them|him|his|her|hers|their|theirs)\b", re.IGNORECASE)
DEMONSTRATIVE_PRONOUN = re.compile(
    r"\b(?:this|that|these|those)(?=\s*(?:[.,;:?!]|$)|'s\b|\s+(?:is|was|are|were|would|will|does|did|"
    r"has|had|can|could|may|might|must|should|means|seems|makes|goes|applies|depends)\b)",
    re.IGNORECASE,
)
SPEECH = re.compile(r"\b(?:say|says|said|saying|tell|tells|told|argue|argues|argued|wrote|writes|"
                    r"asked|asks|put it)\b|[\"\u201c\u201d]", re.IGNORECASE)
QUALIFIER_OPEN = re.compile(
    r"^(?:But|However|Unless|Except|That's not|That is not|I don't want to|I'm not saying|Now, that's not|"
    r"Of course, that's not|Not that)\b"
)
CUT_CUES = (", unless ", " unless ", " if ", ", but ", " except ", " because ", ", because ")
LEAD_CUTS = re.compile(
    r"^(?:I don't think that|I don't think|I'm not sure that|I'm not sure|I don't believe that|"
    r"I don't believe|I'm not suggesting that|I'm not saying that|It's not true that|"
    r"I wouldn't say that|I don't know that|I don't know whether)\s+(?P<rest>[a-z].*)$"
)
STOP = frozenset(
    ["about", "above", "after", "again", "against", "also", "although", "always", "among", "another", "answer", "anything", "because", "before", "being", "below", "between", "both", "cannot", "could", "court", "court's", "does", "doing", "down", "during", "each", "either", "enough", "even", "every", "first", "from", "further", "going", "have", "having", "here", "into", "itself", "just", "know", "least", "less", "like", "make", "many", "maybe", "might", "more", "most", "much", "must", "never", "other", "others", "ought", "over", "particular", "perhaps", "point", "question", "rather", "really", "right", "same", "says", "should", "since", "some", "something", "still", "such", "than", "that", "that's", "their", "them", "then", "there", "these", "they", "thing", "things", "think", "this", "those", "though", "through", "under", "until", "very", "want", "well", "were", "what", "whatever", "when", "where", "whether", "which", "while", "with", "within", "without", "would", "your", "yours", "justice", "honor", "chief", "counsel", "mean", "sure", "okay", "thank"]
)
EMBED_FRAMES = (
    'They say, "{s}"',
    "People tell me {s}",
    "My friend on the other side says that {s}",
    "My opponent says {s}",
    'As the other side puts it, "{s}"',
    'The government says, "{s}"',
    "Critics tell us {s}",
)


# --- reading the transcripts ---------------------------------------------------------------


def argument_paths() -> list[str]:
    path = DATA / "cleaned_speech_dev.jsonl"
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return sorted({json.loads(line)["source_ref"]["path"] for line in fh})


def mirror_dir() -> Path:
    if "--mirror" in sys.argv:
        return Path(sys.argv[sys.argv.index("--mirror") + 1])
    return MIRROR


def read_raw(path: str) -> str | None:
    cached = CACHE / Path(path).name
    if cached.exists():
        return cached.read_text(encoding="utf-8")
    git = mirror_dir()
    if not git.exists():
        return None
    out = subprocess.run(
        ["git", "--git-dir", str(git), "show", f"HEAD:{path}"],
        capture_output=True, text=True, check=False,
    )
    return out.stdout if out.returncode == 0 else None


def turns_of(raw: str) -> list[Turn]:
    data = json.loads(raw)
    out: list[Turn] = []
    for section in (data.get("transcript") or {}).get("sections") or []:
        for t in section.get("turns") or []:
            who = (t.get("speaker") or {}).get("name")
            words = " ".join(" ".join((b.get("text") or "").split()) for b in t.get("text_blocks") or [])
            if who and words:
                out.append((str(who), words))
    return out


def load_arguments() -> tuple[list[list[Turn]], str]:
    paths = argument_paths()
    args: list[list[Turn]] = []
    for p in paths:
        raw = read_raw(p)
        if raw is not None:
            turns = turns_of(raw)
            if turns:
                args.append(turns)
    if args:
        return args, f"{len(args)} Oyez oral arguments (at350/scotus-transcripts)"
    # fallback: each record's own turn, grouped by argument (no question turns)
    path = DATA / "cleaned_speech_dev.jsonl"
    if not path.exists():
        return [], ""
    groups: dict[str, list[Turn]] = defaultdict(list)
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            text = r["source_text"].split(":", 1)[1].strip()
            if text not in seen:
                seen.add(text)
                groups[r["source_ref"]["path"]].append((r["speaker"], text))
    return list(groups.values()), "single turns of cleaned_speech_dev.jsonl (no question turns)"


def fill_cache() -> int:
    CACHE.mkdir(parents=True, exist_ok=True)
    n = 0
    for p in argument_paths():
        raw = read_raw(p)
        if raw is not None:
            (CACHE / Path(p).name).write_text(raw, encoding="utf-8")
            n += 1
    print(f"{n} transcripts in {CACHE}")
    return 0


# --- sentences and words -------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    out: list[str] = []
    buf = ""
    for piece in SENT_END.split(text):
        buf = f"{buf} {piece}" if buf else piece
        if ABBREV.search(buf):
            continue
        out.append(buf)
        buf = ""
    if buf:
        out.append(buf)
    return out


def nwords(s: str) -> int:
    return len(s.split())


def usable(s: str, lo: int = 6, hi: int = 40) -> bool:
    return (lo <= nwords(s) <= hi and s[-1:] in ".!?" and not any(
        mark in s for mark in ("--", "\u2014", "...", "\u2026", '"', "\u201c", "\u201d")))


def clean_sentence(s: str) -> bool:
    """A whole sentence a reporter could quote as it stands: no third-person personal pronoun, no
    demonstrative used as a pronoun ("do that.", "that is"), no "it" or demonstrative in its
    first four words (whose referent would lie before it), no reported or quoted speech."""
    return (usable(s) and s.endswith(".") and not BAD_OPEN.match(s) and not SPEECH.search(s)
            and not REFERRING.search(" ".join(s.split()[:4])) and not PERSONAL.search(s)
            and not DEMONSTRATIVE_PRONOUN.search(s))


def keywords(text: str, k: int, rng: random.Random, avoid: set[str] | None = None) -> list[str]:
    seen: list[str] = []
    for m in WORD.finditer(text):
        w = m.group().lower().strip("'")
        if len(w) >= 5 and w not in STOP and w not in seen and not (avoid and w in avoid):
            seen.append(w)
    if len(seen) < k:
        return []
    return rng.sample(seen, k)


def label(name: str) -> str:
    return name.upper().replace(",", "")


def render(turns: list[Turn]) -> str:
    return "".join(f"{label(n)}: {t}\n" for n, t in turns)


# --- cases -------------------------------------------------------------------------------------


class Case:
    __slots__ = ("argument", "fair", "framing", "kind", "note", "quote", "source_text", "speaker", "speakers",
                 "variant")

    def __init__(self, kind: str, variant: str, quote: str, speaker: str, turns: list[Turn],
                 framing: str | None = None, fair: bool = False, note: str = "") -> None:
        self.kind, self.variant, self.quote, self.speaker = kind, variant, quote, speaker
        self.source_text = render(turns)
        self.speakers = sorted({n for n, _ in turns})
        self.framing, self.fair, self.note = framing, fair, note
        self.argument = -1  # which oral argument the case comes from (set by ``build``)


def held_out(case: Case) -> bool:
    """Whether ``benchmarks/calibration.py`` keeps this case's argument out of its fit (2 in 5)."""
    return case.argument % 5 >= 3


def unknown(case: Case) -> set[str]:
    """Kinds whose truth this case does not settle (left out of that kind's precision).

    A quote built for another kind may itself lean on what came before ("It is ...", "One of
    them ...": a personal pronoun or a demonstrative used as a pronoun anywhere, "it" or a
    demonstrative in its first four words), and an inserted "They say" right before an embedded quote is an
    attribution to others that the truncation rule rightly names.
    """
    out: set[str] = set()
    if case.kind not in ("clean", "dangling") and (
        REFERRING.search(" ".join(case.quote.split()[:4])) or PERSONAL.search(case.quote)
        or DEMONSTRATIVE_PRONOUN.search(case.quote)
    ):
        out.add("dangling")
    if case.kind in ("embedded", "qualified"):
        out.add("truncation")
    return out


def window(turns: list[Turn], i: int) -> list[Turn]:
    return turns[max(0, i - WINDOW) : i + WINDOW + 1]


def question_before(turns: list[Turn], i: int) -> str | None:
    if i == 0 or turns[i - 1][0] == turns[i][0] or "?" not in turns[i - 1][1]:
        return None
    return turns[i - 1][1]


class Builder:
    """Builds one case of a kind from one turn, or None when the turn does not offer one."""

    def __init__(self, arguments: list[list[Turn]], rng: random.Random, *, dialogue: bool = True) -> None:
        self.arguments, self.rng, self.dialogue = arguments, rng, dialogue
        self.variants: Counter[tuple[str, str]] = Counter()
        self.questions = [
            (a, turns[i - 1][1]) for a, turns in enumerate(arguments) for i in range(1, len(turns))
            if question_before(turns, i)
        ]

    def pick(self, kind: str, options: list[str]) -> list[str]:
        """Variants of ``kind`` ordered least-built first (keeps the variants balanced)."""
        order = list(options)
        self.rng.shuffle(order)
        return sorted(order, key=lambda v: self.variants[(kind, v)])

    def made(self, case: Case) -> Case:
        self.variants[(case.kind, case.variant)] += 1
        return case

    def clean(self, a: int, i: int) -> Case | None:
        rng, turns = self.rng, self.arguments[a]
        who, text = turns[i]
        good = [s for s in sentences(text) if clean_sentence(s)]
        if not good:
            return None
        s = rng.choice(good)
        q_text = question_before(turns, i) if self.dialogue else None
        win = window(turns, i)
        for variant in self.pick("clean", ["real question", "reporting frame", "whole sentence"]):
            if variant == "real question":
                if q_text is None:
                    continue
                ks = keywords(q_text, 3, rng, avoid={w.lower() for w in WORD.findall(s)})
                if not ks:
                    continue
                return self.made(Case("clean", variant, s, who, win, fair=True,
                                      framing=f"Asked about {ks[0]} and {ks[1]} {ks[2]}, {who} said"))
            if variant == "reporting frame":
                frame = rng.choice((f"{who} said that", f"{who} told the justices that",
                                    f"In court on Wednesday, {who} argued that"))
                quote = s if s[:2] == "I " else s[0].lower() + s[1:]
                return self.made(Case("clean", variant, quote, who, win, framing=frame, fair=True))
            return self.made(Case("clean", variant, s, who, win, fair=True))
        return None

    def splice(self, a: int, i: int) -> Case | None:
        rng, turns = self.rng, self.arguments[a]
        who, text = turns[i]
        sents = sentences(text)
        win = window(turns, i)
        ok = [k for k, s in enumerate(sents) if usable(s, 4, 30)]
        join = rng.choice((" ", " ... "))
        mark = " marked" if join != " " else ""
        for variant in self.pick("splice", ["one turn", "one sentence", "two turns", "two speakers"]):
            if variant == "one turn":
                far = [(k1, k2) for k1 in ok for k2 in ok if k2 - k1 >= 2]
                if not far:
                    continue
                k1, k2 = rng.choice(far)
                return self.made(Case("splice", variant + mark, sents[k1] + join + sents[k2], who, win,
                                      fair=bool(mark)))
            if variant == "one sentence":
                long = [s for s in sents if usable(s, 16, 45)]
                if not long:
                    continue
                w = rng.choice(long).split()
                cut = rng.randint(5, len(w) - 9)
                head, tail = w[:cut], w[cut + 4 :]
                return self.made(Case("splice", variant + mark, " ".join(head) + join + " ".join(tail),
                                      who, win))
            cross = variant == "two speakers"
            later = [j for j in range(i + 1, min(len(turns), i + WINDOW))
                     if (turns[j][0] != who) == cross]
            if not later or not ok:
                continue
            j = rng.choice(later)
            other = [s for s in sentences(turns[j][1]) if usable(s, 3, 30)]
            if not other:
                continue
            return self.made(Case("splice", variant + mark,
                                  sents[rng.choice(ok)] + join + rng.choice(other), who, win))
        return None

    def truncation(self, a: int, i: int) -> Case | None:
        turns = self.arguments[a]
        who, text = turns[i]
        win = window(turns, i)
        options: dict[str, str] = {}
        for s in sentences(text):
            if not usable(s, 6, 50):
                continue
            lead = LEAD_CUTS.match(s)
            if lead and nwords(lead.group("rest")) >= 5:
                rest = lead.group("rest")
                options.setdefault("opening negation/hedge cut", rest[0].upper() + rest[1:])
            if s.startswith("Because ") and ", " in s:
                main = s.split(", ", 1)[1]
                if nwords(main) >= 5:
                    options.setdefault("reason cut", main[0].upper() + main[1:])
            for cue in CUT_CUES:
                at = s.find(cue)
                if at > 0 and nwords(s[:at]) >= 5 and nwords(s[at + len(cue) :]) >= 3:
                    name = f"cut before {cue.strip(', ')}"
                    options.setdefault(name, s[:at].rstrip(",") + ".")
        for variant in self.pick("truncation", sorted(options)):
            return self.made(Case("truncation", variant, options[variant], who, win))
        return None

    def dangling(self, a: int, i: int) -> Case | None:
        turns = self.arguments[a]
        who, text = turns[i]
        sents = sentences(text)
        found: dict[str, str] = {}
        for s in sents[1:]:
            if usable(s):
                if PRONOUN_OPEN.match(s):
                    found.setdefault("pronoun", s)
                elif DEMONSTRATIVE_OPEN.match(s):
                    found.setdefault("demonstrative", s)
        for variant in self.pick("dangling", sorted(found)):
            return self.made(Case("dangling", variant, found[variant], who, window(turns, i)))
        return None

    def question(self, a: int, i: int) -> Case | None:
        rng, turns = self.rng, self.arguments[a]
        who, text = turns[i]
        q_text = question_before(turns, i) if self.dialogue else None
        good = [s for s in sentences(text)[:2] if usable(s) and not SPEECH.search(s)]
        if q_text is None or not good or not self.questions:
            return None
        real = {w.lower() for w in WORD.findall(q_text)} | {w.lower() for w in WORD.findall(good[0])}
        for variant in self.pick("question", ["another argument's question", "same argument, far question"]):
            if variant == "another argument's question":
                b, other_q = rng.choice(self.questions)
                if b == a:
                    continue
            else:
                far = [turns[j - 1][1] for j in range(1, len(turns))
                       if abs(j - i) > 2 * WINDOW and question_before(turns, j)]
                if not far:
                    continue
                other_q = rng.choice(far)
            ks = keywords(other_q, 3, rng, avoid=real)
            if not ks:
                continue
            return self.made(Case("question", variant, good[0], who, window(turns, i),
                                  framing=f"Asked about {ks[0]} and {ks[1]} {ks[2]}, {who} said",
                                  note=q_text[:100]))
        return None

    def embedded(self, a: int, i: int) -> Case | None:
        rng, turns = self.rng, self.arguments[a]
        who, text = turns[i]
        sents = sentences(text)
        b = rng.randrange(len(self.arguments))
        if b == a or len(sents) < 2:
            return None
        donor_turns = self.arguments[b]
        donor = [s for _, t in rng.sample(donor_turns, min(8, len(donor_turns)))
                 for s in sentences(t) if clean_sentence(s)]
        if not donor:
            return None
        s = rng.choice(donor)
        variant = self.pick("embedded", list(EMBED_FRAMES))[0]
        marked = '"' in variant
        body = s if marked or s[:2] == "I " else s[0].lower() + s[1:]
        at = rng.randint(1, len(sents) - 1)
        new_text = " ".join([*sents[:at], variant.format(s=body), *sents[at:]])
        win = window(turns, i)
        new_win = [(who, new_text) if t is turns[i] else t for t in win]
        quote = s if marked else body.rstrip(".")
        return self.made(Case("embedded", variant.replace("{s}", "...").replace('"', ""), quote, who,
                              new_win))

    def qualified(self, a: int, i: int) -> Case | None:
        """A whole sentence whose next sentence in the same turn qualifies or reverses it."""
        turns = self.arguments[a]
        who, text = turns[i]
        sents = sentences(text)
        options: dict[str, str] = {}
        for k in range(len(sents) - 1):
            m = QUALIFIER_OPEN.match(sents[k + 1])
            if m and clean_sentence(sents[k]):
                options.setdefault("next: " + m.group(), sents[k])
        for variant in self.pick("qualified", sorted(options)):
            return self.made(Case("qualified", variant, options[variant], who, window(turns, i)))
        return None


def build(arguments: list[list[Turn]], seed: int = SEED, per_kind: int = PER_KIND, *,
          dialogue: bool = True) -> list[Case]:
    """Cases of every kind, ``per_kind`` each (clean: twice that), from turns in a seeded order."""
    rng = random.Random(seed)
    maker = Builder(arguments, rng, dialogue=dialogue)
    spots = [(a, i) for a, turns in enumerate(arguments) for i in range(len(turns))]
    rng.shuffle(spots)
    want = dict.fromkeys(KINDS, per_kind)
    want["clean"] = per_kind * 2
    cases: list[Case] = []
    for a, i in spots:
        todo = [k for k, n in want.items() if n > 0]
        if not todo:
            break
        rng.shuffle(todo)
        for kind in todo:
            case = getattr(maker, kind)(a, i)
            if case is not None:
                case.argument = a
                want[kind] -= 1
                cases.append(case)
                break
    return cases


# --- scoring -----------------------------------------------------------------------------------


def run(cases: list[Case], show: int) -> int:
    flagged: dict[str, Counter[str]] = defaultdict(Counter)  # lib kind -> truth kind -> n
    flagged_warn: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    variants: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    alarms = alarms_any = clean_n = 0
    alarm_kinds: Counter[str] = Counter()
    fidelity: dict[str, Counter[str]] = defaultdict(Counter)
    ps: list[float] = []
    ys: list[int] = []
    held: list[bool] = []
    missed: dict[str, list[str]] = defaultdict(list)
    false: dict[str, list[str]] = defaultdict(list)
    sources: dict[str, tuple[qv.Source, qv.SpeakerRegistry]] = {}
    excluded: Counter[str] = Counter()
    alarm_shown: dict[str, list[str]] = defaultdict(list)
    conf: dict[str, list[float]] = defaultdict(list)
    for c in cases:
        pair = sources.get(c.source_text)
        if pair is None:
            reg = qv.SpeakerRegistry([qv.Speaker(n) for n in c.speakers])
            pair = sources[c.source_text] = (qv.Source.from_transcript(c.source_text, speakers=reg), reg)
        src, reg = pair
        v = qv.verify(c.quote, src, speaker=c.speaker, speakers=reg, framing=c.framing)
        totals[c.kind] += 1
        fidelity[c.kind][v.fidelity.value] += 1
        conf[c.kind].append(v.confidence)
        if c.kind != "qualified":  # whether the next sentence reverses the quote is not settled
            ps.append(v.confidence)
            ys.append(1 if c.fair else 0)
            held.append(held_out(c))
        kinds_any = {f.kind for f in v.drift.findings}
        kinds_warn = {f.kind for f in v.drift.findings if f.severity.value != "info"}
        skip = {LIB_KIND[k] for k in unknown(c)}
        excluded.update(skip)
        for k in kinds_any:
            flagged[k]["unknown" if k in skip else c.kind] += 1
        for k in kinds_warn:
            flagged_warn[k]["unknown" if k in skip else c.kind] += 1
        if c.kind == "clean":
            clean_n += 1
            alarms += bool(kinds_warn)
            alarms_any += bool(kinds_any)
            alarm_kinds.update(kinds_warn)
            for f in v.drift.findings:
                if f.severity.value != "info" and len(alarm_shown[f.kind]) < show:
                    alarm_shown[f.kind].append(
                        f"  ALARM  {f.kind} on clean/{c.variant} ({f.severity.value}): "
                        f"{c.quote[:80]!r}: {f.message[:140]}")
        else:
            hit = LIB_KIND[c.kind] in kinds_any
            variants[(c.kind, c.variant)][0] += hit
            variants[(c.kind, c.variant)][1] += 1
            if not hit and len(missed[c.kind]) < show:
                missed[c.kind].append(
                    f"  MISSED {c.kind}/{c.variant}: {c.quote[:110]!r} -> {v.fidelity.value}, "
                    f"{sorted(kinds_any) or 'no findings'}"
                )
        for f in v.drift.findings:
            truth = next((k for k, lk in LIB_KIND.items() if lk == f.kind), f.kind)
            if (truth != c.kind and truth in KINDS and truth not in unknown(c)
                    and len(false[truth]) < show):
                false[truth].append(
                    f"  FALSE  {truth} on a {c.kind}/{c.variant} case ({f.severity.value}): "
                    f"{c.quote[:80]!r}: {f.message[:140]}"
                )

    print(f"\nDrift per kind on {len(cases)} cases built from real oral-argument turns")
    head = (f"{'kind':<12}{'n':>5}{'P':>8}{'R':>8}{'P warn+':>9}{'R warn+':>9}"
            f"{'target P/R':>12}{'met':>5}")
    print(head)
    print("-" * len(head))
    for kind in KINDS:
        lk = LIB_KIND[kind]
        n = totals[kind]
        p = ratio(flagged[lk][kind], sum(n for k, n in flagged[lk].items() if k != "unknown"))
        r = ratio(flagged[lk][kind], n)
        pw = ratio(flagged_warn[lk][kind],
                   sum(n for k, n in flagged_warn[lk].items() if k != "unknown"))
        rw = ratio(flagged_warn[lk][kind], n)
        if kind not in TARGETS:  # reported only: its finding kind is shared with truncation
            print(f"{kind:<12}{n:>5}{'':>8}{fmt(r)}{'':>9}{fmt(rw, 9)}{'(no target)':>12}")
            continue
        tp, tr = TARGETS[kind]
        ok = "yes" if met(p, tp) == "yes" and met(r, tr) == "yes" else "no"
        print(f"{kind:<12}{n:>5}{fmt(p)}{fmt(r)}{fmt(pw, 9)}{fmt(rw, 9)}{f'{tp:.2f}/{tr:.2f}':>12}{ok:>5}")
    fa = ratio(alarms, clean_n)
    print(f"{'false alarm':<12}{clean_n:>5}{fmt(fa)} (warning/serious on clean quotes; any "
          f"finding incl. info: {fmt(ratio(alarms_any, clean_n), 0)})   target <= "
          f"{FALSE_ALARM_TARGET:.2f} met {met(fa, FALSE_ALARM_TARGET, at_most=True)}")
    if alarm_kinds:
        print("  false alarms by library kind: " + ", ".join(f"{k} {n}" for k, n in alarm_kinds.most_common()))
    print(f"ECE {ece(ps, ys):.3f} (target <= 0.05), Brier {brier(ps, ys):.3f}, over all {len(ps)} "
          f"cases (clean and marked one-turn splices fair, qualified left out)")
    hp = [p for p, h in zip(ps, held, strict=True) if h]
    hy = [y for y, h in zip(ys, held, strict=True) if h]
    if hp:
        print(f"ECE {ece(hp, hy):.3f}, Brier {brier(hp, hy):.3f} over the {len(hp)} of them from the "
              f"arguments calibration.py holds out (the others are in its fit)")

    if "--reliability" in sys.argv:
        print("reliability (confidence bins):")
        print("\n".join(reliability(ps, ys)))
    print("cases of unsettled truth left out of a kind's precision: "
          + ", ".join(f"{k} {n}" for k, n in sorted(excluded.items())))
    print("\nRecall by construction variant (any severity)")
    for (kind, variant), (hit, n) in sorted(variants.items()):
        print(f"  {kind:<11}{variant:<32}{hit:>4}/{n:<4}{hit / n:>7.2f}")
    print("\nWhat each library kind fired on (truth kind: count)")
    for lk, cnt in sorted(flagged.items()):
        print(f"  {lk:<20}" + ", ".join(f"{k} {n}" for k, n in cnt.most_common()))
    print("\nFidelity verdicts and mean confidence by kind")
    for kind, cnt in sorted(fidelity.items()):
        mean = sum(conf[kind]) / len(conf[kind])
        print(f"  {kind:<11}conf {mean:.3f}  " + ", ".join(f"{k} {n}" for k, n in cnt.most_common()))
    for kind in KINDS:
        for line in missed[kind] + false[kind]:
            print(line)
    for lines in alarm_shown.values():
        for line in lines:
            print(line)
    return 0


def briefing_questions(limit: int = 300, seed: int = SEED) -> Counter[tuple[str, bool]] | None:
    """Question drift on real whitehouse.gov briefings (a local mirror of
    ``brian14708/wh-briefings``; None when absent). For up to three answers of each briefing
    (an official's turn right after a reporter's ``Q``), the answer's first sentence is quoted
    with the framing "Asked <the question's last sentence>, <official> said", once with the
    question really answered and once with another reporter's question from the same briefing.
    Counts (framing kind, flagged as question drift). Another question may be on the same
    subject, so "other" cannot all be flagged; every "same" flagged is a false alarm."""
    picked = _mirror.sample(_mirror.WH_BRIEFINGS, lambda n: n.startswith("press-briefings/") and n.endswith(".md"),
                            limit)
    if picked is None:
        return None
    rng = random.Random(seed)

    def asked(t: qv.Turn) -> str | None:
        qs = [q for q in _mirror.sentences(t.span.text) if q.endswith("?")]
        return qs[-1][0].lower() + qs[-1][1:].rstrip("?") if qs else None

    out: Counter[tuple[str, bool]] = Counter()
    for text in _mirror.texts(_mirror.WH_BRIEFINGS, picked):
        src = qv.Source.detect(text)
        turns = list(src.turns)
        pairs = [(turns[i - 1], turns[i]) for i in range(1, len(turns))
                 if turns[i - 1].label == "Q" and turns[i].speaker is not None]
        questions = [q for q, _ in pairs if asked(q)]
        for q, a in rng.sample(pairs, min(3, len(pairs))):
            said = [x for x in _mirror.sentences(a.span.text) if 8 <= len(x.split()) <= 35]
            own = asked(q)
            others = [x for x in questions if x is not q]
            if not said or own is None or not others or a.speaker is None:
                continue
            other = asked(rng.choice(others))
            for kind, question in (("same", own), ("other", other)):
                v = qv.verify(said[0], src, speaker=a.speaker.name,
                              framing=f"Asked {question}, {a.speaker.name} said")
                out[(kind, any(f.kind == "question" for f in v.drift.findings))] += 1
    return out


def main() -> int:
    if "--fill-cache" in sys.argv:
        return fill_cache()
    show = int(sys.argv[sys.argv.index("--failures") + 1]) if "--failures" in sys.argv else 0
    arguments, origin = load_arguments()
    if not arguments:
        print("skipped: no transcripts (../shared/datasets/cleaned_speech_dev.jsonl and the "
              "at350/scotus-transcripts mirror are both missing)")
        return 0
    print(f"source: {origin}")
    cases = build(arguments, dialogue=not origin.startswith("single turns"))
    status = run(cases, show)
    real = briefing_questions()
    if real is None:
        print(f"\nReal briefings: skipped (no mirror of brian14708/wh-briefings at {_mirror.WH_BRIEFINGS})")
    else:
        same, other = real[("same", True)] + real[("same", False)], real[("other", True)] + real[("other", False)]
        print(f"\nReal briefings (whitehouse.gov): question drift when the story names the question "
              f"answered {real[('same', True)]}/{same} (false alarms), another reporter's question "
              f"{real[('other', True)]}/{other} (some are on the same subject)")
    return status


if __name__ == "__main__":
    raise SystemExit(main())

