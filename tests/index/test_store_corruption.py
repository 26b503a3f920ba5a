"""A damaged or mismatched index folder is refused with one line naming the file and the fix."""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from synthetic import HashingEmbedder, make_docs

from index.errors import IndexLoadError
from index.store import MANIFEST, PASSAGES, VECTORS, PassageIndex

HINT = "run `resolution-qa index build`"
BM25_FILES = [
    "bm25/data.csc.index.npy",
    "bm25/indices.csc.index.npy",
    "bm25/indptr.csc.index.npy",
    "bm25/params.index.json",
    "bm25/vocab.index.json",
]
DATA_FILES = [MANIFEST, PASSAGES, VECTORS, *BM25_FILES]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    import index.store

    path = tmp_path_factory.mktemp("pristine") / "index"
    with pytest.MonkeyPatch.context() as mp:
        fake = HashingEmbedder()
        mp.setattr(index.store, "get_embedder", lambda model=None, encoder=None: fake)
        PassageIndex.build(path, make_docs({"A/X/1": 12, "B/Y/2": 8}), progress=False)
    return path


@pytest.fixture
def index_dir(pristine, tmp_path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(pristine, copy)
    return copy


def test_every_data_file_is_in_the_manifest(pristine):
    listed = set(json.loads((pristine / MANIFEST).read_text())["files"])
    assert listed | {MANIFEST} == set(DATA_FILES)
    PassageIndex.load(pristine)  # and the pristine copy loads


def _assert_refused(path: Path, names: str, **load_args) -> str:
    with pytest.raises(IndexLoadError) as caught:
        PassageIndex.load(path, **load_args)
    message = str(caught.value)
    assert "\n" not in message
    assert names in message, message
    assert HINT in message
    return message


def _truncate(file: Path) -> None:
    data = file.read_bytes()
    file.write_bytes(data[: len(data) // 2])


def _garbage_same_size(file: Path) -> None:
    size = file.stat().st_size
    file.write_bytes(bytes((i * 131 + 7) % 256 for i in range(size)))


def _garbage_other_size(file: Path) -> None:
    file.write_bytes(b"\x00\xffnot what was written\n" * 7)


def _missing(file: Path) -> None:
    file.unlink()


def _directory(file: Path) -> None:
    file.unlink()
    file.mkdir()
    (file / "inside").write_text("x")


DAMAGE = {
    "missing": _missing,
    "truncated": _truncate,
    "garbage-same-size": _garbage_same_size,
    "garbage-other-size": _garbage_other_size,
    "a-folder": _directory,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("rel", DATA_FILES)
def test_damaged_file_is_named(index_dir, rel, damage):
    DAMAGE[damage](index_dir / rel)
    _assert_refused(index_dir, rel)


@pytest.mark.parametrize("error", [PermissionError(errno.EACCES, "Permission denied"), OSError(errno.EIO, "Input/output error")])
@pytest.mark.parametrize("rel", DATA_FILES)
def test_unreadable_file_is_named(index_dir, rel, error, monkeypatch):
    # Tests run as root, which chmod does not stop: make every open of that one file fail.
    target = (index_dir / rel).resolve()
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, Path)) and Path(file).resolve() == target:
            raise type(error)(error.errno, error.strerror, str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    message = _assert_refused(index_dir, rel)
    assert error.strerror.lower() in message.lower()


def _rewrite_manifest(index_dir: Path, **changes) -> dict:
    manifest = json.loads((index_dir / MANIFEST).read_text())
    manifest.update(changes)
    (index_dir / MANIFEST).write_text(json.dumps(manifest))
    return manifest


def _drop_last_passage(index_dir: Path) -> int:
    """passages.jsonl without its last line, its size and checksum made consistent in the manifest."""
    file = index_dir / PASSAGES
    lines = file.read_bytes().splitlines(keepends=True)
    file.write_bytes(b"".join(lines[:-1]))
    manifest = json.loads((index_dir / MANIFEST).read_text())
    manifest["files"][PASSAGES] = {"size": file.stat().st_size, "sha256": hashlib.sha256(file.read_bytes()).hexdigest()}
    (index_dir / MANIFEST).write_text(json.dumps(manifest))
    return len(lines) - 1


def test_fewer_passages_than_the_manifest_says(index_dir):
    kept = _drop_last_passage(index_dir)
    message = _assert_refused(index_dir, PASSAGES)
    assert f"holds {kept} passages, the manifest says {kept + 1}" in message


def test_vectors_and_passages_of_different_counts(index_dir):
    kept = _drop_last_passage(index_dir)
    _rewrite_manifest(index_dir, passage_count=kept)
    message = _assert_refused(index_dir, VECTORS)
    assert f"holds {kept + 1} vectors for {kept} passages" in message


def test_model_mismatch(index_dir):
    message = _assert_refused(index_dir, MANIFEST, model="some/other-model")
    assert "sentence-transformers/all-MiniLM-L6-v2" in message and "some/other-model" in message
    PassageIndex.load(index_dir, model="all-MiniLM-L6-v2")  # an alias of the same model is fine


def test_dimension_mismatch(index_dir):
    _rewrite_manifest(index_dir, dim=512)
    message = _assert_refused(index_dir, VECTORS)
    assert "384-dimensional" in message and "512" in message


def test_query_model_of_another_dimension_is_refused(index_dir, monkeypatch):
    import numpy as np

    loaded = PassageIndex.load(index_dir)
    monkeypatch.setattr(loaded._embedder, "encode_queries", lambda texts: np.ones((len(texts), 768), np.float32))
    with pytest.raises(IndexLoadError, match="768-dimensional vectors but the index holds 384"):
        loaded.encode(["question"])


@pytest.mark.parametrize("version", [2, 0, None, "1"])
def test_unknown_format_version(index_dir, version):
    _rewrite_manifest(index_dir, format_version=version)
    message = _assert_refused(index_dir, MANIFEST)
    assert f"format version {version!r}" in message


@pytest.mark.parametrize(
    "changes",
    [
        {"documents": [{"key": "A/X/1"}]},
        {"documents": "A/X/1"},
        {"files": {PASSAGES: "abc"}},
        {"files": {"../../etc/passwd": {"size": 1}}},
        {"dim": "384"},
        {"passage_count": None},
        {"model": 3},
    ],
    ids=["doc-entry", "documents", "file-entry", "file-outside", "dim", "count", "model"],
)
def test_edited_manifest_entries(index_dir, changes):
    _rewrite_manifest(index_dir, **changes)
    _assert_refused(index_dir, MANIFEST)


def test_manifest_that_is_not_an_object(index_dir):
    (index_dir / MANIFEST).write_text("[1, 2, 3]")
    _assert_refused(index_dir, MANIFEST)


def test_passages_of_unlisted_document(index_dir):
    manifest = _rewrite_manifest(index_dir)
    manifest["documents"] = manifest["documents"][:1]
    (index_dir / MANIFEST).write_text(json.dumps(manifest))
    assert "B/Y/2" in _assert_refused(index_dir, PASSAGES)


def test_no_index_folder(tmp_path):
    _assert_refused(tmp_path / "nowhere", "nowhere")
    (tmp_path / "a-file").write_text("x")
    _assert_refused(tmp_path / "a-file", "a-file")


CLI_CASES = {
    "manifest-missing": lambda d: _missing(d / MANIFEST),
    "passages-garbage": lambda d: _garbage_same_size(d / PASSAGES),
    "vectors-truncated": lambda d: _truncate(d / VECTORS),
    "bm25-folder": lambda d: _directory(d / BM25_FILES[3]),
    "count-mismatch": _drop_last_passage,
    "dim-mismatch": lambda d: _rewrite_manifest(d, dim=512),
    "format-version": lambda d: _rewrite_manifest(d, format_version=99),
}


@pytest.mark.parametrize("case", list(CLI_CASES))
def test_cli_info_reports_one_line(index_dir, case):
    from click.testing import CliRunner

    from ui.cli import main

    CLI_CASES[case](index_dir)
    result = CliRunner().invoke(main, ["index", "info", "--index", str(index_dir)])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output and HINT in lines[0] and str(index_dir) in lines[0]
