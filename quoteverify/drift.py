"""Context drift: ways a located quote means something else in its source than in the story.

:func:`assess_drift` returns a :class:`~quoteverify.model.Drift` whose findings
each have a ``kind``, a ``severity`` (``info`` < ``warning`` < ``serious``), a
one-sentence ``message`` and evidence spans (``source_spans`` into the
source text; ``story_spans`` into the story, or into the ``framing`` string
when one was passed by hand). The kinds and their rules:

* ``truncation``: the quote stops or starts inside a sentence and the words
  left out change its force. Right after: a condition or exception
  (``serious``), a restricting relative clause with no comma (``serious``),
  a contrast (``warning``), a time qualifier (``warning``). Right before (the
  last three words): a negation (``serious``); a hedge or an attribution to
  others (``warning``); a conditional opening of the sentence (``serious``).
* ``dangling_reference``: the quote's first sentence leans on a word whose
  referent lies before it (a demonstrative used as a pronoun: ``warning``; a
  personal pronoun with no name before it in the quote: ``info``). The likely
  referent is the nearest preceding noun phrase (for *he*/*she*: capitalised
  name) in the source.
* ``splice``: several fragments: joined with no ellipsis, out of order, or
  across different speakers' turns (``serious``); across different turns of
  one speaker, or further apart than ``splice_words``/``splice_sentences``
  (``warning``); otherwise ``info``.
* ``question``: the framing says what was asked ("asked about X") and the
  question turn before the answer shares less than ``question_threshold`` of
  those keywords (``serious`` when it shares none).
* ``topic``: fewer than ``topic_threshold`` of the framing's keywords (at
  least ``min_keywords`` of them, quote words, speaker mention and cue
  excluded) occur among the ``context_words`` words either side of the quote
  in the source (``warning``).
* ``embedded_speech``: the matched words are someone else's speech inside
  the turn (quoted, read out): ``serious`` unless that someone is the
  claimed speaker (``info``: second-hand).
* ``temporal``: the source is dated after the story (``serious``); the story
  says "yesterday", "this week"... and the source is older (``serious``); the
  story says "last year" or names a year the source's date does not fit
  (``warning``); the source is older than ``max_age_days`` and the story does
  not say it is old (``warning``; ``info`` when it does). No date is compared
  with the clock: without ``said_on`` only the story's wording counts.
* ``qualified``: the quote ends its sentence and the next sentence of the same
  turn takes it back ("That's not what I want": ``warning``) or qualifies it
  ("But ...": ``info``).

Every word list is in :data:`DRIFT_WORDS` and can be overridden through
``VerifyConfig(words={...})``. Keywords are compared after folding case and
a light suffix stripping (``exports`` = ``export``); stop words and reporting
words are never keywords.

>>> import quoteverify as qv
>>> src = qv.Source("We will go out of business unless the tariffs are lifted.")
>>> v = qv.verify("We will go out of business", src)
>>> [(f.kind.value, f.severity.value) for f in v.drift.findings]
[('truncation', 'serious')]
>>> print(v.drift.findings[0].message)
The quote stops just before "unless the tariffs are lifted", a condition that limits what was said.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

import attrs
import regex

from ._text import sentence_end, sentence_start
from .config import DEFAULT_CONFIG, VerifyConfig
from .errors import check_text
from .fidelity import only_repeats
from .model import (
    Alignment,
    Drift,
    DriftKind,
    EditKind,
    EmbeddedSpeech,
    Finding,
    Location,
    Severity,
    Source,
    Span,
    Turn,
    Verification,
)
from .speakers import same_speaker
from .vocabulary import COMMON_WORDS, DENIALS, DRIFT_WORDS, NEGATIONS, NOT_NAMES, RECENCY_DAYS

__all__ = ["DRIFT_WORDS", "RECENCY_DAYS", "assess_drift", "keywords"]

_WORD = regex.compile(r"\w+(?:['’]\w+)*")
_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_SKIP = " \t,;:—–-\"'“”‘’«»()"
_OUTLET_CUES = frozenset(DRIFT_WORDS["outlet_cues"])  # read before any config applies
_WINDOW = 400  # characters looked at either side of a quote for sentence bounds


@attrs.frozen
class _WordLists:
    """Word lists after the config's overrides."""

    lists: Mapping[str, frozenset[str]]
    phrases: Mapping[str, tuple[str, ...]]

    def has(self, name: str, word: str) -> bool:
        return word in self.lists[name]


def _word_lists(config: VerifyConfig) -> _WordLists:
    return _word_lists_of(config.words)


@lru_cache(maxsize=32)
def _word_lists_of(overrides: tuple[tuple[str, tuple[str, ...]], ...]) -> _WordLists:
    merged = {**DRIFT_WORDS, "negations": tuple(NEGATIONS), "denials": tuple(DENIALS)}
    merged.update(dict(overrides))
    merged["negations"] = (*merged["negations"], *merged.pop("denials"))  # see DRIFT_WORDS
    return _WordLists(
        {k: frozenset(v) for k, v in merged.items()},
        {k: tuple(sorted(v, key=len, reverse=True)) for k, v in merged.items()},
    )


