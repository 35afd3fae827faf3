from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "gateway.records"
    label = "records"
    verbose_name = "Unified store"
