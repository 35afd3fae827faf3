"""WSGI entry point (gunicorn gateway.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateway.settings")

django_application = get_wsgi_application()

from gateway.records.list_lane import ListLane  # noqa: E402 (needs Django set up)

# The common list call answered beneath the framework (`gateway.records.list_lane`).
application = ListLane(django_application)


def _warm_up() -> None:
    """Import the URLconf (every view, about a second) and build the provider registry while
    the worker boots, not in its first request: a provider's webhook must be answered within a
    few seconds, and a cold worker took 2 s over its first one."""
    from django.urls import get_resolver

    from gateway.core.providers import get_registry

    get_resolver().url_patterns  # noqa: B018 (the import is the point)
    get_registry()


_warm_up()
