"""The transcript layouts newsrooms receive, each as a pattern for the line that opens a turn.

A layout is a *header* pattern matched at the start of a line (``re.M``): the speaker's label,
optional time, and where the words start (on the same line, or the next). Every turn runs from
its header's words to the next header, so paragraphs inside a turn stay in it. Detection
counts each layout's headers in the text and picks the one that explains it best.

>>> [h.label for h in find_headers("Dana Roe: (00:02)\\nHello.\\nAl Poe: (00:05)\\nHi.", "rev")]
['Dana Roe', 'Al Poe']
>>> guess_layout("Dana Roe  0:02\\nHello there.\\n\\nAl Poe  0:05\\nHi.").name
'otter'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, NamedTuple

import regex  # type: ignore[import-untyped,unused-ignore]

from ._text import alternation
from .vocabulary import (
    BRIEFING_TITLES,
    CHAMBER_VOICES,
    CONGRESS_OFFICES,
    HEARING_TITLES,
    NAME_PARTICLES,
    PARLIAMENT_HONORIFICS,
    PARLIAMENT_OFFICES,
    RECORD_HONORIFICS,
    TITLE_JOINERS,
)

__all__ = ["CHAMBER_LABEL", "LAYOUTS", "FormatGuess", "Header", "Layout", "find_headers", "guess_layout"]

# A name as a transcript writes it: capitalised words, initials, particles, hyphens and
# apostrophes ("Ann E. Smith", "Mary O'Neill-Diaz", "Ursula von der Leyen", "印奇").
_NAME_WORD = rf"(?:(?:\p{{Lu}}\.){{2,3}}|\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*\.?|\p{{Lo}}+|(?:{alternation(NAME_PARTICLES)})\b)"
_NAME = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,5}}(?:,?[ ](?:Jr|Sr|II|III|IV)\.?)?"  # "John G. Roberts, Jr."
_TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# A job title or firm after a dash in an earnings call ("Chief Financial Officer", "Halden
# Securities & Co."): capitalised words with a few joining words, never running prose.
_JOB_WORD = r"[\p{Lu}\d&][\p{L}\p{M}\d.&'’\-/()]*"
_JOB_TITLE = rf"{_JOB_WORD}(?:,?[ \t\u00a0]+(?:{_JOB_WORD}|{alternation(TITLE_JOINERS)})){{0,11}}"
# A label in capitals before a colon ("THE VICE PRESIDENT:", "SECRETARY BLINKEN:", "AUDIENCE
# MEMBER:"), as official transcripts write every speaker; two letters at least (an interview's
# "Q:" and "A:" are the plain transcript's).
_CAPS_LABEL = r"\p{Lu}[\p{Lu}\p{M}.'’\-]+(?:[ \u00a0]\p{Lu}[\p{Lu}\p{M}.'’\-]*){0,5}"
_SP = r"[\t\p{Zs}]"  # a space, a tab, a no-break space (web transcripts are full of them)
# The rest of an office's name ("... for Health and Social Care"): capitalised words and the small
# words between them, never a verb ("The Prime Minister recently stated:" is prose).
_OFFICE_TAIL = rf"(?:{_SP}(?:\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*|{alternation(TITLE_JOINERS)})){{0,10}}(?:{_SP}pro{_SP}tempore)?"
# A label opening with a title and a full stop ("Mr. ", "Right Hon. "): Canada's, with a colon.
_DOTTED = regex.compile(
    rf"(?:(?:{alternation(PARLIAMENT_HONORIFICS)})\.?{_SP})?"
    rf"(?:{alternation(RECORD_HONORIFICS | PARLIAMENT_HONORIFICS)})\.{_SP}"
)
# An office in capitals, as Australia's Hansard sets it ("The SPEAKER", "The DEPUTY SPEAKER").
_OFFICES_CAPS = alternation({office.upper() for office in PARLIAMENT_OFFICES if "." not in office})
# The chamber speaking as a body ("Some hon. members", "An hon. member"): a turn, no one's.
CHAMBER_LABEL = alternation(CHAMBER_VOICES).replace(r"\.", r"\.?")


class Header(NamedTuple):
    """One turn header: the label as written (and its span), the words' start, time, role."""

    label: str
    label_start: int
    label_end: int
    content: int  # where the words start (the header line's end when they follow on the next)
    time: float | None
    role: str | None  # "question", "answer", "examiner", "witness" or None


