"""add/remove: the same index a rebuild would give, embedding only what is new."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from synthetic import QUERIES, make_doc, make_docs

from index.errors import IndexBuildError, IndexLoadError
from index.passage import Passage
from index.store import MANIFEST, PassageIndex, WriteResult


def _answers(loaded: PassageIndex, vectors: np.ndarray) -> tuple:
    ids = [p.id for p in loaded.passages]
    dense = [[(ids[i], round(s, 5)) for i, s in row] for row in loaded.dense_search(vectors, 8)]
    bm25 = [[(ids[i], round(s, 4)) for i, s in row] for row in loaded.bm25_search(QUERIES, 8)]
    filtered = [[ids[i] for i, _ in row] for row in loaded.dense_search(vectors, 3, doc="C/3")]
    return ids, dense, bm25, filtered


def test_add_equals_rebuild(tmp_path, embedder):
    a, b, c = make_docs({"A/1": 15, "B/2": 10, "C/3": 12})
    PassageIndex.build(tmp_path / "inc", [a, b], progress=False)
    added, result = PassageIndex.add(tmp_path / "inc", [c], progress=False)
    rebuilt = PassageIndex.build(tmp_path / "full", [a, b, c], progress=False)
    assert result == WriteResult(added=["C/3"], unchanged=[], replaced=[], removed=[])
    vectors = embedder.vectors(QUERIES)
    assert _answers(PassageIndex.load(tmp_path / "inc"), vectors) == _answers(rebuilt, vectors)
    assert added.manifest["documents"] == rebuilt.manifest["documents"]


def test_adding_the_same_content_changes_nothing(tmp_path, embedder):
    docs = make_docs({"A/1": 5, "B/2": 4})
    PassageIndex.build(tmp_path / "index", docs, progress=False)
    manifest = (tmp_path / MANIFEST).parent.joinpath("index", MANIFEST).read_bytes()
    embedded = len(embedder.passage_texts)
    _, result = PassageIndex.add(tmp_path / "index", make_docs({"B/2": 4}), progress=False)
    assert result == WriteResult(added=[], unchanged=["B/2"], replaced=[], removed=[])
    assert (tmp_path / "index" / MANIFEST).read_bytes() == manifest
    assert len(embedder.passage_texts) == embedded


def test_same_key_new_content_replaces_in_place_and_embeds_only_it(tmp_path, embedder):
    a, b, c = make_docs({"A/1": 6, "B/2": 5, "C/3": 4})
    PassageIndex.build(tmp_path / "index", [a, b, c], progress=False)
    b2 = make_doc("B/2", 7, version="v2")
    embedder.passage_texts.clear()
    updated, result = PassageIndex.add(tmp_path / "index", [b2], progress=False)
    assert result.replaced == ["B/2"] and result.added == []
    assert embedder.passage_texts == [p.text for p in b2[1]]
    assert [d.key for d in updated.documents] == ["A/1", "B/2", "C/3"]
    assert [d.sha256 for d in updated.documents][1] == b2[0].sha256
    assert [p for p in updated.passages if p.doc == "B/2"] == b2[1]
    rebuilt = PassageIndex.build(tmp_path / "full", [a, b2, c], progress=False)
    vectors = embedder.vectors(QUERIES)
    assert _answers(updated, vectors) == _answers(rebuilt, vectors)


def test_add_embeds_only_new_passages(tmp_path, embedder):
    PassageIndex.build(tmp_path / "index", make_docs({"A/1": 9, "B/2": 7}), progress=False)
    embedder.passage_texts.clear()
    new = make_doc("N/9", 5)
    _, result = PassageIndex.add(tmp_path / "index", [*make_docs({"A/1": 9}), new], progress=False)
    assert result.added == ["N/9"] and result.unchanged == ["A/1"]
    assert embedder.passage_texts == [p.text for p in new[1]]


def test_remove(tmp_path, embedder):
    a, b, c = make_docs({"A/1": 6, "B/2": 5, "C/3": 4})
    PassageIndex.build(tmp_path / "index", [a, b, c], progress=False)
    embedder.passage_texts.clear()
    updated, result = PassageIndex.remove(tmp_path / "index", "B/2")
    assert result == WriteResult(added=[], unchanged=[], replaced=[], removed=["B/2"])
    assert embedder.passage_texts == []  # the others keep their stored vectors
    rebuilt = PassageIndex.build(tmp_path / "full", [a, c], progress=False)
    vectors = embedder.vectors(QUERIES)
    assert _answers(PassageIndex.load(tmp_path / "index"), vectors) == _answers(rebuilt, vectors)
    for key in ("A/1", "C/3"):
        updated, _ = PassageIndex.remove(tmp_path / "index", key)
    assert updated.documents == [] and updated.passages == []
    assert PassageIndex.load(tmp_path / "index").bm25_search(QUERIES, 3) == [[]] * len(QUERIES)
    again, _ = PassageIndex.add(tmp_path / "index", [b], progress=False)  # and it can grow again
    assert [p.id for p in again.passages] == [p.id for p in b[1]]


def test_removing_an_unknown_key_lists_what_is_there(tmp_path, embedder):
    PassageIndex.build(tmp_path / "index", make_docs({"A/1": 2, "B/2": 2}), progress=False)
    manifest = (tmp_path / "index" / MANIFEST).read_bytes()
    with pytest.raises(IndexBuildError, match=r"no document 'Z/9' in this index; it holds: A/1, B/2"):
        PassageIndex.remove(tmp_path / "index", "Z/9")
    assert (tmp_path / "index" / MANIFEST).read_bytes() == manifest


def test_add_refuses_an_id_another_document_already_uses(tmp_path, embedder):
    PassageIndex.build(tmp_path / "index", make_docs({"A/1": 3}), progress=False)
    manifest = (tmp_path / "index" / MANIFEST).read_bytes()
    info, _ = make_doc("B/2", 1)
    with pytest.raises(IndexBuildError, match="'A/1#p0' appears twice"):
        PassageIndex.add(tmp_path / "index", [(info, [Passage("A/1#p0", "B/2", "text")])], progress=False)
    assert (tmp_path / "index" / MANIFEST).read_bytes() == manifest


def test_add_and_remove_need_an_index(tmp_path, embedder):
    with pytest.raises(IndexLoadError, match="no index folder here"):
        PassageIndex.add(tmp_path / "none", make_docs({"A/1": 2}), progress=False)
    with pytest.raises(IndexLoadError, match="no index folder here"):
        PassageIndex.remove(tmp_path / "none", "A/1")


def test_add_equals_rebuild_with_the_real_model(default_index_dir, tmp_path):
    """Vectors kept from the old index and new ones from another batch give a rebuild's answers."""
    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    default_resolution = Path(__file__).resolve().parents[2] / "data" / "A_RES_64_12.txt"

    from qa.parsing import load_resolution
    from qa.passages import document_info, passages_for

    def doc(path):
        resolution = load_resolution(path)
        return document_info(resolution), passages_for(resolution)

    base, extra = doc(default_resolution), doc(corpus / "A_RES_80_7.txt")
    shutil.copytree(default_index_dir, tmp_path / "inc")
    PassageIndex.add(tmp_path / "inc", [extra], progress=False)
    incremental = PassageIndex.load(tmp_path / "inc")
    rebuilt = PassageIndex.build(tmp_path / "full", [base, extra], progress=False)
    assert [p.id for p in incremental.passages] == [p.id for p in rebuilt.passages]
    questions = ["Which country hosts the next conference?", "peacebuilding", "A/RES/64/12 decides"]
    q = rebuilt.encode(questions)
    for got, want in zip(incremental.dense_search(q, 5), rebuilt.dense_search(q, 5), strict=True):
        assert [i for i, _ in got] == [i for i, _ in want]
        assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-4)
    assert incremental.bm25_search(questions, 5) == rebuilt.bm25_search(questions, 5)


