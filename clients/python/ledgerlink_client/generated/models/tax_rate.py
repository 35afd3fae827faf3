from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.tax_rate_applies_to import TaxRateAppliesTo
from ..models.tax_rate_status import TaxRateStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tax_rate_component import TaxRateComponent
    from ..models.tax_rate_remote_data_type_0 import TaxRateRemoteDataType0


T = TypeVar("T", bound="TaxRate")


@_attrs_define
class TaxRate:
    """``remote_id`` is what lines and accounts use as ``tax_rate_remote_id`` (Xero: the TaxType
    code, e.g. ``OUTPUT``; QuickBooks: the TaxCode Id).

    """

    remote_id: str
    """ The provider's id of the tax rate. """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the tax rate last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The tax rate was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions reach
    clients. """
    remote_data: None | TaxRateRemoteDataType0 | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    name: None | str | Unset = UNSET
    """ Name of the tax rate. """
    code: None | str | Unset = UNSET
    """ The tax rate's code as users see it at the provider. """
    description: None | str | Unset = UNSET
    """ Description of the tax rate. """
    effective_tax_rate: Decimal | None | Unset = UNSET
    """ The rate actually applied, as a percentage (compound components included). """
    total_tax_rate: Decimal | None | Unset = UNSET
    """ The sum of the components' rates as displayed by the provider. """
    components: list[TaxRateComponent] | Unset = UNSET
    """ The taxes making up the rate. """
    status: None | TaxRateStatus | Unset = UNSET
    """ Status of the tax rate, mapped to the unified values (see the enum); `status_raw` holds the provider's own.
    """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """
    applies_to: list[TaxRateAppliesTo] | Unset = UNSET
    """ What the tax rate can be used on: sales, purchases or both. """

    def to_dict(self) -> dict[str, Any]:
        from ..models.tax_rate_remote_data_type_0 import TaxRateRemoteDataType0  # noqa: PLC0415

        remote_id = self.remote_id

        id = str(self.id)

        created_at = self.created_at.isoformat()

        modified_at = self.modified_at.isoformat()

        remote_updated_at: None | str | Unset
        if isinstance(self.remote_updated_at, Unset):
            remote_updated_at = UNSET
        elif isinstance(self.remote_updated_at, datetime.datetime):
            remote_updated_at = self.remote_updated_at.isoformat()
        else:
            remote_updated_at = self.remote_updated_at

        remote_was_deleted = self.remote_was_deleted

        remote_data: dict[str, Any] | None | Unset
        if isinstance(self.remote_data, Unset):
            remote_data = UNSET
        elif isinstance(self.remote_data, TaxRateRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        effective_tax_rate: None | str | Unset
        if isinstance(self.effective_tax_rate, Unset):
            effective_tax_rate = UNSET
        elif isinstance(self.effective_tax_rate, Decimal):
            effective_tax_rate = str(self.effective_tax_rate)
        else:
            effective_tax_rate = self.effective_tax_rate

        total_tax_rate: None | str | Unset
        if isinstance(self.total_tax_rate, Unset):
            total_tax_rate = UNSET
        elif isinstance(self.total_tax_rate, Decimal):
            total_tax_rate = str(self.total_tax_rate)
        else:
            total_tax_rate = self.total_tax_rate

        components: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.components, Unset):
            components = []
            for components_item_data in self.components:
                components_item = components_item_data.to_dict()
                components.append(components_item)

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, TaxRateStatus):
            status = self.status.value
        else:
            status = self.status

        status_raw: None | str | Unset
        if isinstance(self.status_raw, Unset):
            status_raw = UNSET
        else:
            status_raw = self.status_raw

        applies_to: list[str] | Unset = UNSET
        if not isinstance(self.applies_to, Unset):
            applies_to = []
            for applies_to_item_data in self.applies_to:
                applies_to_item = applies_to_item_data.value
                applies_to.append(applies_to_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "remote_id": remote_id,
                "id": id,
                "created_at": created_at,
                "modified_at": modified_at,
            }
        )
        if remote_updated_at is not UNSET:
            field_dict["remote_updated_at"] = remote_updated_at
        if remote_was_deleted is not UNSET:
            field_dict["remote_was_deleted"] = remote_was_deleted
        if remote_data is not UNSET:
            field_dict["remote_data"] = remote_data
        if name is not UNSET:
            field_dict["name"] = name
        if code is not UNSET:
            field_dict["code"] = code
        if description is not UNSET:
            field_dict["description"] = description
        if effective_tax_rate is not UNSET:
            field_dict["effective_tax_rate"] = effective_tax_rate
        if total_tax_rate is not UNSET:
            field_dict["total_tax_rate"] = total_tax_rate
        if components is not UNSET:
            field_dict["components"] = components
        if status is not UNSET:
            field_dict["status"] = status
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw
        if applies_to is not UNSET:
            field_dict["applies_to"] = applies_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tax_rate_component import TaxRateComponent  # noqa: PLC0415
        from ..models.tax_rate_remote_data_type_0 import TaxRateRemoteDataType0  # noqa: PLC0415

        d = dict(src_dict)
        remote_id = d.pop("remote_id")

        id = UUID(d.pop("id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        modified_at = datetime.datetime.fromisoformat(d.pop("modified_at"))

        def _parse_remote_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                remote_updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return remote_updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        remote_updated_at = _parse_remote_updated_at(d.pop("remote_updated_at", UNSET))

        remote_was_deleted = d.pop("remote_was_deleted", UNSET)

        def _parse_remote_data(data: object) -> None | TaxRateRemoteDataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = TaxRateRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaxRateRemoteDataType0 | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_effective_tax_rate(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_tax_rate_type_0 = Decimal(data)

                return effective_tax_rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        effective_tax_rate = _parse_effective_tax_rate(d.pop("effective_tax_rate", UNSET))

        def _parse_total_tax_rate(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                total_tax_rate_type_0 = Decimal(data)

                return total_tax_rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        total_tax_rate = _parse_total_tax_rate(d.pop("total_tax_rate", UNSET))

        _components = d.pop("components", UNSET)
        components: list[TaxRateComponent] | Unset = UNSET
        if _components is not UNSET:
            components = []
            for components_item_data in _components:
                components_item = TaxRateComponent.from_dict(components_item_data)

                components.append(components_item)

        def _parse_status(data: object) -> None | TaxRateStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = TaxRateStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaxRateStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_status_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_raw = _parse_status_raw(d.pop("status_raw", UNSET))

        _applies_to = d.pop("applies_to", UNSET)
        applies_to: list[TaxRateAppliesTo] | Unset = UNSET
        if _applies_to is not UNSET:
            applies_to = []
            for applies_to_item_data in _applies_to:
                applies_to_item = TaxRateAppliesTo(applies_to_item_data)

                applies_to.append(applies_to_item)

        tax_rate = cls(
            remote_id=remote_id,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            name=name,
            code=code,
            description=description,
            effective_tax_rate=effective_tax_rate,
            total_tax_rate=total_tax_rate,
            components=components,
            status=status,
            status_raw=status_raw,
            applies_to=applies_to,
        )

        return tax_rate
