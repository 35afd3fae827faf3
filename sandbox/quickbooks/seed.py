"""Deterministic demo books for two sandbox companies (same ids, amounts and timestamps after
every reset), plus optional bulk invoices for paging tests.

Ids are numbered per entity (Customer 1 and Vendor 1, Invoice 1 and Bill 1 both exist), which
QuickBooks does not promise against: clients must keep ids apart by entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .store import Store

CENT = Decimal("0.01")

#: Apps registered after every reset (more can be added through the control plane).
DEMO_APP = {
    "client_id": "ledgerlink-qbo-demo",
    "client_secret": "qbo-demo-secret-not-for-production-0000",
    "name": "Ledgerlink (demo)",
    "redirect_uris": [
        "http://127.0.0.1:8000/connect/callback",
        "http://localhost:8000/connect/callback",
    ],
    # Its webhooks page: a verifier token, no endpoint until one is registered (PATCH /apps).
    "webhook_verifier_token": "qbo-demo-verifier-token-not-for-production-0000",
}


@dataclass(frozen=True)
class Company:
    key: str
    realm: str
    name: str
    legal_name: str
    country: str
    currency: str
    currency_name: str
    utc_offset_hours: int
    tax_rate: Decimal  # sales tax (US) or VAT (UK) on taxable lines

    @property
    def tz(self) -> timezone:
        return timezone(timedelta(hours=self.utc_offset_hours))


COMPANIES = (
    Company(
        "us",
        "9341453050298464",
        "Craig's Design and Landscaping Services",
        "Craig's Design and Landscaping Services LLC",
        "US",
        "USD",
        "United States Dollar",
        -8,
        Decimal("0.08"),
    ),
    Company(
        "uk",
        "9341453050298472",
        "Bramble & Oak Interiors Ltd",
        "Bramble & Oak Interiors Limited",
        "GB",
        "GBP",
        "British Pound Sterling",
        0,
        Decimal("0.20"),
    ),
)
BY_KEY = {c.key: c for c in COMPANIES}
BY_REALM = {c.realm: c for c in COMPANIES}


def company(ref: str) -> Company | None:
    """A company by key (``us``), realmId or name."""
    ref = str(ref)
    return (
        BY_KEY.get(ref.lower())
        or BY_REALM.get(ref)
        or next((c for c in COMPANIES if c.name == ref), None)
    )


def stamp(moment: datetime, tz: timezone) -> str:
    """QuickBooks' timestamp form: local time with its offset, whole seconds."""
    return moment.astimezone(tz).replace(microsecond=0).isoformat()


def money(value: Decimal) -> float:
    """JSON number for an amount (2 places, exact in its shortest repr)."""
    return float(value.quantize(CENT, rounding=ROUND_HALF_UP))


def ref(value: Any, name: str | None = None) -> dict[str, str]:
    out = {"value": str(value)}
    if name is not None:
        out["name"] = name
    return out