def _stem(word: str) -> str:
    w = word.casefold().replace("’", "'")
    w = w.removesuffix("'s")
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def keywords(text: str, *, stop: Iterable[str] | None = None) -> frozenset[str]:
    """The content words of ``text``, folded and lightly stemmed.

    Common words and ``stop`` (by default the ``framing_stop`` list of
    :data:`DRIFT_WORDS`: reporting verbs, titles) are dropped, as are words
    shorter than three letters and numbers.

    >>> sorted(keywords("When asked about exports to Europe, he said"))
    ['europe', 'export']
    """
    drop = COMMON_WORDS | frozenset(DRIFT_WORDS["framing_stop"] if stop is None else stop)
    out = set()
    for m in _WORD.finditer(text):
        w = m.group().casefold()
        if w in drop or len(w) < 3 or w.isdigit():
            continue
        out.add(_stem(w))
    return frozenset(out)


# --- text helpers (all look at bounded windows, so each quote costs O(window)) ---------


def _bounds(source: Source, start: int, end: int) -> tuple[int, int]:
    """The stretch the quote's context may come from: its turn, else the whole text."""
    turn = source.turn_at(start)
    if turn is not None:
        return turn.start, max(turn.end, end)
    return 0, len(source.text)


def _sentence_start(text: str, pos: int, lo: int) -> int:
    return sentence_start(text, pos, max(lo, pos - _WINDOW))


def _sentence_end(text: str, pos: int, hi: int) -> int:
    return sentence_end(text, pos, min(hi, pos + _WINDOW))


def _lower_words(text: str) -> list[regex.Match[str]]:
    return list(_WORD.finditer(text))


def _starts_with_phrase(words: Sequence[str], phrases: Sequence[str]) -> str | None:
    """The first of ``phrases`` (longest first) that ``words`` begin with."""
    for p in phrases:
        parts = p.split()
        if words[: len(parts)] == parts:
            return p
    return None


def _ends_with_phrase(words: Sequence[str], phrases: Sequence[str]) -> str | None:
    for p in phrases:
        parts = p.split()
        if len(parts) <= len(words) and list(words[-len(parts):]) == parts:
            return p
    return None


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'")


# --- truncation ---------------------------------------------------------------------------


def _truncation(
    source: Source, loc: Location, words: _WordLists, *, whole: bool = False
) -> list[Finding]:
    text = source.text
    lo, hi = _bounds(source, loc.start, loc.end)
    findings: list[Finding] = []
    # (``whole``: the quote is joined only over repeated or restarted speech, one piece)
    pieces = (loc.span,) if whole or not loc.fragments else loc.fragments
    ends = sorted({p.end for p in pieces})
    starts = sorted({p.start for p in pieces})
    for end in ends:
        f = _after(text, end, hi, words)
        if f is not None:
            findings.append(f)
    for start in starts:
        f = _before(text, start, lo, words)
        if f is not None:
            findings.append(f)
    return findings


class _Truncation(NamedTuple):
    """One truncation rule: the word list, where its words must stand, the severity, the message.

    ``where``: ``starts`` (the dropped clause starts with one of the phrases), ``first`` (its
    first word is one), ``first-no-comma`` (the same, with no comma between quote and clause),
    ``near`` (one of the last three words before the quote is one, or ends in "n't"), ``led``
    (the dropped clause starts with one of the phrases after at most two ``limit_leads``), ``hedged``
    (one of the last six words is one, or they end in a phrase of the list). ``{shown}`` in the
    message is the dropped words, or for ``near`` the word found.
    """

    words: str
    where: str
    severity: Severity
    message: str


#: What the words just after a quote may do that the quote drops, first match wins.
_TRUNCATED_AFTER = (
    _Truncation("conditions", "starts", Severity.SERIOUS,
                'The quote stops just before "{shown}", a condition that limits what was said.'),
    _Truncation("time_after", "starts", Severity.WARNING,
                'The quote stops just before "{shown}", which limits it to another time.'),
    _Truncation("reasons", "starts", Severity.WARNING,
                'The quote stops just before "{shown}", the reason given for it.'),
    _Truncation("limits", "led", Severity.WARNING,
                'The quote stops just before "{shown}", which limits what was said.'),
    _Truncation("relatives", "first-no-comma", Severity.SERIOUS,
                'The quote stops just before "{shown}", a clause that restricts what was said.'),
    _Truncation("contrasts", "first", Severity.WARNING,
                'The quote stops just before "{shown}", which qualifies what was said.'),
)  # fmt: skip
#: What the start of a quote's sentence may do that the quote drops, first match wins.
_TRUNCATED_BEFORE = (
    _Truncation("negations", "near", Severity.SERIOUS,
                'The quote starts just after "{shown}", a negation that reverses what was said.'),
    _Truncation("hedges", "hedged", Severity.WARNING,
                'The quote starts just after "{shown}", which hedges or attributes the words to others.'),
    _Truncation("condition_openers", "first", Severity.SERIOUS,
                'The quote drops the start of its sentence, "{shown}", a condition on what was said.'),
    _Truncation("reasons", "first", Severity.WARNING,
                'The quote drops the start of its sentence, "{shown}", which gives it as a reason.'),
    _Truncation("time_before", "starts", Severity.WARNING,
                'The quote drops the start of its sentence, "{shown}", which places it in another time.'),
)  # fmt: skip


