"""Bad input through `resolution-qa ask`, as an argument and on standard input, with --json and without."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from robustness_inputs import NASTY_QUESTIONS, QUESTION

from ui.cli import main

# A command line cannot carry NUL; everything else goes through argv as typed.
ARGV_QUESTIONS = [(n, q, r) for n, q, r in NASTY_QUESTIONS if "\x00" not in q]


def run(index_dir, *args, input=None):
    result = CliRunner().invoke(main, ["ask", *args, "--index", str(index_dir)], input=input)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.mark.parametrize("name, question, refused", ARGV_QUESTIONS, ids=[n for n, _, _ in ARGV_QUESTIONS])
def test_nasty_argument_plain_output(default_index_dir, name, question, refused):
    result = run(default_index_dir, question)
    if refused:
        assert result.exit_code == 2
        assert result.output.startswith("error: ") and ("empty" in result.output or "limit is 2000" in result.output)
        assert len(result.output) < 500  # the refusal does not echo a huge question back
    else:
        assert result.exit_code == 0, result.output
        assert "A/RES/64/12, " in result.output  # at least the closest clause, cited
    assert "\x1b" not in result.output  # nothing that a terminal would execute
    assert "\x07" not in result.output and "\ud800" not in result.output


def test_nasty_lines_on_stdin_json_one_object_each(default_index_dir):
    lines = [q for _, q, _ in NASTY_QUESTIONS if "\n" not in q and q.strip(" \t")]
    # bytes as a pipe delivers them: the lone surrogate becomes invalid UTF-8
    result = run(default_index_dir, "--json", input="".join(q + "\n" for q in lines).encode("utf-8", "surrogatepass"))
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(lines)
    for obj in out:
        if "error" in obj:
            assert set(obj) == {"question", "error"} and obj["error"]
        else:
            assert set(obj) == {"question", "answered", "message", "citations"} and obj["citations"]
        assert "\x1b" not in obj["question"] and "\x00" not in obj["question"]
    refused = {q for _, q, r in NASTY_QUESTIONS if r}
    assert [("error" in o) for o in out] == [line in refused for line in lines]


def test_nasty_lines_on_stdin_plain_never_echo_escape(default_index_dir):
    lines = [q for _, q, _ in NASTY_QUESTIONS if "\n" not in q and len(q) < 5000]
    result = run(default_index_dir, input="".join(q + "\n" for q in lines).encode("utf-8", "surrogatepass"))
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x00" not in result.output and "\x07" not in result.output
    assert result.output.count("Q: ") == sum(1 for _, q, r in NASTY_QUESTIONS if q in lines and not r)


@pytest.mark.parametrize("k, message", [("0", "from 1 to 50"), ("-3", "from 1 to 50"), ("51", "from 1 to 50"),
                                        ("99999999999999999999999", "from 1 to 50"),
                                        ("2.5", "not a valid integer"), ("five", "not a valid integer")])
@pytest.mark.parametrize("as_json", [[], ["--json"]])
def test_bad_k_is_a_usage_error(default_index_dir, k, message, as_json):
    result = run(default_index_dir, QUESTION, "--k", k, *as_json)
    assert result.exit_code == 2 and "--k" in result.output and message in result.output


def test_unknown_doc_names_the_known_ones(default_index_dir):
    plain = run(default_index_dir, QUESTION, "--doc", "A/RES/1/1")
    assert plain.exit_code == 2 and "unknown document 'A/RES/1/1'" in plain.output and "A/RES/64/12" in plain.output
    as_json = run(default_index_dir, QUESTION, "--doc", "\x1b[2JA/RES/1/1", "--json")
    assert as_json.exit_code == 2 and "\x1b" not in as_json.output
    assert "unknown document" in json.loads(as_json.output)["error"]
