"""Give every request an id and put it on every response."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from connectors.waiting import wait_budget
from gateway.core import request_id


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id.new_request_id(request.headers.get(request_id.HEADER))
        request.request_id = rid
        token = request_id.set_current_request_id(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset_current_request_id(token)
        response[request_id.HEADER] = rid
        return response


class ProviderWaitBudgetMiddleware:
    """Someone is waiting on every request: provider calls made while serving it wait at most
    PROVIDER_WAIT_SECONDS in total for the rate limiter or a provider's Retry-After, then the
    connector raises RateLimited (answered 429 with Retry-After). One busy organisation then
    cannot hold the web workers every other customer needs. Celery workers never pass here,
    so background work keeps waiting for its slots."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        with wait_budget(settings.PROVIDER_WAIT_SECONDS):
            return self.get_response(request)


class BodySizeLimitMiddleware:
    """Refuse bodies over DATA_UPLOAD_MAX_MEMORY_SIZE before a parser reads them.

    DRF's parsers read the stream directly, so Django's own limit does not cover JSON bodies.
    Django reads a body only up to its Content-Length, so a chunked body without one would be
    seen as empty: it is refused with 411 instead of being silently ignored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        from gateway.core.errors import error_response

        limit = getattr(settings, "BODY_SIZE_LIMITS", {}).get(
            request.path, settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        )
        declared = request.META.get("CONTENT_LENGTH")
        try:
            length = int(declared or 0)
        except ValueError:
            length = -1
        if length < 0:
            return error_response(400, "invalid_request", "Content-Length is not a number.")
        if not declared and "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return error_response(
                411, "length_required", "Send the request body with a Content-Length header."
            )
        if limit is not None and length > limit:
            return error_response(
                413, "payload_too_large", f"The request body is larger than {limit} bytes."
            )
        return self.get_response(request)


class ApiCacheControlMiddleware:
    """API responses carry customer data and secrets shown once (link tokens, webhook signing
    secrets): no cache may keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/v1/") and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response
