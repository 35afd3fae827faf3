"""Deterministic demo data: three organisations with every kind of record, plus bulk data."""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from . import orgdata
from . import resources as R
from .clock import Clock
from .domain import catalog, contacts, payments, transactions
from .ids import seeded, stable
from .ledger import Ledger
from .money import money
from .records import row_tuple
from .seed_bank import seed_bank
from .seed_bulk_documents import seed_bulk_documents
from .seed_credits import credit_note_statuses
from .seed_journals import deleted_manual_journal, seed_manual_journals
from .seed_purchase_orders import seed_purchase_orders
from .store import Store
from .xdates import day_fields, ms_date

SEED_EPOCH = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


class SeedClock(Clock):
    """A clock that ticks one second per reading, from a fixed instant."""

    def __init__(self, start: datetime = SEED_EPOCH) -> None:
        super().__init__()
        self._t = start.timestamp()

    def time(self) -> float:
        self._t += 1.0
        return self._t


def reset_and_seed(
    store: Store,
    invoices: int = 0,
    contacts_n: int = 0,
    payments_n: int = 0,
    tenant: str = "uk",
    documents: Mapping[str, int] | None = None,
) -> dict:
    """Wipe the books (apps are kept) and load the demo organisations (+ optional bulk data:
    contacts, invoices and payments; ``documents``, counts of the other documents by kind,
    see ``seed_bulk_documents.KINDS``)."""
    store.reset(keep_apps=True)
    from . import fleet

    fleet.FLEET.clear()
    for org in orgdata.ORGS:
        seed_org(store, org)
    bulk: dict = {}
    if invoices or contacts_n or payments_n:
        bulk = seed_bulk(store, tenant, invoices, contacts_n, payments_n)
    if documents and any(documents.values()):
        tenant_ids = list(orgdata.TENANTS.values()) if tenant == "all" else [resolve_tenant(tenant)]
        for tenant_id in tenant_ids:
            bulk["documents"] = seed_bulk_documents(store, tenant_id, documents)
    return {"tenants": list(orgdata.TENANTS.values()), "bulk": bulk}


def seed_org(store: Store, org: dict) -> None:
    tenant_id = orgdata.TENANTS[org["key"]]
    country = orgdata.COUNTRIES[org["version"]]
    ledger = Ledger(store, SeedClock(), tenant_id)
    with store.write(), seeded(f"seed:{org['key']}"):
        _reference_data(ledger, org, country)
        _demo_books(ledger, org, country)
        seed_purchase_orders(ledger, country)
        seed_manual_journals(ledger, country)
        seed_bank(ledger, org, country)
        # Last, so every other record keeps its id, number and timestamps.
        credit_note_statuses(ledger, date(2024, 3, 20))
        deleted_manual_journal(ledger)
    store.set_sequence(tenant_id, "INV-", 100)
    store.set_sequence(tenant_id, "CN-", 100)
    store.set_sequence(tenant_id, "PO-", 100)
    from .api.attachments import seed_demo_attachments

    seed_demo_attachments(store, tenant_id, int(SeedClock().time() * 1000))


