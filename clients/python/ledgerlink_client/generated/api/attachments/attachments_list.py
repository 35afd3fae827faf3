from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attachment_list import AttachmentList
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    include_remote_data: bool | Unset = UNSET,
    record_id: UUID,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    params: dict[str, Any] = {}

    params["include_remote_data"] = include_remote_data

    json_record_id = str(record_id)
    params["record_id"] = json_record_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/attachments",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AttachmentList | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AttachmentList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = ErrorEnvelope.from_dict(response.json())

        return response_405

    if response.status_code == 406:
        response_406 = ErrorEnvelope.from_dict(response.json())

        return response_406

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 501:
        response_501 = ErrorEnvelope.from_dict(response.json())

        return response_501

    if response.status_code == 502:
        response_502 = ErrorEnvelope.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AttachmentList | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    record_id: UUID,
    x_linked_account: UUID,
) -> Response[AttachmentList | ErrorEnvelope]:
    """List a record's attachments

     The files on one record (invoice, bill, contact, ...), as the provider lists them now (one provider
    call). Ledgerlink keeps an attachment's description (name, MIME type, size, provider id, record) so
    that it has a stable id; the file itself stays at the provider and is never stored by Ledgerlink.

    Args:
        include_remote_data (bool | Unset):
        record_id (UUID):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentList | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        include_remote_data=include_remote_data,
        record_id=record_id,
        x_linked_account=x_linked_account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    record_id: UUID,
    x_linked_account: UUID,
) -> AttachmentList | ErrorEnvelope | None:
    """List a record's attachments

     The files on one record (invoice, bill, contact, ...), as the provider lists them now (one provider
    call). Ledgerlink keeps an attachment's description (name, MIME type, size, provider id, record) so
    that it has a stable id; the file itself stays at the provider and is never stored by Ledgerlink.

    Args:
        include_remote_data (bool | Unset):
        record_id (UUID):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentList | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        include_remote_data=include_remote_data,
        record_id=record_id,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    record_id: UUID,
    x_linked_account: UUID,
) -> Response[AttachmentList | ErrorEnvelope]:
    """List a record's attachments

     The files on one record (invoice, bill, contact, ...), as the provider lists them now (one provider
    call). Ledgerlink keeps an attachment's description (name, MIME type, size, provider id, record) so
    that it has a stable id; the file itself stays at the provider and is never stored by Ledgerlink.

    Args:
        include_remote_data (bool | Unset):
        record_id (UUID):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttachmentList | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        include_remote_data=include_remote_data,
        record_id=record_id,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    record_id: UUID,
    x_linked_account: UUID,
) -> AttachmentList | ErrorEnvelope | None:
    """List a record's attachments

     The files on one record (invoice, bill, contact, ...), as the provider lists them now (one provider
    call). Ledgerlink keeps an attachment's description (name, MIME type, size, provider id, record) so
    that it has a stable id; the file itself stays at the provider and is never stored by Ledgerlink.

    Args:
        include_remote_data (bool | Unset):
        record_id (UUID):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttachmentList | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            include_remote_data=include_remote_data,
            record_id=record_id,
            x_linked_account=x_linked_account,
        )
    ).parsed
