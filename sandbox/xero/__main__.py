"""``python -m sandbox.xero``: run the Xero sandbox."""

from __future__ import annotations

import argparse
import signal
import sys
import time

from .ratelimit import Limits
from .seed import reset_and_seed
from .server import serve
from .state import Config, Sandbox


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m sandbox.xero", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    p.add_argument("--db", default="var/xero-sandbox.sqlite3", help="SQLite file")
    p.add_argument("--apps", default=None, help="YAML/JSON file of apps (default: demo_apps.yaml)")
    p.add_argument("--reset", action="store_true", help="wipe and reseed the books at start")
    p.add_argument("--seed-invoices", type=int, default=0)
    p.add_argument("--seed-contacts", type=int, default=0)
    p.add_argument("--seed-payments", type=int, default=0)
    p.add_argument("--seed-tenant", default="uk", help="uk, us, au, all, a name or a TenantID")
    p.add_argument("--access-token-ttl", type=int, default=1800)
    p.add_argument("--rate-minute", type=int, default=60)
    p.add_argument("--rate-day", type=int, default=5000)
    p.add_argument("--rate-concurrent", type=int, default=5)
    p.add_argument("--rate-app-minute", type=int, default=10000)
    p.add_argument("--verbose", action="store_true", help="log every request")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    limits = Limits(args.rate_minute, args.rate_day, args.rate_concurrent, args.rate_app_minute)
    config = Config(args.db, args.apps, args.access_token_ttl, limits)
    sandbox = Sandbox(config)
    sandbox.load_apps()
    bulk = args.seed_invoices or args.seed_contacts or args.seed_payments
    if args.reset or bulk:
        started = time.perf_counter()
        reset_and_seed(
            sandbox.store,
            args.seed_invoices,
            args.seed_contacts,
            args.seed_payments,
            args.seed_tenant,
        )
        sys.stderr.write(f"seeded in {time.perf_counter() - started:.1f}s\n")
    else:
        sandbox.ensure_seeded()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    serve(sandbox, args.host, args.port, quiet=not args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
