import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.tax_rate_page import TaxRatePage
from ...models.tax_rates_list_status import TaxRatesListStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    page_size: int | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: TaxRatesListStatus | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["include_deleted"] = include_deleted

    params["include_remote_data"] = include_remote_data

    json_modified_after: str | Unset = UNSET
    if not isinstance(modified_after, Unset):
        json_modified_after = modified_after.isoformat()
    params["modified_after"] = json_modified_after

    params["page_size"] = page_size

    params["remote_id"] = remote_id

    json_remote_updated_after: str | Unset = UNSET
    if not isinstance(remote_updated_after, Unset):
        json_remote_updated_after = remote_updated_after.isoformat()
    params["remote_updated_after"] = json_remote_updated_after

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tax-rates",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TaxRatePage | None:
    if response.status_code == 200:
        response_200 = TaxRatePage.from_dict(response.json())

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

    if response.status_code == 405:
        response_405 = ErrorEnvelope.from_dict(response.json())

        return response_405

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
) -> Response[ErrorEnvelope | TaxRatePage]:
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
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    page_size: int | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: TaxRatesListStatus | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | TaxRatePage]:
    """List tax rates

    Args:
        cursor (str | Unset):
        include_deleted (bool | Unset):
        include_remote_data (bool | Unset):
        modified_after (datetime.datetime | Unset):
        page_size (int | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (TaxRatesListStatus | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TaxRatePage]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        include_deleted=include_deleted,
        include_remote_data=include_remote_data,
        modified_after=modified_after,
        page_size=page_size,
        remote_id=remote_id,
        remote_updated_after=remote_updated_after,
        status=status,
        x_linked_account=x_linked_account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    page_size: int | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: TaxRatesListStatus | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | TaxRatePage | None:
    """List tax rates

    Args:
        cursor (str | Unset):
        include_deleted (bool | Unset):
        include_remote_data (bool | Unset):
        modified_after (datetime.datetime | Unset):
        page_size (int | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (TaxRatesListStatus | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TaxRatePage
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        include_deleted=include_deleted,
        include_remote_data=include_remote_data,
        modified_after=modified_after,
        page_size=page_size,
        remote_id=remote_id,
        remote_updated_after=remote_updated_after,
        status=status,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    page_size: int | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: TaxRatesListStatus | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | TaxRatePage]:
    """List tax rates

    Args:
        cursor (str | Unset):
        include_deleted (bool | Unset):
        include_remote_data (bool | Unset):
        modified_after (datetime.datetime | Unset):
        page_size (int | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (TaxRatesListStatus | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TaxRatePage]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        include_deleted=include_deleted,
        include_remote_data=include_remote_data,
        modified_after=modified_after,
        page_size=page_size,
        remote_id=remote_id,
        remote_updated_after=remote_updated_after,
        status=status,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    page_size: int | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: TaxRatesListStatus | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | TaxRatePage | None:
    """List tax rates

    Args:
        cursor (str | Unset):
        include_deleted (bool | Unset):
        include_remote_data (bool | Unset):
        modified_after (datetime.datetime | Unset):
        page_size (int | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (TaxRatesListStatus | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TaxRatePage
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            include_deleted=include_deleted,
            include_remote_data=include_remote_data,
            modified_after=modified_after,
            page_size=page_size,
            remote_id=remote_id,
            remote_updated_after=remote_updated_after,
            status=status,
            x_linked_account=x_linked_account,
        )
    ).parsed
