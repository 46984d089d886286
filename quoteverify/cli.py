"""The ``quoteverify`` command line, built on the same public functions as the library.

Commands: ``verify`` (one quote), ``check`` (whole stories), ``extract`` (list the
quotes a story attributes) and ``demo`` (the bundled Megvii example, end to end).
Exit status: 0 when every quote holds, 1 when any does not, 2 on bad usage or
unreadable input (with a one-line ``quoteverify: error: ...`` on stderr). A quote
whose claimed speaker the source cannot confirm (a source with no speaker turns)
does not hold, so it exits 1; ``--single-speaker`` takes every such source as the
claimed speaker's own words (a statement, a speech).

>>> detect_format("WEBVTT\\n\\n00:00.000 --> 00:01.000\\nHello")
'webvtt'
>>> detect_format("1\\n00:00:01,000 --> 00:00:02,000\\nHello")
'srt'
>>> detect_format("Q: Who are your customers?\\nA: Governments.")
'transcript'
>>> detect_format("Technology is definitely not to blame.")
'plain'
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import IO, Any

import regex

from . import report as _report
from ._layouts import LAYOUTS
from .archive import Archive, ArchiveError, DuplicateSourceError
from .errors import QuoteVerifyError
from .extraction import extract_quotes
from .limits import use_limits
from .model import AttributionStatus, Report, Source, Speaker, Verification
from .sources import detect_format as _detect
from .sources import parse_layout, parse_plain, parse_srt, parse_transcript, parse_webvtt
from .speakers import SpeakerRegistry
from .verification import check_article, verify

__all__ = [
    "COMMANDS",
    "FORMATS",
    "SOURCE_FORMATS",
    "CliError",
    "build_parser",
    "cli_reference",
    "demo_sources",
    "detect_format",
    "load_source",
    "main",
]

#: Output formats every command accepts (``extract`` renders quotes, not verdicts).
FORMATS = ("text", "json", "markdown", "html", "annotation")
#: Source formats ``--source-format`` accepts; ``auto`` detects one from the text.
SOURCE_FORMATS = ("auto", "plain", "transcript", "webvtt", "srt", "article", *LAYOUTS)

_SRT_TIMING = regex.compile(r"\A[ \t]*\d+[ \t]*\r?\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")
_ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ""})
_EXTENSIONS = {"text": "txt", "json": "json", "markdown": "md", "html": "html", "annotation": "jsonld"}


class CliError(Exception):
    """A bad usage or unreadable input: reported as one line on stderr, exit status 2."""


# --------------------------------------------------------------------------- reading input


def _read_file(path: str, *, encoding: str, what: str) -> str:
    """The text of ``path`` (``-`` is stdin), or a CliError that names the file and the problem."""
    if path == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        name = "standard input"
    else:
        p = Path(path)
        name = str(p)
        if p.is_dir():
            raise CliError(f"{what} {name!r} is a directory; expected a file")
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise CliError(f"{what} {name!r} does not exist") from None
        except PermissionError:
            raise CliError(f"{what} {name!r} cannot be read: permission denied") from None
        except OSError as e:
            raise CliError(f"{what} {name!r} cannot be read: {e.strerror or e}") from None
    if isinstance(data, str):
        return data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a UTF-16 byte-order mark says how to read it
        encoding = "utf-16"
    try:
        text = data.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except LookupError:
        raise CliError(f"unknown encoding {encoding!r} (try utf-8, utf-16, cp1252, gb18030)") from None
    except UnicodeDecodeError as e:
        bad = data[e.start : e.start + 1].hex()
        raise CliError(
            f"{what} {name!r} is not valid {encoding}: byte 0x{bad} at offset {e.start}; "
            "pass --encoding to read it (e.g. --encoding cp1252)"
        ) from None
    if "\x00" in text and encoding.lower().startswith("utf-8"):
        raise CliError(f"{what} {name!r} contains NUL characters; is it a binary or UTF-16 file? try --encoding utf-16")
    return text


def detect_format(text: str, *, speakers: SpeakerRegistry | None = None) -> str:
    """Guess a source's format: ``webvtt``, ``srt``, a transcript layout (``rev``, ``otter``,
    ``congressional``, ``hansard``, ``deposition``, ``earnings``, ``briefing``),
    ``transcript`` (``NAME: words``), ``article`` or ``plain``; see
    :func:`quoteverify.sources.detect_format`, which also says how sure it is and why.

    >>> detect_format("Dana Roe:\\nWe will stay.\\n\\nAl Poe:\\nWhy?\\n")
    'rev'
    """
    return _detect(text, speakers=speakers).name


def load_source(
    text: str,
    *,
    format: str = "auto",
    speakers: SpeakerRegistry | None = None,
    speaker: str | None = None,
    title: str | None = None,
) -> Source:
    """Parse a source text in ``format`` (``auto`` detects it); ``speaker`` speaks a plain text.

    >>> load_source("A: We don't have access to the data.\\nQ: Thank you.").format
    'transcript'
    >>> load_source("We sell them a server.", speaker="Xie Yinan").speaker.name
    'Xie Yinan'
    """
    if format not in SOURCE_FORMATS:
        msg = f"source format must be one of {', '.join(SOURCE_FORMATS)} (got {format!r})"
        raise ValueError(msg)
    fmt = "plain" if speaker is not None and format == "auto" else format
    if fmt == "auto":
        fmt = detect_format(text, speakers=speakers)
    if fmt in LAYOUTS:
        return parse_layout(text, fmt, speakers=speakers, title=title)
    if fmt == "plain":
        return parse_plain(text, speaker=speaker, speakers=speakers, title=title)
    if fmt == "transcript":
        return parse_transcript(text, speakers=speakers, title=title)
    if fmt == "webvtt":
        return parse_webvtt(text, speakers=speakers, title=title)
    if fmt == "srt":
        return parse_srt(text, speakers=speakers, title=title)
    return Source.from_article(text, speakers=speakers, title=title)


def _registry(path: str | None, encoding: str) -> SpeakerRegistry | None:
    if path is None:
        return None
    text = _read_file(path, encoding=encoding, what="speakers file")
    if path.lower().endswith(".toml"):
        return SpeakerRegistry.from_toml(text)
    return SpeakerRegistry.from_json(text)


def _sources(args: argparse.Namespace, registry: SpeakerRegistry | None) -> list[Source]:
    out: list[Source] = []
    per_file = getattr(args, "source_encodings", None) or {}
    for k, path in enumerate(args.source or ()):
        text = _read_file(path, encoding=per_file.get(k, args.encoding), what="source")
        out.append(_parse_source(text, path, args.source_format, registry, None))
    for name, path in args.statement or ():
        text = _read_file(path, encoding=args.encoding, what="statement")
        out.append(_parse_source(text, path, "plain", registry, name))
    if not out:
        raise CliError("no source given: pass --source FILE (or --statement SPEAKER FILE)")
    return out


def _parse_source(
    text: str, path: str, fmt: str, registry: SpeakerRegistry | None, speaker: str | None
) -> Source:
    if not text.strip():
        raise CliError(f"source {path!r} is empty")
    try:
        if fmt == "auto" and speaker is None:
            guess = _detect(text, speakers=registry)
            fmt = guess.name
            if sys.stderr.isatty():  # a person at a terminal sees what was picked and why
                print(f"source {path}: read as {fmt} ({guess.confidence:.2f}: {guess.reason}); "
                      "--source-format overrides", file=sys.stderr)
        return load_source(text, format=fmt, speakers=registry, speaker=speaker, title=Path(path).name)
    except QuoteVerifyError as e:
        raise CliError(f"source {path!r}: {e}") from None


# --------------------------------------------------------------------------- stories


def _check_story(
    text: str, sources: Sequence[Source] | Archive, registry: SpeakerRegistry | None
) -> Report:
    if isinstance(sources, Archive):
        return sources.check_article(text, speakers=registry)
    return check_article(text, sources, speakers=registry)


def _articles(patterns: Sequence[str]) -> list[str]:
    """Expand each argument: ``-``, a file, a folder (its text files) or a glob pattern."""
    out: list[str] = []
    for pattern in patterns:
        if pattern == "-" or Path(pattern).is_file():
            out.append(pattern)
        elif Path(pattern).is_dir():
            found = sorted(
                str(p)
                for p in Path(pattern).iterdir()
                if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in _ARTICLE_SUFFIXES
            )
            if not found:
                raise CliError(f"folder {pattern!r} has no article files (.txt, .md)")
            out.extend(found)
        elif glob.has_magic(pattern):
            found = sorted(p for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
            if not found:
                raise CliError(f"no file matches {pattern!r}")
            out.extend(found)
        else:
            raise CliError(f"article {pattern!r} does not exist")
    return out


class _Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total = total
        self.stream = stream
        self.enabled = total > 1 and stream.isatty()

    def step(self, done: int, label: str) -> None:
        if not self.enabled:
            return
        width = 24
        filled = width * done // self.total
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} {label[-40:]:<40}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


# --------------------------------------------------------------------------- output


def _write(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except IsADirectoryError:
        raise CliError(f"output {output!r} is a directory; expected a file") from None
    except OSError as e:
        raise CliError(f"cannot write output {output!r}: {e.strerror or e}") from None


def _render(obj: Verification | Report, fmt: str, title: str | None = None) -> str:
    if fmt == "text":
        text = _report.to_text(obj, title=title)
        src = obj.source if isinstance(obj, Verification) else None
        if src is not None and src.title:  # which file, of several, and how it was read
            text = f"source     {src.title} (read as {src.format})\n{text}"
        return text
    if fmt == "json":
        return _report.to_json(obj, title=title)
    if fmt == "markdown":
        return _report.to_markdown(obj, title=title)
    if fmt == "html":
        return _report.to_html(obj, title=title)
    return json.dumps(_report.to_annotations(obj), ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------- commands


def _cmd_verify(args: argparse.Namespace) -> int:
    registry = _registry(args.speakers, args.encoding)
    sources = _archive_or_sources(args, registry)
    quote = args.quote
    if quote is None or quote == "-":
        if sys.stdin.isatty() and quote is None:
            raise CliError("no quote given: pass it as an argument, or '-' to read it from stdin")
        quote = _read_file("-", encoding=args.encoding, what="quote")
    quote = quote.strip()
    if not quote:
        raise CliError("the quote is empty")
    if isinstance(sources, Archive):
        v = sources.verify(quote, speaker=args.speaker, speakers=registry)
    else:
        v = verify(quote, sources, speaker=args.speaker, speakers=registry)
    if args.single_speaker:
        v = _single_speaker(v, registry)
    _write(_render(v, args.format), args.output)
    return 0 if _report.holds(v) else 1


def _single_speaker(v: Verification, registry: SpeakerRegistry | None) -> Verification:
    """``--single-speaker``: a matched source without speaker turns is the claimed speaker's.

    Only a quote left ``unattributed`` because its source names nobody is checked again,
    against the same text given as spoken by the claimed speaker.
    """
    src, claim, att = v.source, v.quote.speaker, v.attribution
    if (
        src is None
        or claim is None
        or src.turns
        or src.speaker is not None
        or att is None
        or att.status is not AttributionStatus.UNATTRIBUTED
    ):
        return v
    if isinstance(claim, Speaker):
        who: Speaker | None = claim
    else:
        who = registry.resolve(claim).speaker if registry is not None else None
        who = who or Speaker(claim)
    own = Source(
        src.text,
        speaker=who,
        title=src.title,
        url=src.url,
        published=src.published,
    )
    return verify(v.attributed or v.quote, own, speaker=claim, speakers=registry)


def _cmd_check(args: argparse.Namespace) -> int:
    registry = _registry(args.speakers, args.encoding)
    sources = _archive_or_sources(args, registry)
    articles = _articles(args.article)
    many = len(articles) > 1
    if many and args.output is None and args.format in ("html", "annotation"):
        raise CliError(f"{len(articles)} articles: give --output DIR to write one {args.format} report each")
    outdir: Path | None = None
    if many and args.output is not None:
        outdir = Path(args.output)
        if outdir.exists() and not outdir.is_dir():
            raise CliError(f"{len(articles)} articles: --output {args.output!r} must be a folder")
        outdir.mkdir(parents=True, exist_ok=True)
    progress = _Progress(len(articles), sys.stderr)
    all_ok = True
    chunks: list[str] = []
    try:
        for i, path in enumerate(articles):
            progress.step(i, path)
            text = _read_file(path, encoding=args.encoding, what="article")
            if not text.strip():
                raise CliError(f"article {path!r} is empty")
            try:
                story = _check_story(text, sources, registry)
                if args.single_speaker:
                    story = Report(
                        story.text,
                        tuple(_single_speaker(v, registry) for v in story.verifications),
                        story.sources,
                    )
            except QuoteVerifyError as e:
                raise CliError(f"article {path!r}: {e}") from None
            all_ok = all_ok and all(_report.holds(v) for v in story.verifications)
            title = "standard input" if path == "-" else Path(path).name
            rendered = _render(story, args.format, title)
            if outdir is not None:
                stem = "stdin" if path == "-" else Path(path).stem
                _write(rendered, str(outdir / f"{stem}.{_EXTENSIONS[args.format]}"))
            elif many and args.format == "json":
                chunks.append(_report.to_json(story, title=title, indent=None))
            else:
                chunks.append(rendered)
        progress.step(len(articles), "done")
    finally:
        progress.close()
    if chunks:
        _write(("\n" if args.format == "json" else "\n\n").join(chunks), None if many else args.output)
    return 0 if all_ok else 1


def _cmd_extract(args: argparse.Namespace) -> int:
    registry = _registry(args.speakers, args.encoding)
    text = _read_file(args.article, encoding=args.encoding, what="article")
    if not text.strip():
        raise CliError(f"article {args.article!r} is empty")
    quotes = extract_quotes(text, speakers=registry, include_indirect=args.indirect)
    if args.format == "json":
        rendered = json.dumps(
            {"schema_version": _report.SCHEMA_VERSION, "quotes": [_report.quote_to_dict(q) for q in quotes]},
            ensure_ascii=False,
            indent=2,
        )
    elif args.format == "markdown":
        rendered = _report.quotes_to_markdown(quotes)
    elif args.format == "text":
        rendered = _report.quotes_to_text(quotes)
    else:
        raise CliError(f"extract writes text, json or markdown (got --format {args.format})")
    _write(rendered, args.output)
    return 0


def _demo_files() -> Iterator[tuple[str, str]]:
    base = resources.files("quoteverify") / "data" / "demo"
    for name in (
        "story.txt",
        "xie_interview.txt",
        "megvii_statement.txt",
        "yin_qi_remarks.txt",
        "ministry_briefing.txt",
        "speakers.json",
    ):
        yield name, (base / name).read_text(encoding="utf-8")


def demo_sources(registry: SpeakerRegistry, files: dict[str, str]) -> list[Source]:
    """The demo's four sources: the interview, the company statement, Yin Qi's remarks, and a
    ministry briefing whose reporters' questions are ``Q`` lines."""
    return [
        load_source(files["xie_interview.txt"], speakers=registry, title="xie_interview.txt"),
        load_source(files["megvii_statement.txt"], speakers=registry, speaker="Megvii", title="megvii_statement.txt"),
        load_source(files["yin_qi_remarks.txt"], speakers=registry, title="yin_qi_remarks.txt"),
        load_source(files["ministry_briefing.txt"], speakers=registry, title="ministry_briefing.txt"),
    ]


