"""Context drift (placeholder, being written)."""

from __future__ import annotations

import datetime as _dt

from .config import VerifyConfig
from .model import Drift, Verification

__all__ = ["assess_drift"]


def assess_drift(
    verification: Verification,
    *,
    framing: str | None = None,
    said_on: _dt.date | None = None,
    config: VerifyConfig | None = None,
) -> Drift:
    """The context-drift findings of a located quote (none yet)."""
    return Drift()
