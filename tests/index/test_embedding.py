"""Embedding: the bundled model by its stable name, loaded lazily once per process, unit float32 vectors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from index.embedding import BUILD_ENCODER, DEFAULT_MODEL_NAME, PROBE_TEXTS, canonical_model_name, get_embedder
from index.store import PassageIndex

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("alias", [None, "", "default", "all-MiniLM-L6-v2", DEFAULT_MODEL_NAME])
def test_the_bundled_model_is_recorded_under_one_stable_name(alias):
    assert canonical_model_name(alias) == DEFAULT_MODEL_NAME
    assert get_embedder(alias) is get_embedder(None)  # one model per process, whatever names it


def test_other_models_keep_their_name_or_resolved_path(tmp_path):
    assert canonical_model_name("sentence-transformers/paraphrase-MiniLM-L3-v2") == (
        "sentence-transformers/paraphrase-MiniLM-L3-v2"
    )
    folder = tmp_path / "my-model"
    folder.mkdir()
    assert canonical_model_name(str(folder)) == str(folder.resolve())


def test_importing_the_index_and_the_cli_loads_no_model():
    script = textwrap.dedent(
        """
        import sys
        import index.store, index.embedding, index.dense, index.sparse, ui.cli
        from index.embedding import get_embedder
        get_embedder()  # an Embedder object only: the model loads on first encode
        heavy = [m for m in ("torch", "sentence_transformers", "transformers", "faiss", "bm25s") if m in sys.modules]
        print("heavy:", heavy)
        """
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "heavy: []" in run.stdout


def test_encode_gives_unit_float32_rows_in_one_batch(default_index_dir):
    index = PassageIndex.load(default_index_dir)
    texts = ["Which country hosts the conference?", "A/58/387", "", "peace " * 300]
    vectors = index.encode(texts)
    assert vectors.dtype == np.float32 and vectors.shape == (len(texts), index.dim) == (len(texts), 384)
    assert np.allclose(np.linalg.norm(vectors[[0, 1, 3]], axis=1), 1.0, atol=1e-4)
    assert index.encode([]).shape == (0, 384)
    # one row is the same whether encoded alone or in a batch
    assert np.allclose(index.encode([texts[0]])[0], vectors[0], atol=1e-5)


def test_a_passage_text_as_query_finds_that_passage(default_index_dir):
    """Questions (encoded at query time) and passages (encoded at build time) share one vector space."""
    index = PassageIndex.load(default_index_dir)
    sample = [p for p in index.passages if len(p.text.split()) > 8][:12]
    hits = index.dense_search(index.encode([p.text for p in sample]), k=1)
    positions = {p.id: i for i, p in enumerate(index.passages)}
    for passage, [(position, score)] in zip(sample, hits, strict=True):
        assert index.passages[position].text == passage.text or position == positions[passage.id]
        assert score > 0.99


def test_build_encoding_keeps_the_input_order():
    """Passages are embedded longest first (less padding); each row must still be its own text's vector."""
    embedder = get_embedder()
    texts = [f"clause {i} " + "development cooperation " * (i * 7 % 23) for i in range(150)]
    seen: list[int] = []
    vectors = embedder.encode_passages(texts, batch_size=8, on_progress=seen.append)
    assert vectors.shape == (150, 384) and vectors.dtype == np.float32
    assert sum(seen) == 150 and len(seen) > 1  # progress reported chunk by chunk
    one_by_one = embedder.encode_queries(texts)
    assert np.abs(vectors - one_by_one).max() < 1e-4


# -- which encoder: recorded at build, followed at query time, checked against the stored probes ----------
def _copy(index_dir: Path, tmp_path: Path) -> Path:
    import shutil

    out = tmp_path / "index"
    shutil.copytree(index_dir, out)
    return out


