"""PassageIndex: dense + BM25 over passages, kept in one folder, written atomically, validated on load.

The API (load, build, add, remove, search) lives here; the folder's format and its checks in
index.disk_format, the lock-and-swap that makes every write atomic in index.atomic. It stays one
module past 400 lines because it is one job: each write path (build, build_from_vectors, add,
remove) reads as a whole, beside the searches they feed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

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
from index.selection import DocumentRanges, Selection

__all__ = ["PassageIndex", "WriteResult", "ProgressBar", "DocumentFilter", "MANIFEST", "PASSAGES", "VECTORS",
           "BM25_DIR", "FORMAT_VERSION"]

# A search filter: one document key, a collection of keys, or None for the whole index.
DocumentFilter = str | Iterable[str] | None


@dataclass(frozen=True)
class WriteResult:
    added: list[str]
    unchanged: list[str]
    replaced: list[str]
    removed: list[str]
    embedded: int = field(default=0, compare=False)  # passages embedded by this write


class ProgressBar(Protocol):
    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


# `progress` of build/add: True (a tqdm bar on a terminal), False, or a factory called with the
# number of passages to embed (the CLI's: plain lines when the output is piped).
Progress = bool | Callable[[int], ProgressBar]


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
        # Built once here, so a question's filter costs its documents, not a pass over the index.
        self.ranges = DocumentRanges(p.doc for p in passages)
        self._vectors = dense.stored_vectors(faiss_index)  # a view of FAISS's own storage
        self._vectors.flags.writeable = False
        self._scorer = sparse.Scorer(bm25_model, len(passages))
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

    @property
    def build_id(self) -> str:
        """Changes with every write (build, add, remove): what a server compares to see a new index."""
        return str(self.manifest.get("build_id") or self.manifest.get("built_at") or "")

    @property
    def built_at(self) -> str:
        return str(self.manifest.get("built_at") or "")

    @property
    def vectors(self) -> np.ndarray:
        """Every passage's vector (row i: passage i), a read-only view of FAISS's own storage."""
        return self._vectors

    @property
    def bm25_nbytes(self) -> int:
        """Memory held by the BM25 score matrix (its arrays)."""
        return self._scorer.nbytes

    def bm25_postings(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """BM25's vocabulary (token -> id) and postings: the passages holding token t are
        indices[indptr[t]:indptr[t + 1]] (sorted positions). Read-only views of the loaded arrays,
        so a caller learns each passage's distinct tokens (index.sparse.tokenize of its text)
        without tokenizing again."""
        if self._bm25 is None:
            return {}, np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32)
        scores = self._bm25.scores
        indptr, indices = scores["indptr"].view(), scores["indices"].view()
        indptr.flags.writeable = indices.flags.writeable = False
        return self._bm25.vocab_dict, indptr, indices

    @property
    def skipped(self) -> list[dict]:
        """Source files the writes left out, [{"path", "reason"}] (the manifest's `skipped`)."""
        return list(self.manifest.get("skipped") or [])

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

    def select(self, doc: DocumentFilter) -> Selection | None:
        """The positions a filter allows (see index.selection); None for no filter."""
        return self.ranges.select(doc)

    def dense_search(self, query_vectors: np.ndarray, k: int, doc: DocumentFilter = None) -> list[list[tuple[int, float]]]:
        """Top-k (position, cosine) per query vector; doc: one key, a collection of keys, or None."""
        return dense.search(self._faiss, np.asarray(query_vectors, dtype=np.float32), k, self.select(doc),
                            vectors=self._vectors)

    def bm25_search(self, queries: list[str], k: int, doc: DocumentFilter = None) -> list[list[tuple[int, float]]]:
        """Top-k (position, BM25 score) per query; doc as for dense_search."""
        selection = self.select(doc)
        return [self._scorer.search(q, k, selection) for q in queries]

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
        progress: Progress = True,
        approximate_from: int = dense.APPROXIMATE_FROM,
        encoder: str | None = None,
        skipped: Iterable[dict] = (),
    ) -> PassageIndex:
        """A new index of documents at path, replacing what was there only once it is complete.

        encoder: an index.embedding encoder name (default: index.embedding.BUILD_ENCODER).
        skipped: the source files left out, [{"path", "reason"}], recorded in the manifest."""
        target = Path(path)
        docs = _unique_documents(list(documents))
        with writing(target):
            embedder = get_embedder(model, encoder)
            texts = [p.text for _, ps in docs for p in ps]
            vectors = _embed(embedder, texts, progress)
            dim = int(vectors.shape[1]) if vectors.ndim == 2 and vectors.shape[1] else embedder.dim
            write_folder(target, docs, vectors, embedder.name, approximate_from, dim=dim,
                         encoder=probe_record(embedder), skipped=list(skipped))
            return cls._open(target)

    @classmethod
    def build_from_vectors(
        cls,
        path: str | Path,
        documents: Iterable[DocumentPassages],
        vectors: np.ndarray,
        model: str | None = None,
        approximate_from: int = dense.APPROXIMATE_FROM,
        skipped: Iterable[dict] = (),
        encoder: dict | None = None,
    ) -> PassageIndex:
        """A new index whose vectors are given (one row per passage, in order), embedding nothing:
        for copying or re-arranging an index whose passages were embedded before.
        encoder: the probe record of the encoder that embedded them (the source index's manifest)."""
        target = Path(path)
        docs = _unique_documents(list(documents))
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise IndexBuildError(f"vectors of shape {vectors.shape}: one row per passage expected")
        with writing(target):
            write_folder(target, docs, vectors, canonical_model_name(model), approximate_from,
                         dim=int(vectors.shape[1]), encoder=encoder, skipped=list(skipped))
            return cls._open(target)

    @classmethod
    def add(
        cls,
        path: str | Path,
        documents: Iterable[DocumentPassages],
        progress: Progress = True,
        approximate_from: int = dense.APPROXIMATE_FROM,
        skipped: Iterable[dict] = (),
    ) -> tuple[PassageIndex, WriteResult]:
        """Add documents to an existing index, embedding only new passages.

        A document whose sha256 is already there changes nothing; one with the same key and new
        content replaces the old version. skipped: the source files this add left out; they join
        the manifest's list, from which the files now given (indexed or skipped again) drop out.
        """
        target = Path(path)
        given = _unique_documents(list(documents))
        skipped = list(skipped)
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
            all_skipped = _merge_skipped(current.skipped, skipped, [info.source for info, _ in given])
            if not new_docs and all_skipped == current.skipped:
                return current, WriteResult([], unchanged, [], [])
            # A replaced document keeps its place, new ones go at the end: the result is the index
            # a build of the same documents in the same order would give.
            all_docs = [new_docs.get(d.key) or (d, _passages_of(current, d.key)) for d in current.documents]
            all_docs += [doc for key, doc in new_docs.items() if key not in known]
            _unique_documents(all_docs)  # passage ids must stay unique across old and new documents
            current.check_encoder()  # new vectors must agree with the stored ones
            new_texts = [p.text for _, ps in new_docs.values() for p in ps]
            embedded = _embed(current._embedder, new_texts, progress) if new_texts else None
            fresh, row = {}, 0
            for key, (_, ps) in new_docs.items():
                fresh[key] = embedded[row : row + len(ps)] if embedded is not None else None
                row += len(ps)
            parts = [fresh[d.key] if d.key in fresh else _vectors_of(current, d.key) for d, _ in all_docs]
            parts = [p if p is not None else np.zeros((0, current.dim), dtype=np.float32) for p in parts]
            vectors = np.concatenate(parts) if parts else np.zeros((0, current.dim), dtype=np.float32)
            write_folder(target, all_docs, vectors, current.model_name, approximate_from, dim=current.dim,
                         encoder=probe_record(current._embedder), skipped=all_skipped)
            return cls._open(target), WriteResult(added, unchanged, replaced, [], embedded=len(new_texts))

    @classmethod
    def remove(
        cls, path: str | Path, keys: str | Iterable[str], approximate_from: int = dense.APPROXIMATE_FROM
    ) -> tuple[PassageIndex, WriteResult]:
        """Remove documents (one key or several); the others keep their vectors (nothing is
        embedded). A key the index does not hold is an error and nothing is removed."""
        target = Path(path)
        wanted = [keys] if isinstance(keys, str) else list(dict.fromkeys(keys))
        with writing(target):
            current = cls._open(target)
            held = [d.key for d in current.documents]
            held_set = set(held)
            missing = [k for k in wanted if k not in held_set]
            if missing:
                shown = ", ".join(repr(k) for k in missing)
                listed = ", ".join(held[:20]) + (f" … ({len(held)} in all)" if len(held) > 20 else "")
                raise IndexBuildError(
                    f"{path}: no document{'s' if len(missing) > 1 else ''} {shown} in this index; "
                    f"it holds: {listed or 'nothing'}"
                )
            if not wanted:
                raise IndexBuildError(f"{path}: no document to remove was given")
            gone = set(wanted)
            kept = [(d, _passages_of(current, d.key)) for d in current.documents if d.key not in gone]
            dim = current.dim
            parts = [_vectors_of(current, d.key) for d, _ in kept]
            vectors = np.concatenate(parts) if parts else np.zeros((0, dim), dtype=np.float32)
            write_folder(target, kept, vectors, current.model_name, approximate_from, dim=dim,
                         encoder=current.manifest.get("encoder"), skipped=current.skipped)
            return cls._open(target), WriteResult([], [], [], wanted)


