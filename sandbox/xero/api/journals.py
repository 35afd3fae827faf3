"""``GET /Journals``: every journal of the books, read only, paged by ``offset`` (not ``page``).

Xero answers the (at most) 100 journals whose ``JournalNumber`` is above ``offset``, in number
order; a client asks again with the last number it got until an answer holds fewer than 100.
``If-Modified-Since`` keeps the journals written (``CreatedDateUTC``) since then;
``paymentsOnly=true`` only those of payments. ``GET /Journals/{JournalID or JournalNumber}``
answers one. The answer has no ``pagination`` object (Xero's Journals response has none).
"""

from __future__ import annotations

from flask import Blueprint, Response, g, request

from .. import resources as R
from ..domain.errors import query_parse_body
from ..ids import is_guid
from ..records import row_json
from ..xdates import parse_http_instant
from .accounting import _args, _finish, _flag, _guarded
from .guard import release_slot
from .http import envelope, json_response, not_found, sandbox

bp = Blueprint("journals", __name__, url_prefix="/api.xro/2.0")
bp.teardown_request(release_slot)

#: Journals per answer (Xero's fixed page; there is no size parameter).
PAGE = 100
PAYMENT_SOURCES = ("ACCRECPAYMENT", "ACCPAYPAYMENT", "ARCREDITPAYMENT", "APCREDITPAYMENT")


@bp.get("/Journals")
@bp.get("/journals")
def list_journals() -> Response:
    if (denied := _guarded("Journals")) is not None:
        return _finish(denied)
    args = _args()
    raw_offset = args.get("offset", "").strip() or "0"
    try:
        offset = int(raw_offset)
    except ValueError:
        return _finish(
            json_response(query_parse_body(f"'{raw_offset}' is not a valid integer"), 400)
        )
    clauses = ["tenant_id=?", "kind=?", "CAST(number AS INTEGER) > ?"]
    params: list = [g.tenant_id, R.JOURNALS.kind, offset]
    if _flag(args, "paymentsOnly"):
        clauses.append(f"type IN ({','.join('?' * len(PAYMENT_SOURCES))})")
        params += PAYMENT_SOURCES
    since = request.headers.get("If-Modified-Since")
    if since:
        try:
            params.append(parse_http_instant(since))
        except ValueError:
            body = query_parse_body(f"The If-Modified-Since header '{since}' is not a valid date")
            return _finish(json_response(body, 400))
        clauses.append("updated_ms >= ?")
    rows = sandbox().store.all(
        f"SELECT * FROM records WHERE {' AND '.join(clauses)} "  # noqa: S608 - fixed clauses
        f"ORDER BY CAST(number AS INTEGER) ASC LIMIT {PAGE}",
        params,
    )
    return _finish(envelope(R.JOURNALS.collection, [row_json(r) for r in rows], g.provider))


@bp.get("/Journals/<ident>")
@bp.get("/journals/<ident>")
def get_journal(ident: str) -> Response:
    if (denied := _guarded("Journals", "/{id}")) is not None:
        return _finish(denied)
    store = sandbox().store
    if is_guid(ident):
        row = store.get_record(g.tenant_id, R.JOURNALS.kind, ident)
    elif ident.isdigit():
        row = store.one(
            "SELECT * FROM records WHERE tenant_id=? AND kind=? AND number=?",
            (g.tenant_id, R.JOURNALS.kind, str(int(ident))),
        )
    else:
        row = None
    if row is None:
        return _finish(not_found())
    return _finish(envelope(R.JOURNALS.collection, [row_json(row)], g.provider))
