"""A server follows its index folder: a new build is loaded beside the old one and swapped in,
questions in flight finish on the old one, a broken build is refused and the old one keeps serving."""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from live_servers import serve_app

from ui.live_engine import LiveEngine
from ui.server import create_app

REPO = Path(__file__).resolve().parents[2]
CORPUS = (REPO / ".." / "shared" / "corpus").resolve()
BUNDLED = REPO / "data" / "A_RES_64_12.txt"


# -- the mechanics, on stand-in engines -------------------------------------------------------------
class _Engine:
    """Answers with its build id; `gate` (when set) holds every question until it opens."""

    def __init__(self, build: str, gate: threading.Event | None = None) -> None:
        self.build, self.gate = build, gate

    def ask_batch(self, questions, k=5, doc=None, body=None, years=None):
        if self.gate is not None:
            assert self.gate.wait(10)
        return [f"{self.build}:{q}" for q in questions]

    def ask(self, question, k=5, doc=None, body=None, years=None):
        return self.ask_batch([question], k, doc, body, years)[0]

    documents = property(lambda self: [{"symbol": self.build, "title": "", "passages": 1}])
    passage_count = property(lambda self: 1)


def _write(folder: Path, build: str, broken: bool = False, model: str = "m") -> None:
    """An 'index folder' for the stand-in loader: written beside and swapped in, as index.atomic does."""
    tmp = folder.with_name(folder.name + ".tmp")
    tmp.mkdir(parents=True)
    (tmp / "manifest.json").write_text(json.dumps({"build_id": build, "built_at": "2026-01-01T00:00:00Z",
                                                   "broken": broken, "model": model, "documents": [{}],
                                                   "passage_count": 1}))
    old = folder.with_name(folder.name + ".old")
    if folder.exists():
        os.rename(folder, old)
    os.rename(tmp, folder)
    if old.exists():
        (old / "manifest.json").unlink()
        old.rmdir()


class _Loader:
    def __init__(self) -> None:
        self.gates: dict[str, threading.Event] = {}
        self.engines: list[_Engine] = []

    def __call__(self, folder: Path):
        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest["broken"]:
            raise ValueError(f"{folder}/vectors.faiss: is not a readable FAISS index (damaged)")
        engine = _Engine(manifest["build_id"], self.gates.get(manifest["build_id"]))
        self.engines.append(engine)
        return engine, manifest


def test_a_new_build_is_swapped_in_and_an_unchanged_folder_is_not_reloaded(tmp_path):
    folder = tmp_path / "index"
    _write(folder, "b1")
    live = LiveEngine(folder, loader=_Loader(), poll_s=0)
    assert live.ask("q") == "b1:q" and live.status()["build_id"] == "b1"
    assert live.check() is False  # nothing changed: not even a read of the manifest's build id
    _write(folder, "b2")
    assert live.check() is True
    assert live.ask("q") == "b2:q"
    status = live.status()
    assert status["build_id"] == "b2" and status["reloads"] == 1 and status["refused"] is None


def test_questions_in_flight_finish_on_the_old_index(tmp_path):
    folder = tmp_path / "index"
    loader = _Loader()
    loader.gates["b1"] = gate = threading.Event()
    _write(folder, "b1")
    live = LiveEngine(folder, loader=loader, poll_s=0)
    answers: list[str] = []
    asking = threading.Thread(target=lambda: answers.append(live.ask("early")))
    asking.start()
    time.sleep(0.2)  # the early question now runs on b1 and waits at its gate
    _write(folder, "b2")
    assert live.check() is True
    assert live.ask("late") == "b2:late"  # the next question starts on the new index at once
    gate.set()
    asking.join(10)
    assert answers == ["b1:early"]  # the one in flight ended on the index it started on


