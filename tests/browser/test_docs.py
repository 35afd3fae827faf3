"""API docs render in a real browser with no internet: Swagger UI and Redoc, local assets."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_and_redoc_render_offline(page, live_server, shoot):
    local = (live_server.url, "blob:", "data:")
    outside: list[str] = []  # requests to any other host that were not blocked by our CSP
    page.on("requestfinished", lambda r: None if r.url.startswith(local) else outside.append(r.url))
    page.on(
        "requestfailed",
        lambda r: (
            None
            if r.url.startswith(local) or (r.failure or "").lower() == "csp"
            else outside.append(f"{r.url} ({r.failure})")
        ),
    )
    page.goto(f"{live_server.url}/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Ledgerlink API" in page.inner_text(".swagger-ui .info .title")
    page.get_by_text("/v1/invoices", exact=True).first.wait_for()
    shoot(page, "swagger-ui")

    page.goto(f"{live_server.url}/redoc")
    page.get_by_role("heading", name="List invoices").first.wait_for()
    path = shoot(page, "redoc")
    page.screenshot(path=str(path), full_page=False)  # the first screen; the page is very long
    assert outside == []
