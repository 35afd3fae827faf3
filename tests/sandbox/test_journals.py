"""The Xero sandbox's ManualJournals (read, write, Xero's validation) and Journals (every journal,
system ones included, read only, paged by offset), validated against Xero's OpenAPI spec."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .schemas import validate

SCOPE = (
    "openid offline_access accounting.invoices accounting.payments accounting.contacts "
    "accounting.settings accounting.manualjournals accounting.journals.read"
)


@pytest.fixture
def uk(xero_sandbox):
    tokens = xero_sandbox.connect(scope=SCOPE)
    return xero_sandbox.api(tokens["access_token"], "uk")


def _all_journals(api, **params):
    journals, offset, calls = [], 0, 0
    while True:
        body = api.get("Journals", params={"offset": offset, **params}).json()
        calls += 1
        validate(body, "Journals")
        journals += body["Journals"]
        if len(body["Journals"]) < 100:
            return journals, calls
        offset = body["Journals"][-1]["JournalNumber"]


def _net(journal) -> Decimal:
    return sum((Decimal(str(li["NetAmount"])) for li in journal["JournalLines"]), Decimal(0))


def test_seeded_manual_journals_in_every_status_match_the_spec(uk):
    response = uk.get("ManualJournals")
    assert response.status_code == 200
    body = response.json()
    validate(body, "ManualJournals")
    statuses = sorted(j["Status"] for j in body["ManualJournals"])
    assert statuses == ["DELETED", "DRAFT", "POSTED", "VOIDED"]  # DELETED: a draft deleted
    posted = next(j for j in body["ManualJournals"] if j["Status"] == "POSTED")
    one = uk.get(f"ManualJournals/{posted['ManualJournalID']}").json()
    validate(one, "ManualJournals")
    assert [li["LineAmount"] for li in one["ManualJournals"][0]["JournalLines"]] == [1200, -1200]


def test_journals_hold_system_journals_for_documents_and_every_one_balances(uk):
    journals, _ = _all_journals(uk)
    assert journals, "the seed's documents wrote journals"
    numbers = [j["JournalNumber"] for j in journals]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    sources = {j["SourceType"] for j in journals}
    assert {"ACCREC", "ACCPAY", "ACCRECPAYMENT", "MANJOURNAL"} <= sources
    for journal in journals:
        assert _net(journal) == 0, journal
    # The voided manual journal: posted once, then reversed (two journals, net nothing).
    voided = next(
        j for j in uk.get("ManualJournals").json()["ManualJournals"] if j["Status"] == "VOIDED"
    )
    its = [j for j in journals if j["SourceID"] == voided["ManualJournalID"]]
    assert len(its) == 2
    assert [li["NetAmount"] for li in its[1]["JournalLines"]] == [
        -li["NetAmount"] for li in its[0]["JournalLines"]
    ]
    # The draft wrote nothing.
    draft = next(
        j for j in uk.get("ManualJournals").json()["ManualJournals"] if j["Status"] == "DRAFT"
    )
    assert not [j for j in journals if j["SourceID"] == draft["ManualJournalID"]]


def test_journals_page_by_offset_not_by_page(uk):
    journals, _ = _all_journals(uk)
    middle = journals[len(journals) // 2]["JournalNumber"]
    after = uk.get("Journals", params={"offset": middle}).json()["Journals"]
    assert [j["JournalNumber"] for j in after] == [
        j["JournalNumber"] for j in journals if j["JournalNumber"] > middle
    ][:100]
    # `page` means nothing to /Journals: the first journals again.
    paged = uk.get("Journals", params={"page": 3}).json()
    assert "pagination" not in paged
    assert paged["Journals"][0]["JournalNumber"] == journals[0]["JournalNumber"]
    one = uk.get(f"Journals/{middle}").json()["Journals"][0]
    assert one["JournalNumber"] == middle
    assert uk.get(f"Journals/{one['JournalID']}").json()["Journals"][0] == one
    assert uk.get("Journals", params={"offset": "x"}).status_code == 400


def test_posting_a_manual_journal_writes_a_journal_and_voiding_reverses_it(uk):
    before, _ = _all_journals(uk)
    created = uk.put(
        "ManualJournals",
        json={
            "ManualJournals": [
                {
                    "Narration": "Depreciation",
                    "Date": "2024-03-31",
                    "Status": "POSTED",
                    "JournalLines": [
                        {"LineAmount": 75.5, "AccountCode": "429", "Description": "Laptop"},
                        {"LineAmount": -75.5, "AccountCode": "090"},
                    ],
                }
            ]
        },
    )
    assert created.status_code == 200, created.text
    validate(created.json(), "ManualJournals")
    journal_id = created.json()["ManualJournals"][0]["ManualJournalID"]
    after, _ = _all_journals(uk)
    new = after[len(before) :]
    assert [j["SourceType"] for j in new] == ["MANJOURNAL"]
    assert new[0]["SourceID"] == journal_id and new[0]["Reference"] == "Depreciation"
    assert {li["AccountCode"]: li["NetAmount"] for li in new[0]["JournalLines"]} == {
        "429": 75.5,
        "090": -75.5,
    }
    voided = uk.post(f"ManualJournals/{journal_id}", json={"Status": "VOIDED"})
    assert voided.json()["ManualJournals"][0]["Status"] == "VOIDED"
    last = _all_journals(uk)[0][-1]
    assert last["SourceID"] == journal_id and _net(last) == 0
    assert {li["AccountCode"]: li["NetAmount"] for li in last["JournalLines"]} == {
        "429": -75.5,
        "090": 75.5,
    }
    refused = uk.post(f"ManualJournals/{journal_id}", json={"Status": "POSTED"})
    assert refused.status_code == 400


def test_unbalanced_manual_journal_is_xeros_validation_exception_and_nothing_is_written(uk):
    before = uk.get("ManualJournals").json()["ManualJournals"]
    journals_before, _ = _all_journals(uk)
    response = uk.put(
        "ManualJournals",
        json={
            "ManualJournals": [
                {
                    "Narration": "Typo",
                    "Status": "POSTED",
                    "JournalLines": [
                        {"LineAmount": 100, "AccountCode": "429"},
                        {"LineAmount": -90, "AccountCode": "090"},
                    ],
                }
            ]
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert body["Type"] == "ValidationException"
    messages = [e["Message"] for e in body["Elements"][0]["ValidationErrors"]]
    assert messages == ["The total debits (100.00) must equal total credits (90.00)"]
    assert uk.get("ManualJournals").json()["ManualJournals"] == before
    assert _all_journals(uk)[0] == journals_before


def test_approving_an_invoice_writes_its_journal_and_a_payment_another(uk):
    contact = uk.get("Contacts").json()["Contacts"][0]["ContactID"]
    invoice = uk.put(
        "Invoices",
        json={
            "Type": "ACCREC",
            "Status": "AUTHORISED",
            "Contact": {"ContactID": contact},
            "Date": "2024-04-01",
            "DueDate": "2024-04-30",
            "LineAmountTypes": "Exclusive",
            "LineItems": [
                {"Description": "Work", "Quantity": 1, "UnitAmount": 100, "AccountCode": "200"}
            ],
        },
    ).json()["Invoices"][0]
    uk.put(
        "Payments",
        json={
            "Invoice": {"InvoiceID": invoice["InvoiceID"]},
            "Account": {"Code": "090"},
            "Amount": 50,
            "Date": "2024-04-02",
        },
    )
    journals, _ = _all_journals(uk)
    mine = [j for j in journals if j["SourceID"] == invoice["InvoiceID"]]
    assert len(mine) == 1  # paying it (AUTHORISED → part paid) changed no postings
    lines = {li["AccountCode"]: li for li in mine[0]["JournalLines"]}
    assert lines["610"]["NetAmount"] == 120 and lines["200"]["NetAmount"] == -100
    assert lines["200"]["TaxAmount"] == -20 and lines["820"]["NetAmount"] == -20
    payment_journal = journals[-1]
    assert payment_journal["SourceType"] == "ACCRECPAYMENT"
    assert {li["AccountCode"]: li["NetAmount"] for li in payment_journal["JournalLines"]} == {
        "090": 50,
        "610": -50,
    }
    only = uk.get("Journals", params={"paymentsOnly": "true"}).json()["Journals"]
    assert only and {j["SourceType"] for j in only} <= {
        "ACCRECPAYMENT",
        "ACCPAYPAYMENT",
        "ARCREDITPAYMENT",
        "APCREDITPAYMENT",
    }


def test_journals_need_their_scope(xero_sandbox):
    tokens = xero_sandbox.connect(
        scope="openid accounting.invoices accounting.settings"  # no journal scopes
    )
    api = xero_sandbox.api(tokens["access_token"], "uk")
    assert api.get("Journals").status_code in (401, 403)
    assert api.get("ManualJournals").status_code in (401, 403)
