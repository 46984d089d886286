"""Locating benchmark: find 300 edited quotes (and reject 50 absent ones) in 100 KB-10 MB of prose.

Run from the repository root::

    python benchmarks/locate.py                      # 100K, 1M and 10M, every contestant
    python benchmarks/locate.py --sizes 1M --quick   # fewer queries, shorter time budgets
    python benchmarks/locate.py --failures 20 --json results.json

The corpus is real English prose that any Debian machine has (man pages stripped of roff
markup, Python's own docstrings, the common licences, package copyright notes) plus, when
present, the public-domain novel passages of ``../shared/datasets/pdnc_dev.jsonl`` (read in
place). It is built deterministically from documents in a seeded order and cached under
``benchmarks/_cache/``. Queries are real sentences that occur exactly once in the corpus, each
given 1-4 realistic edits, so the true span is known; absent queries are real sentences from
documents held back from every corpus.

Contestants run on the same queries in the same process: quoteverify ``locate`` (index built
once per corpus, timed separately), rapidfuzz ``partial_ratio_alignment`` over the whole text,
and the peers ``gtrex`` (its repair step) and ``krokai`` (its ``check``) when installed (see
``benchmarks/requirements.txt``); a missing peer is reported as skipped.
"""

# Optional peers are imported where they are used, so a missing one is reported as skipped.

from __future__ import annotations

import argparse
import ast
import gc
import gzip
import hashlib
import importlib.util
import json
import os
import platform
import random
import re
import sys
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / "_cache"
DATASETS = ROOT.parent / "shared" / "datasets"
if importlib.util.find_spec("quoteverify") is None:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))  # (an installed build, maybe compiled, is measured as it is)

SEED = 20240611
CORPUS_VERSION = 1  # bump when the corpus recipe changes (invalidates the cache)
N_PRESENT = 300
N_ABSENT = 50
SIZES = {"100K": 100_000, "1M": 1_000_000, "10M": 10_000_000, "100M": 100_000_000}

# --------------------------------------------------------------------------------------------
# Corpus: documents of English prose from this machine, in a seeded order.
# --------------------------------------------------------------------------------------------

_ROFF_FONT = re.compile(r"\\f(?:\[[^\]\n]*\]|\(..|.)")
_ROFF_SIZE = re.compile(r"\\s[-+]?(?:\d|\(\d\d|\[\d+\])")
_ROFF_NAMED = re.compile(r"\\(?:\(..|\[[^\]\n]{1,12}\]|\*(?:\(..|\[[^\]\n]{1,12}\]|.))")
_ROFF_OTHER = re.compile(
    r"\\(?:[&|^%:cdu{}]|[hvwlLoxzkbDHSXZNVYR]'[^'\n]*'|n(?:\(..|\[[^\]\n]*\]|.))"
)
_ROFF_GLYPHS = {
    "(em": "\u2014", "(en": "\u2013", "(lq": "\u201c", "(rq": "\u201d", "(oq": "\u2018",
    "(cq": "\u2019", "(aq": "'", "(dq": '"', "(bu": "*", "(co": "(c)", "(hy": "-",
    "[em]": "\u2014", "[en]": "\u2013", "[lq]": "\u201c", "[rq]": "\u201d",
}
_TEXT_MACROS = {"B", "I", "BR", "BI", "IB", "IR", "RB", "RI", "SM", "SB"}
_BREAK_MACROS = {"PP", "P", "LP", "TP", "IP", "HP", "SH", "SS", "Sh", "Ss", "Pp", "br", "sp", "TH"}
# Families of generated man pages that repeat the same sentences with a word changed.
_TEMPLATED_PAGES = ("gcloud", "bq", "gsutil", "aws")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def _roff_inline(line: str) -> str:
    def glyph(m: re.Match[str]) -> str:
        code = m.group(0)[1:].lstrip("*")
        return _ROFF_GLYPHS.get(code, _ROFF_GLYPHS.get(code.lower(), ""))

    line = line.replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ").replace("\\~", " ")
    line = _ROFF_FONT.sub("", line)
    line = _ROFF_SIZE.sub("", line)
    line = _ROFF_NAMED.sub(glyph, line)
    line = _ROFF_OTHER.sub("", line)
    return line.replace("\\", "")


