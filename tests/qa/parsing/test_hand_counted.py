"""The parser against resolutions counted by hand (hand_counted/dev.jsonl and heldout.jsonl, conventions in
/work/wt/HANDCOUNT.md and the hand count's README): counts, first and last operative paragraph,
adoption record, for every layout, era and body of the shared collection.

Texts are compared with whitespace collapsed and the non-breaking hyphen (U+2011) read as the hyphen
it is; nothing else is forgiven. PDF records are checked when the PDF reader (qa.parsing.readers)
is present to turn them into text; the layouts of their extracted text are covered by the text
records and by tests/qa/parsing/test_parser_layouts.py.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from qa.model import ClauseKind, Resolution
from qa.parsing import load_resolution

HERE = Path(__file__).resolve().parent
COLLECTION = HERE.parents[2].parent / "shared" / "corpus" / "collection"
# heldout.jsonl was measured once (22 of 24 wholly right) and is development data since: both guard the parser
RECORDS = [json.loads(line) for name in ("dev", "heldout")
           for line in (HERE / "hand_counted" / f"{name}.jsonl").read_text().splitlines() if line]
READS_PDF = importlib.util.find_spec("qa.parsing.readers") is not None
CHECKED = [r for r in RECORDS if READS_PDF or not r["file"].endswith(".pdf")]
_VOTES = {"unanimously": "unanimous", "by consensus": "consensus", "without a vote": "without a vote"}


def _norm(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text.replace("\u2011", "-")).strip()


def _vote(md: dict) -> str | None:
    if md.get("votes_in_favour") is not None:
        return f"{md['votes_in_favour']}-{md['votes_against']}-{md.get('abstentions', 0)}"
    return _VOTES.get(md.get("vote"))


def counted(res: Resolution) -> dict:
    """The parse, in the hand count's terms."""
    ops = [c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent is None]
    # the resolution's preamble, before its first operative paragraph (HANDCOUNT.md): a part's own
    # preamble ("B" / "Acting under Chapter VII ...," after paragraph 4) is no part of it
    first_op = next((i for i, c in enumerate(res.clauses) if c.kind == ClauseKind.OPERATIVE), len(res.clauses))
    return {
        "symbol": res.symbol,
        # a lettered list under a preambular paragraph adds no pp (HANDCOUNT.md)
        "pp": sum(c.kind == ClauseKind.PREAMBULAR and c.parent is None for c in res.clauses[:first_op]),
        "op": len(ops),
        "sub": len([c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent]),
        "fn": len(res.of_kind(ClauseKind.FOOTNOTE)),
        "annex": len({c.id.split(".")[0] for c in res.of_kind(ClauseKind.ANNEX)}),
        "first_op": _norm(ops[0].text) if ops else None,
        "last_op": _norm(ops[-1].text) if ops else None,
        "adopted": res.metadata.get("adopted"),
        "meeting": res.metadata.get("meeting"),
        "vote": _vote(res.metadata),
        "unnumbered_op": bool(ops) and all(c.number is None for c in ops),
    }


def test_the_records_cover_every_layout_and_the_cases_asked_for() -> None:
    layouts = {r["layout"] for r in RECORDS}
    assert {"sc-yearbook", "sc-document-body", "sc-full-document", "ga-pdf-text", "ga-semi-cleaned",
            "ga-markdown", "markdown-twin", "pdf-sc", "ods-export"} <= layouts
    assert len(RECORDS) >= 25
    assert sum(r["unnumbered_op"] for r in RECORDS) >= 5
    assert sum(r["layout"] == "sc-yearbook" and r["vote"] not in (None, "unanimous") for r in RECORDS) >= 3


@pytest.mark.parametrize("record", CHECKED, ids=[r["file"] for r in CHECKED])
def test_hand_counted(record: dict) -> None:
    got = counted(load_resolution(COLLECTION / record["file"]))
    want = {k: (_norm(record[k]) if isinstance(record[k], str) and k in ("first_op", "last_op") else record[k])
            for k in got}
    assert got == want


def test_unnumbered_operative_paragraphs_are_cited_without_a_number() -> None:
    for record in (r for r in CHECKED if r["unnumbered_op"]):
        res = load_resolution(COLLECTION / record["file"])
        ops = [c for c in res.of_kind(ClauseKind.OPERATIVE) if c.parent is None]
        total = len(ops)
        assert [c.id for c in ops] == [f"opu{k}" for k in range(1, total + 1)], record["file"]
        assert ops[0].label.endswith(f"operative paragraph (unnumbered, 1st of {total})")
        assert all(c.number is None and not re.search(r"paragraph \d", c.label) for c in ops)


# blind2.jsonl was measured once (24 of 35 wholly right) and blind3.jsonl once (29 of 30, its one
# failure the measure's: a lettered list under a preambular paragraph counted as pp); both are
# development data since and guard the judged fields ("wholly right"); their not-judged fields where
# the parse differs are listed by measure_hand_counted.py
BLIND = [json.loads(line) for name in ("blind2", "blind3")
         for line in (HERE / "hand_counted" / f"{name}.jsonl").read_text().splitlines() if line]
JUDGED = ("pp", "op", "fn", "first_op", "last_op", "adopted")


@pytest.mark.parametrize("record", [r for r in BLIND if READS_PDF or not r["file"].endswith(".pdf")],
                         ids=lambda r: r["file"])
def test_blind_sets_wholly_right(record: dict) -> None:
    got = counted(load_resolution(COLLECTION / record["file"]))
    assert {k: got[k] for k in JUDGED} == {k: _norm(record[k]) if k in ("first_op", "last_op") else record[k]
                                           for k in JUDGED}
