"""What the browser tests do with the chat page: ask, open a citation, check nothing ran or was fetched."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Frame, FrameLocator, Page, expect

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = [(DESKTOP, "desktop"), (PHONE, "phone")]
TIMEOUT = 60_000  # the machine is shared: generous, never a skip


def new_page(browser, viewport: dict) -> Page:
    """A page in its own context, recording dialogs and requests."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.dialogs = []
    page.requests = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: page.requests.append(r.url))
    return page


def ask(scope: Page | Frame, question: str) -> None:
    bots_before = scope.locator('[data-testid="bot"]').count()
    box = scope.get_by_placeholder("Ask about the resolution")
    box.fill(question)
    box.press("Enter")
    expect(scope.locator('[data-testid="user"]').filter(has_text=question[:60]).last).to_be_visible(timeout=TIMEOUT)
    expect(scope.locator('[data-testid="bot"]')).not_to_have_count(bots_before, timeout=TIMEOUT)


def best_answer(scope: Page | Frame):
    """The last answer's best clause (the sources start collapsed, so it is the last visible one)."""
    return scope.locator(".qa-citation:visible").last


def open_citation(scope: Page | Frame) -> FrameLocator:
    """Click the best clause's label; returns the document view in the panel."""
    best_answer(scope).locator(".qa-label a.qa-open").click()
    expect(scope.locator("#qa-panel")).to_be_visible(timeout=TIMEOUT)
    return scope.frame_locator("#qa-panel iframe")


def assert_clause_highlighted_in_view(view: FrameLocator, unit: str) -> None:
    clause = view.locator(f'[id="{unit}"]')
    expect(clause).to_be_visible(timeout=TIMEOUT)
    expect(clause).to_be_in_viewport()
    assert clause.evaluate("el => el.matches(':target')"), f"{unit} is not the view's target"
    background = clause.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the cited clause is not highlighted"


def assert_no_script_ran(page: Page, *scopes: Page | Frame) -> None:
    page.wait_for_timeout(300)
    assert page.dialogs == [], f"a script ran: {page.dialogs}"
    for scope in (page, *scopes):
        assert scope.evaluate("() => window.__xss") is None, "an injected script ran"


def assert_loopback_only(urls: list[str]) -> None:
    outside = [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss")
               and urlsplit(u).hostname not in ("127.0.0.1", "localhost")]
    assert outside == [], f"the page fetched from outside loopback: {outside[:5]}"


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
