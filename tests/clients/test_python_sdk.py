"""The Python SDK (clients/python, `ledgerlink_client`).

Against a live gateway whose Xero provider is the sandbox: an account linked through the API
and the hosted consent (plain HTTP, the sandbox's own consent form), every model paged through
with `list_all`, a contact and an invoice created with idempotent replay, a 404 and a 422 read
as typed errors, and a real webhook delivery verified with the SDK's helper. Without a server:
the retry on 429/503 with `Retry-After`, the error envelope, the signature helper and Decimal
money in the generated models.
"""

from __future__ import annotations

import asyncio
import html
import importlib.util
import json
import re
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from ledgerlink_client import (
    AsyncLedgerlink,
    Ledgerlink,
    LedgerlinkError,
    NotFound,
    RateLimited,
    RetryPolicy,
    ValidationError,
    WebhookSignatureError,
    models,
    parse_event,
    verify_signature,
)
from ledgerlink_client.webhooks import compute_signature

from tests.gateway.connect.conftest import sandbox_provider_settings
from tests.gateway.events.receiver import Receiver

QUICKSTART = Path(__file__).resolve().parents[2] / "examples" / "quickstart.py"
API_KEY = "ll_test_key"
ACCOUNT = str(uuid.uuid4())


def envelope(status: int, kind: str, message: str, details=None) -> httpx.Response:
    body = {
        "error": {
            "type": kind,
            "message": message,
            "details": details or [],
            "request_id": "req_test",
        }
    }
    headers = {"Retry-After": "2"} if status in (429, 503) else {}
    return httpx.Response(status, json=body, headers=headers)


def invoice_json(**extra) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "remote_id": "INV-1",
        "type": "ACCOUNTS_RECEIVABLE",
        "total_amount": "0.30",
        "balance": "0.1",
        "line_items": [{"description": "x", "quantity": "3", "unit_price": "0.1"}],
        "created_at": "2026-11-24T09:30:00Z",
        "modified_at": "2026-11-24T09:30:00Z",
        **extra,
    }


# -- without a server ---------------------------------------------------------------------------


def test_429_is_retried_after_retry_after_with_the_same_idempotency_key():
    seen: list[httpx.Request] = []
    slept: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return envelope(429, "rate_limited", "Slow down.")
        return httpx.Response(201, json=invoice_json())

    client = Ledgerlink(
        API_KEY,
        "http://gateway.test",
        linked_account=ACCOUNT,
        transport=httpx.MockTransport(handler),
        sleep=slept.append,
    )
    created = client.invoices.create({"type": "ACCOUNTS_RECEIVABLE", "contact": "c-1"})
    assert isinstance(created, models.Invoice) and created.total_amount == Decimal("0.30")
    assert slept == [2.0]
    assert len(seen) == 2
    keys = {r.headers["Idempotency-Key"] for r in seen}
    assert len(keys) == 1 and uuid.UUID(keys.pop()).version == 4
    assert seen[0].content == seen[1].content
    assert json.loads(seen[1].content) == {"type": "ACCOUNTS_RECEIVABLE", "contact": "c-1"}
    assert seen[1].headers["X-Linked-Account"] == ACCOUNT
    assert seen[1].headers["Authorization"] == f"Bearer {API_KEY}"


def test_a_given_idempotency_key_is_sent_and_each_create_gets_its_own_otherwise():
    keys: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        keys.append(request.headers["Idempotency-Key"])
        return httpx.Response(201, json=invoice_json())

    client = Ledgerlink(
        API_KEY,
        "http://gateway.test",
        linked_account=ACCOUNT,
        transport=httpx.MockTransport(handler),
    )
    client.invoices.create({"type": "ACCOUNTS_RECEIVABLE"}, idempotency_key="mine-1")
    client.invoices.create({"type": "ACCOUNTS_RECEIVABLE"})
    client.invoices.create({"type": "ACCOUNTS_RECEIVABLE"})
    assert keys[0] == "mine-1" and len(set(keys)) == 3


