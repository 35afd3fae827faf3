from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.webhook_deliveries_list_status import WebhookDeliveriesListStatus
from ...models.webhook_delivery_page import WebhookDeliveryPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    endpoint_id: UUID | Unset = UNSET,
    event_id: UUID | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: WebhookDeliveriesListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    json_endpoint_id: str | Unset = UNSET
    if not isinstance(endpoint_id, Unset):
        json_endpoint_id = str(endpoint_id)
    params["endpoint_id"] = json_endpoint_id

    json_event_id: str | Unset = UNSET
    if not isinstance(event_id, Unset):
        json_event_id = str(event_id)
    params["event_id"] = json_event_id

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/webhook-deliveries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | WebhookDeliveryPage | None:
    if response.status_code == 200:
        response_200 = WebhookDeliveryPage.from_dict(response.json())

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
) -> Response[ErrorEnvelope | WebhookDeliveryPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    endpoint_id: UUID | Unset = UNSET,
    event_id: UUID | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: WebhookDeliveriesListStatus | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookDeliveryPage]:
    """List webhook deliveries

     The delivery log, newest first.

    Args:
        cursor (str | Unset):
        endpoint_id (UUID | Unset):
        event_id (UUID | Unset):
        page_size (int | Unset):
        status (WebhookDeliveriesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookDeliveryPage]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        endpoint_id=endpoint_id,
        event_id=event_id,
        page_size=page_size,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    endpoint_id: UUID | Unset = UNSET,
    event_id: UUID | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: WebhookDeliveriesListStatus | Unset = UNSET,
) -> ErrorEnvelope | WebhookDeliveryPage | None:
    """List webhook deliveries

     The delivery log, newest first.

    Args:
        cursor (str | Unset):
        endpoint_id (UUID | Unset):
        event_id (UUID | Unset):
        page_size (int | Unset):
        status (WebhookDeliveriesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookDeliveryPage
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        endpoint_id=endpoint_id,
        event_id=event_id,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    endpoint_id: UUID | Unset = UNSET,
    event_id: UUID | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: WebhookDeliveriesListStatus | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookDeliveryPage]:
    """List webhook deliveries

     The delivery log, newest first.

    Args:
        cursor (str | Unset):
        endpoint_id (UUID | Unset):
        event_id (UUID | Unset):
        page_size (int | Unset):
        status (WebhookDeliveriesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookDeliveryPage]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        endpoint_id=endpoint_id,
        event_id=event_id,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    endpoint_id: UUID | Unset = UNSET,
    event_id: UUID | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: WebhookDeliveriesListStatus | Unset = UNSET,
) -> ErrorEnvelope | WebhookDeliveryPage | None:
    """List webhook deliveries

     The delivery log, newest first.

    Args:
        cursor (str | Unset):
        endpoint_id (UUID | Unset):
        event_id (UUID | Unset):
        page_size (int | Unset):
        status (WebhookDeliveriesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookDeliveryPage
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            endpoint_id=endpoint_id,
            event_id=event_id,
            page_size=page_size,
            status=status,
        )
    ).parsed
