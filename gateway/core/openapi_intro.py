"""The introduction of the API reference (`SPECTACULAR_SETTINGS["DESCRIPTION"]`, markdown), and
the table of what each provider offers, generated from the provider registry when the document
is built (`add_provider_table`). Every statement here is checked against the code by
`tests/gateway/core/test_openapi_intro.py` where a test can check it."""

from __future__ import annotations

from typing import Any

_INTRO = """\
One REST API and one normalized schema for the accounting systems your users keep their books
in. Your users link their accounting system once; you read and write their invoices, contacts,
payments and the rest in one shape, whatever the provider (the table at the end says what each
provider offers).

## Authentication

Every `/v1/...` call carries `Authorization: Bearer <api key>` (keys look like
`llk_<prefix>_<secret>`; an operator creates them with `manage.py create_customer`). A
missing, unknown or revoked key is answered 401 `authentication_error`. `GET /healthz` needs
no key.

## Linked accounts and the X-Linked-Account header

An end user links an accounting system through the hosted connect page: create a link token
(`POST /v1/link-tokens`), send the user to its `url`, and after the provider's consent screen
the user comes back to your `redirect_url`; the new linked account is listed by
`GET /v1/linked-accounts` and announced by an `account.linked` event.

Calls about one linked account's books (records, reports, attachments, events, passthrough)
name it in the `X-Linked-Account: <linked account id>` header. Without the header the answer
is 400 `validation_error`; with an id that is not one of yours, 404 `not_found`. When the end
user's consent lapses the account turns `relink_required` (and an `account.relink_required`
event says so); a relink token (`POST /v1/linked-accounts/{account_id}/relink-token`) sends
the user through the connect page again.

Records are read from Ledgerlink's store, kept current by syncs (on a schedule, on the
provider's webhooks where it sends them, or on `POST /v1/linked-accounts/{account_id}/sync`);
lists carry `last_sync_at`. Writes go to the provider first and are then stored: the answer is
the stored record, in the unified shape.

## Pagination

Lists are paged with cursors, never offsets:

- Record lists (`GET /v1/invoices`, ...): `page_size` (1 to 1000, default 100) and `cursor`.
  Pass a page's `next` as `cursor` to read the following page; `next` is null on the last
  page, `previous` goes back.
- `GET /v1/webhook-deliveries`: the same `cursor` and `next`, newest deliveries first.
- `GET /v1/linked-accounts`: `next` and `previous` are the URLs of the neighbouring pages.
- `GET /v1/events`: `after=<sequence>`; a page gives `next_after` (pass it as `after`) and
  `has_more`. Sequences are per linked account, gapless and in commit order.

## Errors

Every error has one body, whatever went wrong:

```json
{"error": {"type": "not_found", "message": "No such invoice.", "details": [],
           "request_id": "req_7c1e0b6f4d2a4e8f9a3b5c6d7e8f9012"}}
```

Branch on `type`, which is stable; `message` is for people; `details` names fields
(`{"field": "line_items[0].quantity", "message": "..."}`); `request_id` is also the
`X-Request-ID` header of every response (send your own `X-Request-ID` to trace a call across
systems). Each operation below lists its error statuses with an example of each type.

{error_table}

## Idempotency

Creates (`POST` on a record list, record actions such as credit note allocations, and
attachment uploads) take an `Idempotency-Key` header (1 to 255 characters). Retrying with the
same key and the same body within 24 hours returns the first answer again, with
`Idempotent-Replayed: true`, and writes nothing twice; the same key with another body, or
while its first request is still running, is 409 `conflict`. A key is released, so that a
retry runs for real, when its request failed with a 5xx, was refused for a reason you are told
to wait out or repair (429 `rate_limited`, 409 `relink_required`, 403 `permission_denied`), or
was refused while it was being checked (400, 422 before any work). The key is also passed to
the provider's own duplicate-request guard where it has one.

## Rate limits

- Per API key: `API_RATE_LIMIT` requests (default 1200 a minute); beyond it, 429
  `rate_limited` with `Retry-After` in seconds. Invalid API keys from one address are limited
  too (`AUTH_FAILURE_LIMIT`, default 60 a minute).
- Providers' limits: Ledgerlink paces its calls to each provider within the provider's limits
  (per tenant and per app), counted in Redis for all the gateway's processes. A request that
  would wait longer than `PROVIDER_WAIT_SECONDS` (default 2) for the provider, or whose linked
  account has spent the provider's daily budget, is answered 429 `rate_limited` with
  `Retry-After`. Record reads come from the store and never wait for a provider.
  `GET /v1/linked-accounts/{account_id}/sync-status` shows what each window has left
  (`limits`).
- Successful responses carry no rate-limit headers: back off when a 429 (or a 503) says so,
  by its `Retry-After`.

## Webhooks

Register up to 20 endpoints (`POST /v1/webhook-endpoints`), each with the `event_types` it
wants (`invoice.created`, `invoice.*`, or none for all). The answer shows the endpoint's
signing `secret` once (`PATCH` with `rotate_secret: true` issues a new one). Every event is
POSTed as JSON, in the shape `GET /v1/events` lists it, with these headers:

- `Ledgerlink-Event-Id`, `Ledgerlink-Event-Type`, `Ledgerlink-Delivery-Id`
- `Ledgerlink-Timestamp`: Unix seconds of the attempt
- `Ledgerlink-Signature`: `v1=` and the hex HMAC-SHA256, keyed with the secret, of
  `<Ledgerlink-Event-Id>.<Ledgerlink-Timestamp>.<raw body>`

To verify a delivery, compute that HMAC over the raw body as received, compare it with the
header in constant time, and refuse timestamps more than five minutes from now:

```python
import hashlib, hmac, time

def verify(secret: str, headers, body: bytes) -> bool:
    event_id = headers["Ledgerlink-Event-Id"]
    timestamp = headers["Ledgerlink-Timestamp"]
    if abs(time.time() - int(timestamp)) > 300:
        return False
    signed = f"{event_id}.{timestamp}.".encode() + body
    expected = "v1=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["Ledgerlink-Signature"])
```

Answer 2xx within 10 seconds (redirects are not followed). Failed attempts are retried with
exponential backoff (30 seconds doubling to 4 hours) for 24 hours, then the delivery is
`failed`; an endpoint whose every delivery has failed for 24 hours is disabled, and a
`webhook_endpoint.disabled` event says so. A delivery can arrive more than once: the event's
`id` is the same in every delivery and replay, and `sequence` orders a linked account's events.
`GET /v1/webhook-deliveries` is the delivery log; `POST
/v1/webhook-deliveries/{delivery_id}/replay` sends one again. Apps that prefer to pull read the
same stream from `GET /v1/events`.
"""

