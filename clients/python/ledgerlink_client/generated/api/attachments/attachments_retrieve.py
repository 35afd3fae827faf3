from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment import Attachment
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    attachment_id: UUID,
    *,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    params: dict[str, Any] = {}

    params["include_remote_data"] = include_remote_data

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/attachments/{attachment_id}".format(
            attachment_id=quote(str(attachment_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Attachment | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = Attachment.from_dict(response.json())

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
) -> Response[Attachment | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[Attachment | ErrorEnvelope]:
    """Retrieve an attachment

     Its description as last listed or uploaded (no provider call). Ledgerlink keeps an attachment's
    description (name, MIME type, size, provider id, record) so that it has a stable id; the file itself
    stays at the provider and is never stored by Ledgerlink.

    Args:
        attachment_id (UUID):
        include_remote_data (bool | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attachment | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        attachment_id=attachment_id,
        include_remote_data=include_remote_data,
        x_linked_account=x_linked_account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> Attachment | ErrorEnvelope | None:
    """Retrieve an attachment

     Its description as last listed or uploaded (no provider call). Ledgerlink keeps an attachment's
    description (name, MIME type, size, provider id, record) so that it has a stable id; the file itself
    stays at the provider and is never stored by Ledgerlink.

    Args:
        attachment_id (UUID):
        include_remote_data (bool | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attachment | ErrorEnvelope
    """

    return sync_detailed(
        attachment_id=attachment_id,
        client=client,
        include_remote_data=include_remote_data,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[Attachment | ErrorEnvelope]:
    """Retrieve an attachment

     Its description as last listed or uploaded (no provider call). Ledgerlink keeps an attachment's
    description (name, MIME type, size, provider id, record) so that it has a stable id; the file itself
    stays at the provider and is never stored by Ledgerlink.

    Args:
        attachment_id (UUID):
        include_remote_data (bool | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Attachment | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        attachment_id=attachment_id,
        include_remote_data=include_remote_data,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    attachment_id: UUID,
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> Attachment | ErrorEnvelope | None:
    """Retrieve an attachment

     Its description as last listed or uploaded (no provider call). Ledgerlink keeps an attachment's
    description (name, MIME type, size, provider id, record) so that it has a stable id; the file itself
    stays at the provider and is never stored by Ledgerlink.

    Args:
        attachment_id (UUID):
        include_remote_data (bool | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Attachment | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            attachment_id=attachment_id,
            client=client,
            include_remote_data=include_remote_data,
            x_linked_account=x_linked_account,
        )
    ).parsed
