"""Static reference data of the three demo organisations (UK, US, AU)."""

from __future__ import annotations

from decimal import Decimal

from .ids import stable

ORGS = (
    {
        "key": "uk",
        "name": "Demo Company (UK)",
        "version": "UK",
        "country": "GB",
        "currency": "GBP",
        "timezone": "GMTSTANDARDTIME",
        "short": "!uKdm1",
    },
    {
        "key": "us",
        "name": "Demo Company (US)",
        "version": "US",
        "country": "US",
        "currency": "USD",
        "timezone": "EASTERNSTANDARDTIME",
        "short": "!uSdm2",
    },
    {
        "key": "au",
        "name": "Demo Company (AU)",
        "version": "AU",
        "country": "AU",
        "currency": "AUD",
        "timezone": "AUSEASTERNSTANDARDTIME",
        "short": "!aUdm3",
    },
)


def tenant_id(key: str) -> str:
    """The fixed TenantID (OrganisationID) of a demo organisation."""
    return stable("tenant", key)


TENANTS = {org["key"]: tenant_id(org["key"]) for org in ORGS}

CURRENCY_NAMES = {
    "GBP": "British Pound",
    "USD": "United States Dollar",
    "EUR": "Euro",
    "AUD": "Australian Dollar",
    "NZD": "New Zealand Dollar",
    "CAD": "Canadian Dollar",
}

# Units of base currency per unit of foreign currency is 1 / rate: Xero's CurrencyRate is
# "foreign units per one base unit".
_PER_USD = {"USD": "1", "GBP": "0.79", "EUR": "0.92", "AUD": "1.52", "NZD": "1.66", "CAD": "1.36"}


def fx_rate(base: str, foreign: str) -> Decimal:
    """Deterministic CurrencyRate (foreign per base) for ``foreign`` in a ``base`` org."""
    if base == foreign:
        return Decimal("1.000000")
    value = Decimal(_PER_USD[foreign]) / Decimal(_PER_USD[base])
    return value.quantize(Decimal("0.000001"))


# TaxType, Name, percent, ReportTaxType, revenue?, expenses?
COUNTRIES = {
    "UK": {
        "currencies": ("GBP", "USD", "EUR"),
        "sales_tax": "OUTPUT2",
        "purchase_tax": "INPUT2",
        "tax_rates": (
            ("OUTPUT2", "20% (VAT on Income)", "20.0000", "OUTPUT", True, False),
            ("INPUT2", "20% (VAT on Expenses)", "20.0000", "INPUT", False, True),
            ("RROUTPUT", "5% (VAT on Income)", "5.0000", "OUTPUT", True, False),
            ("ZERORATEDOUTPUT", "Zero Rated Income", "0.0000", "ZERORATEDOUTPUT", True, False),
            ("EXEMPTOUTPUT", "Exempt Income", "0.0000", "EXEMPTOUTPUT", True, False),
            ("NONE", "No VAT", "0.0000", "NONE", True, True),
        ),
    },
    "US": {
        "currencies": ("USD", "CAD", "EUR"),
        "sales_tax": "TAX001",
        "purchase_tax": "INPUT",
        "tax_rates": (
            ("TAX001", "Sales Tax on Imports", "8.8750", "USSALESTAX", True, False),
            ("INPUT", "Tax on Purchases", "0.0000", "INPUT", False, True),
            ("OUTPUT", "Tax Exempt", "0.0000", "OUTPUT", True, False),
            ("NONE", "Tax Exempt", "0.0000", "NONE", True, True),
        ),
    },
    "AU": {
        "currencies": ("AUD", "NZD", "USD"),
        "sales_tax": "OUTPUT",
        "purchase_tax": "INPUT",
        "tax_rates": (
            ("OUTPUT", "GST on Income", "10.0000", "OUTPUT", True, False),
            ("INPUT", "GST on Expenses", "10.0000", "INPUT", False, True),
            ("EXEMPTOUTPUT", "GST Free Income", "0.0000", "EXEMPTOUTPUT", True, False),
            ("EXEMPTEXPENSES", "GST Free Expenses", "0.0000", "EXEMPTEXPENSES", False, True),
            ("BASEXCLUDED", "BAS Excluded", "0.0000", "BASEXCLUDED", True, True),
            ("NONE", "No GST", "0.0000", "NONE", True, True),
        ),
    },
}