@dataclass
class Books:
    """Builds one company's documents with consistent totals, links and timestamps."""

    company: Company
    clock: datetime
    docs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def meta(self) -> dict[str, str]:
        self.clock += timedelta(hours=31, minutes=17)
        when = stamp(self.clock, self.company.tz)
        return {"CreateTime": when, "LastUpdatedTime": when}

    def add(self, entity: str, doc: dict[str, Any]) -> dict[str, Any]:
        rows = self.docs.setdefault(entity, [])
        doc = {"Id": str(len(rows) + 1), "SyncToken": "0", "MetaData": self.meta(), **doc}
        doc.update({"domain": "QBO", "sparse": False})
        rows.append(doc)
        return doc

    def get(self, entity: str, entity_id: str) -> dict[str, Any]:
        return self.docs[entity][int(entity_id) - 1]

    def currency(self, code: str | None = None) -> dict[str, str]:
        code = code or self.company.currency
        names = {"USD": "United States Dollar", "GBP": "British Pound Sterling"}
        names.update({"CAD": "Canadian Dollar", "EUR": "Euro"})
        return ref(code, names.get(code, code))

    # -- names ----------------------------------------------------------------------------------
    def customer(
        self,
        display: str,
        *,
        given: str | None = None,
        family: str | None = None,
        company_name: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        mobile: str | None = None,
        address: tuple[str, str, str, str] | None = None,
        ship: tuple[str, str, str, str] | None = None,
        currency: str | None = None,
        active: bool = True,
    ) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "DisplayName": display,
            "FullyQualifiedName": display,
            "PrintOnCheckName": company_name or display,
            "Active": active,
            "Taxable": self.company.country == "US",
            "Job": False,
            "BillWithParent": False,
            "Balance": 0,
            "BalanceWithJobs": 0,
            "CurrencyRef": self.currency(currency),
            "PreferredDeliveryMethod": "Email" if email else "Print",
        }
        for key, value in (("GivenName", given), ("FamilyName", family)):
            if value:
                doc[key] = value
        if company_name:
            doc["CompanyName"] = company_name
        if email:
            doc["PrimaryEmailAddr"] = {"Address": email}
        if phone:
            doc["PrimaryPhone"] = {"FreeFormNumber": phone}
        if mobile:
            doc["Mobile"] = {"FreeFormNumber": mobile}
        if address:
            doc["BillAddr"] = self._address(address)
        if ship:
            doc["ShipAddr"] = self._address(ship)
        return self.add("Customer", doc)

    def vendor(
        self,
        display: str,
        *,
        email: str | None = None,
        phone: str | None = None,
        address: tuple[str, str, str, str] | None = None,
        account_number: str | None = None,
        tax_id: str | None = None,
        active: bool = True,
    ) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "DisplayName": display,
            "CompanyName": display,
            "PrintOnCheckName": display,
            "Active": active,
            "Vendor1099": False,
            "Balance": 0,
            "CurrencyRef": self.currency(),
        }
        if email:
            doc["PrimaryEmailAddr"] = {"Address": email}
        if phone:
            doc["PrimaryPhone"] = {"FreeFormNumber": phone}
        if address:
            doc["BillAddr"] = self._address(address)
        if account_number:
            doc["AcctNum"] = account_number
        if tax_id:
            doc["TaxIdentifier"] = tax_id
        return self.add("Vendor", doc)

    _addresses = 0

    def _address(self, parts: tuple[str, str, str, str]) -> dict[str, str]:
        self._addresses += 1
        line1, city, region, postal = parts
        row = {"Id": str(self._addresses), "Line1": line1, "City": city, "PostalCode": postal}
        row["CountrySubDivisionCode"] = region
        if self.company.country == "GB":
            row["Country"] = "United Kingdom"
        return row

    # -- sales ----------------------------------------------------------------------------------
    def invoice(
        self,
        number: str,
        customer: dict[str, Any],
        txn_date: date,
        lines: list[tuple[str, str, str, Decimal, Decimal, bool]],
        *,
        terms_days: int = 30,
        discount_percent: Decimal | None = None,
        group: tuple[str, str] | None = None,
        description_line: str | None = None,
        memo: str | None = None,
        currency: str | None = None,
        exchange_rate: Decimal | None = None,
        class_ref: tuple[str, str] | None = None,
        department: tuple[str, str] | None = None,
    ) -> dict[str, Any]:
        """``lines``: (item id, item name, description, qty, unit price, taxable);
        ``class_ref`` tags every item line (``ClassRef``), ``department`` the document
        (``DepartmentRef``: QuickBooks tracks locations per transaction)."""
        rows: list[dict[str, Any]] = []
        subtotal, taxable = Decimal(0), Decimal(0)
        for n, (item_id, item, desc, qty, price, is_taxable) in enumerate(lines, start=1):
            amount = (qty * price).quantize(CENT, rounding=ROUND_HALF_UP)
            subtotal += amount
            taxable += amount if is_taxable else 0
            rows.append(
                {
                    "Id": str(n),
                    "LineNum": n,
                    "Description": desc,
                    "Amount": money(amount),
                    "DetailType": "SalesItemLineDetail",
                    "SalesItemLineDetail": {
                        "ItemRef": ref(item_id, item),
                        "UnitPrice": float(price),
                        "Qty": float(qty),
                        "ItemAccountRef": ref("1", "Services"),
                        "TaxCodeRef": ref(self._tax_code(is_taxable)),
                    },
                }
            )
            if class_ref:
                rows[-1]["SalesItemLineDetail"]["ClassRef"] = ref(*class_ref)
        if group:
            rows = [
                {
                    "Id": str(len(rows) + 1),
                    "LineNum": len(rows) + 1,
                    "Description": group[1],
                    "DetailType": "GroupLineDetail",
                    "GroupLineDetail": {
                        "GroupItemRef": ref(group[0], group[1]),
                        "Quantity": 1,
                        "Line": rows,
                    },
                }
            ]
        if description_line:
            rows.append(
                {
                    "Id": str(len(rows) + 1),
                    "LineNum": len(rows) + 1,
                    "Description": description_line,
                    "DetailType": "DescriptionOnly",
                    "DescriptionLineDetail": {},
                }
            )
        rows.append(
            {
                "Amount": money(subtotal),
                "DetailType": "SubTotalLineDetail",
                "SubTotalLineDetail": {},
            }
        )
        discount = Decimal(0)
        if discount_percent:
            discount = (subtotal * discount_percent / 100).quantize(CENT, ROUND_HALF_UP)
            taxable -= (taxable * discount_percent / 100).quantize(CENT, ROUND_HALF_UP)
            rows.append(
                {
                    "Amount": money(discount),
                    "DetailType": "DiscountLineDetail",
                    "DiscountLineDetail": {
                        "PercentBased": True,
                        "DiscountPercent": float(discount_percent),
                        "DiscountAccountRef": ref("86", "Discounts given"),
                    },
                }
            )
        tax = (taxable * self.company.tax_rate).quantize(CENT, ROUND_HALF_UP)
        total = subtotal - discount + tax
        doc: dict[str, Any] = {
            "DocNumber": number,
            "TxnDate": txn_date.isoformat(),
            "DueDate": (txn_date + timedelta(days=terms_days)).isoformat(),
            "CurrencyRef": self.currency(currency),
            "LinkedTxn": [],
            "Line": rows,
            "TxnTaxDetail": {"TotalTax": money(tax)},
            "CustomerRef": ref(customer["Id"], customer["DisplayName"]),
            "SalesTermRef": ref("3", "Net 30"),
            "TotalAmt": money(total),
            "ApplyTaxAfterDiscount": False,
            "PrintStatus": "NotSet",
            "EmailStatus": "NotSet",
            "Balance": money(total),
        }
        if self.company.country == "GB":
            doc["GlobalTaxCalculation"] = "TaxExcluded"
        if department:
            doc["DepartmentRef"] = ref(*department)
        if exchange_rate is not None:
            doc["ExchangeRate"] = float(exchange_rate)
            doc["HomeTotalAmt"] = money(total * exchange_rate)
        if memo:
            doc["CustomerMemo"] = {"value": memo}
        if "BillAddr" in customer:
            doc["BillAddr"] = customer["BillAddr"]
        if "PrimaryEmailAddr" in customer:
            doc["BillEmail"] = customer["PrimaryEmailAddr"]
        return self.add("Invoice", doc)

    def _tax_code(self, taxable: bool) -> str:
        if self.company.country == "US":
            return "TAX" if taxable else "NON"
        return "3" if taxable else "7"  # UK tax codes: 20.0% S / No VAT

    def payment(
        self,
        customer: dict[str, Any],
        txn_date: date,
        applied: list[tuple[dict[str, Any], Decimal]],
        *,
        reference: str | None = None,
        unapplied: Decimal = Decimal(0),
    ) -> dict[str, Any]:
        total = sum((amount for _, amount in applied), Decimal(0)) + unapplied
        doc: dict[str, Any] = {
            "TxnDate": txn_date.isoformat(),
            "CurrencyRef": self.currency(customer["CurrencyRef"]["value"]),
            "CustomerRef": ref(customer["Id"], customer["DisplayName"]),
            "DepositToAccountRef": ref("4", "Undeposited Funds"),
            "TotalAmt": money(total),
            "UnappliedAmt": money(unapplied),
            "ProcessPayment": False,
            "Line": [
                {
                    "Amount": money(amount),
                    "LinkedTxn": [{"TxnId": inv["Id"], "TxnType": "Invoice"}],
                }
                for inv, amount in applied
            ],
        }
        if reference:
            doc["PaymentRefNum"] = reference
        payment = self.add("Payment", doc)
        for inv, amount in applied:
            inv["Balance"] = money(Decimal(str(inv["Balance"])) - amount)
            inv["LinkedTxn"].append({"TxnId": payment["Id"], "TxnType": "Payment"})
            inv["SyncToken"] = str(int(inv["SyncToken"]) + 1)
            inv["MetaData"]["LastUpdatedTime"] = payment["MetaData"]["LastUpdatedTime"]
        return payment

    # -- purchases ------------------------------------------------------------------------------
    def bill(
        self,
        number: str | None,
        vendor: dict[str, Any],
        txn_date: date,
        expenses: list[tuple[str, str, str, Decimal]] = (),
        items: list[tuple[str, str, str, Decimal, Decimal]] = (),
        *,
        class_ref: tuple[str, str] | None = None,
        department: tuple[str, str] | None = None,
        note: str | None = None,
        terms_days: int = 30,
    ) -> dict[str, Any]:
        """``expenses``: (account id, account name, description, amount); ``items``: (item id,
        item name, description, qty, unit price)."""
        rows: list[dict[str, Any]] = []
        total = Decimal(0)
        for account_id, account, desc, amount in expenses:
            total += amount
            detail: dict[str, Any] = {
                "AccountRef": ref(account_id, account),
                "BillableStatus": "NotBillable",
                "TaxCodeRef": ref(self._tax_code(False)),
            }
            if class_ref:
                detail["ClassRef"] = ref(*class_ref)
            rows.append(
                {
                    "Id": str(len(rows) + 1),
                    "LineNum": len(rows) + 1,
                    "Description": desc,
                    "Amount": money(amount),
                    "DetailType": "AccountBasedExpenseLineDetail",
                    "AccountBasedExpenseLineDetail": detail,
                }
            )
        for item_id, item, desc, qty, price in items:
            amount = (qty * price).quantize(CENT, ROUND_HALF_UP)
            total += amount
            rows.append(
                {
                    "Id": str(len(rows) + 1),
                    "LineNum": len(rows) + 1,
                    "Description": desc,
                    "Amount": money(amount),
                    "DetailType": "ItemBasedExpenseLineDetail",
                    "ItemBasedExpenseLineDetail": {
                        "ItemRef": ref(item_id, item),
                        "UnitPrice": float(price),
                        "Qty": float(qty),
                        "BillableStatus": "NotBillable",
                        "TaxCodeRef": ref(self._tax_code(False)),
                    },
                }
            )
        doc: dict[str, Any] = {
            "TxnDate": txn_date.isoformat(),
            "DueDate": (txn_date + timedelta(days=terms_days)).isoformat(),
            "CurrencyRef": self.currency(),
            "LinkedTxn": [],
            "Line": rows,
            "VendorRef": ref(vendor["Id"], vendor["DisplayName"]),
            "APAccountRef": ref("33", "Accounts Payable (A/P)"),
            "SalesTermRef": ref("3", "Net 30"),
            "TotalAmt": money(total),
            "Balance": money(total),
        }
        if number:
            doc["DocNumber"] = number
        if note:
            doc["PrivateNote"] = note
        if department:
            doc["DepartmentRef"] = ref(*department)
        if self.company.country == "GB":
            doc["GlobalTaxCalculation"] = "NotApplicable"
        return self.add("Bill", doc)

    def bill_payment(
        self,
        vendor: dict[str, Any],
        txn_date: date,
        applied: list[tuple[dict[str, Any], Decimal]],
        *,
        number: str | None = None,
        card: bool = False,
    ) -> dict[str, Any]:
        total = sum((amount for _, amount in applied), Decimal(0))
        doc: dict[str, Any] = {
            "VendorRef": ref(vendor["Id"], vendor["DisplayName"]),
            "TxnDate": txn_date.isoformat(),
            "CurrencyRef": self.currency(),
            "TotalAmt": money(total),
            "Line": [
                {"Amount": money(amount), "LinkedTxn": [{"TxnId": b["Id"], "TxnType": "Bill"}]}
                for b, amount in applied
            ],
        }
        if card:
            doc["PayType"] = "CreditCard"
            doc["CreditCardPayment"] = {"CCAccountRef": ref("41", "Mastercard")}
        else:
            doc["PayType"] = "Check"
            doc["CheckPayment"] = {
                "BankAccountRef": ref("35", "Checking"),
                "PrintStatus": "NotSet",
            }
        if number:
            doc["DocNumber"] = number
        payment = self.add("BillPayment", doc)
        for bill, amount in applied:
            bill["Balance"] = money(Decimal(str(bill["Balance"])) - amount)
            bill["LinkedTxn"].append({"TxnId": payment["Id"], "TxnType": "BillPayment"})
            bill["SyncToken"] = str(int(bill["SyncToken"]) + 1)
            bill["MetaData"]["LastUpdatedTime"] = payment["MetaData"]["LastUpdatedTime"]
        return payment

    def finish(self) -> None:
        """Customer and vendor balances from the open documents."""
        for entity, name_entity, key in (
            ("Invoice", "Customer", "CustomerRef"),
            ("Bill", "Vendor", "VendorRef"),
        ):
            owed: dict[str, Decimal] = {}
            for doc in self.docs.get(entity, []):
                owed[doc[key]["value"]] = owed.get(doc[key]["value"], Decimal(0)) + Decimal(
                    str(doc["Balance"])
                )
            for name in self.docs.get(name_entity, []):
                balance = money(owed.get(name["Id"], Decimal(0)))
                name["Balance"] = balance
                if name_entity == "Customer":
                    name["BalanceWithJobs"] = balance


