"""A write with a stale ``SyncToken`` (Intuit's fault 5010) is a ``Conflict``, never a
validation error: the caller must read the record again, not fix its body."""

from __future__ import annotations

import json

from connectors.errors import Conflict, ValidationFailed
from connectors.http import Response
from connectors.quickbooks.connector import QuickBooksConnector

#: Intuit's answer to an update carrying an old SyncToken (its "Stale Object Error").
STALE = {
    "Fault": {
        "Error": [
            {
                "Message": "Stale Object Error",
                "Detail": "Stale Object Error : You and another user were working on the same "
                "thing. The other user finished before you did, so your work was not saved.",
                "code": "5010",
                "element": "",
            }
        ],
        "type": "ValidationFault",
    },
    "time": "2026-11-30T09:12:44.118-08:00",
}


def _translate(body: dict, context: str = "invoice"):
    response = Response(400, {}, json.dumps(body).encode())
    return QuickBooksConnector.translate_error(None, response, context)  # type: ignore[arg-type]


def test_stale_sync_token_is_a_conflict() -> None:
    error = _translate(STALE)
    assert isinstance(error, Conflict) and not isinstance(error, ValidationFailed)
    assert error.http_status == 409 and error.current is None
    assert "Stale Object Error" in error.message


def test_other_validation_faults_stay_validation_errors() -> None:
    body = json.loads(json.dumps(STALE))
    body["Fault"]["Error"][0].update(code="6240", Message="Duplicate Name Exists Error")
    assert isinstance(_translate(body), ValidationFailed)
