"""QuickBooks' query language, the part clients use: ``SELECT * | COUNT(*) | prop[, ...] FROM
Entity [WHERE cond [AND cond]...] [ORDERBY field [ASC|DESC][, ...]] [STARTPOSITION n]
[MAXRESULTS n]`` with conditions ``field (= | < | > | <= | >= | != | LIKE) value`` and ``field
IN (v, ...)``; values are 'strings' (backslash escapes), numbers, true, false. A projection
(``select Name, Sku from Item``) answers sparse objects (the properties named, ``Id``,
``SyncToken``, ``"sparse": true``); one with ``*`` in it (``select *, Sku from Item``) answers
whole objects. No OR (Intuit's parser refuses it with the JavaCC message below), no joins.
Keywords and property names are case-insensitive; a reference property (``CustomerRef``)
compares its ``value``; ``MetaData.*`` compare as instants, ``TxnDate``/``DueDate`` as dates,
amounts as decimals. Name lists (Customer, Vendor, Item, Account, TaxCode, TaxRate, Class,
Department) leave inactive records out unless the query says something about ``Active``.
``MAXRESULTS`` defaults to 100 and is capped at 1000; ``STARTPOSITION`` is 1-based.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

ENTITIES = (
    "Customer",
    "Vendor",
    "Item",
    "Invoice",
    "Bill",
    "Payment",
    "BillPayment",
    "PurchaseOrder",
    "CreditMemo",
    "VendorCredit",
    "RefundReceipt",
    "Purchase",
    "Deposit",
    "Transfer",
    "Account",
    "TaxCode",
    "TaxRate",
    "Class",
    "Department",
    "CompanyInfo",
    "Preferences",
    "JournalEntry",
    "Attachable",
)
NAME_LISTS = {"Customer", "Vendor", "Item", "Account", "TaxCode", "TaxRate", "Class", "Department"}
MAX_RESULTS = 1000
DEFAULT_RESULTS = 100

#: Queryable properties per entity (case-insensitive), and how they compare.
COMMON = {
    "id": "number",
    "synctoken": "string",
    "metadata.createtime": "instant",
    "metadata.lastupdatedtime": "instant",
}
TRANSACTION = {
    "docnumber": "string",
    "txndate": "date",
    "totalamt": "decimal",
    "currencyref": "string",
}
QUERYABLE: dict[str, dict[str, str]] = {
    "JournalEntry": {**COMMON, **TRANSACTION, "adjustment": "bool"},
    "Customer": {
        **COMMON,
        "displayname": "string",
        "givenname": "string",
        "familyname": "string",
        "companyname": "string",
        "primaryemailaddr": "string",
        "active": "bool",
        "balance": "decimal",
    },
    "Vendor": {
        **COMMON,
        "displayname": "string",
        "givenname": "string",
        "familyname": "string",
        "companyname": "string",
        "primaryemailaddr": "string",
        "active": "bool",
        "balance": "decimal",
    },
    "Item": {
        **COMMON,
        "name": "string",
        "fullyqualifiedname": "string",
        "sku": "string",
        "type": "string",
        "active": "bool",
        "unitprice": "decimal",
        "qtyonhand": "decimal",
        "incomeaccountref": "string",
        "expenseaccountref": "string",
        "assetaccountref": "string",
    },
    "Account": {
        **COMMON,
        "name": "string",
        "fullyqualifiedname": "string",
        "subaccount": "bool",
        "parentref": "string",
        "active": "bool",
        "classification": "string",
        "accounttype": "string",
        "accountsubtype": "string",
        "acctnum": "string",
        "currentbalance": "decimal",
        "currencyref": "string",
    },
    "TaxCode": {**COMMON, "name": "string", "active": "bool", "taxable": "bool"},
    "TaxRate": {**COMMON, "name": "string", "active": "bool", "ratevalue": "decimal"},
    "Class": {
        **COMMON,
        "name": "string",
        "fullyqualifiedname": "string",
        "active": "bool",
        "subclass": "bool",
        "parentref": "string",
    },
    "Department": {
        **COMMON,
        "name": "string",
        "fullyqualifiedname": "string",
        "active": "bool",
        "subdepartment": "bool",
        "parentref": "string",
    },
    "CompanyInfo": {**COMMON, "companyname": "string", "country": "string"},
    "Preferences": dict(COMMON),
    "Invoice": {
        **COMMON,
        **TRANSACTION,
        "duedate": "date",
        "balance": "decimal",
        "customerref": "string",
    },
    "Bill": {
        **COMMON,
        **TRANSACTION,
        "duedate": "date",
        "balance": "decimal",
        "vendorref": "string",
    },
    "Payment": {**COMMON, **TRANSACTION, "customerref": "string"},
    "BillPayment": {**COMMON, **TRANSACTION, "vendorref": "string"},
    "PurchaseOrder": {
        **COMMON,
        **TRANSACTION,
        "duedate": "date",
        "vendorref": "string",
        "postatus": "string",
    },
    "CreditMemo": {
        **COMMON,
        **TRANSACTION,
        "customerref": "string",
        "balance": "decimal",
        "remainingcredit": "decimal",
    },
    "VendorCredit": {**COMMON, **TRANSACTION, "vendorref": "string", "balance": "decimal"},
    "RefundReceipt": {**COMMON, **TRANSACTION, "customerref": "string"},
    "Purchase": {
        **COMMON,
        **TRANSACTION,
        "paymenttype": "string",
        "accountref": "string",
        "entityref": "string",
        "credit": "bool",
    },
    "Deposit": {**COMMON, **TRANSACTION, "deposittoaccountref": "string"},
    "Transfer": {
        **COMMON,
        "txndate": "date",
        "amount": "decimal",
        "fromaccountref": "string",
        "toaccountref": "string",
    },
    # AttachableRef is a list: a condition on it holds when one of its entries matches.
    "Attachable": {
        **COMMON,
        "filename": "string",
        "contenttype": "string",
        "category": "string",
        "attachableref.entityref.type": "string",
        "attachableref.entityref.value": "string",
    },
}


class QueryError(Exception):
    """The statement cannot be parsed (``parse``) or names something not queryable
    (``validation``)."""

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


@dataclass
class Condition:
    field: str
    op: str
    values: list[Any]


@dataclass
class Query:
    entity: str
    count: bool = False
    where: list[Condition] = field(default_factory=list)
    order: list[tuple[str, bool]] = field(default_factory=list)  # (field, descending)
    start: int = 1
    max_results: int = DEFAULT_RESULTS
    #: Properties named in the select list; None for ``*`` (whole objects).
    fields: list[str] | None = None


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'(?:\\.|[^'\\])*')
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<op><=|>=|!=|<>|=|<|>)
      | (?P<punct>[(),*])
      | (?P<word>[A-Za-z_][A-Za-z0-9_.]*)
    )""",
    re.VERBOSE,
)