def void(doc: dict[str, Any]) -> None:
    """What QuickBooks' void does: amounts and quantities zeroed, "Voided" in PrivateNote."""
    doc["PrivateNote"] = f"Voided - {doc['PrivateNote']}" if doc.get("PrivateNote") else "Voided"
    for line in doc.get("Line") or []:
        if "Amount" in line:
            line["Amount"] = 0
        detail = line.get(line.get("DetailType") or "")
        if isinstance(detail, dict) and "Qty" in detail:
            detail["Qty"] = 0
        if line.get("LinkedTxn"):
            line["LinkedTxn"] = []
    for key in ("TotalAmt", "Balance", "HomeTotalAmt", "UnappliedAmt"):
        if key in doc:
            doc[key] = 0
    if "TxnTaxDetail" in doc:
        doc["TxnTaxDetail"] = {"TotalTax": 0}


D = Decimal


def _us_books() -> Books:
    b = Books(BY_KEY["us"], datetime(2025, 1, 6, 17, 0, tzinfo=UTC))
    amy = b.customer(
        "Amy's Bird Sanctuary",
        given="Amy",
        family="Lauterbach",
        company_name="Amy's Bird Sanctuary",
        email="birds@intuit.example",
        phone="(650) 555-3311",
        address=("4581 Finch St.", "Bayshore", "CA", "94326"),
    )
    bills_ws = b.customer(
        "Bill's Windsurf Shop",
        given="Bill",
        family="Lucchini",
        email="surf@intuit.example",
        phone="(415) 444-6538",
        address=("12 Ocean Dr.", "Half Moon Bay", "CA", "94213"),
        ship=("Pier 7", "Half Moon Bay", "CA", "94213"),
    )
    cool = b.customer(
        "Cool Cars",
        given="Grace",
        family="Pariente",
        email="cool_cars@intuit.example",
        mobile="(415) 555-9933",
        address=("65 Ocean Dr.", "Half Moon Bay", "CA", "94213"),
    )
    diego = b.customer("Diego Rodriguez", given="Diego", family="Rodriguez", phone="(650) 555-4477")
    dukes = b.customer(
        "Dukes Basketball Camp",
        email="dukes_bball@intuit.example",
        address=("25 Court St.", "Tucson", "AZ", "85719"),
    )
    freeman = b.customer("Freeman Sporting Goods", email="sports@freeman.example")
    geeta = b.customer("Geeta Kalapatapu", given="Geeta", family="Kalapatapu")
    maple = b.customer(
        "Maple Leaf Outfitters",
        email="ap@mapleleaf.example",
        currency="CAD",
        address=("200 King St W", "Toronto", "ON", "M5H 3T4"),
    )
    b.customer("Jeff's Jalopies", given="Jeff", family="Chin", active=False)

    insurance = b.vendor(
        "Brosnahan Insurance Agency",
        phone="(650) 555-9912",
        address=("P.O. Box 5", "Middlefield", "CA", "94303"),
        account_number="7653412",
    )
    lumber = b.vendor(
        "Norton Lumber and Building Materials",
        email="sales@norton.example",
        address=("4528 Pine St", "Middlefield", "CA", "94303"),
        tax_id="XXXXXX1111",
    )
    pge = b.vendor("PG&E", phone="(888) 555-9465", account_number="PG-99-31")
    robertson = b.vendor("Robertson & Associates", email="books@robertson.example")
    tania = b.vendor("Tania's Nursery", email="plants@tania.example")
    b.vendor("Hall Properties", active=False)

    day = date(2025, 1, 6)
    design, garden = ("1", "Design"), ("2", "Gardening")
    rocks, pump = ("3", "Rocks"), ("4", "Pump")
    inv1 = b.invoice(
        "1001",
        amy,
        day,
        [
            (*design, "Custom design", D(4), D(75), False),
            (*rocks, "Garden rocks", D(10), D(12.5), True),
        ],
        memo="Thank you for your business and have a great day!",
    )
    inv2 = b.invoice(
        "1002",
        bills_ws,
        day + timedelta(days=3),
        [(*garden, "Weekly gardening", D(5), D(35), False)],
    )
    inv3 = b.invoice(
        "1003",
        cool,
        day + timedelta(days=5),
        [
            (*pump, "Fountain pump", D(2), D(115.25), True),
            (*design, "Installation", D(3), D(75), False),
        ],
        class_ref=("5000000000000021", "Landscaping:Irrigation"),
        department=("3", "Half Moon Bay:Harbor Office"),
    )
    inv4 = b.invoice(
        "1004", diego, day + timedelta(days=8), [(*garden, "Hedge trimming", D(2), D(40), False)]
    )
    b.invoice(
        "1005",
        dukes,
        day + timedelta(days=10),
        [
            (*garden, "Court-side planting", D(8), D(35), False),
            (*rocks, "Gravel", D(20), D(4.5), True),
        ],
        discount_percent=D(10),
    )
    b.invoice(
        "1006",
        freeman,
        day + timedelta(days=13),
        [
            (*design, "Landscape plan", D(1), D(300), False),
            (*pump, "Pond pump", D(1), D(180), True),
        ],
        group=("19", "Pond kit"),
    )
    inv7 = b.invoice(
        "1007",
        geeta,
        day + timedelta(days=16),
        [(*garden, "Spring clean-up", D(6), D(35), False)],
        description_line="Work done on Saturday, March 1",
        terms_days=10,
    )
    b.invoice(
        "1008",
        maple,
        day + timedelta(days=20),
        [(*design, "Rooftop garden design", D(10), D(90), False)],
        currency="CAD",
        exchange_rate=D("0.7412"),
    )
    inv9 = b.invoice(
        "1009", geeta, day + timedelta(days=24), [(*rocks, "River rocks", D(15), D(12), True)]
    )
    b.invoice(
        "1010",
        amy,
        day + timedelta(days=30),
        [(*garden, "Bird-friendly hedges", D(12), D(35), False)],
    )
    b.invoice(
        "1011", bills_ws, day + timedelta(days=35), [(*pump, "Spare pump", D(1), D(115.25), True)]
    )
    b.invoice(
        "1012", cool, day + timedelta(days=41), [(*design, "Follow-up visit", D(1.5), D(75), False)]
    )

    b.payment(bills_ws, day + timedelta(days=12), [(inv2, D(175))], reference="4021")
    b.payment(cool, day + timedelta(days=15), [(inv3, D(200))], reference="1118")
    b.payment(amy, day + timedelta(days=18), [], unapplied=D(50), reference="CASH")
    b.payment(
        geeta, day + timedelta(days=45), [(inv7, D(210)), (inv9, D("194.40"))], reference="5530"
    )
    voided_payment = b.payment(diego, day + timedelta(days=22), [(inv4, D(80))], reference="77")
    # The payment is voided first (its money goes back on the invoice), then the invoice.
    inv4["Balance"] = inv4["TotalAmt"]
    inv4["LinkedTxn"] = []
    void(voided_payment)
    voided_payment["MetaData"]["LastUpdatedTime"] = b.meta()["LastUpdatedTime"]
    voided_payment["SyncToken"] = "1"
    void(inv4)
    inv4["MetaData"]["LastUpdatedTime"] = b.meta()["LastUpdatedTime"]
    inv4["SyncToken"] = "2"
    del inv1  # stays open

    bill1 = b.bill(
        None,
        insurance,
        day + timedelta(days=2),
        expenses=[("11", "Insurance", "Liability insurance, Q1", D("241.23"))],
        note="Policy 88-1202",
    )
    bill2 = b.bill(
        "NL-7731",
        lumber,
        day + timedelta(days=4),
        items=[
            (*pump, "Pumps for stock", D(3), D(74)),
            ("12", "Lumber", "Cedar boards", D(40), D(3.25)),
        ],
    )
    bill3 = b.bill(
        "PGE-0125",
        pge,
        day + timedelta(days=9),
        expenses=[("24", "Utilities:Gas and Electric", "January", D("114.09"))],
    )
    b.bill(
        "RA-202",
        robertson,
        day + timedelta(days=14),
        expenses=[("12", "Legal & Professional Fees:Accounting", "Bookkeeping", D(315))],
        class_ref=("5000000000000019", "Landscaping"),
        department=("1", "Bayshore"),
    )
    bill5 = b.bill(
        "TN-88",
        tania,
        day + timedelta(days=19),
        items=[("13", "Plants", "Lavender", D(24), D(4.5))],
    )
    b.bill(
        "TN-91", tania, day + timedelta(days=33), items=[("13", "Plants", "Boxwood", D(10), D(8))]
    )
    b.bill_payment(lumber, day + timedelta(days=20), [(bill2, D(352))], number="6001")
    b.bill_payment(pge, day + timedelta(days=25), [(bill3, D(60))], number="6002")
    b.bill_payment(tania, day + timedelta(days=27), [(bill5, D(108))], card=True)
    del bill1
    b.finish()
    return b


