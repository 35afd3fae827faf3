"""Each company's products and services (``Item``), with the ids its documents' ``ItemRef``s
use. Kept apart from ``seed.Books`` so the other entities' ids and timestamps do not move."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .seed import Company, money, ref, stamp

SERVICES = ref("1", "Services")

#: key → (Id, Name, Type, Sku, UnitPrice, PurchaseCost, QtyOnHand, Active)
ITEMS: dict[str, list[tuple[str, str, str, str | None, str, str | None, int | None, bool]]] = {
    "us": [
        ("1", "Design", "Service", None, "75", None, None, True),
        ("2", "Gardening", "Service", None, "35", None, None, True),
        ("3", "Rocks", "NonInventory", "RCK-RIV-01", "12.50", "6.25", None, True),
        ("4", "Pump", "Inventory", "PMP-4410", "115.25", "74", 25, True),
        ("12", "Lumber", "NonInventory", "LMB-CDR-08", "5.50", "3.25", None, True),
        ("13", "Plants", "NonInventory", None, "8", "4.50", None, True),
        ("20", "Lighting", "Service", None, "45", None, None, False),
    ],
    "uk": [
        ("1", "Design consultation", "Service", None, "85", None, None, True),
        ("2", "Made-to-measure curtains", "NonInventory", "CUR-MTM", "240", None, None, True),
        ("5", "Linen", "Inventory", "LIN-20M", "24", "18.50", 140, True),
    ],
}


def items(company: Company) -> list[dict[str, Any]]:
    created = datetime(2025, 1, 2, 17, 0, tzinfo=company.tz)
    out = []
    for n, (item_id, name, kind, sku, price, cost, on_hand, active) in enumerate(
        ITEMS[company.key]
    ):
        when = stamp(created + timedelta(minutes=7 * n), company.tz)
        doc: dict[str, Any] = {
            "Name": name,
            "Description": name,
            "Active": active,
            "SubItem": False,
            "Level": 0,
            "FullyQualifiedName": name,
            "Taxable": kind != "Service",
            "UnitPrice": money(Decimal(price)),
            "Type": kind,
            "IncomeAccountRef": SERVICES,
            "PurchaseCost": money(Decimal(cost or 0)),
            "TrackQtyOnHand": on_hand is not None,
        }
        if sku:
            doc["Sku"] = sku
        if company.country != "US":  # VAT codes on the item (US: Taxable and TAX/NON)
            doc["SalesTaxCodeRef"] = ref("3", "20.0% S")
            doc["PurchaseTaxCodeRef"] = ref("3", "20.0% S")
            doc["SalesTaxIncluded"] = doc["PurchaseTaxIncluded"] = False
        if cost:
            doc["PurchaseDesc"] = name
            doc["ExpenseAccountRef"] = ref("80", "Cost of Goods Sold")
        if on_hand is not None:
            doc["QtyOnHand"] = on_hand
            doc["AssetAccountRef"] = ref("81", "Inventory Asset")
            doc["InvStartDate"] = created.date().isoformat()
        doc.update(
            {
                "domain": "QBO",
                "sparse": False,
                "Id": item_id,
                "SyncToken": "0",
                "MetaData": {"CreateTime": when, "LastUpdatedTime": when},
            }
        )
        out.append(doc)
    return out
