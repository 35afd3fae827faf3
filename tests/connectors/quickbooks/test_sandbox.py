"""The QuickBooks connector against the QuickBooks sandbox: consent with the realmId on the
callback, full and resumed paged reads over two entities per model, incremental reads, rate
limits, token refresh with rotating refresh tokens, errors, passthrough."""

from __future__ import annotations

import base64
import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from connectors.credentials import Credentials, InMemoryCredentialStore
from connectors.cursor import ListCursor
from connectors.errors import NotFound, NotSupported, RateLimited, RelinkRequired
from connectors.limiter import InProcessLimiter
from connectors.oauth import new_code_verifier, new_state
from connectors.quickbooks import QuickBooksProvider
from connectors.quickbooks.spec import REALM_KEY
from connectors.waiting import wait_budget
from tests.connectors.pages import provider_pages
from unified_models import (
    ContactStatus,
    InvoiceInput,
    InvoiceStatus,
    InvoiceType,
    PaymentType,
    RelatedObjectType,
)


@dataclass
class Linked:
    provider: QuickBooksProvider
    store: InMemoryCredentialStore
    realm: str
    company_name: str | None

    def connector(self):
        return self.provider.connect(self.store, self.realm)


def link(sb, company: str = "us", limiter=None, **settings) -> Linked:
    """The user's consent through our OAuth client: state + PKCE S256 + code exchange, the
    realmId read from the callback's query string."""
    provider = QuickBooksProvider(
        sb.provider_settings(**settings), limiter=limiter or InProcessLimiter()
    )
    verifier, state = new_code_verifier(), new_state()
    url = provider.authorization_url(sb.redirect_uri, state, verifier)
    assert url.startswith(sb.authorize_url)
    assert "scope=com.intuit.quickbooks.accounting" in url and "code_challenge_method=S256" in url
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    consent = sb.authorize(company, state=state, code_challenge=challenge.decode())
    callback = {"code": consent["code"], "state": state, "realmId": consent["realmId"]}
    creds = provider.exchange_code(
        consent["code"], sb.redirect_uri, verifier, callback_params=callback
    )
    (tenant,) = provider.list_tenants(creds)
    assert tenant.id == sb.realm(company) and tenant.type == "COMPANY"
    return Linked(provider, InMemoryCredentialStore(creds), tenant.id, tenant.name)


def test_a_busy_company_still_links_without_its_name(quickbooks_sandbox):
    """Inside a request (the OAuth callback) the company-name lookup cannot wait for a slot a
    sync holds; the name is cosmetic, so the link goes on without it, promptly."""
    linked = link(quickbooks_sandbox, "us")
    provider = linked.provider
    held = [
        provider.limiter.acquire(provider.key, linked.realm, provider.limits)
        for _ in range(provider.limits.tenant_concurrent)
    ]
    started = time.monotonic()
    with wait_budget(0.3):
        (tenant,) = provider.list_tenants(linked.store.load())
    assert time.monotonic() - started < 1.5
    assert tenant.id == linked.realm and tenant.name is None
    for lease in held:
        lease.release()


def read_all(conn, model, **kw):
    """(records, calls, provider pages): the parts a large provider page is handed on in are
    joined back into that page (`parts` reads them as they come)."""
    pages = provider_pages(parts(conn, model, **kw))
    records = [r for p in pages for r in p.records]
    return records, sum(p.calls for p in pages), pages


def parts(conn, model, **kw):
    return list(conn.list(model, **kw))


def test_consent_gives_the_chosen_company_as_the_tenant(quickbooks_sandbox):
    us = link(quickbooks_sandbox, "us")
    uk = link(quickbooks_sandbox, "uk")
    assert us.company_name == "Craig's Design and Landscaping Services"
    assert uk.company_name == "Bramble & Oak Interiors Ltd"
    creds = us.store.load()
    assert creds.extra[REALM_KEY] == us.realm and creds.refresh_token
    assert creds.expires_at - datetime.now(UTC) > timedelta(minutes=55)  # one-hour tokens
    # no realmId on the callback: no tenant (the gateway then fails the link cleanly)
    assert us.provider.list_tenants(creds.replace(extra={})) == []
    # a grant reaches its own company only
    with pytest.raises(Exception) as info:
        us.provider.connect(us.store, uk.realm).get("invoice", "1")
    assert info.value.status == 403


