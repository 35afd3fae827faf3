import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.report_answer import ReportAnswer
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    as_of: datetime.date | Unset = UNSET,
    contact: str | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    max_age: int | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    params: dict[str, Any] = {}

    json_as_of: str | Unset = UNSET
    if not isinstance(as_of, Unset):
        json_as_of = as_of.isoformat()
    params["as_of"] = json_as_of

    params["contact"] = contact

    json_date: str | Unset = UNSET
    if not isinstance(date, Unset):
        json_date = date.isoformat()
    params["date"] = json_date

    params["include_remote_data"] = include_remote_data

    params["max_age"] = max_age

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/aged-payables",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ReportAnswer | None:
    if response.status_code == 200:
        response_200 = ReportAnswer.from_dict(response.json())

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
) -> Response[ErrorEnvelope | ReportAnswer]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
    contact: str | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    max_age: int | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | ReportAnswer]:
    """Get the aged payables report

     The aged payables report as the linked account's provider computes it, in Ledgerlink's report shape:
    `columns` (periods, tracking options or ageing buckets) and a tree of `rows` whose TOTAL rows name
    the rows they sum (`sum_of`). Account and contact rows carry the Ledgerlink id of the stored record
    (`account`, `contact`) beside the provider's. Fetched through the rate limiter and cached per linked
    account and parameters for the freshness window (`max_age` lowers it); a sync that stores ledger
    changes drops the account's cached reports. 400 for bad parameters or beyond the provider's limits
    (before any provider call); 501 when the provider has no such report.

    Args:
        as_of (datetime.date | Unset):
        contact (str | Unset):
        date (datetime.date | Unset):
        include_remote_data (bool | Unset):
        max_age (int | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReportAnswer]
    """

    kwargs = _get_kwargs(
        as_of=as_of,
        contact=contact,
        date=date,
        include_remote_data=include_remote_data,
        max_age=max_age,
        x_linked_account=x_linked_account,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
    contact: str | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    max_age: int | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | ReportAnswer | None:
    """Get the aged payables report

     The aged payables report as the linked account's provider computes it, in Ledgerlink's report shape:
    `columns` (periods, tracking options or ageing buckets) and a tree of `rows` whose TOTAL rows name
    the rows they sum (`sum_of`). Account and contact rows carry the Ledgerlink id of the stored record
    (`account`, `contact`) beside the provider's. Fetched through the rate limiter and cached per linked
    account and parameters for the freshness window (`max_age` lowers it); a sync that stores ledger
    changes drops the account's cached reports. 400 for bad parameters or beyond the provider's limits
    (before any provider call); 501 when the provider has no such report.

    Args:
        as_of (datetime.date | Unset):
        contact (str | Unset):
        date (datetime.date | Unset):
        include_remote_data (bool | Unset):
        max_age (int | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReportAnswer
    """

    return sync_detailed(
        client=client,
        as_of=as_of,
        contact=contact,
        date=date,
        include_remote_data=include_remote_data,
        max_age=max_age,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
    contact: str | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    max_age: int | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | ReportAnswer]:
    """Get the aged payables report

     The aged payables report as the linked account's provider computes it, in Ledgerlink's report shape:
    `columns` (periods, tracking options or ageing buckets) and a tree of `rows` whose TOTAL rows name
    the rows they sum (`sum_of`). Account and contact rows carry the Ledgerlink id of the stored record
    (`account`, `contact`) beside the provider's. Fetched through the rate limiter and cached per linked
    account and parameters for the freshness window (`max_age` lowers it); a sync that stores ledger
    changes drops the account's cached reports. 400 for bad parameters or beyond the provider's limits
    (before any provider call); 501 when the provider has no such report.

    Args:
        as_of (datetime.date | Unset):
        contact (str | Unset):
        date (datetime.date | Unset):
        include_remote_data (bool | Unset):
        max_age (int | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ReportAnswer]
    """

    kwargs = _get_kwargs(
        as_of=as_of,
        contact=contact,
        date=date,
        include_remote_data=include_remote_data,
        max_age=max_age,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
    contact: str | Unset = UNSET,
    date: datetime.date | Unset = UNSET,
    include_remote_data: bool | Unset = UNSET,
    max_age: int | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | ReportAnswer | None:
    """Get the aged payables report

     The aged payables report as the linked account's provider computes it, in Ledgerlink's report shape:
    `columns` (periods, tracking options or ageing buckets) and a tree of `rows` whose TOTAL rows name
    the rows they sum (`sum_of`). Account and contact rows carry the Ledgerlink id of the stored record
    (`account`, `contact`) beside the provider's. Fetched through the rate limiter and cached per linked
    account and parameters for the freshness window (`max_age` lowers it); a sync that stores ledger
    changes drops the account's cached reports. 400 for bad parameters or beyond the provider's limits
    (before any provider call); 501 when the provider has no such report.

    Args:
        as_of (datetime.date | Unset):
        contact (str | Unset):
        date (datetime.date | Unset):
        include_remote_data (bool | Unset):
        max_age (int | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ReportAnswer
    """

    return (
        await asyncio_detailed(
            client=client,
            as_of=as_of,
            contact=contact,
            date=date,
            include_remote_data=include_remote_data,
            max_age=max_age,
            x_linked_account=x_linked_account,
        )
    ).parsed
