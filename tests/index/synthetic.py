"""Small synthetic corpora and a fast, deterministic stand-in for the embedding model.

The store's logic (layout, validation, atomic swaps, add/remove) does not depend on which model
made the vectors; a hashed bag-of-words embedder keeps those tests fast while still giving
meaningful nearest neighbours (texts sharing words are close). The real model is exercised by the
round-trip, CLI and no-download tests.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

import numpy as np

from index.embedding import DEFAULT_MODEL_NAME
from index.passage import DocumentInfo, Passage

DIM = 384
WORDS = (
    "assembly council decides requests welcomes conference development climate water health "
    "education peace security rights women children trade finance energy ocean forest refugees "
    "migration disarmament nuclear sanctions mission report secretary general member states "
    "cooperation sustainable poverty hunger gender equality justice law court treaty protocol "
    "convention budget programme agency fund commission committee session resolution paragraph"
).split()


def _bucket(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=4).digest(), "little") % DIM


class HashingEmbedder:
    """Unit-length hashed bag-of-words vectors; records every text it embeds."""

    name = DEFAULT_MODEL_NAME
    dim = DIM

    def __init__(self) -> None:
        self.passage_texts: list[str] = []
        self.query_texts: list[str] = []

    def vectors(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, _bucket(word)] += 1.0
            out[i, _bucket("\x00" + text)] += 0.05  # distinct texts never share a vector exactly
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out

    def encode_passages(
        self, texts: list[str], batch_size: int = 32, on_progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        self.passage_texts.extend(texts)
        if on_progress is not None and texts:
            on_progress(len(texts))
        return self.vectors(list(texts))

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        self.query_texts.extend(texts)
        return self.vectors(list(texts))


def make_doc(key: str, n: int, seed: int = 0, version: str = "v1") -> tuple[DocumentInfo, list[Passage]]:
    """A document of n passages with random-word texts (reproducible from key, seed and version)."""
    rng = random.Random(f"{key}/{seed}/{version}")
    passages = [
        Passage(
            id=f"{key}#p{i}",
            doc=key,
            text=" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))) + f" {key.lower()} item{i}",
            meta={"n": i, "version": version},
        )
        for i in range(n)
    ]
    sha = hashlib.sha256("\n".join(p.text for p in passages).encode()).hexdigest()
    return DocumentInfo(key=key, source=f"/corpus/{key.replace('/', '_')}.txt", sha256=sha, meta={"title": key}), passages


def make_docs(sizes: dict[str, int], seed: int = 0) -> list[tuple[DocumentInfo, list[Passage]]]:
    return [make_doc(key, n, seed) for key, n in sizes.items()]


QUERIES = [
    "climate conference development",
    "security council sanctions mission",
    "rights of women and children",
    "nuclear disarmament treaty protocol",
    "budget of the programme fund",
    "a/x/1 item3",
]