def _reference_data(ledger: Ledger, org: dict, country: dict) -> None:
    ms = ledger.now_ms()
    ledger.save(R.ORGANISATION, _organisation(org, ledger.tenant_id, ms), created=True)
    for code in country["currencies"]:
        ledger.save(
            R.CURRENCIES, {"Code": code, "Description": orgdata.CURRENCY_NAMES[code]}, created=True
        )
    for tax_type, name, percent, report, revenue, expenses in country["tax_rates"]:
        rate = Decimal(percent)
        ledger.save(
            R.TAX_RATES,
            {
                "Name": name,
                "TaxType": tax_type,
                "ReportTaxType": report,
                "CanApplyToAssets": expenses,
                "CanApplyToEquity": expenses,
                "CanApplyToExpenses": expenses,
                "CanApplyToLiabilities": expenses,
                "CanApplyToRevenue": revenue,
                "DisplayTaxRate": rate,
                "EffectiveRate": rate,
                "Status": "ACTIVE",
                "TaxComponents": [
                    {"Name": name, "Rate": rate, "IsCompound": False, "IsNonRecoverable": False}
                ],
            },
            created=True,
        )
    _tracking_categories(ledger, ms)
    for code, name, acc_type, klass, tax, extra in orgdata.ACCOUNTS:
        tax_type = {"sales": country["sales_tax"], "purchase": country["purchase_tax"]}.get(
            tax, "NONE"
        )
        doc = {
            "AccountID": stable(ledger.tenant_id, "account", code),
            "Code": code,
            "Name": name,
            "Status": "ACTIVE",
            "Type": acc_type,
            "TaxType": tax_type,
            "Class": klass,
            "EnablePaymentsToAccount": False,
            "ShowInExpenseClaims": acc_type in ("OVERHEADS",),
            "ReportingCode": klass[:3],
            "ReportingCodeName": klass.title(),
            "HasAttachments": False,
            "AddToWatchlist": False,
        }
        doc.update(extra)
        if acc_type == "BANK":
            doc["CurrencyCode"] = org["currency"]
        ledger.save(R.ACCOUNTS, doc, created=True)
    for code, name, description, sale, purchase in orgdata.ITEMS:
        catalog.upsert_item(
            ledger,
            {
                "Code": code,
                "Name": name,
                "Description": description,
                "PurchaseDescription": description,
                "SalesDetails": {
                    "UnitPrice": Decimal(sale),
                    "AccountCode": "200",
                    "TaxType": country["sales_tax"],
                },
                "PurchaseDetails": {
                    "UnitPrice": Decimal(purchase),
                    "AccountCode": "310",
                    "TaxType": country["purchase_tax"],
                },
            },
            None,
        )


def _tracking_categories(ledger: Ledger, ms: int) -> None:
    """Stored at the organisation's own instant (they carry no UpdatedDateUTC), so seeding them
    does not shift the clock of everything seeded after."""
    for name, status, options in orgdata.TRACKING_CATEGORIES:
        category_id = stable(ledger.tenant_id, "tracking", name)
        doc = {
            "TrackingCategoryID": category_id,
            "Name": name,
            "Status": status,
            "Options": [
                {
                    "TrackingOptionID": stable(category_id, "option", option),
                    "Name": option,
                    "Status": option_status,
                }
                for option, option_status in options
            ],
        }
        ledger.records.save(R.TRACKING_CATEGORIES, doc, ms)
    ledger.__dict__.pop("tracking_categories", None)


def _organisation(org: dict, tenant_id: str, ms: int) -> dict:
    fy_month = {"UK": 3, "US": 12, "AU": 6}[org["version"]]
    return {
        "OrganisationID": tenant_id,
        "APIKey": org["short"].upper().strip("!"),
        "Name": org["name"],
        "LegalName": org["name"],
        "PaysTax": True,
        "Version": org["version"],
        "OrganisationType": "COMPANY",
        "BaseCurrency": org["currency"],
        "CountryCode": org["country"],
        "IsDemoCompany": True,
        "OrganisationStatus": "ACTIVE",
        "TaxNumber": {"UK": "GB 123 4567 89", "US": "12-3456789", "AU": "12 345 678 901"}[
            org["version"]
        ],
        "FinancialYearEndDay": 31 if fy_month != 6 else 30,
        "FinancialYearEndMonth": fy_month,
        "SalesTaxBasis": "ACCRUAL" if org["version"] != "UK" else "INVOICE",
        "SalesTaxPeriod": "QUARTERLY",
        "DefaultSalesTax": "Tax Exclusive",
        "DefaultPurchasesTax": "Tax Exclusive",
        "CreatedDateUTC": ms_date(ms),
        "OrganisationEntityType": "COMPANY",
        "Timezone": org["timezone"],
        "ShortCode": org["short"],
        "Edition": "BUSINESS",
        "Class": "DEMO",
        "LineOfBusiness": "Consulting",
        "Addresses": [
            {
                "AddressType": "STREET",
                "AddressLine1": "23 Main Street",
                "City": "Central City",
                "PostalCode": "12345",
                "Country": org["country"],
            }
        ],
        "Phones": [{"PhoneType": "OFFICE", "PhoneNumber": "555-0100"}],
        "ExternalLinks": [],
        "PaymentTerms": {
            "Bills": {"Day": 20, "Type": "OFFOLLOWINGMONTH"},
            "Sales": {"Day": 14, "Type": "DAYSAFTERBILLDATE"},
        },
    }


