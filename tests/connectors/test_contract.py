"""The same checks over every provider of the default registry."""

from __future__ import annotations

import contextlib
import inspect

import pytest

from connectors.base import Connector, Provider, Tenant, WebhookBatch
from connectors.credentials import InMemoryCredentialStore
from connectors.cursor import InvalidCursor
from connectors.errors import NotSupported, UnknownProvider, ValidationFailed
from connectors.quickbooks.attachments import RULES as QBO_ATTACHMENTS
from connectors.quickbooks.reports import REPORT_RULES as QBO_REPORTS
from connectors.registry import build_registry, default_registry
from connectors.specs import OPERATIONS, RateLimits, ResourceSpec
from connectors.xero.attachments import RULES as XERO_ATTACHMENTS
from connectors.xero.reports import RULES as XERO_REPORTS
from unified_models import INPUT_MODELS, MODELS, UnifiedInput, UnifiedRecord

from .conftest import fresh_credentials

REGISTRY = default_registry()


@pytest.fixture(params=REGISTRY.keys())
def provider(request) -> Provider:
    return REGISTRY.get(request.param)


def test_registry_lookup_and_describe():
    assert "xero" in REGISTRY
    with pytest.raises(UnknownProvider):
        REGISTRY.get("nope")
    (xero,) = [d for d in REGISTRY.describe() if d["key"] == "xero"]
    assert xero == {
        "key": "xero",
        "name": "Xero",
        "auth_type": "oauth2",
        "tenant_concept": "organisation",
        "models": {
            "company_info": ["list"],
            "tax_rate": ["list", "get"],
            "account": ["list", "get", "create", "update"],
            "tracking_category": ["list", "get"],
            "item": ["list", "get", "create", "update"],
            "contact": ["list", "get", "create", "update", "delete"],
            "invoice": ["list", "get", "create", "update", "delete"],
            "credit_note": ["list", "get", "create", "update", "delete"],
            "payment": ["list", "get", "create", "delete"],
            "purchase_order": ["list", "get", "create", "update"],
            "journal_entry": ["list", "get", "create", "update"],
            "general_ledger_transaction": ["list", "get"],
            "bank_transaction": ["list", "get"],
            "expense": ["list", "get", "create"],
            "bank_transfer": ["list", "get", "create"],
        },
        "actions": {"credit_note": ["allocations"]},
        "webhooks": True,
        "client_credentials": True,
        "attachments": {
            "models": ["contact", "invoice"],
            "max_bytes": 10 * 1024 * 1024,
            "mime_types": sorted(XERO_ATTACHMENTS.mime_types),
        },
        "reports": XERO_REPORTS.describe(),
    }
    assert xero["reports"]["CASH_FLOW"]["derived"] is True
    (qbo,) = [d for d in REGISTRY.describe() if d["key"] == "quickbooks"]
    assert qbo == {
        "key": "quickbooks",
        "name": "QuickBooks Online",
        "auth_type": "oauth2",
        "tenant_concept": "company",
        "models": {
            "company_info": ["list", "get"],
            "tax_rate": ["list", "get"],
            "account": ["list", "get", "create", "update"],
            "tracking_category": ["list", "get"],
            "item": ["list", "get", "create", "update"],
            "contact": ["list", "get", "create", "update", "delete"],
            "invoice": ["list", "get", "create", "update", "delete"],
            "credit_note": ["list", "get", "create", "update", "delete"],
            "payment": ["list", "get", "create", "delete"],
            "purchase_order": ["list", "get", "create", "update"],
            "journal_entry": ["list", "get", "create", "update"],
            "general_ledger_transaction": ["list"],
            "bank_transaction": ["list", "get"],
            "expense": ["list", "get", "create"],
            "bank_transfer": ["list", "get", "create"],
        },
        "actions": {"credit_note": ["allocations"]},
        "webhooks": True,
        "client_credentials": False,
        "attachments": {
            "models": ["contact", "invoice"],
            "max_bytes": 100 * 1024 * 1024,
            "mime_types": sorted(QBO_ATTACHMENTS.mime_types),
        },
        "reports": QBO_REPORTS.describe(),
    }
    assert qbo["reports"]["CASH_FLOW"]["derived"] is False  # QuickBooks computes its own


def test_registry_rejects_non_providers():
    with pytest.raises(TypeError):
        build_registry({"x": "connectors.registry.Registry"}, {})
    with pytest.raises(ImportError):
        build_registry({"x": "connectors.nowhere.Provider"}, {})


