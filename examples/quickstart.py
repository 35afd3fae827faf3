"""Quick start with the Python SDK: link an account, list its open invoices, create one.

    pip install -e clients/python        # `make install` does it
    export LEDGERLINK_URL=http://127.0.0.1:8000 LEDGERLINK_API_KEY=llk_...
    python examples/quickstart.py

1. Linked accounts: with none yet, a link token is made and its URL printed: open it, pick the
   provider, consent, then run the script again. With some, the first is used (or --account).
2. The account's open invoices, every page (``list_all`` follows the cursors); amounts are
   ``Decimal``.
3. A new invoice for the first customer, sent with an ``Idempotency-Key`` (the SDK makes one),
   so a retried request can never create it twice.

examples/quickstart.ts is the same three steps in TypeScript.
"""

from __future__ import annotations

import argparse
import os
import sys
from decimal import Decimal

from ledgerlink_client import Ledgerlink, LedgerlinkError


def choose_account(client: Ledgerlink, redirect_url: str) -> str | None:
    """Step 1: the linked account to use, or None after printing where to link one."""
    accounts = client.linked_accounts.list().results
    for account in accounts:
        print(f"linked: {account.id}  {account.provider}  {account.tenant_name}  {account.status}")
    if accounts:
        return str(accounts[0].id)
    token = client.link_tokens.create({"end_user_id": "quickstart", "redirect_url": redirect_url})
    print(f"No linked account yet. Open this link, consent, then run again:\n  {token.url}")
    return None


def list_open_invoices(client: Ledgerlink) -> list:
    """Step 2: every open invoice, page after page."""
    invoices = list(client.invoices.list_all(status="OPEN,PARTIALLY_PAID", page_size=100))
    for invoice in invoices:
        print(
            f"{invoice.number or '-':>12}  due {invoice.due_date}  {invoice.currency} "
            f"{invoice.balance:>10} outstanding"
        )
    total = sum((i.balance for i in invoices if i.balance is not None), Decimal(0))
    print(f"{len(invoices)} open invoices, {total} outstanding")
    return invoices


def create_invoice(client: Ledgerlink):
    """Step 3: an invoice for the first customer (a retry with the same key replays it)."""
    customers = client.contacts.list(is_customer=True, page_size=1).results or (
        client.contacts.list(page_size=1).results
    )
    if not customers:
        raise SystemExit("the linked account has no contacts")
    invoice = client.invoices.create(
        {
            "type": "ACCOUNTS_RECEIVABLE",
            "contact": str(customers[0].id),
            "line_items": [
                {
                    "description": "Consulting",
                    "quantity": Decimal("2"),
                    "unit_price": Decimal("150.00"),
                    "account_code": "200",
                }
            ],
        }
    )
    print(
        f"created {invoice.number or invoice.id}: {invoice.total_amount} {invoice.currency} "
        f"for {customers[0].name} ({invoice.status.value if invoice.status else '-'})"
    )
    return invoice


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("LEDGERLINK_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--key", default=os.environ.get("LEDGERLINK_API_KEY"))
    parser.add_argument("--account", help="a linked account id (default: the first)")
    parser.add_argument(
        "--redirect-url",
        default="http://127.0.0.1:8000/connect/demo-return",
        help="where the end user lands after linking (one of your allowed redirect URLs)",
    )
    args = parser.parse_args(argv)
    if not args.key:
        parser.error("an API key is needed: --key or LEDGERLINK_API_KEY")

    with Ledgerlink(args.key, args.url) as client:
        try:
            account = args.account or choose_account(client, args.redirect_url)
            if account is None:
                return 0
            books = client.with_account(account)
            list_open_invoices(books)
            create_invoice(books)
        except LedgerlinkError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
