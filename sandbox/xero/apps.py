"""Registered Xero apps (client id/secret, redirect URIs, webhook URL and key, creation date)."""

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
        merged = normalize({**current, **{k: v for k, v in app.items() if k in FIELDS}})
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
