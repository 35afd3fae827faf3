"""The team: who can sign in to this customer's dashboard, with which role (admins manage it)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from gateway.dashboard import roles, selectors, services
from gateway.dashboard.access import dashboard_view, page
from gateway.dashboard.models import Role


@dashboard_view(methods=["GET", "POST"])
def user_list(request: HttpRequest) -> HttpResponse:
    context: dict = {"roles": Role.choices}
    status = 200
    if request.method == "POST":
        if not roles.can(request.member.role, "users"):
            return page(request, "dashboard/error.html", {"title": "Not allowed"}, status=403)
        try:
            member, _ = services.invite(
                request.customer, request.POST.get("email", ""), request.POST.get("role", "")
            )
        except services.MemberError as exc:
            context["error"] = str(exc)
            status = 400
        else:
            context["invited"] = {"member": member, "url": services.set_password_url(member)}
    context["members"] = selectors.members(request.customer)
    return page(request, "dashboard/users.html", context, status=status)


@dashboard_view(action="users", methods=["POST"])
def user_role(request: HttpRequest, member_id: str) -> HttpResponse:
    member = selectors.member(request.customer, member_id)
    try:
        services.change_role(member, request.POST.get("role", ""))
    except services.MemberError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{member.email} is now {member.get_role_display()}.")
    return HttpResponseRedirect(reverse("dashboard:users"))


@dashboard_view(action="users", methods=["POST"])
def user_remove(request: HttpRequest, member_id: str) -> HttpResponse:
    member = selectors.member(request.customer, member_id)
    try:
        services.remove(member)
    except services.MemberError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{member.email} can no longer sign in.")
    return HttpResponseRedirect(reverse("dashboard:users"))
