"""kill -9 during `index add` on an index of a collection's size (1,000 documents, 20,000
passages, as the shared collection has) leaves the previous index whole and answering."""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import build_worker
import pytest
from synthetic import QUERIES, HashingEmbedder, make_doc

from index.store import MANIFEST, PassageIndex

DOCUMENTS, PASSAGES, ADDED = 1000, 20, 100


def _answers(path: Path) -> tuple:
    loaded = PassageIndex.load(path)
    vectors = HashingEmbedder().vectors(QUERIES)
    return (len(loaded.documents), loaded.dense_search(vectors, 5), loaded.bm25_search(QUERIES, 5),
            loaded.bm25_search(QUERIES, 5, doc=["R/1", "R/500"]))


def _add(path: Path, version: str, kill_after: float | None) -> int:
    return build_worker.run(["--add", str(path), str(ADDED), str(PASSAGES), version], kill_after)


@pytest.mark.slow
def test_sigkill_during_add_to_a_collection_sized_index_keeps_the_old_one(tmp_path, embedder):
    path = tmp_path / "index"
    PassageIndex.build(path, [make_doc(f"R/{d}", PASSAGES) for d in range(DOCUMENTS)], progress=False)
    # how long a whole add takes, on a copy, so that the kills below fall inside one
    shutil.copytree(path, tmp_path / "timing")
    started = time.monotonic()
    _add(tmp_path / "timing", "timing", None)
    duration = time.monotonic() - started
    rng = random.Random(int(os.environ.get("KILL_SEED", "11")))
    kept = 0
    for attempt in range(3):
        before, manifest = _answers(path), (path / MANIFEST).read_bytes()
        returncode = _add(path, f"v{attempt}", kill_after=rng.uniform(0.1, 0.8) * duration)
        assert returncode in (0, -9)
        after = _answers(path)  # loads and answers, whatever moment the kill hit
        if (path / MANIFEST).read_bytes() != manifest:
            assert after[0] == before[0] + ADDED  # the swap happened before the kill: the new index, whole
        else:
            kept += 1
            assert after == before, f"attempt {attempt}: a killed add changed the index"
    assert kept >= 1
