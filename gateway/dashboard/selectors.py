"""The dashboard's reads, always scoped to the signed-in member's customer. A lookup by id of
something that is not the customer's raises Http404 (the same answer as an unknown id)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
from gateway.accounts.selectors import parse_uuid
from gateway.customers.models import ApiKey, Customer
from gateway.dashboard.models import Member
from gateway.events.models import (
    DeliveryStatus,
    Event,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from gateway.sync.models import SyncRun

PAGE_SIZE = 50


def _one(queryset: QuerySet, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found


def _uuid(value: str):
    parsed = parse_uuid(value)
    if parsed is None:
        raise Http404
    return parsed


def account(customer: Customer, account_id: str) -> LinkedAccount:
    return _one(LinkedAccount.objects.filter(customer=customer), pk=_uuid(account_id))


def run(account: LinkedAccount, run_id: str) -> SyncRun:
    return _one(SyncRun.objects.filter(linked_account=account), pk=_uuid(run_id))


def event(customer: Customer, event_id: str) -> Event:
    return _one(
        Event.objects.filter(customer=customer).select_related("linked_account"),
        pk=_uuid(event_id),
    )


def delivery(customer: Customer, delivery_id: str) -> WebhookDelivery:
    return _one(
        WebhookDelivery.objects.filter(customer=customer).select_related(
            "event", "endpoint", "replay_of"
        ),
        id=_uuid(delivery_id),
    )


def endpoint(customer: Customer, endpoint_id: str) -> WebhookEndpoint:
    return _one(WebhookEndpoint.objects.filter(customer=customer), pk=_uuid(endpoint_id))


def api_key(customer: Customer, key_id: str) -> ApiKey:
    return _one(ApiKey.objects.filter(customer=customer), pk=_uuid(key_id))


def member(customer: Customer, member_id: str) -> Member:
    try:
        pk = int(member_id)
    except (TypeError, ValueError):
        raise Http404 from None
    return _one(Member.objects.filter(customer=customer).select_related("user"), pk=pk)


def accounts(customer: Customer, params) -> QuerySet[LinkedAccount]:
    """Filtered by `q` (end user id, name or email, organisation), `provider` and `status`."""
    qs = LinkedAccount.objects.filter(customer=customer).select_related("sync")
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(end_user_id__icontains=q)
            | Q(end_user_name__icontains=q)
            | Q(end_user_email__icontains=q)
            | Q(tenant_name__icontains=q)
        )
    if params.get("provider"):
        qs = qs.filter(provider=params["provider"])
    if params.get("status") in LinkedAccountStatus.values:
        qs = qs.filter(status=params["status"])
    return qs.order_by("-created_at", "id")


def providers_of(customer: Customer) -> list[str]:
    return sorted(
        set(LinkedAccount.objects.filter(customer=customer).values_list("provider", flat=True))
    )


def events(customer: Customer, params) -> QuerySet[Event]:
    qs = Event.objects.filter(customer=customer).select_related("linked_account")
    account_id = parse_uuid(params.get("account"))
    if account_id:
        qs = qs.filter(linked_account_id=account_id)
    event_type = (params.get("type") or "").strip()
    if event_type:
        qs = (
            qs.filter(type__startswith=event_type[:-1])
            if event_type.endswith("*")
            else qs.filter(type=event_type)
        )
    return qs.order_by("-created_at", "-sequence")


def deliveries(customer: Customer, params) -> QuerySet[WebhookDelivery]:
    qs = WebhookDelivery.objects.filter(customer=customer).select_related("event", "endpoint")
    if params.get("status") in DeliveryStatus.values:
        qs = qs.filter(status=params["status"])
    endpoint_id = parse_uuid(params.get("endpoint"))
    if endpoint_id:
        qs = qs.filter(endpoint_id=endpoint_id)
    event_id = parse_uuid(params.get("event"))
    if event_id:
        qs = qs.filter(event_id=event_id)
    event_type = (params.get("type") or "").strip()
    if event_type:
        qs = qs.filter(event__type=event_type)
    return qs.order_by("-seq")


def attempts(delivery: WebhookDelivery) -> QuerySet[WebhookAttempt]:
    return WebhookAttempt.objects.filter(delivery=delivery).order_by("attempted_at", "id")


def endpoints(customer: Customer) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(customer=customer).annotate(
        failed=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED))
    )


def api_keys(customer: Customer) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(customer=customer).order_by("revoked_at", "-created_at")


def members(customer: Customer) -> QuerySet[Member]:
    return Member.objects.filter(customer=customer).select_related("user")


def user_by_email(email: str):
    return get_user_model().objects.filter(username=email.strip().lower()).first()
