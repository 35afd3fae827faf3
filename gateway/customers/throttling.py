"""Per-API-key request throttling (429 with Retry-After), counted in the shared cache."""

from rest_framework.throttling import SimpleRateThrottle


class ApiKeyRateThrottle(SimpleRateThrottle):
    scope = "api_key"

    def get_cache_key(self, request, view):
        key = getattr(request, "auth", None)
        if key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": str(key.pk)}
