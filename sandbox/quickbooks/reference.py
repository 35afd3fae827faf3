"""Each company's reference lists: the chart of accounts (``Account``), sales tax (``TaxCode``
with its component ``TaxRate``s), ``Class`` and ``Department`` (location) hierarchies,
``CompanyInfo`` and ``Preferences``, with the ids the seeded documents' references use
(``AccountRef``, ``ItemAccountRef``, ``TaxCodeRef``, ``ClassRef``, ``DepartmentRef``).

US lines carry Intuit's codes ``TAX`` and ``NON``: as at Intuit, a US company's TaxCode list
holds them (``Id`` "TAX" / "NON", no rates: they only say whether a line is taxable, the
transaction's tax group or the automated sales tax gives the rate) beside its tax groups
(``2`` California); UK lines refer to real VAT codes (``3`` 20.0% S, ``7`` No VAT).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from .seed import CENT, Company, money, ref, stamp
from .store import Store

#: AccountType → (Classification, the AccountSubType QuickBooks picks when none is given).
ACCOUNT_TYPES: dict[str, tuple[str, str]] = {
    "Bank": ("Asset", "Checking"),
    "Accounts Receivable": ("Asset", "AccountsReceivable"),
    "Other Current Asset": ("Asset", "OtherCurrentAssets"),
    "Fixed Asset": ("Asset", "MachineryAndEquipment"),
    "Other Asset": ("Asset", "OtherLongTermAssets"),
    "Accounts Payable": ("Liability", "AccountsPayable"),
    "Credit Card": ("Liability", "CreditCard"),
    "Other Current Liability": ("Liability", "OtherCurrentLiabilities"),
    "Long Term Liability": ("Liability", "OtherLongTermLiabilities"),
    "Equity": ("Equity", "OwnersEquity"),
    "Income": ("Revenue", "ServiceFeeIncome"),
    "Other Income": ("Revenue", "OtherMiscellaneousIncome"),
    "Cost of Goods Sold": ("Expense", "SuppliesMaterialsCogs"),
    "Expense": ("Expense", "OtherMiscellaneousServiceCost"),
    "Other Expense": ("Expense", "OtherMiscellaneousExpense"),
}

#: (Id, Name, parent Id, AccountType, AccountSubType, AcctNum, balance, Active)
ACCOUNTS: list[tuple[str, str, str | None, str, str, str | None, str, bool]] = [
    ("1", "Services", None, "Income", "ServiceFeeIncome", "4000", "0", True),
    ("4", "Undeposited Funds", None, "Other Current Asset", "UndepositedFunds", None, "0", True),
    ("10", "Legal & Professional Fees", None, "Expense", "LegalProfessionalFees", None, "0", True),
    ("11", "Insurance", None, "Expense", "Insurance", "6100", "0", True),
    ("12", "Accounting", "10", "Expense", "LegalProfessionalFees", None, "0", True),
    ("23", "Utilities", None, "Expense", "Utilities", None, "0", True),
    ("24", "Gas and Electric", "23", "Expense", "Utilities", None, "0", True),
    ("33", "Accounts Payable (A/P)", None, "Accounts Payable", "AccountsPayable", None, "0", True),
    ("35", "Checking", None, "Bank", "Checking", "1000", "1201.00", True),
    ("41", "Mastercard", None, "Credit Card", "CreditCard", None, "157.72", True),
    ("80", "Cost of Goods Sold", None, "Cost of Goods Sold", "SuppliesMaterialsCogs", None, "0",
     True),
    ("81", "Inventory Asset", None, "Other Current Asset", "Inventory", None, "596.25", True),
    ("84", "Accounts Receivable (A/R)", None, "Accounts Receivable", "AccountsReceivable", None,
     "0", True),
    ("86", "Discounts given", None, "Income", "DiscountsRefundsGiven", None, "0", True),
    ("90", "Truck", None, "Fixed Asset", "Vehicles", None, "0", False),
    # Where the sales tax (VAT) of posted documents goes (sandbox/quickbooks/ledger.py).
    ("95", "Sales Tax Payable", None, "Other Current Liability", "GlobalTaxPayable", None, "0",
     True),
]  # fmt: skip


def accounts(company: Company) -> list[dict[str, Any]]:
    created = datetime(2024, 12, 20, 9, 0, tzinfo=company.tz)
    by_id = {row[0]: row for row in ACCOUNTS}
    out = []
    for n, (acc_id, name, parent, kind, sub_type, number, balance, active) in enumerate(ACCOUNTS):
        when = stamp(created + timedelta(minutes=3 * n), company.tz)
        full_name = f"{by_id[parent][1]}:{name}" if parent else name
        doc: dict[str, Any] = {
            "Name": name,
            "SubAccount": parent is not None,
            "FullyQualifiedName": full_name,
            "Active": active,
            "Classification": ACCOUNT_TYPES[kind][0],
            "AccountType": kind,
            "AccountSubType": sub_type,
            "CurrentBalance": money(Decimal(balance)),
            "CurrentBalanceWithSubAccounts": money(Decimal(balance)),
            "CurrencyRef": ref(company.currency, company.currency_name),
        }
        if parent:
            doc["ParentRef"] = ref(parent)
        if number:
            doc["AcctNum"] = number
        doc.update(_tail(acc_id, when))
        out.append(doc)
    return out


CDTFA = ("1", "California Department of Tax and Fee Administration")
ADOR = ("2", "Arizona Department of Revenue")

#: Tax rates: key → (Id, Name, RateValue, agency (Id, name), Active).
TAX_RATES: dict[str, list[tuple[str, str, str, tuple[str, str], bool]]] = {
    "us": [
        ("1", "California", "6", CDTFA, True),
        ("2", "Alameda County", "1.5", CDTFA, True),
        ("3", "Oakland City", "0.5", CDTFA, True),
        ("4", "Arizona", "5.6", ADOR, False),
    ],
    "uk": [
        ("1", "20.0% S", "20", ("1", "HMRC"), True),
        ("2", "20.0% S (Purchases)", "20", ("1", "HMRC"), True),
        ("3", "5.0% R", "5", ("1", "HMRC"), True),
        ("4", "0.0% Z", "0", ("1", "HMRC"), True),
        ("5", "No VAT", "0", ("1", "HMRC"), True),
    ],
}  # fmt: skip

#: Tax codes: key → (Id, Name, Description, sales rate ids, purchase rate ids, Active).
TAX_CODES: dict[str, list[tuple[str, str, str, list[str], list[str], bool]]] = {
    "us": [
        ("2", "California", "Oakland, Alameda County, CA", ["1", "2", "3"], [], True),
        ("5", "Arizona", "Arizona state", ["4"], [], False),
    ],
    "uk": [
        ("3", "20.0% S", "Standard rated", ["1"], ["2"], True),
        ("4", "5.0% R", "Reduced rate", ["3"], ["3"], True),
        ("6", "0.0% Z", "Zero rated", ["4"], ["4"], True),
        ("7", "No VAT", "Outside the scope of VAT", ["5"], ["5"], True),
    ],
}


def tax_rates(company: Company) -> list[dict[str, Any]]:
    created = datetime(2024, 12, 20, 8, 0, tzinfo=company.tz)
    out = []
    for n, (rate_id, name, value, agency, active) in enumerate(TAX_RATES[company.key]):
        when = stamp(created + timedelta(minutes=n), company.tz)
        doc: dict[str, Any] = {
            "Name": name,
            "Description": name,
            "Active": active,
            "RateValue": _number(value),
            "AgencyRef": ref(*agency),
            "SpecialTaxType": "ZERO_RATE" if Decimal(value) == 0 else "NONE",
            "DisplayType": "ReadOnly",
            "EffectiveTaxRate": [{"RateValue": _number(value), "EffectiveDate": "2024-01-01"}],
        }
        doc.update(_tail(rate_id, when))
        out.append(doc)
    return out


#: The two codes every US company's lines use: (Id = Name = Description, Taxable).
US_LINE_CODES = (("TAX", True), ("NON", False))


def us_taxable_code(code: tuple[str, bool], when: str) -> dict[str, Any]:
    """``TAX`` / ``NON`` as Intuit's TaxCode query answers them in a US company: no rate lists,
    no SyncToken, the company's creation time (Intuit's example leaves ``Active`` out; they are
    active: a query that says nothing of ``Active`` lists them)."""
    code_id, taxable = code
    return {
        "TaxGroup": False,
        "Name": code_id,
        "Taxable": taxable,
        "Description": code_id,
        "Active": True,
        "Id": code_id,
        "MetaData": {"CreateTime": when, "LastUpdatedTime": when},
    }


def tax_codes(company: Company) -> list[dict[str, Any]]:
    created = datetime(2024, 12, 20, 8, 30, tzinfo=company.tz)
    names = {row[0]: row[1] for row in TAX_RATES[company.key]}

    def details(rate_ids: list[str]) -> dict[str, Any]:
        return {
            "TaxRateDetail": [
                {
                    "TaxRateRef": ref(rate_id, names[rate_id]),
                    "TaxTypeApplicable": "TaxOnAmount",
                    "TaxOrder": 0,
                }
                for rate_id in rate_ids
            ]
        }

    out = [
        us_taxable_code(code, stamp(created, company.tz))
        for code in US_LINE_CODES
        if company.country == "US"
    ]
    for n, (code_id, name, desc, sales, purchases, active) in enumerate(TAX_CODES[company.key]):
        when = stamp(created + timedelta(minutes=n), company.tz)
        doc: dict[str, Any] = {
            "Name": name,
            "Description": desc,
            "Active": active,
            "Hidden": False,
            "Taxable": True,
            "TaxGroup": len(sales) > 1,
            "SalesTaxRateList": details(sales),
            "PurchaseTaxRateList": details(purchases),
        }
        doc.update(_tail(code_id, when))
        out.append(doc)
    return out


#: Classes and Departments: key → (Id, Name, parent Id, Active).
CLASSES: dict[str, list[tuple[str, str, str | None, bool]]] = {
    "us": [
        ("5000000000000018", "Design", None, True),
        ("5000000000000019", "Landscaping", None, True),
        ("5000000000000021", "Irrigation", "5000000000000019", True),
        ("5000000000000022", "Snow removal", None, False),
    ],
    "uk": [("5000000000000031", "Residential", None, True)],
}
DEPARTMENTS: dict[str, list[tuple[str, str, str | None, bool]]] = {
    "us": [
        ("1", "Bayshore", None, True),
        ("2", "Half Moon Bay", None, True),
        ("3", "Harbor Office", "2", True),
    ],
    "uk": [("1", "London", None, True), ("2", "Edinburgh", None, True)],
}


def _tree(
    company: Company, rows: list[tuple[str, str, str | None, bool]], sub_key: str, hour: int
) -> list[dict[str, Any]]:
    created = datetime(2024, 12, 20, hour, 0, tzinfo=company.tz)
    names = {row[0]: row[1] for row in rows}
    out = []
    for n, (row_id, name, parent, active) in enumerate(rows):
        when = stamp(created + timedelta(minutes=n), company.tz)
        doc: dict[str, Any] = {
            "Name": name,
            sub_key: parent is not None,
            "FullyQualifiedName": f"{names[parent]}:{name}" if parent else name,
            "Active": active,
        }
        if parent:
            doc["ParentRef"] = ref(parent, names[parent])
        doc.update(_tail(row_id, when))
        out.append(doc)
    return out


def classes(company: Company) -> list[dict[str, Any]]:
    return _tree(company, CLASSES[company.key], "SubClass", 10)


def departments(company: Company) -> list[dict[str, Any]]:
    return _tree(company, DEPARTMENTS[company.key], "SubDepartment", 11)


def company_info(c: Company) -> dict[str, Any]:
    us = c.country == "US"
    address = (
        {"Id": "1", "Line1": "123 Sierra Way", "City": "San Pablo"}
        | {"CountrySubDivisionCode": "CA", "PostalCode": "87999", "Country": "US"}
        if us
        else {"Id": "1", "Line1": "9 Albion Yard", "City": "London"}
        | {"PostalCode": "E1 6AN", "Country": "GB"}
    )
    return {
        "CompanyName": c.name,
        "LegalName": c.legal_name,
        "CompanyAddr": address,
        "CustomerCommunicationAddr": address,
        "LegalAddr": address,
        "PrimaryPhone": {"FreeFormNumber": "(650) 555-1234" if us else "020 7946 0000"},
        "CompanyStartDate": "2024-01-01",
        "FiscalYearStartMonth": "January" if us else "April",
        "Country": c.country,
        "Email": {"Address": "noreply@quickbooks.example"},
        "WebAddr": {"URI": "https://craigsdesign.example" if us else "https://brambleoak.example"},
        "SupportedLanguages": "en",
        "NameValue": [
            {"Name": "OfferingSku", "Value": "QuickBooks Online Plus"},
            {"Name": "IsQbdtMigrated", "Value": "false"},
        ],
        "domain": "QBO",
        "sparse": False,
        "Id": "1",
        "SyncToken": "3",
        "MetaData": {
            "CreateTime": "2024-01-01T09:00:00-08:00",
            "LastUpdatedTime": "2024-12-01T09:00:00-08:00",
        },
    }


def preferences(c: Company) -> dict[str, Any]:
    """The parts of ``Preferences`` clients read: home currency, fiscal year, tax and
    class/location tracking."""
    us = c.country == "US"
    return {
        "AccountingInfoPrefs": {
            "FirstMonthOfFiscalYear": "January" if us else "April",
            "UseAccountNumbers": True,
            "TaxYearMonth": "January" if us else "April",
            "ClassTrackingPerTxn": False,
            "ClassTrackingPerTxnLine": True,
            "TrackDepartments": True,
            "DepartmentTerminology": "Location",
            "CustomerTerminology": "Customers",
            "BookCloseDate": "2024-12-31",
        },
        "ProductAndServicesPrefs": {
            "ForSales": True,
            "ForPurchase": True,
            "QuantityWithPriceAndRate": True,
            "QuantityOnHand": True,
        },
        "SalesFormsPrefs": {"AllowDiscount": True, "AllowDeposit": True, "AllowShipping": False},
        "VendorAndPurchasesPrefs": {"TrackingByCustomer": True, "BillableExpenseTracking": True},
        "TaxPrefs": {"UsingSalesTax": True, "PartnerTaxEnabled": us}
        | ({"TaxGroupCodeRef": ref("2")} if us else {}),
        "CurrencyPrefs": {
            "MultiCurrencyEnabled": us,
            "HomeCurrency": ref(c.currency),
        },
        "ReportPrefs": {"ReportBasis": "Accrual", "CalcAgingReportFromTxnDate": False},
        "domain": "QBO",
        "sparse": False,
        "Id": "1",
        "SyncToken": "5",
        "MetaData": {
            "CreateTime": "2024-01-01T09:00:00-08:00",
            "LastUpdatedTime": "2024-12-01T09:05:00-08:00",
        },
    }


#: Entity → the function building a company's records.
REFERENCE_LISTS = {
    "Account": accounts,
    "TaxRate": tax_rates,
    "TaxCode": tax_codes,
    "Class": classes,
    "Department": departments,
    "CompanyInfo": lambda c: [company_info(c)],
    "Preferences": lambda c: [preferences(c)],
}


#: Control accounts whose balance is what the seeded documents leave open.
RECEIVABLE, PAYABLE = "84", "33"


def ledger_balances(store: Store, c: Company) -> None:
    """A/R and A/P balances as the books hold them: the sum of every posted document's ledger
    lines on each (``ledger.postings``; A/P, a liability, shown positive when owed). That is the
    open invoices less unapplied payments and open credit, the open bills less open vendor
    credit, plus journal lines on either."""
    from .ledger import REPORT_TYPES, postings

    held = {RECEIVABLE: Decimal(0), PAYABLE: Decimal(0)}
    for entity in REPORT_TYPES:
        for doc in store.docs(c.realm, entity):
            for account, value, _ in postings(store, c.realm, entity, doc):
                if account in held:
                    held[account] += value
    owed = {RECEIVABLE: held[RECEIVABLE], PAYABLE: -held[PAYABLE]}
    for account_id, balance in owed.items():
        doc = store.doc(c.realm, "Account", account_id)
        if doc is not None:
            doc["CurrentBalance"] = doc["CurrentBalanceWithSubAccounts"] = money(
                balance.quantize(CENT)
            )
            store.put(c.realm, "Account", doc)


def _number(value: str) -> int | float:
    """A JSON number as QuickBooks writes a rate (``6``, ``1.5``)."""
    d = Decimal(value)
    return int(d) if d == d.to_integral_value() else float(d)


def _tail(entity_id: str, when: str) -> dict[str, Any]:
    return {
        "domain": "QBO",
        "sparse": False,
        "Id": entity_id,
        "SyncToken": "0",
        "MetaData": {"CreateTime": when, "LastUpdatedTime": when},
    }
