"""What a question says about its answer (qa.question.analysis), read before any ranking."""

import pytest

from qa.question.analysis import (
    analyze,
    bodies_named,
    dates_in,
    months_in,
    named_clauses,
    resolutions_named,
    years_in,
)


def test_named_clauses_parses_labels():
    assert named_clauses("the third operative paragraph") == {("operative", "3")}
    assert named_clauses("paragraph 13 (b) of the annex") == {("annex", "13(b)")}
    assert named_clauses("second paragraph of the preamble") == {("preambular", "2")}
    assert named_clauses("democracy and development") == set()


def test_the_last_paragraph_is_named_by_position():
    assert named_clauses("What does the last operative paragraph say?") == {("operative", "last")}
    assert named_clauses("the final paragraph of the preamble") == {("preambular", "last")}
    assert named_clauses("the last meeting") == set()


def test_dates_months_and_years():
    assert dates_in("on 9 November 2009, and 2009-11-09 or November 9, 2009") == {(2009, 11, 9)}
    assert months_in("In March 1994, what did the Council decide?") == {(1994, 3)}
    assert months_in("on 9 November 2009") == {(2009, 11)}
    assert years_in("the 1985 renewal of the force") == {1985}
    # a year inside a citation or a symbol is the resolution's, not a date the question asks about
    assert years_in("What does resolution 242 (1967) call for?") == set()
    assert years_in("resolution 62/7 of 2007") == {2007}


@pytest.mark.parametrize("question,keys", [
    ("What does resolution 242 (1967) call for?", ["S/RES/242 (1967)"]),
    ("What does resolution 242 say about withdrawal?", ["S/RES/242"]),
    ("What did 64/12 decide?", ["A/RES/64/12", "A/HRC/RES/64/12"]),
    ("Is S/RES/687 (1991) still in force?", ["S/RES/687 (1991)"]),
    ("Which resolutions, 1325 (2000) and 1820 (2008), concern women?", ["S/RES/1325 (2000)", "S/RES/1820 (2008)"]),
    ("What did the Council decide about Cyprus?", []),
])
def test_resolutions_a_question_names(question, keys):
    assert resolutions_named(question) == keys


@pytest.mark.parametrize("question,bodies", [
    ("What did the Council decide in 1990?", ["SC"]),
    ("What did the Security Council demand?", ["SC"]),
    ("Did the Security Council go along with the General Assembly's decision?", ["SC", "GA"]),
    ("What did the Assembly request?", ["GA"]),
    ("What did the Human Rights Council say about children?", ["HRC"]),
    ("What questionnaire did the Trusteeship Council send?", []),
    ("What are the conclusions?", []),
])
def test_the_body_a_question_names(question, bodies):
    assert bodies_named(question) == bodies


@pytest.mark.parametrize("question,establishing", [
    ("Which resolution set up the sanctions committee on Iraq?", True),
    ("Which Council resolution created the observer mission in El Salvador?", True),
    ("Which resolution first imposed sanctions on Southern Rhodesia?", True),
    ("When was UNIKOM established?", True),
    ("what res created UNPROFOR in 1992", True),
    ("What did the Council decide about the establishment of a cease-fire?", False),
    ("Until when was the force extended?", False),
])
def test_a_question_asking_for_the_establishing_act(question, establishing):
    assert analyze(question).establishing is establishing


def test_decisions_names_acronyms_and_the_record():
    a = analyze("What did the Council demand of Iraq after UNIKOM reported in March 1991?")
    assert a.decision and a.bodies == ("SC",)
    assert a.acronyms == ("UNIKOM",)
    assert "Iraq" in a.names and "Council" not in a.names and "What" not in a.names
    assert a.months == {(1991, 3)}
    assert analyze("Which country abstained when the Council condemned the declaration?").record
    assert not analyze("Which country hosts the next conference?").record


@pytest.mark.parametrize("question", [
    "In what kind of meeting did the Council recommend him for a second term?",
    "was his 2nd term recommended in a private mtg of the council?",
    "At which meeting was it adopted?",
    "Was it adopted at a closed meeting?",
])
def test_questions_about_the_meeting_ask_for_the_adoption_record(question):
    assert analyze(question).record


@pytest.mark.parametrize("question,member", [
    ("Was Japan among the States that endorsed the declaration?", "Japan"),
    ("is Brazil on the list of countries that made that pledge?", "Brazil"),
    ("was turkiye one of the sponsors of the draft?", "turkiye"),
    ("Which country is among the largest contributors?", ""),  # asks which, names none
    ("What is the mandate of the force?", ""),
])
def test_a_question_asking_whether_a_state_is_in_a_list(question, member):
    assert analyze(question).member == member


@pytest.mark.parametrize("question,day", [
    ("On what date were the elections held to replace the judges?", True),
    ("by when did it want the next report?", True),
    ("when's the vote to fill the seat on the ICJ?", True),
    ("start and end dates of his first term?", True),
    ("When was UNIKOM established?", False),  # a year would do
    ("How long was the first mandate?", False),
])
def test_a_question_asking_for_a_day(question, day):
    assert analyze(question).day is day


def test_a_meeting_the_question_speaks_of_is_not_a_record_question():
    assert not analyze("Which country will host the next meeting of the parties?").record


def test_names_come_from_the_question_as_typed_not_its_expansion():
    a = analyze("Was a conference held in Mongolia? (Ulaanbaatar)", typed="Was a conference held in Mongolia?")
    assert a.names == ("Mongolia",)
