"""The unified store: idempotent upserts, derived ids, references, change reports."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from gateway.records.ids import record_id
from gateway.records.models import Record
from gateway.records.store import mark_deleted, upsert_records
from tests.gateway.builders import contact, invoice, make_linked_account, payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(customer_with_key):
    return make_linked_account(customer_with_key[0])


def test_upsert_creates_then_ignores_identical_then_reports_updates(linked):
    first = upsert_records(linked, "contact", [contact("c1"), contact("c2")])
    assert [c.kind for c in first] == ["created", "created"]
    assert upsert_records(linked, "contact", [contact("c1"), contact("c2")]) == []
    changed = upsert_records(linked, "contact", [contact("c1", name="Renamed Ltd")])
    assert [(c.remote_id, c.kind) for c in changed] == [("c1", "updated")]
    assert Record.objects.filter(linked_account=linked).count() == 2


def test_ids_are_stable_and_references_resolve_before_the_target_exists(linked):
    upsert_records(linked, "payment", [payment("p1", "i1", "c1")])
    upsert_records(linked, "invoice", [invoice("i1", "c1")])
    upsert_records(linked, "contact", [contact("c1")])
    pay = json.loads(Record.objects.get(remote_id="p1").document)
    inv = json.loads(Record.objects.get(remote_id="i1").document)
    con = json.loads(Record.objects.get(remote_id="c1").document)
    assert pay["applied_to"][0]["related_object_id"] == inv["id"]
    assert pay["contact"] == inv["contact"] == con["id"]
    assert inv["id"] == str(record_id(linked.id, "invoice", "i1"))


def test_document_is_the_api_shape_with_money_as_strings(linked):
    upsert_records(linked, "invoice", [invoice("i1", "c1")])
    row = Record.objects.get(remote_id="i1")
    doc = json.loads(row.document)
    assert doc["total_amount"] == "73.80"
    assert doc["line_items"][0]["unit_price"] == "10.25"
    assert {"id", "created_at", "modified_at", "remote_updated_at"} <= set(doc)
    assert "remote_data" not in doc
    assert json.loads(row.remote_data, parse_float=Decimal) == {
        "InvoiceID": "i1",
        "Total": Decimal("73.80"),
    }
    assert row.status == "OPEN" and row.type == "ACCOUNTS_RECEIVABLE"


def test_created_at_is_kept_and_modified_at_moves_on_change(linked):
    upsert_records(linked, "contact", [contact("c1")])
    before = json.loads(Record.objects.get(remote_id="c1").document)
    upsert_records(linked, "contact", [contact("c1", name="New")])
    after = json.loads(Record.objects.get(remote_id="c1").document)
    assert after["created_at"] == before["created_at"]
    assert after["modified_at"] > before["modified_at"]


def test_deletion_is_reported_and_kept(linked):
    upsert_records(linked, "invoice", [invoice("i1")])
    changes = upsert_records(linked, "invoice", [invoice("i1", remote_was_deleted=True)])
    assert [c.kind for c in changes] == ["deleted"]
    assert Record.objects.get(remote_id="i1").remote_was_deleted is True


def test_mark_deleted_flags_the_record_once(linked):
    upsert_records(linked, "contact", [contact("c1")])
    assert mark_deleted(linked, "contact", "c1").kind == "deleted"
    assert mark_deleted(linked, "contact", "c1") is None
    assert json.loads(Record.objects.get(remote_id="c1").document)["remote_was_deleted"] is True


def test_same_remote_id_in_two_accounts_are_two_records(customer_with_key, linked):
    other = make_linked_account(customer_with_key[0])
    upsert_records(linked, "contact", [contact("c1")])
    upsert_records(other, "contact", [contact("c1")])
    ids = set(Record.objects.filter(remote_id="c1").values_list("id", flat=True))
    assert len(ids) == 2


def _postgres_only():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the COPY upsert and TOAST compression are PostgreSQL's")


def test_a_large_page_goes_through_copy_and_reports_the_same_changes(linked):
    _postgres_only()
    page = [invoice(f"i{n}", "c1") for n in range(120)]
    assert {c.kind for c in upsert_records(linked, "invoice", page)} == {"created"}
    assert upsert_records(linked, "invoice", page) == []
    page[7] = invoice("i7", "c1", number="INV-RENAMED")
    changed = upsert_records(linked, "invoice", page)
    assert [(c.remote_id, c.kind) for c in changed] == [("i7", "updated")]
    stored = Record.objects.get(linked_account=linked, model="invoice", remote_id="i7")
    assert json.loads(stored.document)["number"] == "INV-RENAMED"
    assert Record.objects.filter(linked_account=linked, model="invoice").count() == 120


def test_large_documents_are_compressed_with_lz4_where_the_server_has_it(linked):
    _postgres_only()
    from django.db import connection

    from gateway.core.toast import _lz4_supported

    with connection.cursor() as cursor:
        if not _lz4_supported(cursor):
            pytest.skip("this PostgreSQL was built without lz4")
    padding = {"Padding": " ".join(f"word{n}" for n in range(800))}  # well past TOAST's 2 KB
    upsert_records(
        linked, "invoice", [invoice(f"i{n}", "c1", remote_data=padding) for n in range(60)]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT pg_column_compression(remote_data) FROM records_record "
            "WHERE linked_account_id = %s",
            [linked.id],
        )
        assert cursor.fetchall() == [("lz4",)]


def test_new_rows_copied_straight_in_fall_back_to_the_upsert_when_one_was_stored_meanwhile(
    linked, monkeypatch
):
    """A page of records not stored yet is COPYed into the table; if another writer stored one
    of them between the lookup and the COPY, the unique constraint refuses the COPY and the
    page is upserted instead: nothing duplicated, nothing lost."""
    _postgres_only()
    from gateway.records import store

    page = [invoice(f"i{n}", "c1") for n in range(60)]
    assert {c.kind for c in upsert_records(linked, "invoice", page)} == {"created"}
    monkeypatch.setattr(store, "_existing", lambda *args: {})  # as if none were stored
    page[3] = invoice("i3", "c1", number="INV-MEANWHILE")
    changes = upsert_records(linked, "invoice", page)
    assert len(changes) == 60  # reported as created: the lookup saw none of them
    assert Record.objects.filter(linked_account=linked, model="invoice").count() == 60
    stored = Record.objects.get(linked_account=linked, model="invoice", remote_id="i3")
    assert json.loads(stored.document)["number"] == "INV-MEANWHILE"


def _stored_columns(account) -> dict[str, tuple]:
    """Every column of the account's records but the write's own (sequence, timestamps), and
    each document without its timestamps."""
    skip = {"seq", "created_at", "modified_at", "document"}
    fields = [f.attname for f in Record._meta.concrete_fields if f.name not in skip]
    rows = Record.objects.filter(linked_account=account).values_list(
        "remote_id", "document", *fields
    )
    stored = {}
    for remote_id, document, *values in rows:
        body = json.loads(document)
        del body["created_at"], body["modified_at"]
        stored[remote_id] = (body, *values)
    return stored


def _awkward_page() -> list:
    """Records whose values stress a bulk write: tabs, newlines, backslashes, quotes, non-ASCII
    text, exponent and long-fraction amounts, NULLs, booleans, dates."""
    text = 'Tab\there\nnew line \\ back\\slash "quoted" \u00e9\u4e2d\U0001f600 \\N'
    return [
        invoice(
            f"i{n}",
            f"c{n % 3}" if n % 4 else None,
            number=f"INV\t{n}\\{text}",
            total_amount=Decimal("1E+3") if n == 1 else Decimal(f"{n}.0000000001"),
            balance=None if n % 2 else Decimal("-0.00"),
            due_date=None if n == 2 else date(2026, 12, 31),
            remote_data={"Note": text, "Amount": Decimal("1.5E-7"), "n": n},
        )
        for n in range(60)
    ]


def test_the_bulk_copies_store_every_column_as_the_orm_does(linked):
    """A page of 60 goes through binary COPY (new rows straight in; changed rows through the
    staging table), 40 records at a time through the ORM: what is stored is the same."""
    _postgres_only()
    page = _awkward_page()
    for start in range(0, len(page), 40):
        upsert_records(linked, "invoice", page[start : start + 40])
    by_orm = _stored_columns(linked)
    Record.objects.filter(linked_account=linked).delete()
    upsert_records(linked, "invoice", page)
    by_copy = _stored_columns(linked)
    Record.objects.filter(linked_account=linked).delete()
    upsert_records(linked, "invoice", [invoice(r.remote_id) for r in page])
    upsert_records(linked, "invoice", page)  # every one changed: through the staging table
    by_staging = _stored_columns(linked)
    assert len(by_orm) == 60
    assert by_orm["i5"][0]["number"] == page[5].number
    assert by_copy == by_orm
    assert by_staging == by_orm
