"""The value types of quoteverify: frozen, slotted attrs classes with validation only.

Every span is a half-open pair of offsets into an *original* text, and carries
that text, so ``text[span.start:span.end] == span.text`` can always be checked.

>>> s = Span(4, 14, "technology")
>>> "Our technology is fine"[s.start:s.end] == s.text
True
>>> Fidelity.ALTERED == "altered"
True
"""

from __future__ import annotations

import datetime as _dt
import enum
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from .errors import InvalidInputError, check_text

__all__ = [
    "Alignment",
    "AttributedQuote",
    "Attribution",
    "AttributionStatus",
    "Drift",
    "DriftKind",
    "Edit",
    "EditKind",
    "EmbeddedSpeech",
    "Evidence",
    "Fidelity",
    "Finding",
    "Gap",
    "Location",
    "Quote",
    "Report",
    "Severity",
    "Source",
    "SourceMatch",
    "Span",
    "Speaker",
    "SpeakerKind",
    "Turn",
    "Verification",
    "holds",
]

T = TypeVar("T")

#: The longest name or alias a Speaker may have (a name, not a paragraph).
MAX_NAME_CHARS = 500


class Fidelity(str, enum.Enum):
    """The wording verdict, from most to least faithful."""

    VERBATIM = "verbatim"
    COSMETIC = "cosmetic"
    SPLICED = "spliced"
    ALTERED = "altered"
    PARAPHRASED = "paraphrased"
    NOT_FOUND = "not_found"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """0 for ``verbatim`` up to 5 for ``not_found``: higher is less faithful."""
        return list(Fidelity).index(self)


class EditKind(str, enum.Enum):
    """What kind of difference one :class:`Edit` is."""

    CASE = "case"
    PUNCTUATION = "punctuation"
    WHITESPACE = "whitespace"
    SPELLING = "spelling"
    CONTRACTION = "contraction"
    NUMBER_FORMAT = "number_format"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"
    EDITORIAL = "editorial"
    REPETITION = "repetition"  # a word or phrase said twice, printed once ("we have -- we have")
    FILLER = "filler"  # "uh", "um", or "you know" set off by commas, left out
    INTERJECTION = "interjection"  # "Well,", "Look,", "So," at the quote's edge, left out or added
    FALSE_START = "false_start"  # words the speaker broke off and said again ("I should -- we should")
    #: a transcript's speaker label (and time) between two stretches of the same speaker's words
    TRANSCRIPT_LABEL = "transcript_label"

    def __str__(self) -> str:
        return self.value

    @property
    def cosmetic(self) -> bool:
        """True for the kinds that never change what was said (unless flagged meaning-bearing)."""
        return self in _COSMETIC_KINDS


_COSMETIC_KINDS = frozenset(
    {
        EditKind.CASE,
        EditKind.PUNCTUATION,
        EditKind.WHITESPACE,
        EditKind.SPELLING,
        EditKind.CONTRACTION,
        EditKind.NUMBER_FORMAT,
        EditKind.EDITORIAL,
        EditKind.REPETITION,
        EditKind.FILLER,
        EditKind.INTERJECTION,
        EditKind.FALSE_START,
        EditKind.TRANSCRIPT_LABEL,
    }
)


class SpeakerKind(str, enum.Enum):
    """A speaker is a person or an organisation (a company speaking in a statement)."""

    PERSON = "person"
    ORGANIZATION = "organization"

    def __str__(self) -> str:
        return self.value