# Code, Name, Type, Class, tax ("sales" | "purchase" | "none"), extra
ACCOUNTS = (
    (
        "090",
        "Business Bank Account",
        "BANK",
        "ASSET",
        "none",
        {
            "BankAccountNumber": "0000000001",
            "BankAccountType": "BANK",
            "EnablePaymentsToAccount": False,
        },
    ),
    (
        "091",
        "Business Savings Account",
        "BANK",
        "ASSET",
        "none",
        {
            "BankAccountNumber": "0000000002",
            "BankAccountType": "BANK",
            "EnablePaymentsToAccount": False,
        },
    ),
    ("200", "Sales", "REVENUE", "REVENUE", "sales", {}),
    ("260", "Other Revenue", "REVENUE", "REVENUE", "sales", {}),
    ("270", "Interest Income", "REVENUE", "REVENUE", "none", {}),
    ("310", "Cost of Goods Sold", "DIRECTCOSTS", "EXPENSE", "purchase", {}),
    ("400", "Advertising", "OVERHEADS", "EXPENSE", "purchase", {}),
    ("429", "General Expenses", "OVERHEADS", "EXPENSE", "purchase", {}),
    ("461", "Printing & Stationery", "OVERHEADS", "EXPENSE", "purchase", {}),
    ("610", "Accounts Receivable", "CURRENT", "ASSET", "none", {"SystemAccount": "DEBTORS"}),
    ("800", "Accounts Payable", "CURRLIAB", "LIABILITY", "none", {"SystemAccount": "CREDITORS"}),
    ("820", "Sales Tax", "CURRLIAB", "LIABILITY", "none", {"SystemAccount": "GST"}),
    (
        "877",
        "Tracking Transfers",
        "CURRLIAB",
        "LIABILITY",
        "none",
        {"SystemAccount": "TRACKINGTRANSFERS"},
    ),
    ("880", "Owner A Drawings", "EQUITY", "EQUITY", "none", {"EnablePaymentsToAccount": True}),
    ("960", "Retained Earnings", "EQUITY", "EQUITY", "none", {"SystemAccount": "RETAINEDEARNINGS"}),
    ("999", "Old Marketing (archived)", "OVERHEADS", "EXPENSE", "purchase", {"Status": "ARCHIVED"}),
)

# Code, Name, description, sale price, purchase price
ITEMS = (
    ("BOOK", "Fish out of Water: Finding Your Brand", "Book on branding", "19.95", "12.50"),
    ("GB1-White", "Golf balls - white single", "Golf balls (white)", "5.00", "2.10"),
    ("DevD", "Development work - developer onsite per day", "Onsite development", "500.00", "0"),
    ("Train-MS", "Half day training - Microsoft Office", "Training session", "600.00", "0"),
    ("PAPER", "Printer paper (ream)", "A4 paper ream", "7.50", "4.20"),
)

# Name, Status, options (Name, Status). Xero allows two active categories per organisation;
# archived ones (and archived options) only show with includeArchived=true.
TRACKING_CATEGORIES = (
    (
        "Region",
        "ACTIVE",
        (("North", "ACTIVE"), ("South", "ACTIVE"), ("East", "ACTIVE"), ("West", "ARCHIVED")),
    ),
    (
        "Department",
        "ACTIVE",
        (("Sales", "ACTIVE"), ("Marketing", "ACTIVE"), ("Operations", "ACTIVE")),
    ),
    ("Projects (2023)", "ARCHIVED", (("Website relaunch", "ACTIVE"),)),
)
