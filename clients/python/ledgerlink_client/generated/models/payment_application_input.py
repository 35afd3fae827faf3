from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.related_object_type import RelatedObjectType
from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentApplicationInput")


@_attrs_define
class PaymentApplicationInput:
    related_object_type: RelatedObjectType | Unset = UNSET
    related_object_id: None | str | Unset = UNSET
    """ Ledgerlink's id of the document the amount is applied to. """
    related_object_remote_id: None | str | Unset = UNSET
    """ The provider's id of the document the amount is applied to. """
    applied_amount: Decimal | float | None | Unset = UNSET
    """ Amount applied. A decimal (a string, or a JSON number): at most 12 digits before the point and 4 after;
    beyond that the answer is 422. """

    def to_dict(self) -> dict[str, Any]:
        related_object_type: str | Unset = UNSET
        if not isinstance(self.related_object_type, Unset):
            related_object_type = self.related_object_type.value

        related_object_id: None | str | Unset
        if isinstance(self.related_object_id, Unset):
            related_object_id = UNSET
        else:
            related_object_id = self.related_object_id

        related_object_remote_id: None | str | Unset
        if isinstance(self.related_object_remote_id, Unset):
            related_object_remote_id = UNSET
        else:
            related_object_remote_id = self.related_object_remote_id

        applied_amount: float | None | str | Unset
        if isinstance(self.applied_amount, Unset):
            applied_amount = UNSET
        elif isinstance(self.applied_amount, Decimal):
            applied_amount = str(self.applied_amount)
        else:
            applied_amount = self.applied_amount

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if related_object_type is not UNSET:
            field_dict["related_object_type"] = related_object_type
        if related_object_id is not UNSET:
            field_dict["related_object_id"] = related_object_id
        if related_object_remote_id is not UNSET:
            field_dict["related_object_remote_id"] = related_object_remote_id
        if applied_amount is not UNSET:
            field_dict["applied_amount"] = applied_amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _related_object_type = d.pop("related_object_type", UNSET)
        related_object_type: RelatedObjectType | Unset
        if isinstance(_related_object_type, Unset):
            related_object_type = UNSET
        else:
            related_object_type = RelatedObjectType(_related_object_type)

        def _parse_related_object_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        related_object_id = _parse_related_object_id(d.pop("related_object_id", UNSET))

        def _parse_related_object_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        related_object_remote_id = _parse_related_object_remote_id(
            d.pop("related_object_remote_id", UNSET)
        )

        def _parse_applied_amount(data: object) -> Decimal | float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                applied_amount_type_0 = Decimal(data)

                return applied_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | float | None | Unset, data)

        applied_amount = _parse_applied_amount(d.pop("applied_amount", UNSET))

        payment_application_input = cls(
            related_object_type=related_object_type,
            related_object_id=related_object_id,
            related_object_remote_id=related_object_remote_id,
            applied_amount=applied_amount,
        )

        return payment_application_input
