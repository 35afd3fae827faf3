from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_type import EventType

T = TypeVar("T", bound="Event")


@_attrs_define
class Event:
    id: UUID
    """ Stable: the same in every delivery and replay. """
    type_: EventType
    """ * `company_info.created` - company_info.created
    * `company_info.updated` - company_info.updated
    * `company_info.deleted` - company_info.deleted
    * `tax_rate.created` - tax_rate.created
    * `tax_rate.updated` - tax_rate.updated
    * `tax_rate.deleted` - tax_rate.deleted
    * `ledger_account.created` - ledger_account.created
    * `ledger_account.updated` - ledger_account.updated
    * `ledger_account.deleted` - ledger_account.deleted
    * `tracking_category.created` - tracking_category.created
    * `tracking_category.updated` - tracking_category.updated
    * `tracking_category.deleted` - tracking_category.deleted
    * `item.created` - item.created
    * `item.updated` - item.updated
    * `item.deleted` - item.deleted
    * `contact.created` - contact.created
    * `contact.updated` - contact.updated
    * `contact.deleted` - contact.deleted
    * `invoice.created` - invoice.created
    * `invoice.updated` - invoice.updated
    * `invoice.deleted` - invoice.deleted
    * `invoice.due_soon` - invoice.due_soon
    * `invoice.overdue` - invoice.overdue
    * `invoice.paid` - invoice.paid
    * `credit_note.created` - credit_note.created
    * `credit_note.updated` - credit_note.updated
    * `credit_note.deleted` - credit_note.deleted
    * `payment.created` - payment.created
    * `payment.updated` - payment.updated
    * `payment.deleted` - payment.deleted
    * `purchase_order.created` - purchase_order.created
    * `purchase_order.updated` - purchase_order.updated
    * `purchase_order.deleted` - purchase_order.deleted
    * `bank_transaction.created` - bank_transaction.created
    * `bank_transaction.updated` - bank_transaction.updated
    * `bank_transaction.deleted` - bank_transaction.deleted
    * `expense.created` - expense.created
    * `expense.updated` - expense.updated
    * `expense.deleted` - expense.deleted
    * `bank_transfer.created` - bank_transfer.created
    * `bank_transfer.updated` - bank_transfer.updated
    * `bank_transfer.deleted` - bank_transfer.deleted
    * `journal_entry.created` - journal_entry.created
    * `journal_entry.updated` - journal_entry.updated
    * `journal_entry.deleted` - journal_entry.deleted
    * `general_ledger_transaction.created` - general_ledger_transaction.created
    * `general_ledger_transaction.updated` - general_ledger_transaction.updated
    * `general_ledger_transaction.deleted` - general_ledger_transaction.deleted
    * `account.linked` - account.linked
    * `account.relink_required` - account.relink_required
    * `sync.completed` - sync.completed
    * `sync.failed` - sync.failed
    * `webhook_endpoint.disabled` - webhook_endpoint.disabled """
    linked_account_id: UUID
    """ The linked account it happened in. """
    sequence: int
    """ Per linked account, gapless and increasing in commit order. """
    created_at: datetime.datetime
    """ When Ledgerlink recorded the event. """
    data: Any
    """ Record events and the derived `invoice.due_soon|overdue|paid`: the record as the API returns it. Account
    events: the linked account. Sync events: the run. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_.value

        linked_account_id = str(self.linked_account_id)

        sequence = self.sequence

        created_at = self.created_at.isoformat()

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "linked_account_id": linked_account_id,
                "sequence": sequence,
                "created_at": created_at,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        type_ = EventType(d.pop("type"))

        linked_account_id = UUID(d.pop("linked_account_id"))

        sequence = d.pop("sequence")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = d.pop("data")

        event = cls(
            id=id,
            type_=type_,
            linked_account_id=linked_account_id,
            sequence=sequence,
            created_at=created_at,
            data=data,
        )

        event.additional_properties = d
        return event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
