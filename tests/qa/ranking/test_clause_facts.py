"""What a clause's own text says it does, read once at build time (qa.ranking.clauses.clause_facts):
here, whether an operative paragraph sets something up, the evidence for "which resolution
established ...". The renewals and later texts that name the body set nothing up."""

import pytest

from qa.ranking.clauses import clause_facts


@pytest.mark.parametrize("text", [
    "Decides to establish, under its authority, a United Nations Protection Force;",
    "Decides hereby to establish an international tribunal for the sole purpose of prosecuting persons;",
    "Decides that the United Nations Transitional Authority in Cambodia shall be established under its authority;",
    "Adopts the following resolution: A Commission of the Security Council is hereby established;",
    "Requests the Secretary-General to establish, as a matter of urgency, an impartial Commission of Experts;",
    "Establishes a United Nations Observer Mission in Georgia;",
])
def test_an_operative_paragraph_that_sets_something_up(text):
    assert clause_facts("operative", text, 1992, None).get("establishes") is True


@pytest.mark.parametrize("text", [
    "Requests the Committee established by resolution 661 (1990) to report;",
    "Decides to extend the mandate of the Force for a further period of six months;",
    "Notes that the Mission is established under resolution 866 (1993);",
])
def test_paragraphs_that_only_name_what_another_set_up(text):
    assert "establishes" not in clause_facts("operative", text, 1992, None)


def test_a_preambular_paragraph_establishes_nothing():
    assert "establishes" not in clause_facts("preambular", "Recalling that it decided to establish the Force,", 1992, None)


@pytest.mark.parametrize("text,day", [
    ("Calls upon Member States to provide the Secretary-General, by 31 May annually, with their data;", True),
    ("Decides that the election shall take place on 27 May 2025 at a meeting of the Security Council;", True),
    ("Requests a report by June 15;", True),
    ("Decides to extend the mandate until the end of May 1994;", False),  # a month, no day
    ("Notes that paragraph 5 may be reviewed;", False),  # "5 may" is no date
])
def test_a_clause_naming_a_day_of_a_month(text, day):
    assert bool(clause_facts("operative", text, 1994, None).get("day")) is day
