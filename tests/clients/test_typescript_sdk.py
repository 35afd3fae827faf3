"""The TypeScript SDK (`clients/typescript`) against a live gateway whose Xero provider is the
Xero sandbox: its own tests (`npm test`: link the demo company through a link token and the
sandbox's consent over HTTP, page through every model, idempotent creates, typed 404 and 422
errors, a real webhook delivery's signature, retries on 429 with a fake fetch), then
`examples/quickstart.ts` on the account they linked.

This module prepares what node cannot: the gateway (live server, provider at the sandbox, the
callback registered with the sandbox's demo app, private webhook URLs allowed) and a customer
with an API key. Node and npm are required under CI; elsewhere their absence skips."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from gateway.accounts.models import LinkedAccount
from gateway.records.models import Record
from tests.factories import make_customer
from tests.gateway.connect.conftest import sandbox_provider_settings

pytestmark = pytest.mark.django_db(transaction=True)

PACKAGE = Path(__file__).resolve().parents[2] / "clients" / "typescript"
NPM_TIMEOUT = 600


def npm() -> str:
    found = shutil.which("npm")
    if found is None or shutil.which("node") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node and npm are required under CI (the TypeScript SDK's tests)")
        pytest.skip("node and npm are not installed")
    return found


def run(args: list[str], env: dict[str, str] | None = None) -> str:
    """Run an npm command in the package; its whole output, or a failure showing it."""
    done = subprocess.run(
        args,
        cwd=PACKAGE,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=NPM_TIMEOUT,
    )
    output = f"$ {' '.join(args)}\n{done.stdout}\n{done.stderr}"
    if done.returncode != 0:
        pytest.fail(f"exit {done.returncode}\n{output}", pytrace=False)
    return output


@pytest.fixture(scope="module")
def installed() -> str:
    """`npm ci` when node_modules is missing or older than the lockfile."""
    command = npm()
    marker = PACKAGE / "node_modules" / ".package-lock.json"
    lock = PACKAGE / "package-lock.json"
    if not marker.exists() or marker.stat().st_mtime < lock.stat().st_mtime:
        run([command, "ci", "--no-audit", "--no-fund"])
    return command


@pytest.fixture
def gateway(live_server, settings, xero_sandbox):
    """The live gateway with Xero at the sandbox (its demo app knows the live callback) and a
    customer whose redirect URL is the demo return page: (url, api key, redirect url)."""
    base = live_server.url
    settings.PUBLIC_BASE_URL = base
    settings.LEDGERLINK_PROVIDERS = {"xero": "connectors.xero.XeroProvider"}
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        "xero": {**sandbox_provider_settings(xero_sandbox), "webhook_key": xero_sandbox.webhook_key}
    }
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True  # the node test's receiver is on 127.0.0.1
    xero_sandbox.control.update_app(
        xero_sandbox.client_id,
        redirect_uris=[
            *xero_sandbox.control.apps()[0]["redirect_uris"],
            f"{base}/connect/callback",
        ],
    )
    redirect_url = f"{base}/connect/demo-return"
    _, key = make_customer("TypeScript SDK Ltd", [redirect_url])
    return base, key, redirect_url


def test_the_sdk_tests_and_the_quickstart_pass_against_a_live_gateway(installed, gateway):
    url, key, redirect_url = gateway
    env = {
        "LEDGERLINK_URL": url,
        "LEDGERLINK_API_KEY": key,
        "LEDGERLINK_REDIRECT_URL": redirect_url,
    }
    output = run([installed, "test"], env)
    summary = {
        line.split()[1]: int(line.split()[2])
        for line in output.splitlines()
        if line.startswith("# ") and len(line.split()) == 3 and line.split()[2].isdigit()
    }
    # 12 unit tests and 5 live ones, none skipped (they skip without LEDGERLINK_URL).
    assert summary.get("tests", 0) >= 17 and summary.get("pass") == summary["tests"], output

    account = LinkedAccount.objects.get(provider="xero")
    assert account.tenant_name == "Demo Company (UK)"

    quickstart = run([installed, "run", "example"], env)
    print(quickstart)  # shown with -rP
    assert f"linked: {account.id}  xero  Demo Company (UK)  active" in quickstart, quickstart
    listed = re.search(r"^(\d+) open invoices$", quickstart, re.M)
    assert listed and int(listed.group(1)) > 0, quickstart
    created = re.search(r"^created (\S+): (\S+) (\w+) for .+ \(\w+\)$", quickstart, re.M)
    assert created, quickstart
    name, total, currency = created.groups()
    by = {"number": name} if not re.fullmatch(r"[0-9a-f-]{36}", name) else {"id": name}
    record = Record.objects.get(linked_account=account, model="invoice", **by)
    assert (str(record.total_amount.normalize()), record.currency) == (
        str(Decimal(total).normalize()),
        currency,
    ), quickstart
