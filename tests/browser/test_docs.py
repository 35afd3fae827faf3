"""API docs render in a real browser with no internet: Swagger UI and Redoc, local assets; each
error status shows its own example, inputs show descriptions and required markers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: The document is large (every error status with its examples): rendering it takes a while on a
#: busy machine.
RENDER_TIMEOUT_MS = 60_000


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
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    page.goto(f"{live_server.url}/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Ledgerlink API" in page.inner_text(".swagger-ui .info .title")
    page.get_by_text("/v1/invoices", exact=True).first.wait_for()
    shoot(page, "swagger-ui")

    page.goto(f"{live_server.url}/redoc")
    page.get_by_role("heading", name="List invoices").first.wait_for()
    shoot(page, "redoc", full_page=False)  # the first screen; the page is very long
    assert outside == []


def _swagger_operation(page, live_server, tag: str, operation_id: str):
    """The operation's block in Swagger UI, opened."""
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    page.goto(f"{live_server.url}/docs")
    page.get_by_text("/v1/invoices", exact=True).first.wait_for()
    operation = page.locator(f"#operations-{tag}-{operation_id}")
    operation.scroll_into_view_if_needed()
    operation.locator(".opblock-summary").first.click()
    operation.locator(".opblock-body").wait_for()
    return operation


def test_swagger_ui_shows_each_error_status_its_own_example(page, live_server, shoot):
    operation = _swagger_operation(page, live_server, "invoices", "invoices_retrieve")
    examples = {}
    for status in ("401", "404", "429"):
        row = operation.locator(f'tr.response[data-code="{status}"]')
        row.scroll_into_view_if_needed()
        examples[status] = row.inner_text()
    assert '"not_found"' in examples["404"] and "No such invoice." in examples["404"]
    assert '"authentication_error"' in examples["401"] and "not_found" not in examples["401"]
    assert '"rate_limited"' in examples["429"] and "Retry-After" in examples["429"]
    operation.locator('tr.response[data-code="404"]').scroll_into_view_if_needed()
    shoot(page, "swagger-404-not-found", full_page=False)


def test_swagger_ui_shows_input_descriptions_and_required_markers(page, live_server, shoot):
    operation = _swagger_operation(page, live_server, "contacts", "contacts_create")
    body = operation.locator(".opblock-section-request-body")
    body.get_by_role("tab", name="Schema").click()
    collapsed = body.locator(".model-toggle.collapsed")
    if collapsed.count():
        collapsed.first.click()
    schema = body.locator(".model-box").first
    # OpenAPI 3.1 nullable fields show their description once opened.
    for name in ("name", "currency"):
        title = re.compile(f"^{name}$")
        schema.locator("button.json-schema-2020-12-accordion", has_text=title).first.click()
    schema.get_by_text("Required on create.").first.wait_for()
    text = schema.inner_text()
    # Swagger's required marker: the red star of a `--required` property (CSS), name only
    # (rendered after the properties' text: wait for it).
    schema.locator(".json-schema-2020-12-property--required").first.wait_for()
    required = schema.locator("article[data-json-schema-level='1']").evaluate_all(
        "articles => articles"
        ".filter(a => a.parentElement.matches('.json-schema-2020-12-property--required'))"
        ".map(a => a.querySelector('.json-schema-2020-12__title').textContent)"
    )
    assert required == ["name"]
    assert "Required on create. Name of the contact." in text
    assert "ISO 4217 currency code." in text
    schema.scroll_into_view_if_needed()
    shoot(page, "swagger-contact-input", full_page=False)


def test_redoc_shows_error_examples_and_input_fields(page, live_server, shoot):
    page.set_default_timeout(RENDER_TIMEOUT_MS)
    page.goto(f"{live_server.url}/redoc#tag/invoices/operation/invoices_retrieve")
    section = page.locator('[id="tag/invoices/operation/invoices_retrieve"]')
    section.wait_for()
    samples = section.get_by_role("tab", name="404")
    samples.click()
    panel = section.locator('[role="tabpanel"]:visible').last
    panel.get_by_text('"not_found"').first.wait_for()
    assert "No such invoice." in panel.inner_text()
    samples.scroll_into_view_if_needed()
    shoot(page, "redoc-404-not-found", full_page=False)

    page.goto(f"{live_server.url}/redoc#tag/contacts/operation/contacts_create")
    create = page.locator('[id="tag/contacts/operation/contacts_create"]')
    create.wait_for()
    create.get_by_text("Required on create. Name of the contact.").first.wait_for()
    name = create.locator('td[kind="field"][title="name"]').first
    expect(name).to_contain_text("required")  # Redoc adds the marker after the field
    assert name.inner_text().split() == ["name", "required"]
    assert "required" not in create.locator('td[kind="field"][title="currency"]').first.inner_text()
    create.get_by_text("Request Body schema").first.scroll_into_view_if_needed()
    shoot(page, "redoc-contact-input", full_page=False)
