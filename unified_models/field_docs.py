"""The description of every field of the unified models, written once.

A field's own docstring (the string literal under its declaration, which pydantic reads with
``use_attribute_docstrings``) says what is particular to it. A field without one is described,
in this order, by:

1. the rules for references: ``contact`` beside ``contact_remote_id`` is Ledgerlink's id of the
   contact, ``contact_remote_id`` the provider's, ``contact_code``... its code, ``status_raw``
   the provider's own value of ``status``;
2. on an input (``InvoiceInput``), the same field of the record it writes (``Invoice``);
3. ``GLOSSARY``: the fields whose meaning is the same on every model (``currency``, ``memo``).

On inputs the fields a create requires (``CREATE_REQUIRED``) are marked required in the JSON
schema and say so; a required provider id that has a Ledgerlink id beside it (``contact`` /
``contact_remote_id``) is not marked, since either of the two does: both fields say so.
``tests/unified_models/test_field_docs.py`` fails on a field that ends up without a description.
"""

from __future__ import annotations

import re
from typing import Any

#: Fields that mean the same on every model. ``{label}`` is the model's name in words
#: ("invoice", "credit note"), ``{what}`` the model's name with an article.
GLOSSARY: dict[str, str] = {
    "remote_id": "The provider's id of the {label}.",
    "remote_updated_at": "When the {label} last changed at the provider.",
    "remote_was_deleted": "The {label} was deleted (or archived) at the provider; Ledgerlink "
    "keeps it, marked, so deletions reach clients.",
    "remote_created_at": "When the provider created the {label}.",
    "name": "Name of the {label}.",
    "code": "The {label}'s code as users see it at the provider.",
    "description": "Description of the {label}.",
    "number": "The {label}'s number as users see it at the provider (invoice number, "
    "document number).",
    "type": "Kind of {label} (see the enum).",
    "status": "Status of the {label}, mapped to the unified values (see the enum); `status_raw` "
    "holds the provider's own.",
    "currency": "ISO 4217 currency code.",
    "exchange_rate": "Units of the company's base currency per unit of `currency` (empty or 1 "
    "when `currency` is the base currency).",
    "memo": "Free-text note on the {label}.",
    "reference": "The {label}'s reference (free text, e.g. the customer's order number).",
    "tax_treatment": "Whether line amounts include tax (`INCLUSIVE`), exclude it (`EXCLUSIVE`) "
    "or carry none (`NO_TAX`).",
    "sub_total": "Total before tax (and after line discounts).",
    "total_tax_amount": "Total tax.",
    "total_discount": "Total of the line discounts.",
    "total_amount": "Total amount, tax included.",
    "issue_date": "Date of the {label} (the date printed on it).",
    "due_date": "Date payment is due.",
    "transaction_date": "Date of the {label} in the books.",
    "line_items": "The {label}'s lines.",
    "lines": "The {label}'s lines (debits and credits).",
    "tracking_categories": "Tracking category options (Xero tracking, QuickBooks classes and "
    "departments) the line is analysed by.",
    "addresses": "Postal and street addresses.",
    "phone_numbers": "Phone numbers.",
    "email_address": "Email address.",
    "tax_number": "Tax registration number (VAT, GST or ABN number).",
    "quantity": "Quantity (1 when empty).",
    "unit_price": "Price of one unit, before discount.",
    "discount": "Discount as an amount.",
    "discount_rate": "Discount as a percentage.",
    "tax_amount": "Tax on the line.",
    "amount": "Amount, in the {label}'s currency.",
    "applied_amount": "Amount applied.",
    "applied_to": "What the {label} is applied to.",
    "is_reconciled": "Reconciled against a bank statement line.",
    "attention_to": "Person the delivery or letter is for.",
    "city": "City or town.",
    "region": "State, county or region.",
    "postal_code": "Postal code.",
    "country": "Country as the provider holds it.",
    "first_name": "First name of the contact person.",
    "last_name": "Last name of the contact person.",
    "payment_method": "How the money was paid (see the enum).",
    "account_number": "Number the contact is known by in the company's books.",
    "is_customer": "The contact is a customer (sales invoices are addressed to it).",
    "is_supplier": "The contact is a supplier (bills come from it).",
    "area_code": "Area code.",
    "country_code": "Country dialling code.",
    "applies_to": "What the tax rate can be used on: sales, purchases or both.",
    "rate": "Rate as a percentage.",
    "is_compound": "This tax is charged on the amount plus the earlier components' tax.",
    "is_non_recoverable": "The tax cannot be reclaimed.",
    "options": "The tracking category's options (the values lines are tagged with).",
    "option": "Name of the tracking option.",
    "category": "Ledgerlink's id of the tracking category.",
    "category_remote_id": "The provider's id of the tracking category.",
    "debit_amount": "Debit posted to the account (empty on a credit line).",
    "credit_amount": "Credit posted to the account (empty on a debit line).",
    "total_debit": "Sum of the lines' debits.",
    "total_credit": "Sum of the lines' credits.",
    "date": "Date of the {label}.",
    "start_date": "First day of the period.",
    "end_date": "Last day of the period.",
    "periods": "Number of periods (or dates) compared.",
    "timeframe": "Length of each compared period.",
    "basis": "Accounting basis: `ACCRUAL` or `CASH`.",
    "id": "Id of the {label}.",
    "kind": "Kind of {label} (see the enum).",
    "label": "The {label}'s heading as the provider prints it.",
    "values": "One figure per column (decimal string; null where the provider prints none).",
    "rows": "Rows of the {label} (a tree: sections hold rows).",
    "columns": "What each value of a row is.",
    "related_object_type": "Kind of document the amount is applied to (see the enum).",
    "related_object_id": "Ledgerlink's id of the document the amount is applied to.",
    "related_object_remote_id": "The provider's id of the document the amount is applied to.",
    "remote_data": "The provider's raw record; only with `include_remote_data=true`.",
}

