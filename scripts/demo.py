"""Run Ledgerlink on the embedded default with its Xero sandbox, for a newcomer to click through.

`make demo` calls this. It migrates the SQLite database, creates (or reuses) a demo customer
and prints a fresh API key, starts the Xero sandbox as its own process, points the gateway's
Xero settings at it and serves the gateway. With the sandbox running it also creates a link token
and prints the hosted connect URL: open it to link a sandbox organisation by clicking.
It also makes (or refreshes) the demo customer's dashboard user and prints the dashboard's URL
with its email and a fresh password. `--smoke` checks that everything answers and exits.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEMO_CUSTOMER = "Demo SaaS Inc."
DEMO_END_USER = "demo-end-user"
DEMO_DASHBOARD_EMAIL = "demo@demo-saas.example"
SANDBOX_APPS = ROOT / "sandbox" / "xero" / "demo_apps.yaml"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """`make demo PORT=8100 XERO_SANDBOX_PORT=8865 QUICKBOOKS_SANDBOX_PORT=8866` passes the
    ports as these options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="the gateway's port")
    parser.add_argument("--sandbox-port", type=int, default=8765, help="the Xero sandbox's")
    parser.add_argument(
        "--quickbooks-sandbox-port", type=int, default=8766, help="the QuickBooks sandbox's"
    )
    parser.add_argument("--smoke", action="store_true", help="Check the URLs answer, then stop.")
    return parser.parse_args(argv)


def demo_environment(args: argparse.Namespace) -> dict[str, str]:
    gateway = f"http://{args.host}:{args.port}"
    sandbox = f"http://{args.host}:{args.sandbox_port}"
    env = dict(os.environ)
    env.setdefault("LEDGERLINK_ENV", "development")
    env.setdefault("PUBLIC_BASE_URL", gateway)
    app = sandbox_demo_app()
    env.setdefault("XERO_CLIENT_ID", app.get("client_id") or "ledgerlink-demo")
    env.setdefault(
        "XERO_CLIENT_SECRET", app.get("client_secret") or "demo-secret-not-for-production"
    )
    env.setdefault(
        "XERO_WEBHOOK_KEY", app.get("webhook_key") or "demo-webhook-key-not-for-production"
    )
    env.setdefault("XERO_AUTHORIZE_URL", f"{sandbox}/identity/connect/authorize")
    env.setdefault("XERO_TOKEN_URL", f"{sandbox}/connect/token")
    env.setdefault("XERO_REVOKE_URL", f"{sandbox}/connect/revocation")
    env.setdefault("XERO_CONNECTIONS_URL", f"{sandbox}/connections")
    env.setdefault("XERO_API_URL", f"{sandbox}/api.xro/2.0")
    qbo = f"http://{args.host}:{args.quickbooks_sandbox_port}"
    env.setdefault("QUICKBOOKS_CLIENT_ID", "ledgerlink-qbo-demo")
    env.setdefault("QUICKBOOKS_CLIENT_SECRET", "qbo-demo-secret-not-for-production-0000")
    # The sandbox demo app's webhooks verifier token (register its webhook_url to get them).
    env.setdefault(
        "QUICKBOOKS_WEBHOOK_VERIFIER_TOKEN", "qbo-demo-verifier-token-not-for-production-0000"
    )
    env.setdefault("QUICKBOOKS_AUTHORIZE_URL", f"{qbo}/connect/oauth2")
    env.setdefault("QUICKBOOKS_TOKEN_URL", f"{qbo}/oauth2/v1/tokens/bearer")
    env.setdefault("QUICKBOOKS_REVOKE_URL", f"{qbo}/v2/oauth2/tokens/revoke")
    env.setdefault("QUICKBOOKS_API_URL", f"{qbo}/v3/company/{{tenant_id}}")
    return env


def sandbox_demo_app() -> dict:
    """The sandbox's demo app (client id, secret, webhook key): the gateway must use the same."""
    if not SANDBOX_APPS.exists():
        return {}
    import yaml

    apps = (yaml.safe_load(SANDBOX_APPS.read_text(encoding="utf-8")) or {}).get("apps") or [{}]
    return apps[0]


def manage(env: dict[str, str], *argv: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *argv], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def demo_key(env: dict[str, str]) -> str:
    """A new key for the demo customer (created on first run); keys are only shown once."""
    redirect = f"{env['PUBLIC_BASE_URL']}/connect/demo-return"
    try:
        return manage(env, "create_api_key", DEMO_CUSTOMER, "--name", "demo").strip()
    except subprocess.CalledProcessError:
        return manage(
            env, "create_customer", DEMO_CUSTOMER, "--redirect-url", redirect, "--key-only"
        ).strip()


