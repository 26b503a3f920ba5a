"""A separate process that builds a synthetic index, to be killed at random moments.

usage: python build_worker.py INDEX_DIR N_PASSAGES VERSION
The hashing embedder stands in for the model so the process spends its time where a kill can hurt:
building BM25 and FAISS, writing files and swapping folders.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "index"))

from synthetic import HashingEmbedder, make_doc  # noqa: E402

import index.store  # noqa: E402


def main(target: str, n: int, version: str) -> None:
    fake = HashingEmbedder()
    index.store.get_embedder = lambda model=None, encoder=None: fake
    docs = [make_doc(f"D/{d}", n // 4, version=version) for d in range(4)]
    index.store.PassageIndex.build(target, docs, progress=False)
    print("built", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
