"""Example questions built by rule from the indexed texts, each answered by the clause it came from."""

from qa.answers.answer import Answer
from qa.question.examples import candidate_examples, choose_examples, resolution_number, subjects_named


def assert_answered_by_their_clauses(engine, examples) -> None:
    for example in examples:
        answer = engine.ask(example.question)
        best = answer.citations[0]
        assert answer.answered and (best.doc, best.unit) == (example.doc, example.unit), example


def test_examples_on_security_council_texts_are_about_them(sc_engine):
    examples = sc_engine.examples(4)
    assert len(examples) >= 3
    symbols = {d["symbol"] for d in sc_engine.documents}
    assert all(e.doc in symbols and e.doc.startswith("S/RES/") for e in examples)
    assert len({e.doc for e in examples}) == len(examples)  # spread over the documents
    for example in examples:
        if example.rule == "record":  # "When was resolution 662 (1990) adopted?": that resolution's record
            assert resolution_number(example.doc) in example.question and example.unit == "meta"
            continue
        assert "Security Council" in example.question or "Secretary-General" in example.question
        # the subject it asks about is the clause's own words
        clause = sc_engine.document(example.doc).clause(example.unit)
        subject = example.question.rsplit("regarding ", 1)[-1].rstrip("?").removeprefix("the ")
        assert subject in clause.text, (example.question, clause.text)
    assert not any("seventh conference" in e.question.lower() for e in examples)
    assert_answered_by_their_clauses(sc_engine, examples)


def test_examples_on_the_default_resolution(default_engine):
    examples = default_engine.examples(4)
    assert len(examples) == 4 and len({e.unit for e in examples}) == 4
    rules = {e.rule for e in examples}
    assert "host" in rules and "record" in rules
    host = next(e for e in examples if e.rule == "host")
    assert host.unit == "op10" and host.question.startswith("Which country will host the Seventh International")
    assert_answered_by_their_clauses(default_engine, examples)


def test_only_examples_answered_by_their_own_clause_are_offered(default_engine):
    documents = [default_engine.document("A/RES/64/12")]
    target = candidate_examples(documents)[1]

    def cite(question, unit, answered=True):
        clause = documents[0].clause(unit)
        return Answer(question, answered, "", (clause.citation("A/RES/64/12"),))

    # an engine citing another clause for every question but one
    assert choose_examples(documents, lambda q: cite(q, target.unit if q == target.question else "pp1")) == [target]
    # the right clause, but as the closest passage of an abstention: not an answer
    assert choose_examples(documents, lambda q: cite(q, target.unit, answered=False)) == []


def test_a_question_two_clauses_would_give_is_not_a_candidate(default_engine):
    questions = [e.question for e in candidate_examples([default_engine.document("A/RES/64/12")])]
    assert len(questions) == len(set(questions))
    # three clauses open "Requests the Secretary-General to" with no subject: the bare question is ambiguous
    assert "What is the Secretary-General requested to do?" not in questions


def test_subjects_are_names_and_places_of_the_clause():
    text = ("Welcomes the decision of the Government of the Bolivarian Republic of Venezuela to host the "
            "Seventh International Conference of New or Restored Democracies in 2010;")
    assert subjects_named(text) == ["the Bolivarian Republic of Venezuela",
                                    "the Seventh International Conference of New or Restored Democracies"]
    assert subjects_named("Requests the Secretary-General to report to Cuba and Yemen") == ["Cuba", "Yemen"]
    assert subjects_named("Decides that the United Nations shall act") == []


def test_resolution_numbers_as_resolutions_cite_them():
    assert resolution_number("A/RES/64/12") == "64/12"
    assert resolution_number("S/RES/661 (1990)") == "661 (1990)"
    assert resolution_number("A/HRC/RES/25/6") == "25/6"
