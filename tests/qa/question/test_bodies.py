"""Acronyms of missions and bodies: the corpus's own definitions and the curated table."""

from qa.question.bodies import UN_BODIES, AcronymTable, acronym_definitions


def test_definitions_read_from_text():
    text = ("Decides to establish a United Nations Iraq-Kuwait Observation Mission (UNIKOM), Welcoming the "
            "United Nations Protection Force (UNPROFOR), recalling resolution 1514 (XV)")
    assert acronym_definitions(text) == [("UNIKOM", "United Nations Iraq-Kuwait Observation Mission"),
                                         ("UNPROFOR", "United Nations Protection Force")]


def test_a_session_number_or_a_lone_capital_is_no_acronym():
    assert acronym_definitions("General Assembly resolution 2625 (XXV) and annex (A)") == []
    assert acronym_definitions("no brackets at all") == []


def test_the_table_expands_both_ways_and_the_corpus_wins():
    table = AcronymTable([("UNIKOM", "United Nations Iraq-Kuwait Observation Mission")] * 2
                         + [("UNIKOM", "Iraq-Kuwait Mission")])
    assert table.expand("What did UNIKOM monitor?") == ["United Nations Iraq-Kuwait Observation Mission"]
    assert table.expand("the united nations iraq-kuwait observation mission") == ["UNIKOM"]
    assert "UNFICYP" in UN_BODIES and table.expand("UNFICYP's mandate") == [UN_BODIES["UNFICYP"]]
    assert table.expand("What is the mandate?") == []
