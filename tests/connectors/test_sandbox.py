"""The Xero connector against the Xero sandbox (tests/plugins/sandbox.py, ``xero_sandbox``)."""

from __future__ import annotations

import base64
import hashlib
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from connectors.credentials import InMemoryCredentialStore
from connectors.errors import RelinkRequired, TenantNotConnected, ValidationFailed
from connectors.limiter import InProcessLimiter
from connectors.oauth import new_code_verifier, new_state
from connectors.xero import XeroProvider
from tests.connectors.pages import provider_pages
from unified_models import (
    Address,
    ContactInput,
    InvoiceInput,
    InvoiceStatus,
    PaymentInput,
    PaymentStatus,
    PhoneNumber,
)

PLUGIN = Path(__file__).parents[1] / "plugins" / "sandbox.py"
pytestmark = pytest.mark.skipif(
    not PLUGIN.exists(), reason="tests/plugins/sandbox.py (the xero_sandbox fixture) is absent"
)

MODELS = ("contact", "invoice", "payment")


def settings_for(sb, **extra) -> dict:
    return {
        "client_id": sb.client_id,
        "client_secret": sb.client_secret,
        "authorize_url": sb.authorize_url,
        "token_url": sb.token_url,
        "revoke_url": sb.revocation_url,
        "connections_url": sb.connections_url,
        "api_url": sb.api_url,
        "http": {"backoff_initial": 0.05, "backoff_max": 0.2},
        **extra,
    }


@dataclass
class Linked:
    provider: XeroProvider
    store: InMemoryCredentialStore
    tenants: list

    def connector(self, index: int = 0):
        return self.provider.connect(self.store, self.tenants[index].id)


def link(sb, tenants=("uk",), limiter=None, **settings) -> Linked:
    """The user's consent through our OAuth client: state + PKCE S256 + code exchange."""
    provider = XeroProvider(settings_for(sb, **settings), limiter=limiter or InProcessLimiter())
    verifier, state = new_code_verifier(), new_state()
    url = provider.authorization_url(sb.redirect_uri, state, verifier)
    assert url.startswith(sb.authorize_url) and "code_challenge_method=S256" in url
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    code = sb.authorize(tenants=list(tenants), state=state, code_challenge=challenge.decode())
    creds = provider.exchange_code(code, sb.redirect_uri, verifier)
    found = provider.list_tenants(creds)
    by_id = {t.id: t for t in found}
    ordered = [by_id[sb.tenant_id(t)] for t in tenants]
    return Linked(provider, InMemoryCredentialStore(creds), ordered)


def read_all(conn, model, **kw):
    """(records, calls, how many provider pages)."""
    pages = provider_pages(conn.list(model, **kw))
    return [r for p in pages for r in p.records], sum(p.calls for p in pages), len(pages)


def test_link_lists_tenants_and_disconnects(xero_sandbox):
    linked = link(xero_sandbox, tenants=("uk", "us"))
    assert [t.name for t in linked.tenants] == [
        xero_sandbox.tenant_names["uk"],
        xero_sandbox.tenant_names["us"],
    ]
    assert all(t.connection_id and t.auth_event_id for t in linked.tenants)
    creds = linked.store.load()
    linked.provider.disconnect(creds, linked.tenants[1].connection_id)
    assert [t.id for t in linked.provider.list_tenants(creds)] == [linked.tenants[0].id]
    with pytest.raises(TenantNotConnected):
        linked.connector(1).get("invoice", "00000000-0000-0000-0000-000000000000")


@pytest.mark.slow
def test_full_read_is_one_call_per_thousand_records(xero_sandbox):
    ctl = xero_sandbox.control
    demo = link(xero_sandbox).connector()
    baseline = {m: len(read_all(demo, m)[0]) for m in MODELS}
    ctl.reset(
        invoices=10_000 - baseline["invoice"],
        contacts=2_000 - baseline["contact"],
        payments=5_000 - baseline["payment"],
        tenant="uk",
    )
    conn = link(xero_sandbox).connector()
    ctl.reset_counters()
    got = {}
    for model in MODELS:
        records, calls, pages = read_all(conn, model)
        assert len({r.remote_id for r in records}) == len(records)
        got[model] = (len(records), calls, pages)
    assert got == {
        "contact": (2_000, 2, 2),
        "invoice": (10_000, 10, 10),
        "payment": (5_000, 5, 5),
    }
    counters = ctl.counters()
    assert conn.calls == counters["calls"] == 17
    assert counters["rate_limited_total"] == 0


