"""Signing in (rate-limited), sessions, CSRF, the security headers, and what each role may do."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gateway.customers.models import ApiKey
from gateway.dashboard import roles, services
from gateway.dashboard.models import Role
from tests.gateway.dashboard.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_with_email_and_password_then_out(team):
    client = Client()
    assert client.get("/dashboard/").status_code == 302
    response = client.post(
        "/dashboard/sign-in", {"email": " Admin@ACME.example ", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/dashboard/"
    page = client.get("/dashboard/")
    assert page.status_code == 200
    assert b"Acme Analytics" in page.content
    assert client.session.get_expiry_age() <= 12 * 3600
    client.post("/dashboard/sign-out")
    assert client.get("/dashboard/").status_code == 302


def test_sign_in_redirects_back_only_inside_the_dashboard(team):
    client = Client()
    target = client.get("/dashboard/keys")["Location"]
    assert target == "/dashboard/sign-in?next=%2Fdashboard%2Fkeys"
    ok = client.post(target, {"email": "admin@acme.example", "password": PASSWORD})
    assert ok["Location"] == "/dashboard/keys"
    client.logout()
    evil = client.post(
        "/dashboard/sign-in?next=https://evil.example/x",
        {"email": "admin@acme.example", "password": PASSWORD},
    )
    assert evil["Location"] == "/dashboard/"


def test_wrong_password_and_non_members_are_refused(team, django_user_model):
    client = Client()
    wrong = client.post("/dashboard/sign-in", {"email": "admin@acme.example", "password": "x"})
    assert wrong.status_code == 400 and b"do not match" in wrong.content
    # a Django user who is no customer's member (an operator) cannot use the dashboard
    django_user_model.objects.create_superuser("ops@ledgerlink.example", "", PASSWORD)
    ops = client.post(
        "/dashboard/sign-in", {"email": "ops@ledgerlink.example", "password": PASSWORD}
    )
    assert ops.status_code == 400
    client.force_login(django_user_model.objects.get(username="ops@ledgerlink.example"))
    assert client.get("/dashboard/").status_code == 302


def test_passwords_are_hashed(team):
    user = team["members"]["admin"].user
    assert PASSWORD not in user.password and user.check_password(PASSWORD)


def test_failed_sign_ins_are_rate_limited(team, settings):
    settings.DASHBOARD_SIGNIN_LIMIT = 3
    from django.core.cache import cache

    cache.clear()
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        bad = client.post("/dashboard/sign-in", {"email": "admin@acme.example", "password": "no"})
        assert bad.status_code == 400
    # blocked now, even with the right password, until the window is over
    blocked = client.post(
        "/dashboard/sign-in", {"email": "admin@acme.example", "password": PASSWORD}
    )
    assert blocked.status_code == 429 and blocked["Retry-After"]
    assert b"Too many failed sign-ins" in blocked.content
    # the same address is blocked for another email too (spraying one password)
    other = Client(REMOTE_ADDR="203.0.113.7").post(
        "/dashboard/sign-in", {"email": "viewer@acme.example", "password": PASSWORD}
    )
    assert other.status_code == 429
    # another address may still sign in with another email
    fine = Client(REMOTE_ADDR="198.51.100.9").post(
        "/dashboard/sign-in", {"email": "viewer@acme.example", "password": PASSWORD}
    )
    assert fine.status_code == 302
    cache.clear()


def test_posts_need_the_csrf_token(team):
    client = Client(enforce_csrf_checks=True)
    refused = client.post(
        "/dashboard/sign-in", {"email": "admin@acme.example", "password": PASSWORD}
    )
    assert refused.status_code == 403
    client.force_login(team["members"]["admin"].user)
    before = ApiKey.objects.count()
    refused = client.post("/dashboard/keys", {"name": "no token"})
    assert refused.status_code == 403 and b"This form expired" in refused.content
    assert ApiKey.objects.count() == before
    page = client.get("/dashboard/keys")
    token = page.cookies["csrftoken"].value
    made = client.post("/dashboard/keys", {"name": "with token", "csrfmiddlewaretoken": token})
    assert made.status_code == 200 and ApiKey.objects.count() == before + 1


def test_pages_send_the_security_headers(as_role):
    response = as_role("viewer").get("/dashboard/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "form-action 'self'" in csp
    assert response["Cache-Control"] == "no-store"
    assert response["X-Frame-Options"] == "DENY"
    # no inline script: scripts are files of ours, data is JSON (json_script)
    body = response.content.decode()
    for chunk in body.split("<script")[1:]:
        head = chunk.split(">", 1)[0]
        assert 'src="/static/' in head or 'type="application/json"' in head, head
    assert "style=" not in body


def test_session_and_csrf_cookies_are_secure_in_production():
    from tests.gateway.settings.test_settings import production_env, settings_in_subprocess

    result = settings_in_subprocess(
        production_env(),
        "(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.LOGIN_URL, 'gateway.dashboard' in s.INSTALLED_APPS)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(True, True, True, '/dashboard/sign-in', True)"


ACTION_POSTS = {
    "keys": ("/dashboard/keys", {"name": "k"}),
    "endpoints": ("/dashboard/endpoints", {"url": "https://hooks.example.com/in"}),
    "users": ("/dashboard/users", {"email": "new@acme.example", "role": "viewer"}),
}


@pytest.mark.parametrize("role", ["viewer", "developer", "admin"])
def test_what_each_role_may_do(role, as_role, team, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    client = as_role(role)
    for action, (path, body) in ACTION_POSTS.items():
        response = client.post(path, body)
        allowed = roles.can(role, action)
        assert (response.status_code == 200) is allowed, (role, action, response.status_code)
        if not allowed:
            assert response.status_code == 403 and b"Not allowed" in response.content
    # reading is everyone's
    for path in (
        "/dashboard/",
        "/dashboard/accounts",
        "/dashboard/events",
        "/dashboard/deliveries",
        "/dashboard/endpoints",
        "/dashboard/keys",
        "/dashboard/users",
    ):
        assert client.get(path).status_code == 200, path


def test_the_matrix():
    assert roles.allowed(Role.VIEWER) == {a: False for a in roles.ACTIONS}
    developer = roles.allowed(Role.DEVELOPER)
    assert developer["resync"] and developer["replay"] and developer["keys"]
    assert developer["endpoints"] and not developer["users"] and not developer["disconnect"]
    assert all(roles.allowed(Role.ADMIN).values())


def test_viewer_sees_no_action_buttons(as_role):
    body = as_role("viewer").get("/dashboard/keys").content.decode()
    assert "Create key" not in body and "Revoke" not in body
    assert "Create key" in as_role("developer").get("/dashboard/keys").content.decode()


def test_invite_link_sets_a_password_once(team):
    member, created = services.invite(team["customer"], "New@Acme.example", "developer")
    assert created and not member.user.has_usable_password()
    url = services.set_password_url(member)
    path = url.split("127.0.0.1:8000", 1)[1] if "127.0.0.1:8000" in url else url
    client = Client()
    moved = client.get(path)
    assert moved.status_code == 302 and moved["Location"].endswith("/set")  # token off the URL
    form = client.get(moved["Location"])
    assert form.status_code == 200 and b"new@acme.example" in form.content
    weak = client.post(moved["Location"], {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200 and b"too short" in weak.content
    done = client.post(moved["Location"], {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    assert (
        Client()
        .post("/dashboard/sign-in", {"email": "new@acme.example", "password": PASSWORD})
        .status_code
        == 302
    )
    # the link is spent
    again = Client().get(path)
    assert again.status_code == 400 and b"does not work" in again.content


def test_a_user_belongs_to_one_customer(team):
    from tests.factories import make_customer

    other, _ = make_customer("Other Co")
    with pytest.raises(services.MemberError):
        services.invite(other, "admin@acme.example", "admin")


def test_last_admin_stays(team, as_role):
    admin = team["members"]["admin"]
    with pytest.raises(services.MemberError):
        services.change_role(admin, "viewer")
    with pytest.raises(services.MemberError):
        services.remove(admin)
    viewer = team["members"]["viewer"]
    client = as_role("admin")
    client.post(reverse("dashboard:user-remove", args=[viewer.pk]))
    viewer.user.refresh_from_db()
    assert not viewer.user.is_active
    assert (
        not hasattr(viewer.user, "ledgerlink_member")
        or not type(viewer).objects.filter(pk=viewer.pk).exists()
    )
