"""The chat in a real headless Chromium, embedded in a page of another origin: by iframe and by web component.

These fail (never skip) when /usr/bin/chromium is missing: `apt-get install chromium`.
"""

from __future__ import annotations

import re

import pytest
from chat_page import (
    ARTIFACTS,
    DESKTOP,
    PHONE,
    ask,
    assert_clause_highlighted_in_view,
    assert_loopback_only,
    new_page,
    open_citation,
)
from playwright.sync_api import Frame, Page, expect

pytestmark = pytest.mark.browser

QUESTION = "Which country will host the seventh conference?"
XSS = "<img src=x onerror=alert(1)>"
XSS_FLAG = "<img src=x onerror=window.__xss=1>"


@pytest.fixture
def page(browser, sites):
    page = new_page(browser, DESKTOP)
    yield page
    page.context.close()


def check_answer_and_escaping(scope: Page | Frame, page: Page) -> None:
    ask(scope, QUESTION)
    answer = scope.locator(".qa-citation:visible").last  # the best clause; the sources start collapsed
    expect(answer.locator(".qa-label")).to_contain_text("operative paragraph 10", timeout=30_000)
    expect(answer.locator("mark")).to_be_visible()
    expect(scope.locator(".qa-cite textarea, .qa-cite input").first).to_have_value("A/RES/64/12, operative paragraph 10")
    for attack in (XSS, XSS_FLAG):
        ask(scope, attack)
        expect(scope.locator('[data-testid="user"]').filter(has_text=attack).last).to_have_text(attack)
    scope.wait_for_timeout(500)
    assert page.dialogs == [], "a script injected through the question ran"
    assert scope.evaluate("() => window.__xss") is None
    assert scope.locator('[data-testid="user"] img, [data-testid="bot"] img').count() == 0


def test_iframe_on_another_origin_answers_and_escapes(page, sites):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(sites["host"] + "/iframe")
    frame = page.wait_for_selector("iframe").content_frame()
    check_answer_and_escaping(frame, page)
    page.screenshot(path=str(ARTIFACTS / "iframe-desktop.png"), full_page=True)
    assert_loopback_only(page.requests)


def test_web_component_on_another_origin_answers_and_escapes(page, sites):
    page.goto(sites["host"] + "/widget")
    check_answer_and_escaping(page, page)
    # a citation opens the document view over the host page, from the app's own server
    ask(page, QUESTION)
    assert_clause_highlighted_in_view(open_citation(page), "op10")
    page.get_by_role("button", name="Back to the chat").click()
    page.screenshot(path=str(ARTIFACTS / "widget-desktop.png"), full_page=True)
    assert any(u.startswith(sites["app"] + "/widget.js") for u in page.requests)
    assert_loopback_only(page.requests)


@pytest.mark.parametrize("viewport, name", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_pages_load_nothing_from_outside_and_look_right(browser, sites, viewport, name):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        for path in ("/", "/embed/"):
            page.goto(sites["app"] + path)
            ask(page, QUESTION)
            expect(page.locator(".qa-citation:visible .qa-label").last).to_contain_text("operative paragraph 10")
            page.get_by_role("button", name=re.compile(r"^Sources \(")).first.click()  # open the collapsed sources
            page.wait_for_timeout(300)
            shot = "chat" if path == "/" else "embed"
            page.screenshot(path=str(ARTIFACTS / f"{shot}-{name}.png"), full_page=True)
        # a page-level horizontal scrollbar on a phone means the layout does not fit
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        context.close()
    assert_loopback_only(requests)