def roff_paragraphs(source: str) -> list[str]:
    """Paragraphs of running text from a man page (man or mdoc), markup removed."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(" ".join(current).split()))
            current.clear()

    for raw in source.splitlines():
        if raw.startswith(("'", '.\\"', '\\"')) or raw.strip() in {".", ""}:
            if not raw.strip():
                flush()
            continue
        if raw.startswith("."):
            parts = raw[1:].split(None, 1)
            name = parts[0] if parts else ""
            if name in _BREAK_MACROS:
                flush()
            elif name in _TEXT_MACROS and len(parts) > 1:
                current.append(_roff_inline(parts[1].replace('"', "")))
            continue
        current.append(_roff_inline(raw))
    flush()
    return paragraphs


def is_prose(paragraph: str) -> bool:
    """A paragraph of sentences, not an option list, code or a table."""
    words = paragraph.split()
    if len(words) < 20 or len(paragraph) > 6000:
        return False
    letters = sum(c.isalpha() or c.isspace() for c in paragraph)
    if letters / len(paragraph) < 0.9:
        return False
    real = sum(1 for w in words if _WORD.fullmatch(w.strip(".,;:!?()\"'")))
    return real / len(words) >= 0.85 and paragraph.count(". ") + paragraph.endswith(".") >= 2


@dataclass
class Document:
    """A named run of prose paragraphs from one place on this machine."""

    name: str
    paragraphs: list[str]


def _man_documents() -> Iterator[Document]:
    for section in sorted(Path("/usr/share/man").glob("man[1-8]")):
        for page in sorted(section.glob("*.gz")):
            try:
                text = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
            except (OSError, EOFError, zlib.error):
                continue
            if text.startswith(".so ") or page.name.startswith(_TEMPLATED_PAGES):
                continue  # an alias of another page, or generated from one template
            paragraphs = [p for p in roff_paragraphs(text) if is_prose(p)]
            if paragraphs:
                yield Document(f"man:{page.name}", paragraphs)


def _docstring_documents() -> Iterator[Document]:
    stdlib = Path(os.__file__).resolve().parent
    for path in sorted(stdlib.rglob("*.py")):
        rel = path.relative_to(stdlib).as_posix()
        if "test" in rel.split("/")[0] or "site-packages" in rel or "idlelib" in rel:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError, OSError):
            continue
        paragraphs: list[str] = []
        for node in ast.walk(tree):
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                doc = ast.get_docstring(node)
                if doc:
                    for block in re.split(r"\n\s*\n", doc):
                        para = " ".join(block.split())
                        if is_prose(para):
                            paragraphs.append(para)
        if paragraphs:
            yield Document(f"py:{rel}", paragraphs)


def _plain_documents(paths: Sequence[Path], prefix: str) -> Iterator[Document]:
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        paragraphs = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text)]
        paragraphs = [p for p in paragraphs if is_prose(p)]
        if paragraphs:
            yield Document(f"{prefix}:{path.name if prefix == 'lic' else path.parent.name}",
                           paragraphs)


def _novel_documents(chunk: int = 20_000) -> Iterator[Document]:
    path = DATASETS / "pdnc_dev.jsonl"
    if not path.exists():
        return
    by_novel: dict[str, dict[int, str]] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            paras = by_novel.setdefault(record["novel_code"], {})
            offset = record["passage_start_in_novel"]
            for m in re.finditer(r"(?:[^\n]|\n(?!\n))+", record["passage"]):
                paras[offset + m.start()] = " ".join(m.group(0).split())
    for code in sorted(by_novel):
        ordered = [p for _, p in sorted(by_novel[code].items()) if len(p.split()) >= 8]
        size, part, piece = 0, 0, []
        for para in ordered:
            piece.append(para)
            size += len(para)
            if size >= chunk:
                yield Document(f"novel:{code}:{part}", piece)
                size, part, piece = 0, part + 1, []
        if piece:
            yield Document(f"novel:{code}:{part}", piece)


def collect_documents() -> list[Document]:
    """Every prose document on this machine, deduplicated by paragraph, in a seeded order."""
    docs: list[Document] = []
    docs += _novel_documents()
    docs += _plain_documents(sorted(Path("/usr/share/common-licenses").glob("*")), "lic")
    docs += _plain_documents(sorted(Path("/usr/share/doc").glob("*/copyright")), "copyright")
    docs += _docstring_documents()
    docs += _man_documents()
    seen: set[bytes] = set()
    unique: list[Document] = []
    for doc in docs:
        kept = []
        for para in doc.paragraphs:
            key = hashlib.blake2b(para.lower().encode(), digest_size=12).digest()
            if key not in seen:
                seen.add(key)
                kept.append(para)
        if kept:
            unique.append(Document(doc.name, kept))
    random.Random(SEED).shuffle(unique)
    return unique


def held_out(doc: Document) -> bool:
    """One document in 25 never enters any corpus: absent queries come from those."""
    return zlib.crc32(doc.name.encode()) % 25 == 7


@dataclass
class Corpus:
    """The text of one size, and the held-back text for absent queries."""

    label: str
    text: str
    held: str
    repeated: bool = False


def build_texts(docs: list[Document]) -> tuple[str, str]:
    """All corpus text (documents in order, paragraphs separated by blank lines) and held text."""
    body = "\n\n".join(f"{d.name.split(':', 1)[0].upper()}\n\n" + "\n\n".join(d.paragraphs)
                       for d in docs if not held_out(d))
    held = "\n\n".join("\n\n".join(d.paragraphs) for d in docs if held_out(d))
    return body, held


def load_corpus(label: str) -> Corpus:
    """The corpus of ``label`` size (cached); past the distinct prose, reshuffled repeats."""
    size = SIZES[label]
    CACHE.mkdir(parents=True, exist_ok=True)
    all_path = CACHE / f"all-v{CORPUS_VERSION}.txt"
    held_path = CACHE / f"held-v{CORPUS_VERSION}.txt"
    if not all_path.exists() or not held_path.exists():
        t0 = time.perf_counter()
        body, held = build_texts(collect_documents())
        all_path.write_text(body, encoding="utf-8")
        held_path.write_text(held, encoding="utf-8")
        print(f"built corpus cache: {len(body) / 1e6:.1f} MB distinct prose, "
              f"{len(held) / 1e6:.2f} MB held out ({time.perf_counter() - t0:.0f} s)",
              file=sys.stderr)
    body = all_path.read_text(encoding="utf-8")
    held = held_path.read_text(encoding="utf-8")
    repeated = False
    text = body
    if len(text) < size:  # not enough distinct prose: repeat with paragraphs reordered
        repeated = True
        paras = body.split("\n\n")
        rng = random.Random(SEED + 1)
        pieces = [body]
        total = len(body)
        while total < size:
            rng.shuffle(paras)
            more = "\n\n".join(paras)
            pieces.append(more)
            total += len(more) + 2
        text = "\n\n".join(pieces)
    cut = text.rfind("\n\n", 0, size)
    return Corpus(label, text[: cut if cut > size // 2 else size], held, repeated)


# --------------------------------------------------------------------------------------------
# Queries: real sentences, each with 1-4 realistic edits; truth is the sentence's own span.
# --------------------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[A-Z\"\u201c(][^\n]*?[.!?](?=[\"\u201d)]?(?:\s|$))[\"\u201d)]?")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_INSERTS = ("really", "very", "also", "just", "actually", "indeed", "then", "always", "all",
            "now", "still", "even", "the", "only", "quite")
_CURLY = {"'": "\u2019", '"': "\u201c"}


@dataclass
class Query:
    """One quote to locate: ``start``/``end`` is the true span, or None for an absent quote."""

    qid: int
    text: str
    original: str
    start: int | None
    end: int | None
    edits: list[str] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return self.start is not None


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        words = sentence.split()
        if not 8 <= len(words) <= 50 or len(sentence) > 400:
            continue
        letters = sum(c.isalpha() or c.isspace() for c in sentence)
        if letters / len(sentence) < 0.9:
            continue
        yield m.start(), m.end()


def _fold(text: str) -> str:
    """Lowercase letters and digits only, one space between runs (for duplicate checks)."""
    return " ".join(_NON_ALNUM.split(text.lower())).strip()


def _shingles(words: Sequence[str], k: int = 5) -> list[str]:
    return [" ".join(words[i: i + k]) for i in range(len(words) - k + 1)]


def _interior(words: list[str], rng: random.Random) -> int:
    return rng.randrange(1, len(words) - 1)


def _typo(word: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) < 4:
        return word + word[-1] if word else word
    i = rng.choice(letters[1:-1])
    kind = rng.randrange(4)
    if kind == 0 and i + 1 < len(word):  # swap two neighbours
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:  # drop a letter
        return word[:i] + word[i + 1:]
    if kind == 2:  # double a letter
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeioustnrl") + word[i + 1:]  # substitute a letter


def apply_edit(text: str, rng: random.Random, vocabulary: Sequence[str]) -> tuple[str, str]:
    """One realistic edit that keeps the first and last words (so the true span is unchanged)."""
    words = text.split(" ")
    kinds = ["delete", "insert", "replace", "typo", "typo", "case", "glyphs", "whitespace"]
    if any(w.lower() == "not" for w in words[1:-1]):
        kinds += ["drop_not"] * 3
    kind = rng.choice(kinds)
    if kind == "drop_not":
        i = next(i for i in range(1, len(words) - 1) if words[i].lower() == "not")
        del words[i]
        return " ".join(words), 'drop "not"'
    if kind == "delete" and len(words) > 6:
        i = _interior(words, rng)
        gone = words.pop(i)
        return " ".join(words), f"delete {gone!r}"
    if kind == "insert":
        i = _interior(words, rng)
        new = rng.choice(_INSERTS)
        words.insert(i, new)
        return " ".join(words), f"insert {new!r}"
    if kind == "replace":
        i = _interior(words, rng)
        core = words[i].strip(".,;:!?()\"'")
        new = rng.choice(vocabulary)
        old = words[i]
        words[i] = words[i].replace(core, new, 1) if core else new
        return " ".join(words), f"replace {old!r} -> {words[i]!r}"
    if kind == "glyphs":
        for straight, curly in (("'", "\u2019"), ('"', "\u201c"), (" - ", " \u2014 "),
                                ("--", "\u2014")):
            if straight in text:
                return text.replace(straight, curly), f"glyph {straight!r} -> {curly!r}"
        kind = "whitespace"
    if kind == "whitespace":
        i = _interior(words, rng)
        sep = rng.choice(["  ", "\n", "\u00a0"])
        return " ".join(words[:i]) + sep + " ".join(words[i:]), f"whitespace {sep!r}"
    if kind == "case":
        i = rng.choice([j for j, w in enumerate(words) if w])
        old = words[i]
        words[i] = old.upper() if rng.random() < 0.3 else old.swapcase()
        return " ".join(words), f"case {old!r} -> {words[i]!r}"
    i = rng.choice([j for j, w in enumerate(words) if w])  # typo
    old = words[i]
    words[i] = _typo(old, rng)
    return " ".join(words), f"typo {old!r} -> {words[i]!r}"


def edit_sentence(
    sentence: str, rng: random.Random, vocabulary: Sequence[str]
) -> tuple[str, list[str]]:
    """1-4 edits, at most one per four words (a 10-word sentence gets at most 2)."""
    text = " ".join(sentence.split())
    edits: list[str] = []
    for _ in range(rng.randint(1, max(1, min(4, len(text.split()) // 4)))):
        text, what = apply_edit(text, rng, vocabulary)
        edits.append(what)
    return text, edits


def make_queries(corpus: Corpus, seed: int = SEED) -> list[Query]:
    """300 present queries (sentences unique in the corpus) and 50 absent ones, interleaved."""
    rng = random.Random(seed)
    text, lower = corpus.text, corpus.text.lower()
    # Near-duplicates differing only in punctuation count as duplicates (not needed, and too big,
    # for a repeated corpus, where only first occurrences are sampled).
    folded = "" if corpus.repeated else _fold(lower)
    spans = list(_sentences(text))
    rng.shuffle(spans)
    vocabulary = sorted({w for w in _WORD.findall(text[:200_000].lower()) if len(w) > 3})
    present: list[Query] = []
    for start, end in spans:
        if len(present) == N_PRESENT:
            break
        sentence = text[start:end]
        key = sentence.lower()
        half = len(key) // 2
        if corpus.repeated:
            if lower.find(key) != start:
                continue  # first occurrence only; repeated corpora have no unique truth
        elif any(folded.count(_fold(part)) != 1 for part in (key, key[:half], key[half:])):
            continue  # not unique (or a near-duplicate): the truth would be ambiguous
        quote, edits = edit_sentence(sentence, rng, vocabulary)
        present.append(Query(0, quote, sentence, start, end, edits))
    absent: list[Query] = []
    held_spans = list(_sentences(corpus.held))
    rng.shuffle(held_spans)
    for start, end in held_spans:
        if len(absent) == N_ABSENT:
            break
        sentence = corpus.held[start:end]
        words = " ".join(sentence.split()).lower().split()
        shingles = _shingles(words)
        if " ".join(words) in lower or sum(s in lower for s in shingles) > len(shingles) // 5:
            continue  # the corpus has this sentence, or most of it, after all
        quote, edits = edit_sentence(sentence, rng, vocabulary)
        absent.append(Query(0, quote, sentence, None, None, edits))
    queries: list[Query] = []
    for i, q in enumerate(present):
        queries.append(q)
        if i % 6 == 5 and absent:
            queries.append(absent.pop(0))
    queries += absent
    for i, q in enumerate(queries):
        q.qid = i
    return queries


# --------------------------------------------------------------------------------------------
# Contestants: build an index once per corpus (timed), then answer each query with a span.
# --------------------------------------------------------------------------------------------

FOUND = (-1, -1)  # "found, but no span": a contestant that names the document, not offsets
Prediction = tuple[int, int] | None


@dataclass
class Contestant:
    """How one tool builds its index for a text and locates one quote in it."""

    name: str
    build: Callable[[str], Any]
    query: Callable[[Any, str], Prediction]
    note: str = ""
    max_queries: Callable[[int], int | None] = lambda size: None  # None: all queries
    skipped: str | None = None
    spans: bool = True


def quoteverify_contestant() -> Contestant:
    try:
        from quoteverify.location import index_source, locate
        from quoteverify.model import Source
    except ImportError as exc:  # the locator has not landed: debug the harness with str.find
        def find(text: str, quote: str) -> Prediction:
            i = text.find(quote)
            return None if i < 0 else (i, i + len(quote))

        return Contestant("quoteverify", lambda t: t, find,
                          note=f"STAND-IN str.find ({exc}); not quoteverify's figures")
    def build(text: str) -> Source:
        src = Source(text)
        index_source(src)
        return src

    def query(src: Source, quote: str) -> Prediction:
        loc = locate(quote, src)
        return None if loc is None else (loc.start, loc.end)

    from quoteverify import _locator

    build_kind = "plain Python" if _locator.__file__.endswith(".py") else "engine compiled (mypyc)"
    return Contestant(
        "quoteverify", build, query, note=f"locate(quote, Source) with defaults; {build_kind}"
    )


RAPIDFUZZ_CUTOFF = 65.0  # separates present from absent best on 100K and 1M (see docs)


def rapidfuzz_contestant(subset: int) -> Contestant:
    try:
        from rapidfuzz import fuzz
    except ImportError:
        return Contestant("rapidfuzz", str, lambda h, q: None, skipped="not installed")

    def query(text: str, quote: str) -> Prediction:
        hit = fuzz.partial_ratio_alignment(quote, text, score_cutoff=RAPIDFUZZ_CUTOFF)
        return None if hit is None else (hit.dest_start, hit.dest_end)

    return Contestant(
        "rapidfuzz", lambda t: t, query,
        note=f"fuzz.partial_ratio_alignment over the whole text, score_cutoff={RAPIDFUZZ_CUTOFF:g}",
        max_queries=lambda size: None if size <= 200_000 else subset,
    )


GTREX_THRESHOLD = 0.65


def gtrex_contestant() -> Contestant:
    try:
        import warnings

        from gtrex import Policy, Repairer  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return Contestant("gtrex", str, lambda h, q: None, skipped="not installed")
    policy = Policy(repair_mode="annotate", repair_threshold=GTREX_THRESHOLD)
    # Meaning guards (numeric, polarity) refuse to vouch for a changed quote, but the span they
    # were handed is still gtrex's answer to "where is it": count it as located.
    located_when_blocked = {"numeric_guard", "polarity_guard"}

    def build(text: str) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            repairer = Repairer(text, policy)
        _ = repairer.verifier.index  # the k-gram index is built lazily: build it now
        repairer.verifier.verify("warm up the normalisation ladder")
        return repairer

    def query(repairer: Any, quote: str) -> Prediction:
        result = repairer.repair(quote)
        before = result.before
        if before.grounded and before.start is not None:
            return (before.start, before.end)
        alignment = result.alignment
        if alignment is not None and (result.accepted or result.stage in located_when_blocked):
            return (alignment.start, alignment.end)
        return None

    return Contestant(
        "gtrex", build, query,
        note=("Repairer(Policy(repair_mode='annotate', "
              f"repair_threshold={GTREX_THRESHOLD})).repair;"
              " span of the grounded certificate, else of the alignment when accepted or"
              " blocked only by a meaning guard"),
    )


def krokai_contestant() -> Contestant:
    try:
        from krokai import corpus as kcorpus  # type: ignore[import-not-found,unused-ignore]
        from krokai.corpus import (  # type: ignore[import-not-found,unused-ignore]
            Corpus as KCorpus,
        )
        from krokai.verify import check  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return Contestant("krokai", str, lambda h, q: None, skipped="not installed")

    def build(text: str) -> Any:
        folder = CACHE / f"krokai-{hashlib.blake2b(text.encode(), digest_size=8).hexdigest()}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "source.txt"
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        # krokai drops a whole file as a "failed download" when it holds two phrases like
        # "404 Not Found" (man pages for curl and wget do). The text here is real prose, so the
        # screen is switched off while the corpus is built.
        screen = kcorpus.looks_like_placeholder
        kcorpus.looks_like_placeholder = lambda text: False
        try:
            return KCorpus([str(folder)], quiet=True)
        finally:
            kcorpus.looks_like_placeholder = screen

    def query(corpus: Any, quote: str) -> Prediction:
        verdict, where, _detail = check(quote, corpus)
        return FOUND if where and verdict != "NOT_FOUND" else None

    return Contestant(
        "krokai", build, query, spans=False,
        note="Corpus([folder]) (placeholder screen off) + verify.check(quote, corpus); returns a"
             " verdict and a file, no offsets: found = any verdict but NOT_FOUND",
    )


# --------------------------------------------------------------------------------------------
# Running and scoring.
# --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    qid: int
    predicted: Prediction
    seconds: float


@dataclass
class Result:
    """One contestant on one corpus size."""

    contestant: str
    size: str
    text_chars: int
    note: str = ""
    skipped: str | None = None
    build_seconds: float | None = None
    index_peak_mb: float | None = None
    index_retained_mb: float | None = None
    text_mb: float | None = None
    queries: int = 0
    present: int = 0
    absent: int = 0
    quotes_per_second: float | None = None
    overlap_pct: float | None = None
    start_pct: float | None = None
    found_pct: float | None = None
    absent_rejected_pct: float | None = None
    speed_ratio: float | None = None  # quoteverify quotes/s divided by this contestant's
    failures: list[dict[str, Any]] = field(default_factory=list)


def measure_memory(build: Callable[[str], Any], text: str) -> tuple[float, float]:
    """Peak and retained memory (MB) of building the index, the text itself excluded."""
    gc.collect()
    tracemalloc.start()
    try:
        handle = build(text)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del handle
    gc.collect()
    return peak / 1e6, current / 1e6


def judge(q: Query, predicted: Prediction) -> dict[str, bool]:
    """Whether a prediction overlaps >= 50% of the truth, starts within 5 chars, or rejects."""
    if q.start is None or q.end is None:
        return {"rejected": predicted is None}
    if predicted is None:
        return {"found": False, "overlap": False, "start": False}
    if predicted == FOUND:
        return {"found": True, "overlap": False, "start": False}
    start, end = predicted
    shared = max(0, min(end, q.end) - max(start, q.start))
    return {"found": True, "overlap": shared >= 0.5 * (q.end - q.start),
            "start": abs(start - q.start) <= 5}


def run_one(contestant: Contestant, corpus: Corpus, queries: list[Query], *, budget: float,
            memory: bool, failures: int) -> Result:
    text = corpus.text
    result = Result(contestant.name, corpus.label, len(text), note=contestant.note,
                    skipped=contestant.skipped, text_mb=sys.getsizeof(text) / 1e6)
    if contestant.skipped:
        return result
    gc.collect()
    t0 = time.perf_counter()
    handle = contestant.build(text)
    result.build_seconds = time.perf_counter() - t0
    limit = contestant.max_queries(len(text))
    outcomes: list[Outcome] = []
    spent = 0.0
    gc.collect()  # the build's garbage is not charged to the first queries that allocate
    for q in queries[:limit]:
        t0 = time.perf_counter()
        predicted = contestant.query(handle, q.text)
        seconds = time.perf_counter() - t0
        outcomes.append(Outcome(q.qid, predicted, seconds))
        spent += seconds
        if spent > budget:
            break
    del handle
    if memory:
        result.index_peak_mb, result.index_retained_mb = measure_memory(contestant.build, text)
    by_id = {q.qid: q for q in queries}
    verdicts = [(by_id[o.qid], o, judge(by_id[o.qid], o.predicted)) for o in outcomes]
    present = [(q, o, v) for q, o, v in verdicts if q.present]
    absent = [(q, o, v) for q, o, v in verdicts if not q.present]
    result.queries, result.present, result.absent = len(outcomes), len(present), len(absent)
    result.quotes_per_second = len(outcomes) / spent if spent else None

    def pct(rows: list[tuple[Query, Outcome, dict[str, bool]]], key: str) -> float | None:
        return 100.0 * sum(v[key] for _, _, v in rows) / len(rows) if rows else None

    result.found_pct = pct(present, "found")
    if contestant.spans and not corpus.repeated:
        result.overlap_pct = pct(present, "overlap")
        result.start_pct = pct(present, "start")
    result.absent_rejected_pct = pct(absent, "rejected")
    for q, o, v in verdicts:
        if len(result.failures) >= failures:
            break
        bad = (not v["rejected"]) if not q.present else not (v["overlap"] and v["start"])
        if not bad or (not contestant.spans and q.present and v["found"]):
            continue
        got = None
        if o.predicted not in (None, FOUND):
            assert o.predicted is not None
            s, e = o.predicted
            got = {"start": s, "end": e, "text": text[max(0, s): e][:300]}
        result.failures.append({
            "qid": q.qid, "kind": ("false positive" if not q.present else
                                   "missed" if o.predicted is None else "wrong span"),
            "edits": q.edits, "quote": q.text,
            "truth": None if q.start is None else {"start": q.start, "end": q.end,
                                                   "text": q.original},
            "got": got,
        })
    return result


# --------------------------------------------------------------------------------------------
# Report.
# --------------------------------------------------------------------------------------------

TARGETS = {  # (size, metric, minimum or maximum, bound): issue 2's targets for quoteverify
    "overlap_pct": ("1M", ">=", 99.0),
    "start_pct": ("1M", ">=", 97.0),
    "absent_rejected_pct": ("1M", ">=", 98.0),
    "quotes_per_second": ("1M", ">=", 10_000.0),
    "speed_ratio_rapidfuzz": ("1M", ">=", 50.0),
    "quotes_per_second_10M": ("10M", ">=", 2_000.0),
    "build_seconds_10M": ("10M", "<=", 3.0),
    "index_peak_x_text_10M": ("10M", "<=", 3.0),
}


def _fmt(value: float | None, spec: str) -> str:
    width = int(re.match(r"\d*", spec).group() or 0)  # type: ignore[union-attr]
    return "-".rjust(width) if value is None else format(value, spec)


def print_table(results: list[Result]) -> None:
    header = (f"{'size':>5} {'contestant':<12} {'n':>8} {'build s':>8} {'index MB':>9} "
              f"{'x text':>6} {'quotes/s':>10} {'overlap%':>8} {'start±5%':>8} {'found%':>7} "
              f"{'absent rej%':>11} {'qv speed x':>10}")
    print(header)
    print("-" * len(header))
    for r in results:
        if r.skipped:
            print(f"{r.size:>5} {r.contestant:<12} skipped: {r.skipped}")
            continue
        ratio = (r.index_peak_mb / r.text_mb) if r.index_peak_mb is not None and r.text_mb else None
        n = f"{r.present}+{r.absent}"
        print(f"{r.size:>5} {r.contestant:<12} {n:>8} {_fmt(r.build_seconds, '8.2f')} "
              f"{_fmt(r.index_peak_mb, '9.1f')} {_fmt(ratio, '6.2f')} "
              f"{_fmt(r.quotes_per_second, '10,.0f')} {_fmt(r.overlap_pct, '8.1f')} "
              f"{_fmt(r.start_pct, '8.1f')} {_fmt(r.found_pct, '7.1f')} "
              f"{_fmt(r.absent_rejected_pct, '11.1f')} "
              f"{'-' if r.speed_ratio is None else format(r.speed_ratio, ',.1f') + 'x':>10}")
    print()
    notes = {r.contestant: r.note for r in results if r.note}
    for name, note in notes.items():
        print(f"  {name}: {note}")
    print("  n = present+absent queries answered (subset when capped or out of time budget);"
          " index MB = tracemalloc peak while building; x text = that over the text's own"
          " memory (sys.getsizeof); qv speed x = quoteverify quotes/s / contestant's quotes/s.")


def check_targets(results: list[Result]) -> list[tuple[str, str, bool]]:
    """quoteverify's issue-2 targets that this run measured: (what, figure, met)."""
    qv = {r.size: r for r in results if r.contestant == "quoteverify" and not r.skipped}
    rf = {r.size: r for r in results if r.contestant == "rapidfuzz" and not r.skipped}
    rows: list[tuple[str, str, bool]] = []

    def add(what: str, value: float | None, op: str, bound: float, unit: str = "") -> None:
        if value is None:
            return
        ok = value >= bound if op == ">=" else value <= bound
        rows.append((what, f"{value:,.2f}{unit} ({op} {bound:,g}{unit})", ok))

    if "1M" in qv:
        r = qv["1M"]
        add("1M overlap >= 50% of truth", r.overlap_pct, ">=", 99.0, "%")
        add("1M start within ±5 chars", r.start_pct, ">=", 97.0, "%")
        add("1M absent quotes rejected", r.absent_rejected_pct, ">=", 98.0, "%")
        add("1M quotes/s after index build", r.quotes_per_second, ">=", 10_000.0)
        if "1M" in rf:
            add("1M speed vs rapidfuzz full scan", rf["1M"].speed_ratio, ">=", 50.0, "x")
    if "10M" in qv:
        r = qv["10M"]
        add("10M quotes/s after index build", r.quotes_per_second, ">=", 2_000.0)
        add("10M index build seconds", r.build_seconds, "<=", 3.0, " s")
        if r.index_peak_mb is not None and r.text_mb:
            add("10M index peak memory / text memory", r.index_peak_mb / r.text_mb, "<=", 3.0,
                "x")
    return rows


