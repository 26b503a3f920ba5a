"""The engine over the whole shared collection (~900 resolutions): the document it picks for each
signal a question gives, operative text for decisions, the establishing act, renewals told apart by
date, and abstention that holds over thousands of documents sharing a few words with any question.
The questions here are none of the question sets' (those are measured, not asserted, here)."""

import pytest


def first(engine, question, **filters):
    answer = engine.ask(question, k=10, **filters)
    return answer, answer.citations[0]


@pytest.mark.parametrize("question,doc", [
    ("What does resolution 242 (1967) call for?", "S/RES/242 (1967)"),       # number and year
    ("What did resolution 661 decide about imports from Iraq?", "S/RES/661 (1990)"),  # number alone
    ("What does 65/141 say about the Internet Governance Forum?", "A/RES/65/141"),  # session style
    ("What did S/RES/827 (1993) set up?", "S/RES/827 (1993)"),               # a symbol
])
def test_a_resolution_named_by_number_comes_first(collection_engine, question, doc):
    _, top = first(collection_engine, question)
    assert top.doc == doc


@pytest.mark.parametrize("month,doc,end", [
    ("May 1971", "S/RES/293 (1971)", "15 December 1971"),
    ("December 1971", "S/RES/305 (1971)", "15 June 1972"),
])
def test_near_identical_renewals_are_told_apart_by_the_date(collection_engine, month, doc, end):
    answer, top = first(collection_engine, f"In {month}, until when did the Council extend the stationing "
                                           "of the peace-keeping force in Cyprus?")
    assert top.doc == doc and end in " ".join(top.text.split())


def test_an_acronym_finds_the_resolutions_that_spell_the_name_out(collection_engine):
    # yearbook texts of 1992 say "United Nations Protection Force" where users type UNPROFOR
    _, top = first(collection_engine, "When did the Council authorize the full deployment of UNPROFOR?")
    assert top.doc.endswith("(1992)") and "Protection Force" in top.text and "deploy" in top.text


@pytest.mark.parametrize("question,doc", [
    ("Which resolution set up the sanctions committee on Iraq and Kuwait?", "S/RES/661 (1990)"),
    ("Which resolution created the United Nations Observer Mission in Liberia?", "S/RES/866 (1993)"),
    # the mission by its acronym, where its renewals name it as often
    ("Which Security Council resolution established ONUMOZ?", "S/RES/797 (1992)"),
    ("what res created UNPROFOR in 1992", "S/RES/743 (1992)"),  # "res", shorthand for resolution
    # "Decides that ... shall be established" and "... is hereby established" establish too
    ("Which resolution set up UNTAC in Cambodia?", "S/RES/745 (1992)"),
])
def test_which_resolution_established_gets_the_establishing_act(collection_engine, question, doc):
    _, top = first(collection_engine, question)
    assert top.doc == doc and top.kind == "operative"
    assert any(w in top.text.lower() for w in ("establish", "set up", "create"))


def test_later_texts_point_to_the_establishing_resolution(collection_engine):
    # many later resolutions speak of "the Committee established by resolution 661 (1990)"
    graph = collection_engine.citation_graph
    assert len(graph.cited_by("S/RES/661 (1990)")) >= 5
    card = collection_engine.document_card("S/RES/661 (1990)")
    assert card["referred_by_count"] == len(graph.cited_by("S/RES/661 (1990)"))
    assert len(card["referred_by"]) <= 50


@pytest.mark.parametrize("question", [
    "What did the Security Council demand of Iraq about Kuwait in August 1990?",
    "What did the Council decide about the official languages of the Security Council in 1982?",
])
def test_what_the_council_decided_is_an_operative_paragraph(collection_engine, question):
    _, top = first(collection_engine, question)
    assert top.kind == "operative"


def test_the_body_a_question_names(collection_engine):
    _, top = first(collection_engine, "What has the General Assembly said about the Arms Trade Treaty?")
    assert top.doc.startswith("A/RES/")


@pytest.mark.parametrize("question", [
    "What is the Council's position on bitcoin and other cryptocurrency?",
    "What does the Aarhus Convention on access to environmental information require of States?",
    "What did the Security Council decide about the Ebola epidemic?",
    "When did the Council recommend Tuvalu for admission to the United Nations?",
])
def test_out_of_scope_questions_abstain_over_the_collection(collection_engine, question):
    answer = collection_engine.ask(question)
    assert answer.answered is False and "does not address" in answer.message
    assert answer.citations  # the closest passages are still shown