def test_503_is_retried_and_retries_end_in_a_typed_error():
    calls: list[int] = []
    slept: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return envelope(
            503 if len(calls) == 1 else 429,
            "service_unavailable" if len(calls) == 1 else "rate_limited",
            "Later.",
        )

    client = Ledgerlink(
        API_KEY,
        "http://gateway.test",
        linked_account=ACCOUNT,
        transport=httpx.MockTransport(handler),
        sleep=slept.append,
        retry=RetryPolicy(max_retries=2),
    )
    with pytest.raises(RateLimited) as caught:
        client.invoices.retrieve(str(uuid.uuid4()))
    assert len(calls) == 3 and slept == [2.0, 2.0]
    error = caught.value
    assert (error.status, error.type, error.request_id) == (429, "rate_limited", "req_test")
    assert error.retry_after == 2.0


def test_a_retry_after_beyond_the_longest_wait_is_not_slept():
    slept: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429,
            json={"error": {"type": "rate_limited", "message": "m"}},
            headers={"Retry-After": "3600"},
        )

    client = Ledgerlink(
        API_KEY,
        "http://gateway.test",
        linked_account=ACCOUNT,
        transport=httpx.MockTransport(handler),
        sleep=slept.append,
    )
    with pytest.raises(RateLimited) as caught:
        client.invoices.list()
    assert slept == [] and caught.value.retry_after == 3600.0


def test_retry_after_as_a_date_or_absent():
    from email.utils import format_datetime

    from ledgerlink_client.errors import retry_after_seconds

    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 28 <= retry_after_seconds({"retry-after": later}) <= 30
    assert retry_after_seconds({"Retry-After": "soon"}) is None
    policy = RetryPolicy(max_retries=3, backoff=0.5)
    bare = httpx.Response(503)
    assert [policy.delay(bare, attempt) for attempt in range(4)] == [0.5, 1.0, 2.0, None]
    assert policy.delay(httpx.Response(500), 0) is None


