"""The engine's load reads stored facts instead of the texts (qa.loading, qa.ranking.clause_terms):
what it builds must equal what reading every clause's text builds, or answers would change."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import numpy as np
import pytest

from index.passage import DocumentInfo
from index.sparse import tokenize
from index.store import PassageIndex
from qa.abstention.scope import DocumentScope
from qa.engine import Engine
from qa.loading import load_tables
from qa.ranking.arrays import unique_sorted
from qa.ranking.clause_terms import covers_word_for_word
from qa.text import content_terms, is_content_term


def _own(p) -> str:
    return p.text if p.meta.get("kind") == "meta" else p.meta.get("text", p.text)


def _rows(table, c: int) -> tuple[set[str], set[str]]:
    ctx = {table.terms[i] for i in table.ctx[table.ctx_ptr[c]:table.ctx_ptr[c + 1]].tolist()}
    own = {table.terms[i] for i in table.own[table.own_ptr[c]:table.own_ptr[c + 1]].tolist()}
    return ctx, own


def _assert_same_as_tokenizing(index, table) -> None:
    """Every clause's rows, the vocabulary and its document frequencies, as content_terms reads them."""
    df: Counter[str] = Counter()
    vocabulary: set[str] = set()
    for c, pos in enumerate(table.position.tolist()):
        p = index.passages[pos]
        ctx, own = set(content_terms(p.text)), set(content_terms(_own(p)))
        assert _rows(table, c) == (ctx, own), p.id
        df.update(ctx)
        vocabulary |= ctx | own
    assert set(table.terms) == vocabulary and len(table.terms) == len(vocabulary)
    assert {t: table.vocab.df[table.vocab.ids[t]] for t in vocabulary} == {t: df.get(t, 0) for t in vocabulary}
    for ptr, data in ((table.ctx_ptr, table.ctx), (table.own_ptr, table.own)):  # rows sorted, as lookups need
        assert all(np.all(np.diff(data[a:b]) > 0) for a, b in zip(ptr[:-1].tolist(), ptr[1:].tolist(), strict=True))


class _WithoutPostings:
    """The index as it looks to an engine that cannot read its BM25 postings: every clause tokenized."""

    def __init__(self, index) -> None:
        self._index = index

    def __getattr__(self, name):
        if name == "bm25_postings":
            raise AttributeError(name)
        return getattr(self._index, name)


@pytest.fixture(scope="module")
def corpus_index(corpus_index_dir):
    return PassageIndex.load(corpus_index_dir)


@pytest.mark.parametrize("fixture", ["corpus_index_dir", "sc_index_dir", "collection_index_dir"])
def test_clause_terms_read_from_bm25_equal_tokenizing_every_clause(fixture, request):
    index = PassageIndex.load(request.getfixturevalue(fixture))
    _assert_same_as_tokenizing(index, load_tables(index).clauses)


def test_without_the_postings_every_clause_is_tokenized_to_the_same_rows(corpus_index):
    _assert_same_as_tokenizing(corpus_index, load_tables(_WithoutPostings(corpus_index)).clauses)


def test_answers_are_the_same_whichever_way_the_terms_were_read(corpus_index, dev_questions_path):
    questions = [json.loads(line)["q"] for line in dev_questions_path.read_text().splitlines() if line.strip()]
    questions += ["What does operative paragraph 3 say?", "What does the resolution say about Atlantis?"]
    fast, slow = Engine(corpus_index), Engine(_WithoutPostings(corpus_index))
    for q in questions:
        a, b = fast.ask(q, k=10), slow.ask(q, k=10)
        assert (a.answered, a.message) == (b.answered, b.message), q
        assert [(c.doc, c.unit, c.highlight) for c in a.citations] == [(c.doc, c.unit, c.highlight) for c in b.citations]
        assert [c.score for c in a.citations] == pytest.approx([c.score for c in b.citations], rel=1e-9, abs=1e-12)


def test_the_places_of_the_scope_checks_equal_reading_each_clause(collection_index_dir):
    index = PassageIndex.load(collection_index_dir)
    tables = load_tables(index)
    reference = DocumentScope()
    for pos in tables.clauses.position.tolist():
        p = index.passages[pos]
        reference.add_places(p.doc, content_terms(_own(p)))
    assert tables.scope._places == reference._places
    assert reference._docs <= tables.scope._docs


def test_the_stored_document_facts_equal_reading_the_clauses(corpus_index):
    """An index built before the manifest kept `derived` (and the passages their `facts`) has its
    clauses read at load: the same scope facts, acronyms, citations, dates and labels."""
    documents = [DocumentInfo(d.key, d.source, d.sha256, {k: v for k, v in d.meta.items() if k != "derived"})
                 for d in corpus_index.documents]
    passages = [dataclasses.replace(p, meta={k: v for k, v in p.meta.items() if k != "facts"})
                for p in corpus_index.passages]

    class Older(_WithoutPostings):
        pass

    older = Older(corpus_index)
    older.documents, older.passages = documents, passages
    new, old = load_tables(corpus_index), load_tables(older)
    for name in ("_docs", "_years", "_ordinals", "_places", "_records"):
        assert getattr(new.scope, name) == getattr(old.scope, name), name
    assert new.acronyms.long == old.acronyms.long
    assert np.array_equal(new.docs.established_count, old.docs.established_count)
    for name in ("facts", "kind", "doc", "establishes", "record_note"):
        assert np.array_equal(getattr(new.clauses, name), getattr(old.clauses, name)), name
    assert {k: v.tolist() for k, v in new.clauses.by_date.items()} == {k: v.tolist() for k, v in old.clauses.by_date.items()}
    assert {k: v.tolist() for k, v in new.clauses.by_label.items()} == {k: v.tolist() for k, v in old.clauses.by_label.items()}


def test_the_vocabulary_filter_is_the_one_content_terms_applies(corpus_index):
    for p in corpus_index.passages:
        assert content_terms(p.text) == [t for t in tokenize(p.text) if is_content_term(t)]


def test_parts_stand_for_the_clause_only_word_for_word():
    own = "Decides to remain seized; requests a report, and thanks the Secretary-General."
    assert covers_word_for_word(own, ["Decides to remain seized;", "requests a report, and thanks the Secretary-General."])
    assert not covers_word_for_word(own, ["Decides to remain seized;"])  # words missing
    assert not covers_word_for_word(own, ["Decides to rem", "ain seized; requests a report, and thanks the "
                                          "Secretary-General."])  # a word cut in two
    assert not covers_word_for_word(own, ["requests a report, and thanks the Secretary-General.", "Decides to "
                                          "remain seized;"])


@pytest.mark.parametrize("values", [[], [3], [5, 1, 5, 2, 1, 9], list(range(1000, 0, -3)) * 2])
def test_unique_sorted_is_numpy_unique(values):
    a = np.asarray(values, dtype=np.int64)
    got, counts = unique_sorted(a, counts=True)
    want, want_counts = np.unique(a, return_counts=True)
    assert np.array_equal(got, want) and np.array_equal(counts, want_counts)
    assert np.array_equal(unique_sorted(a), want)