def _cmd_demo(args: argparse.Namespace) -> int:
    files = dict(_demo_files())
    registry = SpeakerRegistry.from_json(files["speakers.json"])
    sources = demo_sources(registry, files)
    story_text = files["story.txt"]
    story = _check_story(story_text, sources, registry)
    if args.format != "text":
        _write(_render(story, args.format, "Megvii demo story"), args.output)
        return 0
    out: list[str] = [
        "quoteverify demo: a short story about Megvii, written for this demo, checked against",
        "four sources (an interview transcript, a company statement, the CEO's remarks, and a",
        "ministry briefing where reporters' questions are Q lines).",
        "",
        f"1. speakers  {len(registry)} registered: " + ", ".join(s.name for s in registry),
        "",
        "2. sources",
    ]
    for src in sources:
        labels = sorted({f"{t.label or '-'} = {t.speaker.name if t.speaker else '?'}" for t in src.turns})
        out.append(f"   {src.title or '':<22} {src.format:<10} {len(src.turns)} turns ({'; '.join(labels)})")
    quotes = [v.attributed for v in story.verifications]
    out += ["", f"3. extract   {len(quotes)} quotes in the story"]
    for i, q in enumerate(quotes, 1):
        if q is None:
            continue
        who = q.speaker.name if q.speaker else "nobody named"
        cue = f', cue "{q.cue.text}"' if q.cue else ""
        out.append(f"   [{i}] \u201c{_report.shorten(q.text, 60)}\u201d — {who}{cue}")
    out += ["", "4. verify    each quote against all four sources"]
    for i, v in enumerate(story.verifications, 1):
        where = (v.source.title or "source") if v.source is not None else "no source"
        out.append(f"   [{i}] \u201c{_report.shorten(v.quote.text, 60)}\u201d ({where})")
        out.extend("       " + line for line in v.explain().splitlines())
        out.append("")
    holds = sum(_report.holds(v) for v in story.verifications)
    out.append(f"5. summary   {holds} of {len(story.verifications)} quotes hold; " + _report.tally(story))
    out.append("")
    out.append("Try: quoteverify demo --format html --output report.html")
    _write("\n".join(out), args.output)
    return 0


