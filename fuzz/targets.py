"""Fuzz targets: the parsers, extraction and verify, each as ``target(data: bytes) -> None``.

A target decodes the bytes (UTF-8 with surrogatepass and replacement, so lone surrogates and
odd code points get through), calls quoteverify, and checks the invariants: a typed error
(QuoteVerifyError, TypeError) is fine, anything else is a crash; every span indexes its text.
Run them with ``python fuzz/run.py`` (atheris, coverage-guided); the same functions replay a
crash file, and tests/adversarial/test_fuzz_regressions.py replays every saved crash.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "adversarial"))

import contextlib

import calls

import quoteverify as qv

EXPECTED = (qv.QuoteVerifyError, TypeError)
# Inputs are kept small: a quadratic step shows as a slow unit ("-timeout"), not as a size.
MAX_BYTES = 4096


def _text(data: bytes) -> str:
    return data[:MAX_BYTES].decode("utf-8", "surrogatepass" if _valid(data) else "replace")


def _valid(data: bytes) -> bool:
    try:
        data[:MAX_BYTES].decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return False
    return True


def _split(text: str) -> tuple[str, str]:
    """A quote and a source from one input: before and after the first NUL (or halves)."""
    if "\x00" in text:
        a, b = text.split("\x00", 1)
        return a, b
    cut = max(1, len(text) // 4)
    return text[:cut], text


def parsers(data: bytes) -> None:
    text = _text(data)
    for parse in (qv.parse_plain, qv.parse_transcript, qv.parse_webvtt, qv.parse_srt, qv.parse_article):
        try:
            src = parse(text)
        except EXPECTED:
            continue
        calls.check_source(src)
    for body in (f"WEBVTT\n\n00:01.000 --> 00:02.000\n{text}\n", f"1\n00:00:01,000 --> 00:00:02,000\n{text}\n"):
        parse = qv.parse_webvtt if body.startswith("WEBVTT") else qv.parse_srt
        with contextlib.suppress(EXPECTED):
            calls.check_source(parse(body))


def extract(data: bytes) -> None:
    text = _text(data)
    try:
        quotes = qv.extract_quotes(text, speakers=calls.REGISTRY, include_indirect=True)
    except EXPECTED:
        return
    calls.check_quotes(quotes, text)


def verify(data: bytes) -> None:
    quote, source = _split(_text(data))
    try:
        src = qv.Source.from_transcript(source, speakers=calls.REGISTRY)
    except EXPECTED:
        src = qv.Source(source)
    for q in (quote, calls.hostile.QUOTE):
        try:
            v = qv.verify(q, src, speaker="Xie Yinan", speakers=calls.REGISTRY)
        except EXPECTED:
            continue
        calls.check_verification(v)
        try:
            loc = qv.locate(q, src)
        except EXPECTED:  # e.g. a quote of no words: verify says not_found, locate refuses
            continue
        calls.check_location(loc, src.text, q)


def check_article(data: bytes) -> None:
    story, source = _split(_text(data))
    try:
        report = qv.check_article(story, [source, calls.SOURCE], speakers=calls.REGISTRY)
    except EXPECTED:
        return
    for v in report.verifications:
        calls.check_verification(v, story)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "parsers": parsers,
    "extract": extract,
    "verify": verify,
    "check_article": check_article,
}
