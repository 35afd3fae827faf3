"""The sandbox process's shared state: store, clock, identity, limits, faults, webhooks."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import fleet
from .apps import DEMO_APPS, AppRegistry, load_apps_file
from .clock import Clock
from .counters import Counters
from .faults import Faults
from .ledger import Ledger
from .oauth import Identity
from .ratelimit import Limits, RateLimiter
from .seed import reset_and_seed
from .store import Store
from .webhooks import WebhookDispatcher


@dataclass
class Config:
    db_path: str = "var/xero-sandbox.sqlite3"
    apps_file: str | None = None
    access_token_ttl: int = 1800
    limits: Limits = field(default_factory=Limits)
    public_url: str = ""


class Sandbox:
    """Everything a request handler needs; one per process."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.store = Store(config.db_path)
        self.clock = Clock()
        self.counters = Counters()
        self.faults = Faults()
        self.apps = AppRegistry(self.store)
        self.identity = Identity(self.store, self.clock, config.access_token_ttl)
        self.limiter = RateLimiter(self.clock, Limits(**vars(config.limits)))
        self.webhooks = WebhookDispatcher(self.apps, self.identity, self.clock, self.counters)

    def load_apps(self, path: str | None = None) -> list[dict]:
        apps = load_apps_file(path or self.config.apps_file or DEMO_APPS)
        return [self.apps.upsert(app) for app in apps]

    def ensure_seeded(self) -> None:
        if self.store.one("SELECT 1 FROM records WHERE kind='Organisation' LIMIT 1") is None:
            reset_and_seed(self.store)
        fleet.load(self.store)

    def reset(
        self,
        seed: bool = True,
        invoices: int = 0,
        contacts: int = 0,
        payments: int = 0,
        tenant: str = "uk",
        reload_apps: bool = True,
        documents: dict[str, int] | None = None,
    ) -> dict:
        """Back to a clean demo state: books, tokens, apps, clock, limits, faults, counters and
        webhooks."""
        if reload_apps:
            for app in self.apps.all():
                self.apps.delete(app["client_id"])
            self.load_apps()
        self.webhooks.reset()
        self.clock.reset()
        self.counters.reset()
        self.faults.reset()
        self.limiter.reset()
        self.limiter.configure(**vars(self.config.limits))
        self.identity.access_ttl = self.config.access_token_ttl
        if seed:
            return reset_and_seed(self.store, invoices, contacts, payments, tenant, documents)
        self.store.reset(keep_apps=True)
        return {"tenants": []}

    def ledger(self, tenant_id: str, app_name: str = "Ledgerlink Sandbox") -> Ledger:
        return Ledger(self.store, self.clock, tenant_id.lower(), app_name)
