from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.payment_method import PaymentMethod
from ..models.tax_treatment import TaxTreatment
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invoice_line_item_input import InvoiceLineItemInput


T = TypeVar("T", bound="ExpenseInput")


@_attrs_define
class ExpenseInput:
    """POST body for expenses: the bank or card account paid from, lines with their expense
    accounts. Providers take no edit of a posted expense through Ledgerlink (create only).

    """

    line_items: list[InvoiceLineItemInput]
    """ Required on create. The expense's lines. """
    transaction_date: datetime.date | None | Unset = UNSET
    """ Date of the expense in the books. """
    number: None | str | Unset = UNSET
    """ The expense's number as users see it at the provider (invoice number, document number). """
    contact: None | str | Unset = UNSET
    """ Ledgerlink's id of the contact; the gateway resolves it to `contact_remote_id`. """
    contact_remote_id: None | str | Unset = UNSET
    """ The provider's id of the contact; or give `contact` instead. """
    account: None | str | Unset = UNSET
    """ Ledgerlink's id of the account; the gateway resolves it to `account_remote_id`. """
    account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the account; or give `account` instead. """
    account_code: None | str | Unset = UNSET
    """ Code of the account at the provider (Xero refers to accounts and items by code). """
    payment_method: None | PaymentMethod | Unset = UNSET
    """ How the money was paid (see the enum). """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    exchange_rate: Decimal | float | None | Unset = UNSET
    """ Units of the company's base currency per unit of `currency` (empty or 1 when `currency` is the base
    currency). A decimal (a string, or a JSON number): at most 12 digits before the point and 6 after; beyond that
    the answer is 422. """
    tax_treatment: None | TaxTreatment | Unset = UNSET
    """ Whether line amounts include tax (`INCLUSIVE`), exclude it (`EXCLUSIVE`) or carry none (`NO_TAX`). """
    reference: None | str | Unset = UNSET
    """ The expense's reference (free text, e.g. the customer's order number). """
    memo: None | str | Unset = UNSET
    """ Free-text note on the expense. """

    def to_dict(self) -> dict[str, Any]:
        line_items = []
        for line_items_item_data in self.line_items:
            line_items_item = line_items_item_data.to_dict()
            line_items.append(line_items_item)

        transaction_date: None | str | Unset
        if isinstance(self.transaction_date, Unset):
            transaction_date = UNSET
        elif isinstance(self.transaction_date, datetime.date):
            transaction_date = self.transaction_date.isoformat()
        else:
            transaction_date = self.transaction_date

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        contact: None | str | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        else:
            contact = self.contact

        contact_remote_id: None | str | Unset
        if isinstance(self.contact_remote_id, Unset):
            contact_remote_id = UNSET
        else:
            contact_remote_id = self.contact_remote_id

        account: None | str | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        else:
            account = self.account

        account_remote_id: None | str | Unset
        if isinstance(self.account_remote_id, Unset):
            account_remote_id = UNSET
        else:
            account_remote_id = self.account_remote_id

        account_code: None | str | Unset
        if isinstance(self.account_code, Unset):
            account_code = UNSET
        else:
            account_code = self.account_code

        payment_method: None | str | Unset
        if isinstance(self.payment_method, Unset):
            payment_method = UNSET
        elif isinstance(self.payment_method, PaymentMethod):
            payment_method = self.payment_method.value
        else:
            payment_method = self.payment_method

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        exchange_rate: float | None | str | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        elif isinstance(self.exchange_rate, Decimal):
            exchange_rate = str(self.exchange_rate)
        else:
            exchange_rate = self.exchange_rate

        tax_treatment: None | str | Unset
        if isinstance(self.tax_treatment, Unset):
            tax_treatment = UNSET
        elif isinstance(self.tax_treatment, TaxTreatment):
            tax_treatment = self.tax_treatment.value
        else:
            tax_treatment = self.tax_treatment

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        memo: None | str | Unset
        if isinstance(self.memo, Unset):
            memo = UNSET
        else:
            memo = self.memo

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "line_items": line_items,
            }
        )
        if transaction_date is not UNSET:
            field_dict["transaction_date"] = transaction_date
        if number is not UNSET:
            field_dict["number"] = number
        if contact is not UNSET:
            field_dict["contact"] = contact
        if contact_remote_id is not UNSET:
            field_dict["contact_remote_id"] = contact_remote_id
        if account is not UNSET:
            field_dict["account"] = account
        if account_remote_id is not UNSET:
            field_dict["account_remote_id"] = account_remote_id
        if account_code is not UNSET:
            field_dict["account_code"] = account_code
        if payment_method is not UNSET:
            field_dict["payment_method"] = payment_method
        if currency is not UNSET:
            field_dict["currency"] = currency
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if tax_treatment is not UNSET:
            field_dict["tax_treatment"] = tax_treatment
        if reference is not UNSET:
            field_dict["reference"] = reference
        if memo is not UNSET:
            field_dict["memo"] = memo

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invoice_line_item_input import InvoiceLineItemInput  # noqa: PLC0415

        d = dict(src_dict)
        line_items = []
        _line_items = d.pop("line_items")
        for line_items_item_data in _line_items:
            line_items_item = InvoiceLineItemInput.from_dict(line_items_item_data)

            line_items.append(line_items_item)

        def _parse_transaction_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                transaction_date_type_0 = datetime.date.fromisoformat(data)

                return transaction_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        transaction_date = _parse_transaction_date(d.pop("transaction_date", UNSET))

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        def _parse_contact(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_contact_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_remote_id = _parse_contact_remote_id(d.pop("contact_remote_id", UNSET))

        def _parse_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account = _parse_account(d.pop("account", UNSET))

        def _parse_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_remote_id = _parse_account_remote_id(d.pop("account_remote_id", UNSET))

        def _parse_account_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_code = _parse_account_code(d.pop("account_code", UNSET))

        def _parse_payment_method(data: object) -> None | PaymentMethod | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payment_method_type_0 = PaymentMethod(data)

                return payment_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentMethod | Unset, data)

        payment_method = _parse_payment_method(d.pop("payment_method", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_exchange_rate(data: object) -> Decimal | float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                exchange_rate_type_0 = Decimal(data)

                return exchange_rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | float | None | Unset, data)

        exchange_rate = _parse_exchange_rate(d.pop("exchange_rate", UNSET))

        def _parse_tax_treatment(data: object) -> None | TaxTreatment | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tax_treatment_type_0 = TaxTreatment(data)

                return tax_treatment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaxTreatment | Unset, data)

        tax_treatment = _parse_tax_treatment(d.pop("tax_treatment", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        def _parse_memo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        memo = _parse_memo(d.pop("memo", UNSET))

        expense_input = cls(
            line_items=line_items,
            transaction_date=transaction_date,
            number=number,
            contact=contact,
            contact_remote_id=contact_remote_id,
            account=account,
            account_remote_id=account_remote_id,
            account_code=account_code,
            payment_method=payment_method,
            currency=currency,
            exchange_rate=exchange_rate,
            tax_treatment=tax_treatment,
            reference=reference,
            memo=memo,
        )

        return expense_input
