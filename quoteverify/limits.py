"""Size limits on what quoteverify accepts, so hostile input gets a clear error, not a blow-up.

Every text a public function takes passes :func:`~quoteverify.errors.check_text`,
which asks :func:`check_size` whether it fits. The limit that applies follows
from the role of the text: a *quote* (or the framing sentence given with it)
is short, any other *text* (a source, an article, a transcript, a name) long. Past the limit the call raises :class:`~quoteverify.errors.InvalidInputError`
before any work is done.

The defaults fit real use with a wide margin (a whole book is about 1 M
characters; the source limit, 120 M, lets a 100 MB source in, and
``docs/robustness.md`` gives its measured peak memory). Change them for a block of code with
:func:`use_limits`; the change is local to the current thread (or asyncio task)
and undone on exit, so there is no global state to leak between callers.

>>> get_limits().max_quote_chars
100000
>>> with use_limits(max_quote_chars=10):
...     check_size("technology is definitely not to blame", "quote")
Traceback (most recent call last):
...
quoteverify.errors.InvalidInputError: quote is 37 characters long, past the limit of 10 (max_quote_chars; raise it with quoteverify.limits.use_limits(max_quote_chars=...))
>>> get_limits().max_quote_chars
100000
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

import attrs

from .errors import InvalidInputError, int_at_least

__all__ = ["Limits", "check_size", "get_limits", "limit_for", "use_limits"]


@attrs.frozen
class Limits:
    """The maximum sizes, in characters (code points), of each kind of input.

    * ``max_text_chars``: a source, an article, a transcript, caption file or
      registry text (default 120,000,000: a 100 MB source fits).
    * ``max_quote_chars``: a quote, or the framing sentence given with it
      (default 100,000: about 15,000 words, far past any real quote).

    Names and mentions have no limit of their own: everything done with them
    is linear in their length, and extraction creates speakers from whatever
    a story calls them.

    >>> Limits(max_quote_chars=0)
    Traceback (most recent call last):
    ...
    quoteverify.errors.InvalidInputError: max_quote_chars must be >= 1 (got 0)
    """

    max_text_chars: int = attrs.field(default=120_000_000, validator=int_at_least(1))
    max_quote_chars: int = attrs.field(default=100_000, validator=int_at_least(1))


DEFAULT_LIMITS = Limits()
_CURRENT: contextvars.ContextVar[Limits] = contextvars.ContextVar(
    "quoteverify_limits", default=DEFAULT_LIMITS
)

# The role of each name that quoteverify's input checks give their arguments.
_QUOTE_NAMES = frozenset({"quote", "quote text", "framing"})


def get_limits() -> Limits:
    """The limits in force in the current thread or task.

    >>> get_limits().max_quote_chars
    100000
    >>> with use_limits(max_quote_chars=500):
    ...     get_limits().max_quote_chars
    500
    """
    return _CURRENT.get()


@contextlib.contextmanager
def use_limits(limits: Limits | None = None, **overrides: int) -> Iterator[Limits]:
    """Apply ``limits`` (or the current ones with ``overrides``) inside a ``with`` block.

    Threads started inside the block do not inherit it (each thread starts
    with the defaults); enter ``use_limits`` in the thread itself.

    >>> with use_limits(max_text_chars=500_000_000) as lim:
    ...     lim.max_text_chars
    500000000
    """
    base = limits if limits is not None else get_limits()
    if limits is not None and not isinstance(limits, Limits):
        msg = f"limits must be a Limits (got {limits!r} that is a {type(limits).__name__})"
        raise TypeError(msg)
    new = attrs.evolve(base, **overrides) if overrides else base
    token = _CURRENT.set(new)
    try:
        yield new
    finally:
        _CURRENT.reset(token)


def limit_for(name: str) -> tuple[str, int]:
    """The limit that applies to an input called ``name``: (option name, value).

    >>> limit_for("quote")
    ('max_quote_chars', 100000)
    >>> limit_for("source text")
    ('max_text_chars', 120000000)
    """
    lim = get_limits()
    if name in _QUOTE_NAMES:
        return "max_quote_chars", lim.max_quote_chars
    return "max_text_chars", lim.max_text_chars


def check_size(value: str, name: str) -> None:
    """Raise :class:`~quoteverify.errors.InvalidInputError` if ``value`` is past its limit.

    >>> check_size("Xie Yinan said so", "quote")
    """
    option, limit = limit_for(name)
    if len(value) > limit:
        msg = (
            f"{name} is {len(value):,} characters long, past the limit of {limit:,} "
            f"({option}; raise it with quoteverify.limits.use_limits({option}=...))"
        )
        raise InvalidInputError(msg)
