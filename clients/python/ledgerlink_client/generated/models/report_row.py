from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.report_row_kind import ReportRowKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReportRow")


@_attrs_define
class ReportRow:
    id: str
    """ Id of the report row. """
    kind: ReportRowKind
    name: str
    """ Name of the report row. """
    values: list[Decimal | None] | Unset = UNSET
    """ One figure per column (decimal string; null where the provider prints none). """
    account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the account. """
    account: None | str | Unset = UNSET
    """ Ledgerlink account id (filled by the gateway from ``account_remote_id``). """
    account_code: None | str | Unset = UNSET
    """ Code of the account at the provider (Xero refers to accounts and items by code). """
    contact_remote_id: None | str | Unset = UNSET
    """ The provider's id of the contact. """
    contact: None | str | Unset = UNSET
    """ Ledgerlink's id of the contact (from `contact_remote_id`). """
    sum_of: list[str] | Unset = UNSET
    """ TOTAL rows: the row ids this total sums (``-id``: subtracted). """
    rows: list[ReportRow] | Unset = UNSET
    """ Rows of the report row (a tree: sections hold rows). """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        name = self.name

        values: list[None | str] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = []
            for values_item_data in self.values:
                values_item: None | str
                if isinstance(values_item_data, Decimal):
                    values_item = str(values_item_data)
                else:
                    values_item = values_item_data
                values.append(values_item)

        account_remote_id: None | str | Unset
        if isinstance(self.account_remote_id, Unset):
            account_remote_id = UNSET
        else:
            account_remote_id = self.account_remote_id

        account: None | str | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        else:
            account = self.account

        account_code: None | str | Unset
        if isinstance(self.account_code, Unset):
            account_code = UNSET
        else:
            account_code = self.account_code

        contact_remote_id: None | str | Unset
        if isinstance(self.contact_remote_id, Unset):
            contact_remote_id = UNSET
        else:
            contact_remote_id = self.contact_remote_id

        contact: None | str | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        else:
            contact = self.contact

        sum_of: list[str] | Unset = UNSET
        if not isinstance(self.sum_of, Unset):
            sum_of = self.sum_of

        rows: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rows, Unset):
            rows = []
            for rows_item_data in self.rows:
                rows_item = rows_item_data.to_dict()
                rows.append(rows_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "name": name,
            }
        )
        if values is not UNSET:
            field_dict["values"] = values
        if account_remote_id is not UNSET:
            field_dict["account_remote_id"] = account_remote_id
        if account is not UNSET:
            field_dict["account"] = account
        if account_code is not UNSET:
            field_dict["account_code"] = account_code
        if contact_remote_id is not UNSET:
            field_dict["contact_remote_id"] = contact_remote_id
        if contact is not UNSET:
            field_dict["contact"] = contact
        if sum_of is not UNSET:
            field_dict["sum_of"] = sum_of
        if rows is not UNSET:
            field_dict["rows"] = rows

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = ReportRowKind(d.pop("kind"))

        name = d.pop("name")

        _values = d.pop("values", UNSET)
        values: list[Decimal | None] | Unset = UNSET
        if _values is not UNSET:
            values = []
            for values_item_data in _values:

                def _parse_values_item(data: object) -> Decimal | None:
                    if data is None:
                        return data
                    try:
                        if not isinstance(data, str):
                            raise TypeError()
                        values_item_type_0 = Decimal(data)

                        return values_item_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(Decimal | None, data)

                values_item = _parse_values_item(values_item_data)

                values.append(values_item)

        def _parse_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_remote_id = _parse_account_remote_id(d.pop("account_remote_id", UNSET))

        def _parse_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account = _parse_account(d.pop("account", UNSET))

        def _parse_account_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_code = _parse_account_code(d.pop("account_code", UNSET))

        def _parse_contact_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_remote_id = _parse_contact_remote_id(d.pop("contact_remote_id", UNSET))

        def _parse_contact(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        sum_of = cast(list[str], d.pop("sum_of", UNSET))

        _rows = d.pop("rows", UNSET)
        rows: list[ReportRow] | Unset = UNSET
        if _rows is not UNSET:
            rows = []
            for rows_item_data in _rows:
                rows_item = ReportRow.from_dict(rows_item_data)

                rows.append(rows_item)

        report_row = cls(
            id=id,
            kind=kind,
            name=name,
            values=values,
            account_remote_id=account_remote_id,
            account=account,
            account_code=account_code,
            contact_remote_id=contact_remote_id,
            contact=contact,
            sum_of=sum_of,
            rows=rows,
        )

        return report_row
