"""API keys: the list (prefix, last use), create (the key shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from gateway.customers.services import issue_api_key
from gateway.dashboard import roles, selectors
from gateway.dashboard.access import dashboard_view, page


@dashboard_view(methods=["GET", "POST"])
def key_list(request: HttpRequest) -> HttpResponse:
    context: dict = {}
    if request.method == "POST":
        if not roles.can(request.member.role, "keys"):
            return page(request, "dashboard/error.html", {"title": "Not allowed"}, status=403)
        name = request.POST.get("name", "").strip()[:100]
        key, plaintext = issue_api_key(request.customer, name=name)
        context["created"] = {"key": key, "plaintext": plaintext}
    context["keys"] = selectors.api_keys(request.customer)
    return page(request, "dashboard/keys.html", context)


@dashboard_view(action="keys", methods=["POST"])
def key_revoke(request: HttpRequest, key_id: str) -> HttpResponse:
    key = selectors.api_key(request.customer, key_id)
    key.revoke()
    messages.success(request, f"Key {key} ({key.name or 'unnamed'}) revoked: it stops working now.")
    return HttpResponseRedirect(reverse("dashboard:keys"))
