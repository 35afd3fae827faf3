from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.event_page import EventPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    params: dict[str, Any] = {}

    params["after"] = after

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | EventPage | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

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
) -> Response[ErrorEnvelope | EventPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | EventPage]:
    """List events

     The linked account's events in `sequence` order, after the given sequence: the same stream the
    webhooks deliver, for apps that pull. Sequences are per linked account, gapless and committed in
    order, so polling with `after=<last sequence seen>` never misses an event.

    Args:
        after (int | Unset):
        page_size (int | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | EventPage]
    """

    kwargs = _get_kwargs(
        after=after,
        page_size=page_size,
        x_linked_account=x_linked_account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | EventPage | None:
    """List events

     The linked account's events in `sequence` order, after the given sequence: the same stream the
    webhooks deliver, for apps that pull. Sequences are per linked account, gapless and committed in
    order, so polling with `after=<last sequence seen>` never misses an event.

    Args:
        after (int | Unset):
        page_size (int | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | EventPage
    """

    return sync_detailed(
        client=client,
        after=after,
        page_size=page_size,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | EventPage]:
    """List events

     The linked account's events in `sequence` order, after the given sequence: the same stream the
    webhooks deliver, for apps that pull. Sequences are per linked account, gapless and committed in
    order, so polling with `after=<last sequence seen>` never misses an event.

    Args:
        after (int | Unset):
        page_size (int | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | EventPage]
    """

    kwargs = _get_kwargs(
        after=after,
        page_size=page_size,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | EventPage | None:
    """List events

     The linked account's events in `sequence` order, after the given sequence: the same stream the
    webhooks deliver, for apps that pull. Sequences are per linked account, gapless and committed in
    order, so polling with `after=<last sequence seen>` never misses an event.

    Args:
        after (int | Unset):
        page_size (int | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | EventPage
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            page_size=page_size,
            x_linked_account=x_linked_account,
        )
    ).parsed
