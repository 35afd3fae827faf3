"""Hostile or broken QuickBooks report answers: the mapper gives a report or a ProviderError
(a 502 at the gateway), never another exception, whatever the shapes of Header, Columns and
Rows (hypothesis over JSON trees built from the report's own keys)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors.errors import ProviderError
from connectors.quickbooks.mappers_report import report_from_qbo
from unified_models import Report, ReportRequest, ReportType

KEYS = [
    "Header", "Columns", "Column", "Rows", "Row", "Summary", "ColData", "value", "id", "type",
    "group", "ColTitle", "ColType", "MetaData", "Name", "Value", "SummarizeColumnsBy", "Time",
    "EndPeriod", "StartPeriod", "ReportBasis", "Currency",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from(["", "Data", "Section", "Total", "12.50", "-1", "Debit", "Credit", "NaN",
                     "Income", "GrandTotal", "Classes", "Month", "2025-01-31", "91 and over",
                     "1 - 30", "total", "x" * 300]),
)  # fmt: skip
TREES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)
    ),
    max_leaves=40,
)
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "quickbooks"


def _map(body, report: ReportType) -> None:
    try:
        result = report_from_qbo(body, ReportRequest(type=report))
    except ProviderError:
        return
    assert isinstance(result, Report)
    for row in result.walk():
        assert len(row.values) in (0, len(result.columns))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=TREES, report=st.sampled_from(list(ReportType)))
def test_any_tree_maps_or_is_a_provider_error(body, report):
    _map(body, report)


@pytest.mark.parametrize("name", ["us_balancesheet_month", "us_trialbalance", "us_agedpayables"])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_recorded_reports_with_parts_replaced(name, data):
    """A real answer with one part swapped for garbage."""
    body = json.loads((FIXTURE / f"reports_sandbox_{name}.json").read_text())
    part = data.draw(st.sampled_from(["Header", "Columns", "Rows"]))
    body[part] = data.draw(TREES)
    _map(body, data.draw(st.sampled_from(list(ReportType))))
