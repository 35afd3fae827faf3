"""The offset paginator against a fake Xero: ``GET /Journals?offset=N`` answers the journals
numbered above N, 100 at a time; the connector sends the last number it got, resumes from a
cursor naming it, sends If-Modified-Since on incremental reads, and stops if a provider's
answer does not move the offset forward."""

from __future__ import annotations

from datetime import UTC, datetime

from connectors.cursor import ListCursor

from .conftest import TENANT
from .fakes import Reply, Request

API = "/api.xro/2.0"


def journal(number: int) -> dict:
    return {
        "JournalID": f"j-{number}",
        "JournalNumber": number,
        "JournalDate": "/Date(1700000000000+0000)/",
        "CreatedDateUTC": f"/Date({1700000000000 + number * 1000}+0000)/",
        "SourceType": "MANJOURNAL",
        "SourceID": f"mj-{number}",
        "JournalLines": [
            {"JournalLineID": f"a-{number}", "AccountCode": "429", "NetAmount": 1.5},
            {"JournalLineID": f"b-{number}", "AccountCode": "090", "NetAmount": -1.5},
        ],
    }


def journals(total: int, gaps: bool = False):
    numbers = [n * (3 if gaps else 1) for n in range(1, total + 1)]

    def handler(req: Request) -> Reply:
        offset = int(req.query.get("offset", 0))
        rows = [journal(n) for n in numbers if n > offset][:100]
        return Reply(200, {"Journals": rows})

    return handler


def test_offsets_follow_the_last_journal_number(fake, provider, store):
    fake.route("GET", f"{API}/Journals", journals(250, gaps=True))
    pages = list(provider.connect(store, TENANT).list("general_ledger_transaction"))
    assert [len(p.records) for p in pages] == [100, 100, 50]
    offsets = [r.query["offset"] for r in fake.calls(f"{API}/Journals")]
    assert offsets == ["0", "300", "600"]  # numbers have gaps: the offset is a number, not a count
    assert [ListCursor.decode(p.next_cursor).page for p in pages[:-1]] == [300, 600]
    assert pages[-1].next_cursor is None
    assert all("page" not in r.query for r in fake.calls(f"{API}/Journals"))


def test_a_cursor_resumes_after_its_journal_number(fake, provider, store):
    fake.route("GET", f"{API}/Journals", journals(230))
    conn = provider.connect(store, TENANT)
    cursor = ListCursor("general_ledger_transaction", 100).encode()
    records = [r for p in conn.list("general_ledger_transaction", cursor=cursor) for r in p.records]
    assert [int(r.number) for r in records] == list(range(101, 231))
    assert [r.query["offset"] for r in fake.calls(f"{API}/Journals")] == ["100", "200"]


def test_incremental_reads_send_if_modified_since(fake, provider, store):
    fake.route("GET", f"{API}/Journals", journals(5))
    since = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    list(provider.connect(store, TENANT).list("general_ledger_transaction", modified_since=since))
    (call,) = fake.calls(f"{API}/Journals")
    assert call.headers["if-modified-since"].startswith("2026-01-02T03:04:05")


def test_an_answer_that_does_not_move_the_offset_ends_the_read(fake, provider, store):
    fake.route("GET", f"{API}/Journals", lambda req: Reply(200, {"Journals": [journal(1)] * 100}))
    pages = list(provider.connect(store, TENANT).list("general_ledger_transaction"))
    assert len(pages) == 2 and pages[-1].next_cursor is None  # offset 0 → 1 → 1: stop
