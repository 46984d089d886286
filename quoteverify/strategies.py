"""Hypothesis strategies for property tests of code that checks quotes (``pip install quoteverify[hypothesis]``).

The same strategies quoteverify's own tests use. Generated sources are built
from newsroom sentences written for this module (a company, its executives,
cameras, servers and data); generated misquotes carry the fidelity that
:func:`quoteverify.verify` should return and the edits that were made, so a
test can compare the two.

>>> from hypothesis import given, settings
>>> import quoteverify as qv
>>> @settings(max_examples=20, deadline=None)
... @given(sources().flatmap(lambda s: misquotes(s, kinds=["negation"]).map(lambda m: (s, m))))
... def test_dropped_negation_is_altered(case):
...     source, m = case
...     assert qv.verify(m.quote, source).fidelity == m.fidelity
>>> test_dropped_negation_is_altered()

Installing quoteverify registers :class:`~quoteverify.model.Speaker`,
:class:`~quoteverify.model.Source` and :class:`~quoteverify.model.Quote`
with Hypothesis, so ``st.from_type(Quote)`` works.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
import regex
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

from .model import AttributionStatus, Fidelity, Quote, Source, Speaker, SpeakerKind
from .sources import parse_plain, parse_srt, parse_transcript, parse_webvtt
from .vocabulary import NEGATABLE_AUXILIARIES, NUMBER_WORDS

__all__ = [
    "MISQUOTE_KINDS",
    "SENTENCES",
    "SOURCE_FORMATS",
    "Misquote",
    "misquoted_sources",
    "misquotes",
    "quotes",
    "sources",
    "speakers",
    "typographic_variants",
    "verbatim_quotes",
]

#: Sentences sources are built from: written for quoteverify, each one distinct in its content words.
SENTENCES: tuple[str, ...] = (
    "We don't have access to the data.",
    "What we do is sell them a server.",
    "Technology is definitely not to blame.",
    "The tools are neutral, and people decide.",
    "Our cameras were installed in 12 cities last year.",
    "The company employs about 3,000 engineers in Beijing.",
    "We will not sell to customers who break the law.",
    "Retailers and banks buy most of our products.",
    "The platform recognises faces in less than a second.",
    "Nobody at the company watches the footage.",
    "Our revenue grew by 40 percent in the first half.",
    "We never store images on our own servers.",
    "The review of our sales processes will take six months.",
    "Partners install the systems and train the local staff.",
    "I cannot speak for what the police do with it.",
    "Export rules changed twice during the last quarter.",
    "We answered every question the regulators asked us.",
    "The new model runs on a single graphics card.",
    "Most of our customers are governments and phone makers.",
    "The research team published 25 papers this year.",
    "Human rights groups have raised serious concerns.",
    "The factory in Tianjin opened in March.",
    "Every contract includes a clause on lawful use.",
    "Investors were not told about the export licence.",
)

_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Yin Qi", ("Qi Yin", "印奇")),
    ("Xie Yinan", ("Yinan Xie",)),
    ("Li Na", ()),
    ("Chen Jie", ()),
    ("Maria Keller", ()),
    ("Sam Okafor", ()),
    ("Priya Raman", ()),
    ("Tomás Ortega", ()),
)
_ROLES = ("chief executive", "vice president", "spokesperson", "chief engineer", "analyst", "reporter")
_ORGS = ("Megvii", "Northwind Vision", "Kestrel Labs")

#: Formats :func:`sources` can generate.
SOURCE_FORMATS = ("plain", "transcript", "webvtt", "srt")
#: Kinds of misquote :func:`misquotes` can make, with the fidelity each should get.
MISQUOTE_KINDS: dict[str, Fidelity] = {
    "negation": Fidelity.ALTERED,
    "number": Fidelity.ALTERED,
    "splice": Fidelity.SPLICED,
    "truncation": Fidelity.VERBATIM,
    "misattribution": Fidelity.VERBATIM,
}

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['\u2019,.][\p{L}\p{N}]+)*")
_NEGATION = regex.compile(r"(?<![\p{L}\p{N}'])(?:not|never)(?![\p{L}\p{N}'])", regex.IGNORECASE)
_AUXILIARY = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}'])(?:{'|'.join(sorted(NEGATABLE_AUXILIARIES))})(?![\p{{L}}\p{{N}}'])",
    regex.IGNORECASE,
)
_NUMBER_WORDS = sorted(NUMBER_WORDS)
_NUMBER = regex.compile(
    r"(?<![\p{L}\p{N}])(?:\d[\d,]*|" + "|".join(_NUMBER_WORDS) + r")(?![\p{L}\p{N}])", regex.IGNORECASE
)
_MIN_WORDS = 4


@attrs.frozen
class Misquote:
    """A generated misquote of a source, with what :func:`quoteverify.verify` should say about it.

    ``fidelity`` is the expected wording verdict; ``attribution`` the expected
    attribution status when the kind is about who spoke (else None);
    ``edits`` describes each change made to the source's words.
    """

    quote: Quote
    kind: str
    fidelity: Fidelity
    edits: tuple[str, ...] = ()
    attribution: AttributionStatus | None = None


# --------------------------------------------------------------------------- speakers and sources


def speakers(*, organizations: bool = True) -> SearchStrategy[Speaker]:
    """Speakers: people with aliases, roles and an organisation, and (optionally) organisations.

    >>> from hypothesis import find
    >>> find(speakers(organizations=False), lambda s: "印奇" in s.aliases).name
    'Yin Qi'
    """
    if not isinstance(organizations, bool):
        raise InvalidArgument(f"organizations must be a bool (got {organizations!r})")
    people = st.builds(
        lambda entry, roles, org: Speaker(entry[0], aliases=entry[1], roles=roles, organization=org),
        st.sampled_from(_NAMES),
        st.lists(st.sampled_from(_ROLES), max_size=2, unique=True).map(tuple),
        st.none() | st.sampled_from(_ORGS),
    )
    if not organizations:
        return people
    orgs = st.sampled_from(_ORGS).map(lambda name: Speaker(name, kind=SpeakerKind.ORGANIZATION))
    return people | orgs


def _clock(seconds: int, sep: str) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}{sep}000"


def _render(fmt: str, turns: Sequence[tuple[str, str]]) -> Source:
    if fmt == "plain":
        return parse_plain(" ".join(t for _, t in turns), speaker=turns[0][0])
    if fmt == "transcript":
        return parse_transcript("".join(f"{n.upper()}: {t}\n\n" for n, t in turns))
    if fmt == "webvtt":
        cues = [
            f"{i + 1}\n{_clock(3 * i, '.')} --> {_clock(3 * i + 3, '.')}\n<v {n}>{t}\n"
            for i, (n, t) in enumerate(turns)
        ]
        return parse_webvtt("WEBVTT\n\n" + "\n".join(cues))
    cues = [
        f"{i + 1}\n{_clock(3 * i, ',')} --> {_clock(3 * i + 3, ',')}\n{n.upper()}: {t}\n"
        for i, (n, t) in enumerate(turns)
    ]
    return parse_srt("\n".join(cues))


def sources(
    *, formats: Iterable[str] = SOURCE_FORMATS, min_sentences: int = 2, max_sentences: int = 8
) -> SearchStrategy[Source]:
    """Sources built from :data:`SENTENCES` (no sentence twice) in the given formats.

    ``plain`` sources have one speaker for the whole text; ``transcript``
    (``NAME: words``), ``webvtt`` (``<v Name>`` voices) and ``srt`` sources have
    turns of two or three speakers.

    >>> from hypothesis import find
    >>> src = find(sources(formats=["transcript"]), lambda s: len(s.turns) >= 2)
    >>> src.format, src.turns[0].speaker.name in src.text.title()
    ('transcript', True)
    """
    fmts = _check_formats(formats)
    if not isinstance(min_sentences, int) or not isinstance(max_sentences, int):
        raise InvalidArgument("min_sentences and max_sentences must be int")
    if not 1 <= min_sentences <= max_sentences <= len(SENTENCES):
        msg = (
            f"need 1 <= min_sentences <= max_sentences <= {len(SENTENCES)} "
            f"(got min_sentences={min_sentences}, max_sentences={max_sentences})"
        )
        raise InvalidArgument(msg)

    @st.composite
    def build(draw: st.DrawFn) -> Source:
        fmt = draw(st.sampled_from(fmts))
        chosen = draw(
            st.lists(st.sampled_from(SENTENCES), min_size=min_sentences, max_size=max_sentences, unique=True)
        )
        cast = draw(st.lists(st.sampled_from([n for n, _ in _NAMES]), min_size=2, max_size=3, unique=True))
        turns: list[tuple[str, str]] = []
        for sentence in chosen:
            who = draw(st.sampled_from(cast)) if fmt != "plain" else cast[0]
            if turns and turns[-1][0] == who:
                turns[-1] = (who, turns[-1][1] + " " + sentence)
            else:
                turns.append((who, sentence))
        return _render(fmt, turns)

    return build()


def _check_formats(formats: Iterable[str]) -> list[str]:
    if isinstance(formats, str):
        raise InvalidArgument(f"formats must be a list of format names, not a str (got {formats!r})")
    fmts = list(formats)
    unknown = [f for f in fmts if f not in SOURCE_FORMATS]
    if unknown or not fmts:
        msg = f"formats must be a non-empty subset of {SOURCE_FORMATS} (got {fmts!r})"
        raise InvalidArgument(msg)
    return fmts


# --------------------------------------------------------------------------- quotes


def _check_source(source: object) -> Source:
    if not isinstance(source, Source):
        msg = f"source must be a quoteverify Source (got {source!r} that is a {type(source).__name__})"
        raise InvalidArgument(msg)
    return source


def _segments(source: Source) -> list[tuple[int, int]]:
    """Stretches quotes may come from: each sentence of each turn (or of the whole text)."""
    text = source.text
    spans = [(t.start, t.end) for t in source.turns] or [(0, len(text))]
    out = []
    for start, end in spans:
        s = start
        for m in regex.finditer(r"[.!?](?=\s|$)", text, pos=start, endpos=end):
            out.append((s, m.end()))
            s = m.end()
        if s < end:
            out.append((s, end))
    return [(s, e) for s, e in out if len(_WORD.findall(text, s, e)) >= _MIN_WORDS]


def _words(source: Source, seg: tuple[int, int]) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(source.text, seg[0], seg[1])]


def _speaker_name(source: Source, offset: int) -> str | None:
    who = source.speaker_at(offset)
    return who.name if who is not None else None


def verbatim_quotes(source: Source, *, min_words: int = _MIN_WORDS) -> SearchStrategy[Quote]:
    """Runs of at least ``min_words`` whole words copied from one sentence of ``source``, claimed
    for the speaker of that turn (so ``verify`` should say ``verbatim`` and, with a speaker,
    ``confirmed``).

    >>> import quoteverify as qv
    >>> src = qv.Source("We don't have access to the data. What we do is sell them a server.")
    >>> from hypothesis import find
    >>> q = find(verbatim_quotes(src), lambda q: "server" in q.text)
    >>> q.text in src.text, len(q.text.split()) >= 4
    (True, True)
    """
    src = _check_source(source)
    if not isinstance(min_words, int) or min_words < 1:
        raise InvalidArgument(f"min_words must be a positive int (got {min_words!r})")
    segs = [s for s in _segments(src) if len(_words(src, s)) >= min_words]
    if not segs:
        msg = f"source has no sentence of {min_words} or more words to quote"
        raise InvalidArgument(msg)

    @st.composite
    def build(draw: st.DrawFn) -> Quote:
        seg = draw(st.sampled_from(segs))
        words = _words(src, seg)
        i = draw(st.integers(0, len(words) - min_words))
        j = draw(st.integers(i + min_words - 1, len(words) - 1))
        start, end = words[i][0], words[j][1]
        return Quote(src.text[start:end], speaker=_speaker_name(src, start))

    return build()


_TYPOGRAPHY = (
    ("'", "\u2019"),
    ("\u2019", "'"),
    ('"', "\u201c"),
    (" ", "  "),
    (" ", "\u00a0"),
)


def typographic_variants(text: str) -> SearchStrategy[str]:
    """``text`` retyped without changing its words: curly or straight apostrophes and quotes,
    doubled or non-breaking spaces, the first letter's case (``verify`` should say
    ``verbatim`` or ``cosmetic``).

    >>> from hypothesis import find
    >>> find(typographic_variants("We don't have access"), lambda v: "\\u2019" in v)
    'We don\u2019t have access'
    """
    if not isinstance(text, str):
        raise InvalidArgument(f"text must be a str (got {type(text).__name__})")
    if not text.strip():
        raise InvalidArgument("text must contain some words (got an empty or whitespace-only string)")

    def apply(choices: tuple[list[int], bool]) -> str:
        picks, flip_case = choices
        out = text
        for k in picks:
            old, new = _TYPOGRAPHY[k]
            out = out.replace(old, new)
        if flip_case:
            first = next((i for i, ch in enumerate(out) if ch.isalpha()), None)
            if first is not None:
                ch = out[first]
                out = out[:first] + (ch.lower() if ch.isupper() else ch.upper()) + out[first + 1 :]
        return out

    return st.tuples(
        st.lists(st.integers(0, len(_TYPOGRAPHY) - 1), max_size=3, unique=True), st.booleans()
    ).map(apply)


def _available(src: Source, segs: list[tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
    text = src.text
    found: dict[str, list[tuple[int, int]]] = {k: [] for k in MISQUOTE_KINDS}
    for seg in segs:
        if _NEGATION.search(text, seg[0], seg[1]) or _AUXILIARY.search(text, seg[0], seg[1]):
            found["negation"].append(seg)
        if _NUMBER.search(text, seg[0], seg[1]):
            found["number"].append(seg)
        if len(_words(src, seg)) >= _MIN_WORDS + 1:
            found["truncation"].append(seg)
        if _speaker_name(src, seg[0]) is not None:
            found["misattribution"].append(seg)
    if len(segs) >= 2:
        found["splice"] = segs
    return found


def misquotes(source: Source, *, kinds: Iterable[str] = tuple(MISQUOTE_KINDS)) -> SearchStrategy[Misquote]:
    """Misquotes of ``source`` of the given ``kinds``, each with its expected fidelity and edits.

    * ``negation``: a ``not``/``never`` dropped (or one added after an auxiliary) -> ``altered``;
    * ``number``: a number changed -> ``altered``;
    * ``splice``: the start of one sentence joined with ``...`` to a later one -> ``spliced``;
    * ``truncation``: part of a sentence, its start or end cut -> ``verbatim`` (the
      wording holds; the cut is context drift);
    * ``misattribution``: verbatim words claimed for someone else -> ``verbatim``,
      attribution ``misattributed``.

    Kinds the source cannot support (no number to change, one sentence only) are
    skipped; if none of ``kinds`` can be made the strategy is empty (``st.nothing()``),
    so ``sources().flatmap(misquotes)`` simply draws another source.

    >>> import quoteverify as qv
    >>> src = qv.Source("Our cameras were installed in 12 cities last year.")
    >>> from hypothesis import find
    >>> m = find(misquotes(src, kinds=["number"]), lambda m: True)
    >>> m.fidelity, m.edits[0].startswith('replace "12"')
    (<Fidelity.ALTERED: 'altered'>, True)
    """
    src = _check_source(source)
    if isinstance(kinds, str):
        raise InvalidArgument(f"kinds must be a list of kind names, not a str (got {kinds!r})")
    wanted = list(kinds)
    unknown = [k for k in wanted if k not in MISQUOTE_KINDS]
    if unknown or not wanted:
        msg = f"kinds must be a non-empty subset of {tuple(MISQUOTE_KINDS)} (got {wanted!r})"
        raise InvalidArgument(msg)
    segs = _segments(src)
    available = _available(src, segs)
    usable = [k for k in wanted if available[k]]
    if not usable:
        return st.nothing()

    @st.composite
    def build(draw: st.DrawFn) -> Misquote:
        kind = draw(st.sampled_from(usable))
        seg = draw(st.sampled_from(available[kind]))
        return _MAKERS[kind](draw, src, seg, segs)

    return build()


def misquoted_sources(
    *, kinds: Iterable[str] = tuple(MISQUOTE_KINDS), formats: Iterable[str] = SOURCE_FORMATS
) -> SearchStrategy[tuple[Source, Misquote]]:
    """Pairs of a generated source and a misquote of it: ``sources().flatmap(misquotes)``.

    >>> from hypothesis import find
    >>> src, m = find(misquoted_sources(kinds=["splice"]), lambda pair: True)
    >>> m.kind, m.fidelity, "..." in m.quote.text
    ('splice', <Fidelity.SPLICED: 'spliced'>, True)
    """
    fmts = _check_formats(formats)
    if isinstance(kinds, str):
        raise InvalidArgument(f"kinds must be a list of kind names, not a str (got {kinds!r})")
    wanted = list(kinds)
    if not wanted or any(k not in MISQUOTE_KINDS for k in wanted):
        msg = f"kinds must be a non-empty subset of {tuple(MISQUOTE_KINDS)} (got {wanted!r})"
        raise InvalidArgument(msg)
    return sources(formats=fmts).flatmap(lambda s: misquotes(s, kinds=wanted).map(lambda m: (s, m)))


def _quote(src: Source, text: str, offset: int) -> Quote:
    return Quote(" ".join(text.split()), speaker=_speaker_name(src, offset))


def _negation(draw: st.DrawFn, src: Source, seg: tuple[int, int], segs: list[tuple[int, int]]) -> Misquote:
    text = src.text
    s, e = seg
    m = _NEGATION.search(text, s, e)
    if m is not None:
        new = text[s : m.start()].rstrip() + " " + text[m.end() : e].lstrip()
        edit = f'delete "{m.group()}"'
    else:
        aux = _AUXILIARY.search(text, s, e)
        assert aux is not None
        new = text[s : aux.end()] + " not" + text[aux.end() : e]
        edit = 'insert "not"'
    return Misquote(_quote(src, new, s), "negation", Fidelity.ALTERED, (edit,))


def _number(draw: st.DrawFn, src: Source, seg: tuple[int, int], segs: list[tuple[int, int]]) -> Misquote:
    text = src.text
    s, e = seg
    m = _NUMBER.search(text, s, e)
    assert m is not None
    old = m.group()
    if old.lower() in _NUMBER_WORDS:
        new_num = draw(st.sampled_from([w for w in _NUMBER_WORDS if w != old.lower()]))
    else:
        value = int(old.replace(",", ""))
        new_num = str(draw(st.sampled_from([value + 1, value * 2 + 3, value + 17])))
    new = text[s : m.start()] + new_num + text[m.end() : e]
    return Misquote(_quote(src, new, s), "number", Fidelity.ALTERED, (f'replace "{old}" -> "{new_num}"',))


def _splice(draw: st.DrawFn, src: Source, seg: tuple[int, int], segs: list[tuple[int, int]]) -> Misquote:
    i = draw(st.integers(0, len(segs) - 2))
    j = draw(st.integers(i + 1, len(segs) - 1))
    first, second = _words(src, segs[i]), _words(src, segs[j])
    k = min(draw(st.integers(3, max(3, len(first) - 2))), len(first) - 1)
    head = src.text[first[0][0] : first[k - 1][1]]
    tail = src.text[second[0][0] : second[-1][1]]
    return Misquote(
        _quote(src, f"{head} ... {tail}", segs[i][0]),
        "splice",
        Fidelity.SPLICED,
        (f'joined "{head}" to "{tail}" with an ellipsis',),
    )


def _truncation(draw: st.DrawFn, src: Source, seg: tuple[int, int], segs: list[tuple[int, int]]) -> Misquote:
    words = _words(src, seg)
    cut_start = draw(st.booleans())
    if cut_start:
        a, b = 1, len(words) - 1
    else:
        a, b = 0, len(words) - 2
    text = src.text[words[a][0] : words[b][1]]
    left_out = src.text[words[0][0] : words[1][0]] if cut_start else src.text[words[-2][1] : words[-1][1]]
    return Misquote(
        _quote(src, text, words[a][0]),
        "truncation",
        Fidelity.VERBATIM,
        (f'left out "{left_out.strip()}" at the {"start" if cut_start else "end"}',),
    )


def _misattribution(
    draw: st.DrawFn, src: Source, seg: tuple[int, int], segs: list[tuple[int, int]]
) -> Misquote:
    words = _words(src, seg)
    text = src.text[words[0][0] : words[-1][1]]
    real = _speaker_name(src, seg[0])
    other = draw(st.sampled_from([n for n, _ in _NAMES if n != real and not _same_name(n, real)]))
    return Misquote(
        Quote(text, speaker=other),
        "misattribution",
        Fidelity.VERBATIM,
        (f"claimed for {other}; spoken by {real}",),
        AttributionStatus.MISATTRIBUTED,
    )


def _same_name(a: str, b: str | None) -> bool:
    if b is None:
        return False
    fold = {w.lower() for w in a.split()}
    return bool(fold & {w.lower() for w in b.split()})


_MAKERS = {
    "negation": _negation,
    "number": _number,
    "splice": _splice,
    "truncation": _truncation,
    "misattribution": _misattribution,
}


# --------------------------------------------------------------------------- registration


def quotes() -> SearchStrategy[Quote]:
    """Quotes of the bundled sentences, with or without a speaker (what ``st.from_type(Quote)``
    draws).

    >>> from hypothesis import find
    >>> find(quotes(), lambda q: q.speaker is not None).text in SENTENCES
    True
    """
    return st.builds(
        Quote,
        st.sampled_from(SENTENCES),
        speaker=st.none() | st.sampled_from([n for n, _ in _NAMES]),
    )
