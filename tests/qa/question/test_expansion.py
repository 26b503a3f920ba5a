"""The question as the rankers see it (qa.question.expansion)."""

from qa.question.expansion import expand_question


def test_shorthand_and_places_get_the_names_resolutions_use():
    assert expand_question("Does the UN act?") == "Does the UN act? (United Nations)"
    assert expand_question("Does the UN help?") == "Does the UN help? (United Nations; assistance support)"
    assert expand_question("Was a conference held in Mongolia?").endswith("(Ulaanbaatar)")
    assert "Qatar" in expand_question("what happened in doha")


def test_a_place_inside_a_name_is_not_expanded():
    assert expand_question("Doha Declaration") == "Doha Declaration"
    assert expand_question("the Vienna Programme of Action") == "the Vienna Programme of Action"


def test_plain_question_unchanged():
    q = "Why is follow-up to the Sixth International Conference important?"
    assert expand_question(q) == q
