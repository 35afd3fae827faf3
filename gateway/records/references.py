"""Which unified fields point at other records, and how their gateway ids are filled.

Connectors return references as provider ids (`contact_remote_id`); the API shows the gateway's
ids beside them (`contact`). This is schema knowledge, the same for every provider.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gateway.records.ids import reference_id

RELATED_MODEL_BY_TYPE = {"INVOICE": "invoice", "CREDIT_NOTE": "credit_note"}


def _resolver(account_id) -> Callable[[str, str | None], str | None]:
    def resolve(model: str, remote_id: str | None) -> str | None:
        return reference_id(account_id, model, remote_id) if remote_id else None

    return resolve


def _line_items(doc: dict[str, Any], resolve) -> None:
    for line in doc.get("line_items") or []:
        line["account"] = resolve("account", line.get("account_remote_id"))
        line["item"] = resolve("item", line.get("item_remote_id"))
        line["tax_rate"] = resolve("tax_rate", line.get("tax_rate_remote_id"))


def _invoice(doc: dict[str, Any], resolve) -> None:
    doc["contact"] = resolve("contact", doc.get("contact_remote_id"))
    doc["payments"] = [resolve("payment", rid) for rid in doc.get("payment_remote_ids") or []]
    _line_items(doc, resolve)


def _payment(doc: dict[str, Any], resolve) -> None:
    doc["contact"] = resolve("contact", doc.get("contact_remote_id"))
    doc["account"] = resolve("account", doc.get("account_remote_id"))
    for applied in doc.get("applied_to") or []:
        model = RELATED_MODEL_BY_TYPE.get(applied.get("related_object_type") or "", "invoice")
        applied["related_object_id"] = resolve(model, applied.get("related_object_remote_id"))


_FILLERS = {"invoice": _invoice, "payment": _payment}


def fill_references(model: str, account_id, doc: dict[str, Any]) -> None:
    filler = _FILLERS.get(model)
    if filler is not None:
        filler(doc, _resolver(account_id))
