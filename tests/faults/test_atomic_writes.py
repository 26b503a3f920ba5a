"""A failed, killed, out-of-disk or concurrent write leaves the previous index as it was."""

from __future__ import annotations

import errno
import json
import os
import random
import threading
import time
from pathlib import Path

import build_worker
import pytest
from synthetic import QUERIES, HashingEmbedder, make_docs

import index.atomic
import index.disk_format
import index.store
from index.errors import IndexBuildError
from index.store import MANIFEST, PassageIndex


def _snapshot(path: Path) -> tuple[bytes, list, list]:
    """What a user sees of an index: its manifest bytes and its answers to fixed queries."""
    loaded = PassageIndex.load(path)
    vectors = HashingEmbedder().vectors(QUERIES)
    return (path / MANIFEST).read_bytes(), loaded.dense_search(vectors, 5), loaded.bm25_search(QUERIES, 5)


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.") and p.is_dir())


@pytest.fixture
def old_index(tmp_path, embedder) -> tuple[Path, tuple]:
    path = tmp_path / "index"
    PassageIndex.build(path, make_docs({"OLD/1": 20, "OLD/2": 10}), progress=False)
    return path, _snapshot(path)


NEW_DOCS = make_docs({"NEW/1": 30}, seed=1)


def _fail(*args, **kwargs):
    raise RuntimeError("simulated failure")


@pytest.mark.parametrize(
    "where",
    ["embedding", "faiss-build", "faiss-write", "bm25-save", "manifest-write", "swap"],
)
def test_a_build_failing_midway_leaves_the_old_index(old_index, monkeypatch, where):
    import faiss

    path, before = old_index
    targets = {
        "embedding": (index.store, "_embed"),
        "faiss-build": (index.store.dense, "build"),
        "faiss-write": (faiss, "write_index"),
        "bm25-save": (index.store.sparse, "save"),
        "manifest-write": (index.disk_format, "library_versions"),
        "swap": (index.atomic, "swap_in"),
    }
    monkeypatch.setattr(*targets[where], _fail)
    # FAISS's own write errors are I/O errors: reported as a failed write, not as a C++ message
    expected = (IndexBuildError, "could not write the index") if where == "faiss-write" else (
        RuntimeError, "simulated failure")
    with pytest.raises(expected[0], match=expected[1]):
        PassageIndex.build(path, NEW_DOCS, progress=False)
    monkeypatch.undo()
    assert _snapshot(path) == before
    assert _leftovers(path) == []


def test_an_interrupt_during_writing_leaves_the_old_index(old_index, monkeypatch):
    path, before = old_index

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(index.store.sparse, "save", interrupted)
    with pytest.raises(KeyboardInterrupt):
        PassageIndex.build(path, NEW_DOCS, progress=False)
    monkeypatch.undo()
    assert _snapshot(path) == before and _leftovers(path) == []


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["write_file", "bm25"])
def test_a_full_disk_gives_a_clear_error_and_keeps_the_old_index(old_index, monkeypatch, where):
    path, before = old_index
    if where == "bm25":
        monkeypatch.setattr(index.store.sparse, "save", _no_space)
    else:
        monkeypatch.setattr(index.atomic, where, _no_space)
    with pytest.raises(IndexBuildError) as caught:
        PassageIndex.build(path, NEW_DOCS, progress=False)
    assert "no space left on device" in str(caught.value)
    assert "previous index is unchanged" in str(caught.value)
    monkeypatch.undo()
    assert _snapshot(path) == before and _leftovers(path) == []


def test_a_full_disk_during_add_and_remove(old_index, monkeypatch):
    path, before = old_index
    monkeypatch.setattr(index.atomic, "write_file", _no_space)
    with pytest.raises(IndexBuildError, match="no space left on device"):
        PassageIndex.add(path, NEW_DOCS, progress=False)
    with pytest.raises(IndexBuildError, match="no space left on device"):
        PassageIndex.remove(path, "OLD/1")
    monkeypatch.undo()
    assert _snapshot(path) == before and _leftovers(path) == []