def test_registry_with_redis_url_shares_one_limiter():
    from connectors.limiter import RedisLimiter

    reg = build_registry(
        {"xero": "connectors.xero.XeroProvider"},
        {"xero": {}},
        redis_url="redis://127.0.0.1:6379/15",
    )
    assert isinstance(reg.limiter, RedisLimiter) and reg.get("xero").limiter is reg.limiter


def test_description(provider):
    d = provider.describe()
    assert d["key"] and d["name"] and d["auth_type"] in {"oauth2", "api_key"}
    assert d["tenant_concept"]
    assert set(d["models"]) <= set(MODELS)
    for ops in d["models"].values():
        assert ops and set(ops) <= set(OPERATIONS) and "list" in ops
    assert isinstance(provider.limits, RateLimits)


def test_resources_are_declarative(provider):
    for model, spec in provider.resources.items():
        assert isinstance(spec, ResourceSpec) and spec.model == model
        assert spec.path and spec.records_field and spec.primary_key
        assert callable(spec.to_unified)
        with pytest.raises(Exception):
            spec.path = "x"  # type: ignore[misc]
        for op in ("create", "update"):
            if spec.supports(op):
                assert model in INPUT_MODELS
        # Several provider resources may serve one model: each is a full spec of that model,
        # and a remote id leads back to exactly one of them.
        assert spec.sources == (spec.parts or (spec,))
        prefixes = [part.id_prefix for part in spec.sources]
        assert len(set(prefixes)) == len(prefixes) and prefixes.count("") <= 1
        for part in spec.sources:
            assert isinstance(part, ResourceSpec) and part.model == model and not part.parts
            assert part.path and part.records_field and part.primary_key
            assert callable(part.to_unified) and spec.operations <= part.operations
            assert spec.source_for(f"{part.id_prefix}42") == (part, "42")


def test_unsupported_things_raise_not_supported(provider):
    conn = provider.connect(InMemoryCredentialStore(fresh_credentials()), "tenant")
    with pytest.raises(NotSupported):
        next(iter(conn.list("general_ledger")))
    for model, spec in provider.resources.items():
        body = INPUT_MODELS.get(model, UnifiedInput)()
        for op in set(OPERATIONS) - spec.operations - {"get", "list"}:
            with pytest.raises(NotSupported):
                if op == "update":
                    conn.update(model, "id", body)
                elif op == "create":
                    conn.create(model, body)
                elif op == "delete":
                    conn.delete(model, "id")


def test_connector_interface(provider):
    conn = provider.connect(InMemoryCredentialStore(fresh_credentials()), "tenant")
    assert isinstance(conn, Connector)
    for name in ("list", "get", "create", "update", "delete", "passthrough", "limit_status"):
        assert callable(getattr(conn, name))
    sig = inspect.signature(conn.list)
    assert list(sig.parameters) == ["model", "modified_since", "cursor"]
    with pytest.raises(InvalidCursor):
        next(iter(conn.list(next(iter(provider.resources)), cursor="garbage")))
    status = conn.limit_status()
    assert {"day", "minute", "concurrent"} <= set(status)


def test_oauth_helpers(provider):
    if provider.auth_type != "oauth2":
        pytest.skip("not OAuth")
    url = provider.authorization_url("https://app.example/cb", "state-1", "v" * 64)
    assert "code_challenge_method=S256" in url and "state=state-1" in url
    for name in ("exchange_code", "refresh", "list_tenants", "revoke", "disconnect"):
        assert callable(getattr(provider, name))
    assert Tenant.__dataclass_fields__.keys() >= {
        "id",
        "name",
        "type",
        "connection_id",
        "auth_event_id",
    }


def test_webhook_helpers(provider):
    if not provider.describe()["webhooks"]:
        pytest.skip("no webhooks")
    assert provider.verify_webhook(b"{}", {}, "key") is False
    with pytest.raises(ValidationFailed):  # the gateway keeps it as rejected, answers 200
        provider.parse_webhook(b"not json")
    # An empty delivery (Xero's intent-to-receive; an empty CloudEvents array) has no events.
    empties = []
    for body in (b'{"events": []}', b"[]"):
        with contextlib.suppress(ValidationFailed):
            empties.append(provider.parse_webhook(body))
    assert WebhookBatch() in empties


def test_mappers_return_unified_records(provider):
    assert all(issubclass(MODELS[m], UnifiedRecord) for m in provider.resources)
