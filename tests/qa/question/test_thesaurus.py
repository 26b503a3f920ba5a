"""Plain words to the resolution register (qa.question.thesaurus)."""

from qa.question.thesaurus import register_words


def test_plain_words_get_the_register_words():
    assert register_words("Can the blue helmets use force?") == ["peacekeeping personnel", "all necessary means"]
    assert "children" in " ".join(register_words("rights of kids in court"))
    assert "landlocked" in register_words("countries with no coastline")


def test_fixed_phrases_and_words_already_there_add_nothing():
    assert register_words("Are human rights, the rule of law and democracy linked?") == []
    assert register_words("Should children get legal assistance?") == []


def test_longest_phrase_wins_and_each_once():
    out = register_words("poorer countries and poorer countries")
    assert out == ["developing"]  # "countries" is already in the question


def test_who_abstained_reads_the_records_abstentions():
    # adoption records print "4 abstentions (China, Guinea, ...)"; "abstained" and "abstentions" stem apart
    assert "abstentions" in register_words("Which members abstained on the April 1973 resolution?")