class Layout(NamedTuple):
    """A transcript layout: its name, what it looks like, and the pattern of its headers."""

    name: str
    description: str
    header: regex.Pattern[str]
    weight: float  # how specific one header is: a loose pattern needs more of them


class FormatGuess(NamedTuple):
    """What :func:`guess_layout` picked, how sure it is (0-1), and why."""

    name: str
    confidence: float
    reason: str


def _compile(pattern: str) -> regex.Pattern[str]:
    # matched against one line at a time (see find_headers): a line is read from its start
    return regex.compile(pattern, regex.V0)


_LONGEST_HEADER = 400  # a header line with nothing after it is never longer than this


#: Every layout, most specific first (a tie goes to the earlier one).
LAYOUTS: Final[dict[str, Layout]] = {
    layout.name: layout
    for layout in (
        Layout(
            "rev",
            "Rev.com and similar: 'Name: (01:20)' or 'Name: [00:01:20]' or 'Name:' alone on a "
            "line, the words on the lines below",
            _compile(
                rf"^(?:\*\*)?(?P<label>{_NAME}|Speaker{_SP}\d+)(?:\*\*)?:(?:\*\*)?{_SP}*"
                rf"(?:[(\[](?P<time>{_TIME})[)\]])?[ \t\r]*$"
            ),
            1.0,
        ),
        Layout(
            "otter",
            "Otter.ai, Descript, Trint and podcasts: 'Name  0:03', 'Name 00:00:05-00:00:14 "
            "(9 sec)', '**Name** [0:00]', 'Name [0:00]', 'Name (00:00:05):' or '*Name (0:05)*' "
            "on a line, the words below",
            _compile(
                rf"^(?:\*\*|\*)?(?P<label>{_NAME}|Speaker{_SP}\d+)(?:\*\*)?"
                rf"(?:{_SP}{{2,}}|{_SP}*[\[(]|{_SP}+)(?P<time>{_TIME})[\])]?"
                rf"(?:{_SP}*-{_SP}*{_TIME}(?:{_SP}*\(\d+{_SP}*sec\))?)?(?:\*\*|\*)?:?[ \t\r]*$"
            ),
            1.0,
        ),
        Layout(
            "markdown",
            "Markdown transcripts and podcast notes: '**Jane Roe:** words' on one line",
            _compile(
                rf"^\*\*(?P<label>{_NAME}|Speaker{_SP}\d+)(?::\*\*|\*\*:)"
                rf"(?:{_SP}*[\[(](?P<time>{_TIME})[)\]])?{_SP}+(?P<content>\S)"
            ),
            1.0,
        ),
        Layout(
            "congressional",
            "US Congressional Record: '  Mr. SMITH. words', 'The SPEAKER pro tempore. words'",
            _compile(
                rf"^{_SP}*(?P<label>(?:{alternation(RECORD_HONORIFICS)})\.{_SP}\p{{Lu}}[\p{{Lu}}'’\-]+"
                rf"(?:{_SP}of{_SP}\p{{Lu}}[\p{{L}}]+)?"
                rf"|The{_SP}(?:{alternation(CONGRESS_OFFICES)})"
                rf"(?:{_SP}pro{_SP}tempore)?)\.{_SP}+(?P<content>\S)"
            ),
            1.0,
        ),
        Layout(
            "hearing",
            "Printed committee hearings (GPO): an indented paragraph opening 'Chairwoman "
            "Whitfield.', 'Mr. Osei.', 'Mr. Garcia of Illinois.', 'The Chairman.' or 'The CHAIRMAN.'",
            _compile(
                rf"^{_SP}{{2,8}}(?P<label>The{_SP}(?:Chairman|Chairwoman|Chair|Clerk|Presiding{_SP}Officer"
                rf"|CHAIRMAN|CHAIRWOMAN|CHAIR|CLERK|PRESIDING{_SP}OFFICER)"  # older hearings: capitals
                rf"|(?:(?:{alternation(HEARING_TITLES)}){_SP}|(?:Mr|Mrs|Ms|Miss|Dr|Hon)\.{_SP})"
                rf"\p{{Lu}}[\p{{L}}\p{{M}}'’\-]+(?:{_SP}\p{{Lu}}[\p{{L}}\p{{M}}'’\-]+)?"
                rf"(?:{_SP}of{_SP}\p{{Lu}}[\p{{L}}]+(?:{_SP}\p{{Lu}}[\p{{L}}]+)?)?)"
                rf"\.{_SP}+(?P<content>\S)"
            ),
            1.0,
        ),
        Layout(
            "hansard",
            "Hansard: a name line ('Mr Tobias Fenn (Westmoor) (Lab)', 'The Prime Minister "
            "(Helen Carradine)', 'The Prime Minister'), the speech below; in Canada's, a colon "
            "ends it ('Hon. Jane Doe (Minister of Industry, Lib.):', 'The Acting Speaker (Mr. "
            "Roe):', 'Some hon. members:') and the speech may follow on the same line",
            _compile(
                rf"^(?P<label>(?:The{_SP}(?:{alternation(PARLIAMENT_OFFICES)}|{_OFFICES_CAPS}){_OFFICE_TAIL}"
                rf"|{CHAMBER_LABEL}"
                rf"|(?:(?:{alternation(PARLIAMENT_HONORIFICS)})\.?{_SP})?"
                rf"(?:{alternation(RECORD_HONORIFICS)})\.?{_SP}{_NAME}"
                rf"|(?:{alternation(PARLIAMENT_HONORIFICS)})\.?{_SP}{_NAME})"
                # "(Westmoor)", "(Helen Carradine)", "(Secretary of State (Amateur Sport), Lib.)"
                rf"(?:{_SP}\((?P<name>(?:[^()\n]|\([^()\n]{{1,60}}\)){{1,120}})\))?(?:{_SP}\([^()\n]{{1,40}}\))?)"
                # the speech below; or after the colon when the label has its brackets
                # ("Hon. Anne Doe (Leader of the Government) :" in the Senate's debates)
                # (Australia's: "Mr OKAFOR (Lakeside) (14:03): words", "The SPEAKER: Order!")
                rf"(?:(?:{_SP}?:)?[ \t\r]*$|(?<=\)|^The{_SP}\p{{Lu}}(?:\p{{Lu}}|{_SP})+){_SP}?:{_SP}+(?P<content>\S))"
            ),
            1.0,
        ),
        Layout(
            "deposition",
            "Depositions and court: 'BY MR. JONES:' then 'Q.' and 'A.' lines; the witness "
            "named in a header",
            _compile(
                rf"^{_SP}*(?:(?P<by>BY{_SP}(?P<examiner>(?:{alternation(BRIEFING_TITLES)})\.{_SP}[\p{{Lu}}'’\-]+"
                rf"(?:{_SP}[\p{{Lu}}'’\-]+)?)):[ \t\r]*$"
                rf"|(?P<label>Q|A)\.{_SP}+(?P<content>\S))"
            ),
            2.0,
        ),
        Layout(
            "earnings",
            "Earnings calls: 'Operator' or 'Name -- Title' or 'Name - Company - Title' alone on "
            "a line, the words below",
            _compile(
                rf"^(?P<label>Operator|{_NAME}(?:{_SP}+(?:--|–|—|-){_SP}+{_JOB_TITLE}){{1,2}})"
                rf"[ \t\r]*$"
            ),
            1.0,
        ),
        Layout(
            "briefing",
            "Briefings: 'MS. PSAKI: words' with reporters' questions as 'Q', 'Q:' or "
            "'QUESTION:' lines",
            _compile(
                rf"^{_SP}*(?:(?P<label>(?:{alternation(BRIEFING_TITLES)})\.?{_SP}"
                rf"[\p{{Lu}}'’\-]+(?:{_SP}[\p{{Lu}}'’\-]+)?|Q|QUESTION|THE{_SP}PRESIDENT)"
                rf"(?::{_SP}*|{_SP}{{2,}}|{_SP}+(?=[^\p{{Ll}}\s]))"  # "Q Thanks", "Q -- and", "Q   and"
                rf"|(?P<label>{_CAPS_LABEL}):{_SP}*)(?P<content>\S|$)"  # "THE VICE PRESIDENT: Thank you"
            ),
            1.0,
        ),
    )
}