# --------------------------------------------------------------------------- parser


class _Encoding(argparse.Action):
    """``--encoding`` right after a ``--source FILE`` is that file's; otherwise every file's."""

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option: str | None = None
    ) -> None:
        sources = getattr(namespace, "source", None) or []
        per_file = getattr(namespace, "source_encodings", None) or {}
        if sources and len(sources) - 1 not in per_file and getattr(namespace, "_last_was_source", False):
            per_file[len(sources) - 1] = values
            namespace.source_encodings = per_file
            if not getattr(namespace, "_encoding_given", False):
                namespace.encoding = values  # (one file: its encoding is every input's too)
        else:
            namespace.encoding = values
            namespace._encoding_given = True


class _Source(argparse.Action):
    """``--source FILE``, repeatable (an append that remembers an ``--encoding`` may follow)."""

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option: str | None = None
    ) -> None:
        namespace.source = [*(getattr(namespace, "source", None) or []), values]
        namespace._last_was_source = True


def _common(p: argparse.ArgumentParser, *, sources: bool) -> None:
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--speakers", metavar="FILE", help="speaker registry (.json or .toml)")
    p.add_argument(
        "--encoding",
        default="utf-8",
        action=_Encoding,
        help="encoding of the input files (default: utf-8; a UTF-16 or UTF-8 byte-order mark is "
        "read whatever this says); right after a --source FILE, of that file only",
    )
    p.add_argument("--max-text-chars", type=int, metavar="N",
                   help="largest source, story or transcript read, in characters (default 120,000,000)")
    p.add_argument("--max-quote-chars", type=int, metavar="N",
                   help="longest quote or framing read, in characters (default 100,000)")
    if sources:
        p.add_argument(
            "--source", metavar="FILE", action=_Source, help="a source the quotes come from (repeatable)"
        )
        p.add_argument(
            "--statement",
            metavar=("SPEAKER", "FILE"),
            nargs=2,
            action="append",
            help="a plain-text source spoken as a whole by SPEAKER, e.g. a company statement (repeatable)",
        )
        p.add_argument(
            "--source-format",
            choices=SOURCE_FORMATS,
            default="auto",
            help="format of every --source (default: auto: WebVTT, SRT, transcript or plain)",
        )
        p.add_argument(
            "--single-speaker",
            action="store_true",
            help="take a source that names no speakers as the claimed speaker's own words (a "
            "statement, a speech); without it such a quote cannot be confirmed and does not hold",
        )


