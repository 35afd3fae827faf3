"""`/v1/providers` says which reports each provider serves; the OpenAPI examples are real
reports (they validate, their totals add up) and every report route is documented."""

from __future__ import annotations

from decimal import Decimal

import pytest
from drf_spectacular.generators import SchemaGenerator

from gateway.reports import examples
from gateway.reports.views import ReportAnswer
from tests.gateway.reports import fakes
from unified_models import REPORT_PATHS, ReportRowKind, ReportType

pytestmark = pytest.mark.django_db


def test_providers_list_their_reports(authed_client, report_provider):
    providers = {p["key"]: p for p in authed_client.get("/v1/providers").json()["results"]}
    reports = providers[fakes.KEY]["reports"]
    assert set(reports) == {t.value for t in ReportType}
    assert reports["PROFIT_AND_LOSS"] == {
        "offered": True,
        "max_periods": 12,
        "bases": ["ACCRUAL", "CASH"],
        "tracking": True,
        "derived": False,
        "note": None,
    }
    assert reports["CASH_FLOW"] == {
        "offered": False,
        "reason": "Report Books prints no cash flow statement.",
    }
    assert providers["fake"]["reports"] is None


def _values(report, row_id: str) -> list[Decimal]:
    return next(r for r in report.walk() if r.id == row_id).values


@pytest.mark.parametrize("report_type", list(ReportType))
def test_examples_are_reports_whose_totals_add_up(report_type):
    report = examples.EXAMPLE_REPORTS[report_type]()
    assert report.type is report_type
    ReportAnswer.model_validate(examples.answer_body(report))
    for row in report.walk():
        assert len(row.values) in (0, len(report.columns)), row.id
        if row.kind is ReportRowKind.TOTAL:
            expected = [Decimal(0)] * len(report.columns)
            for name in row.sum_of:
                sign = -1 if name.startswith("-") else 1
                for i, value in enumerate(_values(report, name.lstrip("-"))):
                    expected[i] += sign * (value or 0)
            assert row.values == expected, row.id


def test_example_identities():
    bs = examples.balance_sheet()
    assets, liabilities = _values(bs, "total.assets")[0], _values(bs, "total.liabilities")[0]
    assert assets == liabilities + _values(bs, "total.equity")[0]
    tb = examples.trial_balance()
    assert _values(tb, "total") == [Decimal("0.00")]
    ar = examples._aged(ReportType.AGED_RECEIVABLES)
    assert _values(ar, "total")[-1] == _values(bs, "acct:acc-610")[0]
    cf = examples.cash_flow()
    assert _values(cf, "cash_end") == _values(bs, "acct:acc-090")


def test_every_report_route_is_documented_with_an_example():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for report, path in REPORT_PATHS.items():
        operation = schema["paths"][f"/v1/reports/{path}"]["get"]
        assert operation["tags"] == ["reports"]
        content = operation["responses"]["200"]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/ReportAnswer"}
        [example] = content["examples"].values()
        assert example["value"]["type"] == report.value
        for status in ("400", "501"):
            assert status in operation["responses"], (path, status)
    assert "ReportAnswer" in schema["components"]["schemas"]
