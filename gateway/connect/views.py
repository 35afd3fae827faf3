"""The hosted connect pages the end user sees (plain Django templates, no JavaScript).

/connect/<link token>              choose a provider (or the account to reconnect)
/connect/<link token>/start        POST: go to the provider's consent page
/connect/<link token>/custom/<provider>  paste the client id and secret of an app of one's own
                                   bound to one tenant (Xero custom connection) instead
/connect/callback                  the provider sends the end user back here
/connect/s/<session>/organisations pick the organisations to link (several reached)
/connect/s/<session>/result        success or error, then back to the customer's redirect URL
/connect/demo-return               the demo customer's redirect URL: shows what it received

After the token page, pages are addressed by the session id and only served to the browser that
opened the link (its id is kept in the Django session), so a leaked callback or picker URL is
useless elsewhere.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gateway.connect import services
from gateway.connect.forms import ClientCredentialsForm
from gateway.connect.models import LinkSession, LinkSessionStatus
from gateway.connect.security import hosted_csrf_protect, hosted_page
from gateway.core.providers import get_registry

logger = logging.getLogger(__name__)

BROWSER_KEY = "ledgerlink_connect_sessions"
_MAX_BOUND = 10

#: What each error code tells the end user (the code itself goes back to the customer).
ERRORS: dict[str, tuple[str, str]] = {
    "cancelled": ("Connection cancelled", "You cancelled, so nothing was connected."),
    "access_denied": (
        "Access was not granted",
        "You declined access at {provider}, so nothing was connected.",
    ),
    "link_token_expired": (
        "This link has expired",
        "Links to connect an account are valid for a short time. "
        "Go back to {customer} to get a new one.",
    ),
    "link_token_used": (
        "This link was already used",
        "Each link connects accounts once. Go back to {customer} to get a new one.",
    ),
    "invalid_state": (
        "This sign-in could not be verified",
        "The answer from {provider} did not match a connection started in this browser, so "
        "nothing was connected. Start again from {customer}.",
    ),
    "authorization_failed": (
        "{provider} did not accept the sign-in",
        "The sign-in could not be completed and nothing was connected. Please start again "
        "from {customer}.",
    ),
    "provider_error": (
        "{provider} reported an error",
        "Nothing was connected. Please start again from {customer}.",
    ),
    "provider_unavailable": (
        "{provider} could not be reached",
        "{provider} did not answer and nothing was connected. Please try again from "
        "{customer} in a few minutes.",
    ),
    "no_organisations": (
        "No organisation to connect",
        "Your {provider} sign-in does not give access to any organisation.",
    ),
    "relink_mismatch": (
        "The organisation was not reconnected",
        "The organisation to reconnect was not selected at {provider}. Start again from "
        "{customer} and select it.",
    ),
    "form_expired": (
        "This page has expired",
        "Your browser sent a form we could not verify. Reload the page and try again.",
    ),
    "invalid_link": (
        "This link is not valid",
        "Check that you copied the whole link, or ask for a new one.",
    ),
}


#: Why pasted client credentials linked nothing: (HTTP status, message). The end user can
#: correct them on the same page.
REFUSALS: dict[str, tuple[int, str]] = {
    "invalid_client": (
        400,
        "{provider} did not accept this client id and secret. Copy both again from your "
        "{label}'s page; if you generated a new secret, only the newest one works.",
    ),
    "unauthorized_client": (
        400,
        "This client id is not a {label}. Use the client id and secret of an app created as "
        "a {label} in {provider}'s developer portal.",
    ),
    "invalid_scope": (
        400,
        "Your {label} is not authorised for what {customer} needs. Add the scopes listed "
        "above to it in {provider}'s developer portal and try again.",
    ),
    "no_organisations": (
        400,
        "Your {label} is not authorised for any {tenant} yet. Ask the {tenant}'s admin to "
        "authorise it (from {provider}'s email), then try again.",
    ),
    "relink_mismatch": (
        400,
        "This {label} reaches another {tenant}, not {relink}. Use the {label} of {relink}.",
    ),
    "provider_unavailable": (
        503,
        "{provider} could not be reached, so nothing was connected. Try again in a few minutes.",
    ),
    "provider_error": (502, "{provider} reported an error, so nothing was connected. Try again."),
}


# -- the browser that opened the link --------------------------------------------------------


def _bind(request: HttpRequest, session: LinkSession) -> None:
    bound = [s for s in request.session.get(BROWSER_KEY, []) if s != str(session.pk)]
    request.session[BROWSER_KEY] = [*bound, str(session.pk)][-_MAX_BOUND:]


def _is_bound(request: HttpRequest, session: LinkSession) -> bool:
    return str(session.pk) in request.session.get(BROWSER_KEY, [])


def _latest_bound(request: HttpRequest) -> LinkSession | None:
    """The most recent session this browser was in, if it is still going."""
    ids = request.session.get(BROWSER_KEY, [])
    for session_id in reversed(ids):
        session = LinkSession.objects.select_related("customer").filter(pk=session_id).first()
        if session is not None and not session.is_finished:
            return session
    return None


def _bound_session(request: HttpRequest, session_id) -> LinkSession | None:
    session = (
        LinkSession.objects.select_related("customer", "relink_account")
        .filter(pk=session_id)
        .first()
    )
    if session is None or not _is_bound(request, session):
        return None
    return session


# -- rendering ---------------------------------------------------------------------------------


def _provider_name(key: str) -> str:
    if key and key in get_registry():
        return get_registry().get(key).name
    return "the provider"


def _error_page(
    request: HttpRequest, code: str, session: LinkSession | None, status: int = 400
) -> HttpResponse:
    customer = session.customer.name if session else "the app you came from"
    provider = _provider_name(session.provider) if session else "the provider"
    title, message = ERRORS.get(code, ERRORS["provider_error"])
    context = {
        "customer": session.customer if session else None,
        "title": title.format(customer=customer, provider=provider),
        "message": message.format(customer=customer, provider=provider),
        "code": code,
        "return_url": services.with_query(
            session.redirect_url, error=code, end_user_id=session.end_user_id
        )
        if session
        else None,
        "delay": settings.CONNECT_ERROR_REDIRECT_SECONDS,
    }
    return render(request, "connect/error.html", context, status=status)


def _show_result(session: LinkSession) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("connect-result", args=[session.pk]))


# -- pages -------------------------------------------------------------------------------------


@hosted_page
@require_GET
def link_page(request: HttpRequest, token: str) -> HttpResponse:
    session = services.session_for_token(token)
    if session is None:
        return _error_page(request, "invalid_link", None, status=404)
    try:
        services.check_usable(session)
    except services.LinkFailed as exc:
        session.refresh_from_db()
        return _error_page(request, exc.code, session, status=410)
    _bind(request, session)
    if session.status == LinkSessionStatus.CHOOSING:
        return HttpResponseRedirect(reverse("connect-organisations", args=[session.pk]))
    return _choose_page(request, session, token)


def _choose_page(
    request: HttpRequest, session: LinkSession, token: str, error: str | None = None
) -> HttpResponse:
    context = {
        "customer": session.customer,
        "session": session,
        "token": token,
        "providers": services.offered_providers(session),
        "relink_account": session.relink_account if session.is_relink else None,
        "error": error,
    }
    return render(request, "connect/choose.html", context, status=400 if error else 200)


@hosted_page
@hosted_csrf_protect
@require_POST
def start(request: HttpRequest, token: str) -> HttpResponse:
    session = services.session_for_token(token)
    if session is None:
        return _error_page(request, "invalid_link", None, status=404)
    try:
        services.check_usable(session)
    except services.LinkFailed as exc:
        session.refresh_from_db()
        return _error_page(request, exc.code, session, status=410)
    _bind(request, session)
    if request.POST.get("action") == "cancel":
        services.cancel_session(session)
        return _show_result(session)
    try:
        url = services.begin_authorization(session, request.POST.get("provider", ""))
    except ValueError:
        return _choose_page(request, session, token, error="Choose one of these systems.")
    return HttpResponseRedirect(url)


@hosted_page
@sensitive_post_parameters("client_secret")
@hosted_csrf_protect
@require_http_methods(["GET", "POST"])
def client_credentials(request: HttpRequest, token: str, provider: str) -> HttpResponse:
    """Link with the client id and secret of an app of the end user's own (one tenant)."""
    session = services.session_for_token(token)
    if session is None:
        return _error_page(request, "invalid_link", None, status=404)
    try:
        services.check_usable(session)
        chosen = services.client_credentials_provider(session, provider)
    except services.LinkFailed as exc:
        session.refresh_from_db()
        return _error_page(request, exc.code, session, status=410)
    except ValueError:
        return _error_page(request, "invalid_link", session, status=404)
    _bind(request, session)
    form = ClientCredentialsForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        status = 400 if form.is_bound else 200
        return _client_credentials_page(request, session, token, chosen, form, None, status)
    try:
        session = services.link_client_credentials(
            session, provider, form.cleaned_data["client_id"], form.cleaned_data["client_secret"]
        )
    except services.CredentialsRefused as exc:
        status, message = REFUSALS.get(exc.code, REFUSALS["provider_error"])
        return _client_credentials_page(
            request, session, token, chosen, form, _refusal(message, session, chosen), status
        )
    except services.LinkFailed as exc:
        session.refresh_from_db()
        return _error_page(request, exc.code, session, status=410)
    return _show_result(session)


