"""Drafts are told from adopted resolutions by rule, in any format (qa.parsing.readers.drafts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.model import ClauseKind
from qa.parsing import find_resolution_files, load_resolution
from qa.parsing.readers import read_source
from qa.parsing.readers.drafts import find_draft

CORPUS = Path(__file__).resolve().parents[3] / "../shared/corpus"

DRAFT_TEXT = """\
United Nations
A/80/L.15
General Assembly
Distr.: Limited
20 November 2025
Eightieth session
Agenda item 62
Peacebuilding and sustaining peace

Bangladesh, Brazil, Canada and Japan: draft resolution

2025 review of the United Nations peacebuilding architecture

The General Assembly,

Guided by the purposes and principles of the Charter of the United Nations,

1. Decides to convene a high-level meeting on peacebuilding;

2. Decides to remain seized of the matter.
"""


def test_text_draft_is_cited_by_the_drafts_symbol(tmp_path: Path) -> None:
    path = tmp_path / "peacebuilding_draft.txt"  # a file name that gives no symbol
    path.write_text(DRAFT_TEXT, encoding="utf-8")
    res = load_resolution(path)
    assert res.symbol == "A/80/L.15"
    assert res.metadata["status"] == "draft resolution" and res.metadata["symbol"] == "A/80/L.15"
    assert res.metadata["sponsors"] == ["Bangladesh", "Brazil", "Canada", "Japan"]
    assert all(c.label.startswith("A/80/L.15, ") for c in res.clauses)
    assert res.of_kind(ClauseKind.OPERATIVE)[0].label == "A/80/L.15, operative paragraph 1"
    warnings = [w for w in res.warnings if "draft" in w]
    assert len(warnings) == 1 and "not an adopted resolution" in warnings[0]
    assert not any("does not state its symbol" in w for w in res.warnings)


@pytest.mark.parametrize("header, symbol", [
    ("S/2025/812\nSecurity Council\n", "S/2025/812"),  # a Security Council draft's symbol
    ("A/C.3/80/L.12/Rev.1\nGeneral Assembly\n", "A/C.3/80/L.12/Rev.1"),
])
def test_a_drafts_symbol_alone_marks_it(header: str, symbol: str) -> None:
    draft = find_draft(header + "\nThe Security Council,\n\nRecalling its resolutions,\n\n1. Decides to act;\n")
    assert draft is not None and draft.symbol == symbol


def test_an_adopted_resolution_citing_its_draft_is_not_a_draft() -> None:
    text = DRAFT_TEXT.replace("Bangladesh, Brazil, Canada and Japan: draft resolution",
                              "Resolution adopted by the General Assembly on 26 November 2025\n\n"
                              "[without reference to a Main Committee (A/80/L.15)]")
    assert find_draft(text.replace("A/80/L.15\nGeneral", "A/RES/80/11\nGeneral")) is None
    # "draft resolution" in a yearbook's vote note is no label either
    assert find_draft("The Security Council,\n\nDecides to act.\n\nAdopted unanimously at the 675th meeting.\n\n"
                      "14 The draft resolution was adopted in parts.\n") is None


def test_no_adopted_resolution_of_the_corpus_is_taken_for_a_draft() -> None:
    drafts = []
    for path in find_resolution_files([CORPUS]):
        if path.suffix == ".pdf" and "_ru" in path.name or path.name == "SOURCES.md":
            continue  # the scan has no text; SOURCES.md is no resolution
        if find_draft(read_source(path, path.read_bytes()).text):
            drafts.append(path.name)
    assert drafts == ["A_ES-11_L.7.pdf"]