def _rule_matches(rule: _Truncation, ws: Sequence[str], words: _WordLists, *, comma: bool) -> int | None:
    """Where ``rule`` matches the folded words ``ws``: the index of the word found (``near``),
    0 for the others, None when it does not match."""
    if rule.where == "starts":
        return 0 if _starts_with_phrase(ws, words.phrases[rule.words]) is not None else None
    if rule.where == "led":  # the phrase, after at most two lead-in words ("again, with limits")
        rest = list(ws)
        for _ in range(2):
            if _starts_with_phrase(rest, words.phrases[rule.words]) is not None:
                return 0
            lead = _starts_with_phrase(rest, words.phrases["limit_leads"])
            if lead is None:
                return None
            rest = rest[len(lead.split()) :]
        return 0 if _starts_with_phrase(rest, words.phrases[rule.words]) is not None else None
    if rule.where in ("first", "first-no-comma"):
        ok = ws[0] in words.lists[rule.words] and not (comma and rule.where == "first-no-comma")
        return 0 if ok else None
    if rule.where == "near":
        last3 = ws[-3:]
        for k, w in enumerate(last3):
            if w in words.lists[rule.words] or w.endswith("n't"):
                return len(ws) - len(last3) + k
        return None
    # hedged
    if _ends_with_phrase(ws[-6:], words.phrases[rule.words]) is not None:
        return 0
    return 0 if any(w in words.lists[rule.words] for w in ws[-6:]) else None


def _after(text: str, end: int, hi: int, words: _WordLists) -> Finding | None:
    stop = _sentence_end(text, end, hi)
    i = end
    while i < stop and text[i] in _SKIP:
        i += 1
    if i >= stop:
        return None  # the quote ends its sentence (what comes next: see _qualified)
    comma = "," in text[end:i] or "—" in text[end:i] or "–" in text[end:i]
    clause = text[i:stop]
    ws = [_fold(m.group()) for m in _lower_words(clause)]
    if not ws:
        return None
    shown = clause.strip()
    if len(shown) > 60:
        shown = shown[:57].rstrip() + "..."
    for rule in _TRUNCATED_AFTER:
        if _rule_matches(rule, ws, words, comma=comma) is not None:
            return Finding(
                "truncation", rule.severity, rule.message.format(shown=shown),
                source_spans=(Span.of(text, i, stop),),
            )
    return None


def _qualified(source: Source, loc: Location, words: _WordLists) -> Finding | None:
    """A quote that ends its sentence, judged by the next sentence of the same turn."""
    text = source.text
    _, hi = _bounds(source, loc.start, loc.end)
    end = loc.end
    stop = _sentence_end(text, end, hi)
    i = end
    while i < stop and text[i] in _SKIP:
        i += 1
    if i < stop:
        return None  # the quote stops inside its sentence: truncation's to judge
    return _next_sentence(text, stop, hi, words)


def _next_sentence(text: str, stop: int, hi: int, words: _WordLists) -> Finding | None:
    """The sentence after a quote that ends its own, in the same turn: one that reverses it
    ("That's not what I'm proposing") is a warning, one that qualifies it ("But ...") a note."""
    i = stop
    while i < hi and (text[i] in _SKIP or text[i] in ".!?…" or text[i].isspace()):
        i += 1
    if i >= hi:
        return None
    nxt = _sentence_end(text, i, hi)
    ws = [_fold(m.group()) for m in _WORD.finditer(text, i, min(nxt, i + 80))]
    if not ws:
        return None
    span = Span.of(text, i, nxt)
    shown = span.text if len(span.text) <= 60 else span.text[:57].rstrip() + "..."
    if _starts_with_phrase(ws, words.phrases["reversals_next"]):
        return Finding(
            "qualified", Severity.WARNING,
            f'The next sentence in the source takes it back: "{shown}"', source_spans=(span,),
        )
    if _starts_with_phrase(ws, words.phrases["contrasts_next"]):
        return Finding(
            "qualified", Severity.INFO,
            f'The next sentence in the source qualifies it: "{shown}"', source_spans=(span,),
        )
    return None


def _before(text: str, start: int, lo: int, words: _WordLists) -> Finding | None:
    s0 = _sentence_start(text, start, lo)
    if s0 >= start:
        return None
    prefix = text[s0:start]
    ms = _lower_words(prefix)
    if not ms:
        return None
    ws = [_fold(m.group()) for m in ms]
    if len(ws) == 1 and ws[0] in ("no", "nope", "nah") and regex.search(r"[,;:—–!]", prefix):
        # "No, I am your father": an answer to what came before, set off by a
        # comma, does not negate the words that follow it.
        span = Span.of(text, s0 + ms[0].start(), s0 + ms[0].end())
        return Finding(
            "truncation", Severity.INFO,
            f'The quote starts just after "{span.text}", an answer to what was said before it.',
            source_spans=(span,),
        )
    shown = prefix.strip()
    if len(shown) > 60:
        shown = "..." + shown[-57:].lstrip()
    for rule in _TRUNCATED_BEFORE:
        k = _rule_matches(rule, ws, words, comma=False)
        if k is None:
            continue
        if rule.where == "near":  # the finding points at the word itself
            span = Span.of(text, s0 + ms[k].start(), s0 + ms[k].end())
            return Finding("truncation", rule.severity, rule.message.format(shown=span.text),
                           source_spans=(span,))
        return Finding("truncation", rule.severity, rule.message.format(shown=shown),
                       source_spans=(Span.of(text, s0, start),))
    return None


