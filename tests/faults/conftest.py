from tests.gateway.sync.live import live  # noqa: F401
