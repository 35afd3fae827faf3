from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.purchase_order_status import PurchaseOrderStatus
from ..models.tax_treatment import TaxTreatment
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.invoice_line_item_input import InvoiceLineItemInput


T = TypeVar("T", bound="PurchaseOrderUpdate")


@_attrs_define
class PurchaseOrderUpdate:
    """POST/PATCH body for purchase orders. ``contact`` is the gateway's id of the supplier; the
    gateway resolves it to ``contact_remote_id``. Lines are the invoice line inputs: on update
    send every line (the provider replaces the list). ``status`` moves as the provider allows
    (Xero: DRAFT → SUBMITTED → AUTHORISED → BILLED, DELETED before billing; QuickBooks:
    AUTHORISED (Open) ↔ BILLED (Closed) only).

    """

    number: None | str | Unset = UNSET
    """ The purchase order's number as users see it at the provider (invoice number, document number). """
    contact: None | str | Unset = UNSET
    """ Required on create, unless `contact_remote_id` is given. Ledgerlink's id of the contact; the gateway
    resolves it to `contact_remote_id`. """
    contact_remote_id: None | str | Unset = UNSET
    """ Required on create, unless `contact` is given. The provider's id of the contact; or give `contact` instead.
    """
    issue_date: datetime.date | None | Unset = UNSET
    """ Date of the purchase order (the date printed on it). """
    delivery_date: datetime.date | None | Unset = UNSET
    """ When the goods are to be delivered (Xero DeliveryDate, QuickBooks DueDate). """
    expected_arrival_date: datetime.date | None | Unset = UNSET
    """ When they are expected to arrive (Xero ExpectedArrivalDate only). """
    delivery_address: None | str | Unset = UNSET
    """ Where to deliver, as text (lines separated by newlines; QuickBooks ShipAddr lines). """
    attention_to: None | str | Unset = UNSET
    """ Person the delivery or letter is for. """
    telephone: None | str | Unset = UNSET
    """ Phone number for the delivery. """
    delivery_instructions: None | str | Unset = UNSET
    """ Instructions for the delivery. """
    reference: None | str | Unset = UNSET
    """ The purchase order's reference (free text, e.g. the customer's order number). """
    memo: None | str | Unset = UNSET
    """ The message to the supplier printed on the order (QuickBooks Memo). """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    exchange_rate: Decimal | float | None | Unset = UNSET
    """ Units of the company's base currency per unit of `currency` (empty or 1 when `currency` is the base
    currency). A decimal (a string, or a JSON number): at most 12 digits before the point and 6 after; beyond that
    the answer is 422. """
    tax_treatment: None | TaxTreatment | Unset = UNSET
    """ Whether line amounts include tax (`INCLUSIVE`), exclude it (`EXCLUSIVE`) or carry none (`NO_TAX`). """
    status: None | PurchaseOrderStatus | Unset = UNSET
    """ Status of the purchase order, mapped to the unified values (see the enum); `status_raw` holds the provider's
    own. """
    line_items: list[InvoiceLineItemInput] | None | Unset = UNSET
    """ The purchase order's lines. """

    def to_dict(self) -> dict[str, Any]:
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

        issue_date: None | str | Unset
        if isinstance(self.issue_date, Unset):
            issue_date = UNSET
        elif isinstance(self.issue_date, datetime.date):
            issue_date = self.issue_date.isoformat()
        else:
            issue_date = self.issue_date

        delivery_date: None | str | Unset
        if isinstance(self.delivery_date, Unset):
            delivery_date = UNSET
        elif isinstance(self.delivery_date, datetime.date):
            delivery_date = self.delivery_date.isoformat()
        else:
            delivery_date = self.delivery_date

        expected_arrival_date: None | str | Unset
        if isinstance(self.expected_arrival_date, Unset):
            expected_arrival_date = UNSET
        elif isinstance(self.expected_arrival_date, datetime.date):
            expected_arrival_date = self.expected_arrival_date.isoformat()
        else:
            expected_arrival_date = self.expected_arrival_date

        delivery_address: None | str | Unset
        if isinstance(self.delivery_address, Unset):
            delivery_address = UNSET
        else:
            delivery_address = self.delivery_address

        attention_to: None | str | Unset
        if isinstance(self.attention_to, Unset):
            attention_to = UNSET
        else:
            attention_to = self.attention_to

        telephone: None | str | Unset
        if isinstance(self.telephone, Unset):
            telephone = UNSET
        else:
            telephone = self.telephone

        delivery_instructions: None | str | Unset
        if isinstance(self.delivery_instructions, Unset):
            delivery_instructions = UNSET
        else:
            delivery_instructions = self.delivery_instructions

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

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, PurchaseOrderStatus):
            status = self.status.value
        else:
            status = self.status

        line_items: list[dict[str, Any]] | None | Unset
        if isinstance(self.line_items, Unset):
            line_items = UNSET
        elif isinstance(self.line_items, list):
            line_items = []
            for line_items_type_0_item_data in self.line_items:
                line_items_type_0_item = line_items_type_0_item_data.to_dict()
                line_items.append(line_items_type_0_item)

        else:
            line_items = self.line_items

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if number is not UNSET:
            field_dict["number"] = number
        if contact is not UNSET:
            field_dict["contact"] = contact
        if contact_remote_id is not UNSET:
            field_dict["contact_remote_id"] = contact_remote_id
        if issue_date is not UNSET:
            field_dict["issue_date"] = issue_date
        if delivery_date is not UNSET:
            field_dict["delivery_date"] = delivery_date
        if expected_arrival_date is not UNSET:
            field_dict["expected_arrival_date"] = expected_arrival_date
        if delivery_address is not UNSET:
            field_dict["delivery_address"] = delivery_address
        if attention_to is not UNSET:
            field_dict["attention_to"] = attention_to
        if telephone is not UNSET:
            field_dict["telephone"] = telephone
        if delivery_instructions is not UNSET:
            field_dict["delivery_instructions"] = delivery_instructions
        if reference is not UNSET:
            field_dict["reference"] = reference
        if memo is not UNSET:
            field_dict["memo"] = memo
        if currency is not UNSET:
            field_dict["currency"] = currency
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if tax_treatment is not UNSET:
            field_dict["tax_treatment"] = tax_treatment
        if status is not UNSET:
            field_dict["status"] = status
        if line_items is not UNSET:
            field_dict["line_items"] = line_items

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.invoice_line_item_input import InvoiceLineItemInput  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_issue_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issue_date_type_0 = datetime.date.fromisoformat(data)

                return issue_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        issue_date = _parse_issue_date(d.pop("issue_date", UNSET))

        def _parse_delivery_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivery_date_type_0 = datetime.date.fromisoformat(data)

                return delivery_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        delivery_date = _parse_delivery_date(d.pop("delivery_date", UNSET))

        def _parse_expected_arrival_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expected_arrival_date_type_0 = datetime.date.fromisoformat(data)

                return expected_arrival_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expected_arrival_date = _parse_expected_arrival_date(d.pop("expected_arrival_date", UNSET))

        def _parse_delivery_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        delivery_address = _parse_delivery_address(d.pop("delivery_address", UNSET))

        def _parse_attention_to(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attention_to = _parse_attention_to(d.pop("attention_to", UNSET))

        def _parse_telephone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        telephone = _parse_telephone(d.pop("telephone", UNSET))

        def _parse_delivery_instructions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        delivery_instructions = _parse_delivery_instructions(d.pop("delivery_instructions", UNSET))

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

        def _parse_status(data: object) -> None | PurchaseOrderStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = PurchaseOrderStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PurchaseOrderStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_line_items(data: object) -> list[InvoiceLineItemInput] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                line_items_type_0 = []
                _line_items_type_0 = data
                for line_items_type_0_item_data in _line_items_type_0:
                    line_items_type_0_item = InvoiceLineItemInput.from_dict(
                        line_items_type_0_item_data
                    )

                    line_items_type_0.append(line_items_type_0_item)

                return line_items_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[InvoiceLineItemInput] | None | Unset, data)

        line_items = _parse_line_items(d.pop("line_items", UNSET))

        purchase_order_update = cls(
            number=number,
            contact=contact,
            contact_remote_id=contact_remote_id,
            issue_date=issue_date,
            delivery_date=delivery_date,
            expected_arrival_date=expected_arrival_date,
            delivery_address=delivery_address,
            attention_to=attention_to,
            telephone=telephone,
            delivery_instructions=delivery_instructions,
            reference=reference,
            memo=memo,
            currency=currency,
            exchange_rate=exchange_rate,
            tax_treatment=tax_treatment,
            status=status,
            line_items=line_items,
        )

        return purchase_order_update