def test_async_client_retries_and_pages():
    cursors: list[str | None] = []
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    def handler(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        cursors.append(cursor)
        if len(cursors) == 1:
            return envelope(429, "rate_limited", "Slow down.")
        page = {None: (["A", "B"], "c2"), "c2": (["C"], None)}[cursor]
        return httpx.Response(
            200,
            json={
                "next": page[1],
                "previous": None,
                "last_sync_at": None,
                "results": [invoice_json(number=n) for n in page[0]],
            },
        )

    async def main() -> list[str]:
        async with AsyncLedgerlink(
            API_KEY,
            "http://gateway.test",
            linked_account=ACCOUNT,
            transport=httpx.MockTransport(handler),
            sleep=sleep,
        ) as client:
            return [i.number async for i in client.invoices.list_all(status="OPEN")]

    assert asyncio.run(main()) == ["A", "B", "C"]
    assert cursors == [None, None, "c2"] and slept == [2.0]


def test_error_envelopes_become_typed_errors():
    answers = {
        "/v1/invoices/missing": envelope(404, "not_found", "No such invoice."),
        "/v1/contacts": envelope(
            422,
            "validation_error",
            "The provider rejected the record.",
            [{"field": "name", "message": "Already used."}],
        ),
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return answers.get(request.url.path) or httpx.Response(500, text="boom")

    client = Ledgerlink(
        API_KEY,
        "http://gateway.test",
        linked_account=ACCOUNT,
        transport=httpx.MockTransport(handler),
    )
    with pytest.raises(NotFound) as missing:
        client.invoices.retrieve("missing")
    assert missing.value.message == "No such invoice." and missing.value.status == 404
    with pytest.raises(ValidationError) as invalid:
        client.contacts.create({"name": "Acme"})
    assert invalid.value.fields() == {"name": "Already used."}
    with pytest.raises(LedgerlinkError) as other:
        client.invoices.list()
    assert other.value.status == 500 and other.value.message == "boom"

    # the generated functions, called directly on the same client, raise the same errors
    from ledgerlink_client.generated.api.invoices import invoices_retrieve

    with pytest.raises(NotFound):
        invoices_retrieve.sync("missing", client=client.generated, x_linked_account=ACCOUNT)


def test_decimal_money_in_models_and_bodies():
    invoice = models.Invoice.from_dict(invoice_json())
    assert invoice.balance == Decimal("0.1") and isinstance(invoice.balance, Decimal)
    line = invoice.line_items[0]
    assert line.quantity * line.unit_price == invoice.total_amount  # exact, unlike floats
    assert invoice.to_dict()["total_amount"] == "0.30"

    sent: list[dict] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(201, json=invoice_json())

    client = Ledgerlink(
        API_KEY,
        "http://gateway.test",
        linked_account=ACCOUNT,
        transport=httpx.MockTransport(handler),
    )
    client.invoices.create(
        {
            "type": "ACCOUNTS_RECEIVABLE",
            "issue_date": date(2026, 11, 1),
            "line_items": [{"quantity": Decimal("3"), "unit_price": Decimal("0.10")}],
        }
    )
    line = sent[0]["line_items"][0]
    assert (line["quantity"], line["unit_price"]) == ("3", "0.10")
    assert sent[0]["issue_date"] == "2026-11-01"


def test_webhook_signature_helper():
    secret, event_id, body = "whsec_test", str(uuid.uuid4()), b'{"type":"contact.created"}'
    stamp = int(time.time())
    headers = {
        "ledgerlink-event-id": event_id,
        "Ledgerlink-Timestamp": str(stamp),
        "LEDGERLINK-SIGNATURE": compute_signature(secret, event_id, stamp, body),
    }
    verify_signature(body, headers, secret)
    assert parse_event(body, headers, secret) == {"type": "contact.created"}
    for bad_body, bad_headers, bad_secret in [
        (body + b" ", headers, secret),
        (body, headers, "whsec_other"),
        (body, {**headers, "Ledgerlink-Timestamp": str(stamp - 301)}, secret),
        (body, {k: v for k, v in headers.items() if k != "ledgerlink-event-id"}, secret),
    ]:
        with pytest.raises(WebhookSignatureError):
            verify_signature(bad_body, bad_headers, bad_secret)
    rotated = {**headers, "LEDGERLINK-SIGNATURE": "v1=00, " + headers["LEDGERLINK-SIGNATURE"]}
    verify_signature(body, rotated, secret)


def test_every_generated_operation_is_a_method_of_its_model():
    import pkgutil

    from ledgerlink_client.generated import api
    from ledgerlink_client.ledgerlink import operations

    generated = {
        f"{tag.name}.{op.name}"
        for tag in pkgutil.iter_modules(api.__path__)
        for op in pkgutil.iter_modules([f"{api.__path__[0]}/{tag.name}"])
    }
    table = operations()
    reachable = {m.__name__.split(".api.", 1)[1] for ms in table.values() for m in ms.values()}
    assert reachable == generated
    for model in ("invoices", "contacts", "payments", "accounts", "items", "credit_notes"):
        assert {"list", "create", "retrieve"} <= set(table[model]), model
    assert {"update", "delete"} <= set(table["invoices"])
    assert "summary" in table["invoices"] and "outstanding" in table["contacts"]
    assert "balance_sheet" in table["reports"] and "create" in table["link_tokens"]
    assert {"sync", "sync_status"} <= set(table["linked_accounts"])


def test_a_call_about_a_linked_account_needs_one():
    client = Ledgerlink(
        API_KEY, "http://gateway.test", transport=httpx.MockTransport(lambda r: httpx.Response(500))
    )
    with pytest.raises(ValueError, match="linked_account"):
        client.invoices.list()
    with pytest.raises(AttributeError, match="no model"):
        client.not_a_model  # noqa: B018


# -- against a live gateway and the Xero sandbox ------------------------------------------------


def form_fields(page: str) -> dict[str, str]:
    return {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }


def form_action(page: str, base: str) -> str:
    action = html.unescape(re.search(r'<form method="post" action="([^"]*)"', page).group(1))
    return str(httpx.URL(base).join(action))


@pytest.fixture
def gateway(live_server, settings, xero_sandbox, transactional_db):
    """The live gateway, its Xero provider at the sandbox (the callback registered for the live
    server's port), webhooks allowed to a local receiver, and a customer's API key."""
    from tests.factories import make_customer

    base = live_server.url
    settings.PUBLIC_BASE_URL = base
    settings.LEDGERLINK_PROVIDERS = {"xero": "connectors.xero.XeroProvider"}
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        "xero": {**sandbox_provider_settings(xero_sandbox), "webhook_key": xero_sandbox.webhook_key}
    }
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    settings.CONNECT_REDIRECT_SECONDS = 0
    app = xero_sandbox.control.apps()[0]
    xero_sandbox.control.update_app(
        xero_sandbox.client_id, redirect_uris=[*app["redirect_uris"], f"{base}/connect/callback"]
    )
    redirect_url = f"{base}/connect/demo-return"
    _, key = make_customer("Acme Analytics", [redirect_url])
    return base, key, redirect_url


def link_through_the_hosted_flow(client: Ledgerlink, xero_sandbox, redirect_url: str) -> str:
    """A link token from the API, our hosted page, the sandbox's consent form, back: the id of
    the account linked."""
    token = client.link_tokens.create({"end_user_id": "sdk-user", "redirect_url": redirect_url})
    with httpx.Client(timeout=60) as browser:
        page = browser.get(token.url)
        assert page.status_code == 200, page.text
        start = browser.post(
            f"{token.url}/start", data={**form_fields(page.text), "provider": "xero"}
        )
        assert start.status_code == 302, start.text
        consent = browser.get(start.headers["Location"])
        assert consent.status_code == 200, consent.text
        answer = browser.post(
            form_action(consent.text, str(consent.url)),
            data={
                **form_fields(consent.text),
                "email": "demo@example.com",
                "password": "demo-password",
                "tenant": xero_sandbox.tenant_id("uk"),
                "decision": "allow",
            },
        )
        response = answer
        while response.status_code in (302, 303) and not response.headers["Location"].startswith(
            redirect_url
        ):
            response = browser.get(httpx.URL(str(response.url)).join(response.headers["Location"]))
        assert response.status_code == 200, response.text
    [linked] = client.linked_accounts.list().results
    assert linked.tenant_name == "Demo Company (UK)"
    return str(linked.id)


@pytest.fixture
def linked(gateway, xero_sandbox):
    """The customer's Xero UK books, linked through the SDK and the hosted flow, synced."""
    base, key, redirect_url = gateway
    with Ledgerlink(key, base) as unlinked:
        account_id = link_through_the_hosted_flow(unlinked, xero_sandbox, redirect_url)
        unlinked.linked_accounts.sync(account_id)
    return base, key, account_id


@pytest.fixture
def sdk(linked):
    """The SDK's client about the linked account, closed after the test (an open keep-alive
    connection would keep a live server thread, and its database session, after the test)."""
    base, key, account_id = linked
    with Ledgerlink(key, base, linked_account=account_id) as client:
        yield client


@pytest.mark.slow
def test_the_sdk_against_a_live_gateway(linked, sdk, xero_sandbox):
    base, key, account_id = linked
    client = sdk

    # every model, page after page, the same records as one big page
    paged: dict[str, int] = {}
    for name in dir(client):
        model = getattr(client, name)
        if "list" not in dir(model) or not {"cursor", "x_linked_account"} <= _params(model):
            continue  # not the linked account's records, or not paged (one record's files)
        try:
            everything = model.list(page_size=1000)
        except LedgerlinkError as error:  # a model the provider does not offer
            assert error.status == 405, error
            continue
        ids = [r.id for r in model.list_all(page_size=3)]
        assert ids == [r.id for r in everything.results], name
        assert len(set(ids)) == len(ids)
        paged[name] = len(ids)
    assert len(paged) >= 10, paged
    assert paged["invoices"] > 3 and paged["contacts"] > 3 and paged["accounts"] > 3

    async def contacts_async() -> list:
        async with AsyncLedgerlink(key, base, linked_account=account_id) as aclient:
            first = await aclient.contacts.list(page_size=2)
            return [first.results[0].id] + [
                c.id async for c in aclient.contacts.list_all(page_size=4)
            ]

    first_id, *async_ids = asyncio.run(contacts_async())
    assert async_ids == [c.id for c in client.contacts.list_all(page_size=1000)]
    assert first_id == async_ids[0]
    events = list(client.events.list_all(page_size=5))
    assert len(events) > 5 and [e.sequence for e in events] == list(range(1, len(events) + 1))
    receivable = list(client.invoices.list_all(type="ACCOUNTS_RECEIVABLE"))
    assert receivable and {i.type_.value for i in receivable} == {"ACCOUNTS_RECEIVABLE"}
    by_status = client.invoices.summary(group_by="status", type="ACCOUNTS_RECEIVABLE")
    assert sum(group.count for group in by_status.results) == len(receivable)
    overdue = client.contacts.outstanding(type="ACCOUNTS_RECEIVABLE", overdue=True).results
    assert overdue and all(row.type_ == "ACCOUNTS_RECEIVABLE" for row in overdue)
    sheet = client.reports.balance_sheet()
    assert sheet.type_.value == "BALANCE_SHEET" and sheet.rows
    open_invoices = list(client.invoices.list_all(status="OPEN"))
    assert open_invoices and {i.status.value for i in open_invoices} == {"OPEN"}
    assert all(isinstance(i.balance, Decimal) for i in open_invoices)

    # a webhook endpoint, and the contact created next is delivered to it, signed
    with Receiver() as receiver:
        endpoint = client.webhook_endpoints.create(
            {"url": receiver.url, "event_types": ["contact.created"]}
        )
        assert endpoint.secret.startswith("whsec_")

        contact_body = {"name": f"SDK Contact {uuid.uuid4().hex[:8]}", "email": "sdk@example.com"}
        contact = client.contacts.create(contact_body, idempotency_key="sdk-contact-1")
        again = client.contacts.create(contact_body, idempotency_key="sdk-contact-1")
        assert again.id == contact.id and again.remote_id == contact.remote_id
        named = client.contacts.list(q=contact_body["name"]).results
        assert [c.id for c in named] == [contact.id]

        [hit] = receiver.wait_for(1)
    verify_signature(hit.body, hit.headers, endpoint.secret)
    event = parse_event(hit.body, hit.headers, endpoint.secret)
    assert event["type"] == "contact.created" and event["data"]["id"] == str(contact.id)
    tampered = hit.body.replace(contact_body["name"].encode(), b"Someone Else")
    assert tampered != hit.body
    with pytest.raises(WebhookSignatureError):
        verify_signature(tampered, hit.headers, endpoint.secret)
    with pytest.raises(WebhookSignatureError):
        verify_signature(hit.body, hit.headers, "whsec_" + "x" * 43)

    # an invoice, replayed with the same key: one invoice at the provider
    invoice_body = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": str(contact.id),
        "currency": "GBP",
        "reference": f"SDK-{uuid.uuid4().hex[:8]}",
        "line_items": [
            {
                "description": "Consulting",
                "quantity": Decimal("3"),
                "unit_price": Decimal("10.10"),
                "account_code": "200",
            },
        ],
    }
    invoice = client.invoices.create(invoice_body, idempotency_key="sdk-invoice-1")
    assert invoice.sub_total == Decimal("30.30")
    replay = client.invoices.create(invoice_body, idempotency_key="sdk-invoice-1")
    assert replay.id == invoice.id
    mine = [i for i in client.invoices.list_all(q=invoice_body["reference"])]
    assert [i.id for i in mine] == [invoice.id]
    # and at the provider: one contact, one invoice
    xero = provider_api(xero_sandbox, account_id)
    contacts = xero.get("Contacts", params={"where": f'Name=="{contact_body["name"]}"'})
    assert [c["ContactID"] for c in contacts.json()["Contacts"]] == [contact.remote_id]
    where = f'Reference=="{invoice_body["reference"]}"'
    invoices = xero.get("Invoices", params={"where": where}).json()["Invoices"]
    assert [i["InvoiceID"] for i in invoices] == [invoice.remote_id]
    assert client.invoices.retrieve(invoice.id).total_amount == invoice.total_amount
    changed = client.invoices.update(invoice.id, {"reference": invoice_body["reference"] + "-B"})
    assert changed.reference.endswith("-B") and changed.id == invoice.id
    gone = client.invoices.delete(invoice.id)  # a draft: deleted at Xero, kept here marked
    assert gone.id == invoice.id and gone.remote_was_deleted is True

    # typed errors: a 404 and a 422
    with pytest.raises(NotFound) as missing:
        client.invoices.retrieve(str(uuid.uuid4()))
    assert (missing.value.status, missing.value.type) == (404, "not_found")
    assert missing.value.request_id.startswith("req_")
    with pytest.raises(ValidationError) as refused:
        client.invoices.create({**invoice_body, "contact": str(uuid.uuid4())})
    assert (refused.value.status, refused.value.type) == (422, "validation_error")
    assert "contact" in refused.value.fields()
    assert refused.value.request_id.startswith("req_")