_CONTACTS = (
    ("Boom FM", "customer", "ap@boomfm.example"),
    ("City Agency", "customer", "accounts@cityagency.example"),
    ("Marine Systems", "customer", "finance@marinesystems.example"),
    ("Bayside Club", "customer", "secretary@baysideclub.example"),
    ("Ridgeway University", "customer", "payables@ridgeway.example"),
    ("PowerDirect", "supplier", "billing@powerdirect.example"),
    ("Hoyt Productions", "supplier", "ar@hoyt.example"),
    ("SMART Agency", "supplier", "invoices@smart.example"),
    ("Young Bros Transport", "supplier", "office@youngbros.example"),
    ("Archived Trading Co", "customer", "old@archived.example"),
)


def _contact_payload(name: str, email: str, index: int, country: str) -> dict:
    first, _, last = name.partition(" ")
    return {
        "Name": name,
        "ContactNumber": f"C{index:04d}",
        "AccountNumber": f"AC-{index:04d}",
        "FirstName": first,
        "LastName": last or "Contact",
        "EmailAddress": email,
        "TaxNumber": f"TX{index:06d}",
        "Addresses": [
            {
                "AddressType": "POBOX",
                "AddressLine1": f"P O Box {100 + index}",
                "City": "Ridge Heights",
                "Region": "North",
                "PostalCode": f"{4000 + index}",
                "Country": country,
            },
            {
                "AddressType": "STREET",
                "AddressLine1": f"{index} Harbour Road",
                "City": "Ridge Heights",
                "Region": "North",
                "PostalCode": f"{4000 + index}",
                "Country": country,
            },
        ],
        "Phones": [
            {
                "PhoneType": "DEFAULT",
                "PhoneNumber": f"555-{1000 + index}",
                "PhoneAreaCode": "02",
                "PhoneCountryCode": "1",
            },
            {
                "PhoneType": "MOBILE",
                "PhoneNumber": f"555-{2000 + index}",
                "PhoneAreaCode": "",
                "PhoneCountryCode": "1",
            },
            {"PhoneType": "FAX", "PhoneNumber": "", "PhoneAreaCode": "", "PhoneCountryCode": ""},
            {"PhoneType": "DDI", "PhoneNumber": "", "PhoneAreaCode": "", "PhoneCountryCode": ""},
        ],
    }


def _track(category: str, option: str) -> dict:
    """A line's tracking as clients usually send it: names only (Xero fills in the ids)."""
    return {"Name": category, "Option": option}


