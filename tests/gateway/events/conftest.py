from tests.gateway.sync.helpers import fake_provider, other_customer  # noqa: F401