def machine() -> dict[str, Any]:
    import rapidfuzz

    info: dict[str, Any] = {"python": platform.python_version(), "platform": platform.platform(),
                            "cpus": os.cpu_count(), "rapidfuzz": rapidfuzz.__version__}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            model = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")),
                         None)
        info["cpu"] = model
    except OSError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    info.update({peer: installed(peer) for peer in ("gtrex", "krokai")})
    return info


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100K,1M,10M",
                        help="comma-separated corpus sizes among 100K,1M,10M,100M")
    parser.add_argument("--quick", action="store_true",
                        help="a third of the queries, short time budgets (for a smoke run)")
    parser.add_argument("--contestants", default="quoteverify,rapidfuzz,gtrex,krokai")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds of query time per contestant and size (default 60, quick 10)")
    parser.add_argument("--rapidfuzz-queries", type=int, default=None,
                        help="queries for the rapidfuzz full scan on sizes >= 1M (default 20)")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc builds")
    parser.add_argument("--failures", type=int, default=0, metavar="N",
                        help="print up to N failing queries per contestant and size")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--query-seed", type=int, default=SEED, metavar="N",
                        help=f"seed of the sampled and edited queries (default {SEED}); "
                        "another seed gives another query set from the same corpus")
    args = parser.parse_args(argv)

    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {unknown}; choose among {sorted(SIZES)}")
    budget = args.budget if args.budget is not None else (10.0 if args.quick else 60.0)
    subset = args.rapidfuzz_queries or (7 if args.quick else 20)
    factories: dict[str, Callable[[], Contestant]] = {
        "quoteverify": quoteverify_contestant,
        "rapidfuzz": lambda: rapidfuzz_contestant(subset),
        "gtrex": gtrex_contestant,
        "krokai": krokai_contestant,
    }
    chosen = [c.strip() for c in args.contestants.split(",") if c.strip()]
    contestants = [factories[c]() for c in chosen]

    results: list[Result] = []
    for label in sizes:
        corpus = load_corpus(label)
        t0 = time.perf_counter()
        queries = make_queries(corpus, args.query_seed)
        if args.quick:
            queries = queries[: len(queries) // 3]
        print(f"[{label}] {len(corpus.text):,} chars"
              f"{' (repeated paragraphs: spans not scored)' if corpus.repeated else ''}, "
              f"{sum(q.present for q in queries)} present + "
              f"{sum(not q.present for q in queries)} absent queries "
              f"({time.perf_counter() - t0:.1f} s to sample)", file=sys.stderr, flush=True)
        size_results = []
        for contestant in contestants:
            t0 = time.perf_counter()
            r = run_one(contestant, corpus, queries, budget=budget, memory=not args.no_memory,
                        failures=args.failures)
            print(f"  {contestant.name}: {r.queries} queries"
                  f"{' ' + (r.skipped or '') if r.skipped else ''}"
                  f" ({time.perf_counter() - t0:.1f} s)", file=sys.stderr, flush=True)
            size_results.append(r)
        qv = next((r for r in size_results if r.contestant == "quoteverify"), None)
        for r in size_results:
            if qv and qv.quotes_per_second and r.quotes_per_second and r is not qv:
                r.speed_ratio = qv.quotes_per_second / r.quotes_per_second
        results += size_results

    print()
    print_table(results)
    targets = check_targets(results)
    if targets:
        print("\nquoteverify targets (issue 2):")
        for what, figure, ok in targets:
            print(f"  {'PASS' if ok else 'FAIL'}  {what}: {figure}")
    if args.failures:
        for r in results:
            if not r.failures:
                continue
            print(f"\nfailures: {r.contestant} on {r.size} (first {len(r.failures)})")
            for f in r.failures:
                print(f"  #{f['qid']} {f['kind']}; edits: {'; '.join(f['edits'])}")
                print(f"     quote: {f['quote']!r}")
                if f["truth"]:
                    print(f"     truth: [{f['truth']['start']}:{f['truth']['end']}] "
                          f"{f['truth']['text']!r}")
                if f["got"]:
                    print(f"     got:   [{f['got']['start']}:{f['got']['end']}] "
                          f"{f['got']['text']!r}")
    if args.json:
        payload = {"command": " ".join([Path(sys.executable).name, *sys.argv]),
                   "machine": machine(), "seed": SEED, "query_seed": args.query_seed, "budget_seconds": budget,
                   "rapidfuzz_cutoff": RAPIDFUZZ_CUTOFF, "gtrex_threshold": GTREX_THRESHOLD,
                   "results": [asdict(r) for r in results],
                   "targets": [{"what": w, "figure": f, "met": ok} for w, f, ok in targets]}
        Path(args.json).write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