def test_full_read_pages_through_both_entities_of_each_model(quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    ctl.reset(invoices=2_500)
    conn = link(quickbooks_sandbox).connector()
    ctl.reset_counters()
    records, calls, pages = read_all(conn, "invoice")
    # One batch call: the first 500 Invoices and the 6 Bills (the two first pages share the
    # batch's 1,000 objects); then Invoice's other 2,012 rows in pages of 1,000 (3 calls)
    assert [len(p.records) for p in pages] == [506, 1000, 1000, 12] and calls == 4
    assert [p.is_last for p in pages] == [False, False, False, True]
    ids = [r.remote_id for r in records]
    assert len(ids) == len(set(ids)) == 2_518
    bills = [r for r in records if r.type is InvoiceType.ACCOUNTS_PAYABLE]
    assert len(bills) == 6 and all(r.remote_id.startswith("Bill:") for r in bills)
    assert [b["items"] for b in ctl.counters()["batches"]] == [
        [
            "Query: SELECT * FROM Invoice ORDERBY Id STARTPOSITION 1 MAXRESULTS 500",
            "Query: SELECT * FROM Bill ORDERBY Id STARTPOSITION 1 MAXRESULTS 500",
        ]
    ]
    queries = [q["query"] for q in ctl.counters()["queries"]]
    assert queries == [
        "SELECT * FROM Invoice ORDERBY Id STARTPOSITION 501 MAXRESULTS 1000",
        "SELECT * FROM Invoice ORDERBY Id STARTPOSITION 1501 MAXRESULTS 1000",
        "SELECT * FROM Invoice ORDERBY Id STARTPOSITION 2501 MAXRESULTS 1000",
    ]
    assert {q["minorversion"] for q in ctl.counters()["queries"]} == {"75"}
    # in id order, which no edit changes: the same order on every read
    assert [r.remote_id for r in read_all(conn, "invoice")[0]] == ids


def test_a_record_changed_mid_pass_does_not_hide_another(quickbooks_sandbox):
    """Positions would shift under an order by update time: an edited record moves to the
    end and the first record of the next page slips back, unread."""
    quickbooks_sandbox.control.reset(invoices=1_500)
    conn = link(quickbooks_sandbox).connector()
    expected = {r.remote_id for r in read_all(conn, "invoice")[0]}
    pages = conn.list("invoice")
    first = next(pages)
    invoice_id = first.records[0].remote_id  # invoices keep QuickBooks' own Id
    quickbooks_sandbox.control.edit("us", "Invoice", invoice_id, PrivateNote="edited mid-pass")
    seen = {r.remote_id for r in first.records}
    for page in pages:
        seen |= {r.remote_id for r in page.records}
    assert expected - seen == set()


def test_a_read_resumes_from_any_page_cursor(quickbooks_sandbox):
    quickbooks_sandbox.control.reset(invoices=1_500)
    conn = link(quickbooks_sandbox).connector()
    everything, _, pages = read_all(conn, "invoice")
    # the batch read Invoices 1-500 and every Bill: the cursor after it goes on at Invoice 501
    resumed, calls, _ = read_all(conn, "invoice", cursor=pages[0].next_cursor)
    assert [r.remote_id for r in resumed] == [r.remote_id for r in everything[506:]]
    assert calls == 2  # Invoices 501-1500, then 1501-1512; the Bills are not read again
    last, _, _ = read_all(conn, "invoice", cursor=pages[1].next_cursor)
    assert [r.remote_id for r in last] == [r.remote_id for r in everything[1506:]]
    assert {r.type for r in everything[:506]} == set(InvoiceType)


def test_contacts_include_inactive_names(quickbooks_sandbox):
    conn = link(quickbooks_sandbox).connector()
    contacts, calls, _ = read_all(conn, "contact")
    assert calls == 1  # Customer and Vendor in one batch call
    customers = [c for c in contacts if c.is_customer]
    vendors = [c for c in contacts if c.is_supplier]
    # Vendor 7 (Maple Timber Supply, CAD) came with the purchase orders.
    assert (len(customers), len(vendors)) == (9, 7)
    archived = sorted(c.name for c in contacts if c.status is ContactStatus.ARCHIVED)
    assert archived == ["Hall Properties", "Jeff's Jalopies"]
    # Customer 1 and Vendor 1 both exist: their unified ids differ
    assert {"1", "Vendor:1"} <= {c.remote_id for c in contacts}


def test_payments_of_both_kinds_reference_synced_records(quickbooks_sandbox):
    conn = link(quickbooks_sandbox).connector()
    targets = {
        RelatedObjectType.INVOICE: {r.remote_id for r in read_all(conn, "invoice")[0]},
        RelatedObjectType.CREDIT_NOTE: {r.remote_id for r in read_all(conn, "credit_note")[0]},
    }
    contacts = {r.remote_id for r in read_all(conn, "contact")[0]}
    payments, _, _ = read_all(conn, "payment")
    assert {p.type for p in payments} == {
        PaymentType.ACCOUNTS_RECEIVABLE,
        PaymentType.ACCOUNTS_PAYABLE,
    }
    applied = [a for p in payments for a in p.applied_to]
    for payment in payments:
        assert payment.contact_remote_id in contacts
    for a in applied:
        assert a.related_object_remote_id in targets[a.related_object_type]
    # Credits applied QuickBooks' way: a credit memo on a payment, a vendor credit on a bill
    # payment (seed: credits.py, seed_cases.py).
    credits = {
        a.related_object_remote_id
        for a in applied
        if a.related_object_type is RelatedObjectType.CREDIT_NOTE
    }
    assert {"2", "VendorCredit:2"} <= credits


def test_incremental_read_returns_what_changed_since(quickbooks_sandbox):
    sb = quickbooks_sandbox
    conn = link(sb).connector()
    first, _, pages = read_all(conn, "invoice")
    since = max(p.max_remote_updated_at for p in pages if p.max_remote_updated_at)
    sb.control.edit("us", "Invoice", "3", CustomerMemo={"value": "Changed in QuickBooks"})
    sb.control.void("us", "Invoice", "10")
    sb.control.edit("us", "Bill", "1", PrivateNote="Renewed policy")
    changed, calls, _ = read_all(conn, "invoice", modified_since=since)
    by_id = {r.remote_id: r for r in changed}
    assert {"3", "10", "Bill:1"} <= set(by_id)
    assert len(changed) <= 5  # the edits, plus anything stamped in the same second as `since`
    assert by_id["3"].memo == "Changed in QuickBooks"
    assert by_id["10"].status is InvoiceStatus.VOID
    assert by_id["Bill:1"].memo == "Renewed policy"
    assert calls == 1  # Invoice and Bill queries and the deletion feed in one batch call
    items = sb.control.counters()["batches"][-1]["items"]
    stamp = since.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    assert all(f"WHERE MetaData.LastUpdatedTime >= '{stamp}'" in q for q in items[:2])
    assert items[2].startswith("CDCQuery: Invoice,Bill since ")
    # Name lists keep their Active condition beside the cursor
    read_all(conn, "contact", modified_since=since)
    last = sb.control.counters()["batches"][-1]["items"][-1]
    assert "WHERE Active IN (true, false) AND MetaData.LastUpdatedTime >= " in last
    assert len(first) == 18


def test_an_incremental_read_ends_with_the_records_deleted_since(quickbooks_sandbox):
    """Deleted transactions vanish from QuickBooks' queries; change data capture reports them,
    and the read's last page carries their ids (prefixed like the records)."""
    sb = quickbooks_sandbox
    conn = link(sb).connector()
    _, _, pages = read_all(conn, "invoice")
    assert all(p.deleted_remote_ids == () for p in pages)  # a full read has no feed
    since = max(p.max_remote_updated_at for p in pages if p.max_remote_updated_at)
    sb.control.delete("us", "Invoice", "5")
    sb.control.delete("us", "Bill", "2")
    sb.control.delete("us", "Payment", "1")
    changed, _, pages = read_all(conn, "invoice", modified_since=since)
    assert len(pages) == 1 and pages[0].is_last  # the feed was in the batch call
    assert set(pages[-1].deleted_remote_ids) == {"5", "Bill:2"}
    assert "5" not in {r.remote_id for r in changed}
    # a cursor at the feed (saved before a batch read, or after plain pages) reads it alone
    at_feed = ListCursor("invoice", 1, since, part=2).encode()
    resumed = list(conn.list("invoice", cursor=at_feed))
    assert [set(p.deleted_remote_ids) for p in resumed] == [{"5", "Bill:2"}]
    payments = list(conn.list("payment", modified_since=since))
    assert payments[-1].deleted_remote_ids == ("1",)
    # a read from further back than change data capture keeps asks from its oldest moment
    old = list(conn.list("invoice", modified_since=since - timedelta(days=400)))
    assert set(old[-1].deleted_remote_ids) == {"5", "Bill:2"}


def test_get_routes_by_id_prefix(quickbooks_sandbox):
    conn = link(quickbooks_sandbox).connector()
    assert conn.get("invoice", "1").type is InvoiceType.ACCOUNTS_RECEIVABLE
    bill = conn.get("invoice", "Bill:1")
    assert bill.type is InvoiceType.ACCOUNTS_PAYABLE and bill.remote_id == "Bill:1"
    assert conn.get("contact", "Vendor:2").name == "Norton Lumber and Building Materials"
    assert conn.get("payment", "BillPayment:3").account_remote_id == "41"
    for missing in ("999", "Bill:999", "Bill:x' OR Id > '0", "Nope:1"):
        with pytest.raises(NotFound):
            conn.get("invoice", missing)


def test_writes_are_not_supported(quickbooks_sandbox):
    """Models QuickBooks does not write here (invoices are: test_quickbooks_invoices_end_to_end)."""
    conn = link(quickbooks_sandbox).connector()
    with pytest.raises(NotSupported):
        conn.create("tax_rate", InvoiceInput(type="ACCOUNTS_RECEIVABLE", contact_remote_id="1"))
    with pytest.raises(NotSupported):
        conn.update("tax_rate", "1", InvoiceInput(memo="x"))
    with pytest.raises(NotSupported):
        conn.delete("purchase_order", "1")
    requests = quickbooks_sandbox.control.counters()["requests"]
    assert requests.get("taxcode") is None and requests.get("purchaseorder") is None


def test_concurrency_stays_under_the_limit(quickbooks_sandbox):
    """Throttle before QuickBooks does: 12 threads, at most 3 calls in flight, no 429."""
    ctl = quickbooks_sandbox.control
    ctl.set_limits(concurrent=3)
    ctl.faults([{"prefix": "/v3/company", "delay_ms": 150, "times": -1}])
    linked = link(quickbooks_sandbox, rate_limits={"tenant_concurrent": 3})
    ctl.reset_counters()
    errors: list[Exception] = []

    def work(n: int) -> None:
        try:
            linked.connector().get("invoice", str(n % 12 + 1))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    counters = ctl.counters()
    assert errors == []
    assert counters["rate_limited_total"] == 0 and 1 < counters["max_concurrent"] <= 3
    assert counters["statuses"] == {"200": 12}


def test_per_minute_budget_is_kept_locally(quickbooks_sandbox):
    """With the minute's budget spent, the next call waits in our limiter (here: gives up
    quickly) instead of reaching QuickBooks for a 429. Every call counts, the CompanyInfo
    lookup of the consent included."""
    ctl = quickbooks_sandbox.control
    ctl.set_limits(minute=4)
    linked = link(quickbooks_sandbox, rate_limits={"tenant_per_minute": 4, "max_wait_seconds": 0.5})
    conn = linked.connector()
    ctl.reset_counters()
    for n in range(3):
        conn.get("invoice", str(n + 1))
    with pytest.raises(RateLimited) as info:
        conn.get("invoice", "5")
    assert info.value.problem == "minute" and info.value.retry_after > 30
    counters = ctl.counters()
    assert counters["statuses"] == {"200": 3} and counters["rate_limited_total"] == 0
    assert conn.limit_status()["minute"] == {"limit": 4, "used": 4, "remaining": 0}


def test_provider_429_is_waited_out_and_5xx_retried(quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    conn = link(quickbooks_sandbox).connector()
    ctl.faults([{"prefix": "/v3/company", "status": 429, "times": 1}])
    assert conn.get("invoice", "2").number == "1002"
    ctl.faults([{"prefix": "/v3/company", "status": 503, "times": 2}])
    assert conn.get("invoice", "3").number == "1003"
    counters = ctl.counters()
    assert counters["rate_limited"] == {"injected": 1} and counters["faults"] == 3


def test_expired_token_is_refreshed_and_the_refresh_token_rotates(quickbooks_sandbox):
    sb = quickbooks_sandbox
    linked = link(sb)
    before = linked.store.load()
    sb.control.expire_token(before.access_token)
    conn = linked.connector()
    assert conn.get("invoice", "1").number == "1001"  # 401 → refresh → retry
    after = linked.store.load()
    assert linked.store.saves == 1
    assert after.access_token != before.access_token
    assert after.refresh_token != before.refresh_token
    assert after.extra[REALM_KEY] == linked.realm  # carried over the refresh
    assert sb.refresh(before.refresh_token).json() == {"error": "invalid_grant"}  # rotated
    assert sb.control.counters()["token_calls"]["refresh_token"] == 2


def test_tokens_about_to_expire_are_refreshed_first(quickbooks_sandbox):
    linked = link(quickbooks_sandbox)
    soon = linked.store.load()
    now = datetime.now(UTC)  # an hour-long token with 30 s left
    linked.store.save(
        soon.replace(
            issued_at=now - timedelta(seconds=3570), expires_at=now + timedelta(seconds=30)
        )
    )
    quickbooks_sandbox.control.reset_counters()
    linked.connector().get("contact", "1")
    counters = quickbooks_sandbox.control.counters()
    assert counters["token_calls"] == {"refresh_token": 1}
    assert counters["statuses"] == {"200": 1}  # no 401 round trip


def test_revoked_grant_needs_a_relink(quickbooks_sandbox):
    sb = quickbooks_sandbox
    linked = link(sb)
    creds = linked.store.load()
    linked.provider.revoke(creds)
    assert [g["revoked"] for g in sb.control.grants()] == [1]
    with pytest.raises(RelinkRequired):
        linked.connector().get("invoice", "1")
    assert linked.store.relink_required


def test_passthrough_is_relative_to_the_company(quickbooks_sandbox):
    linked = link(quickbooks_sandbox)
    conn = linked.connector()
    info = conn.passthrough("GET", f"/companyinfo/{linked.realm}")
    assert info.status == 200
    assert info.json()["CompanyInfo"]["CompanyName"] == linked.company_name
    missing = conn.passthrough("GET", "/invoice/999")
    assert missing.status == 400 and missing.json()["Fault"]["Error"][0]["code"] == "610"


def test_credentials_without_a_realm_do_not_reach_any_company(quickbooks_sandbox):
    provider = QuickBooksProvider(quickbooks_sandbox.provider_settings())
    creds = Credentials(
        access_token="nope", refresh_token=None, expires_at=datetime.now(UTC) + timedelta(hours=1)
    )
    assert provider.list_tenants(creds) == []


def test_the_sandbox_change_data_capture_answers_like_intuit(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    since = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    quickbooks_sandbox.control.edit("us", "Invoice", "3", PrivateNote="changed")
    quickbooks_sandbox.control.delete("us", "Invoice", "4")
    ok = api.get("cdc", params={"entities": "Invoice,Bill", "changedSince": since})
    assert ok.status_code == 200, ok.text
    invoice_response, bill_response = ok.json()["CDCResponse"][0]["QueryResponse"]
    rows = {row["Id"]: row for row in invoice_response["Invoice"]}
    assert rows["3"]["PrivateNote"] == "changed"
    assert rows["4"]["status"] == "Deleted" and set(rows) == {"3", "4"}
    assert "Bill" not in bill_response and bill_response["maxResults"] == 0
    month_ago = (datetime.now(UTC) - timedelta(days=31)).isoformat()
    for params in (
        {"entities": "Invoice"},
        {"changedSince": since},
        {"entities": "Invoice,Nope", "changedSince": since},
        {"entities": "Invoice", "changedSince": "yesterday"},
        {"entities": "Invoice", "changedSince": month_ago},
    ):
        refused = api.get("cdc", params=params)
        assert refused.status_code == 400, params
        assert refused.json()["Fault"]["type"] == "ValidationFault"


def test_the_sandbox_serves_intuits_openid_discovery_document(quickbooks_sandbox):
    """Intuit's own OAuth client (intuit-oauth, unmodified) reads the discovery document and
    runs consent, code exchange, refresh and revocation against the sandbox."""
    from urllib.parse import parse_qs, urlsplit

    import requests
    from intuitlib.client import AuthClient
    from intuitlib.enums import Scopes

    sb = quickbooks_sandbox
    for path in ("openid_sandbox_configuration", "openid_configuration", "openid-configuration"):
        doc = requests.get(f"{sb.base_url}/.well-known/{path}", timeout=30).json()
        assert doc["token_endpoint"] == sb.token_url
        assert doc["authorization_endpoint"] == sb.authorize_url
        assert doc["revocation_endpoint"] == sb.revoke_url
        assert doc["response_types_supported"] == ["code"]
    client = AuthClient(
        sb.client_id,
        sb.client_secret,
        sb.redirect_uri,
        f"{sb.base_url}/.well-known/openid_sandbox_configuration",
    )
    assert requests.get(client.jwks_uri, timeout=30).json() == {"keys": []}
    url = client.get_authorization_url([Scopes.ACCOUNTING])
    assert url.startswith(sb.authorize_url)
    consent = requests.post(url, data={"realm": sb.realm("us")}, allow_redirects=False, timeout=30)
    callback = parse_qs(urlsplit(consent.headers["Location"]).query)
    assert callback["state"] == [client.state_token]
    client.get_bearer_token(callback["code"][0], realm_id=callback["realmId"][0])
    assert client.access_token and client.refresh_token
    first = client.access_token
    client.refresh()
    assert client.access_token != first
    assert sb.api(client.access_token).query("SELECT COUNT(*) FROM Invoice")["QueryResponse"]
    assert client.revoke() is True
    assert sb.api(client.access_token).get("query", params={"query": "x"}).status_code == 401


def test_or_is_refused_as_intuit_refuses_it(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    statement = "SELECT * FROM Customer WHERE DisplayName = 'Cool Cars' OR Active = false"
    refused = api.get("query", params={"query": statement})
    assert refused.status_code == 400
    (error,) = refused.json()["Fault"]["Error"]
    assert error["code"] == "4000" and error["Message"] == "Error parsing query"
    assert error["Detail"].startswith(
        'QueryParserError: Encountered " <ID> "OR "" at line 1, column 56.\nWas expecting one of:\n'
    )
    assert '"and" ...' in error["Detail"] and '"orderby" ...' in error["Detail"]


def test_items_are_queried_with_projections(quickbooks_sandbox):
    tokens, realm = quickbooks_sandbox.connect("us")
    api = quickbooks_sandbox.api(tokens["access_token"], realm)
    full = api.query("select *, Sku from Item")["QueryResponse"]["Item"]
    pump = next(item for item in full if item["Name"] == "Pump")
    assert pump["Sku"] and pump["Type"] == "Inventory" and pump["UnitPrice"] == 115.25
    assert pump["IncomeAccountRef"]["value"] and pump["sparse"] is False
    assert full == api.query("SELECT * FROM Item")["QueryResponse"]["Item"]
    sparse = api.query("select Name, Sku from Item where Type = 'Inventory'")
    (only,) = sparse["QueryResponse"]["Item"]
    assert only == {
        "Name": "Pump",
        "Sku": pump["Sku"],
        "Id": pump["Id"],
        "SyncToken": pump["SyncToken"],
        "domain": "QBO",
        "sparse": True,
    }
    assert api.get(f"item/{pump['Id']}").json()["Item"] == pump
