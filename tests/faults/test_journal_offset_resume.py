"""Xero's Journals are paged by offset (the last JournalNumber read), not by page. A worker
SIGKILLed part-way through reading them leaves a checkpoint whose cursor names the last journal
number it stored; the next worker resumes after it and reads every journal exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from connectors.cursor import ListCursor
from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import ModelCheckpoint, RunTrigger
from tests.gateway.sync.live import wait_until

pytestmark = [pytest.mark.slow]

MODEL = "general_ledger_transaction"
SCOPE = (
    "openid offline_access accounting.invoices accounting.payments accounting.contacts "
    "accounting.settings accounting.manualjournals accounting.journals.read"
)


def link_with_journals(live, customer):
    from gateway.accounts.models import Grant, LinkedAccount

    tokens = live.sandbox.connect(tenants=["uk"], scope=SCOPE)
    grant = Grant.objects.create(
        customer=customer,
        provider="xero",
        end_user_id="user-1",
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        access_expires_at=datetime.now(UTC) + timedelta(seconds=tokens["expires_in"]),
        refreshed_at=datetime.now(UTC),
    )
    account = LinkedAccount.objects.create(
        customer=customer,
        grant=grant,
        provider="xero",
        tenant_id=live.sandbox.tenant_id("uk"),
        tenant_name=live.sandbox.tenant_names["uk"],
        end_user_id="user-1",
    )
    return account, live.sandbox.api(tokens["access_token"], "uk")


def all_journal_numbers(api) -> list[int]:
    numbers, offset = [], 0
    while True:
        page = api.get("Journals", params={"offset": offset}).json()["Journals"]
        numbers += [j["JournalNumber"] for j in page]
        if len(page) < 100:
            return numbers
        offset = page[-1]["JournalNumber"]


def stored_numbers(account) -> list[int]:
    import json

    docs = Record.objects.filter(linked_account=account, model=MODEL).values_list(
        "document", flat=True
    )
    return [int(json.loads(d)["number"]) for d in docs]


def test_a_killed_worker_resumes_journals_after_the_last_number_it_stored(live, customer_with_key):
    sandbox = live.sandbox
    customer, _ = customer_with_key
    account, api = link_with_journals(live, customer)
    manual = [
        {
            "Narration": f"Accrual {i}",
            "Date": "2024-05-01",
            "Status": "POSTED",
            "JournalLines": [
                {"LineAmount": "10.00", "AccountCode": "429"},
                {"LineAmount": "-10.00", "AccountCode": "090"},
            ],
        }
        for i in range(520)
    ]
    assert api.put("ManualJournals", json={"ManualJournals": manual}).status_code == 200
    expected = all_journal_numbers(api)
    assert len(expected) > 500 and expected == list(range(1, len(expected) + 1))
    sandbox.control.faults([{"prefix": "/api.xro/2.0/Journals", "slow": 1.0, "slow_ms": 900}])

    fast = {"SYNC_LEASE_SECONDS": "2", "SYNC_TICK_SECONDS": "1"}
    first = live.worker(env=fast)
    run = services.request_sync(account, "full", RunTrigger.API)

    def mid_journals():
        checkpoint = ModelCheckpoint.objects.filter(linked_account=account, model=MODEL).first()
        return checkpoint and checkpoint.cursor and checkpoint.records_seen >= 200

    wait_until(mid_journals, 90, "the sync to be part-way through the journals")
    first.kill()  # SIGKILL
    stopped = ModelCheckpoint.objects.get(linked_account=account, model=MODEL)
    seen_before = stored_numbers(account)
    assert 200 <= len(seen_before) < len(expected)
    # The resume cursor is the last journal number stored: the next call is ?offset=<it>.
    assert ListCursor.decode(stopped.cursor).page == max(seen_before) == len(seen_before)
    sandbox.control.clear_faults()

    live.worker(env=fast, beat=True)  # the tick finds the dead worker's run and resumes it
    live.wait_for_run(run.id, timeout=120)

    numbers = stored_numbers(account)
    assert sorted(numbers) == expected  # every journal, none twice
    finished = ModelCheckpoint.objects.get(linked_account=account, model=MODEL)
    assert finished.cursor is None and finished.records_seen == len(expected)  # read once
    created = Event.objects.filter(linked_account=account, type=f"{MODEL}.created").count()
    assert created == len(expected)
    seqs = sorted(Event.objects.filter(linked_account=account).values_list("sequence", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
