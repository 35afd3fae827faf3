"""Manual journals (written by users) and the journals Xero writes for every posted document.

**Manual journals** (``/ManualJournals``): DRAFT → POSTED → VOIDED, DRAFT → DELETED. Lines carry a
signed ``LineAmount`` (debit positive, credit negative) and must balance, with at least two
lines; otherwise Xero's 400 ValidationException ("The total debits (…) must equal total credits
(…)").

**Journals** (``/Journals``, read only): whenever a document's postings change (an invoice or
bill approved, edited after approval or voided; a payment made or deleted; a manual journal
posted or voided), the sandbox writes journals the way Xero does: a reversal of the postings it
last wrote for that document, then a journal of the new postings. Every journal balances (its
``NetAmount``s sum to zero), amounts are in the base currency, and journals are numbered in the
order they were written (``JournalNumber``, what ``offset`` pages by). Records loaded by the bulk
seed (``seed_bulk``) bypass the ledger and write no journals; the financial reports are therefore
computed from the postings of every posted document (``books.py``), not from these journals.
"""

from __future__ import annotations

from decimal import Decimal

from .. import resources as R
from ..ids import fresh
from ..jsonutil import dumps_str
from ..ledger import Ledger
from ..money import ZERO, dec, money
from ..xdates import day_fields, ms_date, parse_day
from . import tracking
from .errors import ValidationFailed

__all__ = ["POSTING_KINDS", "post", "upsert_manual_journal"]

MANUAL_STATUSES = ("DRAFT", "POSTED", "VOIDED", "DELETED", "ARCHIVED")
LINE_AMOUNT_TYPES = ("NoTax", "Exclusive", "Inclusive")
#: Allowed status changes of a saved manual journal (same status: an edit).
_TRANSITIONS = {
    "DRAFT": {"DRAFT", "POSTED", "DELETED"},
    "POSTED": {"POSTED", "VOIDED"},
    "VOIDED": set(),
    "DELETED": set(),
    "ARCHIVED": set(),
}


def _number(value: object, errors: list[str], what: str) -> Decimal | None:
    try:
        number = dec(value)
    except ValueError:
        errors.append(f"{what} must be a number")
        return None
    return number


def _manual_line(ledger: Ledger, raw: object, lat: str, errors: list[str]) -> dict | None:
    if not isinstance(raw, dict):
        errors.append("Each journal line must be an object")
        return None
    line: dict = {}
    amount = _number(raw.get("LineAmount"), errors, "LineAmount")
    if amount is None:
        errors.append("Journal lines must have a LineAmount")
        return None
    account = None
    if raw.get("AccountCode"):
        account = ledger.accounts.get(str(raw["AccountCode"]))
    elif raw.get("AccountID"):
        account = ledger.accounts_by_id.get(str(raw["AccountID"]).lower())
    else:
        errors.append("Account code must be specified for each journal line")
        return None
    if account is None or account.get("Status") != "ACTIVE":
        given = raw.get("AccountCode") or raw.get("AccountID")
        errors.append(f"Account code '{given}' is not a valid code for this document.")
        return None
    line["LineAmount"] = money(amount)
    line["AccountCode"] = account["Code"]
    line["AccountID"] = account["AccountID"]
    if raw.get("Description") is not None:
        line["Description"] = str(raw["Description"])
    tax_type = "NONE" if lat == "NoTax" else str(raw.get("TaxType") or "NONE")
    percent = ledger.tax_percent(tax_type)
    if percent is None:
        errors.append(
            f"The TaxType code '{tax_type}' does not exist or cannot be used "
            "with this type of transaction."
        )
        percent = ZERO
    line["TaxType"] = tax_type
    if lat == "Exclusive":
        tax = money(line["LineAmount"] * percent / 100)
    elif lat == "Inclusive":
        tax = money(line["LineAmount"] * percent / (100 + percent))
    else:
        tax = ZERO
    given_tax = raw.get("TaxAmount")
    if given_tax is not None and lat != "NoTax":
        parsed = _number(given_tax, errors, "TaxAmount")
        tax = money(parsed) if parsed is not None else tax
    line["TaxAmount"] = tax
    line["Tracking"] = tracking.resolve_line(ledger, raw.get("Tracking"), errors)
    line["IsBlank"] = False
    return line


def _gross(line: dict, lat: str) -> Decimal:
    return line["LineAmount"] + (line["TaxAmount"] if lat == "Exclusive" else ZERO)