# --------------------------------------------------------------------------- archives


def _archive_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--archive",
        metavar="ARCHIVE",
        help="check against every source of this archive (see `quoteverify archive add`)",
    )


def _open_archive(path: str, *, readonly: bool) -> Archive:
    try:
        return Archive(path, create=not readonly, readonly=readonly)
    except ArchiveError as e:
        raise CliError(str(e)) from None


def _archive_or_sources(
    args: argparse.Namespace, registry: SpeakerRegistry | None
) -> list[Source] | Archive:
    """The ``--archive`` (opened for reading), or the ``--source`` files as sources."""
    if getattr(args, "archive", None) is None:
        return _sources(args, registry)
    if args.source or args.statement:
        raise CliError("--archive and --source/--statement cannot be combined; add the files to the archive")
    return _open_archive(args.archive, readonly=True)


def _cmd_archive_add(args: argparse.Namespace) -> int:
    registry = _registry(args.speakers, args.encoding)
    paths: list[str] = []
    for pattern in args.files:  # a missing file is named as a source when it is read
        missing = not Path(pattern).exists() and not glob.has_magic(pattern)
        paths.extend([pattern] if missing else _articles([pattern]))
    archive = _open_archive(args.archive, readonly=False)
    progress = _Progress(len(paths), sys.stderr)
    before = len(archive)

    def items() -> Iterator[tuple[str, Source]]:
        for i, path in enumerate(paths):
            progress.step(i, path)
            text = _read_file(path, encoding=args.encoding, what="source")
            yield str(Path(path).resolve()), _parse_source(text, path, args.source_format, registry, None)
        progress.step(len(paths), "done")

    try:
        keys = archive.add_many(items(), replace=args.replace, skip_duplicates=True,
                                workers=args.workers)
    except DuplicateSourceError as e:
        raise CliError(f"{e}; pass --replace to replace it") from None
    except ArchiveError as e:
        raise CliError(f"{e}; nothing was added") from None
    except CliError as e:
        raise CliError(f"{e}; nothing was added") from None
    finally:
        progress.close()
    added = len(archive) - before
    same = sum(1 for k, p in zip(keys, paths, strict=True) if k != str(Path(p).resolve()))
    note = f", {same} already there under another name" if same else ""
    print(
        f"{args.archive}: {len(paths)} file(s) read, {added:+d} source(s){note}, "
        f"{len(archive)} in the archive",
        file=sys.stderr,
    )
    archive.close()
    return 0