# --- dangling reference -------------------------------------------------------------------


_PUNCT_BETWEEN = frozenset(",;:—–.!?")


def _dangling(
    source: Source, loc: Location, quote: str, words: _WordLists, framing: str = ""
) -> Finding | None:
    """A quote whose first sentence leans on what came before it.

    A demonstrative standing for something in the first three words ("That's
    the reason", "this means") or as the last ("you didn't build that") is a
    warning, elsewhere in the sentence a note; a personal pronoun is a warning when the source names who or
    what it is just before and the story's framing does not, else a note
    ("it" stays a note: it is so often "it's time"). A referent the framing
    names is a note whatever the word.
    """
    head = quote[: sentence_end(quote, 0, len(quote))]
    ms = _lower_words(head)
    demonstratives = words.lists["demonstratives"]
    pronouns = words.lists["pronouns"]
    followers = words.lists["pronoun_followers"]
    named_before = False
    for k, m in enumerate(ms):
        w = _fold(m.group())
        if k == 0 and w.endswith("'s") and w[:-2] in demonstratives:
            # "That's the whole reason": the opening word stands for what was said before
            return _dangling_finding(source, loc, m.group(), Severity.WARNING, words, framing=framing)
        if w in demonstratives and w != "such":
            last = k + 1 == len(ms)
            between = "" if last else head[m.end() : ms[k + 1].start()]
            nxt = None if last else _fold(ms[k + 1].group())
            punct = not _PUNCT_BETWEEN.isdisjoint(between)
            if last or punct or nxt in followers:
                prev = _fold(ms[k - 1].group()) if k > 0 else None
                if w == "that" and not (last or punct) and prev is not None and prev not in COMMON_WORDS:
                    continue  # "the data that is stored": a relative clause, not a pronoun
                # at the opening or as the last word it stands for what came before; in the
                # middle of the sentence it may point inside the quote
                sev = Severity.WARNING if k < 3 or last else Severity.INFO
                return _dangling_finding(source, loc, m.group(), sev, words, framing=framing)
        elif w in pronouns and not named_before and k < 3:
            by_referent = Severity.INFO if w in ("it", "its") else None  # None: by the referent
            return _dangling_finding(source, loc, m.group(), by_referent, words, framing=framing)
        if k > 0 and m.group()[:1].isupper() and w != "i":
            named_before = True
    return None


def _dangling_finding(
    source: Source, loc: Location, word: str, severity: Severity | None, words: _WordLists,
    *, framing: str,
) -> Finding:
    text = source.text
    lo, _ = _bounds(source, loc.start, loc.end)
    # the turn, or a window of text before the quote
    a = max(0, loc.start - _WINDOW) if lo == 0 else max(lo, loc.start - _WINDOW)
    if source.turns and lo == 0 and source.turn_at(loc.start) is None:
        a = max(0, loc.start - _WINDOW)
    person = _fold(word) in ("he", "she", "him", "her", "his")
    b = loc.start
    s0 = _sentence_start(text, loc.start, a)
    opener = _WORD.search(text, s0, loc.start)
    if not person and opener is not None and _fold(opener.group()) in words.lists["condition_openers"]:
        b = s0  # "If you have a shop, you didn't build that": the referent is earlier
    plural = _fold(word) in ("they", "them", "their", "these", "those")
    ref = _referent(text, a, b, person=person, plural=plural, words=words)
    spans: tuple[Span, ...] = (loc.span,)
    if ref is not None:
        spans = (ref, loc.span)
        msg = f'"{word}" refers to something outside the quote, most likely "{ref.text}"'
        if _names(framing, ref.text):
            severity, msg = Severity.INFO, f"{msg}, which the story names."
        else:
            severity, msg = severity or Severity.WARNING, f"{msg}, which the story does not name."
    else:
        msg = f'"{word}" refers to something outside the quote that the source does not name nearby.'
    return Finding("dangling_reference", severity or Severity.INFO, msg, source_spans=spans)


def _names(framing: str, referent: str) -> bool:
    """Whether the story's framing names the referent (one of its content words, any case)."""
    if not framing:
        return False
    said = {_fold(m.group()) for m in _WORD.finditer(framing)}
    own = [_fold(m.group()) for m in _WORD.finditer(referent)]
    return any(w in said for w in own if len(w) >= 3 and w not in COMMON_WORDS)


def _is_plural(span: Span) -> bool:
    head = span.text.split()[-1].casefold()
    return " and " in span.text or (head.endswith("s") and not head.endswith("ss"))


def _referent(
    text: str, a: int, b: int, *, person: bool, plural: bool, words: _WordLists
) -> Span | None:
    """The nearest fitting phrase in the sentence before ``b`` and the one before it, else in ``[a, b)``."""
    near = _sentence_start(text, max(a, _sentence_start(text, b, a) - 1), a)
    if near > a:
        found = _referent_in(text, near, b, person=person, plural=plural, words=words)
        if found is not None:
            return found
    return _referent_in(text, a, b, person=person, plural=plural, words=words)


