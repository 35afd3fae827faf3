"""`GET /v1/<records>` in its common form, answered beneath Django and DRF.

The unfiltered list page is the API's most frequent call, and the framework around it
(middleware, URL resolving, DRF's request, negotiation and dispatch) cost as much CPU as the
call's own work: two prepared queries and a spliced body. This WSGI layer answers exactly that
call with the view's own functions, and gives the answer the headers Django's response
middleware gives it:

- GET, no body, no query parameter but `page_size` and `cursor` (each at most once, valid),
  no `Accept` or a JSON one;
- an API key this process holds in its key cache (`cached_key`: active, checked constant-time);
- within the key's rate (the same throttle);
- an `X-Linked-Account` of that key's customer whose provider lists the model, read in the
  page's statement (`owned_list_page`: one round trip where Django's view makes two; an empty
  page reads the account alone).

Everything else, and every request one of those checks refuses, goes to Django unchanged, so each
error keeps its one answer. The checks before the throttle have no side effect, and a call the
throttle refuses, or lets through and the lane then hands on (not the customer's account, not
listed by its provider, a failing query), is taken off the count again: a call is counted once,
where it is answered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from urllib.parse import parse_qsl

from django.conf import settings
from django.core import signals
from django.core.exceptions import DisallowedHost, PermissionDenied
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import Resolver404, get_resolver
from rest_framework.exceptions import ValidationError

from gateway.accounts.connections import provider_for
from gateway.accounts.selectors import parse_uuid
from gateway.core import request_id
from gateway.core.cursor import Cursor
from gateway.core.negotiation import PLAIN_ACCEPT
from gateway.customers.authentication import cached_key, note_use
from gateway.customers.throttling import ApiKeyRateThrottle
from gateway.records.selectors import owned_list_page, page_size_of
from gateway.records.views import LIST_OPERATIONS, RecordListView, allow_header, offered_by
from unified_models import CATALOGUE

logger = logging.getLogger(__name__)

_PARAMETERS = frozenset({"page_size", "cursor"})
#: Django's middleware whose request and response steps apply to an API answer; the gateway's
#: own (request id, cache control) are applied by name below.
_DJANGO_MIDDLEWARE = (SecurityMiddleware, CommonMiddleware, XFrameOptionsMiddleware)

Answer = tuple[str, list[tuple[str, str]], bytes]


class ListLane:
    """WSGI middleware: the common list call answered here, every other request by `app`."""

    def __init__(self, app: Callable):
        self.app = app
        self._routes: tuple[int, dict[str, str]] | None = None
        self._middleware: list | None = None

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "GET" and environ.get("PATH_INFO", "")[:4] == "/v1/":
            try:
                answer = self.answer(environ)
            except Exception:  # Django answers it, in the API's error envelope if it fails too
                logger.exception("list lane: handing the call to Django after an error")
                answer = None
            if answer is not None:
                status, headers, body = answer
                start_response(status, headers)
                return [body]
        return self.app(environ, start_response)

    def answer(self, environ: dict) -> Answer | None:
        """The response to the common list call; None: not that call, Django answers it."""
        model = self.routes().get(environ["PATH_INFO"])
        if model is None or not _without_body(environ):
            return None
        if environ.get("HTTP_ACCEPT", "") not in PLAIN_ACCEPT:
            return None
        query = _plain_query(environ.get("QUERY_STRING", ""))
        key = cached_key(environ.get("HTTP_AUTHORIZATION", ""))
        account_id = parse_uuid(environ.get("HTTP_X_LINKED_ACCOUNT"))
        if query is None or key is None or account_id is None:
            return None
        try:
            page_size = page_size_of(query)
            cursor = Cursor.decode(query["cursor"]) if query.get("cursor") else None
        except ValidationError:
            return None
        request = WSGIRequest(environ)
        if not self._request_passes(request):
            return None
        rid = request_id.new_request_id(environ.get("HTTP_X_REQUEST_ID"))
        token = request_id.set_current_request_id(rid)
        signals.request_started.send(sender=self.__class__, environ=environ)
        try:
            return self._page(request, model, key, account_id, cursor, page_size, rid)
        finally:
            signals.request_finished.send(sender=self.__class__)
            request_id.reset_current_request_id(token)

    def _page(self, request, model, key, account_id, cursor, page_size, rid) -> Answer | None:
        throttle = ApiKeyRateThrottle()
        if not throttle.allow_request(SimpleNamespace(auth=key), None):
            return None
        try:
            found = owned_list_page(account_id, key.customer_id, model, cursor, page_size)
            declared = offered_by(provider_for(found[0]), model) if found is not None else []
        except Exception:
            logger.exception("list lane: the page failed; handing the call to Django")
            declared = []
        if "list" not in declared:  # not the customer's account, not listed, or failed
            throttle.give_back()
            return None
        note_use(key)
        body = found[1]
        response = HttpResponse(body, content_type="application/json")
        response["Allow"] = allow_header(LIST_OPERATIONS, declared)
        for middleware in reversed(self.middleware()):
            response = middleware.process_response(request, response)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        response[request_id.HEADER] = rid
        return f"200 {response.reason_phrase}", list(response.items()), body

    def _request_passes(self, request: WSGIRequest) -> bool:
        """Django's request steps (allowed host, HTTPS redirect, user agents) would let the call
        through untouched."""
        try:
            return all(
                m.process_request(request) is None
                for m in self.middleware()
                if hasattr(m, "process_request")
            )
        except (DisallowedHost, PermissionDenied):
            return False

    def middleware(self) -> list:
        if self._middleware is None:
            installed = {f"{m.__module__}.{m.__name__}": m for m in _DJANGO_MIDDLEWARE}
            self._middleware = [
                installed[path](_unused) for path in settings.MIDDLEWARE if path in installed
            ]
        return self._middleware

    def routes(self) -> dict[str, str]:
        """Path → model, for the paths Django resolves to a record list view."""
        if self._routes is None or self._routes[0] != CATALOGUE.version:
            self._routes = (CATALOGUE.version, _list_routes())
        return self._routes[1]


def _list_routes() -> dict[str, str]:
    routes = {}
    resolver = get_resolver()
    for entry in CATALOGUE:
        path = f"/v1/{entry.plural}"
        try:
            view = getattr(resolver.resolve(path).func, "view_class", None)
        except Resolver404:
            continue
        if isinstance(view, type) and issubclass(view, RecordListView) and view.model == entry.name:
            routes[path] = entry.name
    return routes


def _without_body(environ: dict) -> bool:
    return environ.get("CONTENT_LENGTH") in (None, "", "0") and not environ.get(
        "HTTP_TRANSFER_ENCODING"
    )


def _plain_query(query_string: str) -> dict[str, str] | None:
    """The query as a dict when it holds only `page_size` and `cursor`, each at most once."""
    if not query_string:
        return {}
    pairs = parse_qsl(query_string, keep_blank_values=True)
    query = dict(pairs)
    if len(query) != len(pairs) or not query.keys() <= _PARAMETERS:
        return None
    return query


def _unused(request):  # Django's middleware wants a next step; the lane calls none
    raise AssertionError("not called")
