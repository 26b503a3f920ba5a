"""PassageIndex: dense + BM25 over passages, kept in one folder, written atomically, validated on load.

Folder layout (format version 1):
    manifest.json     model, dimension, counts, documents (key, source, sha256), files and checksums
    passages.jsonl    one Passage per line, in index order (never pickle)
    vectors.faiss     the FAISS index (position i = line i of passages.jsonl)
    bm25/             bm25s's own arrays and vocabulary

Every write (build, add, remove) fills a new folder beside the target and swaps it in with
renames under a lock, so a failed, killed or out-of-disk write leaves the previous index as it was.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import dense, sparse
from index.embedding import Embedder, canonical_model_name, get_embedder
from index.errors import IndexBuildError, IndexLoadError
from index.passage import DocumentInfo, Passage

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PASSAGES = "passages.jsonl"
VECTORS = "vectors.faiss"
BM25_DIR = "bm25"
HASH_LIMIT = 256 * 1024 * 1024  # larger files are checked by size and by parsing, not hashed on every load

DocumentPassages = tuple[DocumentInfo, list[Passage]]


@dataclass(frozen=True)
class WriteResult:
    added: list[str]
    unchanged: list[str]
    replaced: list[str]
    removed: list[str]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _library_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ["faiss-cpu", "sentence-transformers", "bm25s", "torch", "numpy"]:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    return out


class _Progress:
    """A tqdm bar on stderr while embedding, only for a terminal and when wanted."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        if enabled and total and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="Embedding passages", unit="passage", file=sys.stderr)

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class PassageIndex:
    """A loaded index. Build, add and remove are class methods that write a folder atomically."""

    def __init__(
        self,
        path: Path,
        manifest: dict,
        passages: list[Passage],
        faiss_index,
        bm25_model,
        embedder: Embedder,
    ) -> None:
        self.path = Path(path)
        self.manifest = manifest
        self.passages = passages
        self._faiss = faiss_index
        self._bm25 = bm25_model
        self._embedder = embedder
        self.documents = [DocumentInfo.from_dict(d) for d in manifest["documents"]]
        positions: dict[str, list[int]] = {}
        for i, p in enumerate(passages):
            positions.setdefault(p.doc, []).append(i)
        self._doc_positions = {k: np.asarray(v, dtype=np.int64) for k, v in positions.items()}
        self._dim_checked = False

    # -- properties -------------------------------------------------------------------------
    @property
    def dim(self) -> int:
        return int(self.manifest["dim"])

    @property
    def model_name(self) -> str:
        return self.manifest["model"]

    # -- query ------------------------------------------------------------------------------
    def encode_queries_in_processes(self, processes: int) -> bool:
        """Encode questions in worker processes from now on (see index.encoder_processes); False
        when the model cannot be."""
        return self._embedder.encode_queries_in_processes(processes)

    def stop_processes(self) -> None:
        self._embedder.stop_processes()

    def encode(self, texts: list[str]) -> np.ndarray:
        """Normalized float32 query vectors, one batch for all texts."""
        vectors = self._embedder.encode_queries(list(texts))
        if not self._dim_checked and len(vectors):
            self._dim_checked = True
            if vectors.shape[1] != self.dim:
                raise IndexLoadError(
                    self.path / MANIFEST,
                    f"model {self.model_name} gives {vectors.shape[1]}-dimensional vectors "
                    f"but the index holds {self.dim}-dimensional ones",
                )
        return vectors

    def _subset(self, doc: str | None) -> np.ndarray | None:
        if doc is None:
            return None
        return self._doc_positions.get(doc, np.zeros(0, dtype=np.int64))

    def dense_search(self, query_vectors: np.ndarray, k: int, doc: str | None = None) -> list[list[tuple[int, float]]]:
        return dense.search(self._faiss, np.asarray(query_vectors, dtype=np.float32), k, self._subset(doc))

    def bm25_search(self, queries: list[str], k: int, doc: str | None = None) -> list[list[tuple[int, float]]]:
        subset = self._subset(doc)
        mask = None
        if subset is not None:
            mask = np.zeros(len(self.passages), dtype=bool)
            mask[subset] = True
        return [sparse.search(self._bm25, q, k, len(self.passages), mask) for q in queries]

    # -- load -------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path, model: str | None = None) -> PassageIndex:
        """Open and validate an index folder. Raises IndexLoadError with a one-line message."""
        path = Path(path)
        _recover_interrupted_swap(path)
        return cls._open(path, model)

    @classmethod
    def _open(cls, path: Path, model: str | None = None) -> PassageIndex:
        if not path.is_dir():
            raise IndexLoadError(path, "no index folder here")
        manifest = _read_manifest(path)
        if model is not None and canonical_model_name(model) != manifest["model"]:
            raise IndexLoadError(
                path / MANIFEST,
                f"the index was built with model {manifest['model']}, not {canonical_model_name(model)}",
            )
        _check_files(path, manifest)
        tokenizer = (manifest.get("bm25") or {}).get("tokenizer")
        if tokenizer != sparse.TOKENIZER:
            raise IndexLoadError(
                path / MANIFEST,
                f"BM25 tokens were made by tokenizer {tokenizer or 'words+symbols-1'!r}, "
                f"this program uses {sparse.TOKENIZER!r}",
            )
        passages = _read_passages(path / PASSAGES, int(manifest["passage_count"]))
        _check_passages(path / PASSAGES, passages, manifest)
        faiss_index = _read_faiss(path / VECTORS, manifest)
        bm25_model = _read_bm25(path / BM25_DIR, len(passages))
        return cls(path, manifest, passages, faiss_index, bm25_model, get_embedder(manifest["model"]))

    # -- write ------------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        path: str | Path,
        documents: Iterable[DocumentPassages],
        model: str | None = None,
        progress: bool = True,
        approximate_from: int = dense.APPROXIMATE_FROM,
    ) -> PassageIndex:
        """A new index of documents at path, replacing what was there only once it is complete."""
        target = Path(path)
        docs = _unique_documents(list(documents))
        with _writing(target):
            embedder = get_embedder(model)
            texts = [p.text for _, ps in docs for p in ps]
            vectors = _embed(embedder, texts, progress)
            _write(target, docs, vectors, embedder.name, approximate_from)
            return cls._open(target)

    @classmethod
    def add(
        cls,
        path: str | Path,
        documents: Iterable[DocumentPassages],
        progress: bool = True,
        approximate_from: int = dense.APPROXIMATE_FROM,
    ) -> tuple[PassageIndex, WriteResult]:
        """Add documents to an existing index, embedding only new passages.

        A document whose sha256 is already there changes nothing; one with the same key and new
        content replaces the old version.
        """
        target = Path(path)
        given = _unique_documents(list(documents))
        with _writing(target):
            current = cls._open(target)
            known = {d.key: d for d in current.documents}
            added, unchanged, replaced = [], [], []
            new_docs: dict[str, DocumentPassages] = {}
            for info, passages in given:
                old = known.get(info.key)
                if old is not None and old.sha256 == info.sha256:
                    unchanged.append(info.key)
                    continue
                (replaced if old is not None else added).append(info.key)
                new_docs[info.key] = (info, passages)
            if not new_docs:
                return current, WriteResult([], unchanged, [], [])
            # A replaced document keeps its place, new ones go at the end: the result is the index
            # a build of the same documents in the same order would give.
            all_docs = [new_docs.get(d.key) or (d, _passages_of(current, d.key)) for d in current.documents]
            all_docs += [doc for key, doc in new_docs.items() if key not in known]
            _unique_documents(all_docs)  # passage ids must stay unique across old and new documents
            new_texts = [p.text for _, ps in new_docs.values() for p in ps]
            new_vectors = iter(np.split(
                _embed(current._embedder, new_texts, progress),
                np.cumsum([len(ps) for _, ps in new_docs.values()])[:-1],
            ))
            fresh = {key: next(new_vectors) for key in new_docs}
            parts = [fresh[d.key] if d.key in fresh else _vectors_of(current, d.key) for d, _ in all_docs]
            vectors = np.vstack(parts) if parts else np.zeros((0, current.dim), dtype=np.float32)
            _write(target, all_docs, vectors, current.model_name, approximate_from, dim=current.dim)
            return cls._open(target), WriteResult(added, unchanged, replaced, [])

    @classmethod
    def remove(
        cls, path: str | Path, key: str, approximate_from: int = dense.APPROXIMATE_FROM
    ) -> tuple[PassageIndex, WriteResult]:
        """Remove one document; the others keep their vectors (nothing is embedded)."""
        target = Path(path)
        with _writing(target):
            current = cls._open(target)
            keys = [d.key for d in current.documents]
            if key not in keys:
                raise IndexBuildError(
                    f"{path}: no document {key!r} in this index; it holds: {', '.join(keys) or 'nothing'}"
                )
            kept = [(d, _passages_of(current, d.key)) for d in current.documents if d.key != key]
            dim = current.dim
            parts = [_vectors_of(current, d.key) for d, _ in kept]
            vectors = np.vstack(parts) if parts else np.zeros((0, dim), dtype=np.float32)
            _write(target, kept, vectors, current.model_name, approximate_from, dim=dim)
            return cls._open(target), WriteResult([], [], [], [key])