def provider_api(xero_sandbox, account_id: str):
    """The sandbox's accounting API with the linked account's own token (the gateway's grant)."""
    from gateway.accounts.models import LinkedAccount

    account = LinkedAccount.objects.select_related("grant").get(id=account_id)
    return xero_sandbox.api(account.grant.access_token, account.tenant_id)


def _params(model) -> set[str]:
    import inspect

    return set(inspect.signature(model._methods["list"].sync_detailed).parameters)


@pytest.mark.slow
def test_the_quickstart_example(linked, sdk, capsys):
    from tests.factories import make_customer

    spec = importlib.util.spec_from_file_location("quickstart", QUICKSTART)
    quickstart = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quickstart)

    base, key, account_id = linked
    assert quickstart.main(["--url", base, "--key", key]) == 0
    out = capsys.readouterr().out
    assert f"linked: {account_id}  xero  Demo Company (UK)" in out
    listed = re.search(r"^(\d+) open invoices, ([\d.]+) outstanding$", out, re.M)
    client = sdk
    still_open = list(client.invoices.list_all(status="OPEN,PARTIALLY_PAID"))
    assert int(listed.group(1)) == len(still_open) > 0
    assert Decimal(listed.group(2)) == sum(i.balance for i in still_open)
    created = re.search(r"^created (\S+): ([\d.]+) GBP for ", out, re.M)
    assert created, out
    [invoice] = client.invoices.list_all(q=created.group(1))
    assert invoice.sub_total == Decimal("300.00")
    assert invoice.total_amount == Decimal(created.group(2))

    _, newcomer = make_customer("Newcomer Ltd", [f"{base}/connect/demo-return"])
    assert (
        quickstart.main(
            ["--url", base, "--key", newcomer, "--redirect-url", f"{base}/connect/demo-return"]
        )
        == 0
    )
    assert (
        f"No linked account yet. Open this link, consent, then run again:\n  {base}/connect/"
        in (capsys.readouterr().out)
    )