def _demo_books(ledger: Ledger, org: dict, country: dict) -> None:
    people = {}
    for index, (name, _role, email) in enumerate(_CONTACTS, start=1):
        contact = contacts.upsert_contact(
            ledger, _contact_payload(name, email, index, org["country"]), None
        )
        people[name] = contact
    foreign = country["currencies"][1]
    d = date(2024, 1, 8)

    def inv(kind, status, contact, lines, lat="Exclusive", days=0, currency=None, **extra):
        payload = {
            "Type": kind,
            "Status": status,
            "Contact": {"ContactID": people[contact]["ContactID"]},
            "Date": (d + timedelta(days=days)).isoformat(),
            "DueDate": (d + timedelta(days=days + 30)).isoformat(),
            "LineAmountTypes": lat,
            "LineItems": lines,
            **extra,
        }
        if currency:
            payload["CurrencyCode"] = currency
        tx = transactions.CREDIT_NOTE if kind.endswith("CREDIT") else transactions.INVOICE
        if tx is transactions.CREDIT_NOTE:
            payload.pop("DueDate")
        return transactions.upsert(ledger, tx, payload, None)

    def line(desc, q, u, account="200", **extra):
        return {
            "Description": desc,
            "Quantity": Decimal(q),
            "UnitAmount": Decimal(u),
            "AccountCode": account,
            **extra,
        }

    def pay(doc, amount, days, key="Invoice"):
        ref = {
            f"{'Invoice' if key == 'Invoice' else 'CreditNote'}ID": doc[
                "InvoiceID" if key == "Invoice" else "CreditNoteID"
            ]
        }
        return payments.create_payment(
            ledger,
            {
                key: ref,
                "Account": {"Code": "090"},
                "Amount": money(Decimal(amount)),
                "Date": (d + timedelta(days=days)).isoformat(),
                "Reference": "Demo payment",
            },
        )

    inv(
        "ACCREC",
        "DRAFT",
        "Boom FM",
        [
            line("Radio advertising spots", "10", "45.00", Tracking=[_track("Region", "North")]),
            line("Production fee", "1", "250.00"),
        ],
        Reference="Spring campaign",
    )
    inv(
        "ACCREC",
        "SUBMITTED",
        "City Agency",
        [line("Consulting (tax inclusive)", "8", "120.00")],
        lat="Inclusive",
        days=3,
        Reference="PO-7731",
    )
    inv(
        "ACCREC",
        "AUTHORISED",
        "Marine Systems",
        [
            line(
                "Annual support",
                "1",
                "1200.00",
                DiscountRate=Decimal("10"),
                Tracking=[_track("Region", "South"), _track("Department", "Sales")],
            ),
            line("Site visit", "2", "180.00"),
        ],
        days=6,
    )
    partial = inv(
        "ACCREC",
        "AUTHORISED",
        "Bayside Club",
        [line("Event hosting", "1", "800.00"), {"ItemCode": "BOOK", "Quantity": Decimal(4)}],
        days=9,
    )
    pay(partial, partial["Total"] / 2, 20)
    paid = inv(
        "ACCREC",
        "AUTHORISED",
        "Ridgeway University",
        [line("Training workshop", "3", "600.00")],
        days=12,
        SentToContact=True,
    )
    pay(paid, paid["Total"], 25)
    voided = inv(
        "ACCREC", "AUTHORISED", "Boom FM", [line("Cancelled order", "1", "99.00")], days=15
    )
    transactions.upsert(ledger, transactions.INVOICE, {"Status": "VOIDED"}, voided)
    deleted = inv("ACCREC", "DRAFT", "City Agency", [line("Mistaken draft", "1", "10.00")], days=16)
    transactions.upsert(ledger, transactions.INVOICE, {"Status": "DELETED"}, deleted)
    inv(
        "ACCREC",
        "AUTHORISED",
        "Marine Systems",
        [line("Export consulting", "5", "310.00")],
        days=18,
        currency=foreign,
    )
    inv(
        "ACCREC",
        "AUTHORISED",
        "Bayside Club",
        [
            {"ItemCode": "GB1-White", "Quantity": Decimal(20)},
            {"ItemCode": "PAPER", "Quantity": Decimal(3)},
        ],
        lat="NoTax",
        days=21,
    )
    credited = inv(
        "ACCREC",
        "AUTHORISED",
        "Ridgeway University",
        [line("Course materials", "40", "19.95")],
        days=24,
    )
    inv(
        "ACCPAY",
        "DRAFT",
        "PowerDirect",
        [line("Electricity", "1", "245.80", account="429")],
        days=2,
    )
    inv(
        "ACCPAY",
        "AUTHORISED",
        "Hoyt Productions",
        [line("Video production", "1", "1500.00", account="400")],
        days=5,
        InvoiceNumber="HP-2044",
    )
    bill = inv(
        "ACCPAY",
        "AUTHORISED",
        "SMART Agency",
        [
            line(
                "Design retainer",
                "1",
                "900.00",
                account="400",
                Tracking=[_track("Department", "Marketing")],
            ),
            line("Printing", "500", "0.35", account="461"),
        ],
        days=7,
        InvoiceNumber="SA-0912",
    )
    pay(bill, bill["Total"], 30)
    fx_bill = inv(
        "ACCPAY",
        "AUTHORISED",
        "Young Bros Transport",
        [line("Freight", "12", "85.00", account="310")],
        days=11,
        currency=foreign,
        InvoiceNumber="YB-77",
    )
    pay(fx_bill, Decimal(300), 33)
    void_bill = inv(
        "ACCPAY",
        "AUTHORISED",
        "PowerDirect",
        [line("Duplicate bill", "1", "120.00", account="429")],
        days=13,
        InvoiceNumber="PD-DUP",
    )
    transactions.upsert(ledger, transactions.INVOICE, {"Status": "VOIDED"}, void_bill)

    cn = inv(
        "ACCRECCREDIT",
        "AUTHORISED",
        "Ridgeway University",
        [line("Returned materials", "10", "19.95")],
        days=26,
    )
    payments.allocate_credit(
        ledger,
        cn,
        {
            "Allocations": [
                {
                    "Invoice": {"InvoiceID": credited["InvoiceID"]},
                    "Amount": cn["Total"] / 2,
                    "Date": (d + timedelta(days=27)).isoformat(),
                }
            ]
        },
    )
    inv(
        "ACCPAYCREDIT",
        "DRAFT",
        "Hoyt Productions",
        [line("Overcharge refund", "1", "75.00", account="400")],
        days=8,
    )
    refund = inv(
        "ACCRECCREDIT", "AUTHORISED", "Boom FM", [line("Goodwill credit", "1", "50.00")], days=28
    )
    pay(refund, refund["Total"], 35, key="CreditNote")
    void_cn = inv(
        "ACCRECCREDIT",
        "AUTHORISED",
        "Marine Systems",
        [line("Credit raised in error", "1", "20.00")],
        days=29,
    )
    transactions.upsert(ledger, transactions.CREDIT_NOTE, {"Status": "VOIDED"}, void_cn)
    archived = people["Archived Trading Co"]
    contacts.upsert_contact(
        ledger, {"ContactStatus": "ARCHIVED"}, ledger.records.get(R.CONTACTS, archived["ContactID"])
    )
    _tracked_inventory(ledger, country)
    from .seed_credits import foreign_credit_note  # last: the rest keeps its ids and times

    foreign_credit_note(ledger, people["Marine Systems"]["ContactID"], foreign, d + timedelta(40))


