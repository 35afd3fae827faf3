"""Playwright (sync API) driving Debian's Chromium against a live gateway and the Xero sandbox.

Without /usr/bin/chromium the browser tests skip, except under CI (`CI=true`) where they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("LEDGERLINK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def chromium_browser(django_db_setup):
    """One Chromium per module. Playwright's sync API runs an event loop on this thread while it
    is open, so Django's async-safety check is relaxed for exactly that time (the Django calls
    the tests make around it are plain synchronous code), and the test database is created
    before it starts. Module scope keeps the loop from outliving the browser tests."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium_browser):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 860})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def shoot(request):
    """`shoot(page, "name")` saves artifacts/screenshots/<test>-<nn>-<name>.png (the whole page;
    `full_page=False`: the first screen, for pages too long to capture whole)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = request.node.name.removeprefix("test_")
    counter = iter(range(1, 100))

    def take(page, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{test}-{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
