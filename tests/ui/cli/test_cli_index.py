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
    progress = ("Reading files: ", "Embedding passages: ")  # piped progress lines come before an error
    lines = [line for line in result.output.splitlines() if line.strip() and not line.startswith(progress)]
    assert len(lines) == 1, result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def _no_progress_bar(output: str) -> None:
    """Piped output: our progress comes as plain lines, never a tqdm bar (redrawn with \r)."""
    ours = [line for line in output.split("\n") if "Embedding passages" in line or "Reading files" in line]
    assert ours and all("\r" not in line and "|" not in line for line in ours), ours


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
    assert "Embedding passages" not in result.output  # --quiet
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


# -- a collection: files and folders, what is skipped, exit codes, duplicates, progress ---------------
COLLECTION = CORPUS / "collection"
GOOD = [BUNDLED, EXTRA]
DUPLICATE_SOURCE = COLLECTION / "markdown" / "A_RES_80_4.md"


def _duplicate_pair(root: Path) -> tuple[Path, Path, int, int]:
    """Two files of A/RES/80/4: the whole markdown, and a copy that lost its last operative
    paragraphs (as a cut download does); with their clause counts as the parser reads them."""
    from qa.parsing import load_resolution

    whole = root / "whole" / "A_RES_80_4.md"
    cut = root / "cut" / "A_RES_80_4.md"
    whole.parent.mkdir(parents=True)
    cut.parent.mkdir(parents=True)
    text = DUPLICATE_SOURCE.read_text(encoding="utf-8")
    whole.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    cut.write_text("\n".join(lines[: int(len(lines) * 0.7)]) + "\n", encoding="utf-8")
    counts = [len(load_resolution(p).clauses) for p in (whole, cut)]
    assert counts[0] > counts[1] > 0
    return whole, cut, counts[0], counts[1]


@pytest.fixture
def mixed(tmp_path) -> tuple[Path, dict[str, str]]:
    """A folder with resolutions in sub-folders and files that cannot be indexed, each with the
    words its reason must hold."""
    root = tmp_path / "mixed"
    (root / "ga" / "deeper").mkdir(parents=True)
    shutil.copy(BUNDLED, root / BUNDLED.name)
    shutil.copy(EXTRA, root / "ga" / "deeper" / EXTRA.name)
    bad = {
        "empty.txt": (b"", "empty"),
        "ga/binary.txt": (b"\x00\x01\x02 binary", "binary"),
        "ga/latin1.txt": ("Résolution".encode("latin-1"), "not UTF-8"),
        "notes.md": (b"Shopping list: milk, bread.\n", "not a resolution"),
        "scan.pdf": ((COLLECTION / "pdf" / "A_RES_2758_XXVI_ru.pdf").read_bytes(), ""),  # whatever the reader says
    }
    for name, (data, _) in bad.items():
        (root / name).write_bytes(data)
    (root / ".hidden.txt").write_bytes(b"")  # hidden: not read, so not skipped either
    (root / "data.csv").write_text("a,b\n")  # not a format the parser reads
    return root, {str((root / name).resolve()): words for name, (_, words) in bad.items()}


def _skip_lines(stderr: str) -> dict[str, str]:
    out = {}
    for line in stderr.splitlines():
        if line.startswith("skipped "):
            path, reason = line[len("skipped "):].split(": ", 1)
            out[path] = reason
    return out


def test_a_mixed_folder_indexes_every_readable_file_and_lists_each_skip(fake_model, mixed, tmp_path):
    root, bad = mixed
    out = tmp_path / "index"
    result = run("index", "build", str(root), "--out", str(out))
    assert result.exit_code == 3, result.output  # written, with skips
    skipped = _skip_lines(result.stderr)
    assert set(skipped) == set(bad)  # one line per skipped file, and only those
    for path, words in bad.items():
        assert words.lower() in skipped[path].lower(), skipped[path]
    assert "Indexed 2 resolution(s)" in result.stdout
    assert f"Skipped {len(bad)} of {len(bad) + 2} file(s)" in result.stdout
    manifest = json.loads((out / "manifest.json").read_text())
    assert sorted(d["key"] for d in manifest["documents"]) == ["A/RES/64/12", "A/RES/80/7"]
    assert {s["path"]: s["reason"] for s in manifest["skipped"]} == skipped
    info = run("index", "info", "--index", str(out))
    assert f"skipped:   {len(bad)} file(s) not indexed" in info.output


