"""Tell drf-spectacular how API keys are presented."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "gateway.customers.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "llk_<prefix>_<secret>",
            "description": "A customer API key, created with `manage.py create_customer`.",
        }
