"""Linked accounts: the list, one account (sync status, runs, charts), and its actions. Each
action calls the service the API's view calls."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from gateway.accounts.models import LinkedAccountStatus
from gateway.accounts.services import delete_linked_account
from gateway.connect import services as connect_services
from gateway.connect.serializers import RelinkTokenRequestSerializer
from gateway.core.bodies import validated_body
from gateway.core.queueing import require_broker
from gateway.dashboard import metrics, selectors
from gateway.dashboard.access import dashboard_view, page
from gateway.dashboard.errors import REFUSALS, message_of
from gateway.sync import services as sync_services
from gateway.sync.models import AccountState, RunStatus, RunTrigger, SyncMode
from gateway.sync.serializers import (
    MAX_FREQUENCY_MINUTES,
    MIN_FREQUENCY_MINUTES,
    SyncSettingsSerializer,
)

RUNS_SHOWN = 25
#: While a run is queued or running the account page reloads itself this often (seconds).
REFRESH_SECONDS = 2


def _detail(account) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("dashboard:account", args=[account.pk]))


@dashboard_view()
def account_list(request: HttpRequest) -> HttpResponse:
    params = request.GET
    rows = Paginator(selectors.accounts(request.customer, params), selectors.PAGE_SIZE)
    return page(
        request,
        "dashboard/accounts.html",
        {
            "page": rows.get_page(params.get("page")),
            "q": params.get("q", ""),
            "provider": params.get("provider", ""),
            "status": params.get("status", ""),
            "providers": selectors.providers_of(request.customer),
            "statuses": LinkedAccountStatus.values,
        },
    )


@dashboard_view()
def account_detail(request: HttpRequest, account_id: str) -> HttpResponse:
    account = selectors.account(request.customer, account_id)
    status = sync_services.sync_status(account)
    runs = list(account.sync_runs.order_by("-queued_at")[:RUNS_SHOWN])
    busy = status["state"] in (AccountState.QUEUED, AccountState.SYNCING) or any(
        r.status in (RunStatus.QUEUED, RunStatus.RUNNING) for r in runs[:1]
    )
    return page(
        request,
        "dashboard/account.html",
        {
            "account": account,
            "status": status,
            "models": metrics.model_rows(status, account),
            "limits": status["limits"],
            "runs": metrics.run_rows(runs),
            "busy": busy,
            "refresh_seconds": REFRESH_SECONDS if busy else None,
            "charts": metrics.charts(request.customer, account),
            "modes": SyncMode.values,
            "needs_relink": account.status == LinkedAccountStatus.RELINK_REQUIRED,
            "redirect_urls": request.customer.redirect_urls,
        },
    )


@dashboard_view(action="resync", methods=["POST"])
def resync(request: HttpRequest, account_id: str) -> HttpResponse:
    account = selectors.account(request.customer, account_id)
    mode = request.POST.get("mode") or SyncMode.INCREMENTAL
    if mode not in SyncMode.values:
        mode = SyncMode.INCREMENTAL
    try:
        require_broker()
        run = sync_services.request_sync(account, mode, RunTrigger.API)
    except REFUSALS as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, f"A {mode} sync was queued (run {run.id}).")
    return _detail(account)


@dashboard_view(action="relink", methods=["POST"])
def relink(request: HttpRequest, account_id: str) -> HttpResponse:
    """A relink link for the end user (shown once: the link token is a secret)."""
    account = selectors.account(request.customer, account_id)
    body = RelinkTokenRequestSerializer(
        data={"redirect_url": request.POST.get("redirect_url", "")},
        context={"customer": request.customer},
    )
    if not body.is_valid():
        messages.error(request, "Choose one of your registered redirect URLs.")
        return _detail(account)
    redirect_url = body.validated_data["redirect_url"]
    if account.provider not in connect_services.enabled_provider_keys():
        messages.error(request, f"The provider {account.provider!r} is not configured here.")
        return _detail(account)
    session, token = connect_services.create_relink_session(account, redirect_url)
    return page(
        request,
        "dashboard/relink.html",
        {
            "account": account,
            "url": connect_services.hosted_url(token),
            "expires_at": session.expires_at,
        },
    )


@dashboard_view(action="disconnect", methods=["GET", "POST"])
def disconnect(request: HttpRequest, account_id: str) -> HttpResponse:
    account = selectors.account(request.customer, account_id)
    if request.method == "POST":
        if request.POST.get("confirm", "").strip() != (account.tenant_name or account.tenant_id):
            messages.error(request, "Type the organisation's name exactly to disconnect it.")
            return HttpResponseRedirect(reverse("dashboard:account-disconnect", args=[account.pk]))
        name = str(account)
        try:
            delete_linked_account(account)
        except REFUSALS as exc:
            messages.error(request, message_of(exc))
            return _detail(account)
        messages.success(request, f"{name} was disconnected and its data deleted.")
        return HttpResponseRedirect(reverse("dashboard:accounts"))
    return page(request, "dashboard/disconnect.html", {"account": account})


@dashboard_view(action="sync_settings", methods=["GET", "POST"])
def sync_settings(request: HttpRequest, account_id: str) -> HttpResponse:
    """GET is open to every role through the account page; this view is the form and its post."""
    account = selectors.account(request.customer, account_id)
    if request.method == "POST":
        raw = request.POST.get("frequency_minutes", "")
        try:
            body = validated_body(
                SyncSettingsSerializer,
                {"frequency_minutes": int(raw) if raw.strip().isdigit() else raw},
                {"frequency_minutes"},
            )
            sync_services.update_sync_settings(account, body["frequency_minutes"])
        except REFUSALS as exc:
            messages.error(request, message_of(exc))
        else:
            messages.success(request, "Sync settings saved.")
            return _detail(account)
    return page(
        request,
        "dashboard/sync_settings.html",
        {
            "account": account,
            "settings": sync_services.sync_settings(account),
            "min": MIN_FREQUENCY_MINUTES,
            "max": MAX_FREQUENCY_MINUTES,
        },
    )
