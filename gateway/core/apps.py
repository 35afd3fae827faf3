from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gateway.core"
    label = "core"
    verbose_name = "Ledgerlink core"
