"""A model added through the catalogue alone is served whole: URLs, list and get, its declared
filter, references and expand, its events on sync, and the OpenAPI document.

The model (a "widget") is defined here and registered for the test only; its provider is the
sync tests' in-memory one with a widget resource beside contacts. Nothing in the gateway names
it: whatever the test sees is derived from the entry.
"""

from __future__ import annotations

import enum
import importlib
import json

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from connectors.specs import ResourceSpec
from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode
from tests.gateway.sync import fakes
from tests.gateway.sync.helpers import make_linked_account
from unified_models import (
    CATALOGUE,
    INPUT_MODELS,
    MODELS,
    CatalogueEntry,
    Filter,
    Reference,
    UnifiedInput,
    UnifiedRecord,
)

pytestmark = pytest.mark.django_db(transaction=True)


class WidgetColour(enum.StrEnum):
    RED = "RED"
    BLUE = "BLUE"


class Widget(UnifiedRecord):
    """A throwaway model: a name, a colour and the contact it belongs to."""

    name: str | None = None
    colour: WidgetColour | None = None
    contact: str | None = None  # gateway id, filled by the gateway
    contact_remote_id: str | None = None


class WidgetInput(UnifiedInput):
    CREATE_REQUIRED = ("name",)

    name: str | None = None
    colour: WidgetColour | None = None
    contact: str | None = None  # gateway id; the gateway fills contact_remote_id
    contact_remote_id: str | None = None


WIDGET = CatalogueEntry(
    name="widget",
    plural="widgets",
    record=Widget,
    input=WidgetInput,
    operations=frozenset({"list", "get", "create"}),
    references=(Reference("contact", "contact"),),
    filters=(Filter("colour", "status", "choice", choices=WidgetColour, help="By colour."),),
    columns={"status": "colour", "contact_id": "contact"},
    description="Widgets (a model defined by a test).",
)


class WidgetRemote(fakes.Remote):
    def __init__(self) -> None:
        super().__init__()
        self.records["widget"], self.removed["widget"] = {}, {}

    def record(self, model: str, remote_id: str):
        if model != "widget":
            return super().record(model, remote_id)
        data = self.records[model][remote_id]
        return Widget(
            remote_id=remote_id,
            remote_updated_at=data["remote_updated_at"],
            name=data["name"],
            colour=data["colour"],
            contact_remote_id=data.get("contact"),
            remote_data={"WidgetID": remote_id, "Colour": data["colour"]},
        )


class WidgetConnector(fakes.FakeConnector):
    def create(self, model, data, *, idempotency_key=None):
        assert model == "widget" and isinstance(data, WidgetInput)
        remote_id = f"w{len(self.remote.records['widget']) + 1}"
        colour = data.colour.value if data.colour else None
        self.remote.put(
            "widget", remote_id, name=data.name, colour=colour, contact=data.contact_remote_id
        )
        return self.remote.record("widget", remote_id)


class WidgetProvider(fakes.FakeProvider):
    """The sync tests' in-memory provider, serving widgets (which it also creates) beside
    contacts."""

    resources = {
        "contact": fakes._spec("contact"),
        "widget": ResourceSpec(
            model="widget",
            path="widget",
            records_field="widget",
            primary_key="id",
            to_unified=lambda row: row,
            operations=frozenset({"list", "get", "create"}),
        ),
    }

    def connect(self, credential_store, tenant_id):
        return WidgetConnector(self, credential_store, tenant_id)


def rebuild_urls() -> None:
    import gateway.urls

    importlib.reload(gateway.urls)
    clear_url_caches()


@pytest.fixture
def widgets(db):
    """The widget registered and its provider enabled, the URLs rebuilt from the catalogue;
    then all undone, the URLs rebuilt again under the original settings (which methods a
    record endpoint has follows the providers enabled when the URLs are built)."""
    fakes.REMOTE.clear()
    CATALOGUE.register(WIDGET)
    try:
        with override_settings(
            LEDGERLINK_PROVIDERS={"fake": f"{__name__}.WidgetProvider"},
            LEDGERLINK_PROVIDER_SETTINGS={
                "fake": {"webhook_key": "k", "client_id": "id", "client_secret": "secret"}
            },
        ):
            rebuild_urls()
            yield
    finally:
        CATALOGUE.unregister("widget")
        rebuild_urls()
        fakes.REMOTE.clear()