#: The error table of the intro: status, type(s), when (each type is one the code answers:
#: `tests/gateway/core/test_openapi_intro.py`).
ERRORS: list[tuple[int, str, str]] = [
    (
        400,
        "`validation_error`",
        "Invalid fields, query parameters or headers (`details` name them).",
    ),
    (400, "`parse_error`", "The body is not valid JSON."),
    (400, "`invalid_request`", "The request itself is malformed (e.g. its Content-Length)."),
    (401, "`authentication_error`", "No API key, or an unknown or revoked one."),
    (
        403,
        "`permission_denied`",
        "The linked account's consent lacks the provider scope the call needs.",
    ),
    (
        404,
        "`not_found`",
        "No such resource for you (unknown ids and other customers' look the same).",
    ),
    (
        405,
        "`method_not_allowed`",
        "The linked account's provider does not offer this; `Allow` lists what it does.",
    ),
    (406, "`not_acceptable`", "The Accept header excludes application/json."),
    (
        409,
        "`conflict`",
        "An `Idempotency-Key` reused with another body or still running; or the record "
        "changed at the provider while you wrote it (read it again, retry).",
    ),
    (409, "`relink_required`", "The linked account must be relinked by its end user."),
    (
        409,
        "`sync_in_progress`, `sync_paused`",
        "A sync is already queued or running; syncs wait for the provider's daily budget.",
    ),
    (411, "`length_required`", "A chunked body without Content-Length."),
    (413, "`payload_too_large`", "The body (or file) is larger than accepted."),
    (
        415,
        "`unsupported_media_type`",
        "The body is not JSON (or, for uploads, not a file type the provider takes).",
    ),
    (
        422,
        "`validation_error`",
        "The provider refused the record, or values no provider accepts (or ids naming no "
        "record of the linked account) were refused before sending.",
    ),
    (
        429,
        "`rate_limited`",
        "Too many requests, or the provider's limits; wait `Retry-After` seconds.",
    ),
    (500, "`internal_error`", "Unexpected; quote the `request_id`."),
    (501, "`not_supported`", "The provider cannot do this."),
    (502, "`provider_error`", "The provider failed to answer."),
    (
        503,
        "`provider_unavailable`, `service_unavailable`",
        "The provider, or a service of the gateway, is briefly unavailable; wait "
        "`Retry-After` seconds.",
    ),
]