def _refusal(message: str, session: LinkSession, provider) -> str:
    relink = session.relink_account
    return message.format(
        provider=provider.name,
        label=provider.client_credentials_spec.label,
        customer=session.customer.name,
        tenant=provider.tenant_concept,
        relink=(relink.tenant_name or f"this {provider.tenant_concept}") if relink else "",
    )


def _client_credentials_page(
    request: HttpRequest,
    session: LinkSession,
    token: str,
    provider,
    form: ClientCredentialsForm,
    error: str | None,
    status: int,
) -> HttpResponse:
    context = {
        "customer": session.customer,
        "session": session,
        "token": token,
        "provider": provider,
        "spec": provider.client_credentials_spec,
        "scopes": provider.client_credentials_spec.scopes,
        "form": form,
        "client_id": form["client_id"].value() or "",
        "relink_account": session.relink_account if session.is_relink else None,
        "error": error,
    }
    return render(request, "connect/client_credentials.html", context, status=status)


@hosted_page
@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state")
    session = services.session_for_state(state)
    if (
        session is None
        or not _is_bound(request, session)
        or not services.claim_state(session, state or "")
    ):
        # Forged, replayed or from another browser: nothing is exchanged. The flow this browser
        # was in (if any) ends, so the customer hears about it.
        current = session if session is not None and _is_bound(request, session) else None
        current = current or _latest_bound(request)
        if current is not None and current.status == LinkSessionStatus.AUTHORIZING:
            services.fail_session(current, "invalid_state")
            current.refresh_from_db()
        logger.warning("Connect callback with an unknown or reused state")
        return _error_page(request, "invalid_state", current)
    session = services.handle_callback(
        session,
        code=request.GET.get("code"),
        error=request.GET.get("error"),
        params=request.GET.dict(),
    )
    if session.status == LinkSessionStatus.CHOOSING:
        return HttpResponseRedirect(reverse("connect-organisations", args=[session.pk]))
    return _show_result(session)