def test_incremental_read_with_nothing_changed_is_one_call_each(xero_sandbox):
    linked = link(xero_sandbox)
    conn = linked.connector()
    marks = {}
    for model in MODELS:
        pages = list(conn.list(model))
        marks[model] = max(p.max_remote_updated_at for p in pages if p.max_remote_updated_at)
    xero_sandbox.control.reset_counters()
    for model in MODELS:
        since = marks[model] + timedelta(milliseconds=1)
        records, calls, pages = read_all(conn, model, modified_since=since)
        assert (records, calls, pages) == ([], 1, 1)
    assert xero_sandbox.control.counters()["calls"] == 3

    # one change → exactly that record, still one call
    invoice_id = next(iter(conn.list("invoice"))).records[0].remote_id
    xero_sandbox.control.edit("uk", "Invoices", invoice_id, Reference="changed")
    records, calls, _ = read_all(
        conn, "invoice", modified_since=marks["invoice"] + timedelta(milliseconds=1)
    )
    assert [r.remote_id for r in records] == [invoice_id] and calls == 1
    assert records[0].reference == "changed"


@pytest.mark.parametrize(
    ("model", "collection"), [("invoice", "Invoices"), ("contact", "Contacts")]
)
def test_a_record_changed_mid_pass_does_not_hide_another(xero_sandbox, model, collection):
    """Pages are numbered: were they ordered by something that changes (Xero's default is
    UpdatedDateUTC for invoices, Name for contacts), a record edited after page 1 was read
    would move, every later record would shift back one place, and the first record of page 2
    would never be read: by this pass, nor by the next incremental one (it did not change)."""
    xero_sandbox.control.reset(invoices=1_500, contacts=1_500, tenant="uk")
    conn = link(xero_sandbox).connector()
    expected = {r.remote_id for r in read_all(conn, model)[0]}
    pages = conn.list(model)
    first = next(pages)
    assert first.next_cursor is not None
    edit = {"Reference": "edited mid-pass"} if model == "invoice" else {"Name": "zzz moved"}
    xero_sandbox.control.edit("uk", collection, first.records[0].remote_id, **edit)
    seen = {r.remote_id for r in first.records}
    for page in pages:
        seen |= {r.remote_id for r in page.records}
    assert expected - seen == set()


