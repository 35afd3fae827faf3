"""The overview: accounts by status and provider, the last day's syncs and deliveries, budget."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from gateway.dashboard import metrics
from gateway.dashboard.access import dashboard_view, page


@dashboard_view()
def overview(request: HttpRequest) -> HttpResponse:
    return page(
        request,
        "dashboard/overview.html",
        {
            "o": metrics.overview(request.customer),
            "charts": metrics.charts(request.customer),
        },
    )