# -- helpers: documents and vectors -----------------------------------------------------------
def _unique_documents(docs: list[DocumentPassages]) -> list[DocumentPassages]:
    seen: dict[str, int] = {}
    out: list[DocumentPassages] = []
    for info, passages in docs:
        if info.key in seen:  # the same document given twice: the last one wins (callers decide before)
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


def _merge_skipped(previous: list[dict], now: list[dict], given_sources: list[str]) -> list[dict]:
    """The manifest's skipped files after a write: the earlier ones not given again, then these."""
    again = {s["path"] for s in now} | set(given_sources)
    return [s for s in previous if s.get("path") not in again] + now


def _passages_of(index: PassageIndex, key: str) -> list[Passage]:
    start, end = index.ranges.range(key)
    return index.passages[start:end]


def _vectors_of(index: PassageIndex, key: str) -> np.ndarray:
    start, end = index.ranges.range(key)
    return index._vectors[start:end]  # a view; the writer copies it into the new index


def _embed(embedder: Embedder, texts: list[str], progress: Progress) -> np.ndarray:
    bar = progress(len(texts)) if callable(progress) else _Progress(len(texts), bool(progress))
    try:
        return embedder.encode_passages(texts, on_progress=bar.update)
    except ValueError as exc:
        raise IndexBuildError(str(exc)) from exc
    finally:
        bar.close()
