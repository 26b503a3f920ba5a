"""The on-disk format of an index folder (format version 1), written and checked.

    manifest.json     model, dimension, counts, documents (key, source, sha256), files and checksums
    passages.jsonl    one Passage per line, in index order (never pickle)
    vectors.faiss     the FAISS index (position i = line i of passages.jsonl)
    bm25/             bm25s's own arrays and vocabulary

`write_folder` writes one (through index.atomic); the `read_*` and `check_*` functions validate
one on load, each problem an IndexLoadError naming the file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import time
import uuid
from pathlib import Path

import numpy as np

from index import atomic, dense, sparse
from index.errors import IndexBuildError, IndexLoadError
from index.passage import DocumentInfo, Passage

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PASSAGES = "passages.jsonl"
VECTORS = "vectors.faiss"
BM25_DIR = "bm25"
HASH_LIMIT = 256 * 1024 * 1024  # larger files are checked by size and by parsing, not hashed on every load

DocumentPassages = tuple[DocumentInfo, list[Passage]]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ["faiss-cpu", "sentence-transformers", "bm25s", "torch", "onnxruntime", "numpy"]:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


def write_folder(
    target: Path,
    docs: list[DocumentPassages],
    vectors: np.ndarray,
    model_name: str,
    approximate_from: int,
    dim: int,
    encoder: dict | None = None,
    skipped: list[dict] | None = None,
) -> None:
    """Write docs and their vectors (one row per passage, in order) as an index folder at target.

    encoder: which encoder embedded them and its probe vectors (index.embedding.probe_record).
    skipped: source files left out ({"path", "reason"}), listed in the manifest as they are."""

    passages = [p for _, ps in docs for p in ps]
    if len(vectors) != len(passages):
        raise IndexBuildError(f"{len(vectors)} vectors for {len(passages)} passages")
    vectors = np.ascontiguousarray(vectors.reshape(len(passages), dim), dtype=np.float32)
    faiss_index, dense_info = dense.build(vectors, dense.choose_kind(len(passages), approximate_from))
    bm25_model = sparse.build([p.text for p in passages]) if passages else None

    def fill(tmp: Path) -> None:
        # Streamed, and FAISS writes its own file: no second copy of a large index in memory.
        atomic.write_lines(tmp / PASSAGES, (json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in passages))
        _write_faiss(faiss_index, tmp / VECTORS)
        (tmp / BM25_DIR).mkdir()
        if bm25_model is not None:
            sparse.save(bm25_model, str(tmp / BM25_DIR))
        files = {}
        for f in sorted(p for p in tmp.rglob("*") if p.is_file()):
            rel = f.relative_to(tmp).as_posix()
            size = f.stat().st_size
            files[rel] = {"size": size, "sha256": sha256_of(f) if size <= HASH_LIMIT else None}
        manifest = {
            "format_version": FORMAT_VERSION,
            "model": model_name,
            "encoder": encoder,
            "dim": dim,
            "normalized": True,
            "metric": "inner_product",
            "dense": dense_info,
            "bm25": {"tokenizer": sparse.TOKENIZER, "stemmer": "english", "stopwords": "en"},
            "passage_count": len(passages),
            "documents": [
                {**info.to_dict(), "passages": len(ps)} for info, ps in docs
            ],
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            # new with every write: a server following the folder compares it (ui.live_engine)
            "build_id": uuid.uuid4().hex,
            "skipped": [{"path": str(s["path"]), "reason": str(s["reason"])} for s in skipped or []],
            "libraries": library_versions(),
            "files": files,
        }
        atomic.write_file(tmp / MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))

    atomic.write_atomically(target, fill)


def _write_faiss(faiss_index, file: Path) -> None:
    """FAISS writes the file itself (fsynced with the folder before the swap); its C++ errors
    become the OSError they are, so a full disk reads as one."""
    import faiss

    try:
        faiss.write_index(faiss_index, str(file))
    except RuntimeError as exc:
        text = str(exc)
        code = errno.ENOSPC if "No space left" in text else errno.EIO
        raise OSError(code, os.strerror(code) if code == errno.ENOSPC else f"FAISS could not write {file.name}") from exc


# -- validated reading ------------------------------------------------------------------------
def _unreadable(path: Path, exc: OSError) -> IndexLoadError:
    """What a failed read of one of the index's files says."""
    if isinstance(exc, FileNotFoundError):
        return IndexLoadError(path, "file is missing")
    if isinstance(exc, IsADirectoryError):
        return IndexLoadError(path, "is a folder, expected a file")
    if isinstance(exc, PermissionError):
        return IndexLoadError(path, "file cannot be read (permission denied)")
    return IndexLoadError(path, f"file cannot be read ({exc.strerror})")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from None


