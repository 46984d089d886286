"""Tests for quoteverify.report: every renderer, checked by parsing its output back."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import quoteverify as qv
from quoteverify import report
from quoteverify.cli import demo_sources

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

DEMO = Path(qv.__file__).parent / "data" / "demo"

INTERVIEW = (
    "Q: Do you know what the police do with the footage?\n"
    "A: We don't have access to the data. What we do is sell them a server. That's all.\n"
    "Q: Your chief executive has said technology is not to blame. Do you agree?\n"
    "A: I agree with him. The tools are neutral, and people decide.\n"
)


def _validator(name: str) -> jsonschema.Draft202012Validator:
    resources = []
    for other in ("verification", "report", "quotes"):
        schema = report.json_schema(other)
        resources.append((schema["$id"], referencing.Resource.from_contents(schema)))
    registry = referencing.Registry().with_resources(resources)
    schema = report.json_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


VERIFICATION = _validator("verification")
REPORT = _validator("report")
QUOTES = _validator("quotes")


@pytest.fixture(scope="module")
def demo_report() -> qv.Report:
    files = {p.name: p.read_text(encoding="utf-8") for p in DEMO.iterdir()}
    registry = qv.SpeakerRegistry.from_json(files["speakers.json"])
    return qv.check_article(files["story.txt"], demo_sources(registry, files), speakers=registry)


def _cases() -> list[qv.Verification]:
    src = qv.Source.from_transcript(INTERVIEW)
    return [
        qv.verify("We don't have access to the data.", src, speaker="A"),
        qv.verify("We have access to the data", src),
        qv.verify("We don't have access to the data ... That's all.", src),
        qv.verify("The tools are neutral", src, speaker="Yin Qi"),
        qv.verify("Nothing like this was said anywhere", src),
        qv.verify("印奇", "我是印奇。"),
    ]


# --------------------------------------------------------------------------- JSON


def test_every_verification_dict_validates_against_the_schema(demo_report: qv.Report) -> None:
    for v in [*_cases(), *demo_report.verifications]:
        d = json.loads(report.to_json(v))
        VERIFICATION.validate(d)
        assert d == v.to_dict()


def test_report_json_validates_and_keeps_story_order(demo_report: qv.Report) -> None:
    d = json.loads(report.to_json(demo_report, title="story.txt"))
    REPORT.validate(d)
    starts = [q["story_span"]["start"] for q in d["quotes"]]
    assert starts == sorted(starts)
    assert d["ok"] is False  # the demo story has misquotes
    assert sum(d["counts"]["fidelity"].values()) == len(demo_report.verifications)


def test_extracted_quotes_validate() -> None:
    story = (DEMO / "story.txt").read_text(encoding="utf-8")
    quotes = qv.extract_quotes(story)
    doc = {"schema_version": report.SCHEMA_VERSION, "quotes": [report.quote_to_dict(q) for q in quotes]}
    QUOTES.validate(doc)
    for q, d in zip(quotes, doc["quotes"], strict=True):
        assert story[d["span"]["start"] : d["span"]["end"]] == d["span"]["text"] == q.span.text


def test_schema_rejects_what_it_should() -> None:
    d = _cases()[0].to_dict()
    bad = dict(d, fidelity="mostly true")
    with pytest.raises(jsonschema.ValidationError):
        VERIFICATION.validate(bad)
    extra = dict(d, surprise=1)
    with pytest.raises(jsonschema.ValidationError):
        VERIFICATION.validate(extra)


def test_json_schema_names_are_checked() -> None:
    with pytest.raises(ValueError, match="verification, report, quotes"):
        report.json_schema("nope")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.text(alphabet=st.sampled_from("ab c.\"'\u201c\u201d<>&|\n印"), min_size=1, max_size=80),
    quote=st.text(alphabet=st.sampled_from("ab c.\"'<>&|印"), min_size=1, max_size=30),
)
def test_any_result_is_schema_valid_and_renders(source: str, quote: str) -> None:
    if not any(c.isalnum() for c in quote) or not source.strip():
        return  # a quote with no words is an InvalidInputError, tested in test_verification
    v = qv.verify(quote, source)
    VERIFICATION.validate(json.loads(report.to_json(v)))
    page = _parse(report.to_html(v))
    assert page.scripts == 0
    assert " ".join(quote.split()) in " ".join(page.texts["wording"].split()) or not quote.strip()
    for a in report.to_annotations(v)["items"]:
        for target in _targets(a):
            assert _anchor(target["selector"], source) is not None


# --------------------------------------------------------------------------- HTML


class _Page(HTMLParser):
    """Collects what a reader sees: text per element kind, and anything that loads assets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, str] = {"wording": "", "mark": "", "del": "", "ins": "", "meaning": "", "all": ""}
        self.scripts = 0
        self.external: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if tag in ("script", "link", "img", "iframe", "object", "embed"):
            self.scripts += 1
        for key in ("src", "href"):
            if a.get(key):
                self.external.append(str(a[key]))
        if tag not in ("meta", "br"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        self.texts["all"] += data
        classes = {c for _, a in self.stack for c in (a.get("class") or "").split()}
        tags = {t for t, _ in self.stack}
        if "wording" in classes:
            self.texts["wording"] += data
        for t in ("mark", "del", "ins"):
            if t in tags:
                self.texts[t] += data
        if "meaning" in classes:
            self.texts["meaning"] += data


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    return p


def test_html_marks_deletions_meaning_and_the_matched_span() -> None:
    src = qv.Source.from_transcript(INTERVIEW)
    v = qv.verify("We have access to the data", src)
    page = _parse(report.to_html(v))
    assert "don't" in page.texts["del"]
    assert "don't" in page.texts["meaning"]
    assert "We " in page.texts["mark"] and "access to the data" in page.texts["mark"]
    assert page.scripts == 0 and page.external == []


def test_html_marks_insertions_and_replacements() -> None:
    v = qv.verify("we will always sell them two servers", "We will sell them a server. That is all.")
    page = report.to_html(v)
    parsed = _parse(page)
    inserted = [e.quote_text for e in v.edits if e.kind is qv.EditKind.INSERT]
    for word in inserted:
        assert word in parsed.texts["ins"]
    meaning = [e for e in v.edits if e.meaning and e.quote_text]
    assert meaning, v.edits
    for e in meaning:
        assert e.quote_text in parsed.texts["meaning"]


def test_html_escapes_every_piece_of_user_text() -> None:
    hostile = '<script>alert("x")</script> & <img src=x onerror=y>'
    src = qv.Source(
        f"{hostile}\nWe don't have access to the data. {hostile}",
        title=hostile,
        speaker=qv.Speaker("Xie <b>Yinan</b>"),
    )
    v = qv.verify("We have access to the data", src, speaker="Yin </section> Qi")
    page = report.to_html(v, title=hostile)
    parsed = _parse(page)
    assert parsed.scripts == 0 and parsed.external == []
    assert "<b>" not in page and "</section> Qi" not in page
    assert hostile in parsed.texts["all"]  # shown, as text
    assert "Yin </section> Qi" in parsed.texts["all"]


def test_html_report_shows_drift_next_to_the_quote_and_not_found_honestly(demo_report: qv.Report) -> None:
    page = report.to_html(demo_report, title="Megvii story")
    parsed = _parse(page)
    assert parsed.tags.count("section") == len(demo_report.verifications)
    assert 'name="viewport"' in page
    for v in demo_report.verifications:
        for f in v.drift.findings:
            assert f.message in parsed.texts["all"]
    nf = qv.check_article('Yin Qi said: "Nobody said these words."', ["Technology is not to blame."])
    assert "not the same as fabricated" in report.to_html(nf)


# --------------------------------------------------------------------------- Web Annotation


def _targets(annotation: dict[str, object]) -> list[dict[str, object]]:
    t = annotation["target"]
    return t if isinstance(t, list) else [t]  # type: ignore[list-item,return-value]


def _anchor(selectors: list[dict[str, object]], text: str) -> tuple[int, int] | None:
    """Re-anchor like an annotation client: position first, checked by the quote; else search the quote."""
    quote = next(s for s in selectors if s["type"] == "TextQuoteSelector")
    pos = next(s for s in selectors if s["type"] == "TextPositionSelector")
    exact, prefix, suffix = str(quote["exact"]), str(quote["prefix"]), str(quote["suffix"])
    s, e = int(pos["start"]), int(pos["end"])  # type: ignore[call-overload]
    if text[s:e] == exact:
        return s, e
    i = text.find(prefix + exact + suffix)
    return None if i < 0 else (i + len(prefix), i + len(prefix) + len(exact))


def test_annotations_reanchor_in_the_source(demo_report: qv.Report) -> None:
    page = report.to_annotations(demo_report)
    assert page["type"] == "AnnotationPage"
    located = [v for v in demo_report.verifications if v.location is not None]
    assert len(page["items"]) == len(located)
    for a, v in zip(page["items"], located, strict=True):
        assert a["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert a["type"] == "Annotation" and a["motivation"] == "assessing"
        assert v.source is not None and v.location is not None
        frags = v.location.fragments or (v.location.span,)
        targets = _targets(a)
        assert len(targets) == len(frags)
        for t, f in zip(targets, frags, strict=True):
            assert _anchor(t["selector"], v.source.text) == (f.start, f.end)  # type: ignore[arg-type]
            # the quote selector alone finds the same place (as a client would after edits)
            sel = [dict(s) for s in t["selector"]]  # type: ignore[union-attr]
            sel[1]["start"], sel[1]["end"] = 0, 0
            assert _anchor(sel, v.source.text) == (f.start, f.end)


def test_annotation_source_is_url_or_content_hash() -> None:
    a = report.to_annotations(qv.verify("sell them a server", qv.Source("We sell them a server.", url="https://example.org/x")))
    assert _targets(a["items"][0])[0]["source"] == "https://example.org/x"
    b = report.to_annotations(qv.verify("sell them a server", "We sell them a server."))
    assert re.fullmatch(r"urn:sha256:[0-9a-f]{64}", str(_targets(b["items"][0])[0]["source"]))
    assert report.to_annotations(qv.verify("not there at all", "We sell them a server."))["items"] == []


# --------------------------------------------------------------------------- Markdown, text, rich


def _cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_has_one_row_per_quote_with_seven_cells(demo_report: qv.Report) -> None:
    md = report.to_markdown(demo_report, title="Megvii | story")
    rows = [r for r in md.splitlines() if r.startswith("| ") and not r.startswith("| #")]
    assert len(rows) == len(demo_report.verifications)
    for row in rows:
        cells = [c.strip() for c in _cells(row)]
        assert len(cells) == 7, row
        v = demo_report.verifications[int(cells[0]) - 1]  # "#" is the quote's number in the story
        assert v.fidelity.value in cells[3]
    assert sorted(int(_cells(r)[0]) for r in rows) == list(range(1, len(rows) + 1))
    assert md.startswith("## Megvii \\| story")


def test_markdown_escapes_pipes_and_newlines() -> None:
    v = qv.verify("a | b\nc", "x a | b c y")
    row = report.to_markdown(v).splitlines()[2]
    assert len(_cells(row)) == 7 and "\n" not in row


def test_text_report_lists_every_quote_with_its_explanation(demo_report: qv.Report) -> None:
    text = report.to_text(demo_report, title="story.txt")
    assert text.startswith("story.txt: ")
    for i, v in enumerate(demo_report.verifications, 1):
        assert f"[{i}]" in text
        assert v.explain().splitlines()[0] in text


def test_explain_says_not_found_without_calling_it_fabricated() -> None:
    v = qv.verify("entirely different words here", "We sell them a server.")
    assert "not found in the given source" in v.explain()
    assert "fabricat" not in v.explain()


def test_rich_markup_escapes_user_text() -> None:
    v = qv.verify("[bold]We[/bold] sell them a server", "We sell them a server.")
    markup = report.to_rich_markup(v)
    assert "\\[bold]We\\[/bold]" in markup
    assert v.__rich__() == markup
    rich = pytest.importorskip("rich.console")
    console = rich.Console(record=True, width=100)
    console.print(v)
    assert "[bold]We[/bold]" in console.export_text()


# --------------------------------------------------------------------------- read by an editor


def _html_order(page: str) -> list[tuple[str, int]]:
    """Section headings and quote cards in page order: ``("h", 0)`` for a heading, ``(state, number)`` for a card."""
    out = []
    for heading, state, number in re.findall(
        r'<h2 class="section">([^<]*)</h2>|<section class="quote (holds|fails)" id="q(\d+)"', page
    ):
        out.append(("h:" + heading, 0) if heading else (state, int(number)))
    return out


def _expected_order(r: qv.Report) -> tuple[list[int], list[int]]:
    numbers = {id(v): i for i, v in enumerate(r.verifications, 1)}
    failing = [numbers[id(v)] for v in r.problems]
    holding = [i for i, v in enumerate(r.verifications, 1) if report.holds(v)]
    return failing, holding


def test_html_lists_the_quotes_that_do_not_hold_first_under_their_own_heading(demo_report: qv.Report) -> None:
    failing, holding = _expected_order(demo_report)
    assert failing and holding and failing != sorted(failing + holding)[: len(failing)]
    order = _html_order(report.to_html(demo_report))
    assert order[0][0] == f"h:Do not hold ({len(failing)}), worst first"
    assert [n for state, n in order[1 : 1 + len(failing)]] == failing  # worst first
    assert all(state == "fails" for state, _ in order[1 : 1 + len(failing)])
    assert order[1 + len(failing)][0] == f"h:Hold ({len(holding)}), in story order"
    assert [n for _, n in order[2 + len(failing) :]] == holding  # story order
    assert sorted(n for state, n in order if not state.startswith("h:")) == list(range(1, len(demo_report.verifications) + 1))


def test_markdown_lists_the_quotes_that_do_not_hold_first_under_their_own_heading(demo_report: qv.Report) -> None:
    failing, holding = _expected_order(demo_report)
    md = report.to_markdown(demo_report)
    lines = md.splitlines()
    heads = [i for i, line in enumerate(lines) if line.startswith("### ")]
    assert [lines[i] for i in heads] == [
        f"### Do not hold ({len(failing)}), worst first",
        f"### Hold ({len(holding)}), in story order",
    ]
    rows = [(i, int(_cells(line)[0])) for i, line in enumerate(lines) if re.match(r"\| \d+ \|", line)]
    assert [n for i, n in rows if i < heads[1]] == failing
    assert [n for i, n in rows if i > heads[1]] == holding


def test_text_report_lists_the_quotes_that_do_not_hold_first(demo_report: qv.Report) -> None:
    failing, holding = _expected_order(demo_report)
    text = report.to_text(demo_report)
    numbers = [int(n) for n in re.findall(r"^\[(\d+)\] ", text, flags=re.MULTILINE)]
    assert numbers == failing + holding
    assert text.index("Do not hold (") < text.index("DOES NOT HOLD") < text.index(f"Hold ({len(holding)}), in story order")


def test_a_story_where_every_quote_holds_has_one_section() -> None:
    statement = qv.Source("Technology is not to blame.", speaker=qv.Speaker("Yin Qi"))
    r = qv.check_article('Yin Qi said: "Technology is not to blame."', [statement])
    assert "Do not hold" not in report.to_html(r) + report.to_markdown(r) + report.to_text(r)
    assert "### Hold (1), in story order" in report.to_markdown(r)


@pytest.mark.parametrize(
    ("edit", "words"),
    [
        (qv.Edit("punctuation", "", ","), "comma removed"),
        (qv.Edit("punctuation", ",", ""), "comma added"),
        (qv.Edit("punctuation", ",", "."), "full stop changed to comma"),
        (qv.Edit("punctuation", "，", ""), "comma added"),  # full-width, same name
        (qv.Edit("punctuation", '"', ""), "quotation mark added"),
        (qv.Edit("punctuation", "", ", ,"), "2 commas removed"),
        (qv.Edit("punctuation", "--", ";"), "semicolon changed to dash"),
        (qv.Edit("punctuation", "", ". . ."), "ellipsis removed"),
        (qv.Edit("delete", "", "not", meaning=True, reason="negation"), '"not" deleted — changes meaning (negation)'),
        (qv.Edit("insert", "always", "", meaning=True, reason="quantifier"), '"always" added — changes meaning (quantifier)'),
        (qv.Edit("insert", "really", ""), '"really" added'),
        (qv.Edit("replace", "20", "twenty", meaning=True, reason="number"), '"twenty" → "20" — changes meaning (number)'),
        (qv.Edit("replace", "Smith", "Jones", meaning=True, reason="entity"), '"Jones" → "Smith" — changes meaning (name)'),
        (qv.Edit("number_format", "20", "twenty"), '"twenty" → "20" (same number)'),
        (qv.Edit("contraction", "do not", "don't"), '"don\'t" written out as "do not"'),
        (qv.Edit("contraction", "don't", "do not"), '"do not" shortened to "don\'t"'),
        (qv.Edit("case", "we", "We"), '"We" → "we" (capital letters only)'),
        (qv.Edit("spelling", "sel", "sell"), '"sell" → "sel" (spelling)'),
        (qv.Edit("editorial", "the police", "they"), '"they" → "[the police]" (the writer\'s words in brackets)'),
        (qv.Edit("whitespace", " ", "  "), "spacing differs"),
    ],
)
def test_edits_read_in_words(edit: qv.Edit, words: str) -> None:
    assert report.describe_edit(edit) == words


def test_every_edit_kind_has_words_of_its_own() -> None:
    # no kind falls through to the compact form ('kind "a" -> "b"') that describe() uses
    for kind in qv.EditKind:
        words = report.describe_edit(qv.Edit(kind, "a", "b"))
        assert "->" not in words and not words.startswith(kind.value), (kind, words)


def test_reports_show_edits_in_words_not_in_the_compact_form() -> None:
    v = qv.verify("We sell servers to the police", "We sell servers, to the police.")
    assert [e.kind for e in v.edits] == [qv.EditKind.PUNCTUATION]
    assert "comma removed" in report.to_markdown(v)
    assert "punctuation" not in report.to_markdown(v)
    w = qv.verify("We have access to the data", qv.Source.from_transcript(INTERVIEW))
    notes = re.search(r'<ul class="notes">(.*?)</ul>', report.to_html(w))
    assert notes is not None
    assert '<li class="serious">&quot;don&#x27;t&quot; deleted — changes meaning (negation)</li>' in notes.group(1)
    assert "-&gt;" not in notes.group(1)


def test_the_disclosure_is_labelled_for_a_reader(demo_report: qv.Report) -> None:
    page = report.to_html(demo_report)
    summaries = re.findall(r"<summary>([^<]*)</summary>", page)
    assert summaries.count("How this was decided") == len(demo_report.verifications)
    assert "explain()" not in summaries


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.text(alphabet=st.sampled_from("ab c.,\"'\u201c\u201d\n印"), min_size=1, max_size=60),
    quote=st.text(alphabet=st.sampled_from("ab c.,'印"), min_size=1, max_size=30),
)
@example(source="印a\na印", quote="印印")  # a deleted line break: still one line a stage
def test_the_confidence_reasons_never_name_the_prior(source: str, quote: str) -> None:
    if not any(c.isalnum() for c in quote) or not source.strip():
        return
    v = qv.verify(quote, source)
    lines = v.explain().splitlines()
    stage = re.compile(r"(locate|align|fidelity|attribute|drift|confidence) +\S| {11}\S")
    assert all(stage.match(line) for line in lines), lines  # one line a stage (or edit)
    last = lines[-1]
    assert last.startswith("confidence ")
    assert not last.endswith("prior") and "; prior" not in last


def test_a_verbatim_quote_gives_its_reason_without_the_prior(demo_report: qv.Report) -> None:
    verbatim = [v for v in demo_report.verifications if v.fidelity is qv.Fidelity.VERBATIM]
    assert verbatim
    for v in verbatim:
        assert [e.name for e in v.evidence][-1] == "intercept"  # the prior is still evidence in the JSON
        line = v.explain().splitlines()[-1]
        assert line.endswith("the words match the source exactly"), line


@given(text=st.text(max_size=200), limit=st.integers(min_value=0, max_value=120))
def test_shorten_is_one_line_within_the_limit_and_a_prefix(text: str, limit: int) -> None:
    out = report.shorten(text, limit)
    flat = " ".join(text.split())
    assert "\n" not in out and "  " not in out
    if limit == 0 or len(flat) <= limit:
        assert out == flat
    else:
        assert len(out) <= limit and out.endswith("…") and flat.startswith(out[:-1])


def test_one_holds_and_the_rendering_lives_in_report() -> None:
    from quoteverify import model, verification

    assert report.holds is model.holds
    assert verification.explain_report is report.explain_report
    assert verification.report_to_dict is report.report_to_dict
    r = qv.check_article('Yin Qi said: "Technology is to blame."', ["Technology is not to blame."])
    assert r.explain() == report.explain_report(r) and r.to_dict() == report.report_to_dict(r)


def test_the_schema_names_every_edit_kind() -> None:
    schema = report.json_schema("verification")
    text = json.dumps(schema)
    missing = [k.value for k in qv.EditKind if f'"{k.value}"' not in text]
    assert missing == []
