"""The one options object of :func:`~quoteverify.verify` and :func:`~quoteverify.check_article`.

Frozen; derive variants with :meth:`VerifyConfig.replace` (unknown names are a
``TypeError``), or pass the same names as keyword arguments to ``verify`` and
``check_article``.

>>> cfg = VerifyConfig().replace(max_age_days=730, drift_checks={"temporal", "splice"})
>>> cfg.max_age_days, sorted(cfg.drift_checks)
(730, ['splice', 'temporal'])
>>> VerifyConfig(topic_threshold=2.0)
Traceback (most recent call last):
...
quoteverify.errors.InvalidInputError: topic_threshold must be within [0, 1] (got 2.0)
>>> VerifyConfig(words={"speech_verbs": ["said"]})
Traceback (most recent call last):
...
quoteverify.errors.InvalidInputError: cannot override word list 'speech_verbs' (it shapes how texts are read and is fixed at import); lists a call may override: [...]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .errors import InvalidInputError, int_at_least
from .location import LocateOptions
from .model import DriftKind
from .vocabulary import PER_CALL_LISTS, WORD_LISTS

__all__ = ["DRIFT_CHECKS", "VerifyConfig"]

#: Every drift check, by the ``kind`` of the findings it produces (the values of ``DriftKind``).
DRIFT_CHECKS = frozenset(k.value for k in DriftKind)


def _checks(value: Iterable[str] | str) -> frozenset[str]:
    items = frozenset([value] if isinstance(value, str) else value)
    unknown = sorted(items - DRIFT_CHECKS)
    if unknown:
        msg = f"unknown drift checks {unknown} (expected some of {sorted(DRIFT_CHECKS)})"
        raise InvalidInputError(msg)
    return items


def _word_overrides(value: Mapping[str, Iterable[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if value is None:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    out = []
    for k, v in items:
        name = str(k)
        if name not in PER_CALL_LISTS:
            fixed = " (it shapes how texts are read and is fixed at import)" if name in WORD_LISTS else ""
            msg = f"cannot override word list {name!r}{fixed}; lists a call may override: {sorted(PER_CALL_LISTS)}"
            raise InvalidInputError(msg)
        if isinstance(v, str):
            msg = f"word list {name!r} must be a collection of words, not the string {v!r}"
            raise InvalidInputError(msg)
        out.append((name, tuple(" ".join(str(w).casefold().split()) for w in v)))
    return tuple(sorted(out))


def _share(instance: Any, attribute: attrs.Attribute[float], value: float) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        msg = f"{attribute.name} must be a float (got {value!r} that is a {type(value).__name__})"
        raise TypeError(msg)
    if not 0.0 <= value <= 1.0:
        msg = f"{attribute.name} must be within [0, 1] (got {value})"
        raise InvalidInputError(msg)


def _speech_policy(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in ("cosmetic", "count"):
        msg = f"speech_edits must be 'cosmetic' or 'count' (got {value!r})"
        raise InvalidInputError(msg)


@attrs.frozen
class VerifyConfig:
    """Options of :func:`~quoteverify.verify`.

    * ``locate``: the locator's thresholds (:class:`~quoteverify.location.LocateOptions`).
    * ``drift_checks``: which drift checks run (default: all of :data:`DRIFT_CHECKS`).
    * ``max_age_days``: a source older than this on the story's date gets a
      ``temporal`` warning (default 365).
    * ``topic_threshold``: the share of the framing's keywords that must occur
      in the source passage around the quote; below it, a ``topic`` finding
      (default 0.2). ``question_threshold`` is the same for the question a Q/A
      answer replies to (default 0.2). ``min_keywords``: fewer framing keywords
      than this and neither check judges (default 3).
    * ``context_words``: how many words either side of the quote make the
      source passage for ``topic`` (default 80).
    * ``splice_words`` / ``splice_sentences``: a gap between fragments longer
      than this is a ``warning`` rather than ``info`` (defaults 40 and 2).
    * ``words``: word lists replaced for this call, by name, e.g. ``{"conditions": ("unless",
      "if")}``: the lists a verdict is judged with (:data:`quoteverify.vocabulary.PER_CALL_LISTS`,
      the drift lists of :data:`quoteverify.vocabulary.DRIFT_WORDS`). Every list has a name in
      :data:`quoteverify.vocabulary.WORD_LISTS`; naming one a call cannot replace is an error.
    * ``include_indirect``: ``check_article`` also verifies indirect speech.
    * ``speech_edits``: ``"cosmetic"`` (default): the edits reporters make to spoken words (a
      repetition printed once, a filler or an edge interjection left out) are cosmetic kinds
      of their own; ``"count"``: for outlets where every change counts, they are word edits
      and the quote is altered.
    * ``explain``: when false, ``Verification.evidence`` is left empty (the
      confidence is still computed) to skip the bookkeeping.
    """

    locate: LocateOptions = attrs.field(factory=LocateOptions)
    drift_checks: frozenset[str] = attrs.field(default=DRIFT_CHECKS, converter=_checks)
    max_age_days: int = attrs.field(default=365, validator=int_at_least(0))
    topic_threshold: float = attrs.field(default=0.2, validator=_share)
    question_threshold: float = attrs.field(default=0.2, validator=_share)
    min_keywords: int = attrs.field(default=3, validator=int_at_least(0))
    context_words: int = attrs.field(default=80, validator=int_at_least(0))
    splice_words: int = attrs.field(default=40, validator=int_at_least(0))
    splice_sentences: int = attrs.field(default=2, validator=int_at_least(0))
    words: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(default=(), converter=_word_overrides)
    include_indirect: bool = False
    speech_edits: str = attrs.field(default="cosmetic", validator=_speech_policy)
    explain: bool = True

    def replace(self, **overrides: Any) -> VerifyConfig:
        """A copy with ``overrides`` applied (unknown names raise ``TypeError``)."""
        names = {a.name for a in attrs.fields(VerifyConfig)}
        unknown = sorted(set(overrides) - names)
        if unknown:
            msg = f"unknown VerifyConfig options {unknown} (expected some of {sorted(names)})"
            raise TypeError(msg)
        return attrs.evolve(self, **overrides)


DEFAULT_CONFIG = VerifyConfig()