def _tracked_inventory(ledger: Ledger, country: dict) -> None:
    """An inventory asset account and one item tracked against it (seeded last, so the
    timestamps of everything above stay as they were)."""
    catalog.upsert_account(
        ledger,
        {"Code": "630", "Name": "Inventory", "Type": "INVENTORY", "Description": "Stock on hand"},
        None,
    )
    catalog.upsert_item(
        ledger,
        {
            "Code": "WIDGET-B",
            "Name": "Widget (boxed)",
            "Description": "Boxed widget",
            "PurchaseDescription": "Boxed widget from supplier",
            "InventoryAssetAccountCode": "630",
            "SalesDetails": {
                "UnitPrice": Decimal("24.00"),
                "AccountCode": "200",
                "TaxType": country["sales_tax"],
            },
            "PurchaseDetails": {
                "UnitPrice": Decimal("11.50"),
                "COGSAccountCode": "310",
                "TaxType": country["purchase_tax"],
            },
        },
        None,
    )


# -- bulk ------------------------------------------------------------------------------


def seed_bulk(store: Store, tenant: str, invoices: int, contacts_n: int, payments_n: int) -> dict:
    """Fast bulk load of synthetic contacts, invoices (3 lines each) and payments."""
    started = time.perf_counter()
    tenant_ids = list(orgdata.TENANTS.values()) if tenant == "all" else [resolve_tenant(tenant)]
    for tenant_id in tenant_ids:
        _bulk_tenant(store, tenant_id, invoices, contacts_n, payments_n)
    return {
        "tenants": tenant_ids,
        "invoices": invoices,
        "contacts": contacts_n,
        "payments": payments_n,
        "seconds": round(time.perf_counter() - started, 3),
    }


def resolve_tenant(value: str) -> str:
    """Accept a tenant key (uk/us/au), an organisation name or a TenantID."""
    if value in orgdata.TENANTS:
        return orgdata.TENANTS[value]
    for org in orgdata.ORGS:
        if value.lower() == org["name"].lower():
            return orgdata.TENANTS[org["key"]]
    if value.lower() in orgdata.TENANTS.values():
        return value.lower()
    from . import fleet

    if (found := fleet.tenant_of(value)) is not None:
        return found
    raise ValueError(f"unknown tenant {value!r}")


_STATUS_WEIGHTS = (
    ("DRAFT", 10),
    ("SUBMITTED", 5),
    ("AUTHORISED", 70),
    ("VOIDED", 8),
    ("DELETED", 7),
)


