"""Report parameters, attacked: any query string is a ReportQuery that makes sense or a 400 in
the envelope, never a 500, and nothing reaches the provider before the parameters are checked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gateway.core.errors import InvalidRequest
from gateway.reports import params
from unified_models import ReportType

NAMES = sorted(
    {n for t in ReportType for n in params.allowed_parameters(t)} | {"colour", "date[]", ""}
)
VALUES = st.one_of(
    st.text(max_size=30),
    st.dates().map(dt.date.isoformat),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["MONTH", "quarter", "CASH", "true", "0", "1e3", " 2 ", "２", "\x00", "NaN"]),
)


def _query(pairs: list[tuple[str, str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query


@settings(max_examples=400, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    report=st.sampled_from(list(ReportType)),
    pairs=st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=6),
)
def test_any_query_is_a_sensible_query_or_a_400(report, pairs):
    try:
        query = params.parse(report, _query(pairs), today=dt.date(2026, 11, 30))
    except InvalidRequest as exc:
        assert exc.status_code == 400 and exc.details
        assert all(isinstance(d["field"], str) and d["message"] for d in exc.details)
        return
    assert query.type is report
    assert query.periods >= 1 and (query.periods == 1 or query.timeframe is not None)
    assert query.max_age is None or query.max_age >= 0
    for day in (query.start_date, query.end_date, query.date):
        assert day is None or params.EARLIEST <= day <= params.LATEST
    if report in params.PERIOD:
        assert query.start_date <= query.end_date and query.date is None
    else:
        assert query.date is not None and query.start_date is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "periods=" + "9" * 5000,
        "date=" + "2" * 10_000,
        "start_date=2026-01-01%00&end_date=2026-01-31",
        "start_date=2026-01-01&end_date=2026-01-31&start_date=2025-01-01",
        "max_age=99999999999999999999999",
        "tracking_category=%27%3B%20DROP%20TABLE%20records_record%3B--",
        "timeframe=month&periods=２",
        "basis[]=CASH",
    ],
)
def test_hostile_query_strings_are_400s_before_the_provider(query, report_client, report_provider):
    response = report_client.get(f"/v1/reports/profit-and-loss?{query}")
    assert response.status_code in (400, 422), (query[:60], response.status_code)
    error = response.json()["error"]
    assert error["type"] == "validation_error" and error["details"]
    assert report_provider.requests == []
