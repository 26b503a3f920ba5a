"""Reading an answer in its resolution, in a real headless Chromium, at desktop and phone widths and
inside an iframe on another origin: the cited clause highlighted and in view, references followed,
shared links answered on load, follow-ups and "search all instead", examples from the index,
hostile text inert, and text shown as written, once. Fails (never skips) without /usr/bin/chromium.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from chat_page import (
    DESKTOP,
    PHONE,
    TIMEOUT,
    VIEWPORTS,
    ask,
    assert_clause_highlighted_in_view,
    assert_loopback_only,
    assert_no_script_ran,
    best_answer,
    new_page,
    open_citation,
    shot,
)
from indexes import AS_WRITTEN, HOSTILE_SYMBOL
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUESTION = "Which country will host the seventh conference?"
KUWAIT = "What does the Council decide about the annexation of Kuwait by Iraq?"


@pytest.mark.parametrize("viewport, name", VIEWPORTS)
def test_a_citation_opens_its_clause_highlighted_and_in_view(browser, sites, viewport, name):
    page = new_page(browser, viewport)
    try:
        page.goto(sites["app"] + "/")
        ask(page, QUESTION)
        shot(page, f"chat-answer-{name}")
        view = open_citation(page)
        assert_clause_highlighted_in_view(view, "op10")
        expect(view.locator("h1")).to_have_text("A/RES/64/12")
        panel = page.locator("#qa-panel").bounding_box()
        if viewport is DESKTOP:  # beside the chat, which stays in view
            assert panel["x"] > viewport["width"] / 3
            expect(page.get_by_placeholder("Ask about the resolution")).to_be_in_viewport()
        else:  # over the chat, the whole width
            assert panel["x"] == 0 and panel["width"] == viewport["width"]
        shot(page, f"chat-panel-{name}")
        page.get_by_role("button", name="Back to the chat").click()
        expect(page.locator("#qa-panel")).to_be_hidden()
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert_no_script_ran(page)
        assert_loopback_only(page.requests)
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport, name", VIEWPORTS)
def test_inside_an_iframe_on_another_origin(browser, sites, viewport, name):
    page = new_page(browser, viewport)
    try:
        page.goto(sites["host"] + "/iframe-default")
        frame = page.wait_for_selector("iframe").content_frame()
        ask(frame, QUESTION)
        view = open_citation(frame)
        assert_clause_highlighted_in_view(view, "op10")
        panel = frame.locator("#qa-panel").bounding_box()
        frame_box = page.locator("iframe").bounding_box()
        assert abs(panel["width"] - frame_box["width"]) < 4  # a narrow iframe: the view covers the chat in it
        shot(page, f"iframe-panel-{name}")
        frame.get_by_role("button", name="Back to the chat").click()
        expect(frame.locator("#qa-panel")).to_be_hidden()
        assert_loopback_only(page.requests)
    finally:
        page.context.close()


def test_a_reference_link_opens_the_referred_resolution(browser, sites):
    page = new_page(browser, DESKTOP)
    try:
        # in the chat: the clause recalls "its resolution 661 (1990)", which the index holds
        page.goto(sites["sc"] + "/")
        ask(page, "Which report on Côte d'Ivoire is recalled?")
        reference = best_answer(page).locator("a.qa-ref")
        expect(reference).to_have_text(re.compile(r"resolution 661 \(1990\)"))
        reference.click()
        view = page.frame_locator("#qa-panel iframe")
        expect(view.locator("h1")).to_have_text("S/RES/661 (1990)", timeout=TIMEOUT)
        # in the view: 662 refers to 661; 661 lists 662 among those referring to it
        page.goto(sites["sc"] + "/doc/S-RES-662-1990")
        page.locator("main a.qa-ref", has_text="661").first.click()
        expect(page.locator("h1")).to_have_text("S/RES/661 (1990)")
        assert page.url.endswith("/doc/S-RES-661-1990")
        referred = page.locator("nav.qa-refs p", has_text="Referred to by")
        referred.get_by_role("link", name="S/RES/662 (1990)").click()
        expect(page.locator("h1")).to_have_text("S/RES/662 (1990)")
        shot(page, "view-sc-desktop")
    finally:
        page.context.close()


@pytest.mark.parametrize("path", ["/", "/embed/"])
def test_a_shared_link_answers_its_question_on_load(browser, sites, path):
    page = new_page(browser, PHONE if path == "/embed/" else DESKTOP)
    try:
        page.goto(f"{sites['app']}{path}?q={quote(QUESTION)}&doc={quote('A/RES/64/12')}")
        expect(page.locator('[data-testid="user"]')).to_have_text(QUESTION, timeout=TIMEOUT)
        expect(best_answer(page).locator(".qa-label")).to_contain_text("operative paragraph 10", timeout=TIMEOUT)
        # its own "link to this answer" is such a link, and copies it
        share = page.locator("a.qa-share").last
        href = share.get_attribute("href")
        assert href == f"{sites['app']}/?q={quote(QUESTION, safe='')}&doc={quote('A/RES/64/12', safe='')}"
        share.click()
        expect(share).to_have_text("Link copied")
        page.goto(href)
        expect(best_answer(page).locator(".qa-label")).to_contain_text("operative paragraph 10", timeout=TIMEOUT)
    finally:
        page.context.close()


def test_a_follow_up_is_answered_in_the_previous_resolution_and_search_all_undoes_it(browser, sites, sc_engine):
    page = new_page(browser, DESKTOP)
    try:
        page.goto(sites["sc"] + "/")
        ask(page, KUWAIT)
        symbol = best_answer(page).locator(".qa-label").inner_text().split(", ")[0]
        ask(page, "When was it adopted?")
        scope = page.locator('[data-testid="bot"] .qa-scope').last
        expect(scope).to_contain_text(f"In {symbol}")
        expect(best_answer(page).locator(".qa-label")).to_have_text(f"{symbol}, title and adoption record")
        shot(page, "follow-up-desktop")
        users = page.locator('[data-testid="user"]').count()
        scope.get_by_role("link", name="search all instead").click()
        elsewhere = sc_engine.ask("When was it adopted?").citations[0].label
        expect(best_answer(page).locator(".qa-label")).to_have_text(elsewhere, timeout=TIMEOUT)
        expect(page.locator('[data-testid="bot"] .qa-scope')).to_have_count(0)
        assert page.locator('[data-testid="user"]').count() == users
    finally:
        page.context.close()


def test_examples_on_security_council_texts_are_theirs_and_answered_by_their_clause(browser, sites, sc_engine):
    examples = sc_engine.examples(4)
    page = new_page(browser, DESKTOP)
    try:
        for example in examples:
            page.goto(sites["sc"] + "/")
            button = page.get_by_role("button", name=example.question)
            expect(button).to_be_visible(timeout=TIMEOUT)
            button.click()
            label = sc_engine.document(example.doc).clause(example.unit).label
            expect(best_answer(page).locator(".qa-label")).to_have_text(label, timeout=TIMEOUT)
        expect(page.get_by_placeholder(f"Ask about the resolutions, e.g. {examples[0].question}")).to_be_visible()
        assert "seventh conference" not in page.locator("body").inner_text().lower()
    finally:
        page.context.close()


def test_hostile_text_runs_no_script_in_the_chat_or_the_view(browser, sites):
    page = new_page(browser, DESKTOP)
    try:
        attack = '<img src=x onerror="window.__xss=3;alert(3)">'
        page.goto(f"{sites['sc']}/?q={quote(attack)}")  # in a URL parameter
        expect(page.locator('[data-testid="user"]').first).to_have_text(attack, timeout=TIMEOUT)
        ask(page, "<script>window.__xss=4</script> Which mission in Côte d'Ivoire shall continue?")  # typed
        answer = best_answer(page)
        expect(answer.locator(".qa-label")).to_contain_text(HOSTILE_SYMBOL)
        expect(answer.locator(".qa-text")).to_contain_text('<img src=x onerror="window.__xss=2">')  # indexed
        view = open_citation(page)
        expect(view.locator('[id="op1"]')).to_contain_text('<img src=x onerror="window.__xss=2">')
        expect(view.locator('[id="pp2"]')).to_contain_text("<script>window.__xss=1</script>")
        frame = next(f for f in page.frames if "/embed/doc/" in f.url)
        assert frame.locator("img, script").count() == 0
        assert page.locator(".qa-chat img, .qa-chat script").count() == 0
        assert_no_script_ran(page, frame)
        page.goto(sites["sc"] + "/doc/S-RES-2999-2030")
        assert page.locator("img, script").count() == 0
        assert_no_script_ran(page)
    finally:
        page.context.close()


def test_text_shows_as_written_once_in_the_chat_the_sources_and_the_view(browser, sites):
    page = new_page(browser, DESKTOP)
    try:
        page.goto(f"{sites['sc']}/?doc={quote(HOSTILE_SYMBOL)}")  # the picker set to it: all its clauses show
        expect(page.locator(".qa-pickers input").first).to_have_value(re.compile(re.escape(HOSTILE_SYMBOL)),
                                                                          timeout=TIMEOUT)
        ask(page, AS_WRITTEN)
        expect(page.locator('[data-testid="user"]').last).to_have_text(AS_WRITTEN)
        expect(best_answer(page).locator(".qa-text")).to_contain_text(AS_WRITTEN)
        page.get_by_role("button", name=re.compile(r"^Sources \(")).last.click()
        sources = page.locator('[data-testid="bot"]').last
        expect(sources).to_contain_text("\"Tom & Jerry's\" <b>bold</b> plans")
        expect(sources).to_contain_text("3 < 5 and 7 > 2")
        chat = page.locator(".qa-chat").inner_text()
        view = open_citation(page)
        expect(view.locator('[id="pp1"]')).to_contain_text(AS_WRITTEN)
        expect(view.locator('[id="op2"]')).to_contain_text("\"Tom & Jerry's\" <b>bold</b> plans")
        shown = chat + view.locator("body").inner_text()
        for entity in ("&#x27;", "&#39;", "&amp;", "&quot;", "&lt;", "&gt;", "&#35;"):
            assert entity not in shown, entity
        shot(page, "as-written-desktop")
    finally:
        page.context.close()


class ThousandsEngine:
    """The fake engine's two resolutions among 3,000 others: the picker must stay usable."""

    def __init__(self) -> None:
        from fake_engine import FakeEngine

        self._fake = FakeEngine()

    @property
    def documents(self) -> list[dict]:
        real = [{"symbol": "A/RES/64/12", "title": "Support to new or restored democracies", "passages": 3,
                 "adopted": "2009-11-09"},
                {"symbol": "A/RES/65/141", "title": "Information and communications technologies for development",
                 "passages": 1, "adopted": "2010-12-20"}]
        made = [{"symbol": f"S/RES/{n} ({1946 + n % 48})", "title": "", "passages": 0} for n in range(3000)]
        return real + made

    def __getattr__(self, name):
        return getattr(self._fake, name)

    def ask_batch(self, questions, k=5, doc=None):
        return self._fake.ask_batch(questions, k=k, doc=doc if doc in ("A/RES/64/12", "A/RES/65/141") else None)


