"""Two updates of one QuickBooks record racing through the unified API: both read the record's
``SyncToken``, one writes first, the other's write carries a stale token. QuickBooks refuses it
(fault 5010) and the caller gets a 409 ``conflict`` naming the record's new ``modified_at``;
nothing is overwritten silently, the winner's change is stored, and the loser's retry succeeds
on top of it (nothing lost)."""

from __future__ import annotations

import json

import pytest

from connectors.quickbooks.connector import QuickBooksConnector
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode

pytestmark = pytest.mark.django_db(transaction=True)

#: Unified model → (plural, QuickBooks entity, a record id the seed has).
RACED = {
    "invoice": ("invoices", "Invoice", "1"),
    "purchase_order": ("purchase-orders", "PurchaseOrder", "1"),
}


@pytest.fixture
def qbo(quickbooks_account, quickbooks_settings, authed_client):
    run = services.request_sync(quickbooks_account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(quickbooks_account.id),
    )
    return authed_client, quickbooks_settings, quickbooks_account


def _at_provider(sandbox, entity: str, remote_id: str) -> dict:
    return next(r for r in sandbox.control.records("us", entity) if r["Id"] == remote_id)


def _gateway_id(client, plural: str, remote_id: str) -> str:
    listed = client.get(f"/v1/{plural}", {"page_size": 100}).json()["results"]
    return next(r["id"] for r in listed if r["remote_id"] == remote_id)


@pytest.mark.parametrize("model", sorted(RACED))
def test_racing_updates_one_wins_the_other_gets_409_and_nothing_is_lost(qbo, monkeypatch, model):
    client, sandbox, account = qbo
    plural, entity, remote_id = RACED[model]
    record_id = _gateway_id(client, plural, remote_id)
    token_before = int(_at_provider(sandbox, entity, remote_id)["SyncToken"])
    answers: dict[str, object] = {}
    real_get = QuickBooksConnector.get

    def get_then_let_the_other_write(self, wanted_model, wanted_id):
        current = real_get(self, wanted_model, wanted_id)
        if not answers:
            # The loser has read the record (and its SyncToken); the winner writes now.
            answers["winner"] = None
            answers["winner"] = client.patch(
                f"/v1/{plural}/{record_id}", {"memo": "winner"}, format="json"
            )
        return current

    monkeypatch.setattr(QuickBooksConnector, "get", get_then_let_the_other_write)
    loser = client.patch(f"/v1/{plural}/{record_id}", {"memo": "loser"}, format="json")
    monkeypatch.setattr(QuickBooksConnector, "get", real_get)

    winner = answers["winner"]
    assert winner.status_code == 200, winner.content
    assert winner.json()["memo"] == "winner"
    assert loser.status_code == 409, loser.content
    error = loser.json()["error"]
    assert error["type"] == "conflict"
    stored = Record.objects.get(linked_account=account, model=model, remote_id=remote_id)
    stored_at = json.loads(stored.document)["modified_at"]
    assert error["details"] == [{"field": "modified_at", "message": stored_at}]

    # QuickBooks kept the winner's write only; the store has it too.
    at_provider = _at_provider(sandbox, entity, remote_id)
    assert int(at_provider["SyncToken"]) == token_before + 1
    assert "winner" in json.dumps(at_provider) and "loser" not in json.dumps(at_provider)
    assert client.get(f"/v1/{plural}/{record_id}").json()["memo"] == "winner"

    # The loser reads again and retries: its change lands on top of the winner's.
    retried = client.patch(f"/v1/{plural}/{record_id}", {"memo": "loser"}, format="json")
    assert retried.status_code == 200, retried.content
    at_provider = _at_provider(sandbox, entity, remote_id)
    assert int(at_provider["SyncToken"]) == token_before + 2
    assert "loser" in json.dumps(at_provider) and "winner" not in json.dumps(at_provider)
    assert client.get(f"/v1/{plural}/{record_id}").json()["memo"] == "loser"


def test_a_change_made_in_quickbooks_meanwhile_is_stored_not_overwritten(qbo, monkeypatch):
    """A QuickBooks user edits the invoice between the gateway's read and its write: the
    write is refused (409), the user's edit is kept at QuickBooks, and the gateway stores it
    at once (the 409's ``modified_at`` is that stored version's)."""
    client, sandbox, account = qbo
    record_id = _gateway_id(client, "invoices", "1")
    real_get = QuickBooksConnector.get
    edited: list[dict] = []

    def get_then_a_user_edits(self, wanted_model, wanted_id):
        current = real_get(self, wanted_model, wanted_id)
        if not edited:
            edited.append(sandbox.control.edit("us", "Invoice", "1", PrivateNote="by a user"))
        return current

    monkeypatch.setattr(QuickBooksConnector, "get", get_then_a_user_edits)
    refused = client.patch(f"/v1/invoices/{record_id}", {"memo": "from the API"}, format="json")
    monkeypatch.setattr(QuickBooksConnector, "get", real_get)

    assert refused.status_code == 409, refused.content
    at_provider = _at_provider(sandbox, "Invoice", "1")
    assert at_provider["PrivateNote"] == "by a user"
    assert at_provider["SyncToken"] == edited[0]["SyncToken"]
    stored = json.loads(
        Record.objects.get(linked_account=account, model="invoice", remote_id="1").document
    )
    assert stored["remote_updated_at"] is not None
    details = refused.json()["error"]["details"]
    assert details == [{"field": "modified_at", "message": stored["modified_at"]}]
    served = client.get(f"/v1/invoices/{record_id}", {"include_remote_data": "true"}).json()
    assert served["remote_data"]["PrivateNote"] == "by a user"