def test_low_limits_finish_with_every_record_and_no_429(xero_sandbox):
    """Sandbox and our limiter at 3 calls/minute; our waits move the sandbox clock too."""
    ctl = xero_sandbox.control
    ctl.reset(invoices=3_000, contacts=1_000, payments=1_500, tenant="uk")
    ctl.clock(freeze=True)
    now = [1_000_000.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds
        ctl.advance_clock(seconds)

    limiter = InProcessLimiter(clock=lambda: now[0], sleep=sleep)
    linked = link(xero_sandbox, limiter=limiter, rate_limits={"tenant_per_minute": 3})
    conn = linked.connector()
    ctl.set_limits(minute=3)
    ctl.reset_counters()
    totals = {m: len(read_all(conn, m)[0]) for m in MODELS}
    assert totals["contact"] >= 1_000 and totals["invoice"] >= 3_000 and totals["payment"] >= 1_500
    counters = ctl.counters()
    assert counters["rate_limited_total"] == 0
    assert conn.client.throttled == 0
    assert counters["calls"] == conn.calls == 8  # 2 + 4 + 2 pages (demo books included)
    assert now[0] - 1_000_000.0 >= 120  # we waited (in sandbox time) instead of being refused


def test_faults_are_retried(xero_sandbox):
    conn = link(xero_sandbox).connector()
    xero_sandbox.control.faults([{"prefix": "/api.xro/2.0/Invoices", "error_503": 1.0, "limit": 2}])
    records, calls, _ = read_all(conn, "invoice")
    assert records and calls == 3


def test_expired_token_is_refreshed_once_by_concurrent_workers(xero_sandbox):
    linked = link(xero_sandbox)
    xero_sandbox.control.expire_token()
    xero_sandbox.control.reset_counters()
    errors: list[BaseException] = []
    barrier = threading.Barrier(5)

    def worker():
        conn = linked.connector()
        conn.tokens._current = linked.store.load()
        barrier.wait()
        try:
            read_all(conn, "contact")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert xero_sandbox.control.counters()["refresh_calls"] == 1
    assert linked.store.saves == 1 and not linked.store.relink_required


def test_revoked_grant_requires_relink(xero_sandbox):
    linked = link(xero_sandbox)
    xero_sandbox.control.revoke_grant(client_id=xero_sandbox.client_id)
    xero_sandbox.control.expire_token()
    with pytest.raises(RelinkRequired):
        linked.connector().get("contact", "00000000-0000-0000-0000-000000000000")
    assert linked.store.relink_required


def test_writes_round_trip(xero_sandbox):
    conn = link(xero_sandbox).connector()
    contact_in = ContactInput(
        name="Round Trip Ltd",
        email_address="ap@roundtrip.example",
        tax_number="GB123456789",
        addresses=[
            Address(
                type="BILLING",
                street_1="1 High St",
                street_2="Floor 2",
                city="Leeds",
                postal_code="LS1 1AA",
                country="United Kingdom",
            )
        ],
        phone_numbers=[PhoneNumber(type="MOBILE", number="7700 900123", country_code="44")],
    )
    contact = conn.create("contact", contact_in, idempotency_key="rt-contact-1")
    again = conn.create("contact", contact_in, idempotency_key="rt-contact-1")
    assert again.remote_id == contact.remote_id  # Idempotency-Key passed through
    fetched = conn.get("contact", contact.remote_id)
    for field in contact_in.model_fields_set:
        assert getattr(fetched, field) == getattr(contact_in, field), field

    invoice_in = InvoiceInput(
        type="ACCOUNTS_RECEIVABLE",
        contact_remote_id=contact.remote_id,
        issue_date=date(2026, 1, 5),
        due_date=date(2026, 2, 5),
        reference="PO-1",
        currency="GBP",
        tax_treatment="EXCLUSIVE",
        status="OPEN",
        line_items=[
            {
                "description": "Widget",
                "quantity": "3",
                "unit_price": "19.9999",
                "account_code": "200",
                "tax_rate_remote_id": "OUTPUT2",
            },
            {
                "description": "Service",
                "quantity": "1.5",
                "unit_price": "80",
                "account_code": "200",
                "tax_rate_remote_id": "OUTPUT2",
            },
        ],
    )
    invoice = conn.create("invoice", invoice_in)
    assert invoice.status is InvoiceStatus.OPEN and invoice.contact_remote_id == contact.remote_id
    for field in ("type", "issue_date", "due_date", "reference", "currency", "tax_treatment"):
        assert getattr(invoice, field) == getattr(invoice_in, field), field
    for sent, got in zip(invoice_in.line_items, invoice.line_items, strict=True):
        for field in sent.model_fields_set:
            assert getattr(got, field) == getattr(sent, field), field
    assert isinstance(invoice.total_amount, Decimal)
    assert invoice.sub_total == sum(li.total_amount for li in invoice.line_items)
    assert conn.get("invoice", invoice.remote_id).model_dump(
        exclude={"remote_data"}
    ) == invoice.model_dump(exclude={"remote_data"})

    updated = conn.update("invoice", invoice.remote_id, InvoiceInput(reference="PO-2"))
    assert updated.reference == "PO-2" and updated.line_items == invoice.line_items

    payment = conn.create(
        "payment",
        PaymentInput(
            transaction_date=date(2026, 1, 10),
            account_code="090",
            reference="part",
            applied_to=[{"related_object_remote_id": invoice.remote_id, "applied_amount": "10.00"}],
        ),
    )
    assert payment.status is PaymentStatus.POSTED and payment.total_amount == Decimal("10.00")
    assert payment.applied_to[0].related_object_remote_id == invoice.remote_id
    assert payment.contact_remote_id == contact.remote_id
    assert conn.get("invoice", invoice.remote_id).status is InvoiceStatus.PARTIALLY_PAID

    with pytest.raises(ValidationFailed):
        conn.delete("invoice", invoice.remote_id)  # has a payment
    assert conn.delete("payment", payment.remote_id).status is PaymentStatus.VOID
    assert conn.delete("invoice", invoice.remote_id).status is InvoiceStatus.VOID
    assert conn.delete("invoice", invoice.remote_id).status is InvoiceStatus.VOID  # idempotent

    draft = conn.create(
        "invoice",
        InvoiceInput(
            type="ACCOUNTS_PAYABLE",
            contact_remote_id=contact.remote_id,
            status="DRAFT",
            line_items=[{"description": "x"}],
        ),
    )
    deleted = conn.delete("invoice", draft.remote_id)
    assert deleted.remote_was_deleted

    assert conn.delete("contact", contact.remote_id).status.value == "ARCHIVED"


def test_validation_errors_have_unified_paths(xero_sandbox):
    conn = link(xero_sandbox).connector()
    contact_id = next(iter(conn.list("contact"))).records[0].remote_id
    with pytest.raises(ValidationFailed) as info:
        conn.create(
            "invoice",
            InvoiceInput(
                type="ACCOUNTS_RECEIVABLE",
                contact_remote_id=contact_id,
                status="OPEN",
                due_date=date(2026, 3, 1),
                issue_date=date(2026, 2, 1),
                line_items=[
                    {
                        "description": "ok",
                        "quantity": "1",
                        "unit_price": "1",
                        "account_code": "200",
                    },
                    {
                        "description": "bad",
                        "quantity": "1",
                        "unit_price": "1",
                        "account_code": "NOPE",
                    },
                ],
            ),
        )
    fields = [d["field"] for d in info.value.details]
    assert "line_items[1].account_code" in fields, info.value.details
    with pytest.raises(ValidationFailed) as info:
        conn.create("invoice", InvoiceInput(type="ACCOUNTS_RECEIVABLE", memo="no such field"))
    assert [d["field"] for d in info.value.details] == ["memo"]


def test_passthrough(xero_sandbox):
    conn = link(xero_sandbox).connector()
    response = conn.passthrough("GET", "Organisation")
    assert response.status == 200
    assert response.json()["Organisations"][0]["Name"] == xero_sandbox.tenant_names["uk"]
    assert conn.passthrough("GET", "Invoices/00000000-0000-0000-0000-000000000000").status == 404
