"""The gazetteer behind "where" questions and unknown-place abstention."""

import pytest

from qa.question.places import mentions_place, places_in_question, places_named


@pytest.mark.parametrize("text", [
    "adopted in Manila in 1988",
    "the Government of the Bolivarian Republic of Venezuela",
    "hosted by the Government of Qatar in Doha",
    "in North and South Kivu and in Ituri",
    "landlocked developing countries in Africa",
])
def test_resolution_text_naming_a_place(text):
    assert mentions_place(text)


@pytest.mark.parametrize("text", [
    "Takes note with appreciation of the report of the Secretary-General;",
    "Guinean", "chad", "the Republican platform",
])
def test_text_without_a_place(text):
    assert not mentions_place(text)


def test_longest_name_wins():
    assert places_named("South Sudan and the Sudan") == ["South Sudan", "Sudan"]


def test_question_case_counts_unless_typed_all_lower_case():
    assert places_in_question("What about Turkey?") == ["Turkey"]
    assert places_in_question("Recipes for roast turkey, Chef?") == []
    assert places_in_question("sanctions on iran") == ["iran"]
