"""The chat's texts come from the index it serves: header, placeholder, examples, picker, filters."""

import re

from fake_engine import FakeEngine

from ui.index_texts import index_texts

OLD_EXAMPLE = "Which country will host the seventh conference?"


def test_one_resolution_is_named_with_its_title(engine):
    texts = index_texts(engine)
    assert "**A/RES/64/12**: Support by the United Nations system" in texts.header
    assert "(General Assembly, 2009)" in texts.header
    assert texts.placeholder == f"Ask about the resolution, e.g. {texts.examples[0]}"
    assert len(texts.examples) == 4 and OLD_EXAMPLE not in texts.examples
    assert texts.documents[0] == ("All resolutions", "")


def test_security_council_texts_get_their_own_header_and_examples(sc_engine):
    texts = index_texts(sc_engine)
    assert texts.header.startswith("# Ask UN resolutions\nSearching 9 resolutions (Security Council 1990–2030 (9)")
    assert texts.placeholder.startswith("Ask about the resolutions, e.g. ")
    assert texts.examples and all("Security Council" in q or "Secretary-General" in q or re.search(r"\(\d{4}\)", q)
                                  for q in texts.examples)
    assert "General Assembly" not in texts.header + " ".join(texts.examples)
    labels = dict((symbol, label) for label, symbol in texts.documents)
    assert labels["S/RES/661 (1990)"] == "S/RES/661 (1990)"  # its year is in the symbol already


class Mixed(FakeEngine):
    """Two bodies, two decades, and the filters API."""

    @property
    def documents(self):
        return [{"symbol": "A/RES/64/12", "title": "Support for *democracies* <b>", "passages": 3,
                 "body": "General Assembly", "adopted": "2009-11-09"},
                {"symbol": "S/RES/661 (1990)", "title": "", "passages": 2, "body": "Security Council"}]

    def filters(self):
        return {"bodies": ["GA", "SC"], "years": [1990, 2009]}


def test_filters_appear_when_the_index_holds_more_than_one_body_or_era():
    texts = index_texts(Mixed())
    assert texts.bodies == (("All bodies", ""), ("General Assembly", "GA"), ("Security Council", "SC"))
    assert texts.years == (("All years", ""), ("1990s", "1990-1999"), ("2000s", "2000-2009"))
    # picker: oldest first, the year shown, so typing a symbol, a title word or a year finds it
    assert [symbol for _, symbol in texts.documents] == ["", "S/RES/661 (1990)", "A/RES/64/12"]
    assert texts.documents[2][0] == "A/RES/64/12 — Support for *democracies* <b> · 2009"


class One(Mixed):
    @property
    def documents(self):
        return super().documents[:1]


def test_markdown_and_html_in_a_title_stay_text_in_the_header():
    header = index_texts(One()).header
    assert "Support for &#42;democracies&#42; &lt;b&gt;" in header and "<b>" not in header


def test_no_filters_for_one_body_or_an_engine_without_them(engine, fake_engine):
    assert index_texts(engine).bodies == index_texts(engine).years == ()
    assert index_texts(fake_engine).bodies == ()  # two bodies' worth of symbols, but no filters() to call


class _Following:
    """A LiveEngine's face to the chat: `current` is the engine of the index served now."""

    def __init__(self, current) -> None:
        self.current = current


def test_a_page_opened_after_a_new_index_build_offers_that_index_s_documents_and_filters(engine):
    from ui.app import current_pickers

    live = _Following(engine)
    assert all(u == gr_skip() for u in current_pickers(live, engine))  # the same build: nothing changes
    live.current = Mixed()  # the folder was rebuilt with two bodies and two eras
    doc, body, years = current_pickers(live, engine)
    assert [symbol for _, symbol in doc["choices"]] == ["", "S/RES/661 (1990)", "A/RES/64/12"]
    assert body["choices"] == [("All bodies", ""), ("General Assembly", "GA"), ("Security Council", "SC")]
    assert doc["visible"] and body["visible"] and years["visible"]  # one resolution before: all hidden then


def gr_skip():
    import gradio as gr

    return gr.skip()


def test_the_texts_of_an_engine_do_not_keep_it_alive_after_a_reload():
    import gc
    import weakref

    from ui.app import texts_for

    old = Mixed()
    first = texts_for(old)
    assert texts_for(old) is first  # built once per engine
    gone = weakref.ref(old)
    del old
    gc.collect()
    assert gone() is None  # a swapped-out index is freed, not held by the chat's cache
