"""A body the question names that no indexed resolution speaks of (qa.abstention.bodies), over the
shared collection: every other word of such a question is in some paragraph, the body is not."""

import pytest


@pytest.mark.parametrize("question,acronym", [
    ("Which resolution established UNMIK?", "UNMIK"),
    ("Which resolution set up the UN Interim Administration Mission in Kosovo?", "UNMIK"),  # spelled out
    ("What did the Council decide about the mandate of UNAMID in Darfur?", "UNAMID"),
    ("Which resolution created the ICTR?", "ICTR"),
])
def test_a_body_no_indexed_resolution_names_abstains_and_says_which(collection_engine, question, acronym):
    answer = collection_engine.ask(question)
    assert not answer.answered
    assert f"names {acronym} (" in answer.message and "no indexed resolution mentions" in answer.message
    assert answer.citations  # the closest passages are still shown


@pytest.mark.parametrize("question", [
    "Which resolution created UNPROFOR?",  # the 1992 texts spell it out: "United Nations Protection Force"
    "What did the Council ask of the ICJ judges' election?",  # the corpus writes International Court of Justice
    # an acronym of unknown meaning (the resolution writes "Union de transports aériens flight 772")
    "What did the Council urge Libya to do about the bombings of Pan Am 103 and UTA 772?",
    # the question says what its acronym stands for
    "What did the Assembly urge for the UN Regional Centre for Peace and Disarmament in Africa (UNREC)?",
    "after the Geneva accords, did the council OK sending UN military officers?",  # an everyday word
])
def test_bodies_the_corpus_names_or_that_say_nothing_do_not_abstain(collection_engine, question):
    answer = collection_engine.ask(question)
    assert "no indexed resolution mentions" not in answer.message


def test_a_filter_narrows_what_must_name_the_body(collection_engine):
    # UNIKOM is named by Council resolutions of the 1990s, by no General Assembly one indexed
    assert "UNIKOM" not in collection_engine.ask("When was UNIKOM set up?").message
    answer = collection_engine.ask("What did the Assembly say about UNIKOM?", body="GA")
    assert not answer.answered
    assert "names UNIKOM (" in answer.message and "none of the resolutions searched mentions" in answer.message
