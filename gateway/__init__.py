"""Ledgerlink's gateway: the Django project, the REST API, the hosted pages and the tasks."""

from gateway.celery import app as celery_app

__all__ = ["celery_app"]
