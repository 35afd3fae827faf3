"""Settings of the Celery worker subprocess the worker tests start (the test process passes
the test database, broker, queue and provider settings through the environment)."""

import json
import os

os.environ.setdefault("LEDGERLINK_ENV", "test")

from gateway.queues import task_routes
from gateway.settings import *  # noqa: F403
from gateway.settings import LOGGING

CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_DEFAULT_QUEUE = os.environ["LEDGERLINK_TEST_QUEUE"]
#: The production routes, in queues of this test's own (the worker consumes all of them).
CELERY_TASK_ROUTES = task_routes(prefix=f"{CELERY_TASK_DEFAULT_QUEUE}-")
LEDGERLINK_PROVIDER_SETTINGS = json.loads(os.environ["LEDGERLINK_TEST_PROVIDER_SETTINGS"])
WEBHOOK_ALLOW_PRIVATE_URLS = True
LOGGING["root"]["level"] = os.environ.get("LEDGERLINK_TEST_LOG_LEVEL", "WARNING")
