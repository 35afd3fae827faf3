"""Does the gateway's database use hold up behind PgBouncer in transaction mode?

Two checks, through a PgBouncer you run (`--pooled-url`) in front of a migrated database
(`--direct-url`, used only to seed rows):

1. `QuerySet.iterator()` outside a transaction (as the token upkeep, the link-session expiry and
   the report snapshots use it) while other clients keep the pool's server connections busy:
   with server-side cursors (Django's default) the later FETCHes can reach a server connection
   that never declared the cursor; with `DISABLE_SERVER_SIDE_CURSORS` (the
   `DATABASE_DISABLE_SERVER_SIDE_CURSORS` setting) every row is read.
2. The token refresh's row lock (`GrantCredentialStore.refresh_lock`, `SELECT … FOR UPDATE` in
   one transaction): `--threads` concurrent refreshes of one grant, each through its own pooled
   connection, must call the provider's token endpoint exactly once.

    .venv/bin/python bench/pgbouncer_check.py \\
        --direct-url postgres://postgres@127.0.0.1:5432/ll_metrics \\
        --pooled-url postgres://postgres@127.0.0.1:6437/ll_metrics

Prints what happened in each case; exits non-zero when the setting does not make the iteration
read every row, or when a refresh ran more than once.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROWS = 40
CHUNK = 5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--direct-url", required=True)
    parser.add_argument("--pooled-url", required=True)
    parser.add_argument("--busy-clients", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    return parser.parse_args()


def iterate(busy_url: str, busy_clients: int) -> tuple[int, str | None]:
    """Rows read by `iterator()` while other clients hold server connections between fetches."""
    import psycopg
    from django.db import connection

    from gateway.accounts.models import Grant

    read = 0
    try:
        for _ in Grant.objects.filter(end_user_id__startswith="pgb-").iterator(chunk_size=CHUNK):
            read += 1
            if read % CHUNK == 0:
                # Other clients take transactions (and so server connections) for a moment.
                holders = [psycopg.connect(busy_url) for _ in range(busy_clients)]
                for h in holders:
                    h.execute("SELECT 1")  # a transaction begins: a server is assigned
                for h in holders:
                    h.rollback()
                    h.close()
    except Exception as exc:  # the point: which error the pooler gives
        connection.close()
        return read, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    return read, None


def refresh_race(threads: int) -> int:
    """Concurrent refreshes of one grant: how many times the token endpoint was called."""
    from django.db import connection

    from connectors.credentials import Credentials
    from connectors.tokens import TokenManager
    from gateway.accounts.credential_store import GrantCredentialStore
    from gateway.accounts.models import Grant

    grant = Grant.objects.get(end_user_id="pgb-0")
    store = GrantCredentialStore(grant.pk)
    stale = store.load()
    calls = []
    barrier = threading.Barrier(threads)

    def refresher(creds: Credentials) -> Credentials:
        calls.append(1)
        time.sleep(0.3)  # the token endpoint answering, while the row lock is held
        return Credentials(
            access_token=f"fresh-{len(calls)}",
            refresh_token=f"refresh-{len(calls)}",
            expires_at=datetime.now(UTC) + timedelta(minutes=30),
            scope=creds.scope,
        )

    def one() -> None:
        try:
            manager = TokenManager(GrantCredentialStore(grant.pk), refresher)
            barrier.wait()
            manager.refresh(stale=stale)
        finally:
            connection.close()

    workers = [threading.Thread(target=one) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return len(calls)


def main() -> int:
    args = parse_args()
    os.environ.update(
        LEDGERLINK_ENV="development",
        DATABASE_URL=args.direct_url,
        DJANGO_SETTINGS_MODULE="gateway.settings",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, connections

    from gateway.accounts.models import Grant
    from gateway.customers.services import create_customer

    Grant.objects.filter(end_user_id__startswith="pgb-").delete()
    customer, _ = create_customer("PgBouncer check", ["https://a.example/done"])
    Grant.objects.bulk_create(
        Grant(
            customer=customer,
            provider="xero",
            end_user_id=f"pgb-{n}",
            access_token="old",
            refresh_token="old-refresh",
            access_expires_at=datetime.now(UTC) - timedelta(minutes=1),
        )
        for n in range(ROWS)
    )
    connection.close()

    import environ

    pooled = environ.Env.db_url_config(args.pooled_url)
    failures = []
    for disable in (False, True):
        connections["default"].close()
        settings.DATABASES["default"].update(
            {**pooled, "DISABLE_SERVER_SIDE_CURSORS": disable, "CONN_MAX_AGE": 60}
        )
        connections["default"].settings_dict.update(settings.DATABASES["default"])
        read, error = iterate(args.pooled_url, args.busy_clients)
        print(
            f"iterator() through PgBouncer, DISABLE_SERVER_SIDE_CURSORS={disable}: "
            f"{read} of {ROWS} rows" + (f", then {error}" if error else "")
        )
        if disable and (read != ROWS or error):
            failures.append("iteration with the setting")
    calls = refresh_race(args.threads)
    print(f"{args.threads} concurrent refreshes of one grant through PgBouncer: {calls} call(s)")
    if calls != 1:
        failures.append("refresh race")
    connections["default"].close()
    settings.DATABASES["default"].update(environ.Env.db_url_config(args.direct_url))
    connections["default"].settings_dict.update(settings.DATABASES["default"])
    Grant.objects.filter(end_user_id__startswith="pgb-").delete()
    customer.delete()
    print("OK" if not failures else f"FAILED: {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