#: What Intuit's parser expects after a complete condition (the list of its JavaCC message).
AFTER_CONDITION = (
    "<EOF>",
    '"and" ...',
    '"iterator" ...',
    '"maxresults" ...',
    '"order" ...',
    '"orderby" ...',
    '"startposition" ...',
)


def _tokens(text: str) -> tuple[list[tuple[str, str]], list[int]]:
    """The tokens and their 1-based columns."""
    out, columns, pos = [], [], 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise QueryError("parse", f'Encountered " {text[pos : pos + 10]!r}" at column {pos}')
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        columns.append(m.start(kind) + 1)
        pos = m.end()
    return out, columns


def _unexpected_word(word: str, column: int, expected: tuple[str, ...]) -> QueryError:
    """Intuit's JavaCC-generated message for a word where the grammar has none."""
    lines = "".join(f"    {e} \n" if e == "<EOF>" else f"    {e}\n" for e in expected)
    return QueryError(
        "parse",
        f'Encountered " <ID> "{word} "" at line 1, column {column}.\n'
        f"Was expecting one of:\n{lines}    ",
    )


class _Parser:
    def __init__(self, text: str):
        self.toks, self.columns = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def word(self, *expected: str) -> bool:
        tok = self.peek()
        if tok and tok[0] == "word" and tok[1].upper() in expected:
            self.i += 1
            return True
        return False

    def take(self, kind: str | None = None, value: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (kind and tok[0] != kind) or (value and tok[1].upper() != value):
            found = tok[1] if tok else "<EOF>"
            raise QueryError("parse", f'Encountered " {found} " expecting {value or kind}')
        self.i += 1
        return tok[1]

    def value(self) -> Any:
        tok = self.peek()
        if tok is None:
            raise QueryError("parse", "Encountered <EOF> expecting a value")
        self.i += 1
        kind, text = tok
        if kind == "string":
            return re.sub(r"\\(.)", r"\1", text[1:-1])
        if kind == "number":
            return Decimal(text)
        if kind == "word" and text.lower() in ("true", "false"):
            return text.lower() == "true"
        raise QueryError("parse", f'Encountered " {text} " expecting a value')

    def parse(self) -> Query:
        self.take("word", "SELECT")
        count, selected = False, ["*"]
        if self.word("COUNT"):
            self.take("punct", "(")
            self.take("punct", "*")
            self.take("punct", ")")
            count = True
        else:
            selected = self.select_list()
        self.take("word", "FROM")
        name = self.take("word")
        entity = next((e for e in ENTITIES if e.lower() == name.lower()), None)
        if entity is None:
            raise QueryError("validation", f"Invalid entity in query: {name}")
        query = Query(entity=entity, count=count)
        if not count and "*" not in selected:
            query.fields = selected
        if self.word("WHERE"):
            while True:
                query.where.append(self.condition(entity))
                if not self.word("AND"):
                    break
        tok = self.peek()
        if query.where and tok and tok[0] == "word" and tok[1].upper() == "OR":
            raise _unexpected_word(tok[1], self.columns[self.i], AFTER_CONDITION)
        if self.word("ORDERBY") or (self.word("ORDER") and self.take("word", "BY")):
            while True:
                prop = self.take("word")
                self._field(entity, prop)
                desc = self.word("DESC")
                if not desc:
                    self.word("ASC")
                query.order.append((prop.lower(), desc))
                if self.peek() != ("punct", ","):
                    break
                self.i += 1
        if self.word("STARTPOSITION"):
            query.start = max(int(self.take("number")), 1)
        if self.word("MAXRESULTS"):
            query.max_results = min(max(int(self.take("number")), 0), MAX_RESULTS)
        if self.peek() is not None:
            raise QueryError("parse", f'Encountered " {self.peek()[1]} " at the end')
        return query

    def select_list(self) -> list[str]:
        """``*`` and/or property names, comma separated."""
        selected = []
        while True:
            if self.peek() == ("punct", "*"):
                self.i += 1
                selected.append("*")
            else:
                selected.append(self.take("word"))
            if self.peek() != ("punct", ","):
                return selected
            self.i += 1

    @staticmethod
    def _field(entity: str, prop: str) -> str:
        kind = QUERYABLE[entity].get(prop.lower())
        if kind is None:
            raise QueryError("validation", f"property '{prop}' is not queryable")
        return kind

    def condition(self, entity: str) -> Condition:
        prop = self.take("word")
        self._field(entity, prop)
        if self.word("IN"):
            self.take("punct", "(")
            values = [self.value()]
            while self.peek() == ("punct", ","):
                self.i += 1
                values.append(self.value())
            self.take("punct", ")")
            return Condition(prop.lower(), "IN", values)
        if self.word("LIKE"):
            return Condition(prop.lower(), "LIKE", [self.value()])
        op = self.take("op")
        return Condition(prop.lower(), "!=" if op == "<>" else op, [self.value()])


def parse(text: str) -> Query:
    return _Parser(text).parse()


# -- evaluation ------------------------------------------------------------------------------
def _lookup(doc: dict[str, Any], path: str) -> Any:
    value: Any = doc
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = next((v for k, v in value.items() if k.lower() == part), None)
    if isinstance(value, dict):  # ReferenceType / EmailAddress
        value = value.get("value", value.get("Address"))
    return value


def instant(value: Any) -> datetime | None:
    try:
        dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)


