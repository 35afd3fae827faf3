"""``python -m sandbox.quickbooks``: run the QuickBooks Online sandbox."""

from __future__ import annotations

import argparse
import signal
import sys

from .server import serve
from .state import Config, Sandbox


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m sandbox.quickbooks", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8766, help="0 picks a free port")
    p.add_argument("--db", default="var/quickbooks-sandbox.sqlite3", help="SQLite file")
    p.add_argument("--reset", action="store_true", help="wipe and reseed at start")
    p.add_argument("--seed-invoices", type=int, default=0, help="bulk invoices (first company)")
    p.add_argument("--access-token-ttl", type=int, default=3600)
    p.add_argument("--rate-minute", type=int, default=500)
    p.add_argument("--rate-concurrent", type=int, default=10)
    p.add_argument("--verbose", action="store_true", help="log every request")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    config = Config(args.db, args.access_token_ttl, args.rate_minute, args.rate_concurrent)
    sb = Sandbox(config)
    if args.reset or args.seed_invoices:
        sb.reset(invoices=args.seed_invoices)
    else:
        sb.ensure_seeded()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    serve(sb, args.host, args.port, quiet=not args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
