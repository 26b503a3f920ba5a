"""PassageIndex build/save/load: what is searched after loading is what was built."""

from __future__ import annotations

import json

import numpy as np
import pytest
from synthetic import DIM, QUERIES, make_doc, make_docs

from index import sparse
from index.errors import IndexBuildError
from index.passage import DocumentInfo, Passage
from index.store import MANIFEST, PassageIndex

SIZES = {"A/X/1": 40, "A/X/2": 25, "S/Y/3": 3}


@pytest.fixture
def built(tmp_path, embedder):
    docs = make_docs(SIZES)
    PassageIndex.build(tmp_path / "index", docs, progress=False)
    return tmp_path / "index", docs


def _assert_exact_top_k(results, scores: np.ndarray, k: int, positions=None) -> None:
    """results are the exact top k of scores (rows = queries), allowing any order among equal scores."""
    positions = list(range(scores.shape[1])) if positions is None else positions
    for row, expected in zip(results, scores, strict=True):
        assert len(row) == min(k, len(positions))
        got_scores = [s for _, s in row]
        assert np.allclose(got_scores, np.sort(expected)[::-1][: len(row)], atol=1e-5)
        by_position = dict(zip(positions, expected, strict=True))
        assert all(abs(by_position[i] - s) < 1e-5 for i, s in row)


def test_round_trip_gives_the_search_results_of_the_built_data(built, embedder):
    path, docs = built
    passages = [p for _, ps in docs for p in ps]
    loaded = PassageIndex.load(path)

    assert loaded.passages == passages  # ids, texts, meta and order survive the disk
    assert [d.key for d in loaded.documents] == list(SIZES)
    assert loaded.dim == DIM and loaded.model_name == "sentence-transformers/all-MiniLM-L6-v2"

    queries = loaded.encode(QUERIES)
    _assert_exact_top_k(loaded.dense_search(queries, 10), queries @ embedder.vectors([p.text for p in passages]).T, 10)

    in_memory = sparse.build([p.text for p in passages])
    expected_bm25 = [sparse.search(in_memory, q, 10, len(passages)) for q in QUERIES]
    got_bm25 = loaded.bm25_search(QUERIES, 10)
    assert [[i for i, _ in row] for row in got_bm25] == [[i for i, _ in row] for row in expected_bm25]
    assert np.allclose([s for row in got_bm25 for _, s in row], [s for row in expected_bm25 for _, s in row])
    assert any(got_bm25)  # the queries do match something


def test_two_loads_answer_identically(built):
    path, _ = built
    first, second = PassageIndex.load(path), PassageIndex.load(path)
    q = first.encode(QUERIES)
    assert first.dense_search(q, 7) == second.dense_search(q, 7)
    assert first.bm25_search(QUERIES, 7) == second.bm25_search(QUERIES, 7)


@pytest.mark.parametrize("doc", list(SIZES))
def test_doc_filter_returns_only_that_doc_and_k_of_them(built, doc):
    path, _ = built
    loaded = PassageIndex.load(path)
    n = SIZES[doc]
    k = min(n, 10)
    for row in loaded.dense_search(loaded.encode(QUERIES), k, doc=doc):
        assert len(row) == k
        assert {loaded.passages[i].doc for i, _ in row} == {doc}
        scores = [s for _, s in row]
        assert scores == sorted(scores, reverse=True)
    # every passage of the doc carries its key, so BM25 on the key finds k of them
    [row] = loaded.bm25_search([doc.lower()], k, doc=doc)
    assert len(row) == k and {loaded.passages[i].doc for i, _ in row} == {doc}
    # a query about other documents' words never leaks them through the filter
    for row in loaded.bm25_search(QUERIES, 50, doc=doc):
        assert {loaded.passages[i].doc for i, _ in row} <= {doc}


def test_doc_filter_with_more_k_than_passages_and_unknown_doc(built):
    path, _ = built
    loaded = PassageIndex.load(path)
    q = loaded.encode(["anything"])
    assert len(loaded.dense_search(q, 100, doc="S/Y/3")[0]) == 3
    assert loaded.dense_search(q, 5, doc="NOT/THERE") == [[]]
    assert loaded.bm25_search(["s/y/3"], 5, doc="NOT/THERE") == [[]]


def test_dense_filter_is_exact_against_brute_force(built, embedder):
    path, docs = built
    loaded = PassageIndex.load(path)
    positions = [i for i, p in enumerate(loaded.passages) if p.doc == "A/X/2"]
    vectors = embedder.vectors([loaded.passages[i].text for i in positions])
    q = loaded.encode(QUERIES)
    _assert_exact_top_k(loaded.dense_search(q, 5, doc="A/X/2"), q @ vectors.T, 5, positions)


def test_empty_index_and_empty_queries(tmp_path, embedder):
    for docs in ([], [(DocumentInfo("E/1", "/e.txt", "0" * 64), [])]):
        path = tmp_path / f"empty{len(docs)}"
        PassageIndex.build(path, docs, progress=False)
        loaded = PassageIndex.load(path)
        assert loaded.passages == [] and loaded.manifest["passage_count"] == 0
        q = loaded.encode(["a question"])
        assert loaded.dense_search(q, 5) == [[]]
        assert loaded.dense_search(q, 5, doc="E/1") == [[]]
        assert loaded.bm25_search(["a question"], 5) == [[]]
        assert loaded.encode([]).shape == (0, DIM)
        assert loaded.dense_search(np.zeros((0, DIM), dtype=np.float32), 5) == []
        assert loaded.bm25_search([], 5) == []