def read_manifest(path: Path) -> dict:
    file = path / MANIFEST
    raw = _read_bytes(file)
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise IndexLoadError(file, "is not valid JSON (truncated or damaged)") from None
    if not isinstance(manifest, dict):
        raise IndexLoadError(file, "is not an index manifest")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise IndexLoadError(file, f"has format version {version!r}, this program reads version {FORMAT_VERSION}")
    required = {"model": str, "dim": int, "passage_count": int, "documents": list, "files": dict}
    for key, kind in required.items():
        if not isinstance(manifest.get(key), kind) or isinstance(manifest.get(key), bool):
            raise IndexLoadError(file, f"lacks a valid {key!r} entry")
    for doc in manifest["documents"]:
        if not (isinstance(doc, dict) and all(isinstance(doc.get(k), str) for k in ("key", "source", "sha256"))):
            raise IndexLoadError(file, "has a document entry without key, source and sha256")
    skipped = manifest.get("skipped", [])
    if not isinstance(skipped, list) or not all(
        isinstance(s, dict) and isinstance(s.get("path"), str) and isinstance(s.get("reason"), str) for s in skipped
    ):
        raise IndexLoadError(file, "has a 'skipped' entry that is not a list of {path, reason}")
    for rel, entry in manifest["files"].items():
        if not isinstance(entry, dict) or Path(rel).is_absolute() or ".." in Path(rel).parts:
            raise IndexLoadError(file, f"has an invalid entry for file {rel!r}")
    return manifest


def check_files(path: Path, manifest: dict) -> None:
    for rel, expected in sorted(manifest["files"].items()):
        file = path / rel
        if file.is_dir():
            raise IndexLoadError(file, "is a folder, expected a file")
        if not file.is_file():
            raise IndexLoadError(file, "file is missing")
        try:
            size = file.stat().st_size
        except OSError as exc:
            raise IndexLoadError(file, f"file cannot be read ({exc.strerror})") from None
        if size != expected.get("size"):
            raise IndexLoadError(file, f"has {size} bytes, the manifest says {expected.get('size')} (truncated or replaced)")
        if expected.get("sha256"):
            try:
                actual = sha256_of(file)
            except OSError as exc:
                raise IndexLoadError(file, f"file cannot be read ({exc.strerror or exc})") from None
            if actual != expected["sha256"]:
                raise IndexLoadError(file, "content does not match its checksum in the manifest (damaged or edited)")


def read_passages(file: Path, expected: int) -> list[Passage]:
    passages = []
    try:
        # Line by line in binary: only b"\n" ends a record (str.splitlines() would also cut at
        # U+2028, U+2029 and NEL, which json.dumps(ensure_ascii=False) leaves inside texts), and
        # the file is never held twice in memory.
        with open(file, "rb") as fh:
            for line in fh:
                if line.strip():
                    passages.append(Passage.from_dict(json.loads(line)))
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
        raise IndexLoadError(file, f"line {len(passages) + 1} is not a valid passage (damaged)") from None
    except OSError as exc:
        raise _unreadable(file, exc) from None
    if len(passages) != expected:
        raise IndexLoadError(file, f"holds {len(passages)} passages, the manifest says {expected}")
    return passages


def check_passages(file: Path, passages: list[Passage], manifest: dict) -> None:
    keys = {d["key"] for d in manifest["documents"]}
    ids: set[str] = set()
    finished: set[str] = set()  # documents whose passages ended: theirs are consecutive (index.selection)
    previous = None
    for n, p in enumerate(passages, start=1):
        if not isinstance(p.id, str) or not isinstance(p.text, str):
            raise IndexLoadError(file, f"line {n} is not a valid passage (damaged)")
        if p.doc not in keys:
            raise IndexLoadError(file, f"line {n}: passage {p.id!r} belongs to {p.doc!r}, a document the manifest does not list")
        if p.id in ids:
            raise IndexLoadError(file, f"line {n}: passage id {p.id!r} appears twice")
        ids.add(p.id)
        if p.doc != previous:
            if p.doc in finished:
                raise IndexLoadError(file, f"line {n}: the passages of {p.doc!r} are not consecutive (damaged)")
            if previous is not None:
                finished.add(previous)
            previous = p.doc


def read_faiss(file: Path, manifest: dict):
    import faiss

    raw = _read_bytes(file)
    try:
        index = faiss.deserialize_index(np.frombuffer(raw, dtype=np.uint8))
    except Exception:  # faiss raises RuntimeError with a C++ message for any damage
        raise IndexLoadError(file, "is not a readable FAISS index (damaged)") from None
    if index.ntotal != manifest["passage_count"]:
        raise IndexLoadError(file, f"holds {index.ntotal} vectors for {manifest['passage_count']} passages")
    if index.d != manifest["dim"]:
        raise IndexLoadError(file, f"holds {index.d}-dimensional vectors, the manifest says {manifest['dim']}")
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = int(manifest.get("dense", {}).get("ef_search", dense.HNSW_EF_SEARCH))
    return index


def read_bm25(folder: Path, n_passages: int):
    if n_passages == 0:
        return None
    if not folder.is_dir():
        raise IndexLoadError(folder, "BM25 folder is missing")
    try:
        model = sparse.load(str(folder))
    except Exception:  # bm25s raises whatever numpy/json raise on damage
        raise IndexLoadError(folder, "BM25 files are not readable (damaged)") from None
    try:
        n_docs = int(model.scores["num_docs"])
    except (AttributeError, KeyError, TypeError, ValueError):
        n_docs = n_passages
    if n_docs != n_passages:
        raise IndexLoadError(folder, f"BM25 holds {n_docs} passages, the manifest says {n_passages}")
    return model
