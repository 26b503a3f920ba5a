"""`resolution-qa index ...`: build, info, add, remove, ensure-default and their errors, as a user runs them."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ui.cli import main

REPO = Path(__file__).resolve().parents[3]
BUNDLED = REPO / "data" / "A_RES_64_12.txt"
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
EXTRA = CORPUS / "A_RES_80_7.txt"
HINT = "run `resolution-qa index build`"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def _assert_one_line_error(result, *fragments: str) -> str:
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def _no_progress_bar(output: str) -> None:
    assert "Embedding passages" not in output and "passage/s" not in output and "\r" not in output


@pytest.fixture(scope="module")
def built_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "index"
    result = run("index", "build", str(BUNDLED), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Indexed 1 resolution(s)" in result.output and str(out) in result.output
    _no_progress_bar(result.output)  # stderr is not a terminal here
    return out


def test_build_then_info_json(built_dir):
    result = run("index", "info", "--index", str(built_dir), "--json")
    assert result.exit_code == 0, result.output
    manifest = json.loads(result.output)
    assert manifest["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert manifest["dim"] == 384
    [doc] = manifest["documents"]
    assert doc["key"] == "A/RES/64/12"
    assert doc["sha256"] == hashlib.sha256(BUNDLED.read_bytes()).hexdigest()
    assert manifest["passage_count"] == doc["passages"] > 0


def test_info_text(built_dir):
    result = run("index", "info", "--index", str(built_dir))
    assert result.exit_code == 0
    assert "sentence-transformers/all-MiniLM-L6-v2 (384 dimensions" in result.output
    assert "A/RES/64/12" in result.output and "flat (recall@10 1.0)" in result.output


def test_add_unchanged_remove(built_dir, tmp_path):
    index_dir = tmp_path / "index"
    shutil.copytree(built_dir, index_dir)
    result = run("index", "add", str(EXTRA), "--index", str(index_dir), "--quiet")
    assert result.exit_code == 0, result.output
    assert "added A/RES/80/7" in result.output
    _no_progress_bar(result.output)
    manifest = (index_dir / "manifest.json").read_bytes()

    result = run("index", "add", str(EXTRA), str(BUNDLED), "--index", str(index_dir))
    assert result.exit_code == 0
    assert "unchanged A/RES/80/7" in result.output and "unchanged A/RES/64/12" in result.output
    assert (index_dir / "manifest.json").read_bytes() == manifest

    result = run("index", "remove", "A/RES/80/7", "--index", str(index_dir))
    assert result.exit_code == 0
    assert "removed A/RES/80/7; 1 resolution(s) remain" in result.output
    info = json.loads(run("index", "info", "--index", str(index_dir), "--json").output)
    assert [d["key"] for d in info["documents"]] == ["A/RES/64/12"]

    _assert_one_line_error(
        run("index", "remove", "A/RES/80/7", "--index", str(index_dir)), "no document 'A/RES/80/7'", "A/RES/64/12"
    )


def test_ensure_default_builds_once(tmp_path):
    target = tmp_path / "default-index"
    env = {"RESOLUTION_QA_INDEX": str(target)}
    first = run("index", "ensure-default", env=env)
    assert first.exit_code == 0, first.output
    assert "Built the index" in first.output and str(target) in first.output
    manifest = (target / "manifest.json").read_bytes()
    second = run("index", "ensure-default", env=env)
    assert second.exit_code == 0
    assert "Index ready" in second.output and "Built" not in second.output
    assert (target / "manifest.json").read_bytes() == manifest  # not rebuilt
    info = json.loads(run("index", "info", "--json", env=env).output)
    assert [d["key"] for d in info["documents"]] == ["A/RES/64/12"]


def test_ensure_default_repairs_a_damaged_index(built_dir, tmp_path):
    target = tmp_path / "index"
    shutil.copytree(built_dir, target)
    (target / "vectors.faiss").write_bytes(b"garbage")
    result = run("index", "ensure-default", "--index", str(target))
    assert result.exit_code == 0, result.output
    assert "Rebuilding the index" in result.output and "Built the index" in result.output
    assert run("index", "info", "--index", str(target)).exit_code == 0


def test_ensure_default_rebuilds_a_stale_index_from_its_own_sources(tmp_path):
    # an index made by an older version (another BM25 tokenizer) holding two resolutions: the
    # rebuild keeps both, from the files its manifest names, not just the bundled one
    target = tmp_path / "index"
    files = [str(CORPUS / "A_RES_64_12.txt"), str(CORPUS / "A_RES_80_7.txt")]
    assert run("index", "build", *files, "--out", str(target), "--quiet").exit_code == 0
    manifest = json.loads((target / "manifest.json").read_text())
    manifest["bm25"]["tokenizer"] = "words+symbols-1"
    (target / "manifest.json").write_text(json.dumps(manifest))
    result = run("index", "ensure-default", "--index", str(target))
    assert result.exit_code == 0, result.output
    assert "Rebuilding the index" in result.output
    info = json.loads(run("index", "info", "--json", "--index", str(target)).output)
    assert sorted(d["key"] for d in info["documents"]) == ["A/RES/64/12", "A/RES/80/7"]


def test_bad_paths_give_one_line(tmp_path):
    missing = tmp_path / "nope.txt"
    _assert_one_line_error(run("index", "build", str(missing), "--out", str(tmp_path / "i")), str(missing))
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    _assert_one_line_error(run("index", "build", str(empty), "--out", str(tmp_path / "i")), "no resolution files", str(empty))
    _assert_one_line_error(run("index", "info", "--index", str(tmp_path / "none")), "no index folder here", HINT)
    _assert_one_line_error(run("index", "add", str(BUNDLED), "--index", str(tmp_path / "none")), "no index folder here")
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    _assert_one_line_error(run("index", "build", str(BUNDLED), "--out", str(a_file)), "not an index folder")
    assert not (tmp_path / "i").exists()


def test_unknown_model_gives_one_line(tmp_path):
    result = run("index", "build", str(BUNDLED), "--out", str(tmp_path / "i"), "--model", str(tmp_path / "no-model"))
    _assert_one_line_error(result, "cannot load embedding model")
    assert not (tmp_path / "i").exists()


def test_progress_only_on_a_terminal_and_not_with_quiet(monkeypatch):
    from index.store import _Progress
    from ui.cli import index_cmd

    class Terminal:
        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> int:
            return len(text)

        def flush(self) -> None:
            pass

    monkeypatch.setattr(sys, "stderr", Terminal())
    assert index_cmd._progress(quiet=False) is True
    assert index_cmd._progress(quiet=True) is False
    bar = _Progress(10, enabled=True)
    assert bar.bar is not None
    bar.close()
    assert _Progress(10, enabled=False).bar is None
    monkeypatch.setattr(Terminal, "isatty", lambda self: False)
    assert index_cmd._progress(quiet=False) is False
    assert _Progress(10, enabled=True).bar is None


def test_default_index_path_follows_the_environment(monkeypatch, tmp_path):
    from qa.settings import default_index_path

    monkeypatch.setenv("RESOLUTION_QA_INDEX", str(tmp_path / "chosen"))
    assert default_index_path() == tmp_path / "chosen"
    monkeypatch.delenv("RESOLUTION_QA_INDEX")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_index_path() == tmp_path / "xdg" / "resolution-qa" / "index"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_index_path() == tmp_path / "home" / ".local" / "share" / "resolution-qa" / "index"


def test_bundled_resolution_from_a_checkout_or_an_installed_wheel(monkeypatch, tmp_path):
    from qa import settings

    assert settings.bundled_resolution() == BUNDLED  # this checkout
    # an install that is not a checkout: the copy pyproject's data-files put under <prefix>/share
    shared = tmp_path / "prefix" / "share" / "resolution-qa"
    shared.mkdir(parents=True)
    shutil.copy(BUNDLED, shared / BUNDLED.name)
    monkeypatch.setattr(settings, "PACKAGE_ROOT", tmp_path / "site-packages")
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "prefix"))
    assert settings.bundled_resolution() == shared / BUNDLED.name


def test_the_default_model_named_explicitly_is_the_bundled_one(built_dir, tmp_path):
    from index.store import PassageIndex
    from qa.settings import DEFAULT_MODEL

    assert PassageIndex.load(built_dir, model=DEFAULT_MODEL).model_name == DEFAULT_MODEL
    result = run("index", "build", str(BUNDLED), "--out", str(tmp_path / "i"), "--model", DEFAULT_MODEL, "-q")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "i" / "manifest.json").read_text())["model"] == DEFAULT_MODEL
