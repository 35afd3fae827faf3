"""QuickBooks list reads that start with one batch call (``POST batch``): an incremental read
with nothing changed costs one provider call per model; changed records of every entity come
back from it; a full read still reads every record, exactly as plain queries read them; a part
whose first page is full goes on after it and its cursors resume; an item QuickBooks refuses
alone is read with a plain call."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from connectors import batching
from connectors.credentials import Credentials, InMemoryCredentialStore
from connectors.cursor import InvalidCursor, ListCursor
from connectors.errors import ProviderError
from connectors.quickbooks import QuickBooksProvider
from connectors.quickbooks.batch import batch_answers, batch_body
from connectors.quickbooks.spec import BATCH, RESOURCES
from connectors.specs import BatchRead
from connectors.xero import XeroProvider
from tests.connectors.quickbooks.test_sandbox import link, parts, read_all

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "quickbooks"
#: Every model read through queries that can be read from a moment on (the ledger is a report,
#: read whole).
MODELS = sorted(m for m, spec in RESOURCES.items() if spec.reads_incrementally)


def newest(pages):
    return max(p.max_remote_updated_at for p in pages if p.max_remote_updated_at)


def plain(linked):
    """The same connection without the batch endpoint: every read a plain query."""
    linked.provider.batch = None
    return linked


def dumped(records):
    return sorted((r.model_dump_json() for r in records), key=str)


@pytest.mark.parametrize("model", MODELS)
def test_an_incremental_read_with_no_change_is_one_call(quickbooks_sandbox, model):
    ctl = quickbooks_sandbox.control
    conn = link(quickbooks_sandbox).connector()
    _, _, pages = read_all(conn, model)
    ctl.reset_counters()
    records, calls, pages = read_all(conn, model, modified_since=newest(pages))
    requests = ctl.counters()["requests"]
    assert calls == 1 and sum(requests.values()) == 1, requests
    assert len(pages) == 1 and pages[0].is_last
    spec = RESOURCES[model]
    several = len(spec.sources) > 1 or spec.companion is not None or spec.deletions is not None
    assert requests == ({"batch": 1} if several else {"query": 1})
    # the inclusive cursor reads the newest record again, its companion values and all
    assert records


def test_changed_classes_and_departments_are_both_read(quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    conn = link(quickbooks_sandbox).connector()
    _, _, pages = read_all(conn, "tracking_category")
    since = newest(pages)
    ctl.advance_clock(5)
    class_id = ctl.records("us", "Class")[0]["Id"]
    department_id = ctl.records("us", "Department")[-1]["Id"]
    for entity, entity_id, name in (
        ("Class", class_id, "Landscaping, renamed"),
        ("Department", department_id, "North, renamed"),
    ):
        ctl.edit("us", entity, entity_id, Name=name, FullyQualifiedName=name)
    ctl.reset_counters()
    records, calls, _ = read_all(conn, "tracking_category", modified_since=since)
    by_id = {r.remote_id: r for r in records}
    assert calls == 1 and ctl.counters()["requests"] == {"batch": 1}
    assert by_id[class_id].name == "Landscaping, renamed"
    assert by_id[f"Department:{department_id}"].name == "North, renamed"


def test_changed_tax_codes_and_company_info_keep_their_companions(quickbooks_sandbox):
    ctl = quickbooks_sandbox.control
    conn = link(quickbooks_sandbox, "uk").connector()
    full = {m: read_all(conn, m) for m in ("tax_rate", "company_info")}
    ctl.advance_clock(5)
    code = ctl.records("uk", "TaxCode")[0]
    ctl.edit("uk", "TaxCode", code["Id"], Description="Edited in QuickBooks")
    ctl.edit("uk", "CompanyInfo", "1", CompanyName="Bramble & Oak Interiors (renamed)")
    for model, (records, _, pages) in full.items():
        ctl.reset_counters()
        changed, calls, _ = read_all(conn, model, modified_since=newest(pages))
        assert calls == 1 and ctl.counters()["requests"] == {"batch": 1}
        before = {r.remote_id: r for r in records}
        for record in changed:
            # the companion's values came from the batch: the same as the full read's
            old = before[record.remote_id]
            if model == "tax_rate":
                assert record.effective_tax_rate == old.effective_tax_rate
                assert record.components == old.components
            else:
                assert record.name == "Bramble & Oak Interiors (renamed)"
                assert record.currency == old.currency == "GBP"
                assert record.fiscal_year_end_month == old.fiscal_year_end_month


@pytest.mark.parametrize("company", ["us", "uk"])
def test_a_full_read_reads_every_record_as_plain_queries_do(quickbooks_sandbox, company):
    quickbooks_sandbox.control.reset(invoices=1_200)
    batched = link(quickbooks_sandbox, company).connector()
    unbatched = plain(link(quickbooks_sandbox, company)).connector()
    for model in MODELS:
        records, _, _ = read_all(batched, model)
        expected, _, _ = read_all(unbatched, model)
        ids = [r.remote_id for r in records]
        assert len(ids) == len(set(ids)) == len(expected), model
        assert dumped(records) == dumped(expected), model


def test_parts_with_full_first_pages_go_on_after_them_and_resume(quickbooks_sandbox):
    """Both first pages full: 500 Invoices and 500 Bills in the batch, then the rest of each
    with plain pages from 501, every cursor resuming where it stands."""
    ctl = quickbooks_sandbox.control
    ctl.reset(invoices=600)  # 612 Invoices
    bill = ctl.records("us", "Bill")[0]
    fields = {k: bill[k] for k in ("VendorRef", "Line", "TxnDate", "TotalAmt", "CurrencyRef")}
    for _ in range(505):  # 6 + 505 = 511 Bills
        ctl.create("us", "Bill", **fields)
    conn = link(quickbooks_sandbox).connector()
    ctl.reset_counters()
    records, calls, pages = read_all(conn, "invoice")
    assert [len(p.records) for p in pages] == [1000, 112, 11] and calls == 3
    ids = [r.remote_id for r in records]
    assert len(ids) == len(set(ids)) == 612 + 511
    assert [q["query"] for q in ctl.counters()["queries"]] == [
        "SELECT * FROM Invoice ORDERBY Id STARTPOSITION 501 MAXRESULTS 1000",
        "SELECT * FROM Bill ORDERBY Id STARTPOSITION 501 MAXRESULTS 1000",
    ]
    cursor = ListCursor.decode(pages[0].next_cursor)
    assert (cursor.part, cursor.page, cursor.skips) == (0, 1, (500, 500))
    for n, page in enumerate(pages[:-1]):
        resumed, _, _ = read_all(conn, "invoice", cursor=page.next_cursor)
        assert [r.remote_id for r in resumed] == [
            r.remote_id for p in pages[n + 1 :] for r in p.records
        ]


def test_an_item_refused_alone_is_read_with_a_plain_call(quickbooks_sandbox):
    """QuickBooks answers a batch item it refuses with a Fault beside the others' answers: that
    read is made again alone (whose own error, if any, is the one raised)."""
    ctl = quickbooks_sandbox.control
    linked = link(quickbooks_sandbox)
    conn = linked.connector()
    expected = {m: dumped(read_all(conn, m)[0]) for m in ("invoice", "tax_rate")}
    since = newest(read_all(conn, "invoice")[2])

    def refusing(body):
        answers = dict(batch_answers(body))
        for bid in ("p1", "c0", "d"):
            if bid in answers:
                answers[bid] = ProviderError(f"batch item {bid}: refused")
        return answers

    linked.provider.batch = replace(BATCH, answers=refusing)
    for model in ("invoice", "tax_rate"):
        ctl.reset_counters()
        records, calls, _ = read_all(conn, model)
        assert dumped(records) == expected[model]
        assert calls == 2  # the batch, then the refused part (or companion) alone
        assert ctl.counters()["requests"] == {"batch": 1, "query": 1}
    ctl.delete("us", "Bill", "2")
    ctl.reset_counters()
    _, calls, pages = read_all(conn, "invoice", modified_since=since)
    assert calls == 3  # the batch, Bill alone, the deletion feed alone
    assert ctl.counters()["requests"] == {"batch": 1, "query": 1, "cdc": 1}
    assert pages[-1].deleted_remote_ids == ("Bill:2",)


def test_the_batch_body_and_intuits_answers():
    body = batch_body(
        [
            BatchRead(id="p0", statement="SELECT * FROM Invoice MAXRESULTS 500"),
            BatchRead(id="d", entities=("Invoice", "Bill"), since="2026-11-30T00:00:00+00:00"),
        ]
    )
    assert body == {
        "BatchItemRequest": [
            {"bId": "p0", "Query": "SELECT * FROM Invoice MAXRESULTS 500"},
            {
                "bId": "d",
                "CDCQuery": {
                    "Entities": "Invoice,Bill",
                    "ChangedSince": "2026-11-30T00:00:00+00:00",
                },
            },
        ]
    }
    # Intuit's published sample: three refused items and a query, in any order
    recorded = json.loads((FIXTURES / "batch_intuit_sample.json").read_text())
    answers = batch_answers(recorded)
    assert set(answers) == {"bid1", "bid2", "bid3", "bid4"}
    assert answers["bid4"]["QueryResponse"]["SalesReceipt"][0]["Id"] == "11"
    refused = answers["bid2"]
    assert isinstance(refused, ProviderError)
    assert "ValidationFault" in str(refused) and "Object Not Found" in str(refused)
    # a batch's change data capture answer is one CDCResponse object: read as the cdc endpoint's
    cdc = {"QueryResponse": [{"Invoice": [{"Id": "5", "status": "Deleted"}]}]}
    assert batch_answers({"BatchItemResponse": [{"bId": "d", "CDCResponse": cdc}]}) == {
        "d": {"CDCResponse": [cdc]}
    }
    assert batch_answers({"BatchItemResponse": [{"bId": "x"}]})["x"].__class__ is ProviderError


def test_list_cursors_record_what_a_batch_read():
    since = datetime(2026, 11, 30, tzinfo=UTC)
    cursor = ListCursor("invoice", 1, since, part=1, skips=(-1, 500), feed_read=True)
    assert ListCursor.decode(cursor.encode()) == cursor
    # a cursor saved before batches decodes as before: every part from its start
    old = ListCursor("invoice", 3, since, part=1).encode()
    assert ListCursor.decode(old).skips == () and not ListCursor.decode(old).feed_read
    assert ListCursor.decode(old).skip(1) == 0
    conn = QuickBooksProvider({"api_url": "http://127.0.0.1:9/v3/company/{tenant_id}"}).connect(
        InMemoryCredentialStore(
            Credentials(access_token="a", expires_at=datetime(2100, 1, 1, tzinfo=UTC))
        ),
        "123",
    )
    for bad in (
        ListCursor("invoice", 1, part=0, skips=(-2, 0)),
        ListCursor("invoice", 1, part=0, skips=(0, 0, 0)),
    ):
        with pytest.raises(InvalidCursor):
            list(conn.list("invoice", cursor=bad.encode()))


def test_which_reads_a_batch_carries():
    since = datetime(2026, 11, 30, tzinfo=UTC)
    invoice = RESOURCES["invoice"]
    reads, size = batching.reads(BATCH, invoice, since)
    assert [r.id for r in reads] == ["p0", "p1", "d"] and size == 333
    assert reads[0].statement == (
        "SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '2026-11-30T00:00:00+00:00' "
        "ORDERBY Id STARTPOSITION 1 MAXRESULTS 333"
    )
    assert reads[2].entities == ("Invoice", "Bill")
    reads, size = batching.reads(BATCH, invoice, None)  # a full read has no feed
    assert [r.id for r in reads] == ["p0", "p1"] and size == 500
    reads, _ = batching.reads(BATCH, RESOURCES["company_info"], since)
    assert [(r.id, r.statement) for r in reads][1] == ("c0", "SELECT * FROM Preferences")
    reads, _ = batching.reads(BATCH, RESOURCES["tax_rate"], since)
    assert reads[1].statement.startswith("SELECT * FROM TaxRate WHERE Active IN (true, false)")
    # one call anyway: no batch
    for model in ("account", "item"):
        assert not batching.applies(BATCH, RESOURCES[model], since)
    assert all(batching.applies(BATCH, RESOURCES[m], since) for m in ("contact", "payment"))
    assert XeroProvider.batch is None  # Xero has no batch endpoint: its reads are unchanged


def test_past_intuits_batch_calls_a_minute_a_read_starts_with_plain_calls(quickbooks_sandbox):
    """Intuit allows 40 batch requests a minute per company (besides the 500 of every call):
    our limiter counts them, and a read past them starts with plain queries rather than wait
    (or meet a 429, which would block the company's other calls too)."""
    assert BATCH.per_minute == 40
    ctl = quickbooks_sandbox.control
    linked = link(quickbooks_sandbox)
    linked.provider.batch = replace(BATCH, per_minute=2)
    conn = linked.connector()
    expected = dumped(read_all(conn, "contact")[0])
    read_all(conn, "contact")
    ctl.reset_counters()
    records, calls, _ = read_all(conn, "contact")
    assert calls == 2 and ctl.counters()["requests"] == {"query": 2}
    assert dumped(records) == expected


def test_a_large_page_is_handed_on_in_parts_that_resume_at_it(quickbooks_sandbox):
    """The batch's 1,000 rows come as parts of `MAP_PART` records (the store starts on the
    first while the rest are mapped); a part's cursor reads its provider page again, the last
    part's goes on after it, and the page's calls count once."""
    ctl = quickbooks_sandbox.control
    ctl.reset(invoices=1_500)  # 1,512 Invoices and 6 Bills
    conn = link(quickbooks_sandbox).connector()
    _, calls, _ = read_all(conn, "invoice")
    pieces = parts(conn, "invoice")
    assert [len(p.records) for p in pieces] == [100] * 5 + [6] + [100] * 10 + [12]
    assert [p.continued for p in pieces] == [True] * 5 + [False] + [True] * 9 + [False] * 2
    assert sum(p.calls for p in pieces) == calls == 3
    assert [p.calls > 0 for p in pieces].count(True) == 3
    # A part of the batch's page resumes at the read's start; a part of the next page (Invoices
    # 501-1,500, parts 6-15) at that page: every record of it and after it comes again.
    for piece, first in ((pieces[2], 0), (pieces[10], 6)):
        resumed, _, _ = read_all(conn, "invoice", cursor=piece.next_cursor)
        expected = [r.remote_id for p in pieces[first:] for r in p.records]
        assert sorted(r.remote_id for r in resumed) == sorted(expected)
    with_parts = []
    for page in conn.list("credit_note"):  # joined per page: handed on whole
        with_parts.append(page)
    assert all(not p.continued for p in with_parts)