def demo_dashboard_user(env: dict[str, str]) -> tuple[str, str]:
    """The demo customer's dashboard admin (made on first run), with a fresh password each run
    (printed once, like the API key)."""
    password = f"demo-{secrets.token_urlsafe(12)}"
    subprocess.run(
        [
            *(PYTHON, "manage.py", "invite_user", "--customer", DEMO_CUSTOMER),
            *("--email", DEMO_DASHBOARD_EMAIL, "--role", "admin", "--password-stdin"),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        input=password + "\n",
    )
    return DEMO_DASHBOARD_EMAIL, password


def dashboard_sign_in(gateway_url: str, email: str, password: str) -> int:
    """Sign in through the form (CSRF cookie and token) and return the overview's status."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{gateway_url}/dashboard/sign-in", timeout=10) as page:
        form = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1) if token else "", "email": email,
         "password": password}
    ).encode()  # fmt: skip
    try:
        with opener.open(f"{gateway_url}/dashboard/sign-in", data=data, timeout=10) as page:
            return page.status if page.url.rstrip("/").endswith("/dashboard") else 401
    except urllib.error.HTTPError as exc:
        return exc.code


def demo_redirect_url(env: dict[str, str]) -> str:
    return f"{env['PUBLIC_BASE_URL']}/connect/demo-return"


def ensure_redirect_url(env: dict[str, str]) -> None:
    """A demo customer made on another port needs this port's redirect URL registered too."""
    code = (
        "from gateway.customers.models import Customer; "
        f"c = Customer.objects.get(name={DEMO_CUSTOMER!r}); "
        f"u = {demo_redirect_url(env)!r}; "
        "c.redirect_urls = c.redirect_urls if u in c.redirect_urls else [*c.redirect_urls, u]; "
        "c.save(update_fields=['redirect_urls'])"
    )
    manage(env, "shell", "-c", code)


def register_callback(sandbox_url: str, env: dict[str, str]) -> None:
    """Register this gateway's OAuth callback with the Xero sandbox's demo app: needed only for
    a non-loopback PUBLIC_BASE_URL (a loopback one is admitted on any port, RFC 8252 §7.3)."""
    callback = f"{env['PUBLIC_BASE_URL']}/connect/callback"
    _, apps = get_json(f"{sandbox_url}/_sandbox/apps")
    for app in apps if isinstance(apps, list) else []:
        if app.get("client_id") == env["XERO_CLIENT_ID"] and callback not in app["redirect_uris"]:
            post_json(
                f"{sandbox_url}/_sandbox/apps",
                {"client_id": app["client_id"], "redirect_uris": [*app["redirect_uris"], callback]},
            )


def register_quickbooks_callback(sandbox_url: str, env: dict[str, str]) -> None:
    """The QuickBooks sandbox's demo app is seeded with port 8000's callbacks, which it admits on
    any port (loopback, RFC 8252 §7.3); a non-loopback PUBLIC_BASE_URL must be registered."""
    callback = f"{env['PUBLIC_BASE_URL']}/connect/callback"
    _, apps = get_json(f"{sandbox_url}/_sandbox/apps")
    for app in apps if isinstance(apps, list) else []:
        if (
            app.get("client_id") == env["QUICKBOOKS_CLIENT_ID"]
            and callback not in app["redirect_uris"]
        ):
            request_json(
                "PATCH",
                f"{sandbox_url}/_sandbox/apps/{app['client_id']}",
                {"redirect_uris": [*app["redirect_uris"], callback]},
            )


def wait_for(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (local URL)
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout:.0f}s")


def get_json(url: str, key: str | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url)  # noqa: S310 (local URL)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def post_json(url: str, body: dict, key: str | None = None) -> tuple[int, dict]:
    return request_json("POST", url, body, key)


def request_json(method: str, url: str, body: dict, key: str | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 (local URL)
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method=method,
    )
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def create_link_token(gateway_url: str, key: str, env: dict[str, str]) -> tuple[int, dict]:
    return post_json(
        f"{gateway_url}/v1/link-tokens",
        {
            "end_user_id": DEMO_END_USER,
            "end_user_name": "Demo end user",
            "redirect_url": demo_redirect_url(env),
        },
        key,
    )


def link_instructions(link_url: str, key: str, gateway_url: str, env: dict[str, str]) -> str:
    body = json.dumps({"end_user_id": DEMO_END_USER, "redirect_url": demo_redirect_url(env)})
    return (
        "\nLink a sandbox organisation: open this page (single use, valid 30 minutes)\n"
        f"  {link_url}\n"
        "  choose Xero, tick organisations on the sandbox's consent page (the demo user is\n"
        "  signed in) and you land on the demo app's return page with the linked account ids.\n"
        "  Another link token:\n"
        f'  curl -X POST -H "Authorization: Bearer {key}" \\\n'
        f"    -H 'Content-Type: application/json' -d '{body}' \\\n"
        f"    {gateway_url}/v1/link-tokens\n"
    )


def start_sandbox(args: argparse.Namespace, env: dict[str, str]) -> subprocess.Popen | None:
    if not (ROOT / "sandbox" / "xero" / "__main__.py").exists():
        return None
    (ROOT / "var").mkdir(exist_ok=True)
    command = [
        PYTHON, "-m", "sandbox.xero",
        "--host", args.host,
        "--port", str(args.sandbox_port),
        "--db", str(ROOT / "var" / "xero-sandbox.sqlite3"),
    ]  # fmt: skip
    apps = ROOT / "sandbox" / "xero" / "demo_apps.yaml"
    if apps.exists():
        command += ["--apps", str(apps)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def start_quickbooks_sandbox(args: argparse.Namespace, env: dict[str, str]) -> subprocess.Popen:
    """The QuickBooks Online sandbox (`register_quickbooks_callback` adds this gateway's
    callback to its demo app when it is not a loopback URL)."""
    command = [
        PYTHON, "-m", "sandbox.quickbooks",
        "--host", args.host,
        "--port", str(args.quickbooks_sandbox_port),
        "--db", str(ROOT / "var" / "quickbooks-sandbox.sqlite3"),
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt  # the same clean shutdown as Ctrl-C: children are stopped too


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    args = parse_args()
    env = demo_environment(args)
    (ROOT / "var").mkdir(exist_ok=True)
    manage(env, "migrate", "--noinput")
    key = demo_key(env)
    ensure_redirect_url(env)
    dashboard_email, dashboard_password = demo_dashboard_user(env)

    processes: list[subprocess.Popen] = []
    sandbox = start_sandbox(args, env)
    if sandbox is not None:
        processes.append(sandbox)
    processes.append(start_quickbooks_sandbox(args, env))
    gateway_url = env["PUBLIC_BASE_URL"]
    processes.append(
        subprocess.Popen(
            [
                *(PYTHON, "-m", "gunicorn", "gateway.wsgi", "--bind", f"{args.host}:{args.port}"),
                *("--workers", "2", "--threads", "4", "--access-logfile", "-"),
            ],
            cwd=ROOT,
            env=env,
        )
    )
    try:
        wait_for(f"{gateway_url}/healthz")
        link_url = None
        if sandbox is not None:
            sandbox_url = f"http://{args.host}:{args.sandbox_port}"
            wait_for(f"{sandbox_url}/connections")
            quickbooks_url = f"http://{args.host}:{args.quickbooks_sandbox_port}"
            wait_for(f"{quickbooks_url}/connect/oauth2")
            register_callback(sandbox_url, env)
            register_quickbooks_callback(quickbooks_url, env)
            status, token = create_link_token(gateway_url, key, env)
            link_url = token.get("url") if status == 201 else None
            if link_url is None:
                print(f"Could not create a link token: {status} {token}", flush=True)
        print(
            "\nLedgerlink is running (embedded: SQLite, tasks in-process).\n"
            f"  API key (demo customer '{DEMO_CUSTOMER}', shown once): {key}\n"
            f"  Dashboard:      {gateway_url}/dashboard/\n"
            f"                  sign in as {dashboard_email} / {dashboard_password}\n"
            f"  API docs:       {gateway_url}/docs   (Redoc: {gateway_url}/redoc)\n"
            f"  Health:         {gateway_url}/healthz\n"
            f'  MCP server:     {gateway_url}/mcp   (see "Questions you can ask")\n'
            f"  Operator admin: {gateway_url}/admin/\n"
            + (
                f"  Xero sandbox:   http://{args.host}:{args.sandbox_port}\n"
                f"  QuickBooks sandbox: http://{args.host}:{args.quickbooks_sandbox_port}\n"
                if sandbox is not None
                else ""
            )
            + f'\n  curl -H "Authorization: Bearer {key}" {gateway_url}/v1/providers\n'
            + (link_instructions(link_url, key, gateway_url, env) if link_url else ""),
            flush=True,
        )
        if args.smoke:
            health, _ = get_json(f"{gateway_url}/healthz")
            providers, body = get_json(f"{gateway_url}/v1/providers", key)
            denied, error = get_json(f"{gateway_url}/v1/providers", "llk_00000000_wrong")
            dashboard = dashboard_sign_in(gateway_url, dashboard_email, dashboard_password)
            ok = health == 200 and providers == 200 and denied == 401 and "error" in error
            ok = ok and dashboard == 200
            hosted = 0
            if link_url:
                with urllib.request.urlopen(link_url, timeout=5) as page:  # noqa: S310
                    hosted = page.status
                ok = ok and hosted == 200
            print(
                f"smoke: healthz={health} providers={providers} wrong-key={denied}"
                f" dashboard={dashboard}" + (f" connect-page={hosted}" if link_url else "")
            )
            print(json.dumps(body, indent=2))
            return 0 if ok else 1
        print("Press Ctrl-C to stop.", flush=True)
        processes[-1].wait()
        return processes[-1].returncode or 0
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
