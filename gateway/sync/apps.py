from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "gateway.sync"
    label = "sync"
    verbose_name = "Syncs and inbound provider webhooks"

    def ready(self) -> None:
        from gateway.sync import receivers  # noqa: F401  (connects the signal receivers)
