"""Filters (doc, body, years) in the engine, and their bad values: what exists is said."""

import numpy as np
import pytest

from qa.errors import BadQuestion
from qa.ranking.filters import DocumentFilter, parse_years

Q = "What does the resolution request of the Secretary-General?"


def test_filters_say_what_exists(corpus_engine):
    f = corpus_engine.filters()
    assert f["bodies"] == ["GA", "HRC", "SC"]
    assert f["years"][0] == 2004 and f["years"][1] >= 2025


@pytest.mark.parametrize("body,prefix", [("SC", "S/RES/"), ("sc", "S/RES/"), ("Security Council", "S/RES/"),
                                         ("HRC", "A/HRC/RES/"), ("ga", "A/RES/")])
def test_body(corpus_engine, body, prefix):
    a = corpus_engine.ask(Q, k=10, body=body)
    assert a.citations and all(c.doc.startswith(prefix) for c in a.citations)


def test_years(corpus_engine):
    a = corpus_engine.ask(Q, k=10, years="2009")
    assert {c.doc for c in a.citations} == {"A/RES/64/12"}
    b = corpus_engine.ask(Q, k=10, years=(2004, 2009))
    assert {c.doc for c in b.citations} <= {"A/RES/64/12", "S/RES/1565 (2004)"}


def test_several_documents(corpus_engine):
    docs = ["A/RES/64/12", "S/RES/1565(2004)"]  # spaces in a symbol do not matter
    a = corpus_engine.ask("Until when is MONUC deployed?", k=20, doc=docs)
    assert {c.doc for c in a.citations} <= {"A/RES/64/12", "S/RES/1565 (2004)"}
    assert a.citations[0].doc == "S/RES/1565 (2004)"
    batch = corpus_engine.ask_batch(["Until when is MONUC deployed?"], k=20, doc=docs)
    assert batch[0].to_dict() == a.to_dict()


@pytest.mark.parametrize("kwargs,said", [
    ({"body": "XX"}, "GA (General Assembly), HRC (Human Rights Council), SC (Security Council)"),
    ({"body": "ECOSOC"}, "GA (General Assembly)"),  # a body, but none of its resolutions is indexed
    ({"years": "1990-1999"}, "covers 2004-"),
    ({"years": "nineties"}, "1990-1999"),
    ({"years": "2010-2000"}, "comes after"),
    ({"years": (1990,)}, "1990-1999"),
    ({"doc": "A/RES/1/1"}, "A/RES/64/12"),
    ({"doc": ["A/RES/64/12", "nope"]}, "nope"),
    ({"doc": []}, "document symbol"),
    ({"doc": 12}, "document symbol"),
    ({"doc": 12}, "A/RES/64/12"),  # not a symbol at all: what exists is listed too
    ({"body": "SC", "years": "2009"}, "no indexed resolution passes these filters together"),
])
def test_bad_filter_values_say_what_exists(corpus_engine, kwargs, said):
    with pytest.raises(BadQuestion) as caught:
        corpus_engine.ask(Q, **kwargs)
    assert said in str(caught.value)


def test_an_unknown_symbol_among_thousands_lists_a_few_close_ones():
    symbols = [f"S/RES/{n} ({1946 + n // 60})" for n in range(1, 20001)]
    f = DocumentFilter(symbols, np.zeros(len(symbols), dtype=np.int8), ["SC"], np.full(len(symbols), 1990, np.int16))
    with pytest.raises(BadQuestion) as caught:
        f.select(doc="S/RES/661 (1991)")
    message = str(caught.value)
    assert "Close symbols: S/RES/661 (1957)" in message and "20000 documents" in message
    assert message.count("S/RES/") <= 7


def test_parse_years():
    assert parse_years("1990-1999") == (1990, 1999)
    assert parse_years("1994") == (1994, 1994)
    assert parse_years((1990, 1999)) == (1990, 1999)
    assert parse_years(" 1990 – 1999 ") == (1990, 1999)
    with pytest.raises(BadQuestion):
        parse_years(True)


def test_citations_carry_their_document(corpus_engine):
    a = corpus_engine.ask("Until when is MONUC deployed?", k=3)
    card = a.citations[0].to_dict()["document"]
    assert card["symbol"] == "S/RES/1565 (2004)" and card["body"] == "SC" and card["adopted"].startswith("2004")
    assert set(card) == {"symbol", "title", "body", "adopted", "refers_to", "refers_to_count", "referred_by",
                         "referred_by_count"}
    assert card["refers_to"] == list(corpus_engine.citation_graph.cites("S/RES/1565 (2004)"))