def _uk_books() -> Books:
    b = Books(BY_KEY["uk"], datetime(2025, 2, 3, 9, 0, tzinfo=UTC))
    hale = b.customer(
        "Hale & Sons Joinery",
        email="accounts@hale.example",
        phone="020 7946 0011",
        address=("14 Wharf Road", "London", "Greater London", "N1 7GR"),
    )
    mira = b.customer("Mira Patel", given="Mira", family="Patel", email="mira@patel.example")
    oakley = b.customer(
        "Oakley Boutique Hotel",
        email="ops@oakley.example",
        address=("3 Castle Street", "Edinburgh", "Scotland", "EH2 3AH"),
    )
    b.customer("Former Client Ltd", active=False)
    fabric = b.vendor("Loom & Weave Fabrics", email="orders@loom.example", account_number="LW-3301")
    b.vendor("Northern Power", phone="0800 555 0199")

    day = date(2025, 2, 3)
    consult, curtains = ("1", "Design consultation"), ("2", "Made-to-measure curtains")
    inv1 = b.invoice("BO-0001", hale, day, [(*consult, "Showroom design", D(6), D(85), True)])
    b.invoice(
        "BO-0002",
        mira,
        day + timedelta(days=4),
        [(*curtains, "Linen curtains", D(2), D(240), True)],
    )
    inv3 = b.invoice(
        "BO-0003",
        oakley,
        day + timedelta(days=9),
        [
            (*consult, "Lobby refit design", D(12), D(85), True),
            (*curtains, "Blackout curtains", D(8), D(180), True),
        ],
    )
    b.invoice(
        "BO-0004", hale, day + timedelta(days=15), [(*consult, "Follow-up", D(1), D(85), True)]
    )
    b.payment(hale, day + timedelta(days=14), [(inv1, D(612))], reference="BACS-1")
    b.payment(oakley, day + timedelta(days=20), [(inv3, D(1000))], reference="BACS-2")
    bill1 = b.bill(
        "LW-501",
        fabric,
        day + timedelta(days=5),
        items=[("5", "Linen", "Linen, 20m", D(20), D(18.5))],
    )
    b.bill_payment(fabric, day + timedelta(days=21), [(bill1, D(370))], number="BP-1")
    b.finish()
    return b


