"""`Idempotency-Key` on POST: same key and body → the first response again; other body → 409.

A JSON body is fingerprinted as parsed; a multipart one (file uploads) by its form fields and
the bytes of each file (`multipart_fingerprint`).

The first request claims the key (a unique row) before doing any work, so two concurrent
requests with one key can never both write. A request that fails with a 5xx releases the key
so the client's retry runs for real; so does one refused for a passing condition the client is
told to wait out or repair (429 `rate_limited`, 409 `relink_required`, 403 `permission_denied`
for a missing scope): replaying that answer for 24 hours would keep a write from ever happening
after the provider recovers or the user relinks.
Like Stripe, a request refused while validating it (a 400/422 raised with `before_work`) never
reached the point of doing work: the view releases its key, so a corrected retry runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gateway.core import jsonutil
from gateway.core.errors import Conflict
from gateway.core.models import IdempotentRequest

KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class Replay:
    status: int
    body: bytes


def fingerprint(method: str, path: str, scope: str, body) -> str:
    digest = hashlib.sha256()
    for part in (method, path, scope):
        digest.update(part.encode() + b"\0")
    digest.update(jsonutil.dumps(body, sort_keys=True))
    return digest.hexdigest()


def multipart_fingerprint(
    method: str,
    path: str,
    scope: str,
    fields: Mapping[str, Iterable[str]],
    files: Mapping[str, Iterable[Any]],
) -> str:
    """The fingerprint of a multipart request: its form fields and, for each file part, its
    name, content type, size and the SHA-256 of its bytes (read in chunks from wherever the
    upload left them, memory or a temporary file, then rewound for the real work)."""
    described: dict[str, list[dict[str, Any]]] = {}
    for name in sorted(files):
        parts = []
        for part in files[name]:
            content = hashlib.sha256()
            part.seek(0)
            for chunk in part.chunks():
                content.update(chunk)
            part.seek(0)
            parts.append(
                {
                    "name": part.name,
                    "content_type": part.content_type,
                    "size": part.size,
                    "sha256": content.hexdigest(),
                }
            )
        described[name] = parts
    body = {
        "fields": {name: list(values) for name, values in sorted(fields.items())},
        "files": described,
    }
    return fingerprint(method, path, scope, body)


def claim(customer, key: str, print_: str) -> Replay | None:
    """Claim `key` for this request, or return the stored response to replay."""
    now = timezone.now()
    IdempotentRequest.objects.filter(customer=customer, created_at__lt=now - KEY_LIFETIME).delete()
    try:
        with transaction.atomic():
            IdempotentRequest.objects.create(customer=customer, key=key, fingerprint=print_)
            return None
    except IntegrityError:
        existing = IdempotentRequest.objects.get(customer=customer, key=key)
    if existing.fingerprint != print_:
        raise Conflict("This Idempotency-Key was used with a different request.")
    if existing.status_code is None:
        raise Conflict("A request with this Idempotency-Key is still in progress.")
    return Replay(existing.status_code, bytes(existing.response_body))


#: Error types whose request is not remembered: the same key may be retried for real.
RETRYABLE_ERROR_TYPES = frozenset({"rate_limited", "relink_required", "permission_denied"})


def _retryable(status: int, body: bytes) -> bool:
    if status >= 500 or status == 429:
        return True
    if status < 400:
        return False
    try:
        error_type = json.loads(body)["error"]["type"]
    except (ValueError, KeyError, TypeError):
        return False
    return error_type in RETRYABLE_ERROR_TYPES


def complete(customer, key: str, status: int, body: bytes) -> None:
    if _retryable(status, body):
        release(customer, key)
        return
    IdempotentRequest.objects.filter(customer=customer, key=key).update(
        status_code=status, response_body=body
    )


def release(customer, key: str) -> None:
    IdempotentRequest.objects.filter(customer=customer, key=key, status_code__isnull=True).delete()


def provider_key(scope: str, key: str) -> str:
    """The key passed to the provider: stable per (linked account, client key), bounded."""
    return "ll-" + hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:40]
