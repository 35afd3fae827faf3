from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.link_token import LinkToken
from ...models.relink_token_request import RelinkTokenRequest
from ...types import Response


def _get_kwargs(
    account_id: str,
    *,
    body: RelinkTokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/linked-accounts/{account_id}/relink-token".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | LinkToken | None:
    if response.status_code == 201:
        response_201 = LinkToken.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 406:
        response_406 = ErrorEnvelope.from_dict(response.json())

        return response_406

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 411:
        response_411 = ErrorEnvelope.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorEnvelope.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | LinkToken]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient,
    body: RelinkTokenRequest,
) -> Response[ErrorEnvelope | LinkToken]:
    """Create a relink token

     A link token that repairs a linked account whose consent expired or was revoked (status
    `relink_required`). After a new consent the same linked accounts of its grant (matched by tenant id)
    are active again, with the same ids and data; an organisation the new consent does not reach stays
    `relink_required`. Send the end user to `url`. They choose their accounting system, give consent
    there and, when the consent reaches several organisations, tick the ones to link. They then land on
    `redirect_url` with `linked_account_ids` (comma-separated) and `end_user_id` in the query string, or
    with `error=<code>` (`cancelled`, `access_denied`, `link_token_expired`, `link_token_used`,
    `invalid_state`, `authorization_failed`, `provider_error`, `provider_unavailable`,
    `no_organisations`, `relink_mismatch`). The token works once and expires after `expires_at`.

    Args:
        account_id (str):
        body (RelinkTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LinkToken]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient,
    body: RelinkTokenRequest,
) -> ErrorEnvelope | LinkToken | None:
    """Create a relink token

     A link token that repairs a linked account whose consent expired or was revoked (status
    `relink_required`). After a new consent the same linked accounts of its grant (matched by tenant id)
    are active again, with the same ids and data; an organisation the new consent does not reach stays
    `relink_required`. Send the end user to `url`. They choose their accounting system, give consent
    there and, when the consent reaches several organisations, tick the ones to link. They then land on
    `redirect_url` with `linked_account_ids` (comma-separated) and `end_user_id` in the query string, or
    with `error=<code>` (`cancelled`, `access_denied`, `link_token_expired`, `link_token_used`,
    `invalid_state`, `authorization_failed`, `provider_error`, `provider_unavailable`,
    `no_organisations`, `relink_mismatch`). The token works once and expires after `expires_at`.

    Args:
        account_id (str):
        body (RelinkTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LinkToken
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient,
    body: RelinkTokenRequest,
) -> Response[ErrorEnvelope | LinkToken]:
    """Create a relink token

     A link token that repairs a linked account whose consent expired or was revoked (status
    `relink_required`). After a new consent the same linked accounts of its grant (matched by tenant id)
    are active again, with the same ids and data; an organisation the new consent does not reach stays
    `relink_required`. Send the end user to `url`. They choose their accounting system, give consent
    there and, when the consent reaches several organisations, tick the ones to link. They then land on
    `redirect_url` with `linked_account_ids` (comma-separated) and `end_user_id` in the query string, or
    with `error=<code>` (`cancelled`, `access_denied`, `link_token_expired`, `link_token_used`,
    `invalid_state`, `authorization_failed`, `provider_error`, `provider_unavailable`,
    `no_organisations`, `relink_mismatch`). The token works once and expires after `expires_at`.

    Args:
        account_id (str):
        body (RelinkTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LinkToken]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient,
    body: RelinkTokenRequest,
) -> ErrorEnvelope | LinkToken | None:
    """Create a relink token

     A link token that repairs a linked account whose consent expired or was revoked (status
    `relink_required`). After a new consent the same linked accounts of its grant (matched by tenant id)
    are active again, with the same ids and data; an organisation the new consent does not reach stays
    `relink_required`. Send the end user to `url`. They choose their accounting system, give consent
    there and, when the consent reaches several organisations, tick the ones to link. They then land on
    `redirect_url` with `linked_account_ids` (comma-separated) and `end_user_id` in the query string, or
    with `error=<code>` (`cancelled`, `access_denied`, `link_token_expired`, `link_token_used`,
    `invalid_state`, `authorization_failed`, `provider_error`, `provider_unavailable`,
    `no_organisations`, `relink_mismatch`). The token works once and expires after `expires_at`.

    Args:
        account_id (str):
        body (RelinkTokenRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LinkToken
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            body=body,
        )
    ).parsed