def bulk_invoices(store: Store, c: Company, count: int) -> None:
    """``count`` more one-line invoices (after the demo ones), oldest timestamps first."""
    customers = [d for d in store.docs(c.realm, "Customer") if d.get("Active", True)]
    if not customers or count <= 0:
        return
    first = int(store.next_id(c.realm, "Invoice"))
    start = datetime(2024, 6, 1, tzinfo=UTC)
    docs = []
    for n in range(count):
        cust = customers[n % len(customers)]
        amount = D(100 + (n % 97))
        when = stamp(start + timedelta(minutes=n), c.tz)
        txn = (start + timedelta(minutes=n)).date()
        docs.append(
            {
                "Id": str(first + n),
                "SyncToken": "0",
                "MetaData": {"CreateTime": when, "LastUpdatedTime": when},
                "DocNumber": f"B{first + n:06d}",
                "TxnDate": txn.isoformat(),
                "DueDate": (txn + timedelta(days=30)).isoformat(),
                "CurrencyRef": cust["CurrencyRef"],
                "LinkedTxn": [],
                "Line": [
                    {
                        "Id": "1",
                        "LineNum": 1,
                        "Description": "Bulk service",
                        "Amount": money(amount),
                        "DetailType": "SalesItemLineDetail",
                        "SalesItemLineDetail": {
                            "ItemRef": ref("1", "Services"),
                            "UnitPrice": money(amount),
                            "Qty": 1,
                            # US: Intuit's NON; UK: the company's "No VAT" code.
                            "TaxCodeRef": ref("NON" if c.country == "US" else "7"),
                        },
                    },
                    {
                        "Amount": money(amount),
                        "DetailType": "SubTotalLineDetail",
                        "SubTotalLineDetail": {},
                    },
                ],
                "TxnTaxDetail": {"TotalTax": 0},
                "CustomerRef": ref(cust["Id"], cust["DisplayName"]),
                "TotalAmt": money(amount),
                "Balance": money(amount),
                "domain": "QBO",
                "sparse": False,
            }
        )
    store.put_many(c.realm, "Invoice", docs)