def _cmd_archive_info(args: argparse.Namespace) -> int:
    archive = _open_archive(args.archive, readonly=True)
    info = archive.info()
    archive.close()
    if args.format == "json":
        _write(json.dumps(info, indent=2), None)
    else:
        _write("\n".join(f"{k:<11}{v}" for k, v in info.items()), None)
    return 0


def _archive_commands(sub: Any, formatter: Any) -> None:
    p = sub.add_parser("archive", formatter_class=formatter, help="build or describe an archive of sources")
    nested = p.add_subparsers(dest="archive_command", metavar="ARCHIVE_COMMAND", required=True)
    a = nested.add_parser("add", formatter_class=formatter, help="add source files to an archive (created if missing)")
    a.add_argument("archive", metavar="ARCHIVE", help="the archive file")
    a.add_argument("files", nargs="+", metavar="FILES", help="source files, folders of them, or globs")
    a.add_argument("--source-format", choices=SOURCE_FORMATS, default="auto",
                   help="format of every file (default: auto: WebVTT, SRT, transcript or plain)")
    a.add_argument("--speakers", metavar="FILE", help="speaker registry (.json or .toml)")
    a.add_argument("--encoding", default="utf-8", help="encoding of every input file (default: utf-8)")
    a.add_argument("--replace", action="store_true", help="replace a file already in the archive")
    a.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes that index the files beside this one (default: one per core "
                        "but one on three cores or more, past 16 MB of text; 0: none)")
    a.set_defaults(func=_cmd_archive_add)
    i = nested.add_parser("info", formatter_class=formatter, help="what an archive holds")
    i.add_argument("archive", metavar="ARCHIVE", help="the archive file")
    i.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    i.set_defaults(func=_cmd_archive_info)


