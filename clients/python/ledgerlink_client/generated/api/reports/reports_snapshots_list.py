import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.report_snapshot_list import ReportSnapshotList
from ...models.reports_snapshots_list_type import ReportsSnapshotsListType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    include_remote_data: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    period_end_after: datetime.date | Unset = UNSET,
    period_end_before: datetime.date | Unset = UNSET,
    type_: ReportsSnapshotsListType | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    params: dict[str, Any] = {}

    params["include_remote_data"] = include_remote_data

    params["limit"] = limit

    json_period_end_after: str | Unset = UNSET
    if not isinstance(period_end_after, Unset):
        json_period_end_after = period_end_after.isoformat()
    params["period_end_after"] = json_period_end_after

    json_period_end_before: str | Unset = UNSET
    if not isinstance(period_end_before, Unset):
        json_period_end_before = period_end_before.isoformat()
    params["period_end_before"] = json_period_end_before

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_.value

    params["type"] = json_type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/snapshots",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ReportSnapshotList | None:
    if response.status_code == 200:
        response_200 = ReportSnapshotList.from_dict(response.json())

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
) -> Response[ErrorEnvelope | ReportSnapshotList]:
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
    limit: int | Unset = UNSET,
    period_end_after: datetime.date | Unset = UNSET,
    period_end_before: datetime.date | Unset = UNSET,
    type_: ReportsSnapshotsListType | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | ReportSnapshotList]:
    """List monthly report snapshots

     For dashboards: Ledgerlink keeps, per linked account, the profit and loss of every completed
    calendar month and the balance sheet at its end, taken by a scheduled task shortly after the month
    closes (where the provider offers those reports). They are the reports as fetched then: later
    corrections at the provider do not change them (ask `/v1/reports/...` for today's view). No provider
    call.

    Args:
        include_remote_data (bool | Unset):
        limit (int | Unset):
        period_end_after (datetime.date | Unset):
        period_end_before (datetime.date | Unset):
        type_ (ReportsSnapshotsListType | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReportSnapshotList]
    """

    kwargs = _get_kwargs(
        include_remote_data=include_remote_data,
        limit=limit,
        period_end_after=period_end_after,
        period_end_before=period_end_before,
        type_=type_,
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
    limit: int | Unset = UNSET,
    period_end_after: datetime.date | Unset = UNSET,
    period_end_before: datetime.date | Unset = UNSET,
    type_: ReportsSnapshotsListType | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | ReportSnapshotList | None:
    """List monthly report snapshots

     For dashboards: Ledgerlink keeps, per linked account, the profit and loss of every completed
    calendar month and the balance sheet at its end, taken by a scheduled task shortly after the month
    closes (where the provider offers those reports). They are the reports as fetched then: later
    corrections at the provider do not change them (ask `/v1/reports/...` for today's view). No provider
    call.

    Args:
        include_remote_data (bool | Unset):
        limit (int | Unset):
        period_end_after (datetime.date | Unset):
        period_end_before (datetime.date | Unset):
        type_ (ReportsSnapshotsListType | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReportSnapshotList
    """

    return sync_detailed(
        client=client,
        include_remote_data=include_remote_data,
        limit=limit,
        period_end_after=period_end_after,
        period_end_before=period_end_before,
        type_=type_,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    period_end_after: datetime.date | Unset = UNSET,
    period_end_before: datetime.date | Unset = UNSET,
    type_: ReportsSnapshotsListType | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | ReportSnapshotList]:
    """List monthly report snapshots

     For dashboards: Ledgerlink keeps, per linked account, the profit and loss of every completed
    calendar month and the balance sheet at its end, taken by a scheduled task shortly after the month
    closes (where the provider offers those reports). They are the reports as fetched then: later
    corrections at the provider do not change them (ask `/v1/reports/...` for today's view). No provider
    call.

    Args:
        include_remote_data (bool | Unset):
        limit (int | Unset):
        period_end_after (datetime.date | Unset):
        period_end_before (datetime.date | Unset):
        type_ (ReportsSnapshotsListType | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReportSnapshotList]
    """

    kwargs = _get_kwargs(
        include_remote_data=include_remote_data,
        limit=limit,
        period_end_after=period_end_after,
        period_end_before=period_end_before,
        type_=type_,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    include_remote_data: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    period_end_after: datetime.date | Unset = UNSET,
    period_end_before: datetime.date | Unset = UNSET,
    type_: ReportsSnapshotsListType | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | ReportSnapshotList | None:
    """List monthly report snapshots

     For dashboards: Ledgerlink keeps, per linked account, the profit and loss of every completed
    calendar month and the balance sheet at its end, taken by a scheduled task shortly after the month
    closes (where the provider offers those reports). They are the reports as fetched then: later
    corrections at the provider do not change them (ask `/v1/reports/...` for today's view). No provider
    call.

    Args:
        include_remote_data (bool | Unset):
        limit (int | Unset):
        period_end_after (datetime.date | Unset):
        period_end_before (datetime.date | Unset):
        type_ (ReportsSnapshotsListType | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReportSnapshotList
    """

    return (
        await asyncio_detailed(
            client=client,
            include_remote_data=include_remote_data,
            limit=limit,
            period_end_after=period_end_after,
            period_end_before=period_end_before,
            type_=type_,
            x_linked_account=x_linked_account,
        )
    ).parsed
