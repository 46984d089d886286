"""The command line on hostile files: exit 0/1/2 with a one-line error, never a traceback or an internal error."""

from __future__ import annotations

from pathlib import Path

import hostile
import pytest

from quoteverify.cli import main

SOURCE = "XIE YINAN: We don't have access to the data. What we do is sell them a server. That's all.\n"
SMALL_CASES = [c for c in hostile.CASES if c not in hostile.SIZE_KEY] + ["quote_marks", "nested_quotes"]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), code
    assert "internal error" not in err, err
    assert "Traceback" not in err + out
    return code, out, err


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
@pytest.mark.parametrize("case", SMALL_CASES)
def test_check_on_hostile_story(case: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text(hostile.STORY + hostile.build(case), encoding="utf-8", errors="surrogatepass")
    src = tmp_path / "source.txt"
    src.write_text(SOURCE + hostile.build(case), encoding="utf-8", errors="surrogatepass")
    code, _out, err = _run(["check", str(story), "--source", str(src), "--format", fmt], capsys)
    if code == 2:
        assert err.startswith("quoteverify: error:"), err


def test_html_report_escapes_hostile_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_text('Xie Yinan said: "<script>alert(1)</script> We don\'t have access to the data."', encoding="utf-8")
    src = tmp_path / "source.txt"
    src.write_text(SOURCE + "<script>alert(1)</script>", encoding="utf-8")
    _code, out, _err = _run(["check", str(story), "--source", str(src), "--format", "html"], capsys)
    assert "<script>alert(1)</script>" not in out
    assert "&lt;script&gt;" in out


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\x00bad", b"caf\xe9 said \"x\"", b"\xed\xa0\x80 lone surrogate", b"\x00" * 100],
    ids=["utf16-bom", "latin1", "cesu-surrogate", "nuls"],
)
def test_undecodable_or_binary_files(data: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(data)
    src = tmp_path / "source.txt"
    src.write_bytes(data)
    for argv in (["check", str(story), "--source", str(src)], ["extract", str(story)],
                 ["verify", "We don't have access", "--source", str(src)]):
        _run(argv, capsys)


def test_malformed_caption_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "bad.vtt"
    src.write_text(hostile.MALFORMED_CAPTIONS["vtt_bad_timing"], encoding="utf-8")
    code, _out, err = _run(["verify", "hello", "--source", str(src), "--source-format", "webvtt"], capsys)
    assert code == 2
    assert "line 3" in err
