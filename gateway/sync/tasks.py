"""Celery tasks: one-line wrappers over the services."""

from celery import shared_task

from gateway.sync import grants, inbound, services


@shared_task(ignore_result=True)
def run_sync(run_id: str) -> str:
    return services.execute_run(run_id)


@shared_task(ignore_result=True)
def resume_sync(account_id: str, run_id: str) -> bool:
    return services.resume_paused(account_id, run_id)


@shared_task(ignore_result=True)
def tick() -> dict:
    return services.tick()


@shared_task(ignore_result=True)
def process_inbound() -> int:
    return inbound.process_pending()


@shared_task(ignore_result=True)
def refresh_grants() -> dict:
    return grants.refresh_due_grants()
