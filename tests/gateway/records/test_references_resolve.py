"""Every reference in the demo books resolves. Each provider's demo companies (the books the
sandboxes seed, which `make demo` links) are synced in full, then every reference on every
stored invoice, payment, item and account is fetched by its id from the unified API.

A reference whose provider id is set must be filled, and the record it names must be served and
be that record: ids are derived from (account, model, provider id), so a line naming its account
by another id than the account record's own (a code instead of the AccountID, a prefix the
category does not carry, a tax code the tax rate list does not hold) points at nothing. A
tracking reference's option must be one of the category's options; a code (`account_code`,
`item_code`) without the provider id beside it is reported too (Xero gives both on lines and
payments)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from gateway.accounts.models import LinkedAccount
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode
from tests.gateway.builders import make_linked_account
from unified_models import CATALOGUE

pytestmark = pytest.mark.django_db(transaction=True)

#: Plurals the API serves. Payments can settle credit notes, which are not synced yet: those
#: references are counted, not fetched.
SERVED = {entry.plural for entry in CATALOGUE}
RELATED = {"INVOICE": "invoices", "CREDIT_NOTE": "credit-notes"}


@dataclass
class Ref:
    where: str
    target: str  # the plural it points at
    gateway_id: str | None
    remote_id: str | None
    option_remote_id: str | None = None  # tracking: the option chosen
    code: str | None = None  # the code given beside (account_code, item_code)


def references(record: dict[str, Any], plural: str) -> list[Ref]:
    """Every reference on one record, as the API shows it."""
    r = record
    found: list[Ref] = []
    if plural == "invoices":
        found.append(Ref("contact", "contacts", r["contact"], r["contact_remote_id"]))
        assert len(r["payments"]) == len(r["payment_remote_ids"]), r
        found += [
            Ref(f"payments[{n}]", "payments", gid, rid)
            for n, (gid, rid) in enumerate(zip(r["payments"], r["payment_remote_ids"], strict=True))
        ]
        for n, line in enumerate(r["line_items"]):
            at = f"line_items[{n}]"
            found.append(
                Ref(
                    f"{at}.account",
                    "accounts",
                    line["account"],
                    line["account_remote_id"],
                    code=line["account_code"],
                )
            )
            found.append(
                Ref(
                    f"{at}.item",
                    "items",
                    line["item"],
                    line["item_remote_id"],
                    code=line["item_code"],
                )
            )
            found.append(
                Ref(f"{at}.tax_rate", "tax-rates", line["tax_rate"], line["tax_rate_remote_id"])
            )
            for m, tracking in enumerate(line["tracking_categories"]):
                found.append(
                    Ref(
                        f"{at}.tracking_categories[{m}].category",
                        "tracking-categories",
                        tracking["category"],
                        tracking["category_remote_id"],
                        option_remote_id=tracking["option_remote_id"],
                    )
                )
    elif plural == "payments":
        found.append(Ref("contact", "contacts", r["contact"], r["contact_remote_id"]))
        found.append(
            Ref("account", "accounts", r["account"], r["account_remote_id"], code=r["account_code"])
        )
        for n, applied in enumerate(r["applied_to"]):
            found.append(
                Ref(
                    f"applied_to[{n}].related_object_id",
                    RELATED[applied["related_object_type"]],
                    applied["related_object_id"],
                    applied["related_object_remote_id"],
                )
            )
    elif plural == "items":
        for side in ("sale", "purchase", "inventory_asset"):
            name = f"{side}_account"
            found.append(
                Ref(name, "accounts", r[name], r[f"{name}_remote_id"], code=r[f"{name}_code"])
            )
        for side in ("sale", "purchase"):
            name = f"{side}_tax_rate"
            found.append(Ref(name, "tax-rates", r[name], r[f"{name}_remote_id"]))
    elif plural == "accounts":
        found.append(Ref("tax_rate", "tax-rates", r["tax_rate"], r["tax_rate_remote_id"]))
        found.append(
            Ref("parent_account", "accounts", r["parent_account"], r["parent_account_remote_id"])
        )
    return found


@dataclass
class Walk:
    resolved: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unserved: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failures: list[str] = field(default_factory=list)
    #: codes given without the provider id (per holder plural)
    code_only: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def all_results(client, path: str, **params) -> list[dict]:
    out, cursor = [], None
    while True:
        query = {"page_size": 100, **params, **({"cursor": cursor} if cursor else {})}
        response = client.get(path, query)
        assert response.status_code == 200, response.content
        body = response.json()
        out += body["results"]
        cursor = body["next"]
        if not cursor:
            return out


def walk(client) -> Walk:
    """Follow every reference of every stored invoice, payment, item and account."""
    out = Walk()
    fetched: dict[tuple[str, str], Any] = {}
    for plural in ("invoices", "payments", "items", "accounts"):
        records = all_results(client, f"/v1/{plural}", include_deleted="true")
        assert records, f"the demo books have no {plural}"
        for record in records:
            for ref in references(record, plural):
                name = f"{plural}/{record['remote_id']} {ref.where} ({ref.remote_id!r})"
                if ref.code and not ref.remote_id:
                    out.code_only[plural].append(f"{name}: code {ref.code!r} without an id")
                if ref.remote_id and not ref.gateway_id:
                    out.failures.append(f"{name}: provider id set, reference null")
                if ref.gateway_id and not ref.remote_id:
                    out.failures.append(f"{name}: reference filled without a provider id")
                if not ref.gateway_id:
                    continue
                if ref.target not in SERVED:
                    out.unserved[ref.target] += 1
                    continue
                key = (ref.target, ref.gateway_id)
                if key not in fetched:
                    response = client.get(f"/v1/{ref.target}/{ref.gateway_id}")
                    fetched[key] = response.json() if response.status_code == 200 else response
                target = fetched[key]
                if not isinstance(target, dict):
                    out.failures.append(
                        f"{name}: GET /v1/{ref.target}/{ref.gateway_id} is {target.status_code}"
                    )
                    continue
                if target["remote_id"] != ref.remote_id:
                    out.failures.append(f"{name}: resolves to {target['remote_id']!r}")
                    continue
                options = {o["remote_id"] for o in target.get("options") or ()}
                if ref.option_remote_id is not None and ref.option_remote_id not in options:
                    out.failures.append(
                        f"{name}: option {ref.option_remote_id!r} not among {sorted(options)}"
                    )
                    continue
                out.resolved[ref.target] += 1
    return out


def full_sync(account) -> None:
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error


def client_for(authed_client, account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    return authed_client


def xero_books(tenant: str, customer, sandbox, authed_client):
    tokens = sandbox.connect(tenants=[tenant])
    account = make_linked_account(
        customer,
        provider="xero",
        tenant_id=sandbox.tenant_id(tenant),
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
        scope=tokens["scope"],
    )
    full_sync(account)
    return client_for(authed_client, account)


#: What every demo company's books refer to at least once (Xero's and QuickBooks' US company
#: tag lines with tracking categories; QuickBooks' UK one does not).
EVERYWHERE = {"contacts", "payments", "invoices", "accounts", "tax-rates", "items"}


@pytest.mark.parametrize("tenant", ["uk", "us", "au"])
def test_every_reference_in_the_xero_demo_books_resolves(
    tenant, customer_with_key, xero_settings, authed_client
):
    found = walk(xero_books(tenant, customer_with_key[0], xero_settings, authed_client))
    assert found.failures == []
    assert EVERYWHERE | {"tracking-categories"} <= set(found.resolved), dict(found.resolved)
    # lines and payments give the AccountID (and the item's ItemID) beside the code
    assert found.code_only["invoices"] == [] and found.code_only["payments"] == []
    # a payment of a credit note (not synced yet) is the one reference left unfetched
    assert dict(found.unserved) == {"credit-notes": 1}


def test_documents_written_through_the_gateway_resolve_too(
    customer_with_key, xero_settings, authed_client
):
    """An invoice written with codes only (account code, item code, tax type) and a tracking
    option, and a payment of it by account code: Xero fills the ids, the next sync stores them
    and every reference resolves."""
    client = xero_books("uk", customer_with_key[0], xero_settings, authed_client)
    account = LinkedAccount.objects.get()
    contact = all_results(client, "/v1/contacts")[0]
    category = next(
        c for c in all_results(client, "/v1/tracking-categories") if c["status"] == "ACTIVE"
    )
    option = next(o for o in category["options"] if o["status"] == "ACTIVE")
    body = {
        "type": "ACCOUNTS_RECEIVABLE",
        "contact": contact["id"],
        "issue_date": "2026-11-01",
        "due_date": "2026-11-30",
        "status": "OPEN",
        "line_items": [
            {
                "description": "Books",
                "quantity": "2",
                "unit_price": "19.95",
                "account_code": "200",
                "item_code": "BOOK",
                "tax_rate_remote_id": "OUTPUT2",
                "tracking_categories": [
                    {
                        "category_remote_id": category["remote_id"],
                        "option_remote_id": option["remote_id"],
                    }
                ],
            }
        ],
    }
    created = client.post("/v1/invoices", body, format="json")
    assert created.status_code == 201, created.content
    invoice = created.json()
    paid = client.post(
        "/v1/payments",
        {
            "transaction_date": "2026-11-05",
            "account_code": "090",
            "total_amount": "10.00",
            "applied_to": [{"related_object_id": invoice["id"], "applied_amount": "10.00"}],
        },
        format="json",
    )
    assert paid.status_code == 201, paid.content
    run = services.request_sync(account, SyncMode.INCREMENTAL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error

    stored = client.get(f"/v1/invoices/{invoice['id']}").json()
    (line,) = stored["line_items"]
    assert all(line[k] for k in ("account", "item", "tax_rate")), line
    assert line["tracking_categories"][0]["category"] == category["id"]
    assert stored["payments"] == [paid.json()["id"]]
    found = walk(client)
    assert found.failures == []
    assert found.code_only["invoices"] == [] and found.code_only["payments"] == []


@pytest.mark.xfail(
    strict=True,
    reason="Xero items name their accounts by code only (SalesDetails.AccountCode): the "
    "connector leaves sale/purchase/inventory account ids null until it reads the chart of "
    "accounts beside the items (branch i-refs)",
)
def test_xero_demo_items_refer_to_their_accounts_by_id(
    customer_with_key, xero_settings, authed_client
):
    found = walk(xero_books("uk", customer_with_key[0], xero_settings, authed_client))
    assert found.code_only["items"] == []


@pytest.mark.parametrize("company", ["us", "uk"])
def test_every_reference_in_the_quickbooks_demo_books_resolves(
    company, customer_with_key, quickbooks_settings, authed_client
):
    tokens, realm = quickbooks_settings.connect(company)
    account = make_linked_account(
        customer_with_key[0],
        provider="quickbooks",
        tenant_id=realm,
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
    )
    account.grant.token_extra = json.dumps({"realm_id": realm})
    account.grant.save(update_fields=["token_extra"])
    full_sync(account)
    found = walk(client_for(authed_client, account))
    assert found.failures == []
    wanted = EVERYWHERE | ({"tracking-categories"} if company == "us" else set())
    assert wanted <= set(found.resolved), dict(found.resolved)
    assert dict(found.code_only) == {} and dict(found.unserved) == {}