@hosted_page
@hosted_csrf_protect
@require_http_methods(["GET", "POST"])
def organisations(request: HttpRequest, session_id) -> HttpResponse:
    session = _bound_session(request, session_id)
    if session is None:
        return _error_page(request, "invalid_link", None, status=404)
    if session.status != LinkSessionStatus.CHOOSING:
        return (
            _show_result(session)
            if session.is_finished
            else _error_page(request, "invalid_state", session)
        )
    if session.is_expired():
        services.expire_session(session)
        return _show_result(session)
    error = None
    chosen: list[str] = []
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            services.cancel_session(session)
            return _show_result(session)
        chosen = request.POST.getlist("tenant")
        try:
            services.choose_organisations(session, chosen)
        except services.NothingChosen:
            error = "Select at least one organisation to connect."
        except services.LinkFailed:
            return _show_result(session)
        else:
            return _show_result(session)
    if session.provider not in get_registry():
        services.fail_session(session, "provider_error", "the provider was disabled")
        return _show_result(session)
    provider = get_registry().get(session.provider)
    context = {
        "customer": session.customer,
        "session": session,
        "provider": provider,
        "tenants": session.pending_tenants,
        "chosen": set(chosen),
        "error": error,
    }
    return render(request, "connect/organisations.html", context, status=400 if error else 200)


@hosted_page
@require_GET
def result(request: HttpRequest, session_id) -> HttpResponse:
    session = _bound_session(request, session_id)
    if session is None:
        return _error_page(request, "invalid_link", None, status=404)
    if not session.is_finished:
        if session.status == LinkSessionStatus.CHOOSING:
            return HttpResponseRedirect(reverse("connect-organisations", args=[session.pk]))
        return _error_page(request, "invalid_state", session)
    if session.status == LinkSessionStatus.FAILED:
        status = 410 if session.error_code in {"link_token_expired", "link_token_used"} else 400
        return _error_page(request, session.error_code, session, status=status)
    found = services.outcome(session)
    context = {
        "customer": session.customer,
        "session": session,
        "provider": _provider_name(session.provider),
        "accounts": found.accounts,
        "return_url": found.return_url,
        "delay": settings.CONNECT_REDIRECT_SECONDS,
        "relinked": session.is_relink,
    }
    return render(request, "connect/success.html", context)


@hosted_page
@require_GET
def demo_return(request: HttpRequest) -> HttpResponse:
    """The demo customer's redirect URL: what a customer's app would receive (development and
    test only: in production no customer's app lives on the gateway)."""
    if not settings.IS_DEVELOPMENT:
        raise Http404
    ids = [i for i in request.GET.get("linked_account_ids", "").split(",") if i]
    context = {
        "customer": {"name": "Demo SaaS app"},
        "linked_account_ids": ids,
        "end_user_id": request.GET.get("end_user_id", ""),
        "error": request.GET.get("error", ""),
        "query": request.META.get("QUERY_STRING", ""),
    }
    return render(request, "connect/demo_return.html", context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a hosted-page error for the connect pages, Django's page elsewhere."""
    if request.path.startswith("/connect/"):
        return hosted_page(_error_page)(request, "form_expired", None, status=403)
    if request.path.startswith("/dashboard/"):
        from gateway.dashboard.views.auth import form_expired

        return form_expired(request)
    from django.views.csrf import csrf_failure as default

    return default(request, reason=reason)
