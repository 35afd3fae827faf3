import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.journal_entries_list_expand import JournalEntriesListExpand
from ...models.journal_entries_list_order_by import JournalEntriesListOrderBy
from ...models.journal_entry_page import JournalEntryPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    currency: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    expand: JournalEntriesListExpand | Unset = UNSET,
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    order_by: JournalEntriesListOrderBy | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_debit_gt: str | Unset = UNSET,
    total_debit_gte: str | Unset = UNSET,
    total_debit_lt: str | Unset = UNSET,
    total_debit_lte: str | Unset = UNSET,
    transaction_date_after: datetime.date | Unset = UNSET,
    transaction_date_before: datetime.date | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    params: dict[str, Any] = {}

    params["currency"] = currency

    params["cursor"] = cursor

    json_expand: str | Unset = UNSET
    if not isinstance(expand, Unset):
        json_expand = expand.value

    params["expand"] = json_expand

    params["include_deleted"] = include_deleted

    params["include_remote_data"] = include_remote_data

    json_modified_after: str | Unset = UNSET
    if not isinstance(modified_after, Unset):
        json_modified_after = modified_after.isoformat()
    params["modified_after"] = json_modified_after

    json_order_by: str | Unset = UNSET
    if not isinstance(order_by, Unset):
        json_order_by = order_by.value

    params["order_by"] = json_order_by

    params["page_size"] = page_size

    params["q"] = q

    params["remote_id"] = remote_id

    json_remote_updated_after: str | Unset = UNSET
    if not isinstance(remote_updated_after, Unset):
        json_remote_updated_after = remote_updated_after.isoformat()
    params["remote_updated_after"] = json_remote_updated_after

    params["status"] = status

    params["total_debit_gt"] = total_debit_gt

    params["total_debit_gte"] = total_debit_gte

    params["total_debit_lt"] = total_debit_lt

    params["total_debit_lte"] = total_debit_lte

    json_transaction_date_after: str | Unset = UNSET
    if not isinstance(transaction_date_after, Unset):
        json_transaction_date_after = transaction_date_after.isoformat()
    params["transaction_date_after"] = json_transaction_date_after

    json_transaction_date_before: str | Unset = UNSET
    if not isinstance(transaction_date_before, Unset):
        json_transaction_date_before = transaction_date_before.isoformat()
    params["transaction_date_before"] = json_transaction_date_before

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/journal-entries",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | JournalEntryPage | None:
    if response.status_code == 200:
        response_200 = JournalEntryPage.from_dict(response.json())

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
) -> Response[ErrorEnvelope | JournalEntryPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    currency: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    expand: JournalEntriesListExpand | Unset = UNSET,
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    order_by: JournalEntriesListOrderBy | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_debit_gt: str | Unset = UNSET,
    total_debit_gte: str | Unset = UNSET,
    total_debit_lt: str | Unset = UNSET,
    total_debit_lte: str | Unset = UNSET,
    transaction_date_after: datetime.date | Unset = UNSET,
    transaction_date_before: datetime.date | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | JournalEntryPage]:
    """List journal entries

    Args:
        currency (str | Unset):
        cursor (str | Unset):
        expand (JournalEntriesListExpand | Unset):
        include_deleted (bool | Unset):
        include_remote_data (bool | Unset):
        modified_after (datetime.datetime | Unset):
        order_by (JournalEntriesListOrderBy | Unset):
        page_size (int | Unset):
        q (str | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (str | Unset):
        total_debit_gt (str | Unset):
        total_debit_gte (str | Unset):
        total_debit_lt (str | Unset):
        total_debit_lte (str | Unset):
        transaction_date_after (datetime.date | Unset):
        transaction_date_before (datetime.date | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | JournalEntryPage]
    """

    kwargs = _get_kwargs(
        currency=currency,
        cursor=cursor,
        expand=expand,
        include_deleted=include_deleted,
        include_remote_data=include_remote_data,
        modified_after=modified_after,
        order_by=order_by,
        page_size=page_size,
        q=q,
        remote_id=remote_id,
        remote_updated_after=remote_updated_after,
        status=status,
        total_debit_gt=total_debit_gt,
        total_debit_gte=total_debit_gte,
        total_debit_lt=total_debit_lt,
        total_debit_lte=total_debit_lte,
        transaction_date_after=transaction_date_after,
        transaction_date_before=transaction_date_before,
        x_linked_account=x_linked_account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    currency: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    expand: JournalEntriesListExpand | Unset = UNSET,
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    order_by: JournalEntriesListOrderBy | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_debit_gt: str | Unset = UNSET,
    total_debit_gte: str | Unset = UNSET,
    total_debit_lt: str | Unset = UNSET,
    total_debit_lte: str | Unset = UNSET,
    transaction_date_after: datetime.date | Unset = UNSET,
    transaction_date_before: datetime.date | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | JournalEntryPage | None:
    """List journal entries

    Args:
        currency (str | Unset):
        cursor (str | Unset):
        expand (JournalEntriesListExpand | Unset):
        include_deleted (bool | Unset):
        include_remote_data (bool | Unset):
        modified_after (datetime.datetime | Unset):
        order_by (JournalEntriesListOrderBy | Unset):
        page_size (int | Unset):
        q (str | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (str | Unset):
        total_debit_gt (str | Unset):
        total_debit_gte (str | Unset):
        total_debit_lt (str | Unset):
        total_debit_lte (str | Unset):
        transaction_date_after (datetime.date | Unset):
        transaction_date_before (datetime.date | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | JournalEntryPage
    """

    return sync_detailed(
        client=client,
        currency=currency,
        cursor=cursor,
        expand=expand,
        include_deleted=include_deleted,
        include_remote_data=include_remote_data,
        modified_after=modified_after,
        order_by=order_by,
        page_size=page_size,
        q=q,
        remote_id=remote_id,
        remote_updated_after=remote_updated_after,
        status=status,
        total_debit_gt=total_debit_gt,
        total_debit_gte=total_debit_gte,
        total_debit_lt=total_debit_lt,
        total_debit_lte=total_debit_lte,
        transaction_date_after=transaction_date_after,
        transaction_date_before=transaction_date_before,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    currency: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    expand: JournalEntriesListExpand | Unset = UNSET,
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    order_by: JournalEntriesListOrderBy | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_debit_gt: str | Unset = UNSET,
    total_debit_gte: str | Unset = UNSET,
    total_debit_lt: str | Unset = UNSET,
    total_debit_lte: str | Unset = UNSET,
    transaction_date_after: datetime.date | Unset = UNSET,
    transaction_date_before: datetime.date | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | JournalEntryPage]:
    """List journal entries

    Args:
        currency (str | Unset):
        cursor (str | Unset):
        expand (JournalEntriesListExpand | Unset):
        include_deleted (bool | Unset):
        include_remote_data (bool | Unset):
        modified_after (datetime.datetime | Unset):
        order_by (JournalEntriesListOrderBy | Unset):
        page_size (int | Unset):
        q (str | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (str | Unset):
        total_debit_gt (str | Unset):
        total_debit_gte (str | Unset):
        total_debit_lt (str | Unset):
        total_debit_lte (str | Unset):
        transaction_date_after (datetime.date | Unset):
        transaction_date_before (datetime.date | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | JournalEntryPage]
    """

    kwargs = _get_kwargs(
        currency=currency,
        cursor=cursor,
        expand=expand,
        include_deleted=include_deleted,
        include_remote_data=include_remote_data,
        modified_after=modified_after,
        order_by=order_by,
        page_size=page_size,
        q=q,
        remote_id=remote_id,
        remote_updated_after=remote_updated_after,
        status=status,
        total_debit_gt=total_debit_gt,
        total_debit_gte=total_debit_gte,
        total_debit_lt=total_debit_lt,
        total_debit_lte=total_debit_lte,
        transaction_date_after=transaction_date_after,
        transaction_date_before=transaction_date_before,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    currency: str | Unset = UNSET,
    cursor: str | Unset = UNSET,
    expand: JournalEntriesListExpand | Unset = UNSET,
    include_deleted: bool | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    order_by: JournalEntriesListOrderBy | Unset = UNSET,
    page_size: int | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_debit_gt: str | Unset = UNSET,
    total_debit_gte: str | Unset = UNSET,
    total_debit_lt: str | Unset = UNSET,
    total_debit_lte: str | Unset = UNSET,
    transaction_date_after: datetime.date | Unset = UNSET,
    transaction_date_before: datetime.date | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | JournalEntryPage | None:
    """List journal entries

    Args:
        currency (str | Unset):
        cursor (str | Unset):
        expand (JournalEntriesListExpand | Unset):
        include_deleted (bool | Unset):
        include_remote_data (bool | Unset):
        modified_after (datetime.datetime | Unset):
        order_by (JournalEntriesListOrderBy | Unset):
        page_size (int | Unset):
        q (str | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (str | Unset):
        total_debit_gt (str | Unset):
        total_debit_gte (str | Unset):
        total_debit_lt (str | Unset):
        total_debit_lte (str | Unset):
        transaction_date_after (datetime.date | Unset):
        transaction_date_before (datetime.date | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | JournalEntryPage
    """

    return (
        await asyncio_detailed(
            client=client,
            currency=currency,
            cursor=cursor,
            expand=expand,
            include_deleted=include_deleted,
            include_remote_data=include_remote_data,
            modified_after=modified_after,
            order_by=order_by,
            page_size=page_size,
            q=q,
            remote_id=remote_id,
            remote_updated_after=remote_updated_after,
            status=status,
            total_debit_gt=total_debit_gt,
            total_debit_gte=total_debit_gte,
            total_debit_lt=total_debit_lt,
            total_debit_lte=total_debit_lte,
            transaction_date_after=transaction_date_after,
            transaction_date_before=transaction_date_before,
            x_linked_account=x_linked_account,
        )
    ).parsed
