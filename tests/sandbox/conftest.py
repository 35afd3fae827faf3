"""Shared helpers for the sandbox's own tests."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.plugins.sandbox import SandboxApi, XeroSandbox


@dataclass
class Connected:
    """A demo-app connection to all three organisations."""

    sandbox: XeroSandbox
    tokens: dict
    uk: SandboxApi
    us: SandboxApi

    def api(self, tenant: str) -> SandboxApi:
        return self.sandbox.api(self.tokens["access_token"], tenant)


@pytest.fixture
def connected(xero_sandbox: XeroSandbox) -> Connected:
    tokens = xero_sandbox.connect()
    return Connected(
        xero_sandbox,
        tokens,
        xero_sandbox.api(tokens["access_token"], "uk"),
        xero_sandbox.api(tokens["access_token"], "us"),
    )