def _coerce(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "instant":
        return instant(value)
    if kind == "number":
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    if kind == "decimal":
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    if kind == "bool":
        return value if isinstance(value, bool) else str(value).lower() == "true"
    return str(value)


_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}


def _candidates(doc: Any, path: str) -> list[Any]:
    """Every value ``path`` reaches in ``doc``, walking into lists (``AttachableRef``)."""
    nodes = [doc]
    for part in path.split("."):
        found = []
        for node in nodes:
            for item in node if isinstance(node, list) else [node]:
                if isinstance(item, dict):
                    value = next((v for k, v in item.items() if k.lower() == part), None)
                    if value is not None:
                        found.append(value)
        nodes = found
    return [n.get("value", n.get("Address")) if isinstance(n, dict) else n for n in nodes]


def _matches(doc: dict[str, Any], cond: Condition, kind: str) -> bool:
    if "." in cond.field and not cond.field.startswith("metadata."):
        one = Condition("v", cond.op, cond.values)
        return any(_matches({"v": v}, one, kind) for v in _candidates(doc, cond.field))
    actual = _coerce(kind, _lookup(doc, cond.field))
    wanted = [_coerce(kind, v) for v in cond.values]
    if cond.op == "IN":
        return actual in wanted
    if actual is None or wanted[0] is None:
        return False
    if cond.op == "LIKE":
        pattern = "^" + ".*".join(re.escape(p) for p in str(wanted[0]).split("%")) + "$"
        return re.match(pattern, str(actual), re.IGNORECASE) is not None
    try:
        return _OPS[cond.op](actual, wanted[0])
    except TypeError:
        return False


