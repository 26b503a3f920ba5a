"""Follow-ups: a question without subjects of its own is about the previous answer's resolution."""

import pytest

from qa.answers.document import document_from_clauses
from qa.question.followup import FollowUp, clauses_asked, follow_up, own_subjects


@pytest.mark.parametrize("question, kind", [
    ("When was it adopted?", FollowUp.DOCUMENT),
    ("Who voted for it?", FollowUp.DOCUMENT),
    ("What does the Council decide?", FollowUp.DOCUMENT),
    ("What does operative paragraph 5 say?", FollowUp.DOCUMENT),
    ("What does footnote 4 say?", FollowUp.DOCUMENT),
    ("What are its main provisions?", FollowUp.DOCUMENT),
    ("What does it say about Kuwait?", FollowUp.DOCUMENT),  # "it": the previous text, about Kuwait
    ("What does the next paragraph say?", FollowUp.NEXT),
    ("And the following one?", FollowUp.NEXT),
    ("What does the previous paragraph say?", FollowUp.PREVIOUS),
    ("And the footnote?", FollowUp.FOOTNOTE),
    ("What do its footnotes say?", FollowUp.FOOTNOTE),
    ("Which country will host the seventh conference?", FollowUp.NONE),
    ("What about sanctions against Iraq?", FollowUp.NONE),
    ("When was resolution 678 (1990) adopted?", FollowUp.NONE),  # names a resolution of its own
    ("What does A/RES/62/7 say?", FollowUp.NONE),
    ("Is it true that the Council condemned the invasion?", FollowUp.NONE),
])
def test_follow_up_or_own_subject(question, kind):
    assert follow_up(question) is kind


def test_own_subjects_are_what_is_left_of_the_question():
    assert own_subjects("When was it adopted?") == []
    assert own_subjects("Which country will host the seventh conference?") == ["countri", "host", "confer"]


DOC = document_from_clauses({"symbol": "S/RES/9 (1999)"}, [
    {"unit": "meta", "kind": "meta", "label": "S/RES/9 (1999), title and adoption record", "text": "Resolution 9"},
    {"unit": "pp1", "kind": "preambular", "label": "S/RES/9 (1999), preambular paragraph 1", "text": "Recalling,"},
    {"unit": "op1", "kind": "operative", "label": "S/RES/9 (1999), operative paragraph 1", "text": "Decides,",
     "footnotes": [{"unit": "fn1", "label": "S/RES/9 (1999), footnote 1", "text": "S/1."}]},
    {"unit": "op2", "kind": "operative", "label": "S/RES/9 (1999), operative paragraph 2", "text": "Requests;"},
    {"unit": "fn1", "kind": "footnote", "label": "S/RES/9 (1999), footnote 1", "text": "S/1.",
     "cited_by": [{"unit": "op1", "label": "S/RES/9 (1999), operative paragraph 1"}]},
])


def test_the_clause_a_follow_up_names():
    assert clauses_asked(FollowUp.NEXT, DOC, "op1") == ["op2"]
    assert clauses_asked(FollowUp.PREVIOUS, DOC, "op1") == ["pp1"]
    assert clauses_asked(FollowUp.FOOTNOTE, DOC, "op1") == ["fn1"]
    assert clauses_asked(FollowUp.FOOTNOTE, DOC, "fn1") == ["fn1"]


def test_no_clause_named_leaves_it_to_the_search():
    assert clauses_asked(FollowUp.NEXT, DOC, "op2") is None  # the last paragraph
    assert clauses_asked(FollowUp.FOOTNOTE, DOC, "op2") is None  # cites none
    assert clauses_asked(FollowUp.DOCUMENT, DOC, "op1") is None
    assert clauses_asked(FollowUp.NEXT, DOC, None) is None