#: The Ledgerlink id beside a provider id (`contact` / `contact_remote_id`).
_REMOTE = re.compile(r"^(?P<stem>.+)_remote_id$")


def _words(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def label_of(cls: type) -> str:
    """`InvoiceLineItemInput` → "invoice line item"."""
    name = cls.__name__.removesuffix("Input")
    return _words(name) if name else "record"


def _thing(stem: str) -> str:
    return stem.replace("_", " ")


def _reference_rule(name: str, fields: dict[str, Any], on_input: bool) -> str | None:
    remote = _REMOTE.match(name)
    if remote and remote["stem"] in fields:
        thing = _thing(remote["stem"])
        if on_input:
            return f"The provider's id of the {thing}; or give `{remote['stem']}` instead."
        return f"The provider's id of the {thing}."
    if f"{name}_remote_id" in fields:
        thing = _thing(name)
        if on_input:
            return f"Ledgerlink's id of the {thing}; the gateway resolves it to `{name}_remote_id`."
        return f"Ledgerlink's id of the {thing} (from `{name}_remote_id`)."
    if name.endswith("_remote_ids") and name.removesuffix("_remote_ids") + "s" in fields:
        return f"The provider's ids of the {_thing(name.removesuffix('_remote_ids'))}s."
    if name.endswith("s") and f"{name[:-1]}_remote_ids" in fields:
        return f"Ledgerlink's ids of the {_thing(name)} (from `{name[:-1]}_remote_ids`)."
    if name.endswith("_code") and f"{name.removesuffix('_code')}_remote_id" in fields:
        thing = _thing(name.removesuffix("_code"))
        return f"Code of the {thing} at the provider (Xero refers to accounts and items by code)."
    if name.endswith("_raw") and name.removesuffix("_raw") in fields:
        return f"The provider's own value behind `{name.removesuffix('_raw')}`, unmapped."
    if name.endswith("_raw"):
        return f"The provider's own {_thing(name.removesuffix('_raw'))}, unmapped."
    return None


def description(cls: type, name: str, counterpart: type | None) -> str | None:
    """The description of `cls.name` when the field has none of its own."""
    fields = cls.model_fields
    on_input = counterpart is not None or cls.__name__.endswith("Input")
    found = _reference_rule(name, fields, on_input)
    if found is None and counterpart is not None and name in counterpart.model_fields:
        found = counterpart.model_fields[name].description
    if found is None and name in GLOSSARY:
        found = GLOSSARY[name].format(label=label_of(cls))
    return found


def _either(name: str, fields: dict[str, Any]) -> str | None:
    """The Ledgerlink id that can stand in for a required provider id, or the other way round."""
    remote = _REMOTE.match(name)
    if remote and remote["stem"] in fields:
        return remote["stem"]
    if f"{name}_remote_id" in fields:
        return f"{name}_remote_id"
    return None


def complete_schema(schema: dict[str, Any], cls: type) -> None:
    """pydantic's `json_schema_extra` of every unified model: describe every property, and mark
    the fields a create requires."""
    from .common import UnifiedInput

    counterpart = None
    if issubclass(cls, UnifiedInput):
        counterpart = _counterpart(cls)
    properties = schema.get("properties", {})
    fields = cls.model_fields
    create_required = getattr(cls, "CREATE_REQUIRED", ())
    required = [n for n in schema.get("required", []) if n in properties]
    for name, prop in properties.items():
        text = fields[name].description if name in fields else prop.get("description")
        if text is None:
            text = description(cls, name, counterpart)
            # A description the field's type brought (the decimal bounds) comes after.
            if text and prop.get("description"):
                text = f"{text} {prop['description']}"
            text = text or prop.get("description")
        if text is None:
            continue
        if name in create_required or any(_either(name, fields) == r for r in create_required):
            other = _either(name, fields)
            if other is not None and (name in create_required) != (other in create_required):
                text = f"Required on create, unless `{other}` is given. {text}"
            else:
                text = f"Required on create. {text}"
                if name not in required:
                    required.append(name)
                _not_null(prop)
        prop["description"] = text
    if required:
        schema["required"] = required


def _not_null(prop: dict[str, Any]) -> None:
    """A field a create requires takes a value: no `null` branch, no `null` default."""
    branches = [b for b in prop.get("anyOf", []) if b != {"type": "null"}]
    if "anyOf" in prop and len(branches) == 1:
        del prop["anyOf"]
        prop.update(branches[0])
    elif "anyOf" in prop:
        prop["anyOf"] = branches
    if prop.get("default", ...) is None:
        del prop["default"]


def _counterpart(cls: type) -> type | None:
    """The record an input writes (`InvoiceInput` → `Invoice`), found in the same module."""
    import sys

    module = sys.modules.get(cls.__module__)
    name = cls.__name__.removesuffix("Input")
    found = getattr(module, name, None) if module else None
    return found if isinstance(found, type) and found is not cls else None
