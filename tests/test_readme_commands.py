"""Every `resolution-qa` command line the README shows runs, so the README cannot drift from the CLI.

Each line of a README code block that starts with `resolution-qa` is run twice in a fresh process:
with none of its [optional] parts and with all of them, its placeholders (PATH, DIR, SYMBOL, ...)
replaced by real scratch values, against its own copy of a two-resolution scratch index (also the
default index, through $RESOLUTION_QA_INDEX). `serve` is started, asked for /healthz and stopped.
Inline mentions (`resolution-qa ...` in the text) are checked against the CLI's own definitions:
the sub-command exists, every option it names exists, and it gives no argument to a command that
takes none. A new placeholder fails here with the list to add it to.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
BUNDLED = REPO / "data" / "A_RES_64_12.txt"
SECOND = REPO.parent / "shared" / "corpus" / "A_RES_80_7.txt"  # the scratch index's second resolution
QUESTIONS = "Which country will host the seventh conference?\nWhat does the Assembly request?\n"
# Placeholder -> its value; a callable gets the per-test scratch folder.
PLACEHOLDERS = {
    "PATH": lambda tmp: str(BUNDLED),
    "FILE": lambda tmp: str(BUNDLED),
    "DIR": lambda tmp: str(tmp / "index"),
    "SYMBOL": lambda tmp: "A/RES/80/7",
    "M": lambda tmp: "all-MiniLM-L6-v2",
    "MODEL": lambda tmp: "all-MiniLM-L6-v2",
    "ORIGIN": lambda tmp: "https://www.example.org",
    "QUESTION": lambda tmp: "Which country will host the seventh conference?",
    "K": lambda tmp: "3",
    "N": lambda tmp: "2",
    "HOST": lambda tmp: "127.0.0.1",
    "PORT": lambda tmp: "0",  # replaced by a free port for serve
}
_PLACEHOLDER = re.compile(r"^[A-Z][A-Z_]*$")
_FENCE = re.compile(r"^```")


# -- reading the README ---------------------------------------------------------------------------------
def readme_command_lines(text: str) -> list[str]:
    """The `resolution-qa ...` lines of the code blocks, with their indented continuation lines joined."""
    lines, inside, out = text.splitlines(), False, []
    for line in lines:
        if _FENCE.match(line.strip()):
            inside = not inside
            continue
        if not inside:
            continue
        stripped = line.strip()
        if stripped.startswith("resolution-qa ") or stripped == "resolution-qa":
            out.append(stripped)
        elif out and line.startswith((" ", "\t")) and stripped.startswith("[") and out[-1] is not None:
            out[-1] += " " + stripped  # a long usage line continued on the next
        elif out and out[-1].endswith("\\"):
            out[-1] = out[-1][:-1] + " " + stripped
    return out


def inline_mentions(text: str) -> list[str]:
    outside = re.sub(r"```.*?```", "", text, flags=re.S)
    return [m.strip() for m in re.findall(r"`(resolution-qa(?: [^`]*)?)`", outside)]


def variants(line: str) -> list[tuple[str, list[str], str | None]]:
    """(label, argv after `resolution-qa`, stdin file name) with no optional parts, and with all."""
    tokens = shlex.split(line, comments=True)[1:]
    stdin = None
    if "<" in tokens:
        at = tokens.index("<")
        stdin, tokens = tokens[at + 1], tokens[:at] + tokens[at + 2 :]
    items: list[str | list[str]] = []  # a required token, or an optional group of tokens
    group: list[str] | None = None
    for token in tokens:
        if token.startswith("[") and group is None:
            group, token = [], token[1:]
        closes = group is not None and token.endswith("]")
        token = token[:-1] if closes else token
        token = token[:-3] if token.endswith("...") else token  # "PATH...": one or more; "...": repeatable
        if token:
            (group if group is not None else items).append(token)
        if closes:
            items.append(group)
            group = None
    required = [t for t in items if isinstance(t, str)]
    everything = [t for item in items for t in ([item] if isinstance(item, str) else item)]
    shown = [("without options", required, stdin)]
    if everything != required:
        shown.append(("with every option", everything, stdin))
    return shown


def _cases() -> list:
    text = README.read_text(encoding="utf-8")
    cases = []
    for line in readme_command_lines(text):
        for label, argv, stdin in variants(line):
            cases.append(pytest.param(argv, stdin, id=f"{line[:70]} ({label})"))
    return cases


# -- running --------------------------------------------------------------------------------------------
def _free_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return str(s.getsockname()[1])


def _substitute(argv: list[str], tmp: Path) -> list[str]:
    out = []
    for token in argv:
        if _PLACEHOLDER.match(token):
            if token not in PLACEHOLDERS:
                pytest.fail(f"the README uses placeholder {token}; give it a scratch value in "
                            f"tests/test_readme_commands.py PLACEHOLDERS ({', '.join(PLACEHOLDERS)})")
            token = PLACEHOLDERS[token](tmp)
        out.append(token)
    return out


def _env(index_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(RESOLUTION_QA_INDEX=str(index_dir), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               GRADIO_ANALYTICS_ENABLED="False", PYTHONPATH=str(REPO))
    return env


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("resolution-qa")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from ui.cli import main; main()"]


@pytest.fixture(scope="module")
def scratch_index(tmp_path_factory) -> Path:
    """Two resolutions (the bundled one and SECOND), built once for the module."""
    out = tmp_path_factory.mktemp("readme") / "index"
    run = subprocess.run([*_cli(), "index", "build", str(BUNDLED), str(SECOND), "--out", str(out), "--quiet"],
                         cwd=REPO, env=_env(out), capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    return out


def _serve(argv: list[str], env: dict) -> None:
    import httpx

    port = _free_port()
    if "--port" in argv:
        argv[argv.index("--port") + 1] = port
    else:
        argv += ["--port", port]  # never the default 7860: another server may hold it
    proc = subprocess.Popen([*_cli(), *argv], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"serve exited {proc.returncode}: {proc.stderr.read()[-1500:]}"
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("serve did not answer /healthz within 180 s")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.mark.slow
@pytest.mark.parametrize(("argv", "stdin"), _cases())
def test_the_readme_command_runs(argv, stdin, scratch_index, tmp_path):
    shutil.copytree(scratch_index, tmp_path / "index")  # each command gets its own copy to change
    argv = _substitute(list(argv), tmp_path)
    env = _env(tmp_path / "index")
    if argv[:1] == ["serve"]:
        _serve(argv, env)
        return
    given = None
    if stdin is not None:
        source = REPO / stdin
        given = source.read_text(encoding="utf-8") if source.is_file() else QUESTIONS
    run = subprocess.run([*_cli(), *argv], cwd=REPO, env=env, input=given, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, f"resolution-qa {shlex.join(argv)} exited {run.returncode}: {run.stderr[-1500:]}"


def test_the_readme_shows_command_lines_to_check():
    lines = readme_command_lines(README.read_text(encoding="utf-8"))
    assert any(line.startswith("resolution-qa serve") for line in lines)
    assert any(line.startswith("resolution-qa index build") for line in lines)


@pytest.mark.parametrize("mention", inline_mentions(README.read_text(encoding="utf-8")))
def test_an_inline_mention_names_a_real_command_and_options(mention):
    import click

    from ui.cli import main

    tokens = [t for t in shlex.split(mention)[1:] if t not in ("...",)]
    command, words = main, []
    while tokens and isinstance(command, click.Group) and not tokens[0].startswith(("-", "[")):
        word = tokens.pop(0)
        assert word in command.commands, f"`{mention}`: no command {' '.join([*words, word])!r}"
        command, words = command.commands[word], [*words, word]
    options = {name for p in command.params if isinstance(p, click.Option) for name in p.opts + p.secondary_opts}
    takes_arguments = any(isinstance(p, click.Argument) for p in command.params)
    for token in (t.strip("[]") for t in tokens):
        if token.startswith("-"):
            assert token in options, f"`{mention}`: {' '.join(words)} has no option {token} ({', '.join(sorted(options))})"
    previous = ""
    for token in tokens:
        bare = token.strip("[]")
        if not token.startswith(("[", "-")) and not previous.startswith(("[-", "-")):
            assert takes_arguments, f"`{mention}`: {' '.join(words)} takes no argument {bare!r}"
        previous = token
