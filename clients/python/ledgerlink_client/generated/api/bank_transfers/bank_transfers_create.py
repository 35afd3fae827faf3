from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bank_transfer import BankTransfer
from ...models.bank_transfer_input import BankTransferInput
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BankTransferInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    headers["X-Linked-Account"] = str(x_linked_account)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/bank-transfers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BankTransfer | ErrorEnvelope | None:
    if response.status_code == 201:
        response_201 = BankTransfer.from_dict(response.json())

        return response_201

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

    if response.status_code == 411:
        response_411 = ErrorEnvelope.from_dict(response.json())

        return response_411

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorEnvelope.from_dict(response.json())

        return response_415

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
) -> Response[BankTransfer | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BankTransferInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[BankTransfer | ErrorEnvelope]:
    """Create a bank transfer

     Written to the provider first, then stored; returns the stored record. 405 when the linked account's
    provider does not offer it (see `/v1/providers`).

    Args:
        idempotency_key (str | Unset):
        x_linked_account (UUID):
        body (BankTransferInput): POST body for bank transfers between two of the company's bank
            accounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BankTransfer | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
        x_linked_account=x_linked_account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: BankTransferInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> BankTransfer | ErrorEnvelope | None:
    """Create a bank transfer

     Written to the provider first, then stored; returns the stored record. 405 when the linked account's
    provider does not offer it (see `/v1/providers`).

    Args:
        idempotency_key (str | Unset):
        x_linked_account (UUID):
        body (BankTransferInput): POST body for bank transfers between two of the company's bank
            accounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BankTransfer | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BankTransferInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[BankTransfer | ErrorEnvelope]:
    """Create a bank transfer

     Written to the provider first, then stored; returns the stored record. 405 when the linked account's
    provider does not offer it (see `/v1/providers`).

    Args:
        idempotency_key (str | Unset):
        x_linked_account (UUID):
        body (BankTransferInput): POST body for bank transfers between two of the company's bank
            accounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BankTransfer | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BankTransferInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> BankTransfer | ErrorEnvelope | None:
    """Create a bank transfer

     Written to the provider first, then stored; returns the stored record. 405 when the linked account's
    provider does not offer it (see `/v1/providers`).

    Args:
        idempotency_key (str | Unset):
        x_linked_account (UUID):
        body (BankTransferInput): POST body for bank transfers between two of the company's bank
            accounts.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BankTransfer | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            x_linked_account=x_linked_account,
        )
    ).parsed
