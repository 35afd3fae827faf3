from django.apps import AppConfig


class ConnectConfig(AppConfig):
    name = "gateway.connect"
    label = "connect"
    verbose_name = "Hosted connect flow"
