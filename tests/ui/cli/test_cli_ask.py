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
    assert set(c) == {"doc", "unit", "kind", "label", "text", "score", "highlight", "footnotes", "cited_by", "document"}
    assert c["document"]["symbol"] == "A/RES/64/12" and c["document"]["body"] == "GA"


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
    assert "clause R@1" in r.output and "MRR@10" in r.output and "out of scope abstained" in r.output
    r = CliRunner().invoke(main, ["eval", str(f), "--json", "--index", str(default_index_dir)])
    m = json.loads(r.output)
    assert m["recall@1"] == 1.0 and m["abstention_recall"] == 1.0


def test_eval_reads_document_and_snippet_gold(default_index_dir, tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text('{"q": "Which country will host the seventh conference?", "doc": "A/RES/64/12", '
                 '"snippets": ["Republic of Venezuela to host the Seventh"]}\n'
                 '{"q": "What is the capital of France?", "doc": null, "snippets": []}\n')
    r = CliRunner().invoke(main, ["eval", str(f), "--json", "--index", str(default_index_dir)])
    assert r.exit_code == 0, r.output
    m = json.loads(r.output)
    assert m["recall@1"] == 1.0 and m["doc_recall@1"] == 1.0 and m["oos_abstained"] == 1
    assert m["wrongly_abstained"] == 0


def test_eval_baselines_on_the_same_index(default_index_dir, tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text('{"q": "Venezuela", "gold": ["op10"]}\n{"q": "What is the capital of France?", "gold": []}\n')
    for method in ("bm25", "dense", "rrf"):
        r = CliRunner().invoke(main, ["eval", str(f), "--json", "--baseline", method, "--index", str(default_index_dir)])
        assert r.exit_code == 0, r.output
        m = json.loads(r.output)
        assert m["baseline"] == method and m["oos_abstained"] == 0  # an anchor never abstains
    r = CliRunner().invoke(main, ["eval", str(f), "--baseline", "bm99", "--index", str(default_index_dir)])
    assert r.exit_code != 0 and "bm25" in r.output


def test_ask_filters_and_their_errors(default_index_dir):
    ok = CliRunner().invoke(main, ["ask", "Venezuela", "--json", "--index", str(default_index_dir),
                                   "--doc", "A/RES/64/12", "--body", "GA", "--years", "2009"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["citations"][0]["doc"] == "A/RES/64/12"
    for args, said in ((["--body", "XX"], "GA (General Assembly)"), (["--years", "1990-1999"], "2009-2009"),
                       (["--doc", "A/RES/1/1"], "A/RES/64/12"), (["--years", "soon"], "1990-1999")):
        r = CliRunner().invoke(main, ["ask", "Venezuela", "--index", str(default_index_dir), *args])
        assert r.exit_code != 0 and said in r.output and "Traceback" not in r.output
