"""Security for the hosted pages: response headers and a CSRF check that works without a
Referer.

The pages carry secrets in their URLs (the link token), so they send `Referrer-Policy:
no-referrer`. Browsers then send no `Referer` and `Origin: null` with the pages' own form posts,
which Django's CSRF middleware refuses (origin mismatch; on HTTPS, missing Referer). The hosted
forms therefore use `hosted_csrf_protect`: the CSRF token is checked exactly as Django does, and
a `null` origin or a missing Referer is accepted only when the browser says the post came from
our own origin (`Sec-Fetch-Site: same-origin`; browsers without Fetch Metadata send nothing and
rely on the token alone). A cross-site post is refused as before.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.csrf import csrf_exempt

CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"


def hosted_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """CSP, no referrer (tokens are in URLs), no cache, no framing, not indexed."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = CSP
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "no-store"
        response["X-Frame-Options"] = "DENY"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _same_origin_fetch(request: HttpRequest) -> bool:
    return request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") == "same-origin"


class HostedPageCsrf(CsrfViewMiddleware):
    def _origin_verified(self, request: HttpRequest) -> bool:
        if request.META.get("HTTP_ORIGIN") == "null":
            return _same_origin_fetch(request)
        return super()._origin_verified(request)

    def _check_referer(self, request: HttpRequest) -> None:
        if not request.META.get("HTTP_REFERER") and _same_origin_fetch(request):
            return
        super()._check_referer(request)


_protect = decorator_from_middleware(HostedPageCsrf)


def hosted_csrf_protect(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Replace the global CSRF check by `HostedPageCsrf` for this view."""
    return csrf_exempt(_protect(view))
