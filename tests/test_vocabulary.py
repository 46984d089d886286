"""Every English word list lives in quoteverify.vocabulary, says what it is for, has a name, and
the lists a verdict is judged with can be replaced for one call (issue 12)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import quoteverify as qv
from quoteverify import vocabulary
from quoteverify.errors import InvalidInputError

PACKAGE = Path(qv.__file__).parent
_WORD = re.compile(r"^[a-z][a-z'\-]*$")


def _constants() -> list[tuple[str, int]]:
    """Public module-level names of vocabulary.py assigned a list, set or mapping, with lines."""
    tree = ast.parse((PACKAGE / "vocabulary.py").read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        if isinstance(target, ast.Name) and target.id.isupper() and not target.id.startswith("_"):
            value = getattr(vocabulary, target.id)
            if isinstance(value, (frozenset, dict, tuple)):
                out.append((target.id, node.lineno))
    return out


def test_every_list_says_what_it_is_for() -> None:
    lines = (PACKAGE / "vocabulary.py").read_text(encoding="utf-8").splitlines()
    missing = []
    for name, lineno in _constants():
        i = lineno - 2
        while i >= 0 and lines[i].startswith("#:") is False and lines[i].strip() == "":
            i -= 1
        # the comment may describe a pair defined together ("MALE_NOUNS" then "FEMALE_NOUNS")
        while i >= 0 and re.match(r"^[A-Z_]+ = ", lines[i]):
            i -= 1
        if i < 0 or not lines[i].startswith("#:"):
            missing.append(name)
    assert missing == []


def test_every_word_list_has_a_name() -> None:
    for name, _ in _constants():
        value = getattr(vocabulary, name)
        if isinstance(value, frozenset) and name != "PER_CALL_LISTS":  # that one holds names
            assert vocabulary.WORD_LISTS[name.lower()] is value, name
    assert set(vocabulary.WORD_LISTS) >= vocabulary.PER_CALL_LISTS


# What is left outside vocabulary.py on purpose: names of formats and schema fields, and the
# reasons an edit carries meaning (an enum's values, not English words to look for).
_NOT_WORD_LISTS = {
    ("cli.py", "SOURCE_FORMATS"),
    ("confidence.py", "MEANING_REASONS"),
    ("speakers.py", "_FIELDS"),
}


def _english_lists(path: Path) -> list[str]:
    """Literals of six or more lower-case words, and patterns alternating six or more words."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            strs = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            if len(strs) >= 6 and len(strs) == len(node.elts) and all(_WORD.match(s) for s in strs):
                found.append(f"{path.name}:{node.lineno} {strs[:4]}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
            alts = [a for a in re.split(r"[|()?:]+", node.value) if _WORD.match(a)]
            if len(alts) >= 6:
                found.append(f"{path.name}:{node.lineno} {alts[:4]}")
    return found


def _allowed(entry: str) -> bool:
    source = (PACKAGE / entry.split(":", maxsplit=1)[0]).read_text(encoding="utf-8").splitlines()
    lineno = int(entry.split(":")[1].split(maxsplit=1)[0])
    line = "".join(source[max(0, lineno - 2) : lineno])  # the literal may open below its name
    return any(entry.startswith(f) and name in line for f, name in _NOT_WORD_LISTS)


def test_no_module_keeps_its_own_english_word_list() -> None:
    found = [
        e
        for path in sorted(PACKAGE.glob("*.py"))
        if path.name != "vocabulary.py"
        for e in _english_lists(path)
        if not _allowed(e)
    ]
    assert found == []


def test_the_scan_finds_a_word_list(tmp_path: Path) -> None:
    # the test above can fail: a module with its own list is caught
    fake = tmp_path / "module_with_a_list.py"
    fake.write_text('_HEDGES = ("maybe", "perhaps", "possibly", "reportedly", "allegedly", "so")\n')
    assert len(_english_lists(fake)) == 1


def _truncation(source: str, **words: list[str]) -> list[str]:
    v = qv.verify("Smith will close the plant", qv.Source(source), words=words or None)
    return [f.severity.value for f in v.drift.findings if f.kind == "truncation"]


def test_drift_lists_are_replaced_for_one_call() -> None:
    denial = "It is false that Smith will close the plant."
    assert _truncation(denial) == ["serious"]
    assert _truncation(denial, denials=[]) == []
    # the negations and the denials are one list for drift: replacing one keeps the other
    assert _truncation(denial, negations=["never"]) == ["serious"]
    assert _truncation("It is not so that Smith will close the plant.", negations=["never"]) == []
    assert _truncation(denial) == ["serious"]  # nothing persists between calls


@pytest.mark.parametrize("name", ["speech_verbs", "titles", "not_labels"])
def test_a_list_fixed_at_import_cannot_be_named(name: str) -> None:
    with pytest.raises(InvalidInputError, match="fixed at import"):
        qv.VerifyConfig(words={name: ["said"]})


def test_an_unknown_list_or_a_bare_string_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="cannot override word list 'hedgez'"):
        qv.VerifyConfig(words={"hedgez": ["maybe"]})
    with pytest.raises(InvalidInputError, match="collection of words"):
        qv.VerifyConfig(words={"hedges": "maybe"})


def _inserted(quote: str, **words: list[str]) -> list[tuple[str, bool, str | None]]:
    src = qv.Source("What we do is sell them a server.")
    v = qv.verify(quote, src, words=words or None)
    return [(e.kind.value, e.meaning, e.reason) for e in v.alignment.edits]


def test_what_counts_as_meaning_is_replaced_for_one_call() -> None:
    quote = "What we do is just sell them a server"
    assert _inserted(quote) == [("insert", True, "quantifier")]
    fewer = sorted(vocabulary.QUANTIFIERS - {"just"})
    assert _inserted(quote, quantifiers=fewer) == [("insert", False, None)]
    assert _inserted(quote) == [("insert", True, "quantifier")]  # nothing persists
    # the negations a call names are the only ones, for the wording as for drift
    never = "What we do is never sell them a server"
    assert _inserted(never, negations=["never"]) == [("insert", True, "negation")]
    assert _inserted(never, negations=["not"]) == [("insert", False, None)]


def test_the_same_words_give_the_same_meaning_table() -> None:
    assert vocabulary.meaning_words({}) is vocabulary.MEANING_WORDS
    assert vocabulary.meaning_words({"hedges": ["maybe"]}) is vocabulary.MEANING_WORDS
    a = vocabulary.meaning_words({"modals": ["might"]})
    assert a is vocabulary.meaning_words({"modals": ("might",)})
    assert a["might"] == "modal" and "will" not in a and a["seven"] == "number"
