"""The ``hypothesis`` entry point: register quoteverify's types so ``st.from_type(Quote)`` works.

Hypothesis calls :func:`_hypothesis_setup_hook` while it is itself being
imported, possibly from inside ``import quoteverify.strategies``; so this
module imports nothing from Hypothesis at the top, and the strategies are
deferred until the first draw, when every module is complete.
"""

from __future__ import annotations

import importlib
from typing import Any


def _strategy(name: str) -> Any:
    return getattr(importlib.import_module("quoteverify.strategies"), name)()


def _hypothesis_setup_hook() -> None:
    """Register :class:`~quoteverify.model.Speaker`, ``Source`` and ``Quote`` with Hypothesis."""
    from hypothesis import strategies as st

    from .model import Quote, Source, Speaker

    st.register_type_strategy(Speaker, st.deferred(lambda: _strategy("speakers")))
    st.register_type_strategy(Source, st.deferred(lambda: _strategy("sources")))
    st.register_type_strategy(Quote, st.deferred(lambda: _strategy("quotes")))
