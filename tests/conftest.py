"""Shared fixtures: indexes built once per test session in a temporary folder.

- default_index_dir / default_engine: the bundled data/A_RES_64_12.txt
- corpus_index_dir / corpus_engine: the six resolutions of the shared corpus (../shared/corpus/*.txt,
  relative to the repository); its absence is an error, never a skip.
- collection_index_dir / collection_engine: every resolution under ../shared/corpus (the six and
  the collection, recursively), files the parser refuses left out; ~900 documents, built once
  (or taken from $RESOLUTION_QA_TEST_COLLECTION_INDEX, an index built from the same files).
- sc_index_dir / sc_engine: eight Security Council texts of 1990 from the shared collection and one
  resolution with hostile markup (tests/ui/indexes.py), for the document view, links and examples.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RESOLUTION = REPO / "data" / "A_RES_64_12.txt"
SHARED = (REPO / ".." / "shared").resolve()
CORPUS = SHARED / "corpus"
DEV_QUESTIONS = SHARED / "eval" / "dev_questions.jsonl"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def shared_path(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is missing: the shared material must sit at ../shared beside the repository")
    return path


def _build(out: Path, files: list[Path], skip_unreadable: bool = False) -> Path:
    from index.store import PassageIndex
    from qa.errors import ParseError
    from qa.parsing import load_resolution
    from qa.passages import document_info, passages_for

    docs = []
    for f in files:
        try:
            resolution = load_resolution(f)
        except ParseError:
            if not skip_unreadable:
                raise
            continue  # a scan without text, a README: what `index build` reports and leaves out
        docs.append((document_info(resolution), passages_for(resolution)))
    PassageIndex.build(out, docs, progress=False)
    return out


@pytest.fixture(scope="session")
def default_index_dir(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("default") / "index", [DEFAULT_RESOLUTION])


@pytest.fixture(scope="session")
def corpus_index_dir(tmp_path_factory) -> Path:
    # the six top-level resolutions; the collection below them has its own fixtures
    files = sorted(shared_path(CORPUS).glob("*.txt"))
    return _build(tmp_path_factory.mktemp("corpus") / "index", files)


@pytest.fixture(scope="session")
def collection_index_dir(tmp_path_factory) -> Path:
    from qa.parsing import find_resolution_files

    given = os.environ.get("RESOLUTION_QA_TEST_COLLECTION_INDEX")
    if given:  # an index already built from ../shared/corpus by this code (to rerun these tests fast)
        return Path(given)
    files = find_resolution_files([shared_path(CORPUS)])
    return _build(tmp_path_factory.mktemp("collection") / "index", files, skip_unreadable=True)


@pytest.fixture(scope="session")
def collection_engine(collection_index_dir):
    from qa.engine import Engine

    return Engine.from_index(collection_index_dir)


@pytest.fixture(scope="session")
def default_engine(default_index_dir):
    from qa.engine import Engine

    return Engine.from_index(default_index_dir)


@pytest.fixture(scope="session")
def corpus_engine(corpus_index_dir):
    from qa.engine import Engine

    return Engine.from_index(corpus_index_dir)


@pytest.fixture(scope="session")
def dev_questions_path() -> Path:
    return shared_path(DEV_QUESTIONS)


@pytest.fixture(scope="session")
def sc_index_dir(tmp_path_factory) -> Path:
    from tests.ui.indexes import build_index, sc_files

    folder = tmp_path_factory.mktemp("sc")
    return build_index(folder / "index", sc_files(folder))


@pytest.fixture(scope="session")
def sc_engine(sc_index_dir):
    from qa.engine import Engine

    return Engine.from_index(sc_index_dir)
