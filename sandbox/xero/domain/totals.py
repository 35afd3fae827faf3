"""Line and document totals exactly as Xero computes them (Decimal, half-up to cents)."""

from __future__ import annotations

from decimal import Decimal

from ..money import ZERO, dec, money, qty, unit
from .errors import ValidationFailed

HUNDRED = Decimal(100)
TAX_TOLERANCE = Decimal("0.05")


def line_amount(
    quantity: Decimal, unit_amount: Decimal, rate: Decimal | None, amount: Decimal | None
) -> tuple[Decimal, Decimal]:
    """Return ``(LineAmount, discount)`` after a DiscountRate or DiscountAmount."""
    gross = quantity * unit_amount
    discount = gross * rate / HUNDRED if rate else amount or ZERO
    return money(gross - discount), money(discount)


def line_tax(amount: Decimal, percent: Decimal, line_amount_types: str) -> Decimal:
    if line_amount_types == "NoTax" or not percent:
        return money(ZERO)
    if line_amount_types == "Inclusive":
        return money(amount * percent / (HUNDRED + percent))
    return money(amount * percent / HUNDRED)


def compute_line(raw: dict, percent: Decimal, line_amount_types: str, allow_discount: bool) -> dict:
    """Fill Quantity/UnitAmount/LineAmount/TaxAmount/Discount* of one line (mutates a copy)."""
    line = dict(raw)
    try:
        quantity = dec(line.get("Quantity"))
        unit_amount = dec(line.get("UnitAmount"))
        given_amount = dec(line.get("LineAmount"))
        discount_rate = dec(line.get("DiscountRate"))
        discount_amount = dec(line.get("DiscountAmount"))
        tax_amount = dec(line.get("TaxAmount"))
    except ValueError as exc:
        raise ValidationFailed(str(exc)) from exc
    if (discount_rate or discount_amount) and not allow_discount:
        raise ValidationFailed("Discounts are only supported on ACCREC invoices and quotes")
    if discount_rate is not None and not (ZERO <= discount_rate <= HUNDRED):
        raise ValidationFailed("The discount rate must be between 0 and 100")
    both_given = quantity is not None and unit_amount is not None
    if quantity is None:
        quantity = (
            given_amount / unit_amount if given_amount is not None and unit_amount else Decimal(1)
        )
    if unit_amount is None:
        unit_amount = given_amount / quantity if given_amount is not None and quantity else ZERO
    amount, discount = line_amount(quantity, unit_amount, discount_rate, discount_amount)
    if given_amount is not None and both_given and money(given_amount) != amount:
        raise ValidationFailed(
            f"The line total {money(given_amount)} does not match the expected line total {amount}"
        )
    line["Quantity"] = qty(quantity)
    line["UnitAmount"] = unit(unit_amount, 4 if unit_amount != unit(unit_amount) else 2)
    line["LineAmount"] = amount
    computed_tax = line_tax(amount, percent, line_amount_types)
    # Xero accepts a TaxAmount override for rounding adjustments only.
    near = tax_amount is not None and abs(money(tax_amount) - computed_tax) <= TAX_TOLERANCE
    line["TaxAmount"] = money(tax_amount) if near else computed_tax
    if discount_rate is not None:
        line["DiscountRate"] = money(discount_rate)
    if discount_amount is not None and not discount_rate:
        line["DiscountAmount"] = money(discount_amount)
    line["_discount"] = discount
    return line


def document_totals(lines: list[dict], line_amount_types: str) -> dict:
    """SubTotal, TotalTax, Total and TotalDiscount of a set of computed lines."""
    total_tax = money(sum((line["TaxAmount"] for line in lines), ZERO))
    amounts = money(sum((line["LineAmount"] for line in lines), ZERO))
    discount = money(sum((line.get("_discount", ZERO) for line in lines), ZERO))
    if line_amount_types == "Inclusive":
        total, sub_total = amounts, money(amounts - total_tax)
    else:
        sub_total, total = amounts, money(amounts + total_tax)
    return {
        "SubTotal": sub_total,
        "TotalTax": total_tax,
        "Total": total,
        "TotalDiscount": discount,
        "IsDiscounted": discount > 0,
    }
