"""The ONNX export cache: found again without exporting, keyed by the model's files, written atomically,
and a model that cannot be exported is remembered. The export itself is faked here (it is real in
test_onnx_export.py): these tests are about where files go and when an export runs."""

from __future__ import annotations

import json

import pytest

import index.onnx_cache as onnx_cache
from index.onnx_export import META, ExportError


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(onnx_cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "onnx"


@pytest.fixture
def model(tmp_path):
    folder = tmp_path / "model"
    (folder / "1_Pooling").mkdir(parents=True)
    (folder / "config.json").write_text('{"model_type": "bert"}')
    (folder / "1_Pooling" / "config.json").write_text('{"pooling_mode_mean_tokens": true}')
    (folder / "model.safetensors").write_bytes(b"\0" * (onnx_cache.SMALL_FILE + 1))  # large: stat only
    return folder


@pytest.fixture
def exports(monkeypatch):
    """Counts the exports; each writes a meta.json into its scratch folder."""
    calls: list[str] = []

    def fake_export(location, dest):
        calls.append(location)
        (dest / META).write_text(json.dumps({"recipe": 0, "max_seq_length": 8}))
        return {}

    monkeypatch.setattr(onnx_cache, "export_model", fake_export)
    return calls


def test_the_cache_is_under_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(onnx_cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert onnx_cache.cache_root() == tmp_path / "xdg" / "resolution-qa" / "onnx"


def test_a_model_is_exported_once_then_found_in_the_cache(cache, model, exports, capsys):
    first = onnx_cache.exported(model)
    assert first.parent == cache and (first / META).is_file()
    assert "exporting the embedding model to ONNX once" in capsys.readouterr().err
    assert onnx_cache.exported(model) == first
    assert len(exports) == 1 and capsys.readouterr().err == ""
    assert [p.name for p in cache.iterdir()] == [first.name]  # no scratch folder left beside it


@pytest.mark.parametrize("change", ["small file content", "large file size", "new file"])
def test_a_changed_model_gets_a_new_export(cache, model, exports, change):
    before = onnx_cache.exported(model)
    if change == "small file content":
        (model / "1_Pooling" / "config.json").write_text('{"pooling_mode_cls_token": true}')
    elif change == "large file size":
        with open(model / "model.safetensors", "ab") as fh:
            fh.write(b"\1")
    else:
        (model / "2_Dense").mkdir()
        (model / "2_Dense" / "config.json").write_text("{}")
    after = onnx_cache.exported(model)
    assert after != before and len(exports) == 2


def test_an_interrupted_export_leaves_nothing_that_would_be_used(cache, model, monkeypatch):
    def dies(location, dest):
        (dest / "fp32.onnx").write_bytes(b"half")
        raise KeyboardInterrupt

    monkeypatch.setattr(onnx_cache, "export_model", dies)
    with pytest.raises(KeyboardInterrupt):
        onnx_cache.exported(model)
    assert list(cache.iterdir()) == []  # no entry, no scratch folder, no failure remembered


def test_a_model_that_cannot_be_exported_is_remembered(cache, model, monkeypatch):
    calls = []

    def refuses(location, dest):
        calls.append(location)
        raise ExportError("the model has no fast (tokenizer.json) tokenizer")

    monkeypatch.setattr(onnx_cache, "export_model", refuses)
    for _ in range(2):
        with pytest.raises(ExportError, match="no fast"):
            onnx_cache.exported(model)
    assert len(calls) == 1  # the second time, the remembered reason, without tracing again


def test_a_hub_name_or_missing_folder_is_not_exported(cache, tmp_path, exports):
    with pytest.raises(ExportError, match="not a local model folder"):
        onnx_cache.exported(tmp_path / "no-such-model")
    assert exports == []


def test_an_unwritable_cache_is_an_export_error_not_a_crash(tmp_path, model, exports, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(onnx_cache.CACHE_ENV, str(blocker))  # its onnx/ cannot be created
    with pytest.raises(ExportError, match="cannot write the model cache"):
        onnx_cache.exported(model)
