from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.passthrough_request import PassthroughRequest
from ...models.passthrough_response import PassthroughResponse
from ...types import Response


def _get_kwargs(
    *,
    body: PassthroughRequest,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/passthrough",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | PassthroughResponse | None:
    if response.status_code == 200:
        response_200 = PassthroughResponse.from_dict(response.json())

        return response_200

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
) -> Response[ErrorEnvelope | PassthroughResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PassthroughRequest,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | PassthroughResponse]:
    """Call the provider directly

     Authenticated with the linked account's credentials and rate limited like every other call. The
    provider's status and body are returned as they came. Binary bodies travel base64-encoded:
    `body_base64` in the request (with its Content-Type in `headers`), `body_base64` in the answer when
    the provider sent neither JSON nor text. Bodies are held whole (requests up to the API's body
    limit): for files, `/v1/attachments` streams instead.

    Args:
        x_linked_account (UUID):
        body (PassthroughRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PassthroughResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_linked_account=x_linked_account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PassthroughRequest,
    x_linked_account: UUID,
) -> ErrorEnvelope | PassthroughResponse | None:
    """Call the provider directly

     Authenticated with the linked account's credentials and rate limited like every other call. The
    provider's status and body are returned as they came. Binary bodies travel base64-encoded:
    `body_base64` in the request (with its Content-Type in `headers`), `body_base64` in the answer when
    the provider sent neither JSON nor text. Bodies are held whole (requests up to the API's body
    limit): for files, `/v1/attachments` streams instead.

    Args:
        x_linked_account (UUID):
        body (PassthroughRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PassthroughResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PassthroughRequest,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | PassthroughResponse]:
    """Call the provider directly

     Authenticated with the linked account's credentials and rate limited like every other call. The
    provider's status and body are returned as they came. Binary bodies travel base64-encoded:
    `body_base64` in the request (with its Content-Type in `headers`), `body_base64` in the answer when
    the provider sent neither JSON nor text. Bodies are held whole (requests up to the API's body
    limit): for files, `/v1/attachments` streams instead.

    Args:
        x_linked_account (UUID):
        body (PassthroughRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PassthroughResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PassthroughRequest,
    x_linked_account: UUID,
) -> ErrorEnvelope | PassthroughResponse | None:
    """Call the provider directly

     Authenticated with the linked account's credentials and rate limited like every other call. The
    provider's status and body are returned as they came. Binary bodies travel base64-encoded:
    `body_base64` in the request (with its Content-Type in `headers`), `body_base64` in the answer when
    the provider sent neither JSON nor text. Bodies are held whole (requests up to the API's body
    limit): for files, `/v1/attachments` streams instead.

    Args:
        x_linked_account (UUID):
        body (PassthroughRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PassthroughResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_linked_account=x_linked_account,
        )
    ).parsed