def build_parser(*, width: int | None = None) -> argparse.ArgumentParser:
    """The ``quoteverify`` argument parser; ``width`` fixes the help's line width (for the docs)."""

    def formatter(prog: str) -> argparse.HelpFormatter:
        return argparse.HelpFormatter(prog, width=width)

    parser = argparse.ArgumentParser(
        prog="quoteverify",
        formatter_class=formatter,
        description="Check quotes attributed to people against their sources: wording, attribution, context.",
        epilog="Exit status: 0 when every quote holds, 1 when any does not (including a claimed "
        "speaker the source cannot confirm; see --single-speaker), 2 on bad usage or unreadable input.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"quoteverify {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("verify", formatter_class=formatter, help="check one quote against one or more sources")
    p.add_argument("quote", nargs="?", metavar="QUOTE", help="the quoted words ('-' or omitted: read stdin)")
    p.add_argument("--speaker", metavar="NAME", help="who the story says spoke the quote")
    _common(p, sources=True)
    _archive_option(p)
    p.set_defaults(func=_cmd_verify)

    p = sub.add_parser("check", formatter_class=formatter, help="check every quote in one or more stories")
    p.add_argument("article", nargs="+", metavar="ARTICLE", help="a story file, a folder of them, a glob, or '-'")
    _common(p, sources=True)
    _archive_option(p)
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("extract", formatter_class=formatter, help="list the quotes in a story and who they are attributed to")
    p.add_argument("article", metavar="ARTICLE", help="a story file, or '-' for stdin")
    p.add_argument("--indirect", action="store_true", help="also list reported speech without quote marks")
    _common(p, sources=False)
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("demo", formatter_class=formatter, help="run the bundled Megvii example end to end")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=_cmd_demo)
    _archive_commands(sub, formatter)
    return parser


COMMANDS = ("verify", "check", "extract", "demo", "archive")
#: Subcommands of ``quoteverify archive``.
ARCHIVE_COMMANDS = ("add", "info")


def cli_reference() -> str:
    """The Markdown CLI reference (``docs/cli.md``): every command's ``--help``, 88 columns wide.

    Regenerate with ``python -c "import quoteverify.cli as c; print(c.cli_reference(), end='')" > docs/cli.md``.

    >>> "## quoteverify verify" in cli_reference()
    True
    """
    parser = build_parser(width=88)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    parts = [
        "# Command line reference",
        "",
        "Generated from `--help` by `quoteverify.cli.cli_reference()`; a test checks it is current.",
        "",
        "```text",
        _help_text(parser),
        "```",
    ]
    for name in COMMANDS:
        parts += ["", f"## quoteverify {name}", "", "```text", _help_text(sub.choices[name]), "```"]
    nested = next(a for a in sub.choices["archive"]._actions if isinstance(a, argparse._SubParsersAction))
    for name in ARCHIVE_COMMANDS:
        parts += ["", f"## quoteverify archive {name}", "", "```text", _help_text(nested.choices[name]), "```"]
    return "\n".join(parts) + "\n"


def _help_text(parser: argparse.ArgumentParser) -> str:
    # Python 3.10 says "optional arguments:", 3.11+ "options:"; the reference uses the newer word.
    return parser.format_help().replace("optional arguments:", "options:").rstrip()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    >>> import os
    >>> main(["extract", "--format", "json", os.devnull])  # the error line goes to stderr
    2
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse prints its own message (usage errors: 2; --help: 0)
        return int(e.code) if isinstance(e.code, int) else 2
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        sizes = {
            k: v
            for k, v in (
                ("max_text_chars", getattr(args, "max_text_chars", None)),
                ("max_quote_chars", getattr(args, "max_quote_chars", None)),
            )
            if v is not None
        }
        with use_limits(**sizes):
            return int(args.func(args))
    except CliError as e:
        print(f"quoteverify: error: {e}", file=sys.stderr)
    except QuoteVerifyError as e:
        print(f"quoteverify: error: {e}", file=sys.stderr)
    except (TypeError, ValueError) as e:  # bad values reaching the library from the command line
        print(f"quoteverify: error: {e}", file=sys.stderr)
    except Exception as e:  # one line, never a traceback, even for our own bugs
        print(f"quoteverify: internal error: {type(e).__name__}: {e} (please report it)", file=sys.stderr)
    except KeyboardInterrupt:
        print("quoteverify: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return 2
