"""The official xero-python SDK, pointed at the sandbox, works end to end."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from xero_python.accounting import Account as AccountRef
from xero_python.accounting import (
    AccountingApi,
    Contact,
    Contacts,
    Invoice,
    Invoices,
    LineAmountTypes,
    LineItem,
    Payment,
)
from xero_python.api_client import ApiClient
from xero_python.api_client.configuration import Configuration
from xero_python.api_client.oauth2 import OAuth2Token, TokenApi
from xero_python.identity import IdentityApi


@pytest.fixture
def sdk(xero_sandbox, monkeypatch):
    """An ApiClient whose token expired a minute ago (so its first call refreshes)."""
    monkeypatch.setattr(TokenApi, "refresh_token_url", xero_sandbox.token_url)
    monkeypatch.setattr(TokenApi, "revoke_token_url", xero_sandbox.revocation_url)
    xero_sandbox.control.reset(invoices=250, contacts=20, payments=30)
    tokens = xero_sandbox.connect(tenants=["uk", "us"])
    store = {"token": {**tokens, "scope": tokens["scope"].split(), "expires_at": time.time() - 60}}
    client = ApiClient(
        Configuration(
            oauth2_token=OAuth2Token(
                client_id=xero_sandbox.client_id, client_secret=xero_sandbox.client_secret
            )
        ),
        pool_threads=1,
        oauth2_token_getter=lambda: store["token"],
        oauth2_token_saver=lambda token: store.update(token=token),
    )
    client.store = store
    client.initial_refresh_token = tokens["refresh_token"]
    return client


def test_sdk_refreshes_lists_connections_pages_filters_and_writes(xero_sandbox, sdk):
    identity = IdentityApi(sdk, base_url=xero_sandbox.base_url)
    connections = identity.get_connections()  # triggers the refresh first
    assert sdk.store["token"]["refresh_token"] != sdk.initial_refresh_token
    assert xero_sandbox.control.counters()["refresh_calls"] == 1
    assert {c.tenant_name for c in connections} == {"Demo Company (UK)", "Demo Company (US)"}
    tenant = next(c.tenant_id for c in connections if c.tenant_name == "Demo Company (UK)")

    api = AccountingApi(sdk, base_url=xero_sandbox.api_url)
    seen, page = [], 1
    while True:
        batch = api.get_invoices(tenant, page=page, page_size=100)
        seen += batch.invoices
        assert batch.pagination.page == page
        if page >= batch.pagination.page_count:
            break
        page += 1
    assert len(seen) == batch.pagination.item_count >= 250
    assert all(inv.line_items for inv in seen if inv.type == "ACCREC")
    assert isinstance(seen[0].date, date)
    assert isinstance(seen[0].updated_date_utc, datetime)

    drafts = api.get_invoices(tenant, where='Status=="DRAFT" AND Type=="ACCREC"', page=1)
    assert drafts.invoices and all(
        i.status == "DRAFT" and i.type == "ACCREC" for i in drafts.invoices
    )
    latest = max(i.updated_date_utc for i in seen)
    recent = api.get_invoices(tenant, if_modified_since=latest, page=1)
    assert {i.invoice_id for i in recent.invoices} == {
        i.invoice_id for i in seen if i.updated_date_utc >= latest
    }
    created = api.create_contacts(
        tenant,
        Contacts(contacts=[Contact(name="SDK Customer Ltd", email_address="sdk@example.com")]),
    )
    contact = created.contacts[0]
    assert contact.contact_id and contact.contact_status == "ACTIVE"
    invoice = Invoice(
        type="ACCREC",
        contact=Contact(contact_id=contact.contact_id),
        date=date(2024, 6, 1),
        due_date=date(2024, 6, 30),
        line_amount_types=LineAmountTypes.EXCLUSIVE,
        status="AUTHORISED",
        line_items=[
            LineItem(
                description="SDK work", quantity=3, unit_amount=Decimal("33.33"), account_code="200"
            )
        ],
    )
    made = api.create_invoices(tenant, Invoices(invoices=[invoice])).invoices[0]
    assert (made.sub_total, made.total_tax, made.total) == (
        Decimal("99.99"),
        Decimal("20.00"),
        Decimal("119.99"),
    )
    assert made.date == date(2024, 6, 1)
    paid = api.create_payment(
        tenant,
        Payment(
            invoice=Invoice(invoice_id=made.invoice_id),
            account=AccountRef(code="090"),
            amount=119.99,
            date=date(2024, 6, 15),
        ),
    )
    assert paid.payments[0].amount == Decimal("119.99")
    after = api.get_invoice(tenant, made.invoice_id).invoices[0]
    assert (
        after.status == "PAID" and after.amount_due == 0 and after.amount_paid == Decimal("119.99")
    )
    assert after.fully_paid_on_date == date(2024, 6, 15)
    assert after.updated_date_utc > datetime(2024, 1, 1, tzinfo=UTC)


def test_sdk_reads_and_writes_reference_data(xero_sandbox, sdk):
    from xero_python.accounting import Accounts, AccountType, Item, Items, Purchase

    identity = IdentityApi(sdk, base_url=xero_sandbox.base_url)
    tenant = next(
        c.tenant_id for c in identity.get_connections() if c.tenant_name == "Demo Company (UK)"
    )
    api = AccountingApi(sdk, base_url=xero_sandbox.api_url)

    categories = api.get_tracking_categories(tenant).tracking_categories
    assert sorted(c.name for c in categories) == ["Department", "Region"]
    everything = api.get_tracking_categories(tenant, include_archived=True).tracking_categories
    assert len(everything) == 3
    region = next(c for c in categories if c.name == "Region")
    one = api.get_tracking_category(tenant, region.tracking_category_id).tracking_categories[0]
    assert {o.name for o in one.options} >= {"North", "South", "East"}
    assert all(o.tracking_option_id for o in one.options)

    org = api.get_organisations(tenant).organisations[0]
    assert org.base_currency.value == "GBP" and org.financial_year_end_month == 3
    rates = api.get_tax_rates(tenant).tax_rates
    assert {r.tax_type for r in rates} >= {"OUTPUT2", "INPUT2"}

    made = api.create_account(
        tenant, AccountRef(code="415", name="Software", type=AccountType.OVERHEADS)
    )
    account = made.accounts[0]
    assert account._class == "EXPENSE" and account.status == "ACTIVE"
    archived = api.update_account(
        tenant, account.account_id, Accounts(accounts=[AccountRef(status="ARCHIVED")])
    )
    assert archived.accounts[0].status == "ARCHIVED"
    codes = {a.code for a in api.get_accounts(tenant).accounts}
    assert {"415", "630"} <= codes

    item = api.create_items(
        tenant,
        Items(
            items=[
                Item(
                    code="SDK-1",
                    name="SDK item",
                    sales_details=Purchase(unit_price=12.5, account_code="200"),
                )
            ]
        ),
    ).items[0]
    assert item.sales_details.unit_price == Decimal("12.5")
    assert "SDK-1" in {i.code for i in api.get_items(tenant).items}
