"""The hand-counted ground truth is well formed: every record has the agreed keys, names a file that
exists, quotes operative texts that are in that file, and a markdown twin agrees with its raw file.

It checks the records, not the parser: nothing here parses a resolution."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, shared_path

HERE = Path(__file__).resolve().parent
COLLECTION = CORPUS / "collection"
KEYS = ["file", "symbol", "layout", "pp", "op", "sub", "fn", "annex", "first_op", "last_op",
        "adopted", "meeting", "vote", "unnumbered_op", "notes"]
LAYOUTS = {"sc-yearbook", "sc-document-body", "sc-full-document", "ga-pdf-text", "ga-semi-cleaned",
           "ga-markdown", "markdown-twin", "pdf-sc", "pdf-draft", "ods-export", "hrc", "other"}
COUNTS = ("pp", "op", "sub", "fn", "annex")


def records(name: str) -> list[dict]:
    lines = (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


SETS = ("dev", "heldout", "blind2", "blind3")
ALL = {name: records(name) for name in SETS}


def comparable(text: str) -> str:
    """Text reduced so that a quoted paragraph can be found in its file: footnote markers, paragraph
    numbers and hyphens (including one broken at a line end) dropped, whitespace collapsed."""
    text = re.sub(r"\[\^\d+\]", " ", text).replace("\u2011", "-").replace("\u2014", "-")
    text = re.sub(r"-\s+", "", text).replace("-", "")
    text = re.sub(r"(?<=[;,.:)\u201d\u2019\"])\d{1,3}\b", " ", text)  # markers fused to punctuation
    return " ".join(t for t in text.split() if not re.fullmatch(r"\d{1,3}/?|\*", t))


@pytest.mark.parametrize("name", SETS)
def test_records_have_the_agreed_shape(name: str) -> None:
    assert ALL[name], f"{name}.jsonl is empty"
    for r in ALL[name]:
        assert list(r) == KEYS, r.get("file")
        assert shared_path(COLLECTION / r["file"]).is_file(), r["file"]
        assert r["layout"] in LAYOUTS, r["file"]
        assert all(isinstance(r[k], int) and r[k] >= 0 for k in COUNTS), r["file"]
        assert r["op"] >= 1 and r["first_op"] and r["last_op"], r["file"]
        assert r["op"] > 1 or r["first_op"] == r["last_op"], r["file"]
        for k in ("first_op", "last_op"):
            assert r[k] == " ".join(r[k].split()), f"{r['file']}: {k} has uncollapsed whitespace"
            assert not re.match(r"\(?\d+[.)]?\s", r[k]), f"{r['file']}: {k} keeps its number"
        assert r["adopted"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", r["adopted"]), r["file"]
        assert r["meeting"] is None or isinstance(r["meeting"], int), r["file"]
        assert r["vote"] in (None, "unanimous", "without a vote", "consensus") or re.fullmatch(
            r"\d+-\d+-\d+", r["vote"]), r["file"]
        assert isinstance(r["unnumbered_op"], bool) and isinstance(r["notes"], str), r["file"]


def test_the_sets_are_different_files() -> None:
    files = {n: {r["file"] for r in ALL[n]} for n in SETS}
    assert all(len(files[n]) == len(ALL[n]) for n in SETS)
    for i, a in enumerate(SETS):
        for b in SETS[i + 1:]:
            assert not files[a] & files[b], (a, b, sorted(files[a] & files[b]))


@pytest.mark.parametrize("name", SETS)
def test_operative_texts_are_in_their_file(name: str) -> None:
    for r in ALL[name]:
        path = COLLECTION / r["file"]
        if path.suffix == ".pdf":
            continue  # needs a PDF library; the texts were checked against pypdf's text when counted
        text = comparable(path.read_text(encoding="utf-8"))
        for k in ("first_op", "last_op"):
            assert _found(comparable(r[k]), text), f"{r['file']}: {k} not found in the file"


def _found(quoted: str, text: str) -> bool:
    """Whole, or (a paragraph a page's running head cuts in two) its first and last 80 characters
    in that order, less than a page apart."""
    if quoted in text:
        return True
    head, tail = quoted[:80], quoted[-80:]
    at = text.find(head)
    end = text.find(tail, at + 1) if at >= 0 else -1
    return at >= 0 and end >= 0 and end + len(tail) - at <= len(quoted) + 400


def test_markdown_twins_agree_with_their_raw_file() -> None:
    by_file = {r["file"]: r for rs in ALL.values() for r in rs}
    twins = [r for r in by_file.values() if r["layout"] == "markdown-twin"]
    assert len(twins) >= 3
    for twin in twins:
        raw = by_file[f"general-assembly/{Path(twin['file']).stem}.txt"]
        for k in (*COUNTS, "first_op", "last_op", "adopted", "meeting", "vote"):
            assert twin[k] == raw[k], f"{twin['file']}: {k} differs from the raw file"
