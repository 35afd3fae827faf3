"""Reading the sandboxes' counters per model, and the sync benchmark's flags."""

from __future__ import annotations

from bench.provider_counts import path_groups, qbo_api_calls, qbo_model_calls, qbo_pages
from bench.sync import DOCUMENT_FLAGS, parse_args, xero_documents
from connectors.quickbooks.spec import RESOURCES as QBO
from connectors.xero.spec import RESOURCES as XERO
from unified_models import CATALOGUE


def test_models_sharing_a_xero_path_are_checked_together():
    groups = {frozenset(models): paths for models, paths in path_groups(dict(XERO))}
    assert groups[frozenset({"bank_transaction", "expense"})] == {"BankTransactions"}
    assert groups[frozenset({"account", "item"})] == {"Accounts", "Items"}
    assert groups[frozenset({"contact"})] == {"Contacts"}
    assert sum(len(models) for models in groups) == len(XERO)


COUNTERS = {
    "requests": {"batch": 2, "query": 3, "reports": 1},
    "batches": [
        {"items": ["Query: SELECT * FROM Invoice STARTPOSITION 1 MAXRESULTS 500",
                   "Query: SELECT * FROM Bill STARTPOSITION 1 MAXRESULTS 500"]},
        {"items": ["Query: SELECT * FROM TaxCode MAXRESULTS 500",
                   "Query: SELECT * FROM TaxRate WHERE Active IN (true, false)"]},
    ],
    "queries": [
        {"query": "SELECT * FROM Invoice STARTPOSITION 501 MAXRESULTS 1000"},
        {"query": "SELECT * FROM Invoice STARTPOSITION 1501 MAXRESULTS 1000"},
        {"query": "SELECT * FROM Account STARTPOSITION 1 MAXRESULTS 1000"},
    ],
}  # fmt: skip


def test_quickbooks_pages_are_entity_reads_not_companions():
    assert qbo_pages(COUNTERS, QBO["invoice"]) == 4  # two in the batch, two queries
    assert qbo_pages(COUNTERS, QBO["tax_rate"]) == 1  # the TaxRate companion is no page
    assert qbo_pages(COUNTERS, QBO["account"]) == 1
    assert qbo_pages(COUNTERS, QBO["general_ledger_transaction"]) == 1  # the report


def test_quickbooks_calls_per_model():
    calls = qbo_api_calls(COUNTERS)
    assert calls == {
        "reports": 1,
        "batch Invoice+Bill": 1,
        "batch TaxCode+TaxRate": 1,
        "query Invoice": 2,
        "query Account": 1,
    }
    assert qbo_model_calls(calls, QBO["invoice"]) == {"batch Invoice+Bill": 1, "query Invoice": 2}
    assert qbo_model_calls(calls, QBO["tax_rate"]) == {"batch TaxCode+TaxRate": 1}
    assert qbo_model_calls(calls, QBO["general_ledger_transaction"]) == {"reports": 1}


def test_every_catalogue_model_is_benchmarked_where_a_provider_serves_it():
    # The benchmark iterates the catalogue: every model is served by at least one sandbox.
    for entry in CATALOGUE:
        assert entry.name in XERO or entry.name in QBO, entry.name


def test_document_flags():
    args = parse_args(["--credit-notes", "7", "--journal-entries", "3"])
    documents = xero_documents(args)
    assert documents["credit_notes"] == 7 and documents["manual_journals"] == 3
    assert set(documents) == set(DOCUMENT_FLAGS)
    defaults = parse_args([])
    assert defaults.invoices == 100_000 and defaults.qbo_documents > 1000  # a second page
