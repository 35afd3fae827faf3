from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "gateway.events"
    label = "events"
    verbose_name = "Events and outbound webhooks"

    def ready(self) -> None:
        from gateway.events import receivers  # noqa: F401  (connects the signal receivers)
