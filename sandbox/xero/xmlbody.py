"""Xero's XML: what the accounting API answers a client that does not ask for JSON.

``<Response><Id/><Status>OK</Status><ProviderName/><DateTimeUTC/><Invoices><Invoice>…`` for
results, ``<ApiException><ErrorNumber/><Type/><Message/><Elements><DataContractBase>…`` for
errors. Collections are plural elements of singular children, dates are ISO
(``2019-01-01T00:00:00``), booleans ``true``/``false``, nulls and the JSON-only ``…String``
date twins are left out.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from xml.sax.saxutils import escape

NAMESPACES = (
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
)
_MS_DATE = re.compile(r"^/Date\((-?\d+)(?:[+-]\d{4})?\)/$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: Plural element → its children's element, where dropping an "s" is wrong.
SINGULAR = {
    "Addresses": "Address",
    "Currencies": "Currency",
    "TaxRates": "TaxRate",
    "Tracking": "TrackingCategory",
    "TrackingCategories": "TrackingCategory",
    "SalesTrackingCategories": "SalesTrackingCategory",
    "PurchasesTrackingCategories": "PurchasesTrackingCategory",
    "Elements": "DataContractBase",
    "Options": "Option",
    "Warnings": "Warning",
}
#: Date twins that exist only in Xero's JSON.
JSON_ONLY = re.compile(r"^(Date|DueDate|FullyPaidOnDate|ExpectedPaymentDate|UpdatedDateUTC)String$")


def singular(plural: str) -> str:
    if plural in SINGULAR:
        return SINGULAR[plural]
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    return plural[:-1] if plural.endswith("s") else plural


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text[1:] if text in ("-0", "-0.00") else text
    text = str(value)
    match = _MS_DATE.match(text)
    if match:
        moment = _EPOCH + timedelta(milliseconds=int(match.group(1)))
        iso = moment.strftime("%Y-%m-%dT%H:%M:%S")
        return iso + (f".{moment.microsecond // 1000:03d}" if moment.microsecond else "")
    return escape(text)


def _element(name: str, value: object, out: list[str], attrs: str = "") -> None:
    if value is None or JSON_ONLY.match(name):
        return
    if isinstance(value, dict):
        out.append(f"<{name}{attrs}>")
        for key, child in value.items():
            _element(key, child, out)
        out.append(f"</{name}>")
    elif isinstance(value, list):
        out.append(f"<{name}>")
        child_name = singular(name)
        for child in value:
            _element(child_name, child, out)
        out.append(f"</{name}>")
    else:
        out.append(f"<{name}>{_scalar(value)}</{name}>")


def to_xml(body: object, element_type: str | None = None) -> bytes:
    """A JSON body of the accounting API as Xero's XML (``element_type``: the ``xsi:type`` of
    an ApiException's elements, e.g. ``Invoice``)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    is_error = isinstance(body, dict) and "ErrorNumber" in body
    root = "ApiException" if is_error else "Response"
    out.append(f"<{root} {NAMESPACES}>")
    if isinstance(body, dict):
        for key, value in body.items():
            if key == "Elements" and isinstance(value, list):
                kind = f' xsi:type="{element_type}"' if element_type else ""
                out.append("<Elements>")
                for child in value:
                    _element("DataContractBase", child, out, kind)
                out.append("</Elements>")
            else:
                _element(key, value, out)
    out.append(f"</{root}>")
    return "".join(out).encode()


def wants_json(accept_header: str | None) -> bool:
    """Xero answers JSON only to a client that names ``application/json`` (``*/*`` gets XML)."""
    for part in (accept_header or "").split(","):
        media, _, params = part.strip().partition(";")
        if media.strip().lower() != "application/json":
            continue
        quality = re.search(r"q\s*=\s*([0-9.]+)", params)
        if quality is None or float(quality.group(1) or 0) > 0:
            return True
    return False
