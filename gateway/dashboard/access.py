"""The one wrapper every dashboard view goes through: signed in, a member of a customer, the
role the action needs, the method allowed, and the pages' security headers.

Objects are looked up by the selectors scoped to `request.customer`; an id of another
customer's object raises Http404, rendered here as the dashboard's 404 page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from gateway.connect.security import CSP as HOSTED_PAGE_CSP
from gateway.dashboard import roles
from gateway.dashboard.models import Member

#: The hosted link pages' policy (scripts, styles and images only from our origin, no inline
#: script), and forms may only post back to us.
CSP = f"{HOSTED_PAGE_CSP}; form-action 'self'"


def secure(response: HttpResponse) -> HttpResponse:
    response["Content-Security-Policy"] = CSP
    # Dashboard URLs carry no secrets, and same-origin referrers keep CSRF's origin checks
    # working; nothing leaks to other sites.
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    response["X-Frame-Options"] = "DENY"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def member_of(user) -> Member | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return Member.objects.select_related("customer").get(user=user)
    except Member.DoesNotExist:
        return None


def page(request: HttpRequest, template: str, context: dict | None = None, status: int = 200):
    """Render a dashboard page with what every page needs (the member, what they may do)."""
    member = getattr(request, "member", None)
    base = {"member": member, "customer": getattr(request, "customer", None)}
    if member is not None:
        base["can"] = roles.allowed(member.role)
    return render(request, template, {**base, **(context or {})}, status=status)


def dashboard_view(
    action: str | None = None, methods: Iterable[str] = ("GET",)
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    allowed_methods = tuple(m.upper() for m in methods)

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            return secure(_handle(view, action, allowed_methods, request, *args, **kwargs))

        wrapper.dashboard_action = action  # type: ignore[attr-defined]
        wrapper.dashboard_methods = allowed_methods  # type: ignore[attr-defined]
        return wrapper

    return decorate


def _handle(view, action, methods, request, *args, **kwargs) -> HttpResponse:
    member = member_of(request.user)
    if member is None:
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return HttpResponseRedirect(settings.LOGIN_URL + (f"?{query}" if query else ""))
    request.member, request.customer = member, member.customer
    if request.method not in methods:
        response = page(request, "dashboard/error.html", {"title": "Not allowed"}, status=405)
        response["Allow"] = ", ".join(methods)
        return response
    try:
        if action is not None and not roles.can(member.role, action):
            # Whether the object exists is not revealed to a role that may not act on it:
            # the view's own lookups run first only for roles that may.
            return page(
                request,
                "dashboard/error.html",
                {
                    "title": "Not allowed",
                    "message": f"Your role ({member.get_role_display()}) cannot do this; "
                    "ask an admin of your team.",
                },
                status=403,
            )
        return view(request, *args, **kwargs)
    except Http404:
        return page(
            request,
            "dashboard/error.html",
            {"title": "Not found", "message": "There is nothing here, or it is not yours."},
            status=404,
        )