def _bulk_tenant(
    store: Store, tenant_id: str, n_invoices: int, n_contacts: int, n_payments: int
) -> None:
    ledger = Ledger(store, Clock(), tenant_id)
    org = ledger.org
    country = orgdata.COUNTRIES[org["Version"]]
    rng = random.Random(f"bulk:{tenant_id}")
    base_ms = int(datetime(2025, 2, 1, tzinfo=UTC).timestamp() * 1000)
    contact_rows, refs = [], []
    for i in range(n_contacts):
        supplier = i % 4 == 3
        cid = stable(tenant_id, "bulk-contact", i)
        name = f"{'Supplier' if supplier else 'Customer'} {i + 1:06d}"
        doc = {
            "ContactID": cid,
            "ContactNumber": f"B{i + 1:06d}",
            "ContactStatus": "ARCHIVED" if i % 50 == 49 else "ACTIVE",
            "Name": name,
            "EmailAddress": f"contact{i + 1}@bulk.example",
            "Addresses": [
                {
                    "AddressType": "STREET",
                    "AddressLine1": f"{i + 1} Bulk Lane",
                    "City": "Volume City",
                    "PostalCode": f"{10000 + i % 90000}",
                    "Country": org["CountryCode"],
                }
            ],
            "Phones": [{"PhoneType": "DEFAULT", "PhoneNumber": f"555-{i % 10000:04d}"}],
            "UpdatedDateUTC": ms_date(base_ms + i),
            "ContactGroups": [],
            "IsSupplier": supplier,
            "IsCustomer": not supplier,
            "ContactPersons": [],
            "HasAttachments": False,
            "HasValidationErrors": False,
        }
        contact_rows.append(row_tuple(R.CONTACTS, tenant_id, doc, base_ms + i))
        if doc["ContactStatus"] == "ACTIVE":
            refs.append((cid, name, supplier))
    store.bulk_insert(contact_rows)
    if not refs:
        refs = [
            (d["ContactID"], d["Name"], bool(d.get("IsSupplier")))
            for d in ledger.records.all_docs(R.CONTACTS)
            if d["ContactStatus"] == "ACTIVE"
        ]
    customers = [r for r in refs if not r[2]] or refs
    suppliers = [r for r in refs if r[2]] or refs
    statuses = [s for s, w in _STATUS_WEIGHTS for _ in range(w)]
    sales_tax, purchase_tax = country["sales_tax"], country["purchase_tax"]
    sales_pct = ledger.tax_percent(sales_tax) or Decimal(0)
    purchase_pct = ledger.tax_percent(purchase_tax) or Decimal(0)
    accounts = ledger.accounts
    bank = accounts["090"]
    currency = org["BaseCurrency"]
    start_seq = store.next_sequence(tenant_id, "INV-")
    store.set_sequence(tenant_id, "INV-", start_seq + n_invoices)
    inv_ms = base_ms + n_contacts + 1000
    rows, payable = [], []
    hundred = Decimal(100)
    day0 = date(2024, 1, 1)
    for i in range(n_invoices):
        sales = rng.random() < 0.75
        cid, cname, _ = rng.choice(customers if sales else suppliers)
        status = rng.choice(statuses)
        lat = "Exclusive" if i % 5 else "Inclusive"
        pct = sales_pct if sales else purchase_pct
        tax_type = sales_tax if sales else purchase_tax
        account = "200" if sales else "429"
        lines, sub, tax = [], Decimal(0), Decimal(0)
        for j in range(3):
            q = Decimal(rng.randint(1, 20))
            u = Decimal(rng.randint(500, 50000)) / hundred
            amount = money(q * u)
            line_tax = (
                money(amount * pct / (hundred + pct))
                if lat == "Inclusive"
                else money(amount * pct / hundred)
            )
            sub += amount
            tax += line_tax
            lines.append(
                {
                    "LineItemID": stable(tenant_id, "bulk-line", i, j),
                    "Description": f"Service line {j + 1}",
                    "Quantity": q.quantize(Decimal("0.0001")),
                    "UnitAmount": u,
                    "AccountCode": account,
                    "AccountID": accounts[account]["AccountID"],
                    "TaxType": tax_type,
                    "TaxAmount": line_tax,
                    "LineAmount": amount,
                    "Tracking": [],
                }
            )
        total = sub if lat == "Inclusive" else sub + tax
        sub_total = sub - tax if lat == "Inclusive" else sub
        issued = day0 + timedelta(days=i % 700)
        ms = inv_ms + i
        doc = {
            "Type": "ACCREC" if sales else "ACCPAY",
            "InvoiceID": stable(tenant_id, "bulk-invoice", i),
            "InvoiceNumber": f"INV-{start_seq + i:06d}" if sales else f"BILL-{i + 1:06d}",
            "Reference": f"Bulk {i + 1}",
            "Payments": [],
            "CreditNotes": [],
            "Prepayments": [],
            "Overpayments": [],
            "AmountDue": total if status not in ("VOIDED", "DELETED") else Decimal("0.00"),
            "AmountPaid": Decimal("0.00"),
            "AmountCredited": Decimal("0.00"),
            "SentToContact": False,
            "CurrencyRate": Decimal("1.000000"),
            "IsDiscounted": False,
            "HasAttachments": False,
            "HasErrors": False,
            "Contact": {
                "ContactID": cid,
                "Name": cname,
                "Addresses": [],
                "Phones": [],
                "ContactGroups": [],
                "ContactPersons": [],
                "HasValidationErrors": False,
            },
            **day_fields("Date", issued),
            **day_fields("DueDate", issued + timedelta(days=30)),
            "Status": status,
            "LineAmountTypes": lat,
            "LineItems": lines,
            "SubTotal": sub_total,
            "TotalTax": tax,
            "Total": total,
            "UpdatedDateUTC": ms_date(ms),
            "UpdatedDateUTCString": datetime.fromtimestamp(ms / 1000, tz=UTC).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            "CurrencyCode": currency,
        }
        if status == "AUTHORISED" and len(payable) < n_payments:
            payable.append(doc)
        else:
            rows.append(row_tuple(R.INVOICES, tenant_id, doc, ms))
        if len(rows) >= 20000:
            store.bulk_insert(rows)
            rows = []
    pay_rows = []
    pay_ms = inv_ms + n_invoices + 1000
    for k, doc in enumerate(payable):
        full = k % 2 == 0
        amount = doc["Total"] if full else money(doc["Total"] / 2)
        ms = pay_ms + k
        pay_day = date.fromisoformat(doc["DateString"][:10]) + timedelta(days=10)
        payment = {
            "PaymentID": stable(tenant_id, "bulk-payment", k),
            **day_fields("Date", pay_day),
            "BankAmount": amount,
            "Amount": amount,
            "Reference": f"Bulk payment {k + 1}",
            "CurrencyRate": Decimal("1.000000"),
            "PaymentType": "ACCRECPAYMENT" if doc["Type"] == "ACCREC" else "ACCPAYPAYMENT",
            "Status": "AUTHORISED",
            "UpdatedDateUTC": ms_date(ms),
            "UpdatedDateUTCString": datetime.fromtimestamp(ms / 1000, tz=UTC).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            "IsReconciled": False,
            "HasAccount": True,
            "HasValidationErrors": False,
            "Account": {"AccountID": bank["AccountID"], "Code": "090"},
            "Invoice": {
                "Type": doc["Type"],
                "InvoiceID": doc["InvoiceID"],
                "InvoiceNumber": doc["InvoiceNumber"],
                "Contact": {
                    "ContactID": doc["Contact"]["ContactID"],
                    "Name": doc["Contact"]["Name"],
                },
                "CurrencyCode": currency,
            },
        }
        payment.pop("DateString")
        pay_rows.append(row_tuple(R.PAYMENTS, tenant_id, payment, ms))
        doc["AmountPaid"] = amount
        doc["AmountDue"] = money(doc["Total"] - amount)
        doc["Payments"] = [
            {
                "PaymentID": payment["PaymentID"],
                "Date": payment["Date"],
                "Amount": amount,
                "Reference": payment["Reference"],
                "CurrencyRate": Decimal("1.000000"),
                "HasAccount": False,
                "HasValidationErrors": False,
            }
        ]
        if full:
            doc["Status"] = "PAID"
            doc["FullyPaidOnDate"] = payment["Date"]
        doc["UpdatedDateUTC"] = payment["UpdatedDateUTC"]
        doc["UpdatedDateUTCString"] = payment["UpdatedDateUTCString"]
        rows.append(row_tuple(R.INVOICES, tenant_id, doc, ms))
    store.bulk_insert(rows)
    store.bulk_insert(pay_rows)