def test_a_failed_second_rename_puts_the_old_index_back(old_index, monkeypatch):
    path, before = old_index
    real_rename = os.rename
    calls = []

    def rename(src, dst):
        calls.append(Path(src).name)
        if len(calls) == 2:  # tmp -> target
            raise OSError(errno.EIO, "Input/output error")
        return real_rename(src, dst)

    monkeypatch.setattr(index.atomic.os, "rename", rename)
    with pytest.raises(IndexBuildError, match="previous index is unchanged"):
        PassageIndex.build(path, NEW_DOCS, progress=False)
    monkeypatch.undo()
    assert _snapshot(path) == before and _leftovers(path) == []


def test_a_kill_between_the_two_renames_is_recovered_on_load(old_index, embedder):
    path, before = old_index
    # What a kill after `target -> .index.old-*` and before `.index.tmp-* -> target` leaves:
    os.rename(path, path.parent / f".{path.name}.old-4242-deadbeef")
    (path.parent / f".{path.name}.tmp-4242-deadbeef").mkdir()
    (path.parent / f".{path.name}.tmp-4242-deadbeef" / "passages.jsonl").write_text("{partial")
    assert not path.exists()
    assert _snapshot(path) == before  # load puts the previous index back
    PassageIndex.build(path, NEW_DOCS, progress=False)  # and the next write clears the rest
    assert _leftovers(path) == []
    assert [d.key for d in PassageIndex.load(path).documents] == ["NEW/1"]


def test_a_kill_after_the_swap_leaves_the_old_folder_for_the_next_write_to_clear(old_index, embedder):
    path, _ = old_index
    import shutil

    shutil.copytree(path, path.parent / f".{path.name}.old-4242-cafebabe")  # rmtree never ran
    PassageIndex.add(path, NEW_DOCS, progress=False)
    assert _leftovers(path) == []


class _BlockingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()

    def encode_passages(self, texts, batch_size=32, on_progress=None):
        self.started.set()
        assert self.release.wait(30)
        return super().encode_passages(texts, batch_size, on_progress)


def test_a_second_writer_is_told_another_build_is_writing(old_index, monkeypatch):
    path, before = old_index
    slow = _BlockingEmbedder()
    monkeypatch.setattr(index.store, "get_embedder", lambda model=None, encoder=None: slow)
    outcome = {}

    def first_build():
        try:
            outcome["index"] = PassageIndex.build(path, NEW_DOCS, progress=False)
        except BaseException as exc:  # reported by the assertions below
            outcome["error"] = exc

    writer = threading.Thread(target=first_build)
    writer.start()
    try:
        assert slow.started.wait(30)
        for second in (
            lambda: PassageIndex.build(path, make_docs({"OTHER/1": 3}), progress=False),
            lambda: PassageIndex.add(path, make_docs({"OTHER/1": 3}), progress=False),
            lambda: PassageIndex.remove(path, "OLD/1"),
        ):
            with pytest.raises(IndexBuildError, match="another build is writing this index") as caught:
                second()
            assert "\n" not in str(caught.value)
        assert _snapshot(path) == before  # readers are not blocked and see the old index
    finally:
        slow.release.set()
        writer.join(30)
    assert "error" not in outcome
    assert [d.key for d in PassageIndex.load(path).documents] == ["NEW/1"]


def _run_worker(path: Path, n: int, version: str, kill_after: float | None = None) -> int:
    return build_worker.run([str(path), str(n), version], kill_after, timeout=120)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_damages_the_index(tmp_path):
    path = tmp_path / "index"
    n = 12_000
    started = time.monotonic()
    _run_worker(path, n, "v0")
    duration = time.monotonic() - started
    rng = random.Random(int(os.environ.get("KILL_SEED", "7")))
    kept = 0
    for attempt in range(10):
        before = _snapshot(path)
        version = f"v{attempt + 1}"
        returncode = _run_worker(path, n, version, kill_after=rng.uniform(0, duration))
        assert returncode in (0, -9)
        after = _snapshot(path)  # loads, whatever moment the kill hit
        if PassageIndex.load(path).passages[0].meta["version"] == version:
            # The swap happened before the kill (or the build finished): the new index, whole.
            assert json.loads(after[0])["passage_count"] == n
        else:
            kept += 1
            assert after == before, f"attempt {attempt}: a killed build changed the index"
    assert kept >= 3  # most delays fall before the swap
    _run_worker(path, n, "final")
    assert _leftovers(path) == []
    loaded = PassageIndex.load(path)
    assert len(loaded.passages) == n and loaded.passages[0].meta["version"] == "final"
