"""Pure units: the where parser never crashes, and the sandbox stays isolated from the app."""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sandbox.xero import resources as R
from sandbox.xero.where import QueryParseError, compile_order, compile_where

ROOT = Path(__file__).resolve().parents[2]
TOKENS = st.sampled_from(
    ['Status', 'Type', 'AmountDue', 'Contact.ContactID', 'Date', '==', '!=', '>=', '<', 'AND', 'OR',
     'NOT', '(', ')', '"DRAFT"', '100', 'true', 'null', 'DateTime(2024,1,1)',
     'Guid("00000000-0000-0000-0000-000000000000")', '.Contains("x")', '"', ',', 'Foo']
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=8))
def test_where_parser_only_raises_query_parse_errors(tokens):
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE records (seq, id, doc, updated_ms, status, type, number, name, contact_id, "
        "date, due_date, email, amount_due, total, is_customer, is_supplier, reference, code)"
    )
    try:
        sql, params = compile_where(" ".join(tokens), R.INVOICES.fields, "Invoice")
    except QueryParseError:
        return
    conn.execute(f"SELECT * FROM records WHERE {sql}", params)


def test_where_compiles_to_parameterised_sql():
    sql, params = compile_where(
        'Type=="ACCREC" AND (Status=="DRAFT" OR AmountDue>=10.5) AND Date<DateTime(2024,2,1)',
        R.INVOICES.fields,
        "Invoice",
    )
    assert "?" in sql and '"' not in sql
    assert params == ["ACCREC", "DRAFT", 10.5, "2024-02-01T00:00:00"]
    assert (
        compile_order("Date DESC, InvoiceNumber", R.INVOICES.fields, "Invoice")
        == "date DESC, number ASC"
    )


def test_sandbox_never_imports_the_application():
    for path in (ROOT / "sandbox").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in ("gateway", "connectors", "unified_models"), path
    for package in ("gateway", "connectors", "unified_models"):
        for path in (ROOT / package).rglob("*.py"):
            assert (
                "import sandbox" not in path.read_text() and "from sandbox" not in path.read_text()
            ), path
