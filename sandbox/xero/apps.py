"""Registered Xero apps (client id/secret, redirect URIs, webhook URL and key, creation date).

An app is ``standard`` (OAuth 2.0 with a user's consent) or a ``custom`` connection: bound to
exactly one organisation (``tenant_id``) and the scopes its admin authorised (``scopes``), it
gets tokens by ``client_credentials`` only."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import yaml

from .jsonutil import dumps_str, loads
from .scopes import GRANULAR_ONLY_FROM
from .store import Store

DEMO_APPS = Path(__file__).with_name("demo_apps.yaml")
FIELDS = (
    "client_id",
    "client_secret",
    "name",
    "redirect_uris",
    "webhook_url",
    "webhook_key",
    "created",
)
CUSTOM_FIELDS = ("connection_type", "tenant_id", "scopes")
#: What a custom connection is authorised for when its definition names no scopes.
CUSTOM_DEFAULT_SCOPES = (
    "accounting.invoices",
    "accounting.payments",
    "accounting.contacts",
    "accounting.settings",
)
#: Scopes about a user: a custom connection has none (and no refresh tokens).
USER_SCOPES = frozenset({"openid", "profile", "email", "offline_access"})


def load_apps_file(path: str | Path) -> list[dict]:
    """Read apps from YAML or JSON: a list, or ``{"apps": [...]}``."""
    text = Path(path).read_text(encoding="utf-8")
    data = json.loads(text) if str(path).endswith(".json") else yaml.safe_load(text)
    if isinstance(data, dict):
        data = data.get("apps", [])
    return [normalize(app) for app in data or []]


def normalize(app: dict) -> dict:
    """Validate and fill an app definition."""
    if not app.get("client_id"):
        raise ValueError("app needs a client_id")
    uris = app.get("redirect_uris") or []
    if isinstance(uris, str):
        uris = [uris]
    return {
        "client_id": str(app["client_id"]),
        "client_secret": app.get("client_secret") or None,
        "name": app.get("name") or str(app["client_id"]),
        "redirect_uris": [str(u) for u in uris],
        "webhook_url": app.get("webhook_url") or None,
        "webhook_key": app.get("webhook_key") or None,
        "created": _created(app.get("created")),
        **custom_connection_fields(app),
    }


def is_custom_connection(app: dict | None) -> bool:
    return bool(app) and app.get("connection_type") == "custom"


def custom_connection_fields(app: dict) -> dict:
    """The custom-connection part of an app definition (nothing for a standard app)."""
    if app.get("connection_type", "standard") in (None, "standard"):
        return {}
    if app["connection_type"] != "custom":
        raise ValueError("connection_type must be standard or custom")
    from .scopes import KNOWN as SCOPES
    from .seed import resolve_tenant

    if not app.get("client_secret"):
        raise ValueError("a custom connection needs a client_secret")
    if not app.get("tenant_id"):
        raise ValueError("a custom connection is authorised for one organisation: tenant_id")
    scopes = app.get("scopes") or list(CUSTOM_DEFAULT_SCOPES)
    if isinstance(scopes, str):
        scopes = scopes.split()
    unknown = sorted(s for s in scopes if s not in SCOPES or s in USER_SCOPES)
    if unknown:
        raise ValueError(f"scopes not available to a custom connection: {unknown}")
    return {
        "connection_type": "custom",
        "tenant_id": resolve_tenant(str(app["tenant_id"])),
        "scopes": list(dict.fromkeys(scopes)),
    }


def _created(value: object) -> str:
    """The app's creation date (``YYYY-MM-DD``), which decides the scope family its consent may
    ask for; an app registered without one is new (granular scopes only)."""
    if value in (None, ""):
        return GRANULAR_ONLY_FROM.isoformat()
    if isinstance(value, date):
        return value.isoformat()[:10]
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"created must be a date (YYYY-MM-DD), not {value!r}") from None


class AppRegistry:
    """Apps stored in the sandbox database (they survive ``reset``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, client_id: str | None) -> dict | None:
        if not client_id:
            return None
        row = self.store.one("SELECT doc FROM apps WHERE client_id=?", (client_id,))
        return loads(row["doc"]) if row else None

    def all(self) -> list[dict]:
        return [loads(r["doc"]) for r in self.store.all("SELECT doc FROM apps ORDER BY client_id")]

    def upsert(self, app: dict) -> dict:
        current = self.get(app.get("client_id")) or {}
        merged = normalize(
            {**current, **{k: v for k, v in app.items() if k in FIELDS + CUSTOM_FIELDS}}
        )
        with self.store.write() as conn:
            conn.execute(
                "INSERT INTO apps (client_id, doc) VALUES (?, ?) "
                "ON CONFLICT (client_id) DO UPDATE SET doc=excluded.doc",
                (merged["client_id"], dumps_str(merged)),
            )
        return merged

    def delete(self, client_id: str) -> bool:
        with self.store.write() as conn:
            return conn.execute("DELETE FROM apps WHERE client_id=?", (client_id,)).rowcount > 0
