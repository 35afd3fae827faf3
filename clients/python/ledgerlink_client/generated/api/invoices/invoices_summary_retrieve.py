import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.invoice_summary import InvoiceSummary
from ...models.invoices_summary_retrieve_group_by import InvoicesSummaryRetrieveGroupBy
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    balance_gt: str | Unset = UNSET,
    balance_gte: str | Unset = UNSET,
    balance_lt: str | Unset = UNSET,
    balance_lte: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    due_date_after: datetime.date | Unset = UNSET,
    due_date_before: datetime.date | Unset = UNSET,
    group_by: InvoicesSummaryRetrieveGroupBy | Unset = UNSET,
    issue_date_after: datetime.date | Unset = UNSET,
    issue_date_before: datetime.date | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_amount_gt: str | Unset = UNSET,
    total_amount_gte: str | Unset = UNSET,
    total_amount_lt: str | Unset = UNSET,
    total_amount_lte: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    params: dict[str, Any] = {}

    params["balance_gt"] = balance_gt

    params["balance_gte"] = balance_gte

    params["balance_lt"] = balance_lt

    params["balance_lte"] = balance_lte

    params["contact_id"] = contact_id

    params["currency"] = currency

    json_due_date_after: str | Unset = UNSET
    if not isinstance(due_date_after, Unset):
        json_due_date_after = due_date_after.isoformat()
    params["due_date_after"] = json_due_date_after

    json_due_date_before: str | Unset = UNSET
    if not isinstance(due_date_before, Unset):
        json_due_date_before = due_date_before.isoformat()
    params["due_date_before"] = json_due_date_before

    json_group_by: str | Unset = UNSET
    if not isinstance(group_by, Unset):
        json_group_by = group_by.value

    params["group_by"] = json_group_by

    json_issue_date_after: str | Unset = UNSET
    if not isinstance(issue_date_after, Unset):
        json_issue_date_after = issue_date_after.isoformat()
    params["issue_date_after"] = json_issue_date_after

    json_issue_date_before: str | Unset = UNSET
    if not isinstance(issue_date_before, Unset):
        json_issue_date_before = issue_date_before.isoformat()
    params["issue_date_before"] = json_issue_date_before

    json_modified_after: str | Unset = UNSET
    if not isinstance(modified_after, Unset):
        json_modified_after = modified_after.isoformat()
    params["modified_after"] = json_modified_after

    params["overdue"] = overdue

    params["q"] = q

    params["remote_id"] = remote_id

    json_remote_updated_after: str | Unset = UNSET
    if not isinstance(remote_updated_after, Unset):
        json_remote_updated_after = remote_updated_after.isoformat()
    params["remote_updated_after"] = json_remote_updated_after

    params["status"] = status

    params["total_amount_gt"] = total_amount_gt

    params["total_amount_gte"] = total_amount_gte

    params["total_amount_lt"] = total_amount_lt

    params["total_amount_lte"] = total_amount_lte

    params["type"] = type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/invoices/summary",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | InvoiceSummary | None:
    if response.status_code == 200:
        response_200 = InvoiceSummary.from_dict(response.json())

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
) -> Response[ErrorEnvelope | InvoiceSummary]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    balance_gt: str | Unset = UNSET,
    balance_gte: str | Unset = UNSET,
    balance_lt: str | Unset = UNSET,
    balance_lte: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    due_date_after: datetime.date | Unset = UNSET,
    due_date_before: datetime.date | Unset = UNSET,
    group_by: InvoicesSummaryRetrieveGroupBy | Unset = UNSET,
    issue_date_after: datetime.date | Unset = UNSET,
    issue_date_before: datetime.date | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_amount_gt: str | Unset = UNSET,
    total_amount_gte: str | Unset = UNSET,
    total_amount_lt: str | Unset = UNSET,
    total_amount_lte: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | InvoiceSummary]:
    """Summarise invoices

     Count, sum of `total_amount` and sum of `balance` of the invoices the filters select (the same
    filters as `GET /v1/invoices`), per group and currency: amounts in different currencies are never
    added together. Computed in the database from the stored invoices (no provider call). 400 for an
    unknown `group_by`, filter or value.

    Args:
        balance_gt (str | Unset):
        balance_gte (str | Unset):
        balance_lt (str | Unset):
        balance_lte (str | Unset):
        contact_id (str | Unset):
        currency (str | Unset):
        due_date_after (datetime.date | Unset):
        due_date_before (datetime.date | Unset):
        group_by (InvoicesSummaryRetrieveGroupBy | Unset):
        issue_date_after (datetime.date | Unset):
        issue_date_before (datetime.date | Unset):
        modified_after (datetime.datetime | Unset):
        overdue (bool | Unset):
        q (str | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (str | Unset):
        total_amount_gt (str | Unset):
        total_amount_gte (str | Unset):
        total_amount_lt (str | Unset):
        total_amount_lte (str | Unset):
        type_ (str | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | InvoiceSummary]
    """

    kwargs = _get_kwargs(
        balance_gt=balance_gt,
        balance_gte=balance_gte,
        balance_lt=balance_lt,
        balance_lte=balance_lte,
        contact_id=contact_id,
        currency=currency,
        due_date_after=due_date_after,
        due_date_before=due_date_before,
        group_by=group_by,
        issue_date_after=issue_date_after,
        issue_date_before=issue_date_before,
        modified_after=modified_after,
        overdue=overdue,
        q=q,
        remote_id=remote_id,
        remote_updated_after=remote_updated_after,
        status=status,
        total_amount_gt=total_amount_gt,
        total_amount_gte=total_amount_gte,
        total_amount_lt=total_amount_lt,
        total_amount_lte=total_amount_lte,
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
    balance_gt: str | Unset = UNSET,
    balance_gte: str | Unset = UNSET,
    balance_lt: str | Unset = UNSET,
    balance_lte: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    due_date_after: datetime.date | Unset = UNSET,
    due_date_before: datetime.date | Unset = UNSET,
    group_by: InvoicesSummaryRetrieveGroupBy | Unset = UNSET,
    issue_date_after: datetime.date | Unset = UNSET,
    issue_date_before: datetime.date | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_amount_gt: str | Unset = UNSET,
    total_amount_gte: str | Unset = UNSET,
    total_amount_lt: str | Unset = UNSET,
    total_amount_lte: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | InvoiceSummary | None:
    """Summarise invoices

     Count, sum of `total_amount` and sum of `balance` of the invoices the filters select (the same
    filters as `GET /v1/invoices`), per group and currency: amounts in different currencies are never
    added together. Computed in the database from the stored invoices (no provider call). 400 for an
    unknown `group_by`, filter or value.

    Args:
        balance_gt (str | Unset):
        balance_gte (str | Unset):
        balance_lt (str | Unset):
        balance_lte (str | Unset):
        contact_id (str | Unset):
        currency (str | Unset):
        due_date_after (datetime.date | Unset):
        due_date_before (datetime.date | Unset):
        group_by (InvoicesSummaryRetrieveGroupBy | Unset):
        issue_date_after (datetime.date | Unset):
        issue_date_before (datetime.date | Unset):
        modified_after (datetime.datetime | Unset):
        overdue (bool | Unset):
        q (str | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (str | Unset):
        total_amount_gt (str | Unset):
        total_amount_gte (str | Unset):
        total_amount_lt (str | Unset):
        total_amount_lte (str | Unset):
        type_ (str | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | InvoiceSummary
    """

    return sync_detailed(
        client=client,
        balance_gt=balance_gt,
        balance_gte=balance_gte,
        balance_lt=balance_lt,
        balance_lte=balance_lte,
        contact_id=contact_id,
        currency=currency,
        due_date_after=due_date_after,
        due_date_before=due_date_before,
        group_by=group_by,
        issue_date_after=issue_date_after,
        issue_date_before=issue_date_before,
        modified_after=modified_after,
        overdue=overdue,
        q=q,
        remote_id=remote_id,
        remote_updated_after=remote_updated_after,
        status=status,
        total_amount_gt=total_amount_gt,
        total_amount_gte=total_amount_gte,
        total_amount_lt=total_amount_lt,
        total_amount_lte=total_amount_lte,
        type_=type_,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    balance_gt: str | Unset = UNSET,
    balance_gte: str | Unset = UNSET,
    balance_lt: str | Unset = UNSET,
    balance_lte: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    due_date_after: datetime.date | Unset = UNSET,
    due_date_before: datetime.date | Unset = UNSET,
    group_by: InvoicesSummaryRetrieveGroupBy | Unset = UNSET,
    issue_date_after: datetime.date | Unset = UNSET,
    issue_date_before: datetime.date | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_amount_gt: str | Unset = UNSET,
    total_amount_gte: str | Unset = UNSET,
    total_amount_lt: str | Unset = UNSET,
    total_amount_lte: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | InvoiceSummary]:
    """Summarise invoices

     Count, sum of `total_amount` and sum of `balance` of the invoices the filters select (the same
    filters as `GET /v1/invoices`), per group and currency: amounts in different currencies are never
    added together. Computed in the database from the stored invoices (no provider call). 400 for an
    unknown `group_by`, filter or value.

    Args:
        balance_gt (str | Unset):
        balance_gte (str | Unset):
        balance_lt (str | Unset):
        balance_lte (str | Unset):
        contact_id (str | Unset):
        currency (str | Unset):
        due_date_after (datetime.date | Unset):
        due_date_before (datetime.date | Unset):
        group_by (InvoicesSummaryRetrieveGroupBy | Unset):
        issue_date_after (datetime.date | Unset):
        issue_date_before (datetime.date | Unset):
        modified_after (datetime.datetime | Unset):
        overdue (bool | Unset):
        q (str | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (str | Unset):
        total_amount_gt (str | Unset):
        total_amount_gte (str | Unset):
        total_amount_lt (str | Unset):
        total_amount_lte (str | Unset):
        type_ (str | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | InvoiceSummary]
    """

    kwargs = _get_kwargs(
        balance_gt=balance_gt,
        balance_gte=balance_gte,
        balance_lt=balance_lt,
        balance_lte=balance_lte,
        contact_id=contact_id,
        currency=currency,
        due_date_after=due_date_after,
        due_date_before=due_date_before,
        group_by=group_by,
        issue_date_after=issue_date_after,
        issue_date_before=issue_date_before,
        modified_after=modified_after,
        overdue=overdue,
        q=q,
        remote_id=remote_id,
        remote_updated_after=remote_updated_after,
        status=status,
        total_amount_gt=total_amount_gt,
        total_amount_gte=total_amount_gte,
        total_amount_lt=total_amount_lt,
        total_amount_lte=total_amount_lte,
        type_=type_,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    balance_gt: str | Unset = UNSET,
    balance_gte: str | Unset = UNSET,
    balance_lt: str | Unset = UNSET,
    balance_lte: str | Unset = UNSET,
    contact_id: str | Unset = UNSET,
    currency: str | Unset = UNSET,
    due_date_after: datetime.date | Unset = UNSET,
    due_date_before: datetime.date | Unset = UNSET,
    group_by: InvoicesSummaryRetrieveGroupBy | Unset = UNSET,
    issue_date_after: datetime.date | Unset = UNSET,
    issue_date_before: datetime.date | Unset = UNSET,
    modified_after: datetime.datetime | Unset = UNSET,
    overdue: bool | Unset = UNSET,
    q: str | Unset = UNSET,
    remote_id: str | Unset = UNSET,
    remote_updated_after: datetime.datetime | Unset = UNSET,
    status: str | Unset = UNSET,
    total_amount_gt: str | Unset = UNSET,
    total_amount_gte: str | Unset = UNSET,
    total_amount_lt: str | Unset = UNSET,
    total_amount_lte: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | InvoiceSummary | None:
    """Summarise invoices

     Count, sum of `total_amount` and sum of `balance` of the invoices the filters select (the same
    filters as `GET /v1/invoices`), per group and currency: amounts in different currencies are never
    added together. Computed in the database from the stored invoices (no provider call). 400 for an
    unknown `group_by`, filter or value.

    Args:
        balance_gt (str | Unset):
        balance_gte (str | Unset):
        balance_lt (str | Unset):
        balance_lte (str | Unset):
        contact_id (str | Unset):
        currency (str | Unset):
        due_date_after (datetime.date | Unset):
        due_date_before (datetime.date | Unset):
        group_by (InvoicesSummaryRetrieveGroupBy | Unset):
        issue_date_after (datetime.date | Unset):
        issue_date_before (datetime.date | Unset):
        modified_after (datetime.datetime | Unset):
        overdue (bool | Unset):
        q (str | Unset):
        remote_id (str | Unset):
        remote_updated_after (datetime.datetime | Unset):
        status (str | Unset):
        total_amount_gt (str | Unset):
        total_amount_gte (str | Unset):
        total_amount_lt (str | Unset):
        total_amount_lte (str | Unset):
        type_ (str | Unset):
        x_linked_account (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | InvoiceSummary
    """

    return (
        await asyncio_detailed(
            client=client,
            balance_gt=balance_gt,
            balance_gte=balance_gte,
            balance_lt=balance_lt,
            balance_lte=balance_lte,
            contact_id=contact_id,
            currency=currency,
            due_date_after=due_date_after,
            due_date_before=due_date_before,
            group_by=group_by,
            issue_date_after=issue_date_after,
            issue_date_before=issue_date_before,
            modified_after=modified_after,
            overdue=overdue,
            q=q,
            remote_id=remote_id,
            remote_updated_after=remote_updated_after,
            status=status,
            total_amount_gt=total_amount_gt,
            total_amount_gte=total_amount_gte,
            total_amount_lt=total_amount_lt,
            total_amount_lte=total_amount_lte,
            type_=type_,
            x_linked_account=x_linked_account,
        )
    ).parsed
