from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.sync_request import SyncRequest
from ...models.sync_run import SyncRun
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    body: SyncRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/linked-accounts/{account_id}/sync".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | SyncRun | None:
    if response.status_code == 202:
        response_202 = SyncRun.from_dict(response.json())

        return response_202

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

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | SyncRun]:
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
    body: SyncRequest | Unset = UNSET,
) -> Response[ErrorEnvelope | SyncRun]:
    """Start a sync

     Queues a sync of the linked account: contacts, then invoices, then payments. Answers 409
    `sync_in_progress` while one is queued or running, 409 `sync_paused` while the provider's daily
    budget is spent, and 409 `relink_required` when the account must be relinked first. Answers 503
    `service_unavailable` (with `Retry-After`) while the task queue is unreachable; nothing is queued
    then.

    Args:
        account_id (str):
        body (SyncRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SyncRun]
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
    body: SyncRequest | Unset = UNSET,
) -> ErrorEnvelope | SyncRun | None:
    """Start a sync

     Queues a sync of the linked account: contacts, then invoices, then payments. Answers 409
    `sync_in_progress` while one is queued or running, 409 `sync_paused` while the provider's daily
    budget is spent, and 409 `relink_required` when the account must be relinked first. Answers 503
    `service_unavailable` (with `Retry-After`) while the task queue is unreachable; nothing is queued
    then.

    Args:
        account_id (str):
        body (SyncRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SyncRun
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
    body: SyncRequest | Unset = UNSET,
) -> Response[ErrorEnvelope | SyncRun]:
    """Start a sync

     Queues a sync of the linked account: contacts, then invoices, then payments. Answers 409
    `sync_in_progress` while one is queued or running, 409 `sync_paused` while the provider's daily
    budget is spent, and 409 `relink_required` when the account must be relinked first. Answers 503
    `service_unavailable` (with `Retry-After`) while the task queue is unreachable; nothing is queued
    then.

    Args:
        account_id (str):
        body (SyncRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SyncRun]
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
    body: SyncRequest | Unset = UNSET,
) -> ErrorEnvelope | SyncRun | None:
    """Start a sync

     Queues a sync of the linked account: contacts, then invoices, then payments. Answers 409
    `sync_in_progress` while one is queued or running, 409 `sync_paused` while the provider's daily
    budget is spent, and 409 `relink_required` when the account must be relinked first. Answers 503
    `service_unavailable` (with `Retry-After`) while the task queue is unreachable; nothing is queued
    then.

    Args:
        account_id (str):
        body (SyncRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SyncRun
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            body=body,
        )
    ).parsed
