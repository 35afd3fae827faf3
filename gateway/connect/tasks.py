"""Periodic upkeep of the hosted connect flow."""

from celery import shared_task

from gateway.connect.services import expire_stale_sessions


@shared_task(name="gateway.connect.tasks.expire_link_sessions")
def expire_link_sessions() -> int:
    """Abandoned link sessions: expire them and give back consents nothing uses."""
    return expire_stale_sessions()
