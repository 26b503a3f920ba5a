"""What a resolution cannot answer: checks against the document's own words (qa.abstention.scope)."""

import pytest

from qa.abstention.scope import DocumentScope

DOC = "A/RES/64/12"


@pytest.fixture(scope="module")
def scope():
    s = DocumentScope()
    for text in [
        "Resolution adopted by the General Assembly on 9 November 2009 at its 41st plenary meeting.",
        "Recalling the conferences adopted in Manila in 1988 and Ulaanbaatar in 2003,",
        "Welcomes the decision of Venezuela to host the Seventh International Conference in 2010;",
        "Requests a report at its sixty-sixth session;",
    ]:
        s.add(DOC, text)
    return s


@pytest.mark.parametrize("question,reason", [
    ("What sanctions are imposed on Iran?", "names Iran"),
    ("what about iran", "names iran"),
    ("What happened in 2015?", "names the year 2015"),
    ("When will the Eighth International Conference take place?", "names the eighth"),
    ("Is there a 9th conference?", "names the 9th"),
    ("Which countries voted against the resolution?", "vote"),
    ("Who co-sponsored the draft?", "sponsor"),
    ("How much money does the Fund get?", "amount of money"),
])
def test_questions_the_text_cannot_answer(scope, question, reason):
    assert reason in (scope.unsupported(question, [DOC]) or "")


@pytest.mark.parametrize("question", [
    "Where was the 1988 conference held?",
    "Which country hosts the seventh conference?",
    "Was any of the conferences held in Mongolia?",  # its capital, Ulaanbaatar, is named
    "What happens at the sixty-sixth session?",
    "What does the third operative paragraph say?",  # an ordinal naming a paragraph
    "How many conferences were held?",
    "Venezuela",
])
def test_questions_it_may_answer(scope, question):
    assert scope.unsupported(question, [DOC], names_a_paragraph="paragraph" in question) is None


def test_any_of_several_documents_may_hold_it(scope):
    scope.add("S/RES/1", "Expresses concern about Iran.")
    assert scope.unsupported("What about Iran?", [DOC, "S/RES/1"]) is None
    assert "documents do not" in scope.unsupported("What about Peru?", [DOC, "S/RES/1"])


def test_an_ordinal_is_a_whole_word():
    s = DocumentScope()
    s.add(DOC, "at the sixty-fourth session, the four meetings of the Advisory Board")
    assert "fourth" in s.unsupported("When was the fourth meeting?", [DOC])
    assert s.unsupported("What happened at the sixty-fourth session?", [DOC]) is None


def test_text_added_after_a_question_counts_for_the_next_one():
    # The per-document facts are read once and kept: adding a clause must refresh them.
    s = DocumentScope()
    s.add(DOC, "Welcomes the Seventh International Conference in 2010;")
    assert "2015" in (s.unsupported("What happened in 2015?", [DOC]) or "")
    assert s.unsupported("What did the 41st meeting decide?", [DOC]) is not None
    s.add(DOC, "Decides to review it in 2015 at its 41st plenary meeting and in the sixty-fourth session;")
    assert s.unsupported("What happened in 2015?", [DOC]) is None
    assert s.unsupported("What did the 41st meeting decide?", [DOC]) is None
    assert s.unsupported("What about the sixty-fourth session?", [DOC]) is None
    assert s.unsupported("What about the fourth session?", [DOC]) is not None  # not inside "sixty-fourth"