def run(query: Query, docs: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """(the page of matching documents, how many match in all)."""
    kinds = QUERYABLE[query.entity]
    conditions = list(query.where)
    if query.entity in NAME_LISTS and not any(c.field == "active" for c in conditions):
        conditions.append(Condition("active", "=", [True]))
    found = [d for d in docs if all(_matches(d, c, kinds[c.field]) for c in conditions)]

    def key_for(field_name: str) -> Callable[[dict[str, Any]], Any]:
        kind = kinds[field_name]

        def key(doc: dict[str, Any]) -> Any:
            value = _coerce(kind, _lookup(doc, field_name))
            return (value is None, value if value is not None else 0)

        return key

    # By Id as a number; the few ids that are not numbers (a US company's TAX and NON tax
    # codes) come first, as Intuit lists them.
    found.sort(key=lambda d: (1, int(d["Id"])) if str(d["Id"]).isdigit() else (0, 0))
    for field_name, desc in reversed(query.order):
        found.sort(key=key_for(field_name), reverse=desc)
    total = len(found)
    start = query.start - 1
    page = found[start : start + query.max_results]
    if query.fields is not None:
        page = [sparse(doc, query.fields) for doc in page]
    return page, total


def sparse(doc: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """A projection: the named top-level properties (case-insensitive), then ``Id``,
    ``SyncToken``, ``domain`` and ``"sparse": true`` as Intuit adds them."""
    wanted = {f.split(".")[0].lower() for f in fields}
    out = {k: v for k, v in doc.items() if k.lower() in wanted}
    for key in ("Id", "SyncToken", "domain"):
        if key in doc:
            out[key] = doc[key]
    out["sparse"] = True
    return out
