"""`make demo` on other ports: the options reach the script, and QuickBooks linking still works."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def load_demo():
    spec = importlib.util.spec_from_file_location("demo_script", ROOT / "scripts" / "demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_demo_passes_its_ports_to_the_script():
    out = subprocess.run(
        [
            "make",
            "-n",
            "demo",
            "PORT=8100",
            "XERO_SANDBOX_PORT=8865",
            "QUICKBOOKS_SANDBOX_PORT=8866",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.replace("\\\n", " ")
    line = next(line for line in out.splitlines() if "scripts/demo.py" in line)
    args = load_demo().parse_args(line.split("scripts/demo.py", 1)[1].split())
    assert (args.port, args.sandbox_port, args.quickbooks_sandbox_port) == (8100, 8865, 8866)


def test_the_demo_on_another_port_registers_its_quickbooks_callback(quickbooks_sandbox):
    demo = load_demo()
    args = demo.parse_args(["--port", "8100"])
    env = demo.demo_environment(args)
    callback = "http://127.0.0.1:8100/connect/callback"
    assert env["PUBLIC_BASE_URL"] == "http://127.0.0.1:8100"

    demo.register_quickbooks_callback(quickbooks_sandbox.base_url, env)
    demo.register_quickbooks_callback(quickbooks_sandbox.base_url, env)  # idempotent

    app = next(
        a
        for a in quickbooks_sandbox.control.apps()
        if a["client_id"] == env["QUICKBOOKS_CLIENT_ID"]
    )
    assert app["redirect_uris"].count(callback) == 1
    consent = requests.get(
        f"{quickbooks_sandbox.base_url}/connect/oauth2",
        params={
            "client_id": env["QUICKBOOKS_CLIENT_ID"],
            "redirect_uri": callback,
            "response_type": "code",
            "scope": "com.intuit.quickbooks.accounting",
            "state": "s" * 32,
        },
        timeout=10,
    )
    assert consent.status_code == 200, consent.text
