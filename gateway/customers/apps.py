from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "gateway.customers"
    label = "customers"
    verbose_name = "Customers and API keys"

    def ready(self) -> None:
        from gateway.customers import schema  # noqa: F401  (registers the OpenAPI extension)
