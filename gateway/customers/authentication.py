"""`Authorization: Bearer <api key>` authentication for the API."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions, permissions

from gateway.customers import auth_failures, key_cache, usage
from gateway.customers.keys import hash_key, looks_like_key
from gateway.customers.models import ApiKey, Customer

_LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class CustomerPrincipal:
    """What `request.user` is on API calls: the customer behind the key."""

    customer: Customer

    is_authenticated = True
    is_anonymous = False

    @property
    def pk(self):
        return self.customer.pk


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        try:
            key = self._key(header)
        except exceptions.AuthenticationFailed:
            # Only failures are limited: a valid key is never refused for others' mistakes.
            if auth_failures.blocked(request):
                raise exceptions.Throttled(
                    wait=auth_failures.WINDOW_SECONDS,
                    detail="Too many invalid API keys; slow down.",
                ) from None
            auth_failures.record(request)
            raise
        note_use(key)
        return CustomerPrincipal(key.customer), key

    def _key(self, header: str) -> ApiKey:
        hashed = _hashed_token(header)
        key = key_cache.get(hashed)
        if key is None:
            key = ApiKey.objects.select_related("customer").filter(hashed_key=hashed).first()
            if key is not None and key.is_active:
                key_cache.put(hashed, key)
        # The lookup is by hash; the compare below keeps the final check constant-time.
        if key is None or not hmac.compare_digest(key.hashed_key, hashed) or not key.is_active:
            raise exceptions.AuthenticationFailed("Invalid API key.")
        return key

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="ledgerlink"'


def _hashed_token(header: str) -> str:
    """The hash of the key an `Authorization` header presents; AuthenticationFailed when it
    presents none that could be one."""
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != ApiKeyAuthentication.keyword.lower() or not token:
        raise exceptions.AuthenticationFailed("Use 'Authorization: Bearer <api key>'.")
    if not looks_like_key(token):
        raise exceptions.AuthenticationFailed("Invalid API key.")
    return hash_key(token)


def cached_key(header: str) -> ApiKey | None:
    """The active key the header presents if this process holds it in `key_cache`; None
    otherwise (unknown, revoked, malformed or not cached): no database read, no side effect."""
    try:
        hashed = _hashed_token(header)
    except exceptions.AuthenticationFailed:
        return None
    key = key_cache.get(hashed)
    if key is None or not hmac.compare_digest(key.hashed_key, hashed) or not key.is_active:
        return None
    return key


def note_use(key: ApiKey) -> None:
    """An authenticated call: the key's `last_used_at` (to the minute) and the day's usage."""
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > _LAST_USED_RESOLUTION:
        key.last_used_at = now
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    usage.note(key.customer_id)


class IsCustomer(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.user, CustomerPrincipal)


def request_customer(request) -> Customer:
    return request.user.customer
