from tests.gateway.sync.helpers import fake_provider, other_customer  # noqa: F401
from tests.gateway.sync.live import live  # noqa: F401