def _seconds(time: str | None) -> float | None:
    if not time:
        return None
    parts = time.replace(",", ".").split(":")
    total = 0.0
    for p in parts:
        total = total * 60 + float(p)
    return total


def _line_matches(
    text: str, pattern: regex.Pattern[str], *, whole_line: bool
) -> Iterator[tuple[regex.Match[str], int]]:
    """Each line's match of ``pattern`` at its start, with the line's offset. One ``match`` per
    line (a line too long to be a header alone is skipped when the header is the whole line):
    several times faster than a multi-line search, which tries every position."""
    pos = 0
    match = pattern.match
    for line in text.split("\n"):
        if line and (not whole_line or len(line) <= _LONGEST_HEADER):
            m = match(line)
            if m is not None:
                yield m, pos
        pos += len(line) + 1


def find_headers(text: str, layout: str) -> list[Header]:
    """The turn headers of ``text`` read as ``layout`` (a name in :data:`LAYOUTS`).

    >>> [(h.label, h.role) for h in find_headers("BY MR. JONES:\\n Q. Name?\\n A. Carol.", "deposition")]
    [('MR. JONES', 'by'), ('Q', 'examiner'), ('A', 'witness')]
    """
    spec = LAYOUTS[layout]
    out: list[Header] = []
    has_content = "content" in spec.header.groupindex
    has_time = "time" in spec.header.groupindex
    questions = layout == "briefing"  # a reporter's Q line, never the official's
    for m, pos in _line_matches(text, spec.header, whole_line=not has_content):
        if layout == "deposition":
            if m.group("by"):
                # an examiner line: remembered by the turns it opens (Q is the examiner's)
                out.append(
                    Header(
                        m.group("examiner"), pos + m.start("examiner"), pos + m.end("examiner"), -1, None, "by"
                    )
                )
                continue
            side = "examiner" if m.group("label") == "Q" else "witness"
            out.append(
                Header(
                    "Q" if side == "examiner" else "A",
                    pos + m.start("label"),
                    pos + m.end("label") + 1,
                    pos + m.start("content"),
                    None,
                    side,
                )
            )
            continue
        label = m.group("label")
        start, end = m.span("label")
        content = m.start("content") if has_content and m.group("content") else m.end()
        start, end, content = start + pos, end + pos, content + pos
        time = _seconds(m.group("time")) if has_time else None
        role = "question" if questions and label in ("Q", "QUESTION") else None
        out.append(Header(label, start, end, content, time, role))
    if layout == "hansard" and out:
        # A Hansard sets every speaker one way. The UK's writes a name line with no stops ("Mr
        # Tobias Fenn (Westmoor) (Lab)"); Canada's ends it with a colon ("Hon. Jane Doe (Minister
        # of Industry, Lib.):"), so a line "Mr. Goldstein." with neither is speech. Where most
        # labels end in a colon, a name line without one is the list of contents or a heading.
        colon = [":" in text[h.label_end : text.find("\n", h.label_end) % (len(text) + 1)] for h in out]
        most = sum(colon) * 3 >= len(out) * 2
        out = [h for h, c in zip(out, colon, strict=True) if c or not (most or _DOTTED.match(h.label))]
    return out


