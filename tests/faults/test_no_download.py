"""Nothing is downloaded: the bundled model loads and encodes with every network path refused.

Each check runs in a fresh process (no model or hub state cached by earlier tests), with the
offline variables removed from its environment and an empty Hugging Face home, so only what the
code itself does keeps it off the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

SOCKET_GUARD = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network access attempted: " + repr(args[1:] or args))

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    """
)

ENCODE = textwrap.dedent(
    """
    import numpy as np
    from index.embedding import Embedder

    embedder = Embedder()
    passages = embedder.encode_passages(["The General Assembly decides to convene a conference."])
    queries = embedder.encode_queries(["Which conference?"])
    assert embedder.encoder.startswith("onnx-"), "the model did not run in ONNX Runtime"
    assert passages.shape == (1, 384) and queries.shape == (1, 384)
    assert abs(float(np.linalg.norm(passages[0])) - 1) < 1e-4
    print("encoded offline")
    """
)

BUILD = textwrap.dedent(
    """
    import sys
    from index.passage import DocumentInfo, Passage
    from index.store import PassageIndex

    info = DocumentInfo("T/1", "/t.txt", "0" * 64)
    passages = [Passage("T/1#1", "T/1", "peace and security"), Passage("T/1#2", "T/1", "climate finance")]
    PassageIndex.build(sys.argv[1], [(info, passages)], progress=False)
    loaded = PassageIndex.load(sys.argv[1])
    [[(best, _), _]] = loaded.dense_search(loaded.encode(["security"]), 2)
    assert loaded.passages[best].id == "T/1#1"
    print("built offline")
    """
)


def _clean_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_", "SENTENCE_TRANSFORMERS"))}
    env["HF_HOME"] = str(tmp_path / "hf-home")  # empty: nothing cached to fall back on
    env["PYTHONPATH"] = str(REPO)
    return env


def test_model_loads_and_encodes_with_sockets_refused(tmp_path):
    script = tmp_path / "guarded.py"
    script.write_text(SOCKET_GUARD + ENCODE)
    run = subprocess.run([sys.executable, str(script)], env=_clean_env(tmp_path), capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "encoded offline" in run.stdout
    assert "network access attempted" not in run.stderr


def test_build_in_a_process_without_any_network(tmp_path):
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-n", "true"], capture_output=True).returncode != 0:
        pytest.fail("`unshare -n` does not work here (needs util-linux and root): this check must run, not skip")
    script = tmp_path / "build.py"
    script.write_text(BUILD)
    run = subprocess.run(
        [unshare, "-n", sys.executable, str(script), str(tmp_path / "index")],
        env=_clean_env(tmp_path), capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "built offline" in run.stdout
