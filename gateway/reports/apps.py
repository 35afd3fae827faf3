from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gateway.reports"
    label = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gateway.reports import receivers  # noqa: F401  (connects the signal receivers)
