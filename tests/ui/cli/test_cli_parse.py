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