def _referent_in(
    text: str, a: int, b: int, *, person: bool, plural: bool, words: _WordLists
) -> Span | None:
    ms = list(_WORD.finditer(text, a, b))
    fallback: Span | None = None
    if person:
        for k in range(len(ms) - 1, -1, -1):
            m = ms[k]
            if not m.group()[:1].isupper() or m.group() == "I" or _fold(m.group()) in NOT_NAMES:
                # (a weekday, a month or a sentence's opening word is nobody's name)
                continue
            sentence_initial = _sentence_start(text, m.start(), a) == m.start()
            if sentence_initial and _fold(m.group()) in COMMON_WORDS:
                continue
            j = k
            while j > 0 and ms[j - 1].group()[:1].isupper() and ms[j - 1].end() + 1 >= ms[j].start():
                j -= 1
            name = Span.of(text, ms[j].start(), m.end())
            if j > 0 and _fold(ms[j - 1].group()) in words.lists["place_cues"]:
                fallback = fallback or name  # "in Beijing": a place, not a person
                continue
            return name
        return fallback
    stop = COMMON_WORDS | words.lists["pronouns"] | words.lists["demonstratives"]
    dets = words.lists["determiners"]
    for k in range(len(ms) - 1, 0, -1):
        w = _fold(ms[k].group())
        if w in stop or len(w) < 3 or not ms[k].group().isalpha():
            continue
        if w in NOT_NAMES and ms[k].group()[:1].isupper():
            continue  # "on Tuesday", "in March": a time, not what "it" stands for
        # walk back to the determiner or preposition that opens the phrase (at most 4 words)
        j = k
        while j > 0 and k - j < 4:
            prev = _fold(ms[j - 1].group())
            if prev in dets and prev != "and":
                break
            if prev == "and" or (prev not in stop and ms[j - 1].group().isalpha()):
                j -= 1
                continue
            break
        if j > 0 and _fold(ms[j - 1].group()) in dets:
            opener = _fold(ms[j - 1].group())
            first = ms[j - 1] if opener in words.lists["articles"] else ms[j]
            found = Span.of(text, first.start(), ms[k].end())
            if (not plural or _is_plural(found)) and opener in words.lists["articles"]:
                return found
            if not plural or _is_plural(found) or fallback is None:
                fallback = fallback if fallback is not None and (
                    not plural or _is_plural(fallback)) else found
    return fallback


# --- splice -------------------------------------------------------------------------------


def _speaker_name(t: Turn | None) -> str | None:
    if t is None:
        return None
    if t.speaker is not None:
        return t.speaker.name
    return t.label


_SILENT_CUT = 3  # words a quote may leave out inside one match, unmarked, before it is a splice


def _silent_cut(loc: Location, alignment: Alignment | None) -> Finding | None:
    """A quote matched in one piece that leaves out a stretch of the source with no ellipsis:
    three words or more, or a sentence's end, deleted in the middle is two passages joined."""
    if alignment is None:
        return None
    for e in alignment.edits:
        if e.kind is not EditKind.DELETE or e.source_start is None or e.source_end is None:
            continue
        if e.source_start <= loc.start or e.source_end >= loc.end:
            continue  # at an edge: truncation's to judge
        words = len(_WORD.findall(e.source_text))
        if words >= _SILENT_CUT or (words >= 2 and regex.search(r"[.!?][\"')\]]*\s", e.source_text)):
            shown = e.source_text if len(e.source_text) <= 60 else e.source_text[:57].rstrip() + "..."
            return Finding(
                "splice", Severity.SERIOUS,
                f'The quote silently leaves out {words} words of the source ("{" ".join(shown.split())}") '
                "with no ellipsis: two passages joined.",
                source_spans=(Span(e.source_start, e.source_end, e.source_text),),
            )
    return None


def _splice(source: Source, loc: Location, config: VerifyConfig) -> Finding | None:
    frags = loc.fragments
    if len(frags) < 2 and not loc.unmarked_splice:
        return None
    if len(frags) < 2:
        return Finding(
            "splice", Severity.SERIOUS,
            "The quote joins passages of the source with no ellipsis to show it.",
            source_spans=(loc.span,),
        )
    turns = [source.turn_at(f.start) for f in frags]
    speakers = {_speaker_name(t) for t in turns if t is not None}
    turn_ids = {t.index for t in turns if t is not None}
    words = sum(g.words for g in loc.gaps)
    sentences = sum(g.sentences for g in loc.gaps)
    apart = f"{words} words and {sentences} sentence boundaries apart"
    if len(speakers) > 1:
        sev, msg = Severity.SERIOUS, (
            f"The quote joins words of different speakers ({', '.join(sorted(s for s in speakers if s))}), "
            f"{apart}."
        )
    elif loc.unmarked_splice:
        across = f" across {len(turn_ids)} different answers" if len(turn_ids) > 1 else ""
        sev, msg = Severity.SERIOUS, (
            f"The quote silently joins passages{across}, {apart}, with no ellipsis."
        )
    elif not loc.in_order:
        sev, msg = Severity.SERIOUS, f"The quote puts passages in another order than the source ({apart})."
    elif len(turn_ids) > 1:
        sev, msg = Severity.WARNING, f"The quote joins {len(turn_ids)} different answers, {apart}."
    elif any(g.words > config.splice_words or g.sentences > config.splice_sentences for g in loc.gaps):
        sev, msg = Severity.WARNING, f"The quote's fragments lie far apart in the source ({apart})."
    else:
        sev, msg = Severity.INFO, f"The quote's fragments are {apart} in the source."
    return Finding("splice", sev, msg, source_spans=tuple(frags))


