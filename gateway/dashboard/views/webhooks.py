"""Events, webhook deliveries (with each attempt) and replay; webhook endpoints."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from gateway.dashboard import metrics, selectors
from gateway.dashboard.access import dashboard_view, page
from gateway.dashboard.errors import REFUSALS, message_of
from gateway.events import delivery as delivery_service
from gateway.events import endpoints as endpoint_service
from gateway.events.models import DeliveryStatus
from gateway.events.services import event_body, event_types


def _pretty(event) -> str:
    return json.dumps(json.loads(event_body(event)), indent=2, sort_keys=False)


@dashboard_view()
def event_list(request: HttpRequest) -> HttpResponse:
    params = request.GET
    rows = Paginator(selectors.events(request.customer, params), selectors.PAGE_SIZE)
    return page(
        request,
        "dashboard/events.html",
        {
            "page": rows.get_page(params.get("page")),
            "type": params.get("type", ""),
            "account_filter": params.get("account", ""),
            "accounts": selectors.accounts(request.customer, {}),
            "types": event_types(),
        },
    )


@dashboard_view()
def event_detail(request: HttpRequest, event_id: str) -> HttpResponse:
    event = selectors.event(request.customer, event_id)
    return page(
        request,
        "dashboard/event.html",
        {
            "event": event,
            "body": _pretty(event),
            "deliveries": selectors.deliveries(request.customer, {"event": str(event.id)}),
        },
    )


@dashboard_view()
def delivery_list(request: HttpRequest) -> HttpResponse:
    params = request.GET
    rows = Paginator(selectors.deliveries(request.customer, params), selectors.PAGE_SIZE)
    return page(
        request,
        "dashboard/deliveries.html",
        {
            "page": rows.get_page(params.get("page")),
            "status": params.get("status", ""),
            "endpoint_filter": params.get("endpoint", ""),
            "type": params.get("type", ""),
            "statuses": DeliveryStatus.values,
            "endpoints": selectors.endpoints(request.customer),
            "types": event_types(),
            "charts": {"deliveries": metrics.charts(request.customer)["deliveries"]},
        },
    )


@dashboard_view()
def delivery_detail(request: HttpRequest, delivery_id: str) -> HttpResponse:
    found = selectors.delivery(request.customer, delivery_id)
    return page(
        request,
        "dashboard/delivery.html",
        {
            "delivery": found,
            "attempts": selectors.attempts(found),
            "body": _pretty(found.event),
            "replays": found.__class__.objects.filter(replay_of=found).order_by("-seq"),
        },
    )


@dashboard_view(action="replay", methods=["POST"])
def replay(request: HttpRequest, delivery_id: str) -> HttpResponse:
    original = selectors.delivery(request.customer, delivery_id)
    copy = delivery_service.replay(original)
    messages.success(request, "Replay queued: the same event goes to the endpoint again.")
    return HttpResponseRedirect(reverse("dashboard:delivery", args=[copy.id]))


# -- endpoints ---------------------------------------------------------------------------------
def _endpoint_form(post) -> dict:
    types = [t.strip() for t in post.get("event_types", "").replace("\n", ",").split(",")]
    return {
        "url": post.get("url", "").strip(),
        "description": post.get("description", "").strip()[:200],
        "event_types": [t for t in types if t],
    }


@dashboard_view(methods=["GET", "POST"])
def endpoint_list(request: HttpRequest) -> HttpResponse:
    """The list for everyone; its form (POST) creates an endpoint and shows the secret once."""
    from gateway.dashboard import roles

    context: dict = {"form": {"url": "", "description": "", "event_types": ""}}
    status = 200
    if request.method == "POST":
        if not roles.can(request.member.role, "endpoints"):
            return page(request, "dashboard/error.html", {"title": "Not allowed"}, status=403)
        data = _endpoint_form(request.POST)
        try:
            endpoint, secret = endpoint_service.create_endpoint(request.customer, data)
        except REFUSALS as exc:
            context["error"] = message_of(exc)
            context["form"] = {**data, "event_types": ", ".join(data["event_types"])}
            status = 400
        else:
            context["shown"] = {"endpoint": endpoint, "secret": secret, "rotated": False}
    context["endpoints"] = selectors.endpoints(request.customer)
    context["types"] = event_types()
    return page(request, "dashboard/endpoints.html", context, status=status)


@dashboard_view(action="endpoints", methods=["POST"])
def endpoint_rotate(request: HttpRequest, endpoint_id: str) -> HttpResponse:
    endpoint = selectors.endpoint(request.customer, endpoint_id)
    endpoint, secret = endpoint_service.update_endpoint(endpoint, {"rotate_secret": True})
    return page(
        request,
        "dashboard/endpoints.html",
        {
            "shown": {"endpoint": endpoint, "secret": secret, "rotated": True},
            "endpoints": selectors.endpoints(request.customer),
            "types": event_types(),
            "form": {"url": "", "description": "", "event_types": ""},
        },
    )


@dashboard_view(action="endpoints", methods=["POST"])
def endpoint_toggle(request: HttpRequest, endpoint_id: str) -> HttpResponse:
    endpoint = selectors.endpoint(request.customer, endpoint_id)
    enable = request.POST.get("enabled") == "true"
    try:
        endpoint_service.update_endpoint(endpoint, {"enabled": enable})
    except REFUSALS as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, f"{endpoint.url} {'enabled' if enable else 'disabled'}.")
    return HttpResponseRedirect(reverse("dashboard:endpoints"))


@dashboard_view(action="delete_endpoint", methods=["POST"])
def endpoint_delete(request: HttpRequest, endpoint_id: str) -> HttpResponse:
    endpoint = selectors.endpoint(request.customer, endpoint_id)
    endpoint_service.delete_endpoint(endpoint)
    messages.success(request, f"{endpoint.url} deleted, with its delivery log.")
    return HttpResponseRedirect(reverse("dashboard:endpoints"))
