"""The catalogue of hostile texts, shared by the adversarial tests and benchmarks/worst_case.py.

Each entry is built by a function of ``scale`` (1 = the small size the tests use; the
benchmark grows it 10x and 100x and also asks for the full sizes of the issue: 10 MB on
one line, a million short lines, 200,000 repeated words, 10,000 quote marks). The texts
are built around the Megvii story so that a realistic quote has a chance to be found in
them.
"""

from __future__ import annotations

from collections.abc import Callable

QUOTE = "We don't have access to the data"
SENTENCE = "XIE YINAN: We don't have access to the data. What we do is sell them a server. That's all."
STORY = (
    'Xie Yinan, vice president of Megvii, said: "We don\'t have access to the data." '
    'Yin Qi said “technology is definitely not to blame.”\n'
)

# Full sizes named in the issue; the tests use the ``small`` ones.
FULL = {"one_line_bytes": 10_000_000, "short_lines": 1_000_000, "repeats": 200_000, "marks": 10_000}
SMALL = {"one_line_bytes": 100_000, "short_lines": 10_000, "repeats": 2_000, "marks": 1_000}


def _rep(unit: str, chars: int) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


def _one_line(n: int) -> str:
    return _rep("we don't have access to the data, what we do is sell them a server ", n)


def _short_lines(n: int) -> str:
    return "\n".join(f"Q{i % 7}: ok" for i in range(n))


def _repeated_word(n: int) -> str:
    return " ".join(["data"] * n)


def _quote_marks(n: int) -> str:
    return _rep('"“”«»„「」\'', n)


def _nested(n: int) -> str:
    depth = max(1, n // 10)
    return "He said " + '“She said ‘They said "' * depth + "yes" + '" ’ ”' * depth + "."


# name -> (builder, what it is). Builders take the *base size* for that kind of text.
CASES: dict[str, Callable[[int], str]] = {
    "empty": lambda n: "",
    "whitespace": lambda n: " \t\n\r\u00a0\u2003\u3000" * 3,
    "lone_surrogates": lambda n: f"\ud800{QUOTE}\udfff and \udc00 alone.",
    "nul_and_controls": lambda n: f"\x00{QUOTE}\x00\x01\x07\x1b[31m\x7f\x85\x9b.",
    "bom": lambda n: f"\ufeff{SENTENCE}\ufeffXIE YINAN: \ufeffThat's all.",
    "crlf_and_lone_cr": lambda n: SENTENCE.replace(". ", ".\r\n") + "\rYIN QI: fine.\r\r\n",
    "bidi": lambda n: f"\u202e{QUOTE}\u202c \u2066XIE YINAN\u2069: \u200fok\u200e \u202dx\u202c",
    "zero_width": lambda n: QUOTE.replace(" ", " \u200d").replace("a", "a\u200b\u2060") + " \u200c👨\u200d👩\u200d👧",
    "combining_stack": lambda n: "Z" + "\u0301\u0302\u0303\u0308\u0323" * 200 + f" {QUOTE} e\u0301" * 3,
    "emoji": lambda n: f"👍🏽 {QUOTE} 🇨🇳 🏳️‍🌈 👩‍💻 " * 5,
    "mixed_scripts": lambda n: f"印奇说：「技术绝对没有错。」 Xie said {QUOTE}. قال المتحدث «لا» Он сказал «нет».",
    "homoglyphs": lambda n: "Wе dоn't hаvе ассеss tо thе dаtа",  # Cyrillic е о а с
    "html_markdown": lambda n: (
        f"<p>&ldquo;{QUOTE}&rdquo;</p><script>alert('x')</script>\n# **{QUOTE}** [link](http://x)\n"
        "> > nested *quote* `code` <!-- c --> &amp;&#39;&#x201c; ![img](a.png)"
    ),
    "one_line": _one_line,
    "short_lines": _short_lines,
    "repeated_word": _repeated_word,
    "quote_marks": _quote_marks,
    "nested_quotes": _nested,
    "numbered_margins": lambda n: " 1  MR. X: y\n 2  z\n" * max(1, n // 12),
    # many short paragraphs of dialogue and not one colon (a label looked for with no end bound
    # scanned to the end of the text for one, from every paragraph)
    "dialogue_paragraphs": lambda n: '"Is it late?" he said.\n\nShe looked up.\n\n"Until nine."\n\n'
    * max(1, n // 16),
}

# Which size key scales each big case.
SIZE_KEY = {
    "one_line": "one_line_bytes",
    "short_lines": "short_lines",
    "repeated_word": "repeats",
    "quote_marks": "marks",
    "nested_quotes": "marks",
    "numbered_margins": "short_lines",
    "dialogue_paragraphs": "short_lines",
}

MALFORMED_CAPTIONS: dict[str, str] = {
    "vtt_no_header": "00:00:01.000 --> 00:00:02.000\nhello\n",
    "vtt_bad_timing": "WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\nhello\n",
    "vtt_arrow_only": "WEBVTT\n\n-->\n-->\n",
    "vtt_reversed_times": "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\n<v X>hi\n",
    "vtt_unclosed_voice": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Xie Yinan We don't\n",
    "vtt_huge_hours": "WEBVTT\n\n" + "9" * 400 + ":00:01.000 --> 00:00:02.000\nhi\n",
    "vtt_nested_tags": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "<b><i><v A>" * 50 + "x\n",
    "srt_no_index": "00:00:01,000 --> 00:00:02,000\nXIE YINAN: hi\n",
    "srt_bad_timing": "1\n00:00:01,000 -> 00:00:02,000\nhi\n",
    "srt_missing_text": "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:02,000 --> 00:00:03,000\n",
    "srt_crlf_bom": "\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nXIE YINAN: We don't\r\n\r\n",
    "srt_garbage_index": "one\n00:00:01,000 --> 00:00:02,000\nhi\n\n\x00\n\n",
    "srt_many_arrows": "1\n" + "00:00:01,000 --> " * 500 + "\nhi\n",
}


def build(name: str, sizes: dict[str, int] = SMALL, factor: int = 1) -> str:
    """The hostile text ``name`` at ``sizes`` grown by ``factor``."""
    key = SIZE_KEY.get(name)
    n = sizes[key] * factor if key else factor
    text = CASES[name](n)
    if key is None and factor > 1:
        text = text * factor
    return text
