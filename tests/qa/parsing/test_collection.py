"""The parser over the whole shared collection (913 real resolutions as found): every text file is
read, or refused with a one-line reason that is true; nearly every adopted resolution has operative
paragraphs; ids are unique and no citation invents a number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa.errors import ParseError
from qa.model import ClauseKind, Resolution
from qa.parsing import load_resolution

COLLECTION = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "collection"


@pytest.fixture(scope="module")
def parsed() -> dict[str, Resolution | ParseError]:
    out: dict[str, Resolution | ParseError] = {}
    for path in sorted(COLLECTION.rglob("*")):
        if path.suffix in (".txt", ".md"):
            try:
                out[str(path.relative_to(COLLECTION))] = load_resolution(path)
            except ParseError as exc:
                out[str(path.relative_to(COLLECTION))] = exc
    return out


def test_every_text_file_parses_or_is_refused_with_a_true_one_line_reason(parsed) -> None:
    assert len(parsed) >= 890
    refused = {name: err for name, err in parsed.items() if isinstance(err, ParseError)}
    for err in refused.values():
        assert "\n" not in str(err) and "not a resolution" in str(err)
    assert set(refused) == {"SOURCES.md"}  # the folder's description, which is indeed no resolution


def test_adopted_resolutions_have_operative_paragraphs(parsed) -> None:
    adopted = {n: r for n, r in parsed.items() if isinstance(r, Resolution)}
    without = [n for n, r in adopted.items() if not r.of_kind(ClauseKind.OPERATIVE)]
    assert len(without) <= 0.01 * len(adopted), without
    for name in without:  # said, not silent (S/RES/565 (1985) is cut short after its preamble)
        assert any("no operative paragraph was found" in w for w in adopted[name].warnings), name


def test_ids_are_unique_and_unnumbered_paragraphs_are_cited_as_such(parsed) -> None:
    for name, res in parsed.items():
        if not isinstance(res, Resolution):
            continue
        ids = [c.id for c in res.clauses]
        assert len(ids) == len(set(ids)), name
        for c in res.of_kind(ClauseKind.OPERATIVE):
            if c.id.split("(")[0].split(".")[-1].startswith("opu"):
                assert c.number is None and "(unnumbered, " in c.label, (name, c.id)
            elif c.parent is None:
                assert re.search(rf"operative paragraph {re.escape(c.number or '?')}$", c.label), (name, c.id)


def test_adoption_footers_never_become_paragraphs(parsed) -> None:
    for name, res in parsed.items():
        if isinstance(res, Resolution):
            for c in res.of_kind(ClauseKind.PREAMBULAR) + res.of_kind(ClauseKind.OPERATIVE):
                assert not re.match(r"Ad[ao]pted (unanimously )?at the \d+\w* meeting", c.text), (name, c.id)
