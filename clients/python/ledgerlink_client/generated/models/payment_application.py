from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.related_object_type import RelatedObjectType
from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentApplication")


@_attrs_define
class PaymentApplication:
    related_object_type: RelatedObjectType
    related_object_remote_id: str
    """ The provider's id of the document the amount is applied to. """
    applied_amount: Decimal
    """ Amount applied. """
    related_object_id: None | str | Unset = UNSET
    """ Ledgerlink's id of the document the amount is applied to. """

    def to_dict(self) -> dict[str, Any]:
        related_object_type = self.related_object_type.value

        related_object_remote_id = self.related_object_remote_id

        applied_amount = str(self.applied_amount)

        related_object_id: None | str | Unset
        if isinstance(self.related_object_id, Unset):
            related_object_id = UNSET
        else:
            related_object_id = self.related_object_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "related_object_type": related_object_type,
                "related_object_remote_id": related_object_remote_id,
                "applied_amount": applied_amount,
            }
        )
        if related_object_id is not UNSET:
            field_dict["related_object_id"] = related_object_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        related_object_type = RelatedObjectType(d.pop("related_object_type"))

        related_object_remote_id = d.pop("related_object_remote_id")

        applied_amount = Decimal(d.pop("applied_amount"))

        def _parse_related_object_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        related_object_id = _parse_related_object_id(d.pop("related_object_id", UNSET))

        payment_application = cls(
            related_object_type=related_object_type,
            related_object_remote_id=related_object_remote_id,
            applied_amount=applied_amount,
            related_object_id=related_object_id,
        )

        return payment_application
