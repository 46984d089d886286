"""Exceptions raised by quoteverify, and the input checks that raise them.

Errors are for programmer mistakes only: "not found" and "misattributed" are
results, never exceptions. Every exception subclasses :class:`QuoteVerifyError`
and also a builtin, so callers can catch either.

>>> from quoteverify.errors import check_text
>>> check_text(b"bytes", "quote")
Traceback (most recent call last):
...
TypeError: quote must be str (got bytes); decode it first, e.g. data.decode('utf-8')
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

__all__ = ["InvalidInputError", "ParseError", "QuoteVerifyError", "check_text", "int_at_least"]


class QuoteVerifyError(Exception):
    """Root of every error quoteverify raises on purpose."""


class InvalidInputError(QuoteVerifyError, ValueError):
    """A value of the right type that cannot be used (an empty quote, a size past a limit)."""


class ParseError(InvalidInputError):
    """A source in a structured format (transcript, WebVTT, SRT, registry file) that cannot be read.

    ``line`` is the 1-based line number where the problem was seen, when known.
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


def check_text(value: object, name: str, *, allow_empty: bool = True) -> str:
    """Return ``value`` if it is a ``str``; raise a clear error otherwise.

    Bytes get a :class:`TypeError` that says to decode first; other types say
    what was expected and what was got; an empty or whitespace-only string
    raises :class:`InvalidInputError` when ``allow_empty`` is false, and so
    does a string past its size limit (:mod:`quoteverify.limits`).

    >>> check_text("  ", "quote", allow_empty=False)
    Traceback (most recent call last):
    ...
    quoteverify.errors.InvalidInputError: quote must contain some text (got an empty or whitespace-only string)
    """
    if isinstance(value, (bytes, bytearray, memoryview)):
        msg = f"{name} must be str (got {type(value).__name__}); decode it first, e.g. data.decode('utf-8')"
        raise TypeError(msg)
    if not isinstance(value, str):
        msg = f"{name} must be str (got {value!r} that is a {type(value).__name__})"
        raise TypeError(msg)
    if not allow_empty and not value.strip():
        msg = f"{name} must contain some text (got an empty or whitespace-only string)"
        raise InvalidInputError(msg)
    _size_check()(value, name)  # past quoteverify.limits' size for this kind of text
    return value


@functools.cache
def _size_check() -> Callable[[str, str], None]:
    """``limits.check_size``, imported once on first use (limits imports this module)."""
    from .limits import check_size

    return check_size


def int_at_least(minimum: int) -> Callable[[Any, Any, int], None]:
    """An attrs validator: the value is an ``int`` (not a bool) and at least ``minimum``.

    >>> import attrs
    >>> @attrs.frozen
    ... class Options:
    ...     days: int = attrs.field(default=1, validator=int_at_least(0))
    >>> Options(-1)
    Traceback (most recent call last):
    ...
    quoteverify.errors.InvalidInputError: days must be >= 0 (got -1)
    """

    def check(instance: Any, attribute: Any, value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            msg = f"{attribute.name} must be an int (got {value!r} that is a {type(value).__name__})"
            raise TypeError(msg)
        if value < minimum:
            msg = f"{attribute.name} must be >= {minimum} (got {value})"
            raise InvalidInputError(msg)

    return check