@pytest.mark.parametrize("question", [
    "What does resolution 242 (1967) call for?",
    "Which resolution set up the sanctions committee on Iraq and Kuwait?",
    "When did the Council authorize the full deployment of UNPROFOR?",
])
def test_answerable_questions_are_answered(collection_engine, question):
    assert collection_engine.ask(question).answered


def test_filters_narrow_the_collection(collection_engine):
    a = collection_engine.ask("peace-keeping force in Cyprus", k=20, body="SC", years="1970-1979")
    assert a.citations and all(c.doc.startswith("S/RES/") for c in a.citations)
    assert all(1970 <= int(c.doc[-5:-1]) <= 1979 for c in a.citations)
    f = collection_engine.filters()
    assert {"GA", "SC", "HRC"} <= set(f["bodies"]) and f["years"][0] <= 1946 and f["years"][1] >= 2025


@pytest.mark.parametrize("typed", [
    "Which country did the Security Council recomend for admision to the United Nations in December 1946?",
    "which country did the SC recommend for UN membership in dec 1946?",
])
def test_typos_and_shorthand_do_not_abstain(collection_engine, typed):
    # the same question as written in full: answered, from the same resolution of December 1946
    written = "Which country did the Security Council recommend for admission to the United Nations in December 1946?"
    answer, top = first(collection_engine, typed)
    assert answer.answered, answer.message
    assert top.doc.endswith("(1946)") and top.doc in {c.doc for c in collection_engine.ask(written, k=3).citations}


@pytest.mark.parametrize("question,doc,unit", [
    ("What does the first operative paragraph of resolution 251 (1968) say?", "S/RES/251 (1968)", "opu1"),
    ("What does the last operative paragraph of resolution 2773 (2025) say?", "S/RES/2773 (2025)", "op18"),
    ("Quote the first operative paragraph of resolution 34 (1947)", "S/RES/34 (1947)", "op(a)"),
    ("What does the second operative paragraph of resolution 61 (1948) say?", "S/RES/61 (1948)", "opu2"),
])
def test_paragraphs_named_by_position_unnumbered_or_lettered(collection_engine, question, doc, unit):
    _, top = first(collection_engine, question)
    assert (top.doc, top.unit) == (doc, unit)


def test_the_paragraph_opening_with_the_verb_asked_about(collection_engine):
    # S/RES/188 (1964) "Condemns reprisals ..." (op1) and "Deplores the British military action ..." (op2)
    _, top = first(collection_engine, "What did the Council condemn after the British air raid on Yemen in 1964?")
    assert top.doc == "S/RES/188 (1964)" and top.text.startswith("Condemns")


def test_the_day_of_adoption_picks_the_resolution(collection_engine):
    # three resolutions on Iraq and Kuwait in August 1990: the day tells them apart
    _, top = first(collection_engine, "What did the Security Council decide on 9 August 1990?")
    assert top.doc == "S/RES/662 (1990)"


@pytest.mark.parametrize("question,member", [
    ("Was Indonesia among the States that said they would not be the first to place weapons in outer space?",
     "Indonesia"),
    ("Is Albania one of the States that endorsed the political declaration on the Arms Trade Treaty?", "Albania"),
])
def test_whether_a_state_is_among_them_is_answered_by_the_list_naming_it(collection_engine, question, member):
    # the list is a footnote or a long paragraph; the operative paragraphs speak of "States" only
    _, top = first(collection_engine, question)
    assert member in top.text and top.text.count(",") >= 5


def test_a_question_asking_for_a_day_gets_the_paragraph_that_names_it(collection_engine):
    # the preamble names the judge and the resignation's day; the operative paragraph, the election's
    _, top = first(collection_engine, "On what date is the election to replace Judge Yusuf at the World Court?")
    assert top.doc == "S/RES/2784 (2025)" and "12 November 2025" in top.text


def test_who_abstained_is_the_adoption_record_of_the_resolution_asked_about(collection_engine):
    # the day before, S/RES/331 (1973) was adopted "in the absence of objections": its note must not win
    _, top = first(collection_engine, "Who abstained when the Council condemned Israel's repeated military "
                                      "attacks against Lebanon in April 1973?")
    assert top.doc == "S/RES/332 (1973)" and "abstention" in top.text.lower()
