"""`/v1/reports/<report>`: thin HTTP over gateway.reports.services."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from pydantic import Field, create_model
from rest_framework.request import Request
from rest_framework.views import APIView

from gateway.accounts.selectors import linked_account_from_header
from gateway.core import jsonutil
from gateway.core.openapi import provider_error_responses
from gateway.records.schemas import LINKED_ACCOUNT_HEADER
from gateway.reports import examples, params, services
from unified_models import REPORT_PATHS, Report, ReportType

__all__ = ["ReportAnswer", "ReportSnapshotList", "SnapshotListView", "report_views"]

TAGS = ["reports"]

ReportAnswer = create_model(
    "ReportAnswer",
    __base__=Report,
    __doc__="A financial report as the provider computed it, in Ledgerlink's shape.",
    linked_account=(UUID, Field(description="The linked account the report is of.")),
    generated_at=(
        dt.datetime,
        Field(
            description="When Ledgerlink fetched the report from the provider (ISO 8601, UTC); "
            "with `cached=true` the report is this old."
        ),
    ),
    cached=(
        bool,
        Field(description="Served from Ledgerlink's cache (true) or fetched for this request."),
    ),
)

_LABELS = {
    ReportType.BALANCE_SHEET: "balance sheet",
    ReportType.PROFIT_AND_LOSS: "profit and loss statement",
    ReportType.TRIAL_BALANCE: "trial balance",
    ReportType.AGED_RECEIVABLES: "aged receivables report",
    ReportType.AGED_PAYABLES: "aged payables report",
    ReportType.CASH_FLOW: "cash flow statement",
}

_DESCRIPTIONS = {
    "start_date": "First day of the (newest) period, YYYY-MM-DD. With `end_date`; neither: the "
    "current calendar month (UTC).",
    "end_date": "Last day of the (newest) period, YYYY-MM-DD; not before `start_date`.",
    "date": "The report's date, YYYY-MM-DD (default: today, UTC).",
    "as_of": "The date the ageing is computed at, YYYY-MM-DD (default: today, UTC); `date` is "
    "accepted as its other name.",
    "periods": "How many periods (or dates) to show, the newest first: 1 (default) and up to the "
    "provider's maximum (`/v1/providers` → `reports`).",
    "timeframe": "Length of each earlier period: MONTH, QUARTER or YEAR. Required when "
    "`periods` > 1.",
    "basis": "ACCRUAL or CASH, where the provider offers a choice (`/v1/providers`).",
    "tracking_category": "Break the columns down by the options of this tracking category "
    "(its Ledgerlink id), where the provider offers it; 422 when the account has no such "
    "category.",
    "contact": "Only this contact (its Ledgerlink id); 422 when the account has no such contact.",
    "max_age": "Seconds: serve a cached report only if it is younger than this (0: always ask the "
    "provider). Default and most: the gateway's freshness window (15 minutes by default).",
    "include_remote_data": "Add the provider's own report (`remote_data`).",
}
_TYPES = {
    "start_date": OpenApiTypes.DATE,
    "end_date": OpenApiTypes.DATE,
    "date": OpenApiTypes.DATE,
    "as_of": OpenApiTypes.DATE,
    "periods": {"type": "integer", "minimum": 1, "maximum": params.MAX_PERIODS},
    "max_age": {"type": "integer", "minimum": 0},
    "include_remote_data": OpenApiTypes.BOOL,
}
_ENUMS = {"timeframe": ["MONTH", "QUARTER", "YEAR"], "basis": ["ACCRUAL", "CASH"]}


def _parameters(report: ReportType) -> list[OpenApiParameter]:
    return [LINKED_ACCOUNT_HEADER] + [
        OpenApiParameter(
            name,
            _TYPES.get(name, OpenApiTypes.STR),
            description=_DESCRIPTIONS[name],
            enum=_ENUMS.get(name),
        )
        for name in _DESCRIPTIONS
        if name in params.allowed_parameters(report)
    ]


class ReportView(APIView):
    report = ReportType.BALANCE_SHEET

    def get(self, request: Request) -> HttpResponse:
        account = linked_account_from_header(request)
        services.offer_for(account, self.report)  # 501 before the parameters are looked at
        query = params.parse(self.report, request.query_params)
        body = services.report(account, query)
        return HttpResponse(jsonutil.dumps(body), content_type="application/json")


def _view(report: ReportType) -> type[ReportView]:
    label = _LABELS[report]

    def get(self, request: Request) -> HttpResponse:
        return ReportView.get(self, request)

    get = extend_schema(
        summary=f"Get the {label}",
        operation_id=f"reports_{report.value.lower()}_retrieve",
        description=(
            f"The {label} as the linked account's provider computes it, in Ledgerlink's report "
            "shape: `columns` (periods, tracking options or ageing buckets) and a tree of `rows` "
            "whose TOTAL rows name the rows they sum (`sum_of`). Account and contact rows carry "
            "the Ledgerlink id of the stored record (`account`, `contact`) beside the provider's. "
            "Fetched through the rate limiter and cached per linked account and parameters for "
            "the freshness window (`max_age` lowers it); a sync that stores ledger changes drops "
            "the account's cached reports. 400 for bad parameters or beyond the provider's "
            "limits (before any provider call); 501 when the provider has no such report."
        ),
        parameters=_parameters(report),
        responses={200: ReportAnswer, **provider_error_responses()},
        examples=[examples.example_for(report)],
        tags=TAGS,
    )(get)
    return type(f"{report.value.title().replace('_', '')}ReportView", (ReportView,), {
        "report": report, "get": get, "__doc__": f"GET the {label}."
    })  # fmt: skip


def report_views() -> list[tuple[str, str, type[ReportView]]]:
    """(route, url name, view) per report type."""
    return [
        (f"v1/reports/{path}", f"report-{path}", _view(report))
        for report, path in REPORT_PATHS.items()
    ]


SnapshotSchema = create_model(
    "ReportSnapshot",
    __doc__="One month's report as kept for dashboards.",
    id=(UUID, Field(description="The snapshot's id.")),
    type=(ReportType, Field(description="PROFIT_AND_LOSS (the month) or BALANCE_SHEET (its end).")),
    period_start=(dt.date | None, Field(description="The month's first day (P&L).")),
    period_end=(dt.date, Field(description="The month's last day (the balance sheet's date).")),
    generated_at=(dt.datetime, Field(description="When Ledgerlink fetched it from the provider.")),
    report=(Report, Field(description="The report, Ledgerlink ids on its rows.")),
)
ReportSnapshotList = create_model(
    "ReportSnapshotList",
    linked_account=(UUID, Field(description="The linked account the snapshots are of.")),
    results=(list[SnapshotSchema], Field(description="Newest month first.")),
)


class SnapshotListView(APIView):
    @extend_schema(
        summary="List monthly report snapshots",
        operation_id="reports_snapshots_list",
        description="For dashboards: Ledgerlink keeps, per linked account, the profit and loss of "
        "every completed calendar month and the balance sheet at its end, taken by a scheduled "
        "task shortly after the month closes (where the provider offers those reports). They "
        "are the reports as fetched then: later corrections at the provider do not change them "
        "(ask `/v1/reports/...` for today's view). No provider call.",
        parameters=[
            LINKED_ACCOUNT_HEADER,
            OpenApiParameter("type", OpenApiTypes.STR, enum=["PROFIT_AND_LOSS", "BALANCE_SHEET"]),
            OpenApiParameter(
                "period_end_after", OpenApiTypes.DATE, description="Months ending on or after."
            ),
            OpenApiParameter(
                "period_end_before", OpenApiTypes.DATE, description="Months ending on or before."
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": params.MAX_SNAPSHOTS},
                description="At most this many (default 24).",
            ),
            OpenApiParameter(
                "include_remote_data",
                OpenApiTypes.BOOL,
                description="Add the provider's own reports.",
            ),
        ],
        responses={200: ReportSnapshotList},
        tags=TAGS,
    )
    def get(self, request: Request) -> HttpResponse:
        account = linked_account_from_header(request)
        query = params.parse_snapshots(request.query_params)
        body = services.snapshots(account, query)
        return HttpResponse(jsonutil.dumps(body), content_type="application/json")
