"""The chat box in a real headless Chromium: nasty inputs typed by a visitor show as text, with a
message or an answer, and no script runs. Fails (never skips) without /usr/bin/chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TYPED = [
    ("{{7*7}} ${7*7}", None),
    ("[x](javascript:alert(1)) <script>alert(1)</script>", None),
    ("<img src=x onerror=alert(1)> 😀 أين المؤتمر؟", None),
    ("\x1b[31mred\x00", "red"),  # control characters dropped from what is shown
    ("x" * 2500, None),  # the box stops at 2,000; the limit is then a message, not an error
]


def test_nasty_inputs_typed_into_the_chat(live):
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium (browser tests never skip)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page.goto(live + "/")
            box = page.get_by_placeholder("Ask about the resolution")
            for typed, shown in TYPED:
                bots = page.locator('[data-testid="bot"]').count()
                box.fill(typed)
                box.press("Enter")
                expect(page.locator('[data-testid="bot"]')).not_to_have_count(bots, timeout=30_000)
                user = page.locator('[data-testid="user"]').last
                expected = shown or typed[:2000]
                expect(user).to_contain_text(expected[:200])
            # the last turn: 2,000 characters reached the engine, which answers (the limit is inclusive)
            assert len(page.locator('[data-testid="user"]').last.inner_text()) <= 2001
            # an empty submit adds nothing and breaks nothing
            users = page.locator('[data-testid="user"]').count()
            box.fill("   ")
            box.press("Enter")
            page.wait_for_timeout(500)
            assert page.locator('[data-testid="user"]').count() == users
            text = page.locator(".qa-chat").inner_text()
            assert "Traceback" not in text and "Error" not in text.replace("qa-error", "")
            assert page.locator('[data-testid="user"] img, [data-testid="bot"] img, .qa-chat a[href^="javascript"]').count() == 0
            assert dialogs == [] and page.evaluate("() => window.__xss") is None
        finally:
            browser.close()
