"""Tests for the quoteverify command line: commands, formats, exit status, errors, stdin."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import quoteverify as qv
from quoteverify import cli, report

DEMO = Path(qv.__file__).parent / "data" / "demo"

INTERVIEW = (
    "Interviewer: Jane Doe\n"
    "Interviewee: Xie Yinan, vice president, Megvii\n\n"
    "Q: Do you know what the police do with the footage?\n"
    "A: We don't have access to the data. What we do is sell them a server. That's all.\n"
)
VTT = (
    "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Xie Yinan>We don't have access to the data.\n\n"
    "2\n00:00:04.500 --> 00:00:07.000\n<v Xie Yinan>What we do is sell them a server.\n"
)
SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nXIE YINAN: We don't have access to the data.\n\n"
    "2\n00:00:04,500 --> 00:00:07,000\nWhat we do is sell them a server.\n"
)
STORY = (
    "Megvii says it cannot see what its customers do.\n\n"
    '"We don\'t have access to the data," Xie Yinan said. '
    'Asked again, Xie said: "We have access to the data."\n'
)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "interview.txt").write_text(INTERVIEW, encoding="utf-8")
    (tmp_path / "captions.vtt").write_text(VTT, encoding="utf-8")
    (tmp_path / "captions.srt").write_text(SRT, encoding="utf-8")
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "speakers.json").write_text((DEMO / "speakers.json").read_text("utf-8"), encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- demo


def test_demo_runs_every_stage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "demo")
    assert code == 0 and err == ""
    for stage in ("1. speakers", "2. sources", "3. extract", "4. verify", "5. summary"):
        assert stage in out
    # the misquotes the demo story was written with are found
    assert "delete \"don't\" (negation: changes meaning)" in out
    assert "misattributed: Xie Yinan" in out
    assert "spliced" in out
    assert 'contraction "don\'t" -> "do not"' in out


def test_demo_in_every_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for fmt in cli.FORMATS:
        out_file = tmp_path / f"demo.{fmt}"
        code, out, _ = run(capsys, "demo", "--format", fmt, "--output", str(out_file))
        assert code == 0 and out == ""
        text = out_file.read_text("utf-8")
        assert text.strip()
        if fmt in ("json", "annotation"):
            json.loads(text)
    assert json.loads((tmp_path / "demo.json").read_text("utf-8"))["ok"] is False


def test_python_dash_m_and_no_traceback(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "quoteverify", "--version"], capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0 and ok.stdout.startswith("quoteverify ")
    bad = subprocess.run(
        [sys.executable, "-m", "quoteverify", "verify", "--source", str(tmp_path / "missing.txt"), "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    assert bad.stderr.count("\n") == 1 and "does not exist" in bad.stderr


# --------------------------------------------------------------------------- verify


def test_verify_exit_status_follows_the_verdict(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    src = str(files / "interview.txt")
    code, out, _ = run(capsys, "verify", "--source", src, "--speaker", "Xie Yinan", "What we do is sell them a server")
    assert code == 0 and "fidelity   verbatim" in out
    code, out, _ = run(capsys, "verify", "--source", src, "We have access to the data")
    assert code == 1 and "altered" in out
    code, out, _ = run(capsys, "verify", "--source", src, "--speaker", "Yin Qi", "What we do is sell them a server")
    assert code == 1 and "misattributed" in out


def test_an_unconfirmable_speaker_does_not_hold_unless_single_speaker(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plain = tmp_path / "statement.txt"
    plain.write_text("The plant will stay open through the winter. We will say more next week.\n", "utf-8")
    quote = "The plant will stay open through the winter"
    code, out, _ = run(capsys, "verify", "--source", str(plain), "--speaker", "Dana Whitfield", quote)
    assert code == 1 and "names no speakers" in out
    code, out, _ = run(capsys, "verify", "--source", str(plain), quote)  # nobody claimed: wording only
    assert code == 0
    code, out, _ = run(
        capsys, "verify", "--source", str(plain), "--speaker", "Dana Whitfield", "--single-speaker", quote
    )
    assert code == 0 and "confirmed" in out
    story = tmp_path / "story.txt"
    story.write_text(f'Dana Whitfield said: "{quote}."\n', "utf-8")
    code, out, _ = run(capsys, "check", str(story), "--source", str(plain))
    assert code == 1
    code, out, _ = run(capsys, "check", str(story), "--source", str(plain), "--single-speaker")
    assert code == 0 and "all hold" in out


def test_single_speaker_does_not_override_a_source_that_names_speakers(
    capsys: pytest.CaptureFixture[str], files: Path
) -> None:
    code, out, _ = run(
        capsys, "verify", "--source", str(files / "interview.txt"), "--speaker", "Yin Qi", "--single-speaker",
        "What we do is sell them a server",
    )
    assert code == 1 and "misattributed" in out


def test_verify_reads_the_quote_from_stdin(
    capsys: pytest.CaptureFixture[str], files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for argv in (["-"], []):
        stdin = io.TextIOWrapper(io.BytesIO("We don\u2019t have access to the data\n".encode()), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, _ = run(capsys, "verify", "--source", str(files / "interview.txt"), "--format", "json", *argv)
        assert code == 0
        d = json.loads(out)
        assert d["quote"] == "We don\u2019t have access to the data"
        assert d["fidelity"] in ("verbatim", "cosmetic")


@pytest.mark.parametrize(("name", "fmt"), [("interview.txt", "transcript"), ("captions.vtt", "webvtt"), ("captions.srt", "srt")])
def test_source_formats_are_detected(capsys: pytest.CaptureFixture[str], files: Path, name: str, fmt: str) -> None:
    code, out, _ = run(
        capsys, "verify", "--source", str(files / name), "--speaker", "Xie Yinan", "--format", "json",
        "We don't have access to the data",
    )
    d = json.loads(out)
    assert d["source"]["format"] == fmt
    assert d["attribution"]["status"] == "confirmed"
    assert code == 0


def test_source_format_can_be_forced(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, out, _ = run(
        capsys, "verify", "--source", str(files / "interview.txt"), "--source-format", "plain", "--format", "json",
        "We don't have access to the data",
    )
    assert json.loads(out)["source"]["format"] == "plain"
    code, out, err = run(
        capsys, "verify", "--source", str(files / "interview.txt"), "--source-format", "webvtt", "x y",
    )
    assert code == 2 and "interview.txt" in err and "Traceback" not in err


def test_statement_speaks_for_its_speaker(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "verify", "--statement", "Megvii", str(DEMO / "megvii_statement.txt"),
        "--speakers", str(DEMO / "speakers.json"), "--speaker", "a Megvii spokesperson",
        "follows the law in every country where it operates",
    )
    assert "confirmed" in out and code == 0


@pytest.mark.parametrize("fmt", cli.FORMATS)
def test_every_format_for_one_quote(capsys: pytest.CaptureFixture[str], files: Path, fmt: str) -> None:
    code, out, _ = run(capsys, "verify", "--source", str(files / "interview.txt"), "--format", fmt, "We have access to the data")
    assert code == 1
    if fmt == "json":
        assert json.loads(out) == json.loads(report.to_json(qv.verify("We have access to the data", cli.load_source(INTERVIEW, title="interview.txt"))))
    elif fmt == "annotation":
        assert json.loads(out)["items"][0]["type"] == "Annotation"
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
    elif fmt == "markdown":
        assert out.startswith("| # | quote |")


# --------------------------------------------------------------------------- check and extract


def test_check_one_story(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, out, _ = run(capsys, "check", str(files / "story.txt"), "--source", str(files / "interview.txt"), "--format", "json")
    assert code == 1
    d = json.loads(out)
    assert [q["fidelity"] for q in d["quotes"]] == ["verbatim", "altered"]
    assert d["title"] == "story.txt"


def test_check_all_faithful_exits_zero(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    (files / "good.txt").write_text('Xie Yinan said: "What we do is sell them a server."', encoding="utf-8")
    code, out, _ = run(capsys, "check", str(files / "good.txt"), "--source", str(files / "interview.txt"))
    assert code == 0 and "all hold" in out


def test_check_a_folder_writes_one_report_per_article(capsys: pytest.CaptureFixture[str], files: Path, tmp_path: Path) -> None:
    stories = files / "stories"
    stories.mkdir()
    (stories / "a.txt").write_text(STORY, encoding="utf-8")
    (stories / "b.md").write_text('Xie Yinan said: "What we do is sell them a server."', encoding="utf-8")
    out_dir = tmp_path / "reports"
    code, out, err = run(
        capsys, "check", str(stories), "--source", str(files / "interview.txt"), "--format", "html", "--output", str(out_dir)
    )
    assert code == 1 and out == "" and err == ""  # stderr is not a terminal: no progress bar
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.html", "b.html"]
    code, out, _ = run(capsys, "check", str(stories / "*.txt"), str(stories / "b.md"), "--source", str(files / "interview.txt"), "--format", "json")
    lines = out.strip().splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["a.txt", "b.md"]
    code, out, err = run(capsys, "check", str(stories), "--source", str(files / "interview.txt"), "--format", "html")
    assert code == 2 and "--output DIR" in err


def test_progress_bar_when_interactive(capsys: pytest.CaptureFixture[str], files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class TTY(io.StringIO):
        def isatty(self) -> bool:
            return True

    fake = TTY()
    monkeypatch.setattr(sys, "stderr", fake)
    stories = files / "many"
    stories.mkdir()
    for i in range(3):
        (stories / f"s{i}.txt").write_text(STORY, encoding="utf-8")
    code = cli.main(["check", str(stories), "--source", str(files / "interview.txt"), "--output", str(files / "r")])
    assert code == 1
    bar = fake.getvalue()
    assert "3/3" in bar and "\r[" in bar and bar.endswith("\n")


def test_extract_lists_quotes(capsys: pytest.CaptureFixture[str], files: Path) -> None:
    code, out, _ = run(capsys, "extract", str(files / "story.txt"))
    assert code == 0 and "Xie Yinan" in out and out.count("speaker ") == 2
    code, out, _ = run(capsys, "extract", str(files / "story.txt"), "--format", "json")
    quotes = json.loads(out)["quotes"]
    assert [q["text"] for q in quotes] == [q.text for q in qv.extract_quotes(STORY)]
    code, out, err = run(capsys, "extract", str(files / "story.txt"), "--format", "html")
    assert code == 2 and "text, json or markdown" in err


# --------------------------------------------------------------------------- bad input


def test_bad_input_exits_two_with_one_line(capsys: pytest.CaptureFixture[str], files: Path, tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    src = str(files / "interview.txt")
    cases = [
        (["verify", "--source", str(tmp_path / "nope.txt"), "x"], "does not exist"),
        (["verify", "--source", str(tmp_path), "x"], "is a directory"),
        (["verify", "--source", str(tmp_path / "latin1.txt"), "x"], "latin1.txt' is not valid utf-8: byte 0xe9"),
        (["verify", "--source", str(tmp_path / "empty.txt"), "x"], "is empty"),
        (["verify", "x"], "no source given"),
        (["verify", "--source", src, "..."], "no words"),
        (["check", str(tmp_path / "empty.txt"), "--source", src], "article"),
        (["check", str(tmp_path / "nothing-*.txt"), "--source", src], "no file matches"),
        (["extract", str(tmp_path)], "is a directory"),
        (["verify", "--source", src, "--speakers", str(tmp_path / "latin1.txt"), "x"], "speakers file"),
        (["verify", "--source", src, "--encoding", "klingon", "x"], "unknown encoding"),
        (["check", str(files / "story.txt"), "--source", src, "--output", str(tmp_path)], "is a directory"),
    ]
    for argv, message in cases:
        code, out, err = run(capsys, *argv)
        assert code == 2, (argv, out, err)
        assert message in err, (argv, err)
        assert err.startswith("quoteverify: error: ") and err.count("\n") == 1, err


def test_encoding_option_reads_other_encodings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("Le caf\xe9 est ferm\xe9 aujourd'hui.".encode("latin-1"))
    code, out, _ = run(capsys, "verify", "--source", str(tmp_path / "latin1.txt"), "--encoding", "latin-1", "Le café est fermé")
    assert code == 0 and "verbatim" in out


def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["verify", "--format", "pdf", "x"]) == 2
    assert cli.main([]) == 2
    assert cli.main(["frobnicate"]) == 2
    assert cli.main(["--help"]) == 0
    capsys.readouterr()


def test_load_source_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="source format must be one of"):
        cli.load_source("x", format="pdf")