def test_exit_codes_one_per_mode(fake_model, mixed, tmp_path):
    root, bad = mixed
    out = tmp_path / "index"
    assert run("index", "build", *map(str, GOOD), "--out", str(out)).exit_code == 0  # every file indexed
    manifest = (out / "manifest.json").read_bytes()
    strict = run("index", "build", str(root), "--out", str(out), "--strict")
    assert strict.exit_code == 1 and "--strict" in strict.stderr and "nothing was written" in strict.stderr
    assert set(_skip_lines(strict.stderr)) == set(bad)  # still says which files and why
    assert (out / "manifest.json").read_bytes() == manifest
    assert run("index", "add", str(root), "--index", str(out), "--strict").exit_code == 1
    assert (out / "manifest.json").read_bytes() == manifest
    added = run("index", "add", str(root), "--index", str(out))
    assert added.exit_code == 3 and "unchanged A/RES/64/12" in added.stdout  # the same bytes elsewhere
    assert run("index", "add", str(BUNDLED), "--index", str(out)).exit_code == 0
    nothing = run("index", "build", str(root / "empty.txt"), str(root / "notes.md"), "--out", str(out))
    assert nothing.exit_code == 1 and "none of the 2 file(s) could be indexed" in nothing.stderr
    assert run("index", "build", "--out", str(out)).exit_code == 2  # no PATH: usage
    assert run("index", "build", str(root), "--no-such-option").exit_code == 2
    helped = run("index", "build", "--help").output
    assert "Exit codes:" in helped and "3  written, with skips" in helped


def test_json_summary(fake_model, mixed, tmp_path):
    root, bad = mixed
    result = run("index", "build", str(root), "--out", str(tmp_path / "index"), "--json")
    assert result.exit_code == 3
    summary = json.loads(result.stdout)  # stdout is the JSON object alone
    assert summary["documents"] == 2 and summary["exit_code"] == 3 and summary["files"] == len(bad) + 2
    assert {s["path"] for s in summary["skipped"]} == set(bad)
    assert summary["passages"] == summary["passages_embedded"] > 0 and len(summary["build_id"]) == 32


def test_a_reader_crash_skips_only_that_file(fake_model, mixed, tmp_path, monkeypatch):
    import qa.parsing

    root, _ = mixed
    real = qa.parsing.load_resolution

    def crashing(path):
        if Path(path).name == EXTRA.name:
            raise IndexError("list index out of range")
        return real(path)

    monkeypatch.setattr(qa.parsing, "load_resolution", crashing)
    result = run("index", "build", str(root / BUNDLED.name), str(root / "ga"), "--out", str(tmp_path / "index"))
    assert result.exit_code == 3
    reason = _skip_lines(result.stderr)[str((root / "ga" / "deeper" / EXTRA.name).resolve())]
    assert reason.startswith("the parser failed on it (IndexError: list index out of range)")
    assert "Indexed 1 resolution(s)" in result.stdout


@pytest.mark.parametrize("cut_first", [True, False])
def test_two_files_of_one_symbol_the_more_complete_parse_wins_whatever_the_order(fake_model, tmp_path, cut_first):
    whole, cut, whole_n, cut_n = _duplicate_pair(tmp_path / "files")
    order = (cut, whole) if cut_first else (whole, cut)
    out = tmp_path / "index"
    result = run("index", "build", *map(str, order), "--out", str(out), "--json")
    assert result.exit_code == 3
    summary = json.loads(result.stdout)
    [duplicate] = summary["duplicates"]
    assert duplicate == {"symbol": "A/RES/80/4", "kept": str(whole), "dropped": str(cut),
                         "why": f"its parse is more complete ({whole_n} clauses against {cut_n})"}
    assert f"skipped {cut}: gives the symbol A/RES/80/4, as {whole} does" in result.stderr
    [doc] = json.loads((out / "manifest.json").read_text())["documents"]
    assert doc["source"] == str(whole)
    # `index add` of the less complete file later: the same rule against the indexed one
    added = run("index", "add", str(cut), "--index", str(out))
    assert added.exit_code == 3 and "0 added, 0 replaced" in added.stdout
    [doc] = json.loads((out / "manifest.json").read_text())["documents"]
    assert doc["source"] == str(whole)


