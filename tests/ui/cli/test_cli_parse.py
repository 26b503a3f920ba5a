"""`resolution-qa parse`: JSON on the default file, a clean message on a bad file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ui.cli import main

DEFAULT = Path(__file__).resolve().parents[3] / "data" / "A_RES_64_12.txt"


def test_parse_json_default_file() -> None:
    result = CliRunner().invoke(main, ["parse", str(DEFAULT), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["symbol"] == "A/RES/64/12"
    assert doc["metadata"]["plenary_meeting"] == 41
    clauses = {c["id"]: c for c in doc["clauses"]}
    assert set(clauses["op7"]) >= {"id", "kind", "number", "label", "text", "footnotes", "cited_by", "span"}
    assert clauses["op7"]["label"] == "A/RES/64/12, operative paragraph 7"
    assert clauses["pp2"]["footnotes"] == ["fn1", "fn2"]
    assert clauses["fn8"]["cited_by"] == ["pp3", "op3"]
    assert clauses["fn8"]["kind"] == "footnote"
    assert isinstance(clauses["op1"]["span"], list) and len(clauses["op1"]["span"]) == 2


def test_parse_human_listing() -> None:
    result = CliRunner().invoke(main, ["parse", str(DEFAULT)])
    assert result.exit_code == 0
    assert "[op7] A/RES/64/12, operative paragraph 7" in result.stdout
    assert "cites: fn1, fn2" in result.stdout


def test_parse_bad_file_clean_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9\n")
    result = CliRunner().invoke(main, ["parse", str(bad), "--json"])
    assert result.exit_code in (1, 2)
    assert "Traceback" not in result.output
    assert f"{bad}:1:" in result.output and "UTF-8" in result.output


def test_parse_missing_file_clean_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "none.txt")])
    assert result.exit_code in (1, 2)
    assert "none.txt" in result.output and "Traceback" not in result.output


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    text = DEFAULT.read_text(encoding="utf-8").replace("<<ODS DOC SYMBOL1>>A/RES/64/12<<ODS DOC SYMBOL1>>", "")
    path = tmp_path / "A_RES_64_12.txt"
    path.write_text(text.replace("64/12.\t", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(path), "--json"])
    assert result.exit_code == 0
    assert "file name" in result.stderr
    assert json.loads(result.stdout)["symbol"] == "A/RES/64/12"


# -- parse PATH... --summary ----------------------------------------------------------------------
COLLECTION = Path(__file__).resolve().parents[3] / "../shared/corpus/collection"


def _folder(tmp_path: Path) -> Path:
    """A folder as users have them: a good text file, a PDF, a scan, a draft, a bad file, a README."""
    import shutil

    root = tmp_path / "resolutions"
    (root / "pdf").mkdir(parents=True)
    shutil.copy(DEFAULT, root / "A_RES_64_12.txt")
    shutil.copy(COLLECTION / "security-council/S_RES_112_1956.txt", root / "S_RES_112_1956.txt")
    for name in ("S_RES_2768_2025.pdf", "A_RES_2758_XXVI_ru.pdf"):
        shutil.copy(COLLECTION / "pdf" / name, root / "pdf" / name)
    (root / "notes.txt").write_text("Shopping list\n\nmilk, eggs\n", encoding="utf-8")
    (root / "latin.txt").write_bytes("The General Assembly,\n1. Décide x;\n".encode("latin-1"))
    shutil.copy(COLLECTION / "SOURCES.md", root / "SOURCES.md")
    return root


def test_summary_one_line_per_file_then_totals_then_refusals(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    result = CliRunner().invoke(main, ["parse", str(root), "--summary", "--jobs", "1"])
    assert result.exit_code == 3, result.output  # some files refused
    lines = result.stdout.splitlines()
    by_file = {ln.split(": ", 1)[0]: ln for ln in lines if ln.startswith(str(root))}
    assert len(by_file) == 7
    assert by_file[str(root / "A_RES_64_12.txt")] == (
        f"{root / 'A_RES_64_12.txt'}: A/RES/64/12  pp 12 / op 13 / sub 0 / fn 9 / annex 0")
    assert by_file[str(root / "pdf/S_RES_2768_2025.pdf")].startswith(
        f"{root / 'pdf/S_RES_2768_2025.pdf'}: S/RES/2768 (2025)  pp 5 / op 6 / sub 0 / fn 0 / annex 0")
    assert "refused: no text layer: this PDF is a scan" in by_file[str(root / "pdf/A_RES_2758_XXVI_ru.pdf")]
    assert "refused: not UTF-8 text" in by_file[str(root / "latin.txt")]
    assert "refused: this markdown file is not a resolution" in by_file[str(root / "SOURCES.md")]
    totals = next(ln for ln in lines if ln.startswith("7 files:"))
    assert totals.startswith("7 files: 3 parsed, 4 refused;")
    assert "refused, by reason:" in lines
    reasons = lines[lines.index("refused, by reason:") + 1:]
    assert any(r.strip().startswith("1  no text layer: this PDF is a scan") for r in reasons)
    assert any(f"e.g. {root / 'notes.txt'}" in r for r in reasons)
    assert "Traceback" not in result.output


def test_summary_line_marks_no_operative_paragraph_and_warnings(tmp_path: Path) -> None:
    from ui.cli.parse_cmd import summary_line

    s = {"path": "S_RES_112_1956.txt", "status": "parsed", "symbol": "S/RES/112 (1956)",
         "counts": {"pp": 3, "op": 0, "sub": 0, "fn": 0, "annex": 0}, "no_operative_paragraph": True,
         "warnings": ["S_RES_112_1956.txt: the text does not state its symbol; S/RES/112 (1956) was taken from "
                      "the file name", "x: footnote marker 4 in ... has no footnote text; the marker was removed",
                      "x: footnote marker 5 in ... has no footnote text; the marker was removed"]}
    assert summary_line(s) == ("S_RES_112_1956.txt: S/RES/112 (1956)  pp 3 / op 0 / sub 0 / fn 0 / annex 0  "
                               "no operative paragraph  3 warnings (symbol from file name, marker without "
                               "footnote x2)")


def test_summary_exit_zero_when_everything_parsed(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    result = CliRunner().invoke(main, ["parse", str(root / "S_RES_112_1956.txt"), str(root / "A_RES_64_12.txt"),
                                       "--summary"])
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith(str(root / "S_RES_112_1956.txt")))
    assert line.startswith(f"{root / 'S_RES_112_1956.txt'}: S/RES/112 (1956)  pp ")
    # the yearbook heading "112 (1956)." gives the symbol; "Recommends ..." is its unnumbered operative paragraph
    assert "pp 1 / op 1 / sub 0 / fn 1 / annex 0" in line
    assert "2 files: 2 parsed, 0 refused;" in result.stdout and "refused, by reason:" not in result.stdout


def test_summary_json_lines(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    result = CliRunner().invoke(main, ["parse", str(root), "--summary", "--json", "--jobs", "1"])
    assert result.exit_code == 3
    objects = [json.loads(ln) for ln in result.stdout.splitlines()]
    files, totals = objects[:-1], objects[-1]["totals"]
    assert len(files) == 7 and totals["files"] == 7 and totals["parsed"] == 3 and totals["refused"] == 4
    pdf = next(o for o in files if o["path"].endswith("S_RES_2768_2025.pdf"))
    assert pdf["status"] == "parsed" and pdf["symbol"] == "S/RES/2768 (2025)" and pdf["format"] == "pdf"
    assert pdf["counts"] == {"pp": 5, "op": 6, "sub": 0, "fn": 0, "annex": 0}
    assert pdf["no_operative_paragraph"] is False and pdf["draft"] is False
    scan = next(o for o in files if o["path"].endswith("_ru.pdf"))
    assert scan["status"] == "refused" and scan["reason"].startswith("no text layer: this PDF is a scan")
    assert totals["counts"]["op"] == sum(o["counts"]["op"] for o in files if o["status"] == "parsed")
    group = next(g for g in totals["refusals"] if g["reason"].startswith("no text layer"))
    assert group["count"] == 1 and group["examples"] == [scan["path"]]


def test_summary_in_processes_gives_the_same_lines(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    for name in ("A_RES_65_141.txt", "S_RES_1565_2004.txt", "A_RES_80_3.txt"):
        (root / name).write_bytes((DEFAULT.parent.parent / "../shared/corpus" / name).read_bytes())
    runner = CliRunner()
    one = runner.invoke(main, ["parse", str(root), "--summary", "--jobs", "1"])
    two = runner.invoke(main, ["parse", str(root), "--summary", "--jobs", "2"])
    cut = lambda out: [ln for ln in out.splitlines() if not ln.startswith("10 files")]  # noqa: E731 (time differs)
    assert one.exit_code == two.exit_code == 3 and cut(one.stdout) == cut(two.stdout)


def test_summary_folder_with_nothing_readable(tmp_path: Path) -> None:
    (tmp_path / "letter.docx").write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(main, ["parse", str(tmp_path), "--summary"])
    assert result.exit_code == 1
    assert "no resolution files (.txt, .md, .pdf, .html) in:" in result.output and "Traceback" not in result.output


def test_several_paths_need_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(DEFAULT), str(DEFAULT)])
    assert result.exit_code == 2 and "--summary" in result.output
    result = CliRunner().invoke(main, ["parse", str(tmp_path)])
    assert result.exit_code == 2 and "--summary" in result.output


def test_help_documents_summary_and_exit_codes() -> None:
    result = CliRunner().invoke(main, ["parse", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "--summary" in text and "3 when some files were refused" in text and "0 when every file parsed" in text


def test_parse_pdf_file_shows_its_clauses() -> None:
    result = CliRunner().invoke(main, ["parse", str(COLLECTION / "pdf/S_RES_2768_2025.pdf")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("S/RES/2768 (2025)")
    assert "[op6] S/RES/2768 (2025), operative paragraph 6" in result.stdout