def test_a_broken_build_is_refused_with_a_log_line_and_the_old_one_keeps_serving(tmp_path, caplog):
    folder = tmp_path / "index"
    _write(folder, "b1")
    live = LiveEngine(folder, loader=_Loader(), poll_s=0)
    _write(folder, "b2", broken=True)
    with caplog.at_level(logging.WARNING, logger="resolution_qa.reload"):
        assert live.check() is False
    [record] = [r for r in caplog.records if r.name == "resolution_qa.reload"]
    assert "refusing the new index" in record.getMessage() and "b2" in record.getMessage()
    assert "not a readable FAISS index" in record.getMessage() and "still serving build b1" in record.getMessage()
    assert live.ask("q") == "b1:q"
    assert live.status()["refused"]["build_id"] == "b2"
    assert live.check() is False  # refused once: not retried until the folder changes again
    _write(folder, "b3")
    assert live.check() is True and live.ask("q") == "b3:q"


def test_sighup_asks_for_a_look_at_once(tmp_path):
    folder = tmp_path / "index"
    _write(folder, "b1")
    live = LiveEngine(folder, loader=_Loader(), poll_s=3600)  # no poll would come in time
    previous = signal.getsignal(signal.SIGHUP)
    try:
        assert live.install_sighup()
        live.start_following()
        _write(folder, "b2")
        os.kill(os.getpid(), signal.SIGHUP)
        deadline = time.monotonic() + 10
        while live.status()["build_id"] != "b2" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert live.status()["build_id"] == "b2"
    finally:
        live.stop_following()
        signal.signal(signal.SIGHUP, previous)


# -- a live server, the real engine, the CLI rebuilding under it ----------------------------------
def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.mark.slow
def test_rebuilding_under_a_live_server_loses_no_question_and_serves_the_new_documents(tmp_path, fake_model):
    from click.testing import CliRunner

    from ui.cli import main

    folder = tmp_path / "index"
    assert CliRunner().invoke(main, ["index", "build", str(BUNDLED), "--out", str(folder), "-q"]).exit_code == 0
    live = LiveEngine(folder, poll_s=0.2)
    first_build = live.status()["build_id"]
    app = create_app(live)
    with serve_app(app) as base:
        status, _ = _get(f"{base}/api/ask?q=peacebuilding&doc=A/RES/80/7")
        assert status == 400  # not indexed yet

        results: list[int] = []
        failures: list[str] = []
        stop = threading.Event()

        def client(question: str) -> None:
            while not stop.is_set():
                try:
                    status, body = _get(f"{base}/api/ask?q={urllib.parse.quote(question)}&k=3")
                    results.append(status)
                    if status != 200 or not body.get("citations"):
                        failures.append(f"{status}: {body}")
                except Exception as error:  # noqa: BLE001 - any failure of a request counts
                    failures.append(repr(error))

        clients = [threading.Thread(target=client, args=(q,), daemon=True)
                   for q in ("Which country will host the next conference?", "What does the Assembly decide?")]
        for c in clients:
            c.start()
        try:
            time.sleep(1.0)
            added = CliRunner().invoke(main, ["index", "add", str(CORPUS / "A_RES_80_7.txt"), "--index", str(folder), "-q"])
            assert added.exit_code == 0, added.output
            rebuilt = CliRunner().invoke(main, ["index", "build", str(BUNDLED), str(CORPUS / "A_RES_80_7.txt"),
                                                str(CORPUS / "A_RES_65_141.txt"), "--out", str(folder), "-q"])
            assert rebuilt.exit_code == 0, rebuilt.output
            final_build = json.loads((folder / "manifest.json").read_text())["build_id"]
            deadline = time.monotonic() + 60
            while _get(f"{base}/healthz")[1]["build_id"] != final_build and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(0.5)  # questions keep coming on the new index too
        finally:
            stop.set()
            for c in clients:
                c.join(30)
        health = _get(f"{base}/healthz")[1]
        assert health["build_id"] == final_build != first_build and health["reloads"] >= 1
        assert health["document_count"] == 3 and health["passages"] > 0 and health["built_at"]
        assert {d["symbol"] for d in health["documents"]} == {"A/RES/64/12", "A/RES/80/7", "A/RES/65/141"}
        assert failures == [] and len(results) >= 10  # questions all along, not one lost
        for symbol in ("A/RES/80/7", "A/RES/65/141"):  # the new documents are answerable
            status, body = _get(f"{base}/api/ask?q={urllib.parse.quote('What does the Assembly decide?')}"
                                f"&doc={urllib.parse.quote(symbol)}")
            assert status == 200 and {c["doc"] for c in body["citations"]} == {symbol}
