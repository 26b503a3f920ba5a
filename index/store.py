"""PassageIndex: dense + BM25 over passages, kept in one folder, written atomically, validated on load.

The API (load, build, add, remove, search) lives here; the folder's format and its checks in
index.disk_format, the lock-and-swap that makes every write atomic in index.atomic.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index import dense, sparse
from index.atomic import recover_interrupted_swap, writing
from index.disk_format import (
    BM25_DIR,
    FORMAT_VERSION,
    MANIFEST,
    PASSAGES,
    VECTORS,
    DocumentPassages,
    check_files,
    check_passages,
    read_bm25,
    read_faiss,
    read_manifest,
    read_passages,
    write_folder,
)
from index.embedding import (
    MIN_AGREEMENT,
    Embedder,
    canonical_model_name,
    disagreement,
    get_embedder,
    probe_record,
    query_encoder_for,
)
from index.errors import IndexBuildError, IndexLoadError
from index.passage import DocumentInfo, Passage

__all__ = ["PassageIndex", "WriteResult", "MANIFEST", "PASSAGES", "VECTORS", "BM25_DIR", "FORMAT_VERSION"]


@dataclass(frozen=True)
class WriteResult:
    added: list[str]
    unchanged: list[str]
    replaced: list[str]
    removed: list[str]


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

    @property
    def build_encoder(self) -> str:
        """The encoder that embedded the passages ("torch" for indexes from before it was recorded)."""
        return (self.manifest.get("encoder") or {}).get("name") or "torch"

    # -- query ------------------------------------------------------------------------------
    def encode(self, texts: list[str]) -> np.ndarray:
        """Normalized float32 query vectors, one batch for all texts."""
        if not self._dim_checked and texts:
            self.check_encoder()
        vectors = self._embedder.encode_queries(list(texts))
        if len(vectors):
            self._check_width(vectors.shape[1])
        return vectors

    def _check_width(self, width: int) -> None:
        if width != self.dim:
            raise IndexLoadError(
                self.path / MANIFEST,
                f"model {self.model_name} gives {width}-dimensional vectors but the index holds {self.dim}-dimensional ones",
            )

    def check_encoder(self) -> None:
        """The query encoder must give this index's vectors: the dimension, and the probe sentences'
        vectors the build stored (index.embedding.disagreement). Checked once, on first use."""
        self._dim_checked = True
        self._check_width(self._embedder.dim)
        lowest = disagreement(self._embedder, self.manifest.get("encoder"))
        if lowest is not None:
            self._dim_checked = False
            raise IndexLoadError(
                self.path / MANIFEST,
                f"was embedded by encoder {self.build_encoder}, whose vectors this program's encoder "
                f"{getattr(self._embedder, 'encoder', '?')} does not reproduce (cosine {lowest:.3f} < {MIN_AGREEMENT} "
                "on the probe sentences); rebuild it with: resolution-qa index build PATH...",
            )

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
        recover_interrupted_swap(path)
        return cls._open(path, model)

    @classmethod
    def _open(cls, path: Path, model: str | None = None) -> PassageIndex:
        if not path.is_dir():
            raise IndexLoadError(path, "no index folder here")
        manifest = read_manifest(path)
        if model is not None and canonical_model_name(model) != manifest["model"]:
            raise IndexLoadError(
                path / MANIFEST,
                f"the index was built with model {manifest['model']}, not {canonical_model_name(model)}",
            )
        check_files(path, manifest)
        tokenizer = (manifest.get("bm25") or {}).get("tokenizer")
        if tokenizer != sparse.TOKENIZER:
            raise IndexLoadError(
                path / MANIFEST,
                f"BM25 tokens were made by tokenizer {tokenizer or 'words+symbols-1'!r}, "
                f"this program uses {sparse.TOKENIZER!r}",
            )
        passages = read_passages(path / PASSAGES, int(manifest["passage_count"]))
        check_passages(path / PASSAGES, passages, manifest)
        faiss_index = read_faiss(path / VECTORS, manifest)
        bm25_model = read_bm25(path / BM25_DIR, len(passages))
        built_by = (manifest.get("encoder") or {}).get("name")
        try:
            embedder = get_embedder(manifest["model"], query_encoder_for(built_by))
        except ValueError as error:  # an encoder this program does not have
            raise IndexLoadError(path / MANIFEST, f"{error}; rebuild it with: resolution-qa index build PATH...") from None
        return cls(path, manifest, passages, faiss_index, bm25_model, embedder)

    # -- write ------------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        path: str | Path,
        documents: Iterable[DocumentPassages],
        model: str | None = None,
        progress: bool = True,
        approximate_from: int = dense.APPROXIMATE_FROM,
        encoder: str | None = None,
    ) -> PassageIndex:
        """A new index of documents at path, replacing what was there only once it is complete.
        encoder: an index.embedding encoder name (default: index.embedding.BUILD_ENCODER)."""
        target = Path(path)
        docs = _unique_documents(list(documents))
        with writing(target):
            embedder = get_embedder(model, encoder)
            texts = [p.text for _, ps in docs for p in ps]
            vectors = _embed(embedder, texts, progress)
            dim = int(vectors.shape[1]) if vectors.ndim == 2 and vectors.shape[1] else embedder.dim
            write_folder(target, docs, vectors, embedder.name, approximate_from, dim=dim,
                         encoder=probe_record(embedder))
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
        with writing(target):
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
            current.check_encoder()  # new vectors must agree with the stored ones
            new_texts = [p.text for _, ps in new_docs.values() for p in ps]
            new_vectors = iter(np.split(
                _embed(current._embedder, new_texts, progress),
                np.cumsum([len(ps) for _, ps in new_docs.values()])[:-1],
            ))
            fresh = {key: next(new_vectors) for key in new_docs}
            parts = [fresh[d.key] if d.key in fresh else _vectors_of(current, d.key) for d, _ in all_docs]
            vectors = np.vstack(parts) if parts else np.zeros((0, current.dim), dtype=np.float32)
            write_folder(target, all_docs, vectors, current.model_name, approximate_from, dim=current.dim,
                         encoder=probe_record(current._embedder))
            return cls._open(target), WriteResult(added, unchanged, replaced, [])

    @classmethod
    def remove(
        cls, path: str | Path, key: str, approximate_from: int = dense.APPROXIMATE_FROM
    ) -> tuple[PassageIndex, WriteResult]:
        """Remove one document; the others keep their vectors (nothing is embedded)."""
        target = Path(path)
        with writing(target):
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
            write_folder(target, kept, vectors, current.model_name, approximate_from, dim=dim,
                         encoder=current.manifest.get("encoder"))
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
