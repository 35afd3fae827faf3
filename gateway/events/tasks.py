"""Celery tasks: one-line wrappers over the services."""

from celery import shared_task

from gateway.events import delivery


@shared_task(ignore_result=True)
def deliver_webhooks() -> int:
    return delivery.deliver_due()
