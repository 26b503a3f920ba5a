import json

from click.testing import CliRunner

from ui.cli import main


def test_ask_json_shape(default_index_dir):
    r = CliRunner().invoke(main, ["ask", "Venezuela", "--json", "--index", str(default_index_dir), "--k", "3"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert set(d) == {"question", "answered", "message", "citations"}
    assert len(d["citations"]) == 3
    c = d["citations"][0]
    assert c["unit"] == "op10" and c["doc"] == "A/RES/64/12"
    assert set(c) == {"doc", "unit", "kind", "label", "text", "score", "highlight", "footnotes", "cited_by"}


def test_ask_stdin_one_json_per_line(default_index_dir):
    r = CliRunner().invoke(main, ["ask", "--json", "--index", str(default_index_dir)],
                           input="Venezuela\n\nDemocracy Fund\nWhat is the capital of France?\n")
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.output.splitlines()]
    assert [x["question"] for x in lines] == ["Venezuela", "Democracy Fund", "What is the capital of France?"]
    assert lines[2]["answered"] is False


def test_ask_text_output_marks_highlight_without_ansi(default_index_dir):
    r = CliRunner().invoke(main, ["ask", "Venezuela\x1b[2J", "--index", str(default_index_dir)])
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output
    assert "»" in r.output and "«" in r.output
    assert "A/RES/64/12, operative paragraph 10" in r.output


def test_ask_bad_question_is_a_message(default_index_dir):
    r = CliRunner().invoke(main, ["ask", "   ", "--index", str(default_index_dir)])
    assert r.exit_code != 0
    assert "empty" in r.output and "Traceback" not in r.output


def test_eval_output(default_index_dir, tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text('{"q": "Venezuela", "gold": ["op10"]}\n{"q": "What is the capital of France?", "gold": []}\n')
    r = CliRunner().invoke(main, ["eval", str(f), "--index", str(default_index_dir)])
    assert r.exit_code == 0, r.output
    assert "recall@1" in r.output and "mrr" in r.output and "abstention_precision" in r.output
    r = CliRunner().invoke(main, ["eval", str(f), "--json", "--index", str(default_index_dir)])
    m = json.loads(r.output)
    assert m["recall@1"] == 1.0 and m["abstention_recall"] == 1.0
