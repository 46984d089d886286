"""A calibrated confidence from named evidence: a logistic model with fitted weights kept as data.

The confidence of a :class:`~quoteverify.model.Verification` is the
probability that the quote is a fair, correctly attributed rendering of the
source. It is a logistic model over named evidence items::

    confidence = 1 / (1 + exp(-(w_1 + w_2 + ... + w_n)))

where each :class:`~quoteverify.model.Evidence` ``weight`` is one log-odds
contribution: the ``intercept``, the match quality (``match``: coefficient
times the share of the quote's wording that differs), each meaning-bearing
edit (``meaning_edit:<reason>``, weighing the coefficient of ``meaning_edit``
plus that of its reason, so an inserted "just" is not a dropped "not"), each
other word edit (``word_edit``), the fidelity verdict (``fidelity:<verdict>``),
the attribution status when the story claims a speaker
(``attribution:<status>``), and each drift finding
(``drift:<kind>:<severity>``, weighing the coefficient of
``drift:<severity>`` plus that of ``drift:<kind>:<severity>``).

Two rules hold whatever the coefficients (see ``docs/confidence.md``):

* **fail closed**: an unconfirmable claim (``attribution:unattributed``) and
  every other penalising item weigh at most 0, so naming a speaker the source
  cannot confirm never raises the confidence above what the wording earns;
* **verdict first**: a quote that does not hold
  (:func:`~quoteverify.model.holds`) gets a ``verdict`` item that keeps it
  below :meth:`ConfidenceModel.ceiling`, under every quote that holds verbatim
  with its speaker confirmed and no drift worse than ``info``.

The coefficients are fitted by ``benchmarks/calibration.py --fit`` and live in
``quoteverify/data/confidence_weights.json`` (see ``docs/confidence.md``).

>>> import quoteverify as qv
>>> v = qv.verify("We don't have access to the data", "We don't have access to the data.")
>>> abs(score(v.evidence) - v.confidence) < 1e-12
True
>>> [e.name for e in v.evidence][-1]
'intercept'
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from .errors import InvalidInputError
from .model import (
    AttributionStatus,
    EditKind,
    Evidence,
    Fidelity,
    Severity,
    Verification,
    holds,
)

__all__ = [
    "CEILING_MARGIN",
    "FEATURES",
    "MEANING_REASONS",
    "PENALTIES",
    "ConfidenceModel",
    "features",
    "load_model",
    "score",
    "score_evidence",
]

#: Why an edit carries meaning (``Edit.reason``): each reason adjusts ``meaning_edit``.
MEANING_REASONS: tuple[str, ...] = (
    "negation", "number", "entity", "modal", "quantifier", "comparative",
)  # fmt: skip

#: Every feature name the model knows, in a fixed order (the fitting script's columns).
FEATURES: tuple[str, ...] = (
    "intercept",
    "match",
    "meaning_edit",
    *(f"meaning_edit:{r}" for r in MEANING_REASONS),
    "word_edit",
    *(f"fidelity:{f.value}" for f in Fidelity if f is not Fidelity.VERBATIM),
    *(f"attribution:{a.value}" for a in AttributionStatus),
    *(f"drift:{sev.value}" for sev in Severity),
    *(
        f"drift:{kind}:{sev.value}"
        for kind in (
            "truncation", "dangling_reference", "splice", "question", "topic",
            "embedded_speech", "temporal",
        )
        for sev in Severity
    ),
)

#: Features that can only lower the confidence: every one but the prior and a confirmation.
PENALTIES: frozenset[str] = frozenset(
    f for f in FEATURES if f not in ("intercept", "attribution:confirmed")
)

_WEIGHTS_FILE = "data/confidence_weights.json"
_WORD_EDITS = frozenset({EditKind.INSERT, EditKind.DELETE, EditKind.REPLACE})
#: How far (log-odds) a quote that does not hold stays below the least clean confirmed one.
CEILING_MARGIN = 0.5


def _float_map(value: Mapping[str, float]) -> dict[str, float]:
    return {str(k): float(v) for k, v in value.items()}


def _any_map(value: Mapping[str, Any]) -> dict[str, Any]:
    return dict(value)


@attrs.frozen
class ConfidenceModel:
    """Fitted log-odds coefficients by feature name (missing names weigh 0).

    >>> m = ConfidenceModel({"intercept": 2.0, "meaning_edit": -3.0})
    >>> m.coefficient("meaning_edit"), m.coefficient("drift:info")
    (-3.0, 0.0)
    """

    coefficients: Mapping[str, float] = attrs.field(converter=_float_map)
    metadata: Mapping[str, Any] = attrs.field(factory=dict, converter=_any_map)

    def __attrs_post_init__(self) -> None:
        unknown = sorted(set(self.coefficients) - set(FEATURES))
        if unknown:
            msg = f"unknown confidence features {unknown} (expected some of {list(FEATURES)})"
            raise InvalidInputError(msg)

    def coefficient(self, name: str) -> float:
        """The coefficient of feature ``name`` (0.0 when not fitted).

        A drift finding ``drift:<kind>:<severity>`` weighs its severity's
        coefficient plus its kind's adjustment, so a kind the calibration set
        lacks still counts by its severity.

        >>> ConfidenceModel({"drift:serious": -3.0, "drift:topic:serious": 0.5}).coefficient(
        ...     "drift:topic:serious")
        -2.5
        """
        parts = name.split(":")
        if parts[0] == "drift" and parts[-1] == Severity.INFO.value:
            return 0.0  # an info finding is a note for the editor, not evidence against the quote
        value = float(self.coefficients.get(name, 0.0))
        if parts[0] == "drift" and len(parts) == 3:
            value += float(self.coefficients.get(f"drift:{parts[2]}", 0.0))
        elif parts[0] == "meaning_edit" and len(parts) == 2:
            value += float(self.coefficients.get("meaning_edit", 0.0))
        if name in PENALTIES or parts[0] in ("drift", "meaning_edit"):
            value = min(0.0, value)  # a penalty never raises the confidence
        return value

    def ceiling(self) -> float:
        """The log-odds a quote that does not hold stays under.

        :data:`CEILING_MARGIN` below the least score of a quote that holds verbatim or
        cosmetically with its claimed speaker confirmed and no drift above ``info``.

        >>> m = ConfidenceModel({"intercept": 1.0, "attribution:confirmed": 3.0})
        >>> m.ceiling()
        3.5
        """
        clean = self.coefficient("intercept") + self.coefficient("attribution:confirmed")
        clean += self.coefficient("fidelity:cosmetic")  # at most 0; info findings weigh 0
        return clean - CEILING_MARGIN

    def to_json(self) -> str:
        """The model as the JSON text of the weights file."""
        data = {
            "coefficients": {
                k: round(float(self.coefficients[k]), 6) for k in FEATURES if k in self.coefficients
            },
            "metadata": dict(self.metadata),
        }
        return json.dumps(data, indent=2, sort_keys=False) + "\n"


def _parse(text: str, where: str) -> ConfidenceModel:
    try:
        data = json.loads(text)
        coefficients = {str(k): float(v) for k, v in data["coefficients"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        msg = f"{where} is not a confidence weights file: {exc}"
        raise InvalidInputError(msg) from None
    return ConfidenceModel(coefficients, data.get("metadata", {}))


@lru_cache(maxsize=1)
def _default_model() -> ConfidenceModel:
    path = resources.files("quoteverify").joinpath(_WEIGHTS_FILE)
    return _parse(path.read_text("utf-8"), f"quoteverify/{_WEIGHTS_FILE}")


def load_model(path: str | Path | None = None) -> ConfidenceModel:
    """The fitted model shipped with quoteverify, or the one in the JSON file at ``path``.

    >>> load_model().coefficient("intercept") > 0
    True
    """
    if path is None:
        return _default_model()
    p = Path(path)
    return _parse(p.read_text("utf-8"), str(p))


def features(v: Verification) -> list[tuple[str, float, str]]:
    """The feature values of ``v``: ``(name, value, message)``, one per evidence item.

    A feature may appear several times (one ``meaning_edit`` per edit, one
    ``drift:<kind>:<severity>`` per finding); the value multiplies its coefficient.

    >>> import quoteverify as qv
    >>> [(n, x) for n, x, _ in features(qv.verify("We sell servers", "We sell servers to banks."))]
    [('intercept', 1.0), ('match', 0.0)]
    """
    out: list[tuple[str, float, str]] = [("intercept", 1.0, "prior")]
    if v.location is None or v.alignment is None:
        out.append(("fidelity:not_found", 1.0, "not found in the given sources"))
        return out
    mismatch = max(0.0, min(1.0, 1.0 - v.alignment.score))
    if mismatch > 0.0:
        msg = f"{1.0 - mismatch:.0%} of the wording matches the source"
    elif v.alignment.edits:
        msg = "the words match the source up to cosmetic differences"
    else:
        msg = "the words match the source exactly"
    out.append(("match", mismatch, msg))
    for e in v.alignment.edits:
        if e.meaning:
            name = f"meaning_edit:{e.reason}" if e.reason in MEANING_REASONS else "meaning_edit"
            out.append((name, 1.0, f"meaning-bearing edit: {e.describe()}"))
        elif e.kind in _WORD_EDITS:
            out.append(("word_edit", 1.0, f"word edit: {e.describe()}"))
    if v.fidelity is not Fidelity.VERBATIM:
        out.append((f"fidelity:{v.fidelity.value}", 1.0, f"wording {v.fidelity.value}"))
    if v.attribution is not None and v.attribution.claimed is not None:
        # only a claim is judged: with no speaker named, the wording and context stand alone
        a = v.attribution
        out.append(
            (f"attribution:{a.status.value}", 1.0, a.message or f"attribution {a.status.value}")
        )
    out.extend(
        (f"drift:{f.kind}:{f.severity.value}", 1.0, f"{f.kind}: {f.message}")
        for f in v.drift.findings
    )
    return out


def score_evidence(v: Verification, model: ConfidenceModel | None = None) -> tuple[Evidence, ...]:
    """The named evidence items of ``v`` under ``model`` (the shipped one by default).

    Items are ordered by the size of their contribution, largest first, with
    the ``intercept`` last; items that contribute nothing are kept (their
    message still explains something).
    """
    m = model or load_model()
    items = [Evidence(name, m.coefficient(name) * x, msg) for name, x, msg in features(v)]
    if not holds(v):
        total = math.fsum(e.weight for e in items)
        if total > m.ceiling():
            items.append(
                Evidence(
                    "verdict",
                    m.ceiling() - total,
                    "the quote does not hold, so it scores below every quote that holds "
                    "with its speaker confirmed",
                )
            )
    prior = [e for e in items if e.name == "intercept"]
    rest = sorted((e for e in items if e.name != "intercept"), key=lambda e: -abs(e.weight))
    return (*rest, *prior)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    ez = math.exp(z)
    return ez / (1.0 + ez)


def score(evidence: Iterable[Evidence] | Sequence[Evidence]) -> float:
    """The confidence of ``evidence``: the logistic function of the sum of the weights.

    >>> score([Evidence("intercept", 0.0, "prior")])
    0.5
    >>> round(score([Evidence("intercept", 2.0, "prior"), Evidence("meaning_edit", -4.0, "x")]), 3)
    0.119
    """
    return _sigmoid(math.fsum(e.weight for e in evidence))
