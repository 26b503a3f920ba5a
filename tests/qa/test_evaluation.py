import json

import pytest

from qa.errors import ResolutionQAError
from qa.evaluation import first_gold_rank, load_questions, score_results


def test_first_gold_rank():
    ranked = [("D", "op1"), ("D", "op2"), ("E", "op2")]
    assert first_gold_rank(["op2"], ranked) == 2
    assert first_gold_rank(["E#op2"], ranked) == 3
    assert first_gold_rank(["op9"], ranked) is None


def test_score_results_metrics_and_misses():
    results = [
        {"q": "a", "gold": ["op1"], "ranked": [("D", "op1")], "answered": True},
        {"q": "b", "gold": ["op2"], "ranked": [("D", "op1"), ("D", "op2")], "answered": True},
        {"q": "c", "gold": ["op3"], "ranked": [("D", "op1")], "answered": False},
        {"q": "d", "gold": [], "ranked": [("D", "op1")], "answered": False},
    ]
    m = score_results(results)
    assert m["recall@1"] == pytest.approx(1 / 3)
    assert m["recall@3"] == pytest.approx(2 / 3)
    assert m["mrr"] == pytest.approx((1 + 0.5) / 3)
    assert m["abstention_precision"] == pytest.approx(0.5)
    assert m["abstention_recall"] == 1.0
    assert {x["q"] for x in m["misses"]} == {"b", "c"}


def test_load_questions_reports_bad_line(tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text(json.dumps({"q": "x", "gold": []}) + "\nnot json\n")
    with pytest.raises(ResolutionQAError, match=":2:"):
        load_questions(f)


def test_load_questions_empty_file(tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text("")
    with pytest.raises(ResolutionQAError):
        load_questions(f)


def test_document_and_snippet_gold(tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text('{"q": "a", "doc": "S/RES/661 (1990)", "snippets": ["Decides that all States  shall prevent"]}\n'
                 '{"q": "b", "doc": null, "snippets": []}\n')
    a, b = load_questions(f)
    assert a["gold_doc"] == "S/RES/661 (1990)" and a["doc"] is None  # asked of the whole index
    results = [
        {**a, "answered": True, "cited": [("S/RES/660 (1990)", "op1", "Decides that all States shall prevent"),
                                          ("S/RES/661(1990)", "op3", "3. DECIDES that all States shall prevent x")]},
        {**b, "answered": False, "cited": [("S/RES/1 (1946)", "op1", "anything")]},
    ]
    m = score_results(results)
    assert m["recall@1"] == 0.0 and m["recall@5"] == 1.0 and m["mrr@10"] == 0.5  # spaces, case ignored
    assert m["doc_recall@1"] == 0.0 and m["doc_recall@5"] == 1.0
    assert m["oos_abstained"] == 1 and m["wrongly_abstained"] == 0


def test_snippet_gold_needs_both_parts(tmp_path):
    f = tmp_path / "q.jsonl"
    f.write_text('{"q": "a", "doc": "S/RES/1 (1946)", "snippets": []}\n')
    with pytest.raises(ResolutionQAError, match="snippets"):
        load_questions(f)
