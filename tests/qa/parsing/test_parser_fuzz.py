"""Whatever text it is given, the parser returns a Resolution or raises ParseError, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qa.errors import ParseError
from qa.model import Resolution
from qa.parsing import parse_text

LINES = st.sampled_from([
    "The General Assembly,", "The Security Council,", "Recalling its resolution 1/2,", "1. Decides x;",
    "2.", "(a)", "(b) to act;", "- by sharing", "Annex", "I.", "Heading", "_______________",
    "1 See A/1/2.", "41st plenary meeting", "9 November 2009", "A/RES/1/2", "2/5", "*0946255*",
    "<<ODS JOB NO>>N1<<ODS JOB NO>>", "---", "symbol: A/RES/1/2", "", " ", "Geneva2 and 20037,8",
    "Resolution adopted by the General Assembly on 1 May 2001", "[without reference (A/1/L.1 and Add.1)]",
])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    try:
        assert isinstance(parse_text(text), Resolution)
    except ParseError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=40))
def test_resolution_like_text(lines: list[str]) -> None:
    try:
        res = parse_text("\n".join(lines))
    except ParseError:
        return
    ids = [c.id for c in res.clauses]
    assert len(ids) == len(set(ids))
    for c in res.clauses:
        assert c.span[0] <= c.span[1]
