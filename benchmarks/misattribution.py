"""Misattribution benchmark (issue 15): does ``misattributed`` only ever name another identified speaker?

Run from the repository root::

    python benchmarks/misattribution.py              # the table
    python benchmarks/misattribution.py --failures   # also one example of each kind of wrong verdict
    python benchmarks/misattribution.py --reliability   # also the confidence bins behind the ECE

No data files: every case is generated here from templates in realistic newsroom prose (invented
people and organisations; a few real acronyms such as "ACLU", whose full names are public
knowledge), seeded, so each run is the same.

Protocol. One registry of organisations (full names only, no aliases: the acronym is what the
library must work out) and people (name, gender, roles, organisation). Each case is one quote, one
source (a ``NAME:`` transcript via ``Source.from_transcript`` or an earlier article via
``Source.from_article``) and a claimed speaker, checked with
``quoteverify.verify(quote, source, speaker=claimed, speakers=registry)``. Kinds, with the truth
that holds by construction:

=================  =====================================================  ==============
kind               who speaks in the source                                truth
=================  =====================================================  ==============
acronym            "ACLU:" label / "the ACLU said" for a registered org    same speaker
short_form         "the company", "the agency", "the senator", surname     same speaker
title_role         "the chief executive", "MAYOR:" (role unique in reg.)   same speaker
pronoun            "she said" right after the claimed person is named      same speaker
unregistered       a name the registry does not know                       unknown
other_person       another registered, identified person                   misattributed
=================  =====================================================  ==============

Figures:

* misattribution precision = cases predicted ``misattributed`` that are truly ``other_person`` /
  all cases predicted ``misattributed`` (target >= 0.99); recall of ``other_person``.
* how often an acronym or unregistered mention yields ``misattributed`` (target 0).
* the story side: ``check_article`` on one-sentence stories that name the speaker by acronym,
  short form, title, pronoun, or after a subordinate clause naming someone else ("When B
  testified, A was blunt: ..."), against a transcript labelled with the registered full name;
  plus stories naming the wrong registered person. Precision as above. Harder stories: two
  people of one gender before "she said" (source: the subject, truth same; or the other one,
  truth unknown: the story does not say which), a place before the pronoun ("A was in Las
  Vegas"), and a quote that names another person with nobody in view (truth unknown). How
  often a story whose speaker is unclear yields ``misattributed`` (target 0).
* failing open: sources with no speaker turns (plain text) checked with and without ``speaker=``:
  the share where naming a speaker raises the confidence (target 0), and the command line's exit
  status for ``quoteverify verify --speaker NAME --source plain.txt`` (target: not 0, since the
  claim cannot be checked and must not read as holding).
* calibration: ECE of ``confidence`` on the cases with a definite truth (same speaker = fair,
  other person = unfair); the mean confidence of the unregistered and failing-open cases.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import _mirror  # noqa: E402
from _judge import brier, ece, fmt, met, ratio, reliability  # noqa: E402

import quoteverify as qv  # noqa: E402
from quoteverify import cli  # noqa: E402

SEED = 20261205
PER_KIND = 150

# (full name, acronym, short form, what it is)
ORGS = [
    ("American Civil Liberties Union", "ACLU", "the group", "civil liberties group"),
    ("National Transportation Safety Board", "NTSB", "the board", "federal safety board"),
    ("Environmental Protection Agency", "EPA", "the agency", "federal agency"),
    ("National Rifle Association", "NRA", "the group", "gun rights group"),
    ("Service Employees International Union", "SEIU", "the union", "labor union"),
    ("World Health Organization", "WHO", "the organization", "United Nations agency"),
    ("Federal Aviation Administration", "FAA", "the agency", "regulator"),
    ("Harlow Valley Water District", "HVWD", "the district", "water utility"),
]
COMPANIES = [
    ("Harlow Foods", "the company"),
    ("Northgate Logistics", "the company"),
    ("Brightwater Energy", "the utility"),
    ("Cobalt Ridge Mining", "the miner"),
]
# (name, gender, role, organisation) - each role unique in the registry
PEOPLE = [
    ("Dana Whitfield", "f", "chief executive", "Harlow Foods"),
    ("Marcus Reyes", "m", "senator", None),
    ("Elena Park", "f", "mayor", None),
    ("Tomas Lindqvist", "m", "police chief", None),
    ("Grace Okafor", "f", "school superintendent", None),
    ("Victor Hale", "m", "chief financial officer", "Northgate Logistics"),
    ("Priya Natarajan", "f", "health commissioner", None),
    ("Owen Mercer", "m", "union president", None),
]
UNKNOWN = ["Pat Doyle", "Jordan Keane", "Ruth Alvarez", "Sam Whitcombe", "Leila Haddad", "Chris Onyango"]
UNKNOWN_ACRONYMS = ["CPRG", "NCCA", "the RTA", "IFPW"]  # mentions the registry cannot place

QUOTES = [
    "We will challenge this policy in court as soon as it takes effect",
    "Nobody on the board saw the inspection report before the vote",
    "The budget we passed last spring does not cover a second round of repairs",
    "Our drivers were told the new schedules would be voluntary",
    "We have asked the state for an independent review of the spill",
    "The numbers we released on Monday are preliminary and will change",
    "Families should not have to choose between rent and their medicine",
    "We expect the line to reopen by the end of the month",
    "There was no warning before the water was shut off",
    "The plant will keep running while the investigation goes on",
    "We have been raising these concerns with the city for three years",
    "Every school in the district will have a nurse by September",
    "The contract gives the company until 2028 to finish the pipeline",
    "Our members voted overwhelmingly to accept the offer",
    "We are not going to comment on an ongoing investigation",
    "The agency did not have enough inspectors to keep up",
]
AFTER = [
    "We have the lawyers ready.", "That is the short of it.", "We will say more next week.",
    "I want to be clear about that.", "That has been our position from the start.",
]
LEADS = [
    "The statement came hours after the vote.", "Reporters gathered outside the courthouse on Tuesday.",
    "The announcement surprised several council members.", "The hearing ran late into the evening.",
]
VERBS = ["said", "told reporters", "said in a statement", "said on Tuesday", "added"]


def registry() -> qv.SpeakerRegistry:
    people = [qv.Speaker(name, kind="organization") for name, *_ in ORGS]
    people += [qv.Speaker(name, kind="organization") for name, _ in COMPANIES]
    people += [
        qv.Speaker(name, gender=g, roles=(role,), organization=org)
        for name, g, role, org in PEOPLE
    ]
    return qv.SpeakerRegistry(people)


class Case:
    __slots__ = ("claimed", "kind", "layout", "quote", "source", "truth")

    def __init__(self, kind: str, layout: str, quote: str, source: qv.Source, claimed: str,
                 truth: str) -> None:
        self.kind, self.layout, self.quote, self.source = kind, layout, quote, source
        self.claimed, self.truth = claimed, truth


def transcript(label: str, quote: str, rng: random.Random, asker: str = "MODERATOR") -> str:
    question = rng.choice([
        "What happens now?", "Can you tell us where things stand?", "What is your response?",
        "Why did this take so long?",
    ])
    return f"{asker}: {question}\n{label}: {quote}. {rng.choice(AFTER)}\n{asker}: Thank you.\n"


def article(lead: str, said: str, quote: str, rng: random.Random) -> str:
    """An earlier story: a lead sentence, then the quote with its attribution ``said``."""
    after = rng.choice(AFTER)
    if said.endswith(" said") and rng.random() < 0.5:
        return f'{lead} {said[:1].upper()}{said[1:]}: "{quote}. {after}"\n'
    return f'{lead} "{quote}," {said}. "{after}"\n'


def build(seed: int = SEED, per_kind: int = PER_KIND) -> list[Case]:
    rng = random.Random(seed)
    reg = registry()
    cases: list[Case] = []

    def add(kind: str, layout: str, quote: str, text: str, claimed: str, truth: str) -> None:
        src = (qv.Source.from_transcript(text) if layout == "transcript"
               else qv.Source.from_article(text, speakers=reg))
        cases.append(Case(kind, layout, quote, src, claimed, truth))

    for _ in range(per_kind):
        q = rng.choice(QUOTES)
        full, acr, short, _what = rng.choice(ORGS)
        lead = rng.choice(LEADS)
        # acronym: transcript label, or the article names only the acronym
        if rng.random() < 0.5:
            add("acronym", "transcript", q, transcript(acr, q, rng), full, "same")
        else:
            said = rng.choice([f"the {acr} said", f"said the {acr}", f"a spokesperson for the {acr} said"])
            add("acronym", "article", q, article(lead, said, q, rng), full, "same")
        # short form: an org or company named once, then its short form speaks
        q = rng.choice(QUOTES)
        r = rng.random()
        if r < 0.4:
            name, shortc = rng.choice(COMPANIES)
            text = article(f"{name} published its quarterly results on Thursday.", f"{shortc} said", q, rng)
            add("short_form", "article", q, text, name, "same")
        elif r < 0.7:
            text = article(f"The {full} ({acr}) {rng.choice(['responded', 'weighed in'])} late on Monday.",
                           f"{short} said", q, rng)
            add("short_form", "article", q, text, full, "same")
        else:
            name, g, role, _org = rng.choice(PEOPLE)
            surname = name.split()[-1]
            if rng.random() < 0.5:
                add("short_form", "transcript", q, transcript(surname.upper(), q, rng), name, "same")
            else:
                text = article(f"{name} spoke at length about the plan.", f"{surname} said", q, rng)
                add("short_form", "article", q, text, name, "same")
        # title / role
        q = rng.choice(QUOTES)
        name, g, role, org = rng.choice(PEOPLE)
        if rng.random() < 0.5:
            label = rng.choice([role.upper(), f"THE {role.upper()}"])
            add("title_role", "transcript", q, transcript(label, q, rng), name, "same")
        else:
            where = f"{org} held a call with analysts." if org else rng.choice(LEADS)
            text = article(where, f"the {role} said", q, rng)
            add("title_role", "article", q, text, name, "same")
        # pronoun: the claimed person is named in the sentence before; another person of the
        # other gender may be mentioned too
        q = rng.choice(QUOTES)
        name, g, role, _org = rng.choice(PEOPLE)
        others = [p for p in PEOPLE if p[1] != g]
        other = rng.choice(others)[0]
        pron = "she" if g == "f" else "he"
        lead = rng.choice([
            f"{name} spoke to reporters after the meeting.",
            f"{name}, the {role}, met {other} on Monday.",
            f"Asked about the delay, {name} did not hesitate.",
        ])
        add("pronoun", "article", q, f'{lead} "{q}," {pron} said. "{rng.choice(AFTER)}"\n', name, "same")
        # unregistered name or acronym: not evidence that a registered someone else spoke
        q = rng.choice(QUOTES)
        claimed = rng.choice(PEOPLE)[0]
        unknown = rng.choice(UNKNOWN + UNKNOWN_ACRONYMS)
        if rng.random() < 0.5:
            add("unregistered", "transcript", q,
                transcript(unknown.upper().removeprefix("THE "), q, rng), claimed, "unknown")
        else:
            said = f"said {unknown}" + ("" if unknown.isupper() or unknown.startswith("the ")
                                        else ", a spokesperson")
            add("unregistered", "article", q, article(rng.choice(LEADS), said, q, rng), claimed, "unknown")
        # true misattribution: another registered, identified person speaks
        q = rng.choice(QUOTES)
        (a, *_), (b, *_) = rng.sample(PEOPLE, 2)
        if rng.random() < 0.5:
            add("other_person", "transcript", q, transcript(b.upper(), q, rng), a, "misattributed")
        else:
            text = article(rng.choice(LEADS), rng.choice([f"{b} said", f"said {b}"]), q, rng)
            add("other_person", "article", q, text, a, "misattributed")
    return cases


def story_cases(seed: int = SEED, per_kind: int = PER_KIND // 3) -> list[tuple[str, str, qv.Source, str]]:
    """The story side (``check_article``): the story names the speaker its own way; the source
    transcript labels the turn with the registered full name. (kind, story, source, truth)."""
    rng = random.Random(seed + 2)
    reg = registry()
    out: list[tuple[str, str, qv.Source, str]] = []
    for _ in range(per_kind):
        q = rng.choice(QUOTES)
        full, acr, _short, _what = rng.choice(ORGS)
        company, short_c = rng.choice(COMPANIES)
        (a, ga, role_a, _org_a), (b, *_) = rng.sample(PEOPLE, 2)
        pron = "She" if ga == "f" else "He"
        lead = rng.choice(LEADS)

        def src(name: str, q: str = q) -> qv.Source:
            return qv.Source.from_transcript(transcript(name.upper(), q, rng), speakers=reg)

        out.append(("acronym", f'{lead} "{q}," the {acr} said.', src(full), "same"))
        out.append(("short_form", f'{company} responded on Friday. "{q}," {short_c} said.', src(company), "same"))
        out.append(("title_role", f'{lead} "{q}," the {role_a} said.', src(a), "same"))
        out.append(("pronoun", f'{a} was asked about the delay. {pron} said: "{q}."', src(a), "same"))
        out.append(("subordinate", f'When {b} testified last week, {a} was blunt: "{q}."', src(a), "same"))
        out.append(("other_person", f'{lead} "{q}," {b} said.', src(a), "misattributed"))
        # harder story sides: two people of the same gender before "she said" (the subject is
        # meant; the other one speaking in the source is no proof of a misquote), a place
        # before the pronoun, and a quote that names another person with no speaker in view
        (c, *_) = rng.choice([p for p in PEOPLE if p[1] == ga and p[0] != a])
        two = f'{a} and {c} arrived at the hearing together. {pron} said: "{q}."'
        out.append(("two_fit", two, src(a), "same"))
        out.append(("two_fit_other", two, src(c), "unknown"))
        out.append(("place", f'{a} was in Las Vegas on Tuesday. "{q}," {pron.lower()} said.', src(a), "same"))
        given = b.split()[0]
        out.append(("names_other", f'The room went quiet. "{given}, {q[0].lower()}{q[1:]}," '
                    f'{pron.lower()} said.', src(a), "unknown"))
    return out


def failing_open(seed: int = SEED, n: int = 40) -> tuple[int, int, list[float], list[float], list[int]]:
    """Plain sources (no turns): confidence with vs without ``speaker=``, and the CLI exit status."""
    rng = random.Random(seed + 1)
    rises = 0
    with_s: list[float] = []
    without: list[float] = []
    statuses: list[int] = []
    for i in range(n):
        q = rng.choice(QUOTES)
        text = f"{rng.choice(LEADS)} {q}. {rng.choice(AFTER)}"
        src = qv.Source(text)
        claimed = rng.choice(PEOPLE)[0]
        a = qv.verify(q, src, speaker=claimed).confidence
        b = qv.verify(q, src).confidence
        with_s.append(a)
        without.append(b)
        rises += a > b + 1e-9
        if i < 5:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "statement.txt"
                path.write_text(text, encoding="utf-8")
                out = io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                    statuses.append(cli.main(["verify", q, "--speaker", claimed, "--source", str(path)]))
    return rises, n, with_s, without, statuses


def official_transcripts(limit: int = 200, seed: int = SEED) -> Counter[tuple[str, str]] | None:
    """Real whitehouse.gov briefings and remarks (a local mirror of ``brian14708/wh-briefings``;
    None when it is absent), read with automatic detection and no registry, as a reporter
    would. From each, up to three sentences of officials' turns and one of a reporter's
    question, quoted word for word; each claimed for (a) the turn's own speaker as labelled,
    (b) another official of the same transcript, (c) an invented person. Truth: (a) same,
    (b, c) other person, (d) a reporter's words claimed for an official: not that official's
    (never an accusation of anyone identified: a ``Q`` has no name). Counts (kind, status)."""
    picked = _mirror.sample(_mirror.WH_BRIEFINGS, lambda n: n.startswith("press-briefings/") and n.endswith(".md"),
                            limit)
    if picked is None:
        return None
    rng = random.Random(seed)
    out: Counter[tuple[str, str]] = Counter()
    for text in _mirror.texts(_mirror.WH_BRIEFINGS, picked):
        src = qv.Source.detect(text)
        officials = [t for t in src.turns if t.speaker is not None]
        people = sorted({t.speaker.name for t in officials if t.speaker is not None})
        questions = [t for t in src.turns if t.speaker is None and t.label in ("Q", "QUESTION")]

        def pick(t: qv.Turn) -> str | None:
            said = [x for x in _mirror.sentences(t.span.text) if 8 <= len(x.split()) <= 40]
            return rng.choice(said) if said else None

        for t in rng.sample(officials, min(3, len(officials))):
            quote = pick(t)
            if quote is None or t.speaker is None:
                continue
            own = t.speaker.name.split()[-1].casefold()  # "MS PSAKI" and "MS. PSAKI" are one
            others = [p for p in people if p.split()[-1].casefold() != own]
            claims = [("own", t.speaker.name), ("invented", "Pat Doyle")]
            # the full name as a story writes it, from the page's title ("Press Briefing by
            # Press Secretary Karine Jean-Pierre" for the label "MS. JEAN-PIERRE")
            family = t.speaker.name.split()[-1]
            full = re.search(rf"\b([A-Z][a-z]+)(?:\\?_| )({re.escape(family)})\b", text[:800])
            if full is not None and len(t.speaker.name.split()) == 2:
                claims.append(("own_full_name", f"{full.group(1)} {full.group(2)}"))
            if others:
                claims.append(("other_official", rng.choice(others)))
            for kind, claimed in claims:
                v = qv.verify(quote, src, speaker=claimed)
                out[(kind, v.attribution.status.value if v.attribution else "none")] += 1
        if questions and people:
            quote = pick(rng.choice(questions))
            if quote is not None:
                v = qv.verify(quote, src, speaker=rng.choice(people))
                out[("question", v.attribution.status.value if v.attribution else "none")] += 1
    return out


POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear_dev.jsonl"


def news_as_source() -> Counter[str] | None:
    """Real news as the source (PolNeAR dev, read in place; None when absent): each quoted
    relation (quotation marks in its content, five words or more) whose annotated speaker is a
    name as the article writes it ("Rep. Gwen Moore (D-Wis.)", "Quina Jones, 25,"), checked
    against its own passage read as an article, claimed for that speaker. Truth: the same
    speaker, so every ``misattributed`` is a false accusation (PolNeAR gives a few reported
    quotes to the outlet that reported them, "Yahoo News"; those are the only honest ones)."""
    import json

    if not POLNEAR.exists():
        return None
    out: Counter[str] = Counter()
    for line in POLNEAR.open(encoding="utf-8"):
        r = json.loads(line)
        who = r["speaker"]
        if not who or r["content_quote_marks"] < 2:
            continue
        words = who.split()
        if len(words) < 2 or words[0] in ("The", "A", "An") or not all(
            w[0].isupper() for w in words if w[0].isalpha()
        ):
            continue
        quote = r["content_text"].strip().strip('"“”').strip()
        if len(quote.split()) < 5:
            continue
        v = qv.verify(quote, qv.Source.from_article(r["passage"]), speaker=who)
        out[v.attribution.status.value if v.attribution is not None else "none"] += 1
    return out


def main() -> int:
    show = "--failures" in sys.argv
    reg = registry()
    cases = build()
    predicted: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    by_layout: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    conf_by_kind: dict[str, list[float]] = defaultdict(list)
    ps: list[float] = []
    ys: list[int] = []
    shown: set[tuple[str, str]] = set()
    examples: list[str] = []
    for c in cases:
        v = qv.verify(c.quote, c.source, speaker=c.claimed, speakers=reg)
        status = v.attribution.status.value if v.attribution is not None else "none"
        by_kind[c.kind][status] += 1
        by_layout[(c.kind, c.layout)][status] += 1
        conf_by_kind[c.kind].append(v.confidence)
        predicted[status] += 1
        if c.truth != "unknown":
            ps.append(v.confidence)
            ys.append(1 if c.truth == "same" else 0)
        ideal = {"same": "confirmed", "unknown": "unattributed"}.get(c.truth, "misattributed")
        if show and status != ideal and (c.kind, status) not in shown:
            shown.add((c.kind, status))
            msg = v.attribution.message if v.attribution is not None else ""
            examples.append(f"  [{c.kind}/{c.layout}] claimed {c.claimed!r} -> {status} "
                            f"({v.confidence:.2f}): {msg}\n    source: {c.source.text.strip()[:160]!r}")

    tp = by_kind["other_person"]["misattributed"]
    pred_mis = predicted["misattributed"]
    precision = ratio(tp, pred_mis)
    recall = ratio(tp, sum(by_kind["other_person"].values()))

    print(f"\nMisattribution on {len(cases)} generated cases ({PER_KIND} per kind; transcripts and articles)")
    head = f"{'kind':<14}{'n':>5}{'confirmed':>11}{'unattrib.':>11}{'misattr.':>10}{'mean conf':>11}"
    print(head)
    print("-" * len(head))
    for kind in ("acronym", "short_form", "title_role", "pronoun", "unregistered", "other_person"):
        cnt = by_kind[kind]
        n = sum(cnt.values())
        mean = sum(conf_by_kind[kind]) / max(1, n)
        print(f"{kind:<14}{n:>5}{cnt['confirmed']:>11}{cnt['unattributed']:>11}"
              f"{cnt['misattributed']:>10}{mean:>11.3f}")

    print("\nBy source layout (confirmed / unattributed / misattributed)")
    for (kind, layout), cnt in sorted(by_layout.items()):
        print(f"  {kind:<14}{layout:<12}{cnt['confirmed']:>5}{cnt['unattributed']:>5}{cnt['misattributed']:>5}")

    acr_unknown = by_kind["acronym"]["misattributed"] + by_kind["unregistered"]["misattributed"]
    acr_unknown_n = sum(by_kind["acronym"].values()) + sum(by_kind["unregistered"].values())
    rate = ratio(acr_unknown, acr_unknown_n)
    rises, n_open, with_s, without, statuses = failing_open()
    story: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, text, source, _truth in story_cases():
        rep = qv.check_article(text, [source], speakers=reg)
        v = rep.verifications[0] if rep.verifications else None
        story[kind][v.attribution.status.value if v is not None and v.attribution is not None
                    else "no quote"] += 1
    story_tp = story["other_person"]["misattributed"]
    story_unknown_mis = sum(story[k]["misattributed"] for k in ("two_fit_other", "names_other"))
    story_unknown_n = sum(sum(story[k].values()) for k in ("two_fit_other", "names_other"))
    story_prec = ratio(story_tp, sum(c["misattributed"] for c in story.values()))
    rise_rate = rises / n_open
    holds_exit = sum(1 for s in statuses if s == 0)
    cal = ece(ps, ys)

    print("\nFigure                                            value    target   met")
    print("-" * 72)
    rows: list[tuple[str, float | None, str, Callable[[float | None], str]]] = [
        ("misattribution precision", precision, ">= 0.99", lambda x: met(x, 0.99)),
        ("misattribution recall (other person)", recall, "", lambda x: ""),
        ("story side (check_article) precision", story_prec, ">= 0.99", lambda x: met(x, 0.99)),
        ("acronym/unregistered -> misattributed", rate, "0", lambda x: met(x, 0.0, at_most=True)),
        ("story speaker unclear -> misattributed", ratio(story_unknown_mis, story_unknown_n), "0",
         lambda x: met(x, 0.0, at_most=True)),
        ("plain source: naming a speaker raises conf.", rise_rate, "0",
         lambda x: met(x, 0.0, at_most=True)),
        ("ECE (same speaker = fair, other = unfair)", cal, "<= 0.05", lambda x: met(x, 0.05, at_most=True)),
    ]
    for label, value, target, ok in rows:
        print(f"{label:<46}{fmt(value)}{target:>10}{ok(value):>6}")
    print(f"{'Brier (same cases)':<46}{fmt(brier(ps, ys))}")
    if "--reliability" in sys.argv:
        print("reliability (confidence bins):")
        print("\n".join(reliability(ps, ys)))
    print("\nStory side: check_article, the story names the speaker; the source labels the full name")
    for kind, cnt in story.items():
        print(f"  {kind:<14}" + ", ".join(f"{k} {n}" for k, n in sorted(cnt.items())))
    print(f"\nfailing open: mean confidence on plain sources {sum(without) / n_open:.3f} without "
          f"speaker=, {sum(with_s) / n_open:.3f} with; raised in {rises}/{n_open}")
    print(f"CLI 'quoteverify verify --speaker NAME --source plain.txt': exit statuses {statuses} "
          f"({holds_exit}/{len(statuses)} report the quote as holding; target 0)")
    real = official_transcripts()
    if real is None:
        print(f"\nReal official transcripts: skipped (no mirror of brian14708/wh-briefings at {_mirror.WH_BRIEFINGS})")
    else:
        def tally(kinds: tuple[str, ...] | None, status: str | None) -> int:
            return sum(n for (k, st), n in real.items()
                       if (kinds is None or k in kinds) and (status is None or st == status))

        mis, right = tally(None, "misattributed"), tally(("invented", "other_official"), "misattributed")
        own, own_ok = tally(("own", "own_full_name"), None), tally(("own", "own_full_name"), "confirmed")
        print("\nReal official transcripts: 200 whitehouse.gov briefings, no registry, sentences quoted word for word")
        for kind in ("own", "own_full_name", "other_official", "invented", "question"):
            row = {st: n for (k, st), n in real.items() if k == kind}
            print(f"  {kind:<15}" + ", ".join(f"{st} {n}" for st, n in sorted(row.items())))
        print(f"  misattribution precision {fmt(ratio(right, mis))} ({right}/{mis}; target >= 0.99); "
              f"own words confirmed {own_ok}/{own}")
    news = news_as_source()
    if news is None:
        print(f"\nReal news as the source: skipped ({POLNEAR} absent)")
    else:
        print("\nReal news as the source (PolNeAR dev passages, the annotated speaker claimed): "
              + ", ".join(f"{k} {n}" for k, n in sorted(news.items())))
    if examples:
        print("\nOne verdict per kind and wrong status (ideal: confirmed / unattributed / misattributed)")
        print("\n".join(examples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
