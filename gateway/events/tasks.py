"""Celery tasks: one-line wrappers over the services."""

from celery import shared_task

from gateway.events import delivery, invoice_events


@shared_task(ignore_result=True)
def deliver_webhooks() -> int:
    return delivery.deliver_due()


@shared_task(ignore_result=True)
def emit_invoice_events() -> int:
    return invoice_events.emit_due(max_seconds=20.0)