class AttributionStatus(str, enum.Enum):
    """Who spoke the matched words, compared with who the story says spoke them."""

    CONFIRMED = "confirmed"
    MISATTRIBUTED = "misattributed"
    UNATTRIBUTED = "unattributed"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Span:
    """Half-open offsets ``[start, end)`` into an original text, with that text.

    >>> Span(0, 3, "abc").length
    3
    >>> Span(2, 1, "")
    Traceback (most recent call last):
    ...
    quoteverify.errors.InvalidInputError: span end must be >= start (got start=2, end=1)
    """

    start: int
    end: int
    text: str

    def __attrs_post_init__(self) -> None:
        # One check instead of per-field validators: spans are made by the
        # thousand in alignment, so this stays cheap.
        start, end = self.start, self.end
        if type(start) is not int or type(end) is not int:
            for name, value in (("start", start), ("end", end)):
                if not isinstance(value, int) or isinstance(value, bool):
                    msg = f"{name} must be int (got {value!r} that is a {type(value).__name__})"
                    raise TypeError(msg)
        if start < 0 or end < 0:
            name, value = ("start", start) if start < 0 else ("end", end)
            msg = f"{name} must be >= 0 (got {value})"
            raise InvalidInputError(msg)
        if type(self.text) is not str:
            msg = f"span text must be str (got {type(self.text).__name__})"
            raise TypeError(msg)
        if self.end < self.start:
            msg = f"span end must be >= start (got start={self.start}, end={self.end})"
            raise InvalidInputError(msg)
        if len(self.text) != self.end - self.start:
            msg = (
                f"span text must be end - start = {self.end - self.start} characters long "
                f"(got {len(self.text)})"
            )
            raise InvalidInputError(msg)

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``[start, end)`` of ``text``.

        >>> Span.of("We don't have access", 3, 8)
        Span(start=3, end=8, text="don't")
        """
        return cls(start, end, text[start:end])

    def overlap(self, other: Span) -> int:
        """Number of characters this span shares with ``other``.

        >>> Span(0, 5, "abcde").overlap(Span(3, 8, "defgh"))
        2
        """
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@attrs.frozen
class Gap:
    """The distance between two consecutive fragments of a quote in the source."""

    characters: int
    words: int
    sentences: int


@attrs.frozen
class Edit:
    """One difference between the quote's wording and the source's.

    ``quote_text`` is what the quote has, ``source_text`` what the source has;
    an insertion has an empty ``source_text``, a deletion an empty
    ``quote_text``. ``meaning`` is true when the edit can change what was said;
    ``reason`` then names why (``negation``, ``number``, ``entity``, ``modal``,
    ``quantifier``, ``comparative``). ``quote_start``/``quote_end`` index the
    quote text, ``source_start``/``source_end`` the original source text.

    >>> e = Edit(EditKind.DELETE, "", "not", meaning=True, reason="negation")
    >>> e.kind, e.meaning
    (<EditKind.DELETE: 'delete'>, True)
    """

    kind: EditKind = attrs.field(converter=EditKind)
    quote_text: str
    source_text: str
    meaning: bool = False
    reason: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    source_start: int | None = None
    source_end: int | None = None

    def describe(self) -> str:
        """One line a desk editor can read.

        >>> Edit(EditKind.DELETE, "", "not", meaning=True, reason="negation").describe()
        'delete "not" (negation: changes meaning)'
        """
        if self.kind is EditKind.INSERT:
            core = f'insert "{self.quote_text}"'
        elif self.kind in (
            EditKind.REPETITION, EditKind.FILLER, EditKind.INTERJECTION, EditKind.FALSE_START,
            EditKind.TRANSCRIPT_LABEL,
        ):
            core = f'{self.kind.value} "{self.source_text or self.quote_text}" {"dropped" if self.source_text else "added"}'
        elif self.kind is EditKind.DELETE:
            core = f'delete "{self.source_text}"'
        else:
            core = f'{self.kind.value} "{self.source_text}" -> "{self.quote_text}"'
        if self.meaning:
            core += f" ({self.reason or 'meaning'}: changes meaning)"
        return core


@attrs.frozen
class Location:
    """Where a quote sits in a source.

    ``start``/``end``/``text`` cover the whole match (from the first fragment's
    start to the last one's end, in source order); ``fragments`` holds one span
    per ellipsis-separated piece of the quote, in the quote's order,
    ``quote_fragments`` the matching pieces of the quote text, and
    ``gaps`` the distance between consecutive fragments. ``unmarked_splice``
    is true when the quote had no ellipsis but is two passages joined. ``method`` says how
    it was found (``exact``, ``normalized``, ``seeded``). ``occurrences``
    lists every equally good match of a short quote; ``ambiguous`` is true when
    there is more than one.
    """

    start: int
    end: int
    text: str
    score: float
    fragments: tuple[Span, ...] = ()
    quote_fragments: tuple[Span, ...] = ()
    gaps: tuple[Gap, ...] = ()
    in_order: bool = True
    method: str = "exact"
    occurrences: tuple[Span, ...] = ()
    unmarked_splice: bool = False

    @property
    def span(self) -> Span:
        """The whole match as a :class:`Span`."""
        return Span(self.start, self.end, self.text)

    @property
    def ambiguous(self) -> bool:
        """True when the quote matches equally well in more than one place."""
        return len(self.occurrences) > 1


def _tuple_of_str(value: Iterable[str] | str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _identifiers(
    value: Mapping[str, str] | Iterable[tuple[str, str]] | None,
) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), str(v)) for k, v in items))


@attrs.frozen
class Speaker:
    """A person or an organisation that can say things.

    >>> yin = Speaker("Yin Qi", aliases=("Qi Yin", "印奇"), roles=("co-founder", "chief executive"),
    ...               organization="Megvii", gender="m", identifiers={"wikidata": "Q61764473"})
    >>> yin.names
    ('Yin Qi', 'Qi Yin', '印奇')
    >>> yin.identifier("wikidata")
    'Q61764473'
    """

    name: str = attrs.field(validator=lambda _i, _a, v: check_text(v, "speaker name"))
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    roles: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    organization: str | None = None
    kind: SpeakerKind = attrs.field(default=SpeakerKind.PERSON, converter=SpeakerKind)
    gender: str | None = None
    identifiers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_identifiers)
    registered: bool = True

    def __attrs_post_init__(self) -> None:
        if not self.name.strip():
            msg = "speaker name must contain some text (got an empty or whitespace-only string)"
            raise InvalidInputError(msg)
        for label, value in (("name", self.name), *(("alias", a) for a in self.aliases)):
            if len(value) > MAX_NAME_CHARS:
                msg = (
                    f"speaker {label} is {len(value):,} characters long; names are limited to "
                    f"{MAX_NAME_CHARS:,} (got {value[:40]!r}...)"
                )
                raise InvalidInputError(msg)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)

    def identifier(self, scheme: str) -> str | None:
        """The identifier under ``scheme`` (e.g. ``"wikidata"``), or None."""
        return dict(self.identifiers).get(scheme)


@attrs.frozen
class EmbeddedSpeech:
    """Words inside a turn that the turn's speaker attributes to someone else.

    ``speaker`` is that other party when known; ``mention`` how the turn names
    it ("critics", "the reporter"); ``cue`` the words that signal it ("As
    critics put it").
    """

    span: Span
    speaker: Speaker | None = None
    mention: str | None = None
    cue: Span | None = None


@attrs.frozen
class Turn:
    """A stretch of a source spoken by one speaker.

    ``span`` covers the spoken words only (not the ``NAME:`` label, which is
    ``label_span``); ``label`` is the speaker as written in the source.
    ``start_time``/``end_time`` are seconds into the recording for captions.
    ``uncertain`` is true when the speaker is a guess (an article's "she
    said" with two women in the scene): it confirms a claim but accuses nobody.
    """

    span: Span
    speaker: Speaker | None = None
    label: str | None = None
    label_span: Span | None = None
    index: int = 0
    start_time: float | None = None
    end_time: float | None = None
    embedded: tuple[EmbeddedSpeech, ...] = ()
    uncertain: bool = False

    @property
    def start(self) -> int:
        """Start offset of the spoken words."""
        return self.span.start

    @property
    def end(self) -> int:
        """End offset of the spoken words."""
        return self.span.end


class _Cache:
    """Lazily computed values of one :class:`Source`, each built once, race-free."""

    __slots__ = ("_lock", "_values")

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._values: dict[str, Any] = {}

    def __reduce__(self) -> tuple[type[_Cache], tuple[()]]:
        return (_Cache, ())  # a pickled source (to a worker process) rebuilds its cache there

    def get(self, key: str, factory: Callable[[], T]) -> T:
        try:
            return self._values[key]  # type: ignore[no-any-return]
        except KeyError:
            pass
        with self._lock:
            if key not in self._values:
                self._values[key] = factory()
            return self._values[key]  # type: ignore[no-any-return]


def _tuple_of_turns(value: Iterable[Turn]) -> tuple[Turn, ...]:
    """A typed ``tuple`` converter (a bare ``tuple`` makes mypy see ``Iterable[_T_co]``).

    A parser's ``LazyTurns`` (a million-turn transcript, turns built on first use) is kept as is.
    """
    from ._turns import LazyTurns

    if isinstance(value, LazyTurns):
        return value  # type: ignore[return-value]
    return tuple(value)


def _check_published(
    instance: Any, attribute: attrs.Attribute[Any], value: _dt.date | None
) -> None:
    if value is not None and not isinstance(value, _dt.date):
        msg = f"published must be a datetime.date (got {value!r} that is a {type(value).__name__})"
        raise TypeError(msg)


@attrs.frozen(eq=False)
class Source:
    """The text a quote claims to come from, with who speaks where.

    The normalised text and the search index are built lazily, once, and
    shared by every call (and every thread) that uses this source.

    >>> src = Source("Technology is definitely not to blame.", speaker=Speaker("Yin Qi"))
    >>> src.speaker_at(3).name
    'Yin Qi'
    """

    text: str = attrs.field()
    speaker: Speaker | None = None
    title: str | None = None
    url: str | None = None
    published: _dt.date | None = attrs.field(default=None, validator=_check_published)
    turns: tuple[Turn, ...] = attrs.field(default=(), converter=_tuple_of_turns)
    format: str = "plain"
    _cache: _Cache = attrs.field(factory=_Cache, init=False, repr=False)

    @text.validator
    def _check(self, attribute: attrs.Attribute[str], value: str) -> None:
        check_text(value, "source text")

    def turn_at(self, offset: int) -> Turn | None:
        """The turn that covers ``offset``, or None (narration, or no turns).

        Turns are sorted and never overlap, so this is a binary search.
        """
        import bisect

        starts = self._cache.get("turn_starts", lambda: [t.start for t in self.turns])
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.turns[i].start <= offset < self.turns[i].end:
            return self.turns[i]
        return None

    def speaker_at(self, offset: int) -> Speaker | None:
        """Who speaks at ``offset``: the covering turn's speaker, else the source's speaker."""
        turn = self.turn_at(offset)
        if turn is not None:
            return turn.speaker
        if self.turns and self.speaker is None:
            return None
        return self.speaker

    def cached(self, key: str, factory: Callable[[], T]) -> T:
        """Build ``factory()`` once per source and key, thread-safely (for quoteverify's stages)."""
        return self._cache.get(key, factory)

    @classmethod
    def from_text(cls, text: str, *, speaker: Speaker | None = None, **metadata: Any) -> Source:
        """A plain text with one optional speaker for the whole of it (a statement, a speech)."""
        from .sources import parse_plain

        return parse_plain(text, speaker=speaker, **metadata)

    @classmethod
    def detect(cls, text: str, **options: Any) -> Source:
        """Any source text, its format detected (``source.format`` says which); see
        :func:`quoteverify.sources.parse_auto` and :func:`quoteverify.sources.detect_format`."""
        from .sources import parse_auto

        return parse_auto(text, **options)

    @classmethod
    def from_transcript(cls, text: str, **options: Any) -> Source:
        """A ``NAME: words`` or ``Q:``/``A:`` transcript; see :func:`quoteverify.sources.parse_transcript`."""
        from .sources import parse_transcript

        return parse_transcript(text, **options)

    @classmethod
    def from_webvtt(cls, text: str, **options: Any) -> Source:
        """WebVTT captions with ``<v Speaker>`` voice tags; see :func:`quoteverify.sources.parse_webvtt`."""
        from .sources import parse_webvtt

        return parse_webvtt(text, **options)

    @classmethod
    def from_srt(cls, text: str, **options: Any) -> Source:
        """SRT subtitles with ``NAME:`` prefixes in cues; see :func:`quoteverify.sources.parse_srt`."""
        from .sources import parse_srt

        return parse_srt(text, **options)

    @classmethod
    def from_article(cls, text: str, **options: Any) -> Source:
        """An earlier article: its quotes become turns of their speakers; see :func:`quoteverify.extraction.parse_article`."""
        from .extraction import parse_article

        return parse_article(text, **options)


def _speaker_claim(value: str | Speaker | None) -> str | Speaker | None:
    if value is None or isinstance(value, (str, Speaker)):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        check_text(value, "speaker")  # raises the decode-first TypeError
    msg = (
        f"speaker must be a str, a Speaker or None (got {value!r} that is a {type(value).__name__})"
    )
    raise TypeError(msg)


@attrs.frozen
class Quote:
    """A claim to check: some words and, optionally, who is said to have said them.

    >>> Quote("technology is definitely not to blame", speaker="Yin Qi").speaker
    'Yin Qi'
    """

    text: str = attrs.field()
    speaker: str | Speaker | None = attrs.field(default=None, converter=_speaker_claim)

    @text.validator
    def _check(self, attribute: attrs.Attribute[str], value: str) -> None:
        check_text(value, "quote text")


@attrs.frozen
class AttributedQuote:
    """A quote found in a reporting text, with what the story says about it.

    ``span`` covers the quoted words in the story (inside the quote marks);
    ``parts`` holds one span per piece of a split quote. ``speaker`` is the
    resolved speaker (an unregistered one when the name is new, None when the
    story names nobody); ``speaker_mention`` and ``cue`` are spans of the
    story; ``framing`` is the sentence that introduces the quote with its
    nearest preceding context. ``direct`` is false for indirect speech.
    """

    text: str
    span: Span
    parts: tuple[Span, ...] = ()
    speaker: Speaker | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    framing: Span | None = None
    direct: bool = True
    resolution: str | None = None
    uncertain: bool = False

    @property
    def quote(self) -> Quote:
        """This quote as a :class:`Quote` claim, ready for :func:`quoteverify.verify`."""
        return Quote(self.text, speaker=self.speaker)


@attrs.frozen
class Attribution:
    """Who spoke the matched words in the source, compared with the claim.

    ``speaker`` is who the source says spoke (None when it does not say);
    ``turn`` the turn the match sits in, with its label as written;
    ``crosses_turns`` is true when the match runs over more than one turn;
    ``embedded`` lists third-party speech inside the match.
    """

    status: AttributionStatus = attrs.field(converter=AttributionStatus)
    claimed: str | Speaker | None = None
    speaker: Speaker | None = None
    turn: Turn | None = None
    turns: tuple[Turn, ...] = ()
    crosses_turns: bool = False
    embedded: tuple[EmbeddedSpeech, ...] = ()
    message: str = ""


@attrs.frozen
class Alignment:
    """A word-level alignment of a quote against its located source text.

    ``quote_tokens`` and ``source_tokens`` are the compared words (as spans of
    the quote text and of the original source text); ``opcodes`` are
    difflib-compatible ``(tag, i1, i2, j1, j2)`` tuples over those token lists;
    ``edits`` the typed differences; ``score`` the share of tokens, in [0, 1],
    that are the same in both or differ only cosmetically (case, spelling, ...).
    """

    quote_tokens: tuple[Span, ...]
    source_tokens: tuple[Span, ...]
    opcodes: tuple[tuple[str, int, int, int, int], ...]
    edits: tuple[Edit, ...]
    score: float

    @property
    def meaningful_edits(self) -> tuple[Edit, ...]:
        """The edits that can change what was said."""
        return tuple(e for e in self.edits if e.meaning)


@attrs.frozen
class Evidence:
    """One named reason behind a confidence: ``weight`` is its log-odds contribution."""

    name: str
    weight: float
    message: str


class Severity(str, enum.Enum):
    """How much a drift finding matters: ``info`` < ``warning`` < ``serious``."""

    INFO = "info"
    WARNING = "warning"
    SERIOUS = "serious"

    def __str__(self) -> str:
        return self.value


class DriftKind(str, enum.Enum):
    """What kind of context drift one :class:`Finding` reports, in the order the checks run.

    A str-valued enum like :class:`EditKind`: ``DriftKind.SPLICE == "splice"``.

    >>> DriftKind("truncation") is DriftKind.TRUNCATION, str(DriftKind.SPLICE)
    (True, 'splice')
    """

    TRUNCATION = "truncation"
    DANGLING_REFERENCE = "dangling_reference"
    SPLICE = "splice"
    QUESTION = "question"
    TOPIC = "topic"
    EMBEDDED_SPEECH = "embedded_speech"
    TEMPORAL = "temporal"
    QUALIFIED = "qualified"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Finding:
    """One way the context of a quote differs from its source.

    ``kind`` is a :class:`DriftKind` (given as the enum or its value);
    ``source_spans`` point into the source, ``story_spans`` into the
    reporting text where relevant.
    """

    kind: DriftKind = attrs.field(converter=DriftKind)
    severity: Severity = attrs.field(converter=Severity)
    message: str
    source_spans: tuple[Span, ...] = ()
    story_spans: tuple[Span, ...] = ()


@attrs.frozen
class Drift:
    """Every context-drift finding for one located quote."""

    findings: tuple[Finding, ...] = ()

    @property
    def worst(self) -> Severity | None:
        """The most severe finding's severity, or None when there is none."""
        order = list(Severity)
        return max((f.severity for f in self.findings), key=order.index, default=None)

    def __bool__(self) -> bool:
        return bool(self.findings)


@attrs.frozen
class SourceMatch:
    """Another source the quote also matched, with how well."""

    source: Source
    location: Location
    fidelity: Fidelity


@attrs.frozen
class Verification:
    """Everything quoteverify found about one quote against its source(s).

    ``fidelity`` is the wording verdict, ``location`` where the words are in
    ``source`` (None when not found), ``alignment`` the word-level
    comparison, ``attribution`` who spoke them (None when no speaker was
    claimed and the source names none), ``drift`` the context findings,
    ``confidence`` the probability that the quote is a fair, correctly
    attributed rendering (None until scored), ``evidence`` the named items
    behind it, and ``also_matched`` the other given sources it matched.
    """

    quote: Quote
    fidelity: Fidelity
    source: Source | None = None
    location: Location | None = None
    alignment: Alignment | None = None
    attribution: Attribution | None = None
    drift: Drift = Drift()
    confidence: float | None = None
    evidence: tuple[Evidence, ...] = ()
    also_matched: tuple[SourceMatch, ...] = ()
    attributed: AttributedQuote | None = None

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The typed differences between the quote and the source wording."""
        return self.alignment.edits if self.alignment is not None else ()

    @property
    def found(self) -> bool:
        """True when the quote was located in a source."""
        return self.location is not None

    def explain(self) -> str:
        """A short stage-by-stage account a desk editor can read."""
        from .report import explain

        return explain(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary with stable keys (see ``docs/schema.md``)."""
        from .report import verification_to_dict

        return verification_to_dict(self)

    def __rich__(self) -> str:
        """Console markup for ``rich`` (``rich.print(v)``); rich itself is not needed."""
        from .report import to_rich_markup

        return to_rich_markup(self)


def holds(v: Verification) -> bool:
    """True when a quote holds: faithful wording, its claimed speaker confirmed, no serious drift.

    Fails closed: a quote whose story names a speaker the source cannot confirm
    (``unattributed``: the source names no speakers, or not this one) does not
    hold, since a claim that cannot be checked must not read as one that holds.
    A quote with no claimed speaker is judged on its wording and context.
    The one definition: ``Report.ok``, ``Report.problems``, the ``holds`` key of
    the JSON and the command line's exit status all use it (``quoteverify.report.holds``
    is this function).

    >>> holds(Verification(Quote("x"), Fidelity.COSMETIC)), holds(Verification(Quote("x"), Fidelity.ALTERED))
    (True, False)
    >>> unchecked = Attribution(AttributionStatus.UNATTRIBUTED, claimed="Yin Qi")
    >>> holds(Verification(Quote("x", speaker="Yin Qi"), Fidelity.VERBATIM, attribution=unchecked))
    False
    """
    if v.fidelity not in (Fidelity.VERBATIM, Fidelity.COSMETIC):
        return False
    if v.attribution is not None:
        status = v.attribution.status
        if status is AttributionStatus.MISATTRIBUTED:
            return False
        if status is AttributionStatus.UNATTRIBUTED and v.attribution.claimed is not None:
            return False
    return v.drift.worst is not Severity.SERIOUS


#: How bad each wording verdict is for :meth:`Report.worst` (a proven misquote before "not found").
_FIDELITY_BADNESS = {
    "verbatim": 0,
    "cosmetic": 0,
    "spliced": 2,
    "not_found": 3,
    "paraphrased": 4,
    "altered": 5,
}


def _badness(v: Verification) -> tuple[int, int, int, float]:
    """Sort key, worst first: misattribution, altered wording, serious drift, low confidence."""
    mis = v.attribution is not None and v.attribution.status is AttributionStatus.MISATTRIBUTED
    level = max(_FIDELITY_BADNESS[v.fidelity.value], 6 if mis else 0)
    drift = {Severity.SERIOUS: 2, Severity.WARNING: 1}.get(v.drift.worst or Severity.INFO, 0)
    conf = v.confidence if v.confidence is not None else 0.5
    return (-level, -drift, int(holds(v)), conf)


@attrs.frozen
class Report:
    """The verifications of every quote in one reporting text, in story order.

    ``text`` is the reporting text, ``verifications`` one per extracted quote
    (each with its :class:`AttributedQuote` in ``attributed``), ``sources``
    the sources they were checked against. ``counts`` tallies the verdicts,
    :meth:`worst` lists the problems first, ``ok`` is true when every quote
    holds (faithful wording, not misattributed, no serious drift).
    A quote not found in the given sources is ``not_found``: it may come from
    a source that was not given, so it is never called fabricated.
    """

    text: str
    verifications: tuple[Verification, ...] = ()
    sources: tuple[Source, ...] = ()

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """Tallies: ``fidelity`` per verdict, ``attribution`` per status, ``drift`` per kind.

        ``attribution`` counts ``none`` for quotes whose attribution was not judged.
        """
        fid = {f.value: 0 for f in Fidelity}
        att = {a.value: 0 for a in AttributionStatus}
        att["none"] = 0
        drift: dict[str, int] = {}
        for v in self.verifications:
            fid[v.fidelity.value] += 1
            att[v.attribution.status.value if v.attribution is not None else "none"] += 1
            for f in v.drift.findings:
                drift[f.kind] = drift.get(f.kind, 0) + 1
        return {"fidelity": fid, "attribution": att, "drift": dict(sorted(drift.items()))}

    @property
    def ok(self) -> bool:
        """True when every quote holds (an article without quotes holds)."""
        return all(holds(v) for v in self.verifications)

    @property
    def problems(self) -> tuple[Verification, ...]:
        """The quotes that do not hold, worst first."""
        return tuple(v for v in self.worst() if not holds(v))

    def worst(self, n: int | None = None) -> tuple[Verification, ...]:
        """The verifications, worst first (ties keep story order); the first ``n`` if given."""
        ordered = sorted(self.verifications, key=_badness)
        return tuple(ordered if n is None else ordered[:n])

    def explain(self) -> str:
        """A summary line, then each quote's account, worst first."""
        from .report import explain_report

        return explain_report(self)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary: ``counts``, ``ok`` and one entry per quote in story order."""
        from .report import report_to_dict

        return report_to_dict(self)
