"""The store at collection size and its manifest: build ids, skipped files, several removals,
vectors written as given, and `add` of 100 documents to 1,000 embedding only those."""

from __future__ import annotations

import numpy as np
import pytest
from synthetic import QUERIES, make_doc, make_docs

from index.errors import IndexBuildError
from index.store import MANIFEST, PassageIndex


def _answers(loaded: PassageIndex, vectors: np.ndarray, doc=None) -> tuple:
    ids = [p.id for p in loaded.passages]
    dense = [[(ids[i], round(s, 5)) for i, s in row] for row in loaded.dense_search(vectors, 10, doc=doc)]
    bm25 = [[(ids[i], round(s, 4)) for i, s in row] for row in loaded.bm25_search(QUERIES, 10, doc=doc)]
    return dense, bm25


def test_every_write_has_a_new_build_id(tmp_path, embedder):
    built = PassageIndex.build(tmp_path / "index", make_docs({"A/1": 3, "B/2": 2}), progress=False)
    added, _ = PassageIndex.add(tmp_path / "index", [make_doc("C/3", 2)], progress=False)
    removed, _ = PassageIndex.remove(tmp_path / "index", "A/1")
    ids = [built.build_id, added.build_id, removed.build_id]
    assert len(set(ids)) == 3 and all(len(i) == 32 for i in ids)
    assert PassageIndex.load(tmp_path / "index").build_id == removed.build_id
    assert removed.built_at.endswith("Z")


def test_skipped_files_are_listed_and_kept_until_given_again(tmp_path, embedder):
    a, b, c = make_docs({"A/1": 3, "B/2": 2, "C/3": 2})
    skipped = [{"path": "/in/bad.pdf", "reason": "binary"}, {"path": c[0].source, "reason": "not UTF-8"}]
    built = PassageIndex.build(tmp_path / "index", [a, b], progress=False, skipped=skipped)
    assert built.skipped == skipped
    assert PassageIndex.load(tmp_path / "index").manifest["skipped"] == skipped
    # the file skipped before is now given (and indexed): it leaves the list; a new skip joins it
    added, _ = PassageIndex.add(tmp_path / "index", [c], progress=False,
                                skipped=[{"path": "/in/empty.txt", "reason": "empty"}])
    assert added.skipped == [skipped[0], {"path": "/in/empty.txt", "reason": "empty"}]
    removed, _ = PassageIndex.remove(tmp_path / "index", "A/1")
    assert removed.skipped == added.skipped


def test_an_add_that_only_skips_records_the_skip(tmp_path, embedder):
    PassageIndex.build(tmp_path / "index", make_docs({"A/1": 3}), progress=False)
    updated, result = PassageIndex.add(tmp_path / "index", [], progress=False,
                                       skipped=[{"path": "/x.txt", "reason": "empty"}])
    assert result.added == [] and updated.skipped == [{"path": "/x.txt", "reason": "empty"}]


def test_remove_takes_several_keys_or_removes_none(tmp_path, embedder):
    docs = make_docs({"A/1": 3, "B/2": 2, "C/3": 4, "D/4": 1})
    PassageIndex.build(tmp_path / "index", docs, progress=False)
    manifest = (tmp_path / "index" / MANIFEST).read_bytes()
    with pytest.raises(IndexBuildError, match=r"no documents 'X/8', 'Y/9' in this index"):
        PassageIndex.remove(tmp_path / "index", ["A/1", "X/8", "Y/9"])
    assert (tmp_path / "index" / MANIFEST).read_bytes() == manifest  # nothing removed
    updated, result = PassageIndex.remove(tmp_path / "index", ["C/3", "A/1"])
    assert result.removed == ["C/3", "A/1"]
    assert [d.key for d in updated.documents] == ["B/2", "D/4"]
    rebuilt = PassageIndex.build(tmp_path / "full", [docs[1], docs[3]], progress=False)
    q = rebuilt.encode(QUERIES)
    assert _answers(updated, q) == _answers(rebuilt, q)


def test_build_from_vectors_embeds_nothing_and_equals_a_build(tmp_path, embedder):
    docs = make_docs({"A/1": 6, "B/2": 5})
    built = PassageIndex.build(tmp_path / "built", docs, progress=False)
    embedder.passage_texts.clear()
    copied = PassageIndex.build_from_vectors(tmp_path / "copied", docs, built.vectors.copy())
    assert embedder.passage_texts == []
    assert copied.passages == built.passages and copied.model_name == built.model_name
    q = built.encode(QUERIES)
    assert _answers(copied, q) == _answers(built, q)
    with pytest.raises(IndexBuildError, match="vectors for"):
        PassageIndex.build_from_vectors(tmp_path / "bad", docs, built.vectors[:3])


def test_adding_100_documents_to_1000_embeds_only_theirs_and_equals_a_rebuild(tmp_path, embedder):
    old = [make_doc(f"R/{i}", 3 + i % 5) for i in range(1000)]
    new = [make_doc(f"N/{i}", 3 + i % 4) for i in range(100)]
    PassageIndex.build(tmp_path / "index", old, progress=False)
    embedder.passage_texts.clear()
    added, result = PassageIndex.add(tmp_path / "index", old[:50] + new, progress=False)
    new_texts = [p.text for _, ps in new for p in ps]
    assert embedder.passage_texts == new_texts and result.embedded == len(new_texts)
    assert len(result.added) == 100 and len(result.unchanged) == 50
    rebuilt = PassageIndex.build(tmp_path / "full", old + new, progress=False)
    assert added.passages == rebuilt.passages
    assert added.manifest["documents"] == rebuilt.manifest["documents"]
    q = rebuilt.encode(QUERIES)
    assert _answers(added, q) == _answers(rebuilt, q)
    some = [f"N/{i}" for i in range(0, 100, 7)] + ["R/3", "R/999"]
    assert _answers(added, q, doc=some) == _answers(rebuilt, q, doc=some)
