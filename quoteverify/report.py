"""How results read: text, JSON, Markdown, a self-contained HTML page, W3C Web Annotations.

Every renderer takes a :class:`~quoteverify.model.Verification` or a
:class:`~quoteverify.model.Report` (a whole story) and returns a ``str`` or a
JSON-ready ``dict``; nothing is printed, nothing global is touched.

>>> import quoteverify as qv
>>> v = qv.verify("We do not have access to the data", "We don't have access to the data.")
>>> print(v.explain())
locate     source[0:32] (seeded, score 0.75)
align      contraction "don't" -> "do not"
fidelity   cosmetic
confidence ...
>>> print(to_markdown(v).splitlines()[2])
| 1 | We do not have access to the data | — | cosmetic | — | We don't have access to the data | "don't" written out as "do not" |
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

from .model import (
    AttributedQuote,
    Edit,
    EditKind,
    Fidelity,
    Report,
    Span,
    Verification,
    holds,
)

__all__ = [
    "ANNOTATION_CONTEXT",
    "SCHEMA_VERSION",
    "describe_edit",
    "explain",
    "explain_report",
    "holds",
    "json_schema",
    "quote_to_dict",
    "quotes_to_markdown",
    "quotes_to_text",
    "report_to_dict",
    "report_to_json",
    "shorten",
    "tally",
    "to_annotations",
    "to_html",
    "to_json",
    "to_markdown",
    "to_rich_markup",
    "to_text",
    "verification_to_dict",
]

#: Version of the dictionary layout returned by ``to_dict()`` (see ``data/schema/``).
SCHEMA_VERSION = "1.0"
#: The JSON-LD context of the W3C Web Annotation Data Model.
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_CONTEXT_CHARS = 240  # source context shown either side of a match in HTML
_SELECTOR_AFFIX = 32  # prefix/suffix length of a TextQuoteSelector
_SCHEMAS = ("verification", "report", "quotes")


# --------------------------------------------------------------------------- text


def shorten(text: str, limit: int = 0) -> str:
    """``text`` on one line (runs of whitespace become one space), cut to ``limit`` characters with "…".

    The one shortener every renderer and the command line use; ``limit=0`` only flattens.

    >>> shorten("We don't have\\n  access to the data")
    "We don't have access to the data"
    >>> shorten("We don't have access to the data", 14)
    "We don't have…"
    """
    flat = " ".join(text.split())
    if limit > 0 and len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat


#: What an editor calls each punctuation mark (looked up after NFKC, so full-width forms share a name).
_MARK_NAMES = {
    ",": "comma",
    "、": "comma",
    ".": "full stop",
    "。": "full stop",
    ";": "semicolon",
    ":": "colon",
    "!": "exclamation mark",
    "?": "question mark",
    "-": "hyphen",
    "‐": "hyphen",
    "–": "dash",
    "—": "dash",
    "…": "ellipsis",
    "/": "slash",
    "'": "apostrophe",
}
#: Multi-character marks, read before single characters.
_MULTI_MARKS = (("...", "ellipsis"), ("--", "dash"))
_PLURALS = {"ellipsis": "ellipses"}
#: Why an edit changes meaning (``Edit.reason``), in an editor's words.
_REASON_WORDS = {"entity": "name", "modal": "modal verb", "comparative": "comparison"}


def _mark_names(text: str) -> list[str] | None:
    """The names of the punctuation marks in ``text``, or None if it holds anything else."""
    marks = "".join(text.split())
    names: list[str] = []
    i = 0
    while i < len(marks):
        multi = next(((m, n) for m, n in _MULTI_MARKS if marks.startswith(m, i)), None)
        if multi is not None:
            names.append(multi[1])
            i += len(multi[0])
            continue
        ch = marks[i]
        cat = unicodedata.category(ch)
        name = _MARK_NAMES.get(unicodedata.normalize("NFKC", ch))
        if name is None and (cat in ("Pi", "Pf") or ch in "\"＂«»‹›„‚「」『』"):
            name = "quotation mark"
        elif name is None and cat in ("Ps", "Pe"):
            name = "bracket"
        elif name is None and cat == "Pd":
            name = "dash"
        if name is None:
            return None
        names.append(name)
        i += 1
    return names


def _count_names(names: list[str]) -> str:
    """``["comma", "comma", "full stop"]`` → ``"2 commas and full stop"``."""
    parts = [
        name if n == 1 else f"{n} {_PLURALS.get(name, name + 's')}" for name, n in Counter(names).items()
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _punctuation_in_words(e: Edit) -> str:
    quoted, original = _mark_names(e.quote_text), _mark_names(e.source_text)
    if quoted is None or original is None or not (quoted or original):
        return f'"{shorten(e.source_text, 40)}" → "{shorten(e.quote_text, 40)}" (punctuation)'
    if not original:
        return f"{_count_names(quoted)} added"
    if not quoted:
        return f"{_count_names(original)} removed"
    return f"{_count_names(original)} changed to {_count_names(quoted)}"


def _bracketed(text: str) -> str:
    return text if text.startswith("[") else f"[{text}]"


def describe_edit(e: Edit) -> str:
    """One edit in an editor's words, as the HTML and Markdown reports show it.

    ``Edit.describe()`` keeps the compact form that ``explain()`` and the
    confidence evidence use (``delete "not" (negation: changes meaning)``);
    this is the same edit said in words, source wording first.

    >>> from quoteverify.model import Edit, EditKind
    >>> describe_edit(Edit(EditKind.PUNCTUATION, "", ","))
    'comma removed'
    >>> describe_edit(Edit(EditKind.DELETE, "", "not", meaning=True, reason="negation"))
    '"not" deleted — changes meaning (negation)'
    >>> describe_edit(Edit(EditKind.NUMBER_FORMAT, "20", "twenty"))
    '"twenty" → "20" (same number)'
    """
    q, s = shorten(e.quote_text, 60), shorten(e.source_text, 60)
    kind = e.kind
    if kind is EditKind.PUNCTUATION:
        words = _punctuation_in_words(e)
    elif kind is EditKind.WHITESPACE:
        words = "spacing differs"
    elif kind is EditKind.CASE:
        words = f'"{s}" → "{q}" (capital letters only)'
    elif kind is EditKind.SPELLING:
        words = f'"{s}" → "{q}" (spelling)'
    elif kind is EditKind.CONTRACTION:
        words = f'"{s}" written out as "{q}"' if len(q) > len(s) else f'"{s}" shortened to "{q}"'
    elif kind is EditKind.NUMBER_FORMAT:
        words = f'"{s}" → "{q}" (same number)'
    elif kind is EditKind.INSERT:
        words = f'"{q}" added'
    elif kind is EditKind.DELETE:
        words = f'"{s}" deleted'
    elif kind is EditKind.REPETITION:
        words = f'"{s}" said twice, printed once (speech)'
    elif kind is EditKind.FILLER:
        words = f'"{s or q}" (a filler) {"left out" if s else "added"}'
    elif kind is EditKind.FALSE_START:
        words = f'"{s}" broken off and said again (speech), left out'
    elif kind is EditKind.INTERJECTION:
        said = " ".join((s or q).split())  # (another speaker's words across lines: one line)
        words = f'"{said}" (an interjection) {"left out" if s else "added"}'
    elif kind is EditKind.TRANSCRIPT_LABEL:
        words = f'"{" ".join(s.split())}" (the transcript\'s label between two stretches of one speaker) left out'
    elif kind is EditKind.EDITORIAL:
        if not s:
            words = f'"{_bracketed(q)}" added by the writer in brackets'
        elif not q:
            words = f'"{s}" left out'
        else:
            words = f'"{s}" → "{_bracketed(q)}" (the writer\'s words in brackets)'
    else:
        words = f'"{s}" → "{q}"'
    if e.meaning:
        reason = _REASON_WORDS.get(e.reason or "", e.reason)
        words += " — changes meaning" + (f" ({reason})" if reason else "")
    return words


def _reasons(v: Verification, n: int = 3) -> str:
    """The ``n`` largest confidence reasons, joined; the intercept ("prior") is no reason."""
    items = [e for e in v.evidence if e.name != "intercept"][:n]
    return "; ".join(e.message.rstrip(".") for e in items)


def explain(v: Verification) -> str:
    """The short stage-by-stage account of one verification (``Verification.explain()``).

    >>> import quoteverify as qv
    >>> print(explain(qv.verify("We sell servers to the police", "We sell servers, to the police.")))
    locate     source[0:30] (seeded, score 1.00)
    align      punctuation "," -> ""
    fidelity   cosmetic
    confidence 0.98 — the words match the source up to cosmetic differences; wording cosmetic
    """
    lines = []
    loc = v.location
    if loc is None:
        lines.append("locate     not found in the given source(s)")
    else:
        how = f"{loc.method}, score {loc.score:.2f}"
        if len(loc.fragments) > 1:
            how += f", {len(loc.fragments)} fragments" + ("" if loc.in_order else " out of order")
        if loc.ambiguous:
            how += f", ambiguous: {len(loc.occurrences)} equal places"
        lines.append(f"locate     source[{loc.start}:{loc.end}] ({how})")
        edits = v.edits
        if edits:
            lines.extend(f"{'align' if i == 0 else '':<10} {e.describe()}" for i, e in enumerate(edits))
        else:
            lines.append("align      no difference beyond folded glyphs and spacing")
    lines.append(f"fidelity   {v.fidelity.value}")
    if v.attribution is not None:
        lines.append(f"attribute  {v.attribution.status.value}: {v.attribution.message}")
    lines.extend(f"drift      {f.kind} ({f.severity.value}): {f.message}" for f in v.drift.findings)
    if v.confidence is not None:
        reasons = _reasons(v)
        lines.append(f"confidence {v.confidence:.2f}" + (f" — {reasons}" if reasons else ""))
    # one line a stage: words quoted from the source may hold line breaks ("delete \"a\na\"")
    return "\n".join(_ONE_LINE.sub(" ", line) for line in lines)


_ONE_LINE = re.compile(r"[ \t]*[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]+[ \t]*")


def _summary_line(v: Verification) -> str:
    """One line per quote for :func:`explain_report`: where, what, verdicts, confidence."""
    where = ""
    if v.attributed is not None:
        where = f"story[{v.attributed.span.start}:{v.attributed.span.end}] "
    if v.fidelity is Fidelity.NOT_FOUND:
        verdict = "not found in the given sources (not necessarily fabricated)"
    else:
        verdict = v.fidelity.value
        if v.attribution is not None:
            verdict += f", {v.attribution.status.value}"
        if v.drift.worst is not None:
            verdict += f", drift {v.drift.worst.value}"
    conf = f"; confidence {v.confidence:.2f}" if v.confidence is not None else ""
    return f'{where}"{shorten(v.quote.text, 60)}": {verdict}{conf}'


def explain_report(report: Report) -> str:
    """A summary of a :class:`~quoteverify.model.Report` (``Report.explain()``): counts, then each quote worst first.

    >>> print(explain_report(Report("No quotes here.")))
    0 quotes: all hold
    """
    n = len(report.verifications)
    problems = report.problems
    head = f"{n} quote{'s' if n != 1 else ''}: "
    head += "all hold" if not problems else f"{len(problems)} do not hold"
    fid = ", ".join(f"{k} {c}" for k, c in report.counts["fidelity"].items() if c)
    lines = [head + (f" ({fid})" if fid else "")]
    for v in report.worst():
        lines.append(_summary_line(v))
        lines.extend("    " + line for line in explain(v).splitlines())
    return "\n".join(lines)


def tally(report: Report) -> str:
    """The verdict counts of a report on one line, most faithful first, zeros left out.

    >>> import quoteverify as qv
    >>> statement = qv.Source("Technology is not to blame.", speaker=qv.Speaker("Yin Qi"))
    >>> tally(qv.check_article('Yin Qi said: "Technology is not to blame."', [statement]))
    'verbatim 1'
    """
    counts = report.counts
    parts = [f"{k} {c}" for k, c in counts["fidelity"].items() if c]
    parts += [f"{k} {c}" for k, c in counts["attribution"].items() if c and k == "misattributed"]
    parts += [f"drift {k} {c}" for k, c in counts["drift"].items() if c]
    return ", ".join(parts) if parts else "no quotes"


def _sections(report: Report) -> list[tuple[str, list[tuple[int, Verification]]]]:
    """The quotes an editor reads first, then the rest: ``(heading, [(story number, v), ...])``.

    Quotes that do not hold come first, worst first (``Report.problems``); the
    quotes that hold follow in story order. Each keeps its number in the story.
    Empty sections are left out.
    """
    numbers: dict[int, list[int]] = {}
    for i, v in enumerate(report.verifications, 1):
        numbers.setdefault(id(v), []).append(i)
    failing = [(numbers[id(v)].pop(0), v) for v in report.problems]
    holding = [(i, v) for i, v in enumerate(report.verifications, 1) if holds(v)]
    out = []
    if failing:
        out.append((f"Do not hold ({len(failing)}), worst first", failing))
    if holding:
        out.append((f"Hold ({len(holding)}), in story order", holding))
    return out


def _headline(n: int, bad: int) -> str:
    return f"{n} quote{'' if n == 1 else 's'}, " + ("all hold" if not bad else f"{bad} do not hold")


def to_text(obj: Verification | Report, *, title: str | None = None) -> str:
    """Plain text: ``explain()`` for one quote; for a story, a summary, the quotes that do not
    hold (worst first), then those that hold (story order), each numbered as in the story.

    >>> import quoteverify as qv
    >>> statement = qv.Source("Technology is not to blame.", speaker=qv.Speaker("Yin Qi"))
    >>> r = qv.check_article('Yin Qi said: "Technology is not to blame."', [statement])
    >>> print(to_text(r, title="story.txt"))
    story.txt: 1 quote, all hold (verbatim 1)
    <BLANKLINE>
    Hold (1), in story order:
    <BLANKLINE>
    [1] "Technology is not to blame." — Yin Qi: holds
        locate     source[0:26] (exact, score 1.00)
        align      no difference beyond folded glyphs and spacing
        fidelity   verbatim
    ...
    """
    if isinstance(obj, Verification):
        return explain(obj)
    bad = sum(not holds(v) for v in obj.verifications)
    lines = [(f"{title}: " if title else "") + _headline(len(obj.verifications), bad) + f" ({tally(obj)})"]
    for heading, items in _sections(obj):
        lines += ["", heading + ":"]
        for i, v in items:
            lines.append("")
            verdict = "holds" if holds(v) else "DOES NOT HOLD"
            lines.append(f'[{i}] "{shorten(v.quote.text)}" — {_claimed(v) or "nobody named"}: {verdict}')
            lines.extend("    " + line for line in explain(v).splitlines())
    return "\n".join(lines)


def _claimed(v: Verification) -> str | None:
    c = v.quote.speaker
    return c if isinstance(c, str) or c is None else c.name


# --------------------------------------------------------------------------- JSON


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def quote_to_dict(q: AttributedQuote) -> dict[str, Any]:
    """A JSON-ready dictionary of one extracted quote and what the story says about it.

    >>> import quoteverify as qv
    >>> q = qv.extract_quotes('Yin Qi said: "Technology is not to blame."')[0]
    >>> d = quote_to_dict(q)
    >>> d["text"], d["speaker"], d["cue"]["text"], d["span"]["start"]
    ('Technology is not to blame.', 'Yin Qi', 'said', 14)
    """
    return {
        "text": q.text,
        "span": _span(q.span),
        "parts": [_span(p) for p in q.parts],
        "speaker": q.speaker.name if q.speaker is not None else None,
        "speaker_registered": q.speaker.registered if q.speaker is not None else None,
        "speaker_mention": _span(q.speaker_mention),
        "cue": _span(q.cue),
        "framing": _span(q.framing),
        "direct": q.direct,
        "resolution": q.resolution,
        "uncertain": q.uncertain,
    }


def verification_to_dict(v: Verification) -> dict[str, Any]:
    """A JSON-ready dictionary with stable keys, valid against ``data/schema/verification-1.json``.

    >>> import quoteverify as qv
    >>> d = qv.verify("sell them a server", "We sell them a server.").to_dict()
    >>> d["fidelity"], d["location"]["start"], d["location"]["end"], d["holds"]
    ('verbatim', 3, 21, True)
    """
    loc = v.location
    att = v.attribution
    src = v.source
    return {
        "schema_version": SCHEMA_VERSION,
        "quote": v.quote.text,
        "claimed_speaker": _claimed(v),
        "fidelity": v.fidelity.value,
        "holds": holds(v),
        "source": None
        if src is None
        else {"title": src.title, "url": src.url, "format": src.format, "length": len(src.text)},
        "location": None
        if loc is None
        else {
            "start": loc.start,
            "end": loc.end,
            "text": loc.text,
            "score": loc.score,
            "method": loc.method,
            "fragments": [_span(f) for f in loc.fragments],
            "in_order": loc.in_order,
            "gaps": [
                {"characters": g.characters, "words": g.words, "sentences": g.sentences}
                for g in loc.gaps
            ],
            "ambiguous": loc.ambiguous,
            "occurrences": [_span(o) for o in loc.occurrences],
            "unmarked_splice": loc.unmarked_splice,
        },
        "edits": [
            {
                "kind": e.kind.value,
                "quote_text": e.quote_text,
                "source_text": e.source_text,
                "meaning": e.meaning,
                "reason": e.reason,
                "quote_start": e.quote_start,
                "quote_end": e.quote_end,
                "source_start": e.source_start,
                "source_end": e.source_end,
            }
            for e in v.edits
        ],
        "attribution": None
        if att is None
        else {
            "status": att.status.value,
            "speaker": att.speaker.name if att.speaker is not None else None,
            "turn": None
            if att.turn is None
            else {"index": att.turn.index, "label": att.turn.label, **(_span(att.turn.span) or {})},
            "crosses_turns": att.crosses_turns,
            "embedded": [_span(e.span) for e in att.embedded],
            "message": att.message,
        },
        "drift": [
            {
                "kind": f.kind,
                "severity": f.severity.value,
                "message": f.message,
                "source_spans": [_span(s) for s in f.source_spans],
                "story_spans": [_span(s) for s in f.story_spans],
            }
            for f in v.drift.findings
        ],
        "confidence": v.confidence,
        "evidence": [{"name": e.name, "weight": e.weight, "message": e.message} for e in v.evidence],
        "also_matched": [
            {
                "source_title": m.source.title,
                "start": m.location.start,
                "end": m.location.end,
                "fidelity": m.fidelity.value,
            }
            for m in v.also_matched
        ],
        "attributed": None if v.attributed is None else quote_to_dict(v.attributed),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """A JSON-ready dictionary of a report (``Report.to_dict()``): ``ok``, ``counts``, ``quotes`` in story order.

    Each quote entry is ``Verification.to_dict()`` plus ``story_span`` (the
    quote's span in the story, or None) and ``holds``.

    >>> d = report_to_dict(Report("No quotes here."))
    >>> d["ok"], d["quotes"], d["counts"]["fidelity"]["verbatim"]
    (True, [], 0)
    """
    quotes = []
    for v in report.verifications:
        d = verification_to_dict(v)
        a = v.attributed
        d["story_span"] = _span(a.span) if a is not None else None
        d["holds"] = holds(v)
        quotes.append(d)
    return {"ok": report.ok, "counts": report.counts, "quotes": quotes}


def report_to_json(report: Report, *, title: str | None = None) -> dict[str, Any]:
    """A JSON-ready dictionary of a story, valid against ``data/schema/report-1.json``.

    It is ``Report.to_dict()`` with ``schema_version``, ``title`` and the ``sources`` list added.

    >>> import quoteverify as qv
    >>> d = report_to_json(qv.check_article("No quotes here.", ["A source."]))
    >>> d["schema_version"], d["ok"], d["quotes"], d["sources"][0]["length"]
    ('1.0', True, [], 9)
    """
    base = report_to_dict(report)
    return {
        "schema_version": SCHEMA_VERSION,
        "title": title,
        **base,
        "sources": [
            {"title": s.title, "url": s.url, "format": s.format, "length": len(s.text)}
            for s in report.sources
        ],
    }


def json_schema(name: str = "verification") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) shipped with the package: ``verification``, ``report`` or ``quotes``.

    >>> json_schema("report")["$id"]
    'https://quoteverify.invalid/schema/report-1.json'
    """
    if name not in _SCHEMAS:
        msg = f"schema name must be one of {', '.join(_SCHEMAS)} (got {name!r})"
        raise ValueError(msg)
    path = resources.files("quoteverify") / "data" / "schema" / f"{name}-{SCHEMA_VERSION.split('.', maxsplit=1)[0]}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def to_json(obj: Verification | Report, *, title: str | None = None, indent: int | None = 2) -> str:
    """JSON text of a verification or a report (non-ASCII kept as is).

    >>> import quoteverify as qv
    >>> json.loads(to_json(qv.verify("印奇", "我是印奇。")))["location"]["text"]
    '印奇'
    """
    data = verification_to_dict(obj) if isinstance(obj, Verification) else report_to_json(obj, title=title)
    return json.dumps(data, ensure_ascii=False, indent=indent)


# --------------------------------------------------------------------------- Markdown


def _md(text: str | None) -> str:
    """Table-cell safe Markdown: one line, pipes and markup characters escaped."""
    if not text:
        return "—"
    flat = shorten(text)
    out = []
    for ch in flat:
        if ch in "\\|*_`[]<":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _md_row(i: int, v: Verification) -> str:
    notes = [describe_edit(e) for e in v.edits if not (e.kind is EditKind.CASE and not e.meaning)]
    notes += [f"drift {f.kind} ({f.severity.value}): {f.message}" for f in v.drift.findings]
    if v.attribution is not None and v.attribution.status.value != "confirmed":
        notes.append(v.attribution.message)
    att = v.attribution.status.value if v.attribution is not None else None
    fid = v.fidelity.value if holds(v) else f"**{v.fidelity.value}**"
    cells = [
        str(i),
        _md(v.quote.text),
        _md(_claimed(v)),
        fid,
        _md(att) if att != "misattributed" else "**misattributed**",
        _md(v.location.text if v.location is not None else None),
        "; ".join(_md(n) for n in notes) or "—",
    ]
    return "| " + " | ".join(cells) + " |"


_MD_HEAD = (
    "| # | quote | speaker | wording | attribution | source wording | notes |\n"
    "|---|---|---|---|---|---|---|"
)


def to_markdown(obj: Verification | Report, *, title: str | None = None) -> str:
    """A Markdown table: one row per quote with its verdicts, the two wordings and the edits in words.

    For a story, a heading and a summary line come first, then a section of
    the quotes that do not hold (worst first) and one of those that hold
    (story order); ``#`` is the quote's number in the story.

    >>> import quoteverify as qv
    >>> statement = qv.Source("Technology is not to blame.", speaker=qv.Speaker("Yin Qi"))
    >>> r = qv.check_article('Yin Qi said: "Technology is | not to blame."', [statement])
    >>> print(to_markdown(r, title="story.md"))
    ## story.md
    <BLANKLINE>
    1 quote, ...
    <BLANKLINE>
    ### Hold (1), in story order
    <BLANKLINE>
    | # | quote | speaker | wording | attribution | source wording | notes |
    |---|---|---|---|---|---|---|
    | 1 | Technology is \\| not to blame. | Yin Qi | ...
    """
    if isinstance(obj, Verification):
        return _MD_HEAD + "\n" + _md_row(1, obj)
    bad = sum(not holds(v) for v in obj.verifications)
    lines = []
    if title:
        lines += [f"## {_md(title)}", ""]
    lines.append(_headline(len(obj.verifications), bad) + f" ({_md(tally(obj))}).")
    for heading, items in _sections(obj):
        lines += ["", f"### {heading}", "", _MD_HEAD]
        lines += [_md_row(i, v) for i, v in items]
    return "\n".join(lines)


def quotes_to_markdown(quotes: Sequence[AttributedQuote]) -> str:
    """A Markdown table of extracted quotes: text, speaker, cue, where in the story."""
    lines = ["| # | quote | speaker | as named | cue | story offsets |", "|---|---|---|---|---|---|"]
    for i, q in enumerate(quotes, 1):
        cells = [
            str(i),
            _md(q.text),
            _md(q.speaker.name if q.speaker else None),
            _md(q.speaker_mention.text if q.speaker_mention else None),
            _md(q.cue.text if q.cue else None),
            f"{q.span.start}–{q.span.end}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def quotes_to_text(quotes: Sequence[AttributedQuote]) -> str:
    """Extracted quotes as plain text, one block per quote.

    >>> import quoteverify as qv
    >>> print(quotes_to_text(qv.extract_quotes('Yin Qi said: "Technology is not to blame."')))
    [1] story[14:41] "Technology is not to blame."
        speaker  Yin Qi (named "Yin Qi", cue "said")
    """
    if not quotes:
        return "no quotes found"
    lines = []
    for i, q in enumerate(quotes, 1):
        lines.append(f'[{i}] story[{q.span.start}:{q.span.end}] "{shorten(q.text)}"')
        who = q.speaker.name if q.speaker else "nobody named"
        how = []
        if q.speaker_mention is not None:
            how.append(f'named "{shorten(q.speaker_mention.text)}"')
        if q.cue is not None:
            how.append(f'cue "{q.cue.text}"')
        if q.uncertain:
            how.append("uncertain")
        if not q.direct:
            how.append("indirect")
        lines.append(f"    speaker  {who}" + (f" ({', '.join(how)})" if how else ""))
    return "\n".join(lines)


# --------------------------------------------------------------------------- HTML

_CSS = """
:root{--ins:#e6ffec;--del:#ffebe9;--mean:#b42318;--mark:#fff3bf;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;
margin:0;padding:12px;color:#1f2328;background:#fff;max-width:1100px;margin-inline:auto}
h1{font-size:1.3rem;margin:.2em 0}
h2.section{font-size:1.05rem;margin:1.2em 0 .5em}
.summary{color:var(--muted);margin:0 0 1em}
.quote{border:1px solid var(--line);border-radius:8px;padding:10px 12px;margin:0 0 14px;
overflow-wrap:anywhere}
.quote.fails{border-left:6px solid var(--mean)}
.quote.holds{border-left:6px solid #1a7f37}
.head{display:flex;flex-wrap:wrap;gap:6px;align-items:baseline;margin-bottom:6px}
.badge{display:inline-block;border-radius:999px;padding:0 8px;font-size:.85rem;border:1px solid var(--line)}
.badge.bad{background:var(--del);border-color:#ffcecb}
.badge.good{background:var(--ins);border-color:#aceebb}
.who{font-weight:600}
.grid{display:grid;grid-template-columns:1fr;gap:8px}
@media (min-width:760px){.grid{grid-template-columns:1fr 1fr}.grid.with-drift{grid-template-columns:1fr 1fr 1fr}}
.pane{background:#f6f8fa;border-radius:6px;padding:6px 8px}
.pane h3{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:0 0 4px}
ins{background:var(--ins);text-decoration:none;border-bottom:2px solid #1a7f37}
del{background:var(--del);text-decoration:line-through}
.chg{background:#fff8c5;border-bottom:2px solid #9a6700}
.cos{border-bottom:1px dotted var(--muted)}
.meaning{outline:2px solid var(--mean);border-radius:2px;font-weight:600}
mark{background:var(--mark);padding:0}
.context{color:var(--muted);white-space:pre-wrap;font-size:.92rem}
.context mark{color:#1f2328}
ul{margin:.2em 0;padding-left:1.2em}
.drift li.serious,.notes li.serious{color:var(--mean);font-weight:600}
details{margin-top:6px}
summary{cursor:pointer;color:var(--muted)}
pre{white-space:pre-wrap;font-size:.85rem;margin:.3em 0}
.legend{font-size:.85rem;color:var(--muted);margin-bottom:1em}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _segments(
    text: str, base: int, ranges: Iterable[tuple[int, int, str]]
) -> str:
    """``text`` (which starts at offset ``base``) with each ``(start, end, cls)`` range marked.

    Classes of overlapping ranges are combined; ``ins``/``del`` become <ins>/<del>
    elements, ``mark`` a <mark>, anything else a <span class>. All text is escaped.
    Linear in the text plus n log n in the number of ranges.
    """
    n = len(text)
    cuts = {0, n}
    clean: list[tuple[int, int, str]] = []
    for s, e, cls in ranges:
        s2, e2 = max(0, s - base), min(n, e - base)
        if e2 > s2:
            clean.append((s2, e2, cls))
            cuts.update((s2, e2))
    points = sorted(cuts)
    starts: dict[int, list[tuple[int, str]]] = {}
    for s, e, cls in clean:
        starts.setdefault(s, []).append((e, cls))
    active: list[tuple[int, str]] = []
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        active = [(e, c) for e, c in active if e > a] + starts.get(a, [])
        piece = _esc(text[a:b])
        classes = sorted({c for _, c in active})
        if not classes:
            out.append(piece)
            continue
        inner = [c for c in classes if c not in ("ins", "del", "mark")]
        if inner:
            piece = f'<span class="{" ".join(inner)}">{piece}</span>'
        for tag in ("ins", "del", "mark"):
            if tag in classes:
                piece = f"<{tag}>{piece}</{tag}>"
        out.append(piece)
    return "".join(out)


def _edit_class(kind: EditKind, side: str) -> str:
    if kind is EditKind.INSERT:
        return "ins"
    if kind is EditKind.DELETE:
        return "del"
    if kind is EditKind.REPLACE:
        return "chg"
    return "cos"


def _quote_html(v: Verification) -> str:
    ranges = []
    for e in v.edits:
        if e.quote_start is None or e.quote_end is None:
            continue
        ranges.append((e.quote_start, e.quote_end, _edit_class(e.kind, "quote")))
        if e.meaning:
            ranges.append((e.quote_start, e.quote_end, "meaning"))
    return _segments(v.quote.text, 0, ranges)


def _source_ranges(v: Verification) -> list[tuple[int, int, str]]:
    ranges = []
    loc = v.location
    if loc is not None:
        frags = loc.fragments or (loc.span,)
        ranges += [(f.start, f.end, "mark") for f in frags]
    for e in v.edits:
        if e.source_start is None or e.source_end is None:
            continue
        ranges.append((e.source_start, e.source_end, _edit_class(e.kind, "source")))
        if e.meaning:
            ranges.append((e.source_start, e.source_end, "meaning"))
    return ranges


def _verdict_badges(v: Verification) -> str:
    good = holds(v)
    fid = v.fidelity.value.replace("_", " ")
    out = [f'<span class="badge {"good" if good else "bad"}">{_esc(fid)}</span>']
    if v.attribution is not None:
        st = v.attribution.status.value
        cls = "bad" if st == "misattributed" else "good" if st == "confirmed" else ""
        out.append(f'<span class="badge {cls}">{_esc(st)}</span>')
    if v.confidence is not None:
        out.append(f'<span class="badge">confidence {v.confidence:.2f}</span>')
    return " ".join(out)


def _card(i: int, v: Verification) -> str:
    who = _claimed(v) or "nobody named"
    good = holds(v)
    parts = [
        f'<section class="quote {"holds" if good else "fails"}" id="q{i}">',
        f'<div class="head"><span>#{i}</span><span class="who">{_esc(who)}</span>{_verdict_badges(v)}</div>',
    ]
    drift = v.drift.findings
    panes = [
        f'<div class="pane"><h3>Story says</h3><div class="wording">{_quote_html(v)}</div></div>'
    ]
    if v.location is not None and v.source is not None:
        src = v.source.text
        loc = v.location
        ranges = _source_ranges(v)
        lo = max(0, loc.start - _CONTEXT_CHARS)
        hi = min(len(src), loc.end + _CONTEXT_CHARS)
        title = v.source.title or "source"
        ctx = ("…" if lo > 0 else "") + _segments(src[lo:hi], lo, ranges) + ("…" if hi < len(src) else "")
        panes.append(
            f'<div class="pane"><h3>Source: {_esc(title)} [{loc.start}:{loc.end}]</h3>'
            f'<div class="wording">{_segments(loc.text, loc.start, ranges)}</div>'
            f'<details><summary>context</summary><div class="context">{ctx}</div></details></div>'
        )
    else:
        panes.append(
            '<div class="pane"><h3>Source</h3><div class="wording">'
            "not found in the given sources (which is not the same as fabricated)</div></div>"
        )
    if drift:
        items = "".join(
            f'<li class="{_esc(f.severity.value)}"><b>{_esc(f.kind)}</b> ({_esc(f.severity.value)}): '
            f"{_esc(f.message)}</li>"
            for f in drift
        )
        panes.append(f'<div class="pane drift"><h3>Context drift</h3><ul>{items}</ul></div>')
    parts.append(f'<div class="grid{" with-drift" if drift else ""}">{"".join(panes)}</div>')
    notes = [(describe_edit(e), e.meaning) for e in v.edits]
    if v.attribution is not None and v.attribution.message:
        notes.append((v.attribution.message, v.attribution.status.value == "misattributed"))
    if notes:
        items = "".join(('<li class="serious">' if bad else "<li>") + f"{_esc(n)}</li>" for n, bad in notes)
        parts.append(f'<ul class="notes">{items}</ul>')
    parts.append(f"<details><summary>How this was decided</summary><pre>{_esc(explain(v))}</pre></details>")
    parts.append("</section>")
    return "\n".join(parts)


def to_html(obj: Verification | Report, *, title: str | None = None) -> str:
    """A self-contained HTML page (no external assets, readable on a phone).

    Each quote shows its wording next to the source's, insertions (<ins>),
    deletions (<del>) and meaning-bearing edits (``class="meaning"``) marked,
    the source context with the matched span in <mark>, drift findings
    beside it, the edits in words, and "How this was decided" (``explain()``)
    folded away. A story lists the quotes that do not hold first (worst
    first), then those that hold (story order), under a heading each; every
    quote keeps its number in the story. Every piece of user text is escaped.

    >>> import quoteverify as qv
    >>> page = to_html(qv.verify("We have access", "<Q&A> We don't have access."))
    >>> "&lt;Q&amp;A&gt;" in page and "<Q&A>" not in page
    True
    >>> '<del><span class="meaning">don&#x27;t</span></del>' in page
    True
    """
    items = [obj] if isinstance(obj, Verification) else list(obj.verifications)
    heading = title or ("quoteverify report" if not isinstance(obj, Verification) else "quoteverify")
    summary = _headline(len(items), sum(not holds(v) for v in items))
    if isinstance(obj, Report):
        summary += f" ({tally(obj)})"
        cards = "\n".join(
            f'<h2 class="section">{_esc(name)}</h2>\n' + "\n".join(_card(i, v) for i, v in group)
            for name, group in _sections(obj)
        )
    else:
        cards = _card(1, obj)
    legend = (
        '<p class="legend"><ins>added</ins> · <del>left out</del> · <span class="chg">changed</span> · '
        '<span class="cos">cosmetic</span> · <span class="meaning">changes meaning</span> · '
        "<mark>matched in source</mark></p>"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(heading)}</title>\n<style>{_CSS}</style></head>\n<body>\n"
        f"<h1>{_esc(heading)}</h1>\n<p class=\"summary\">{_esc(summary)}</p>\n{legend}\n"
        f"{cards}\n</body></html>\n"
    )


# --------------------------------------------------------------------------- Web Annotation


def _source_id(v: Verification) -> str:
    src = v.source
    assert src is not None
    if src.url:
        return src.url
    digest = hashlib.sha256(src.text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"urn:sha256:{digest}"


def _selectors(text: str, span: Span) -> list[dict[str, Any]]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": span.text,
            "prefix": text[max(0, span.start - _SELECTOR_AFFIX) : span.start],
            "suffix": text[span.end : span.end + _SELECTOR_AFFIX],
        },
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ]


def _annotation(v: Verification, n: int) -> dict[str, Any] | None:
    loc, src = v.location, v.source
    if loc is None or src is None:
        return None
    frags = loc.fragments or (loc.span,)
    source_id = _source_id(v)
    targets = [{"source": source_id, "selector": _selectors(src.text, f)} for f in frags]
    tag = v.fidelity.value
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "assessing", "format": "text/plain", "value": explain(v)},
        {"type": "TextualBody", "purpose": "tagging", "value": f"quoteverify:{tag}"},
    ]
    if v.attribution is not None:
        bodies.append(
            {"type": "TextualBody", "purpose": "tagging", "value": f"quoteverify:{v.attribution.status.value}"}
        )
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": f"urn:quoteverify:annotation:{n}",
        "type": "Annotation",
        "motivation": "assessing",
        "body": bodies,
        "target": targets[0] if len(targets) == 1 else targets,
    }


def to_annotations(obj: Verification | Report) -> dict[str, Any]:
    """W3C Web Annotations for every located quote, as one ``AnnotationPage``.

    Each annotation targets the source (its ``url``, else ``urn:sha256:`` of its text)
    with a ``TextQuoteSelector`` (exact, prefix, suffix) and a ``TextPositionSelector``
    (code-point offsets); a spliced quote has one target per fragment. Quotes that were
    not found have nothing to anchor and are left out.

    >>> import quoteverify as qv
    >>> page = to_annotations(qv.verify("sell them a server", "We sell them a server."))
    >>> page["items"][0]["target"]["selector"]
    [{'type': 'TextQuoteSelector', 'exact': 'sell them a server', 'prefix': 'We ', 'suffix': '.'}, {'type': 'TextPositionSelector', 'start': 3, 'end': 21}]
    """
    items = [obj] if isinstance(obj, Verification) else list(obj.verifications)
    annotations = [a for i, v in enumerate(items, 1) if (a := _annotation(v, i)) is not None]
    return {
        "@context": ANNOTATION_CONTEXT,
        "type": "AnnotationPage",
        "items": annotations,
    }


# --------------------------------------------------------------------------- rich


def _rich_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[")


def to_rich_markup(v: Verification) -> str:
    """``explain()`` as rich console markup (user text escaped); used by ``Verification.__rich__``.

    >>> import quoteverify as qv
    >>> print(to_rich_markup(qv.verify("[sic] x y", "a b c")))
    [bold red]not found[/] "\\[sic] x y"
    ...
    """
    fid = v.fidelity
    color = "green" if holds(v) else "red"
    head = f'[bold {color}]{fid.value.replace("_", " ")}[/] "{_rich_escape(shorten(v.quote.text))}"'
    if fid is Fidelity.NOT_FOUND:
        head += "\n[dim]not found in the given sources (not necessarily fabricated)[/]"
    body = _rich_escape(explain(v))
    return head + "\n" + body