def test_empty_and_stopword_queries_on_a_full_index(built):
    path, _ = built
    loaded = PassageIndex.load(path)
    assert loaded.bm25_search(["", "   ", "the of and", "zzzunknownword"], 5) == [[], [], [], []]
    assert len(loaded.dense_search(loaded.encode([""]), 5)[0]) == 5  # any vector has neighbours
    assert loaded.dense_search(loaded.encode(["x"]), 0) == [[]]


def test_passage_ids_are_stable_across_rebuilds(tmp_path, embedder):
    docs = make_docs(SIZES)
    first = PassageIndex.build(tmp_path / "one", docs, progress=False)
    second = PassageIndex.build(tmp_path / "two", make_docs(SIZES), progress=False)
    rebuilt = PassageIndex.build(tmp_path / "one", docs, progress=False)
    ids = [p.id for p in first.passages]
    assert ids == [p.id for p in second.passages] == [p.id for p in rebuilt.passages]
    assert ids == [p.id for _, ps in docs for p in ps]


def test_texts_with_unicode_line_separators_round_trip(tmp_path, embedder):
    # json.dumps(ensure_ascii=False) leaves U+2028, U+2029 and NEL unescaped: they are not line ends
    texts = ["first\u2028second", "para\u2029graph", "next\x85line", "tab\tand\rreturn", "日本語 🙂 مرحبا"]
    info = DocumentInfo("U/1", "/u.txt", "1" * 64)
    passages = [Passage(f"U/1#{i}", "U/1", t, {"shown": t}) for i, t in enumerate(texts)]
    PassageIndex.build(tmp_path / "index", [(info, passages)], progress=False)
    assert PassageIndex.load(tmp_path / "index").passages == passages


def test_duplicate_passage_ids_are_refused(tmp_path, embedder):
    info_a, passages_a = make_doc("A/1", 3)
    info_b, passages_b = make_doc("B/1", 3)
    clash = [Passage(passages_a[1].id, "B/1", "other text"), *passages_b]
    with pytest.raises(IndexBuildError, match=r"passage id 'A/1#p1' appears twice"):
        PassageIndex.build(tmp_path / "index", [(info_a, passages_a), (info_b, clash)], progress=False)
    same_doc = [passages_a[0], passages_a[0]]
    with pytest.raises(IndexBuildError, match="appears twice"):
        PassageIndex.build(tmp_path / "index", [(info_a, same_doc)], progress=False)
    assert not (tmp_path / "index").exists()  # nothing half-built


def test_passage_of_another_document_is_refused(tmp_path, embedder):
    info, passages = make_doc("A/1", 2)
    with pytest.raises(IndexBuildError, match="belongs to 'A/1', not to document 'B/1'"):
        PassageIndex.build(tmp_path / "index", [(DocumentInfo("B/1", "/b", "2" * 64), passages)], progress=False)


def test_manifest_records_documents_counts_and_checksums(built):
    path, docs = built
    manifest = json.loads((path / MANIFEST).read_text())
    assert manifest["format_version"] == 1
    assert manifest["passage_count"] == sum(SIZES.values())
    assert [(d["key"], d["passages"], d["sha256"]) for d in manifest["documents"]] == [
        (info.key, len(ps), info.sha256) for info, ps in docs
    ]
    assert manifest["dense"] == {"kind": "flat", "recall_at_10": 1.0}
    assert {"passages.jsonl", "vectors.faiss"} <= set(manifest["files"])
    assert any(name.startswith("bm25/") for name in manifest["files"])


def test_building_over_a_file_is_refused(tmp_path, embedder):
    (tmp_path / "index").write_text("not a folder")
    with pytest.raises(IndexBuildError, match="exists and is not an index folder"):
        PassageIndex.build(tmp_path / "index", make_docs({"A/1": 2}), progress=False)
    assert (tmp_path / "index").read_text() == "not a folder"


def test_real_model_round_trip(default_index_dir):
    """The bundled model: stored vectors are sentence-transformers' and queries find the same passages."""
    from index.embedding import get_embedder

    loaded = PassageIndex.load(default_index_dir)
    assert loaded.model_name == "sentence-transformers/all-MiniLM-L6-v2" and loaded.dim == 384
    sample = [0, len(loaded.passages) // 2, len(loaded.passages) - 1]
    stored = loaded._faiss.reconstruct_batch(np.asarray(sample, dtype=np.int64))
    fresh = get_embedder().encode_passages([loaded.passages[i].text for i in sample])
    assert np.abs(stored - fresh).max() < 1e-4
    questions = ["Which country hosts the next conference?", "A/RES/64/12", ""]
    again = PassageIndex.load(default_index_dir)
    q = loaded.encode(questions)
    assert q.shape == (3, 384)
    assert loaded.dense_search(q, 5) == again.dense_search(again.encode(questions), 5)
    assert loaded.bm25_search(questions, 5) == again.bm25_search(questions, 5)
    brute = np.argsort(-(q @ loaded._faiss.reconstruct_n(0, len(loaded.passages)).T), axis=1)[:, :5]
    assert [[i for i, _ in row] for row in loaded.dense_search(q, 5)] == brute.tolist()