def upsert_manual_journal(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    """``PUT /ManualJournals`` (create) or ``POST /ManualJournals[/{id}]`` (create or update)."""
    errors: list[str] = []
    current = existing or {}
    old_status = current.get("Status")
    status = str(payload.get("Status") or old_status or "DRAFT").upper()
    if status not in MANUAL_STATUSES:
        errors.append(f"'{payload.get('Status')}' is not a valid manual journal status")
    elif old_status and status not in _TRANSITIONS.get(old_status, set()):
        raise ValidationFailed(
            f"A manual journal with status {old_status} cannot be changed to {status}"
            if status != old_status
            else f"A {old_status.lower()} manual journal cannot be edited"
        )
    elif not old_status and status not in ("DRAFT", "POSTED"):
        errors.append("A new manual journal must be DRAFT or POSTED")
    if old_status and status in ("VOIDED", "DELETED"):
        doc = dict(current, Status=status)
        return ledger.save(R.MANUAL_JOURNALS, doc, created=False)
    narration = payload.get("Narration", current.get("Narration"))
    if not str(narration or "").strip():
        errors.append("Narration must be specified")
    lat = str(payload.get("LineAmountTypes") or current.get("LineAmountTypes") or "NoTax")
    if lat not in LINE_AMOUNT_TYPES:
        errors.append(f"'{lat}' is not a valid LineAmountTypes value")
        lat = "NoTax"
    try:
        day = parse_day(payload["Date"]) if payload.get("Date") else None
    except ValueError:
        errors.append(f"The Date '{payload.get('Date')}' is not a valid date")
        day = None
    if day is None and current.get("Date"):
        day = parse_day(current["Date"])
    day = day or ledger.clock.now().date()
    raw_lines = payload.get("JournalLines", current.get("JournalLines"))
    lines: list[dict] = []
    if not isinstance(raw_lines, list):
        errors.append("Journal lines must be specified")
        raw_lines = []
    for raw in raw_lines:
        line = _manual_line(ledger, raw, lat, errors)
        if line is not None:
            lines.append(line)
    if len(raw_lines) < 2:
        errors.append("A manual journal must have at least two journal lines")
    if lines and len(lines) == len(raw_lines):
        debits = sum((_gross(li, lat) for li in lines if _gross(li, lat) > 0), ZERO)
        credits = -sum((_gross(li, lat) for li in lines if _gross(li, lat) < 0), ZERO)
        if debits != credits:
            errors.append(
                f"The total debits ({money(debits)}) must equal total credits ({money(credits)})"
            )
    if errors:
        raise ValidationFailed(*errors)
    doc = {
        "ManualJournalID": current.get("ManualJournalID") or fresh(),
        "Narration": str(narration),
        **day_fields("Date", day),
        "Status": status,
        "LineAmountTypes": lat,
        "ShowOnCashBasisReports": bool(
            payload.get("ShowOnCashBasisReports", current.get("ShowOnCashBasisReports", True))
        ),
        "HasAttachments": bool(current.get("HasAttachments", False)),
        "JournalLines": lines,
    }
    if payload.get("Url") or current.get("Url"):
        doc["Url"] = str(payload.get("Url") or current.get("Url"))
    return ledger.save(R.MANUAL_JOURNALS, doc, created=existing is None)


# -- journals ------------------------------------------------------------------------------------

#: Kinds whose saves may change the books.
POSTING_KINDS = frozenset({"Invoice", "CreditNote", "Payment", "ManualJournal"})
_POSTED = {"Invoice": ("AUTHORISED", "PAID"), "CreditNote": ("AUTHORISED", "PAID")}
#: Sign of a document line's amount in the ledger (credit negative).
_LINE_SIGN = {"ACCREC": -1, "ACCPAY": 1, "ACCRECCREDIT": 1, "ACCPAYCREDIT": -1}
_CONTROL = {
    "ACCREC": "DEBTORS",
    "ACCRECCREDIT": "DEBTORS",
    "ACCPAY": "CREDITORS",
    "ACCPAYCREDIT": "CREDITORS",
    "ACCRECPAYMENT": "DEBTORS",
    "ARCREDITPAYMENT": "DEBTORS",
    "ACCPAYPAYMENT": "CREDITORS",
    "APCREDITPAYMENT": "CREDITORS",
}
#: Sign of the bank side of a payment.
_BANK_SIGN = {"ACCRECPAYMENT": 1, "ACCPAYPAYMENT": -1, "ARCREDITPAYMENT": -1, "APCREDITPAYMENT": 1}


def _system(ledger: Ledger, name: str) -> dict:
    for account in ledger.accounts.values():
        if account.get("SystemAccount") == name:
            return account
    raise LookupError(f"no {name} system account")


def _account(ledger: Ledger, code: object = None, account_id: object = None) -> dict | None:
    if code:
        found = ledger.accounts.get(str(code))
        if found:
            return found
    if account_id:
        return ledger.accounts_by_id.get(str(account_id).lower())
    return None


def _base(value: Decimal, rate: Decimal) -> Decimal:
    return money(value / rate) if rate and rate != 1 else money(value)


def _ledger_line(
    account: dict,
    net: Decimal,
    tax: Decimal = ZERO,
    description: str | None = None,
    tax_type: str | None = None,
    tax_name: str | None = None,
    tracking_rows: list | None = None,
) -> dict:
    line = {
        "JournalLineID": fresh(),
        "AccountID": account["AccountID"],
        "AccountCode": account["Code"],
        "AccountType": account["Type"],
        "AccountName": account["Name"],
    }
    if description:
        line["Description"] = description
    line.update({"NetAmount": money(net), "GrossAmount": money(net + tax), "TaxAmount": money(tax)})
    if tax_type:
        line["TaxType"] = tax_type
        if tax_name:
            line["TaxName"] = tax_name
    line["TrackingCategories"] = [
        {
            k: t[k]
            for k in ("Name", "Option", "TrackingCategoryID", "TrackingOptionID")
            if t.get(k) is not None
        }
        for t in tracking_rows or ()
    ]
    return line


def _document_lines(ledger: Ledger, doc: dict, doc_type: str) -> list[dict]:
    sign = _LINE_SIGN[doc_type]
    rate = dec(doc.get("CurrencyRate"), Decimal(1)) or Decimal(1)
    inclusive = doc.get("LineAmountTypes") == "Inclusive"
    out: list[dict] = []
    tax_total = ZERO
    for item in doc.get("LineItems") or ():
        account = _account(ledger, item.get("AccountCode"), item.get("AccountID"))
        if account is None:
            continue
        tax = dec(item.get("TaxAmount"), ZERO) or ZERO
        amount = dec(item.get("LineAmount"), ZERO) or ZERO
        net = amount - tax if inclusive else amount
        net_base, tax_base = _base(net, rate), _base(tax, rate)
        if not net_base and not tax_base:
            continue
        tax_type = item.get("TaxType")
        rate_doc = ledger.tax_rates.get(tax_type or "") or {}
        out.append(
            _ledger_line(
                account,
                sign * net_base,
                sign * tax_base,
                item.get("Description"),
                tax_type,
                rate_doc.get("Name"),
                item.get("Tracking"),
            )
        )
        tax_total += tax_base
    if tax_total:
        out.append(_ledger_line(_system(ledger, "GST"), sign * tax_total))
    return out


def _postings(ledger: Ledger, kind: str, doc: dict) -> tuple[str, list[dict]]:
    """(SourceType, the balanced ledger lines the document posts now; [] when none)."""
    if kind in ("Invoice", "CreditNote"):
        doc_type = doc["Type"]
        if doc.get("Status") not in _POSTED[kind]:
            return doc_type, []
        lines = _document_lines(ledger, doc, doc_type)
    elif kind == "Payment":
        doc_type = doc.get("PaymentType") or "ACCRECPAYMENT"
        if doc.get("Status") != "AUTHORISED" or doc_type not in _BANK_SIGN:
            return doc_type, []
        rate = dec(doc.get("CurrencyRate"), Decimal(1)) or Decimal(1)
        bank = _account(
            ledger,
            (doc.get("Account") or {}).get("Code"),
            (doc.get("Account") or {}).get("AccountID"),
        )
        if bank is None:
            return doc_type, []
        lines = [
            _ledger_line(bank, _BANK_SIGN[doc_type] * _base(dec(doc["Amount"]) or ZERO, rate), ZERO)
        ]
    else:  # ManualJournal
        doc_type = "MANJOURNAL"
        if doc.get("Status") != "POSTED":
            return doc_type, []
        lat = doc.get("LineAmountTypes") or "NoTax"
        lines, tax_total = [], ZERO
        for item in doc.get("JournalLines") or ():
            account = _account(ledger, item.get("AccountCode"), item.get("AccountID"))
            if account is None:
                continue
            amount, tax = dec(item["LineAmount"]) or ZERO, dec(item.get("TaxAmount"), ZERO) or ZERO
            net = amount - tax if lat == "Inclusive" else amount
            tax_type = item.get("TaxType")
            rate_doc = ledger.tax_rates.get(tax_type or "") or {}
            lines.append(
                _ledger_line(
                    account,
                    net,
                    tax,
                    item.get("Description"),
                    tax_type,
                    rate_doc.get("Name"),
                    item.get("Tracking"),
                )
            )
            tax_total += tax
        if tax_total:
            lines.append(_ledger_line(_system(ledger, "GST"), tax_total))
        return doc_type, lines
    if lines:
        rest = sum((line["NetAmount"] for line in lines), ZERO)
        lines.append(_ledger_line(_system(ledger, _CONTROL[doc_type]), -rest))
    return doc_type, lines


def _signature(lines: list[dict]) -> list[tuple]:
    return sorted(
        (
            line["AccountID"],
            str(line["NetAmount"]),
            str(line["TaxAmount"]),
            line.get("Description") or "",
            line.get("TaxType") or "",
        )
        for line in lines
    )


def _posted_now(ledger: Ledger, source_id: str) -> dict | None:
    """The journal holding the source's current postings (None: nothing posted)."""
    row = ledger.store.one(
        "SELECT doc, status FROM records WHERE tenant_id=? AND kind=? AND contact_id=? "
        "ORDER BY seq DESC LIMIT 1",
        (ledger.tenant_id, R.JOURNALS.kind, source_id.lower()),
    )
    if row is None or row["status"] != "POSTED":
        return None
    from ..jsonutil import loads

    return loads(row["doc"])


def _write_journal(
    ledger: Ledger,
    doc: dict,
    source_type: str,
    source_id: str,
    reference: str | None,
    lines: list[dict],
    marker: str,
) -> None:
    ms = ledger.now_ms()
    number = ledger.store.next_sequence(ledger.tenant_id, "journal")
    journal = {
        "JournalID": fresh(),
        "JournalDate": doc.get("Date") or ms_date(ms),
        "JournalNumber": number,
        "CreatedDateUTC": ms_date(ms),
        "SourceID": source_id,
        "SourceType": source_type,
        "JournalLines": lines,
    }
    if reference:
        journal["Reference"] = reference
    assert sum((line["NetAmount"] for line in lines), ZERO) == 0, "unbalanced journal"
    columns = R.JOURNALS.columns(journal)
    columns["status"] = marker  # POSTED: the source's current postings; REVERSAL: undone
    ledger.store.put_record(
        ledger.tenant_id,
        R.JOURNALS.kind,
        journal["JournalID"],
        dumps_str(journal),
        None,
        ms,
        columns,
    )


def _reference(kind: str, doc: dict) -> str | None:
    if kind == "Invoice":
        return doc.get("InvoiceNumber") or doc.get("Reference")
    if kind == "CreditNote":
        return doc.get("CreditNoteNumber") or doc.get("Reference")
    if kind == "ManualJournal":
        return doc.get("Narration")
    return doc.get("Reference") or None


def post(ledger: Ledger, resource: R.Resource, doc: dict) -> None:
    """Write the journals a save of ``doc`` implies (none when its postings did not change)."""
    if resource.kind not in POSTING_KINDS:
        return
    source_id = str(doc[resource.id_field]).lower()
    source_type, lines = _postings(ledger, resource.kind, doc)
    previous = _posted_now(ledger, source_id)
    before = previous["JournalLines"] if previous else []
    if _signature(before) == _signature(lines):
        return
    reference = _reference(resource.kind, doc)
    if previous:
        reversal = [
            dict(
                line,
                JournalLineID=fresh(),
                NetAmount=-dec(line["NetAmount"]),
                GrossAmount=-dec(line["GrossAmount"]),
                TaxAmount=-dec(line["TaxAmount"]),
            )
            for line in before
        ]
        _write_journal(ledger, doc, source_type, source_id, reference, reversal, "REVERSAL")
    if lines:
        _write_journal(ledger, doc, source_type, source_id, reference, lines, "POSTED")
