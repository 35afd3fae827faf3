"""Schemathesis over every operation of `openapi/ledgerlink.yaml`, against the running gateway.

Real HTTP to pytest-django's `live_server`, authenticated as a customer with a linked account
on the in-memory fake provider, a webhook endpoint and a delivery. Path parameters and the
`X-Linked-Account` header are the real ids most of the time (so the happy paths run) and
generated values otherwise. Both schema-conforming and schema-violating (negative) data are
generated. Every response must: not be a 5xx, use a documented status code, match the
documented body schema, refuse data the schema does not admit (4xx), and, for 4xx, use the
error envelope. Bounded and derandomized: the same examples every run.
"""

from __future__ import annotations

import itertools
import os
import socket
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_customer
from tests.gateway.builders import make_linked_account, seed_store

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = schemathesis.openapi.from_path(ROOT / "openapi" / "ledgerlink.yaml")
#: Valid and invalid data alike (schemathesis's default today, stated so it stays so).
SCHEMA.config.generation.update(modes=list(GenerationMode))
#: Per operation (the module takes about 1.5 min on PostgreSQL; 500 passed in 4.5 min on SQLite).
#: `LEDGERLINK_FUZZ_EXAMPLES=500 pytest tests/hardening/test_fuzz.py` digs deeper.
MAX_EXAMPLES = int(os.environ.get("LEDGERLINK_FUZZ_EXAMPLES", "50"))

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db(transaction=True)]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def world(live_server, fake_provider, settings, monkeypatch):
    """One customer with everything an operation can name, and its ids by parameter name."""
    from gateway.customers.throttling import ApiKeyRateThrottle
    from tests.gateway.fakes import FakeProvider

    # The per-key throttle must not answer 429 before the run reaches depth (whatever the
    # configured API_RATE_LIMIT): the rate is read once, into the class.
    monkeypatch.setattr(ApiKeyRateThrottle, "THROTTLE_RATES", {"api_key": "1000000/min"})

    # The fake has no OAuth server to revoke at; deleting a linked account still runs for real.
    monkeypatch.setattr(FakeProvider, "revoke", lambda self, credentials: None)
    monkeypatch.setattr(FakeProvider, "disconnect", lambda self, credentials, cid: None)
    # Reports: the fake computes every report type, so the fuzz reaches the parameter checks.
    from tests.gateway.fakes import FakeConnector
    from tests.gateway.reports import fakes as report_fakes

    monkeypatch.setattr(FakeProvider, "report_rules", report_fakes.FULL_RULES)
    monkeypatch.setattr(
        FakeConnector, "fetch_report", report_fakes.ReportConnector.fetch_report, raising=False
    )
    report_fakes.ReportBackend.reset()
    from gateway.events.endpoints import create_endpoint
    from gateway.events.models import DeliveryStatus, WebhookDelivery
    from gateway.events.services import emit
    from gateway.records.models import Record

    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    customer, key = make_customer("Fuzz Co")
    account = make_linked_account(customer, tenant_id="fuzz-tenant")
    seed_store(account)
    # Deliveries go to a closed local port: refused at once, nothing leaves the machine.
    endpoint, _ = create_endpoint(customer, {"url": f"http://127.0.0.1:{_closed_port()}/hook"})
    event = emit(account, "account.linked", {"linked_account_id": str(account.id)})
    delivery = WebhookDelivery.objects.filter(event=event).first()
    if delivery is None:  # fan-out is the events engine's business; make one if it did not
        delivery = WebhookDelivery.objects.create(
            customer=customer,
            endpoint=endpoint,
            event=event,
            status=DeliveryStatus.FAILED,
            created_at=event.created_at,
        )
    records = Record.objects.filter(linked_account=account)
    return {
        "base_url": live_server.url,
        "key": key,
        "ids": {
            "account_id": [str(account.id)],
            "endpoint_id": [str(endpoint.id)],
            "delivery_id": [str(delivery.id)],
            "record_id": [str(r.id) for r in records],
        },
        "account_id": str(account.id),
        "examples": itertools.count(),
    }


def _use_real_ids(case, world) -> None:
    """Most examples name real objects; the rest keep the generated (mostly unknown) values.

    The choice cycles with the example number, so a derandomized run is the same every time."""
    n = next(world["examples"])
    headers = case.headers if case.headers is not None else {}
    headers["Authorization"] = f"Bearer {world['key']}"
    if "X-Linked-Account" in headers and n % 5 != 4:
        headers["X-Linked-Account"] = world["account_id"]
    case.headers = headers
    for name in list(case.path_parameters or {}):
        choices = world["ids"].get(name)
        if choices and n % 4 != 3:
            case.path_parameters[name] = choices[n % len(choices)]


def _assert_envelope(response) -> None:
    if response.status_code < 400:
        return
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"type", "message", "details", "request_id"} <= set(body["error"]), body
    if "idempotent-replayed" not in response.headers:  # a replay is the first response's body
        assert [body["error"]["request_id"]] == response.headers["x-request-id"], body


#: Response-schema gaps in code this suite does not own yet (gateway/events, being finished in
#: parallel). The other checks (no 5xx, documented status, content type, envelope) still run.
KNOWN_SCHEMA_GAPS: set[str] = set()  # operations whose body schema is known to be off


@SCHEMA.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(case, world):
    _use_real_ids(case, world)
    response = case.call(base_url=world["base_url"], timeout=30)
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        negative_data_rejection,
    ]
    if case.operation.label not in KNOWN_SCHEMA_GAPS:
        checks.append(response_schema_conformance)
    case.validate_response(response, checks=checks)
    _assert_envelope(response)
