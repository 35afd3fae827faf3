"""Stored documents and event bodies written with `+00:00` are rewritten to `Z` once."""

from __future__ import annotations

import pytest

from gateway.core.wire_timestamps import rewrite_stored, rewritten
from gateway.events.models import Event
from gateway.records.models import Record

pytestmark = pytest.mark.django_db


def test_only_utc_timestamps_change():
    text = (
        '{"amount":1.10,"created_at":"2026-01-01T09:00:00.123456+00:00",'
        '"name":"+00:00","local":"2026-01-01T09:00:00+01:00","n":[{"t":"2026-01-01T09:00:00+00:00"}]}'
    )
    assert rewritten(text) == (
        '{"amount":1.10,"created_at":"2026-01-01T09:00:00.123456Z",'
        '"name":"+00:00","local":"2026-01-01T09:00:00+01:00","n":[{"t":"2026-01-01T09:00:00Z"}]}'
    )
    assert rewritten('{"created_at":"2026-01-01T09:00:00Z"}') is None
    assert rewritten('{"name":"+00:00"}') is None
    quoted = r'{"memo":"said \"2026-01-01T09:00:00+00:00\" once"}'  # inside a string: kept
    assert rewritten(quoted) is None


def test_stored_rows_are_rewritten(account):
    record = Record.objects.filter(linked_account=account).first()
    record.document = record.document.replace('Z"', '+00:00"')
    record.save(update_fields=["document"])
    event = Event.objects.filter(linked_account=account).first()
    event.data = event.data.replace('Z"', '+00:00"')
    event.save(update_fields=["data"])
    assert "+00:00" in record.document and "+00:00" in event.data

    rewrite_stored(Record, "document", batch=2)
    rewrite_stored(Event, "data", batch=2)

    record.refresh_from_db()
    event.refresh_from_db()
    assert "+00:00" not in record.document and "+00:00" not in event.data
