"""The gateway tests' fixtures (fake provider, linked accounts, the Xero sandbox settings)."""

from tests.gateway.conftest import (  # noqa: F401
    account,
    account_client,
    fake_provider,
    xero_account,
    xero_settings,
)
