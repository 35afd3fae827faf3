from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.linked_account_page import LinkedAccountPage
from ...models.linked_accounts_list_status import LinkedAccountsListStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    end_user_id: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    provider: str | Unset = UNSET,
    status: LinkedAccountsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["end_user_id"] = end_user_id

    params["page_size"] = page_size

    params["provider"] = provider

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/linked-accounts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | LinkedAccountPage | None:
    if response.status_code == 200:
        response_200 = LinkedAccountPage.from_dict(response.json())

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
) -> Response[ErrorEnvelope | LinkedAccountPage]:
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
    end_user_id: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    provider: str | Unset = UNSET,
    status: LinkedAccountsListStatus | Unset = UNSET,
) -> Response[ErrorEnvelope | LinkedAccountPage]:
    """List linked accounts

    Args:
        cursor (str | Unset):
        end_user_id (str | Unset):
        page_size (int | Unset):
        provider (str | Unset):
        status (LinkedAccountsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LinkedAccountPage]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        end_user_id=end_user_id,
        page_size=page_size,
        provider=provider,
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
    end_user_id: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    provider: str | Unset = UNSET,
    status: LinkedAccountsListStatus | Unset = UNSET,
) -> ErrorEnvelope | LinkedAccountPage | None:
    """List linked accounts

    Args:
        cursor (str | Unset):
        end_user_id (str | Unset):
        page_size (int | Unset):
        provider (str | Unset):
        status (LinkedAccountsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LinkedAccountPage
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        end_user_id=end_user_id,
        page_size=page_size,
        provider=provider,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    end_user_id: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    provider: str | Unset = UNSET,
    status: LinkedAccountsListStatus | Unset = UNSET,
) -> Response[ErrorEnvelope | LinkedAccountPage]:
    """List linked accounts

    Args:
        cursor (str | Unset):
        end_user_id (str | Unset):
        page_size (int | Unset):
        provider (str | Unset):
        status (LinkedAccountsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | LinkedAccountPage]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        end_user_id=end_user_id,
        page_size=page_size,
        provider=provider,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    end_user_id: str | Unset = UNSET,
    page_size: int | Unset = UNSET,
    provider: str | Unset = UNSET,
    status: LinkedAccountsListStatus | Unset = UNSET,
) -> ErrorEnvelope | LinkedAccountPage | None:
    """List linked accounts

    Args:
        cursor (str | Unset):
        end_user_id (str | Unset):
        page_size (int | Unset):
        provider (str | Unset):
        status (LinkedAccountsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | LinkedAccountPage
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            end_user_id=end_user_id,
            page_size=page_size,
            provider=provider,
            status=status,
        )
    ).parsed