# --- question and topic -------------------------------------------------------------------


@attrs.frozen
class _Framing:
    text: str
    offset: int  # where ``text`` starts in the story (0 for a framing string given by hand)
    exclude: tuple[tuple[int, int], ...] = ()  # story offsets of quote words, mention, cue

    def span(self, start: int, end: int) -> Span:
        return Span(self.offset + start, self.offset + end, self.text[start:end])

    @property
    def whole(self) -> Span:
        return self.span(0, len(self.text))

    def own_words(self) -> str:
        """The framing with the excluded stretches and outlet names blanked (same length).

        An outlet is a run of capitalised words after "by", "told", "with", "for",
        "to" or "in" (and an optional "the"): "by the South China Morning Post".
        """
        chars = list(self.text)
        for a, b in self.exclude:
            for i in range(max(0, a - self.offset), min(len(chars), b - self.offset)):
                chars[i] = " "
        ms = list(_WORD.finditer(self.text))
        k = 0
        while k < len(ms):
            if _fold(ms[k].group()) in _OUTLET_CUES:
                j = k + 1
                if j < len(ms) and _fold(ms[j].group()) == "the":
                    j += 1
                start = j
                while j < len(ms) and ms[j].group()[:1].isupper():
                    j += 1
                if j - start >= 2 or (j > start > k + 1):
                    for i in range(ms[start].start(), ms[j - 1].end()):
                        chars[i] = " "
                k = max(j, k + 1)
            else:
                k += 1
        # who the speaker is is not what the words are about: "John Kirby, a retired rear
        # admiral who speaks for the council," and "Kirby, who took the questions,"
        for m in _APPOSITION.finditer(self.text):
            for i in range(m.start(), m.end()):
                chars[i] = " "
        return "".join(chars)


# ", a retired rear admiral ...", ", who took ...", after a capitalised word (a name), up to the
# next comma, quotation mark or sentence end
_APPOSITION = regex.compile(
    r"(?<=\p{Lu}[\p{L}'’\-]*),[ \t]+(?:a|an|the|who|whose)\b[^,;:\"“”.!?]*"
)


def _question_turn(source: Source, turn: Turn) -> Turn | None:
    starts = source.cached("turn_starts", lambda: [t.start for t in source.turns])
    i = bisect.bisect_left(starts, turn.start)
    if i >= len(starts) or source.turns[i] is not turn:
        return None
    for j in range(i - 1, max(-1, i - 4), -1):
        t = source.turns[j]
        if _speaker_name(t) != _speaker_name(turn) and "?" in t.span.text:
            return t
    return None


def _question(
    source: Source, loc: Location, framing: _Framing, config: VerifyConfig, words: _WordLists
) -> Finding | None:
    turn = source.turn_at(loc.start)
    if turn is None:
        return None
    q = _question_turn(source, turn)
    if q is None:
        return None
    own = framing.own_words()
    cue = None
    for m in _WORD.finditer(own):
        if _fold(m.group()) in words.lists["question_cues"]:
            cue = m
            break
    if cue is None:
        return None
    tail_end = len(own)
    stop = regex.compile(r"[,.;:!?\"“”]| by | to | from ")
    sm = stop.search(own, cue.end() + 1)
    if sm is not None:
        tail_end = sm.start()
    asked = keywords(own[cue.end() : tail_end], stop=words.lists["framing_stop"])
    if not asked:
        return None
    in_q = keywords(q.span.text, stop=())
    share = len(asked & in_q) / len(asked)
    if share >= config.question_threshold:
        return None
    sev = Severity.SERIOUS if share == 0 else Severity.WARNING
    # ``own`` blanks the quote and the speaker's name; show the story's own words.
    asked_text = " ".join(framing.text[cue.start() : tail_end].split())
    shown = q.span.text.strip()
    if len(shown) > 80:
        shown = shown[:77].rstrip() + "..."
    return Finding(
        "question", sev,
        f'The story says "{asked_text}", but the question answered was "{shown}".',
        source_spans=(q.span,),
        story_spans=(framing.span(cue.start(), tail_end),),
    )


def _topic(
    source: Source, loc: Location, framing: _Framing, config: VerifyConfig, words: _WordLists
) -> Finding | None:
    want = keywords(framing.own_words(), stop=words.lists["framing_stop"])
    if len(want) < max(1, config.min_keywords):
        return None
    text = source.text
    reach = config.context_words * 12
    a = max(0, loc.start - reach)
    b = min(len(text), loc.end + reach)
    before = list(_WORD.finditer(text, a, loc.start))[-config.context_words :] if config.context_words else []
    after = list(_WORD.finditer(text, loc.end, b))[: config.context_words]
    a2 = before[0].start() if before else loc.start
    b2 = after[-1].end() if after else loc.end
    have = keywords(text[a2:b2], stop=())
    share = len(want & have) / len(want)
    if share >= config.topic_threshold:
        return None
    return Finding(
        "topic", Severity.WARNING,
        f"The story frames the quote around {', '.join(sorted(want)[:5])}, "
        f"but only {share:.0%} of those words occur in the source around it.",
        source_spans=(Span.of(text, a2, b2),),
        story_spans=(framing.whole,),
    )


