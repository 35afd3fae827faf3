"""A worker SIGKILLed while it sends outbound webhooks: once a new worker runs, every event is
delivered at least once (receivers deduplicate on the event id) and none is lost."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from gateway.events import endpoints
from gateway.events import services as events
from gateway.events.models import WebhookDelivery
from gateway.sync.models import AccountState, AccountSync
from tests.gateway.sync.live import wait_until

pytestmark = [pytest.mark.slow]

EVENTS = 400
#: Fast timeouts and sweeps so a held batch comes back within seconds.
ENV = {"WEBHOOK_TIMEOUT_SECONDS": "0.5", "WEBHOOK_SWEEP_SECONDS": "1", "WEBHOOK_CONCURRENCY": "8"}


class SlowReceiver:
    """Answers 200 after `delay` seconds; counts arrivals per event id."""

    def __init__(self, delay: float) -> None:
        self.seen: Counter[str] = Counter()
        lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                time.sleep(delay)
                with lock:
                    receiver.seen[self.headers["Ledgerlink-Event-Id"]] += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_deliveries_survive_a_killed_worker(live, customer_with_key):
    customer, _ = customer_with_key
    account = live.link(customer, "uk")
    # The beat also schedules syncs; this account's is a day away, so the only events are ours.
    AccountSync.objects.create(
        linked_account=account,
        frequency_minutes=24 * 60,
        state=AccountState.DONE,
        next_sync_at=timezone.now() + timedelta(days=1),
    )
    receiver = SlowReceiver(delay=0.15)
    try:
        endpoints.create_endpoint(customer, {"url": receiver.url, "event_types": ["invoice.*"]})
        first = live.worker(env=ENV, beat=True)
        emitted = events.emit_many(
            account, [("invoice.updated", f'{{"n": {n}}}') for n in range(EVENTS)]
        )
        wanted = {str(e.id) for e in emitted}
        wait_until(lambda: len(receiver.seen) >= 40, 60, "deliveries to be under way")
        first.kill()  # SIGKILL, mid-batch: claimed deliveries are left unsent or unrecorded
        time.sleep(0.5)
        got_before = set(receiver.seen)
        assert len(got_before) < EVENTS
        assert WebhookDelivery.objects.exclude(status="succeeded").exists()

        live.worker(env=ENV, beat=True)
        wait_until(lambda: set(receiver.seen) >= wanted, 90, "every event to be delivered")
        wait_until(
            lambda: not WebhookDelivery.objects.exclude(status="succeeded").exists(),
            30,
            "the delivery log to say so",
        )
        assert set(receiver.seen) == wanted  # none lost, nothing else sent
        assert WebhookDelivery.objects.count() == EVENTS  # one delivery row per event
        resent = sum(n - 1 for n in receiver.seen.values())
        assert resent <= EVENTS  # at least once; the in-flight ones at most twice
    finally:
        receiver.close()
