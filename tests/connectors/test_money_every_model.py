"""The money rule (issue §4) over every recorded payload: each QuickBooks and Xero fixture of
every model is mapped through the connector's spec (its mapper, and its companion where it has
one), and every Money amount of the unified output has exactly its currency's minor units
(ISO 4217: USD 2, JPY 0, KWD 3; two when the record names no currency), in Python and so in JSON.

Which fields are amounts: those declared ``Money`` in ``unified_models`` (``types.py``), less
the unit prices (``unit_price``, ``sale_unit_price``, ``purchase_unit_price``), which keep the
provider's precision like quantities and rates (``Rate``) do (``connectors/money.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from connectors.jsonutil import loads
from connectors.money import minor_units
from connectors.quickbooks.spec import RESOURCES as QUICKBOOKS
from connectors.specs import ResourceSpec
from connectors.xero.spec import RESOURCES as XERO
from unified_models import UnifiedModel

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROVIDERS = {"xero": XERO, "quickbooks": QUICKBOOKS}
#: Money-typed fields that are prices of one unit, not amounts (see the module docstring).
UNIT_PRICES = frozenset({"unit_price", "sale_unit_price", "purchase_unit_price"})


def payloads(provider: str) -> dict[str, Any]:
    """Every recorded provider response (requests, error bodies and goldens left out)."""
    found = {}
    for path in sorted((FIXTURES / provider).glob("*.json")):
        if path.stem.endswith(("_request", "_400")) or path.stem.startswith("fault_"):
            continue
        if path.stem.startswith(("report_", "reports_")):
            continue  # financial reports: not records (test_*report_mappers.py)
        found[path.stem] = loads(path.read_bytes())
    return found


def dig(body: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        if not isinstance(body, Mapping):
            return None
        body = body.get(key)
    return body


def rows(body: Any, source: ResourceSpec) -> list[Mapping[str, Any]]:
    """The source's rows in a body: a list (``QueryResponse.Invoice``, ``Invoices``) or one
    object read by id (QuickBooks ``{"Bill": {...}}``)."""
    found = dig(body, source.records_field)
    if found is None and source.query is not None:
        found = body.get(source.query.entity) if isinstance(body, Mapping) else None
    if isinstance(found, Mapping):
        return [found]
    return list(found or [])


def family(stem: str) -> str:
    """What a recording's companions share: ``reference_sandbox_uk`` of
    ``reference_sandbox_uk_query_taxcode``."""
    for marker in ("_query_", "_read_", "_get_"):
        if marker in stem:
            return stem.split(marker)[0]
    return stem


def in_currency(node: Any, currency: str | None) -> Any:
    """A copy of a provider row with every currency it names set to ``currency`` (Xero
    ``CurrencyCode``, QuickBooks ``CurrencyRef.value``); None: unchanged."""
    if currency is None:
        return node
    if isinstance(node, list):
        return [in_currency(element, currency) for element in node]
    if not isinstance(node, Mapping):
        return node
    out = {key: in_currency(value, currency) for key, value in node.items()}
    if isinstance(out.get("CurrencyCode"), str):
        out["CurrencyCode"] = currency
    if isinstance(out.get("CurrencyRef"), Mapping):
        out["CurrencyRef"] = {**out["CurrencyRef"], "value": currency}
    return out


def _filtered_out(source: Any, row: Mapping[str, Any]) -> bool:
    """A row the source's own list filter keeps out (Xero expenses read `where=Type=="SPEND"`:
    a RECEIVE transaction recorded for bank transactions never reaches the expense mapper)."""
    where = dict(source.list_params).get("where", "")
    kind = row.get("Type")
    return bool(where and isinstance(kind, str) and f'"{kind}"' not in where)


def mapped(provider: str, currency: str | None = None) -> Iterator[tuple[str, str, UnifiedModel]]:
    """(fixture, model, unified record) for every row of every model in every recording
    (``currency``: as if each row were in that currency)."""
    recorded = payloads(provider)
    for model, spec in PROVIDERS[provider].items():
        for source in spec.sources:
            companion = source.companion
            for stem, body in recorded.items():
                found = [in_currency(row, currency) for row in rows(body, source)]
                if not found:
                    continue
                if companion is None:
                    for row in found:
                        if _filtered_out(source, row):
                            continue
                        yield stem, model, source.to_unified(row)
                    continue
                extras = [
                    dig(other, companion.records_field)
                    for name, other in recorded.items()
                    if family(name) == family(stem) and dig(other, companion.records_field)
                ]
                # Money does not depend on the companion (Xero items' chart of accounts only
                # fills account ids): a recording without one maps with an empty companion.
                for row in found:
                    yield stem, model, companion.to_unified(row, extras[0] if extras else [])


def annotations(cls: type) -> dict[str, str]:
    """Field → its declared annotation, as written (the models use postponed annotations)."""
    out: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            out[name] = annotation if isinstance(annotation, str) else repr(annotation)
    return out


def amounts(node: Any, currency: str | None, where: str) -> Iterator[tuple[str, Any, str | None]]:
    """(path, value, currency) of every Money amount in a unified record, lines and
    applications included (they are in their record's currency)."""
    if isinstance(node, list):
        for i, element in enumerate(node):
            yield from amounts(element, currency, f"{where}[{i}]")
        return
    if not isinstance(node, UnifiedModel):
        return
    currency = getattr(node, "currency", None) or currency
    declared = annotations(type(node))
    for name in type(node).model_fields:
        value = getattr(node, name)
        kind = declared.get(name, "")
        if "Money" in kind.replace("InputMoney", "") and name not in UNIT_PRICES:
            if value is not None:
                yield f"{where}.{name}", value, currency
        elif isinstance(value, UnifiedModel | list):
            yield from amounts(value, currency, f"{where}.{name}")


def places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


@pytest.mark.parametrize("currency", [None, "KWD"], ids=["recorded", "as-KWD"])
@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_every_money_amount_has_its_currencys_minor_units(provider, currency):
    """As recorded (USD, GBP, NZD, AUD, CAD, EUR: two places), and with every row's currency
    made a three-place one (KWD), which the recordings have none of."""
    wrong = []
    checked = 0
    for stem, model, record in mapped(provider, currency):
        if currency is not None and getattr(record, "currency", currency) != currency:
            continue  # a document without a currency of its own (e.g. a Xero payment's)
        for path, value, currency in amounts(record, None, f"{stem}:{model}"):
            checked += 1
            expected = minor_units(currency)
            assert isinstance(value, Decimal), (path, value)
            # JSON carries str(value) (unified_models/types.py), so both have the same places.
            if -value.as_tuple().exponent != expected or places(str(value)) != expected:
                wrong.append(f"{path} = {value!r} ({currency or 'no currency'}: {expected})")
    assert checked > 0
    assert not wrong, "amounts without their currency's minor units:\n" + "\n".join(wrong)


@pytest.mark.parametrize("provider", sorted(PROVIDERS))
def test_every_model_of_the_provider_has_a_recording(provider):
    """The money check above maps at least one recorded row of every model and every
    provider resource behind it (Invoice and Bill, Class and Department, ...)."""
    recorded = payloads(provider)
    for model, spec in PROVIDERS[provider].items():
        for source in spec.sources:
            assert any(rows(body, source) for body in recorded.values()), (model, source.path)
    assert {model for _, model, _ in mapped(provider)} == set(PROVIDERS[provider])


def test_amount_paths_are_found_where_the_models_declare_money():
    """The walk sees the amounts the models declare (a guard on the test itself)."""
    record = next(r for _, m, r in mapped("quickbooks") if m == "invoice" and r.line_items)
    found = {path.split(".", 1)[1] for path, _, _ in amounts(record, None, "r")}
    assert {"total_amount", "balance"} <= found
    assert any(p.startswith("line_items[0].") and p.endswith("total_amount") for p in found)
    assert not any(p.endswith("unit_price") or p.endswith("quantity") for p in found)