def test_engine_answers_after_add_equal_those_of_a_full_build(corpus_index_dir, corpus_engine, tmp_path):
    """What a user sees: the same answers to the same questions from an index grown by `add` as from
    one built whole (the six corpus resolutions; two removed, then added back)."""
    import json

    from qa.engine import Engine
    from qa.parsing import load_resolution
    from qa.passages import document_info, passages_for

    shutil.copytree(corpus_index_dir, tmp_path / "grown")
    full = PassageIndex.load(corpus_index_dir)
    again = [d for d in full.documents if d.key in ("A/RES/80/7", "S/RES/1565 (2004)")]
    PassageIndex.remove(tmp_path / "grown", [d.key for d in again])
    docs = []
    for info in again:
        resolution = load_resolution(info.source)
        docs.append((document_info(resolution), passages_for(resolution)))
    _, result = PassageIndex.add(tmp_path / "grown", docs, progress=False)
    assert sorted(result.added) == sorted(d.key for d in again)
    grown = Engine.from_index(tmp_path / "grown")
    questions_file = Path(__file__).resolve().parents[1] / "qa" / "questions" / "corpus.jsonl"
    questions = [json.loads(line) for line in questions_file.read_text().splitlines() if line.strip()]

    def shown(answer) -> tuple:
        return (answer.answered, answer.message,
                [(c.doc, c.unit, round(c.score, 3), c.highlight) for c in answer.citations])

    for q in questions:
        for doc in (None, q.get("doc")):
            assert shown(grown.ask(q["q"], k=5, doc=doc)) == shown(corpus_engine.ask(q["q"], k=5, doc=doc)), q["q"]