def test_the_picker_filters_thousands_of_documents_by_symbol_title_or_year(browser):
    from live_servers import serve_app

    from ui.server import create_app

    with serve_app(create_app(ThousandsEngine())) as base:
        page = new_page(browser, DESKTOP)
        try:
            page.goto(base + "/")
            picker = page.locator(".qa-pickers input").first
            for typed, expected in (("communications", "A/RES/65/141 — Information and communications technologies"),
                                    ("S/RES/2047", "S/RES/2047 (1977)"), ("(1990)", "S/RES/44 (1990)")):
                picker.click()
                picker.press_sequentially(typed, delay=20)  # focusing selects the text: typing replaces it
                options = page.get_by_role("option")
                expect(options.first).to_contain_text(expected, timeout=TIMEOUT)
                assert options.count() < 200  # filtered, not the 3,001 choices
                assert all(typed.lower() in text.lower() for text in options.all_inner_texts())
                page.keyboard.press("Escape")
            picker.click()
            picker.press_sequentially("communications", delay=20)
            page.get_by_role("option").first.click()
            expect(picker).to_have_value(re.compile("^A/RES/65/141"))
            ask(page, "Calls upon Member States to strengthen technologies")
            expect(best_answer(page).locator(".qa-label")).to_have_text("A/RES/65/141, operative paragraph 1",
                                                                         timeout=TIMEOUT)
        finally:
            page.context.close()


def test_filters_appear_where_the_index_holds_more_than_one_era(browser, sites):
    page = new_page(browser, DESKTOP)
    try:
        page.goto(sites["app"] + "/")  # one resolution: no picker, no filters
        expect(page.get_by_placeholder("Ask about the resolution")).to_be_visible(timeout=TIMEOUT)
        assert page.get_by_label("Years (or type 1994, 1990-1999)").count() == 0
        page.goto(sites["sc"] + "/")  # Security Council texts of 1990 and 2030: years, but one body
        years = page.get_by_label("Years (or type 1994, 1990-1999)")
        expect(years).to_be_visible(timeout=TIMEOUT)
        assert page.get_by_label("Body").count() == 0
        years.click()
        page.get_by_role("option", name="2030s").click()
        ask(page, "When was it adopted?")
        expect(best_answer(page).locator(".qa-label")).to_have_text("S/RES/2999 (2030), title and adoption record",
                                                                     timeout=TIMEOUT)
    finally:
        page.context.close()
