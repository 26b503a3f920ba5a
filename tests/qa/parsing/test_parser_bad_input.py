"""Bad input: a clear ParseError naming the file (and line), or a warning and the best parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.errors import ParseError
from qa.parsing import find_resolution_files, load_resolution, parse_text

SMALL = (
    "Resolution adopted by the General Assembly on 1 March 2020\n"
    "The General Assembly,\n"
    "Recalling the Vienna Declaration,1\n"
    "1. Welcomes the outcome of the Geneva2 and Tunis3 phases;\n"
    "2. Decides to remain seized of the matter.\n"
    "12th plenary meeting\n"
    "1 March 2020\n"
    "1 A/CONF.157/24.\n"
    "3 A/60/687.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="nowhere.txt.*no such file"):
        load_resolution(tmp_path / "nowhere.txt")


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "A_RES_1_1.txt", b"  \n\n")
    with pytest.raises(ParseError, match="empty") as err:
        load_resolution(path)
    assert str(path) in str(err.value)


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.txt", b"%PDF-1.7\x00\x01\x02\xff" * 20)
    with pytest.raises(ParseError, match="binary") as err:
        load_resolution(path)
    assert str(path) in str(err.value)


def test_non_utf8_names_line_and_offset(tmp_path: Path) -> None:
    data = "The General Assembly,\nRecalling its resolution 1/1,\n1. Décide x;\n".encode("latin-1")
    path = write(tmp_path, "latin.txt", data)
    with pytest.raises(ParseError) as err:
        load_resolution(path)
    message = str(err.value)
    assert f"{path}:3:" in message
    offset = data.index(bytes([0xE9]))
    assert "UTF-8" in message and f"byte offset {offset}" in message
    assert err.value.line == 3


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + SMALL.encode())
    res = load_resolution(path)
    assert res.clause("op1").text.startswith("Welcomes")
    assert res.clause("pp1").span[0] == 0 + len("Resolution adopted by the General Assembly on 1 March 2020\n"
                                                 "The General Assembly,\n")


def test_not_a_resolution(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", b"Shopping list\n\nmilk, eggs\nbread\n")
    with pytest.raises(ParseError, match="not a resolution") as err:
        load_resolution(path)
    assert f"{path}:1:" in str(err.value)


def test_marker_without_footnote_text_warns_and_parses(tmp_path: Path) -> None:
    path = write(tmp_path, "A_RES_99_1.txt", SMALL.encode())
    res = load_resolution(path)
    assert res.clause("op1").text == "Welcomes the outcome of the Geneva and Tunis phases;"
    assert res.clause("op1").footnotes == ("fn3",)
    assert res.clause("pp1").footnotes == ("fn1",)
    assert [c.id for c in res.clauses if c.kind == "footnote"] == ["fn1", "fn3"]
    warning = next(w for w in res.warnings if "marker 2" in w)
    assert str(path) in warning and "no footnote text" in warning
    assert res.metadata["plenary_meeting"] == 12


def test_footnote_never_cited_warns() -> None:
    text = SMALL.replace("Tunis3", "Tunis")
    res = parse_text(text, source="mine.txt")
    assert any(w.startswith("mine.txt:") and "footnote 3" in w and "not cited" in w for w in res.warnings)


def test_find_files_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="missing-folder"):
        find_resolution_files([tmp_path / "missing-folder"])


def test_find_files_reads_folders_recursively_in_the_formats_read(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", SMALL.encode())
    write(tmp_path, "a.txt", SMALL.encode())
    write(tmp_path, "notes.md", b"# notes")
    write(tmp_path, "letter.docx", b"PK")
    write(tmp_path, ".draft.txt", SMALL.encode())
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.pdf", b"%PDF-1.4")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "d.txt", SMALL.encode())
    found = [p.relative_to(tmp_path).as_posix() for p in find_resolution_files([tmp_path])]
    assert found == ["a.txt", "b.txt", "notes.md", "sub/c.pdf"]


def test_parse_text_empty() -> None:
    with pytest.raises(ParseError, match="<text>.*empty"):
        parse_text("")


# -- every format keeps its clear errors ----------------------------------------------------------
COLLECTION = Path(__file__).resolve().parents[3] / "../shared/corpus/collection"


@pytest.mark.parametrize("name", ["empty.md", "empty.pdf", "empty.html"])
def test_empty_file_of_any_format(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"\n  \n")
    with pytest.raises(ParseError, match="empty") as err:
        load_resolution(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize("name", ["image.md", "image.txt", "image.html"])
def test_binary_file_of_any_text_format(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(ParseError, match="binary"):
        load_resolution(path)


def test_image_named_pdf_is_not_a_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(ParseError, match="not a PDF: the file does not start with %PDF-"):
        load_resolution(path)


def test_scan_pdf_says_run_ocr() -> None:
    with pytest.raises(ParseError, match=r"no text layer: this PDF is a scan; run OCR first \(e.g. ocrmypdf\)"):
        load_resolution(COLLECTION / "pdf/A_RES_2758_XXVI_ru.pdf")


def test_real_pdf_under_a_txt_name_is_read_as_pdf(tmp_path: Path) -> None:
    path = write(tmp_path, "S_RES_2768_2025.txt", (COLLECTION / "pdf/S_RES_2768_2025.pdf").read_bytes())
    res = load_resolution(path)
    assert res.symbol == "S/RES/2768 (2025)" and res.metadata["source_format"] == "pdf"


def test_non_utf8_markdown_names_line_and_offset(tmp_path: Path) -> None:
    path = write(tmp_path, "latin.md", "# Title\n\nThe General Assembly,\n\n1. Décide x;\n".encode("latin-1"))
    with pytest.raises(ParseError, match="not UTF-8") as err:
        load_resolution(path)
    assert err.value.line == 5


def test_markdown_that_is_not_a_resolution(tmp_path: Path) -> None:
    path = write(tmp_path, "README.md", b"# Project\n\nSome words.\n\n## Usage\n\nRun it.\n")
    with pytest.raises(ParseError, match="this markdown file is not a resolution"):
        load_resolution(path)
