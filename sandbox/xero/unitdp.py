"""``unitdp``: Xero keeps unit amounts to four places only for a client that sends
``unitdp=4``; everyone else reads them rounded to two, and what they write is rounded to two
before line amounts are computed (invoices, credit notes and items)."""

from __future__ import annotations

from .jsonutil import dumps, loads
from .money import dec, unit

#: Resources whose reads and writes take ``unitdp``.
KINDS = frozenset({"Invoice", "CreditNote", "PurchaseOrder", "BankTransaction", "Item"})
ITEM_DETAILS = ("SalesDetails", "PurchaseDetails")


def four_places(args: dict[str, str]) -> bool:
    """``args``: the query string with lower-cased names."""
    return (args.get("unitdp") or "").strip() == "4"


def _rounded(value: object) -> object:
    try:
        number = dec(value)
    except ValueError:
        return value  # left for validation to refuse
    return value if number is None else unit(number, 2)


def round_doc(kind: str, doc: dict) -> dict:
    """``doc`` with its unit amounts rounded half-up to two places (a shallow copy)."""
    out = dict(doc)
    if kind == "Item":
        for key in ITEM_DETAILS:
            if isinstance(out.get(key), dict) and "UnitPrice" in out[key]:
                out[key] = dict(out[key], UnitPrice=_rounded(out[key]["UnitPrice"]))
    elif isinstance(out.get("LineItems"), list):
        out["LineItems"] = [
            dict(line, UnitAmount=_rounded(line["UnitAmount"]))
            if isinstance(line, dict) and "UnitAmount" in line
            else line
            for line in out["LineItems"]
        ]
    return out


def round_json(kind: str, item: bytes) -> bytes:
    """A stored record's JSON with two-place unit amounts (untouched when none has more)."""
    doc = loads(item)
    rounded = round_doc(kind, doc)
    return item if rounded == doc else dumps(rounded)