def reset_and_seed(
    store: Store,
    *,
    invoices: int = 0,
    realm: str = "us",
    documents: dict[str, int] | None = None,
) -> None:
    """Clean demo books for every company (+ bulk invoices, and ``documents``: bulk counts of
    the other documents, see bulk_documents.KINDS), the demo app, no tokens."""
    store.wipe()
    from .fleet import forget

    forget()
    for books in (_us_books(), _uk_books()):
        for entity, docs in books.docs.items():
            store.put_many(books.company.realm, entity, docs)
    from .banking import seed as seed_banking
    from .catalog import items  # late: these build on this module's helpers
    from .credits import seed_credits
    from .purchase_orders import seed as seed_purchase_orders
    from .reference import REFERENCE_LISTS, ledger_balances
    from .seed_cases import seed_cases

    for c in COMPANIES:
        store.put_many(c.realm, "Item", items(c))
        from .seed_journals import journal_entries

        vendor = min(store.docs(c.realm, "Vendor"), key=lambda v: int(v["Id"]))
        store.put_many(c.realm, "JournalEntry", journal_entries(c, str(vendor["Id"])))
        for entity, build in REFERENCE_LISTS.items():
            store.put_many(c.realm, entity, build(c))
        seed_credits(store, c)
        seed_purchase_orders(store, c)
        seed_banking(store, c)
        seed_cases(store, c)
        ledger_balances(store, c)  # A/R and A/P as the ledger holds them, every document in
    from .attachments import seed_files

    for c in COMPANIES:
        seed_files(store, c.realm, c.tz, datetime(2025, 3, 1, 12, 0, tzinfo=UTC))
    target = company(realm) or BY_KEY["us"]
    if invoices:
        bulk_invoices(store, target, invoices)
    if documents and any(documents.values()):
        from .bulk_documents import bulk_documents

        bulk_documents(store, target, documents)
    register_app(store, DEMO_APP)