# -- helpers: documents and vectors -----------------------------------------------------------
def _unique_documents(docs: list[DocumentPassages]) -> list[DocumentPassages]:
    seen: dict[str, int] = {}
    out: list[DocumentPassages] = []
    for info, passages in docs:
        if info.key in seen:  # the same document given twice: the last one wins
            out[seen[info.key]] = (info, passages)
            continue
        seen[info.key] = len(out)
        out.append((info, list(passages)))
    ids: set[str] = set()
    for info, passages in out:
        for p in passages:
            if p.doc != info.key:
                raise IndexBuildError(f"passage {p.id!r} belongs to {p.doc!r}, not to document {info.key!r}")
            if p.id in ids:
                raise IndexBuildError(f"passage id {p.id!r} appears twice; passage ids must be unique")
            ids.add(p.id)
    return out


def _passages_of(index: PassageIndex, key: str) -> list[Passage]:
    return [index.passages[i] for i in index._doc_positions.get(key, [])]


def _vectors_of(index: PassageIndex, key: str) -> np.ndarray:
    positions = index._doc_positions.get(key, np.zeros(0, dtype=np.int64))
    if len(positions) == 0:
        return np.zeros((0, index.dim), dtype=np.float32)
    return index._faiss.reconstruct_batch(positions)