# --- embedded speech ----------------------------------------------------------------------


def _embedded(v: Verification, loc: Location) -> list[Finding]:
    source = v.source
    assert source is not None
    items: tuple[EmbeddedSpeech, ...]
    if v.attribution is not None and v.attribution.embedded:
        items = v.attribution.embedded
    else:
        found: list[EmbeddedSpeech] = []
        seen: set[int] = set()
        for p in loc.fragments or (loc.span,):
            for offset in (p.start, max(p.start, p.end - 1)):
                t = source.turn_at(offset)
                if t is not None and id(t) not in seen:
                    seen.add(id(t))
                    found.extend(t.embedded)
        items = tuple(found)
    out = []
    claimed = v.quote.speaker
    pieces = loc.fragments or (loc.span,)
    for e in items:
        if not any(e.span.overlap(p) > 0 for p in pieces):
            continue
        turn = source.turn_at(e.span.start)
        reader = _speaker_name(turn) or "the speaker"
        other = e.speaker.name if e.speaker is not None else (e.mention or "someone else")
        own = (
            claimed is not None
            and e.speaker is not None
            and same_speaker(claimed, e.speaker)
        )
        spans = (e.span,) + ((e.cue,) if e.cue is not None else ())
        if e.cue is not None and any(e.cue.overlap(p) >= len(e.cue.text) for p in pieces):
            out.append(Finding(  # the quote carries "As critics put it": the reader sees whose
                "embedded_speech", Severity.INFO,
                f"The quote includes {reader}'s own attribution of these words to "
                + (f"{other}." if e.speaker is not None else f'"{other}".'),
                source_spans=spans,
            ))
        elif own:
            out.append(Finding(
                "embedded_speech", Severity.INFO,
                f"These are {other}'s words as quoted by {reader}: second-hand in this source.",
                source_spans=spans,
            ))
        else:
            out.append(Finding(
                "embedded_speech", Severity.SERIOUS,
                f"{reader} was quoting {other} here, not speaking in their own words.",
                source_spans=spans,
            ))
    return out


# --- temporal -----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _phrase_pattern(phrases: tuple[str, ...]) -> regex.Pattern[str]:
    """One alternation of literal phrases, longest first, on word boundaries."""
    ordered = sorted(phrases, key=len, reverse=True)
    return regex.compile(r"(?<!\w)(?:" + "|".join(regex.escape(p) for p in ordered) + r")(?!\w)")


def _find_phrase(text: str, phrases: Iterable[str]) -> tuple[str, int, int] | None:
    """The first of ``phrases`` in ``text`` (case folded), with its offsets."""
    folded = text.casefold().replace("’", "'")
    if len(folded) != len(text):  # a fold that changes length would shift offsets
        folded = text.lower()
    m = _phrase_pattern(tuple(phrases)).search(folded)
    return (m.group(), m.start(), m.end()) if m else None


def _temporal(
    source: Source, framing: _Framing | None, said_on: _dt.date | None, config: VerifyConfig,
    words: _WordLists,
) -> list[Finding]:
    published = source.published
    own = framing.own_words() if framing is not None else ""
    recency = _find_phrase(own, RECENCY_DAYS) if own else None
    past = _find_phrase(own, words.phrases["past_markers"]) if own else None
    year_m = _YEAR.search(own) if own else None
    out: list[Finding] = []
    if published is None:
        return out
    story = (framing.span(recency[1], recency[2]),) if (framing and recency) else ()
    if said_on is not None:
        age = (said_on - published).days
        if age < 0:
            return [Finding(
                "temporal", Severity.SERIOUS,
                f"The source is dated {published.isoformat()}, after the story's date "
                f"{said_on.isoformat()}.",
            )]
        if recency is not None and age > RECENCY_DAYS[recency[0]]:
            out.append(Finding(
                "temporal", Severity.SERIOUS,
                f'The story says "{recency[0]}", but the source is dated {published.isoformat()}, '
                f"{age} days before the story.",
                story_spans=story,
            ))
        elif past is not None and past[0].startswith("last year") and published.year != said_on.year - 1:
            out.append(Finding(
                "temporal", Severity.WARNING,
                f'The story says "{past[0]}", but the source is dated {published.isoformat()}.',
                story_spans=(framing.span(past[1], past[2]),) if framing else (),
            ))
        elif age > config.max_age_days and recency is None:
            old = past is not None or year_m is not None
            out.append(Finding(
                "temporal", Severity.INFO if old else Severity.WARNING,
                f"The source is dated {published.isoformat()}, {age} days before the story"
                + (", which the story acknowledges." if old else ", and the story does not say so."),
            ))
    if year_m is not None and int(year_m.group()) != published.year and framing is not None:
        out.append(Finding(
            "temporal", Severity.WARNING,
            f"The story dates the words to {year_m.group()}, but the source is dated "
            f"{published.isoformat()}.",
            story_spans=(framing.span(year_m.start(), year_m.end()),),
        ))
    return out