def guess_layout(text: str, *, sample: int = 200_000) -> FormatGuess:
    """The layout whose headers explain ``text`` best, or ``plain`` when none does.

    Reads the first ``sample`` characters. A layout needs two headers or more, at least two
    distinct labels (or a Q/A exchange), and words between its headers.

    >>> guess_layout("  Mr. SMITH. I rise today.\\n  Ms. LEE. Will the gentleman yield?").name
    'congressional'
    """
    head = text[:sample]
    lines = max(1, sum(1 for line in head.splitlines() if line.strip()))
    best = FormatGuess("plain", 0.0, "no layout's turn headers found")
    best_score = 0.0
    for name, spec in LAYOUTS.items():
        headers = [h for h in find_headers(head, name) if h.role != "by"]
        labels = {h.label.casefold() for h in headers}
        if len(headers) < 2 or (len(labels) < 2 and name != "deposition"):
            continue
        if name == "briefing" and (len(labels - {"q", "question"}) < 1 or labels <= (labels - {"q", "question"})):
            continue  # officials and reporters' questions, both
        score = len(headers) * spec.weight
        share = len(headers) / lines
        if score > best_score:
            best_score = score
            confidence = min(0.99, 0.5 + 0.1 * len(headers) + 0.3 * min(1.0, share * 2))
            best = FormatGuess(
                name,
                round(confidence, 2),
                f"{len(headers)} {name} turn headers, {len(labels)} labels",
            )
    return best
