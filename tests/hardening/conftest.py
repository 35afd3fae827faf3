"""The gateway tests' fixtures (fake provider, linked accounts, the Xero sandbox settings) and
the connect-flow drivers (linking against the Xero and QuickBooks sandboxes)."""

from tests.gateway.conftest import (  # noqa: F401
    account,
    account_client,
    fake_provider,
    xero_account,
    xero_settings,
)
from tests.gateway.connect.conftest import customer_b, driver, xero_via_sandbox  # noqa: F401
from tests.gateway.connect.test_connect_quickbooks import qbo  # noqa: F401
from tests.gateway.reports.conftest import (  # noqa: F401
    report_account,
    report_client,
    report_provider,
)
