"""The same unified API checks for a Xero linked account and a QuickBooks linked account, each
synced from its own sandbox through its real connector: list, filters, retrieve, references,
what the provider supports, and cross-customer isolation. Nothing here knows which provider it
is talking to beyond the fixture that linked the account."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from connectors.jsonutil import dumps
from gateway.accounts.connections import connector_for
from gateway.records.store import upsert_records
from tests.factories import make_customer
from tests.gateway.builders import make_linked_account
from unified_models import CATALOGUE, MODELS

pytestmark = pytest.mark.django_db(transaction=True)

PROVIDERS = ("xero", "quickbooks")


def sync(account) -> dict[str, list]:
    """What a sync does, without its bookkeeping: every page of every model, stored."""
    pulled: dict[str, list] = {}
    connector = connector_for(account)
    for model in MODELS:
        pulled[model] = []
        for page in connector.list(model):
            upsert_records(account, model, page.records)
            pulled[model] += page.records
    return pulled


@pytest.fixture(params=PROVIDERS)
def linked(request, authed_client):
    """(API client naming the linked account, what the sync pulled) for each provider."""
    account = request.getfixturevalue(f"{request.param}_account")
    pulled = sync(account)
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    authed_client.account = account
    return authed_client, pulled


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def all_results(client, path: str, **params) -> list[dict]:
    out, cursor = [], None
    while True:
        response = client.get(path, {**params, **({"cursor": cursor} if cursor else {})})
        body = response.json()
        out += results(response)
        cursor = body["next"]
        if not cursor:
            return out


@pytest.mark.parametrize("model", list(MODELS))
def test_list_serves_every_synced_record_once(linked, model):
    client, pulled = linked
    listed = all_results(
        client, f"/v1/{CATALOGUE[model].plural}", include_deleted="true", page_size=5
    )
    assert sorted(r["remote_id"] for r in listed) == sorted(r.remote_id for r in pulled[model])
    assert len({r["id"] for r in listed}) == len(listed) > 0
    assert all("remote_data" not in r for r in listed)


def test_invoice_filters(linked):
    client, pulled = linked
    invoices = [r for r in pulled["invoice"] if not r.remote_was_deleted]

    def remote_ids(**params) -> set[str]:
        return {r["remote_id"] for r in all_results(client, "/v1/invoices", **params)}

    for kind in ("ACCOUNTS_RECEIVABLE", "ACCOUNTS_PAYABLE"):
        expected = {r.remote_id for r in invoices if r.type == kind}
        assert expected and remote_ids(type=kind) == expected
    by_status = Counter(r.status.value for r in invoices if r.status)
    assert {"OPEN", "PAID", "PARTIALLY_PAID", "VOID"} <= set(by_status)
    for status, count in by_status.items():
        assert len(remote_ids(status=status)) == count
    one = invoices[len(invoices) // 2]
    assert remote_ids(remote_id=one.remote_id) == {one.remote_id}
    cut = sorted(r.issue_date for r in invoices if r.issue_date)[len(invoices) // 2]
    before = remote_ids(issue_date_before=cut.isoformat())
    after = remote_ids(issue_date_after=(cut.fromordinal(cut.toordinal() + 1)).isoformat())
    assert before and after and not before & after
    assert before | after == {r.remote_id for r in invoices if r.issue_date}
    stamps = sorted(r.remote_updated_at for r in invoices)
    mid = stamps[len(stamps) // 2]
    changed_later = {r.remote_id for r in invoices if r.remote_updated_at > mid}
    assert changed_later and remote_ids(remote_updated_after=mid.isoformat()) == changed_later


def test_contact_filter_and_references_resolve_to_gateway_ids(linked):
    client, _ = linked
    contacts = {c["remote_id"]: c for c in all_results(client, "/v1/contacts")}
    invoices = all_results(client, "/v1/invoices")
    with_contact = [i for i in invoices if i["contact_remote_id"] in contacts]
    assert with_contact
    sample = with_contact[0]
    contact = contacts[sample["contact_remote_id"]]
    assert sample["contact"] == contact["id"]
    mine = all_results(client, "/v1/invoices", contact_id=contact["id"])
    assert mine and {i["contact_remote_id"] for i in mine} == {contact["remote_id"]}
    # both sides of the business are contacts: customers and suppliers
    assert any(c["is_customer"] for c in contacts.values())
    assert any(c["is_supplier"] for c in contacts.values())
    # payments point at stored invoices by gateway id
    by_remote = {i["remote_id"]: i["id"] for i in all_results(client, "/v1/invoices")}
    applied = [a for p in all_results(client, "/v1/payments") for a in p["applied_to"]]
    resolved = [
        a
        for a in applied
        if a["related_object_type"] == "INVOICE" and a["related_object_remote_id"] in by_remote
    ]
    assert resolved
    assert all(a["related_object_id"] == by_remote[a["related_object_remote_id"]] for a in resolved)
    # and credit notes applied by payments are stored credit notes (ids are per model: QuickBooks
    # CreditMemo 2 and Invoice 2 both exist)
    credits = {c["remote_id"]: c["id"] for c in all_results(client, "/v1/credit-notes")}
    on_credit = [a for a in applied if a["related_object_type"] == "CREDIT_NOTE"]
    assert on_credit
    assert all(a["related_object_id"] == credits[a["related_object_remote_id"]] for a in on_credit)


def test_retrieve_matches_the_list_and_keeps_the_raw_record(linked):
    client, pulled = linked
    for model in MODELS:
        listed = all_results(client, f"/v1/{CATALOGUE[model].plural}")[0]
        one = client.get(f"/v1/{CATALOGUE[model].plural}/{listed['id']}")
        assert one.status_code == 200 and one.json() == listed
        raw = client.get(
            f"/v1/{CATALOGUE[model].plural}/{listed['id']}", {"include_remote_data": "true"}
        ).json()
        source = next(r for r in pulled[model] if r.remote_id == listed["remote_id"])
        assert raw["remote_data"] == json.loads(dumps(source.remote_data))  # digit for digit
    paid = next(r for r in all_results(client, "/v1/invoices", status="PAID") if r["total_amount"])
    assert Decimal(paid["balance"]) == 0 and Decimal(paid["total_amount"]) > 0
    assert date.fromisoformat(paid["issue_date"])


def test_writes_follow_what_the_provider_says_it_supports(linked):
    client, _ = linked
    provider = client.account.provider
    described = {p["key"]: p for p in results(client.get("/v1/providers"))}[provider]
    contact_id = all_results(client, "/v1/contacts")[0]["id"]
    body = {"type": "ACCOUNTS_RECEIVABLE", "contact": contact_id, "line_items": []}
    if "create" in described["models"]["invoice"]:
        pytest.skip(f"{provider} writes invoices (covered by its own end-to-end tests)")
    response = client.post("/v1/invoices", body, format="json")
    assert response.status_code == 405, response.content
    assert response.json()["error"]["type"] == "method_not_allowed"
    assert response["Allow"] == "GET, OPTIONS"
    invoice_id = all_results(client, "/v1/invoices")[0]["id"]
    for call in (
        client.patch(f"/v1/invoices/{invoice_id}", {"memo": "x"}, format="json"),
        client.delete(f"/v1/invoices/{invoice_id}"),
    ):
        assert call.status_code == 405 and call.json()["error"]["type"] == "method_not_allowed"


def test_another_customer_sees_nothing_of_the_account(linked):
    client, _ = linked
    account = client.account
    invoice_id = all_results(client, "/v1/invoices")[0]["id"]
    other, key = make_customer("Rival Analytics")
    rival = APIClient()
    rival.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    header = {"HTTP_X_LINKED_ACCOUNT": str(account.id)}
    for path in ("/v1/invoices", "/v1/contacts", f"/v1/invoices/{invoice_id}"):
        response = rival.get(path, **header)
        assert response.status_code == 404, response.content
        assert response.json()["error"]["type"] == "not_found"
    # the rival's own account on the same provider and tenant holds none of these records
    theirs = make_linked_account(other, provider=account.provider, tenant_id=account.tenant_id)
    rival.credentials(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_X_LINKED_ACCOUNT=str(theirs.id))
    assert results(rival.get("/v1/invoices")) == []
    assert rival.get(f"/v1/invoices/{invoice_id}").status_code == 404


@pytest.mark.parametrize("provider", PROVIDERS)
def test_the_sync_engine_runs_against_each_provider(request, provider):
    """The gateway's own sync (checkpoints, cursors, incremental bookmarks), not a test loop."""
    from gateway.records.models import Record
    from gateway.sync import services
    from gateway.sync.models import RunStatus, RunTrigger, SyncMode

    account = request.getfixturevalue(f"{provider}_account")
    expected = {
        model: sum(len(p.records) for p in connector_for(account).list(model)) for model in MODELS
    }
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    stored = Counter(Record.objects.filter(linked_account=account).values_list("model", flat=True))
    assert dict(stored) == expected
    again = services.request_sync(account, SyncMode.INCREMENTAL, RunTrigger.API)
    again.refresh_from_db()
    assert again.status == RunStatus.SUCCEEDED, again.error
    assert Record.objects.filter(linked_account=account).count() == sum(expected.values())