# --- the call -----------------------------------------------------------------------------


def _framing(v: Verification, framing: str | None) -> _Framing | None:
    if framing is not None:
        return _Framing(framing, 0)
    aq = v.attributed
    if aq is None or aq.framing is None:
        return None
    exclude = [(p.start, p.end) for p in (aq.parts or (aq.span,))]
    exclude.extend((s.start, s.end) for s in (aq.speaker_mention, aq.cue) if s is not None)
    return _Framing(aq.framing.text, aq.framing.start, tuple(exclude))


def _with_names(words: _WordLists, v: Verification) -> _WordLists:
    """The word lists with the claimed and the source's speakers' names as framing stop words."""
    names: list[str] = []
    for who in (v.quote.speaker, v.attribution.speaker if v.attribution else None):
        if isinstance(who, str):
            names.append(who)
        elif who is not None:
            names.extend(who.names)
    if not names:
        return words
    extra = frozenset(_fold(m.group()) for n in names for m in _WORD.finditer(n))
    lists = dict(words.lists)
    lists["framing_stop"] = lists["framing_stop"] | extra
    return _WordLists(lists, words.phrases)


@attrs.frozen
class _Context:
    """What every check reads: the verification, where it was found, the options and words."""

    verification: Verification
    source: Source
    loc: Location
    config: VerifyConfig
    words: _WordLists
    framing: _Framing | None
    said_on: _dt.date | None


def _one(f: Finding | None) -> list[Finding]:
    return [] if f is None else [f]


#: The checks in the order their findings are reported: adding a kind is one entry here (and
#: one member of :class:`~quoteverify.model.DriftKind`).
CHECKS: tuple[tuple[DriftKind, Callable[[_Context], list[Finding]]], ...] = (
    (
        DriftKind.TRUNCATION,
        lambda c: list(
            _truncation(c.source, c.loc, c.words, whole=only_repeats(c.loc, c.verification.alignment))
        ),
    ),
    (
        DriftKind.DANGLING_REFERENCE,
        lambda c: _one(
            _dangling(
                c.source, c.loc, c.verification.quote.text, c.words,
                c.framing.own_words() if c.framing is not None else "",
            )
        ),
    ),
    (
        DriftKind.SPLICE,
        lambda c: []
        if only_repeats(c.loc, c.verification.alignment)
        else _one(_splice(c.source, c.loc, c.config) or _silent_cut(c.loc, c.verification.alignment)),
    ),
    (
        DriftKind.QUESTION,
        lambda c: _one(_question(c.source, c.loc, c.framing, c.config, c.words))
        if c.framing is not None and c.source.turns
        else [],
    ),
    (
        DriftKind.TOPIC,
        lambda c: _one(_topic(c.source, c.loc, c.framing, c.config, c.words))
        if c.framing is not None
        else [],
    ),
    (DriftKind.EMBEDDED_SPEECH, lambda c: list(_embedded(c.verification, c.loc))),
    (
        DriftKind.TEMPORAL,
        lambda c: list(_temporal(c.source, c.framing, c.said_on, c.config, c.words)),
    ),
    (DriftKind.QUALIFIED, lambda c: _one(_qualified(c.source, c.loc, c.words))),
)


def assess_drift(
    verification: Verification,
    *,
    framing: str | None = None,
    said_on: _dt.date | None = None,
    config: VerifyConfig | None = None,
) -> Drift:
    """The context-drift findings of a verified quote (nothing when it was not found).

    ``framing`` is how the story introduces the quote (by default the
    framing of ``verification.attributed``, when extracted from a story);
    ``said_on`` the story's date. Only the checks in
    ``config.drift_checks`` run. Findings come in a fixed order: by kind as
    listed in the module docstring, then by position.

    >>> import quoteverify as qv
    >>> src = qv.Source.from_transcript(
    ...     "Q: How are exports to Europe doing?\\nA: They grew by a third last year.")
    >>> v = qv.verify("They grew by a third last year", src, framing="Asked about Xinjiang, he said")
    >>> [(f.kind.value, f.severity.value) for f in v.drift.findings]
    [('dangling_reference', 'info'), ('question', 'serious')]
    """
    if not isinstance(verification, Verification):
        msg = f"verification must be a Verification (got {type(verification).__name__})"
        raise TypeError(msg)
    if framing is not None:
        check_text(framing, "framing")
    if said_on is not None and not isinstance(said_on, _dt.date):
        msg = f"said_on must be a datetime.date (got {type(said_on).__name__})"
        raise TypeError(msg)
    if isinstance(said_on, _dt.datetime):
        said_on = said_on.date()
    cfg = config or DEFAULT_CONFIG
    loc, source = verification.location, verification.source
    if loc is None or source is None:
        return Drift()
    checks = cfg.drift_checks
    words = _with_names(_word_lists(cfg), verification)
    fr = _framing(verification, framing)
    context = _Context(verification, source, loc, cfg, words, fr, said_on)
    findings: list[Finding] = []
    for kind, check in CHECKS:
        if kind.value in checks:
            findings.extend(check(context))
    return Drift(tuple(findings))