def test_the_same_file_with_new_content_replaces_its_old_version(fake_model, tmp_path):
    source = tmp_path / "A_RES_80_7.txt"
    shutil.copy(EXTRA, source)
    out = tmp_path / "index"
    assert run("index", "build", str(source), "--out", str(out)).exit_code == 0
    source.write_text(EXTRA.read_text(encoding="utf-8").replace("General Assembly", "General Assembly,", 1), encoding="utf-8")
    result = run("index", "add", str(source), "--index", str(out))
    assert result.exit_code == 0 and "replaced A/RES/80/7 (its text changed)" in result.stdout


def test_remove_several_symbols(fake_model, tmp_path):
    out = tmp_path / "index"
    assert run("index", "build", str(CORPUS), "--out", str(out), "-q").exit_code in (0, 3)
    before = json.loads((out / "manifest.json").read_text())
    keys = [d["key"] for d in before["documents"]][:3]
    result = run("index", "remove", *keys, "--index", str(out))
    assert result.exit_code == 0 and f"removed {', '.join(keys)}" in result.output
    after = json.loads((out / "manifest.json").read_text())
    assert len(after["documents"]) == len(before["documents"]) - 3
    assert after["skipped"] == before["skipped"]  # the skipped files stay listed


def test_progress_a_bar_on_a_terminal_lines_when_piped_nothing_when_quiet():
    import io

    from ui.cli.progress import ProgressMode, StageProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert ProgressMode.for_stream(Terminal(), quiet=False) is ProgressMode.BAR
    assert ProgressMode.for_stream(io.StringIO(), quiet=False) is ProgressMode.LINES
    assert ProgressMode.for_stream(Terminal(), quiet=True) is ProgressMode.OFF

    terminal = Terminal()
    bar = StageProgress("Embedding passages", 10, "passage", ProgressMode.BAR, terminal)
    bar.update(10)
    bar.close()
    assert "\r" in terminal.getvalue() and "10/10" in terminal.getvalue()  # tqdm redraws one line

    now = [0.0]
    piped = io.StringIO()
    lines = StageProgress("Embedding passages", 1000, "passage", ProgressMode.LINES, piped, every_s=10,
                          clock=lambda: now[0])
    for _ in range(100):  # 100 updates over 30 s: a line after 10 s, after 20 s, and one at the end (the rate
        # counts from the first update: what came before it, e.g. loading the model, is not in it)
        now[0] += 0.3
        lines.update(10)
    lines.close()
    printed = piped.getvalue().splitlines()
    assert "\r" not in piped.getvalue()
    assert [line.split(":")[1].split()[0] for line in printed] == ["340/1000", "680/1000", "1000/1000"]
    assert printed[-1].startswith("Embedding passages: 1000/1000 passages (100%), 30 s, 33 passages/s")

    quiet = io.StringIO()
    off = StageProgress("Reading files", 5, "file", ProgressMode.OFF, quiet)
    off.update(5)
    off.close()
    assert quiet.getvalue() == ""


def test_piped_output_gets_plain_progress_lines(fake_model, tmp_path):
    result = run("index", "build", *map(str, GOOD), "--out", str(tmp_path / "index"))
    assert result.exit_code == 0
    assert "Reading files: 2/2 files (100%)" in result.stderr
    assert "Embedding passages: " in result.stderr and "\r" not in result.stderr
    quiet = run("index", "build", *map(str, GOOD), "--out", str(tmp_path / "index"), "--quiet")
    assert "Reading files" not in quiet.stderr and "Embedding" not in quiet.stderr
