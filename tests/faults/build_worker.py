"""A separate process that writes a synthetic index, to be killed at random moments.

usage: python build_worker.py INDEX_DIR N_PASSAGES VERSION          (build 4 documents)
       python build_worker.py --add INDEX_DIR N_DOCS PASSAGES VERSION (add N_DOCS new documents)
The hashing embedder stands in for the model so the process spends its time where a kill can hurt:
loading the old index, building BM25 and FAISS, writing files and swapping folders.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "index"))

from synthetic import HashingEmbedder, make_doc  # noqa: E402

import index.store  # noqa: E402


def run(args: list[str], kill_after: float | None = None, timeout: float = 600) -> int:
    """Run this worker with args; kill_after seconds: SIGKILL it then (no handler, no cleanup).
    Its exit code (0 when it ran to the end, which is asserted)."""
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_after is None:
        _, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err.decode()
        return 0
    time.sleep(kill_after)
    proc.kill()
    proc.communicate(timeout=60)
    return proc.returncode


def main(target: str, n: int, version: str) -> None:
    docs = [make_doc(f"D/{d}", n // 4, version=version) for d in range(4)]
    index.store.PassageIndex.build(target, docs, progress=False)
    print("built", flush=True)


def add(target: str, n_docs: int, passages: int, version: str) -> None:
    docs = [make_doc(f"ADD/{version}/{d}", passages, version=version) for d in range(n_docs)]
    index.store.PassageIndex.add(target, docs, progress=False)
    print("added", flush=True)


if __name__ == "__main__":
    fake = HashingEmbedder()
    index.store.get_embedder = lambda model=None, encoder=None: fake
    if sys.argv[1] == "--add":
        add(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