def error_table() -> str:
    lines = ["| Status | `type` | When |", "|---|---|---|"]
    lines += [f"| {status} | {types} | {when} |" for status, types, when in ERRORS]
    return "\n".join(lines)


INTRO = _INTRO.replace("{error_table}", error_table())

_OPERATIONS = ("list", "get", "create", "update", "delete")


def provider_table(providers: list[dict[str, Any]]) -> str:
    """Markdown: per unified model, what each provider offers (as `/v1/providers` says)."""
    from unified_models import CATALOGUE

    if not providers:
        return ""
    names = [p["name"] for p in providers]
    lines = [
        "## Providers",
        "",
        "What each provider offers, by unified model (`GET /v1/providers` answers the same for "
        "the providers this gateway has configured; any other operation answers 405 "
        "`method_not_allowed`).",
        "",
        "| Model | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for model in CATALOGUE.names():
        cells = []
        for provider in providers:
            offered = provider["models"].get(model, [])
            ops = [op for op in _OPERATIONS if op in offered]
            ops += [f"`{a}`" for a in provider["actions"].get(model, [])]
            cells.append(", ".join(ops) or "—")
        lines.append(f"| `/v1/{CATALOGUE[model].plural}` | " + " | ".join(cells) + " |")
    lines += [
        "| Webhooks from the provider keep data current | "
        + " | ".join("yes" if p.get("webhooks") else "no (syncs only)" for p in providers)
        + " |",
        "| Attachments (`/v1/attachments`) | "
        + " | ".join(_attachments(p.get("attachments")) for p in providers)
        + " |",
        "| Reports (`/v1/reports/...`) | "
        + " | ".join(_reports(p.get("reports")) for p in providers)
        + " |",
    ]
    return "\n".join(lines) + "\n"


def _attachments(rules: dict[str, Any] | None) -> str:
    if not rules:
        return "—"
    megabytes = rules["max_bytes"] // (1024 * 1024)
    return f"on {', '.join(rules['models'])}; up to {megabytes} MB"


def _reports(rules: dict[str, Any] | None) -> str:
    if not rules:
        return "—"
    offered = [kind.lower().replace("_", "-") for kind, rule in rules.items() if rule["offered"]]
    return ", ".join(offered) or "—"


def add_provider_table(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the intro ends with the provider table."""
    from gateway.core.views import offered_by_providers

    info = result.setdefault("info", {})
    table = provider_table(offered_by_providers(configured_only=False))
    info["description"] = f"{info.get('description', '').rstrip()}\n\n{table}"
    return result
