from tests.gateway.conftest import (  # noqa: F401 (the API fixtures, for test_redis_down)
    account,
    account_client,
    fake_provider,
    xero_account,
    xero_settings,
)
from tests.gateway.sync.live import live  # noqa: F401
