"""UN shorthand spelled out for retrieval."""

from qa.question.abbreviations import expand_abbreviations


def test_shorthand_gets_its_long_form_appended():
    assert expand_abbreviations("Does the UN help?") == "Does the UN help? (United Nations)"
    out = expand_abbreviations("NGOs and the SG's report")
    assert "non-governmental organizations" in out and "Secretary-General" in out


def test_lower_case_words_and_plain_questions_are_left_alone():
    assert expand_abbreviations("un day of democracy") == "un day of democracy"
    assert expand_abbreviations("Where is the conference?") == "Where is the conference?"
    assert expand_abbreviations("UNICEF and UN").count("United Nations") == 2  # each long form once


def test_each_long_form_once():
    assert expand_abbreviations("UN, UN and the UN").count("United Nations") == 1
