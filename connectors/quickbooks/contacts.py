"""Contact writes at QuickBooks: a Customer or a Vendor (which one: ``mappers_contact``).

- create: ``POST /customer`` or ``POST /vendor`` with the fields set;
- update: the record read first (its ``SyncToken``: QuickBooks refuses a stale write), then a
  sparse update of the fields sent, to the list the contact is in (a role change is refused
  before any call);
- delete: QuickBooks never deletes a name, so the contact is archived as Xero's are (a sparse
  ``"Active": false``) and the archived record returned (``status`` ARCHIVED); one already
  archived is returned as it is, nothing written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unified_models import Contact, ContactStatus, UnifiedRecord

from ..errors import ValidationFailed
from .mappers_contact import contact_role, contact_to_qbo, role_change

if TYPE_CHECKING:
    from .connector import QuickBooksConnector

__all__ = ["archive_contact", "create_contact", "update_contact"]

MODEL = "contact"


def _part(conn: QuickBooksConnector, operation: str, vendor: bool) -> Any:
    spec = conn.provider.resource(MODEL, operation)
    entity = "Vendor" if vendor else "Customer"
    return next(p for p in spec.sources if p.resource_name == entity)


def create_contact(
    conn: QuickBooksConnector, data: Any, idempotency_key: str | None
) -> UnifiedRecord:
    missing = data.missing_for_create()
    if missing:
        raise ValidationFailed(
            "required fields are missing",
            details=[{"field": f, "message": "This field is required."} for f in missing],
        )
    vendor = contact_role(data)
    body = contact_to_qbo(data, vendor=vendor)
    part = _part(conn, "create", vendor)
    return conn._post(part, part.resource_name.lower(), body, idempotency_key)


def update_contact(
    conn: QuickBooksConnector, remote_id: str, data: Any, idempotency_key: str | None
) -> UnifiedRecord:
    spec = conn.provider.resource(MODEL, "update")
    part, own_id = spec.source_for(remote_id)
    vendor = part.resource_name == "Vendor"
    role_change(data, vendor=vendor)
    contact_to_qbo(data, vendor=vendor)  # refusals before the read
    current = conn.get(MODEL, remote_id)
    token = str((current.remote_data or {}).get("SyncToken", "0"))
    body = contact_to_qbo(data, vendor=vendor, remote_id=own_id, sync_token=token)
    return conn._post(part, part.resource_name.lower(), body, idempotency_key)


def archive_contact(conn: QuickBooksConnector, remote_id: str) -> UnifiedRecord:
    spec = conn.provider.resource(MODEL, "delete")
    part, own_id = spec.source_for(remote_id)
    current = conn.get(MODEL, remote_id)
    assert isinstance(current, Contact)
    if current.status is ContactStatus.ARCHIVED:
        return current
    token = str((current.remote_data or {}).get("SyncToken", "0"))
    body = {"Id": own_id, "SyncToken": token, "sparse": True, "Active": False}
    return conn._post(part, part.resource_name.lower(), body, None)