def _embed(embedder: Embedder, texts: list[str], progress: bool) -> np.ndarray:
    bar = _Progress(len(texts), progress)
    try:
        return embedder.encode_passages(texts, on_progress=bar.update)
    except ValueError as exc:
        raise IndexBuildError(str(exc)) from exc
    finally:
        bar.close()


# -- atomic writing ---------------------------------------------------------------------------
def _tmp_prefix(target: Path) -> str:
    return f".{target.name}.tmp-"


def _old_prefix(target: Path) -> str:
    return f".{target.name}.old-"


def _recover_interrupted_swap(target: Path, locked: bool = False) -> None:
    """A write killed between its two renames leaves only the old folder: put it back.

    Done under the write lock (unless the caller holds it), so a reader never undoes the swap of
    a writer that is between its renames.
    """
    if target.exists() or not target.parent.is_dir():
        return
    if not any(target.parent.glob(_old_prefix(target) + "*")):
        return
    if not locked:
        try:
            with _write_lock(target, wait=30.0):
                _recover_interrupted_swap(target, locked=True)
            return
        except (IndexBuildError, OSError):
            pass  # a read-only folder or a writer that holds on: try without the lock
    olds = sorted(target.parent.glob(_old_prefix(target) + "*"), key=_mtime)
    if olds and not target.exists():
        try:
            os.rename(olds[-1], target)
        except OSError:
            pass


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@contextmanager
def _write_lock(target: Path, wait: float = 0.0) -> Iterator[None]:
    lock_path = target.parent / f".{target.name}.lock"
    with open(lock_path, "a") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexBuildError(
                        f"{target}: another build is writing this index; wait for it to finish"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """Hold the write lock for a whole build, add or remove (reading, embedding and writing), after
    putting back an interrupted swap and clearing what killed writes left behind."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexBuildError(f"{target.parent}: cannot create the folder ({exc.strerror})") from exc
    if target.exists() and not target.is_dir():
        raise IndexBuildError(f"{target}: exists and is not an index folder; choose another --out")
    try:
        lock = _write_lock(target)
        lock.__enter__()
    except OSError as exc:
        raise IndexBuildError(f"{target.parent}: cannot write here ({exc.strerror or exc})") from exc
    try:
        _recover_interrupted_swap(target, locked=True)
        for stale in [*target.parent.glob(_tmp_prefix(target) + "*"), *target.parent.glob(_old_prefix(target) + "*")]:
            shutil.rmtree(stale, ignore_errors=True)  # left by a killed write; we hold the lock
        yield
    finally:
        lock.__exit__(None, None, None)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(root: Path) -> None:
    """Every file and folder under root on disk before the swap (bm25s writes without fsync)."""
    for folder, _, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(folder))


def _swap_in(tmp: Path, target: Path) -> None:
    if target.exists():
        old = target.parent / f"{_old_prefix(target)}{os.getpid()}-{uuid.uuid4().hex[:8]}"
        os.rename(target, old)
        try:
            os.rename(tmp, target)
        except OSError:
            os.rename(old, target)  # put the previous index back before reporting
            raise
        _fsync_dir(target.parent)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, target)
    _fsync_dir(target.parent)


def _write_atomically(target: Path, fill: Callable[[Path], None]) -> None:
    """Fill a new folder beside target and swap it in; the caller holds the write lock."""
    tmp = target.parent / f"{_tmp_prefix(target)}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir()
        fill(tmp)
        _fsync_tree(tmp)
        _swap_in(tmp, target)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        reason = "no space left on device" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise IndexBuildError(
            f"{target}: could not write the index ({reason}); the previous index is unchanged"
        ) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _write(
    target: Path,
    docs: list[DocumentPassages],
    vectors: np.ndarray,
    model_name: str,
    approximate_from: int,
    dim: int | None = None,
) -> None:
    import faiss

    passages = [p for _, ps in docs for p in ps]
    if len(vectors) != len(passages):
        raise IndexBuildError(f"{len(vectors)} vectors for {len(passages)} passages")
    dim = int(vectors.shape[1]) if vectors.ndim == 2 and vectors.shape[1] else int(dim or get_embedder(model_name).dim)
    vectors = np.ascontiguousarray(vectors.reshape(len(passages), dim), dtype=np.float32)
    faiss_index, dense_info = dense.build(vectors, dense.choose_kind(len(passages), approximate_from))
    bm25_model = sparse.build([p.text for p in passages]) if passages else None

    def fill(tmp: Path) -> None:
        lines = "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in passages)
        _write_file(tmp / PASSAGES, lines.encode("utf-8"))
        _write_file(tmp / VECTORS, faiss.serialize_index(faiss_index).tobytes())
        (tmp / BM25_DIR).mkdir()
        if bm25_model is not None:
            sparse.save(bm25_model, str(tmp / BM25_DIR))
        files = {}
        for f in sorted(p for p in tmp.rglob("*") if p.is_file()):
            rel = f.relative_to(tmp).as_posix()
            size = f.stat().st_size
            files[rel] = {"size": size, "sha256": _sha256(f) if size <= HASH_LIMIT else None}
        manifest = {
            "format_version": FORMAT_VERSION,
            "model": model_name,
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
            "libraries": _library_versions(),
            "files": files,
        }
        _write_file(tmp / MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))

    _write_atomically(target, fill)


# -- validated reading ------------------------------------------------------------------------
def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IndexLoadError(path, "file is missing") from None
    except IsADirectoryError:
        raise IndexLoadError(path, "is a folder, expected a file") from None
    except PermissionError:
        raise IndexLoadError(path, "file cannot be read (permission denied)") from None
    except OSError as exc:
        raise IndexLoadError(path, f"file cannot be read ({exc.strerror})") from None


def _read_manifest(path: Path) -> dict:
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
    for rel, entry in manifest["files"].items():
        if not isinstance(entry, dict) or Path(rel).is_absolute() or ".." in Path(rel).parts:
            raise IndexLoadError(file, f"has an invalid entry for file {rel!r}")
    return manifest


def _check_files(path: Path, manifest: dict) -> None:
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
                actual = _sha256(file)
            except OSError as exc:
                raise IndexLoadError(file, f"file cannot be read ({exc.strerror or exc})") from None
            if actual != expected["sha256"]:
                raise IndexLoadError(file, "content does not match its checksum in the manifest (damaged or edited)")


def _read_passages(file: Path, expected: int) -> list[Passage]:
    raw = _read_bytes(file)
    passages = []
    try:
        # Only "\n" ends a record: str.splitlines() would also cut at U+2028, U+2029 and NEL,
        # which json.dumps(ensure_ascii=False) leaves unescaped inside passage texts.
        for line in raw.decode("utf-8").split("\n"):
            if line.strip():
                passages.append(Passage.from_dict(json.loads(line)))
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
        raise IndexLoadError(file, f"line {len(passages) + 1} is not a valid passage (damaged)") from None
    if len(passages) != expected:
        raise IndexLoadError(file, f"holds {len(passages)} passages, the manifest says {expected}")
    return passages


def _check_passages(file: Path, passages: list[Passage], manifest: dict) -> None:
    keys = {d["key"] for d in manifest["documents"]}
    ids: set[str] = set()
    for n, p in enumerate(passages, start=1):
        if not isinstance(p.id, str) or not isinstance(p.text, str):
            raise IndexLoadError(file, f"line {n} is not a valid passage (damaged)")
        if p.doc not in keys:
            raise IndexLoadError(file, f"line {n}: passage {p.id!r} belongs to {p.doc!r}, a document the manifest does not list")
        if p.id in ids:
            raise IndexLoadError(file, f"line {n}: passage id {p.id!r} appears twice")
        ids.add(p.id)


def _read_faiss(file: Path, manifest: dict):
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


def _read_bm25(folder: Path, n_passages: int):
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
