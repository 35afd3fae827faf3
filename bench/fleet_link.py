"""Linking accounts through the control plane, over plain HTTP (no browser): the customer's
backend asks `POST /v1/link-tokens`, an HTTP client walks the hosted pages (choose the
provider, the provider's consent, the callback, the organisation picker) as the end user's
browser would, CSRF tokens and session cookie included. One Xero consent reaches many
organisations; the picker ticks all of them (Django reads at most 1,000 form fields a request,
so a few hundred organisations a consent)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

REDIRECT_URL = "https://bench.example/done"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LinkFailed(RuntimeError):
    pass


def _csrf(page: requests.Response) -> str:
    found = _CSRF.search(page.text)
    if not found:
        raise LinkFailed(f"no CSRF token on {page.url} ({page.status_code})")
    return found.group(1)


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _follow_ours(browser: requests.Session, base: str, response: requests.Response):
    """Follow the gateway's own redirects (never the customer's redirect URL)."""
    while response.status_code in (301, 302, 303) and response.headers["Location"].startswith(
        ("/", base)
    ):
        response = browser.get(urljoin(base, response.headers["Location"]), allow_redirects=False)
    return response


def link(
    base: str,
    api_key: str,
    provider: str,
    end_user_id: str,
    consent,
    pick: list[str] | None = None,
) -> str:
    """One whole link; returns the redirect the customer's app receives. ``consent(params)``
    plays the provider's consent page for the authorize URL's query and returns the URL the
    provider redirects back to;
    ``pick``: the tenant ids to tick when the picker shows (None: all it offers)."""
    token = requests.post(
        f"{base}/v1/link-tokens",
        json={"end_user_id": end_user_id, "providers": [provider], "redirect_url": REDIRECT_URL},
        headers={"Authorization": f"Bearer {api_key}"},
        timeout=60,
    )
    if token.status_code != 201:
        raise LinkFailed(f"link token: {token.status_code} {token.text[:300]}")
    url = token.json()["url"]
    browser = requests.Session()
    page = browser.get(url, timeout=60)
    start = browser.post(
        f"{url}/start",
        data={"provider": provider, "csrfmiddlewaretoken": _csrf(page)},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=60,
    )
    if start.status_code != 302:
        raise LinkFailed(f"start: {start.status_code} {start.text[:300]}")
    params = _query(start.headers["Location"])
    back = _query(consent(params))  # the provider's redirect back: code, state (, realmId)
    response = browser.get(
        f"{base}/connect/callback",
        params={**back, "state": params["state"]},
        allow_redirects=False,
        timeout=600,
    )
    response = _follow_ours(browser, base, response)
    if response.status_code == 200 and 'name="tenant"' in response.text:
        offered = re.findall(r'name="tenant" value="([^"]+)"', response.text)
        chosen = offered if pick is None else [t for t in offered if t in set(pick)]
        response = browser.post(
            response.url,
            data={"tenant": chosen, "action": "link", "csrfmiddlewaretoken": _csrf(response)},
            headers={"Referer": response.url},
            allow_redirects=False,
            timeout=600,
        )
        response = _follow_ours(browser, base, response)
    found = re.search(r'href="(https://bench\.example/done[^"]*)"', response.text)
    if response.status_code != 200 or not found or "linked_account_ids" not in found.group(1):
        raise LinkFailed(f"link did not succeed: {response.status_code} {response.text[:500]}")
    return found.group(1).replace("&amp;", "&")