def register_app(store: Store, app: dict[str, Any]) -> dict[str, Any]:
    import json

    with store.lock:
        store.db.execute(
            "INSERT OR REPLACE INTO apps (client_id, client_secret, name, redirect_uris)"
            " VALUES (?, ?, ?, ?)",
            (
                app["client_id"],
                app["client_secret"],
                app.get("name") or app["client_id"],
                json.dumps(list(app.get("redirect_uris") or [])),
            ),
        )
        if any(k in app for k in WEBHOOK_FIELDS):
            current = store.db.execute(
                "SELECT url, verifier_token, format FROM webhooks WHERE client_id = ?",
                (app["client_id"],),
            ).fetchone()
            url, token, fmt = current if current else (None, "", "classic")
            fmt = app.get("webhook_format", fmt) or "classic"
            if fmt not in ("classic", "cloudevents"):
                raise ValueError("webhook_format must be classic or cloudevents")
            store.db.execute(
                "INSERT OR REPLACE INTO webhooks (client_id, url, verifier_token, format)"
                " VALUES (?, ?, ?, ?)",
                (
                    app["client_id"],
                    app.get("webhook_url", url) or None,
                    app.get("webhook_verifier_token", token) or "",
                    fmt,
                ),
            )
    return app


#: An app's webhook settings (sandbox/quickbooks/webhooks.py).
WEBHOOK_FIELDS = ("webhook_url", "webhook_verifier_token", "webhook_format")