@pytest.fixture
def account(widgets, customer_with_key):
    account = make_linked_account(customer_with_key[0], tenant_id="widget-org")
    remote = fakes.REMOTE.setdefault(account.tenant_id, WidgetRemote())
    remote.put("contact", "c1", name="Acme")
    remote.put("widget", "w1", name="Sprocket", colour="RED", contact="c1")
    remote.put("widget", "w2", name="Flange", colour="BLUE", contact="c1")
    remote.put("widget", "w3", name="Gasket", colour="RED")
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    return account


@pytest.fixture
def client(authed_client, account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    return authed_client


def test_the_catalogue_views_follow_registration(widgets):
    assert "widget" in MODELS and MODELS["widget"] is Widget
    assert INPUT_MODELS["widget"] is WidgetInput
    assert CATALOGUE.names()[-1] == "widget"  # synced last (registration order)


def test_a_synced_widget_is_stored_with_its_columns_and_events(account):
    rows = {r.remote_id: r for r in Record.objects.filter(linked_account=account, model="widget")}
    assert set(rows) == {"w1", "w2", "w3"}
    assert (rows["w1"].status, rows["w2"].status) == ("RED", "BLUE")
    contact_id = Record.objects.get(linked_account=account, model="contact").id
    assert rows["w1"].contact_id == contact_id and rows["w3"].contact_id is None
    events = Event.objects.filter(linked_account=account, type="widget.created")
    assert sorted(json.loads(e.data)["remote_id"] for e in events) == ["w1", "w2", "w3"]


def test_an_edit_at_the_provider_is_a_widget_updated_event(account):
    fakes.REMOTE[account.tenant_id].put("widget", "w2", name="Flange", colour="RED")
    run = services.request_sync(account, SyncMode.INCREMENTAL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    (event,) = Event.objects.filter(linked_account=account, type="widget.updated")
    assert json.loads(event.data)["colour"] == "RED"


def test_list_get_filter_and_expand(client, account):
    listed = client.get("/v1/widgets")
    assert listed.status_code == 200, listed.content
    body = listed.json()
    assert [w["remote_id"] for w in body["results"]] == ["w1", "w2", "w3"]
    sprocket = body["results"][0]
    contact = client.get("/v1/contacts").json()["results"][0]
    assert sprocket["contact"] == contact["id"] and sprocket["colour"] == "RED"

    got = client.get(f"/v1/widgets/{sprocket['id']}")
    assert got.status_code == 200 and got.json() == sprocket
    assert client.get(f"/v1/widgets/{contact['id']}").status_code == 404  # another model's id

    red = client.get("/v1/widgets", {"colour": "RED"}).json()["results"]
    assert [w["remote_id"] for w in red] == ["w1", "w3"]
    refused = client.get("/v1/widgets", {"colour": "GREEN"})
    assert refused.status_code == 400
    assert refused.json()["error"]["details"][0]["field"] == "colour"
    assert client.get("/v1/widgets", {"status": "RED"}).status_code == 400  # not declared

    expanded = client.get(f"/v1/widgets/{sprocket['id']}", {"expand": "contact"}).json()
    assert expanded["contact"] == contact
    assert client.get("/v1/widgets", {"expand": "colour"}).status_code == 400

    raw = client.get(f"/v1/widgets/{sprocket['id']}", {"include_remote_data": "true"}).json()
    assert raw["remote_data"] == {"WidgetID": "w1", "Colour": "RED"}

    # Update and delete: neither the entry nor the provider offers them.
    assert client.patch(f"/v1/widgets/{sprocket['id']}", {}, format="json").status_code == 405
    assert client.delete(f"/v1/widgets/{sprocket['id']}").status_code == 405


def test_a_created_widget_names_its_contact_by_ledgerlink_id(client, account):
    contact = client.get("/v1/contacts").json()["results"][0]
    created = client.post(
        "/v1/widgets", {"name": "Bolt", "colour": "BLUE", "contact": contact["id"]}, format="json"
    )
    assert created.status_code == 201, created.content
    widget = created.json()
    assert (widget["remote_id"], widget["contact"]) == ("w4", contact["id"])
    assert fakes.REMOTE[account.tenant_id].records["widget"]["w4"]["contact"] == "c1"
    assert client.get(f"/v1/widgets/{widget['id']}").json() == widget
    (event,) = Event.objects.filter(
        linked_account=account, type="widget.created", data__contains='"w4"'
    )
    assert json.loads(event.data)["id"] == widget["id"]

    unknown = client.post(
        "/v1/widgets", {"name": "Nut", "contact": widget["id"]}, format="json"
    )  # a widget's id where a contact's is due
    assert unknown.status_code == 422, unknown.content
    assert unknown.json()["error"]["details"] == [
        {"field": "contact", "message": "No such contact."}
    ]
    missing = client.post("/v1/widgets", {"colour": "RED"}, format="json")
    assert missing.status_code == 400
    assert missing.json()["error"]["details"][0]["field"] == "name"


def test_the_openapi_document_describes_widgets(client, account):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert {"/v1/widgets", "/v1/widgets/{record_id}"} <= set(document["paths"])
    listing = document["paths"]["/v1/widgets"]
    assert set(listing) == {"get", "post"}
    assert set(document["paths"]["/v1/widgets/{record_id}"]) == {"get"}
    body = listing["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body == "#/components/schemas/WidgetInput"
    assert {"name", "colour", "contact"} <= set(
        document["components"]["schemas"]["WidgetInput"]["properties"]
    )
    parameters = {p["name"]: p for p in listing["get"]["parameters"]}
    assert parameters["colour"]["schema"]["enum"] == ["BLUE", "RED"] or parameters["colour"][
        "schema"
    ]["enum"] == ["RED", "BLUE"]
    assert parameters["expand"]["schema"]["enum"] == ["contact"]
    schema = document["components"]["schemas"]["Widget"]
    assert {"id", "remote_id", "name", "colour", "contact", "created_at"} <= set(
        schema["properties"]
    )
    events = json.dumps(document)
    assert "widget.created" in events


def test_unregistering_removes_the_widget_again(widgets):
    CATALOGUE.unregister("widget")
    try:
        rebuild_urls()
        from django.urls import Resolver404, resolve

        with pytest.raises(Resolver404):
            resolve("/v1/widgets")
    finally:
        CATALOGUE.register(WIDGET)
        rebuild_urls()


def test_providers_events_webhooks_and_sync_status_know_widgets(client, account):
    (fake,) = [p for p in client.get("/v1/providers").json()["results"] if p["key"] == "fake"]
    assert sorted(fake["models"]["widget"]) == ["create", "get", "list"]

    events = client.get("/v1/events", {"page_size": 100}).json()["results"]
    assert [e["type"] for e in events].count("widget.created") == 3

    for wanted in (["widget.created"], ["widget.*"]):
        endpoint = client.post(
            "/v1/webhook-endpoints",
            {"url": "https://hooks.example.com/ledgerlink", "event_types": wanted},
            format="json",
        )
        assert endpoint.status_code == 201, endpoint.content
    refused = client.post(
        "/v1/webhook-endpoints",
        {"url": "https://hooks.example.com/ledgerlink", "event_types": ["gadget.created"]},
        format="json",
    )
    assert refused.status_code == 400

    status = client.get(f"/v1/linked-accounts/{account.id}/sync-status").json()
    widget = next(m for m in status["models"] if m["model"] == "widget")
    assert widget["records_seen"] == 3 and widget["state"] != "NOT_PERMITTED"
