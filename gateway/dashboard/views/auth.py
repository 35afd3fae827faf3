"""Signing in and out, and choosing a password from an invitation link."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from gateway.dashboard import signin_limit
from gateway.dashboard.access import member_of, secure
from gateway.dashboard.services import user_from_link

HOME = "/dashboard/"


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or HOME
    if not target.startswith("/dashboard/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HOME
    return target


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.method == "GET" and member_of(request.user) is not None:
        return secure(HttpResponseRedirect(_next(request)))
    context = {"next": _next(request), "email": ""}
    status = 200
    if request.method == "POST":
        email = (request.POST.get("email") or "").strip().lower()[:254]
        password = request.POST.get("password") or ""
        context["email"] = email
        if signin_limit.blocked(request, email):
            context["error"] = "Too many failed sign-ins. Wait a few minutes, then try again."
            status = 429
        else:
            user = authenticate(request, username=email, password=password) if email else None
            if user is not None and member_of(user) is not None:
                signin_limit.forget(request, email)
                login(request, user)  # a new session key: no fixation
                request.session.set_expiry(settings.DASHBOARD_SESSION_SECONDS)
                return secure(HttpResponseRedirect(_next(request)))
            signin_limit.record_failure(request, email)
            context["error"] = "That email and password do not match an account."
            status = 400
    response = render(request, "dashboard/sign_in.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(settings.DASHBOARD_SIGNIN_WINDOW_SECONDS)
    return secure(response)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return secure(HttpResponseRedirect(settings.LOGIN_URL))


_TOKEN_SESSION_KEY = "dashboard_set_password_token"
_SET = "set"


@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def set_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The invitation (or reset) link: valid until a password is set, or it expires
    (PASSWORD_RESET_TIMEOUT). As Django's own reset view does, the token moves from the URL to
    the session at once, so it is not in the page's URL (history, Referer) any longer."""
    user = user_from_link(uidb64)
    if user is not None and token != _SET:
        if default_token_generator.check_token(user, token):
            request.session[_TOKEN_SESSION_KEY] = token
            return secure(HttpResponseRedirect(request.path.replace(token, _SET)))
        user = None
    session_token = request.session.get(_TOKEN_SESSION_KEY, "")
    if user is None or not default_token_generator.check_token(user, session_token):
        return secure(render(request, "dashboard/set_password.html", {"invalid": True}, status=400))
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        logout(request)  # also drops the token from the session
        return secure(HttpResponseRedirect(settings.LOGIN_URL + "?password_set=1"))
    return secure(
        render(request, "dashboard/set_password.html", {"form": form, "email": user.email})
    )


def form_expired(request: HttpRequest) -> HttpResponse:
    """The CSRF failure page of the dashboard (a stale form, or a post from elsewhere)."""
    return secure(render(request, "dashboard/form_expired.html", status=403))