def _edit_manifest(folder: Path, change) -> None:
    import json

    manifest = json.loads((folder / "manifest.json").read_text())
    change(manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_an_index_records_the_encoder_that_built_it_and_is_queried_by_it(default_index_dir):
    index = PassageIndex.load(default_index_dir)
    assert index.manifest["encoder"]["name"] == index.build_encoder == BUILD_ENCODER
    assert [p["text"] for p in index.manifest["encoder"]["probes"]] == list(PROBE_TEXTS)
    assert index._embedder.encoder == BUILD_ENCODER  # noqa: SLF001


def test_an_index_built_by_torch_is_queried_by_onnx_fp32_whose_vectors_agree(tmp_path):
    from index.passage import DocumentInfo, Passage

    info = DocumentInfo("T/1", "/t.txt", "0" * 64)
    passages = [Passage("T/1#1", "T/1", "peace and security"), Passage("T/1#2", "T/1", "climate finance")]
    PassageIndex.build(tmp_path / "i", [(info, passages)], progress=False, encoder="torch")
    index = PassageIndex.load(tmp_path / "i")
    assert index.build_encoder == "torch" and index._embedder.encoder == "onnx-fp32"  # noqa: SLF001
    [[(best, score), _]] = index.dense_search(index.encode(["security"]), 2)  # passes the probe check
    assert index.passages[best].id == "T/1#1"


def test_an_index_whose_vectors_the_query_encoder_does_not_reproduce_is_refused(default_index_dir, tmp_path):
    from index.embedding import probe_record
    from index.errors import IndexLoadError

    folder = _copy(default_index_dir, tmp_path)
    other = probe_record(get_embedder())  # real vectors, but of other sentences than the probes say
    texts = [p["text"] for p in other["probes"]]
    for probe, text in zip(other["probes"], texts[1:] + texts[:1], strict=True):
        probe["text"] = text
    _edit_manifest(folder, lambda m: m.update(encoder=other))
    index = PassageIndex.load(folder)  # loading alone loads no model
    with pytest.raises(IndexLoadError) as caught:
        index.encode(["Which country hosts the conference?"])
    message = str(caught.value)
    assert "does not reproduce" in message and "rebuild it with: resolution-qa index build" in message
    assert "\n" not in message
    run = subprocess.run([sys.executable, "-c", "from ui.cli import main; main()", "ask", "Which country?",
                          "--index", str(folder)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "does not reproduce" in run.stderr and "Traceback" not in run.stderr


def test_an_index_from_an_encoder_this_program_lacks_is_a_one_line_error(default_index_dir, tmp_path):
    from index.errors import IndexLoadError

    folder = _copy(default_index_dir, tmp_path)
    _edit_manifest(folder, lambda m: m["encoder"].update(name="numpy"))
    with pytest.raises(IndexLoadError, match="unknown encoder 'numpy'.*rebuild it with"):
        PassageIndex.load(folder)


def test_a_model_the_runtime_cannot_export_falls_back_to_torch_with_a_one_line_notice(monkeypatch, tmp_path, capsys):
    import index.onnx_cache
    from index.embedding import Embedder
    from index.onnx_export import ExportError

    def refuses(location, dest):
        raise ExportError("the model has no fast (tokenizer.json) tokenizer")

    monkeypatch.setenv("RESOLUTION_QA_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(index.onnx_cache, "export_model", refuses)
    embedder = Embedder(encoder="onnx-int8")
    vectors = embedder.encode_queries(["Which country hosts the conference?"])
    assert embedder.encoder == "torch" and vectors.shape == (1, 384)
    notices = [line for line in capsys.readouterr().err.splitlines() if "cannot run in ONNX Runtime" in line]
    assert len(notices) == 1 and "no fast" in notices[0] and "sentence-transformers (torch) instead" in notices[0]


def test_answering_a_question_imports_no_torch(default_index_dir):
    """The CLI's cold start: the query path runs in ONNX Runtime, never importing torch."""
    script = textwrap.dedent(
        f"""
        import sys
        from index.store import PassageIndex
        index = PassageIndex.load({str(default_index_dir)!r})
        assert index.encode(["Which country hosts the conference?"]).shape == (1, 384)
        print("heavy:", [m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules])
        """
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "heavy: []" in run.stdout
