from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.account import Account
from ...models.accounts_retrieve_expand import AccountsRetrieveExpand
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    record_id: UUID,
    *,
    expand: AccountsRetrieveExpand | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    params: dict[str, Any] = {}

    json_expand: str | Unset = UNSET
    if not isinstance(expand, Unset):
        json_expand = expand.value

    params["expand"] = json_expand

    params["include_remote_data"] = include_remote_data

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/accounts/{record_id}".format(
            record_id=quote(str(record_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Account | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = Account.from_dict(response.json())

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
) -> Response[Account | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    expand: AccountsRetrieveExpand | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[Account | ErrorEnvelope]:
    """Retrieve an account

    Args:
        record_id (UUID):
        expand (AccountsRetrieveExpand | Unset):
        include_remote_data (bool | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Account | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        expand=expand,
        include_remote_data=include_remote_data,
        x_linked_account=x_linked_account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    expand: AccountsRetrieveExpand | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> Account | ErrorEnvelope | None:
    """Retrieve an account

    Args:
        record_id (UUID):
        expand (AccountsRetrieveExpand | Unset):
        include_remote_data (bool | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Account | ErrorEnvelope
    """

    return sync_detailed(
        record_id=record_id,
        client=client,
        expand=expand,
        include_remote_data=include_remote_data,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    expand: AccountsRetrieveExpand | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[Account | ErrorEnvelope]:
    """Retrieve an account

    Args:
        record_id (UUID):
        expand (AccountsRetrieveExpand | Unset):
        include_remote_data (bool | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Account | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        expand=expand,
        include_remote_data=include_remote_data,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    expand: AccountsRetrieveExpand | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    x_linked_account: UUID,
) -> Account | ErrorEnvelope | None:
    """Retrieve an account

    Args:
        record_id (UUID):
        expand (AccountsRetrieveExpand | Unset):
        include_remote_data (bool | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Account | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            record_id=record_id,
            client=client,
            expand=expand,
            include_remote_data=include_remote_data,
            x_linked_account=x_linked_account,
        )
    ).parsed
