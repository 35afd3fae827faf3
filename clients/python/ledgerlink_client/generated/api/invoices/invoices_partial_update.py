from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.invoice import Invoice
from ...models.invoice_update import InvoiceUpdate
from ...types import Response


def _get_kwargs(
    record_id: UUID,
    *,
    body: InvoiceUpdate,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["X-Linked-Account"] = str(x_linked_account)

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/invoices/{record_id}".format(
            record_id=quote(str(record_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | Invoice | None:
    if response.status_code == 200:
        response_200 = Invoice.from_dict(response.json())

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
) -> Response[ErrorEnvelope | Invoice]:
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
    body: InvoiceUpdate,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | Invoice]:
    """Update an invoice

     Only the fields in the body change (written to the provider first). 405 when the linked account's
    provider does not offer it.

    Args:
        record_id (UUID):
        x_linked_account (UUID):
        body (InvoiceUpdate): POST/PATCH body for invoices. ``contact`` is the gateway's id; the
            gateway resolves it to
            ``contact_remote_id``, which is what connectors use. ``status`` may only move forward
            (DRAFT → SUBMITTED → OPEN); use delete to void.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Invoice]
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        body=body,
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
    body: InvoiceUpdate,
    x_linked_account: UUID,
) -> ErrorEnvelope | Invoice | None:
    """Update an invoice

     Only the fields in the body change (written to the provider first). 405 when the linked account's
    provider does not offer it.

    Args:
        record_id (UUID):
        x_linked_account (UUID):
        body (InvoiceUpdate): POST/PATCH body for invoices. ``contact`` is the gateway's id; the
            gateway resolves it to
            ``contact_remote_id``, which is what connectors use. ``status`` may only move forward
            (DRAFT → SUBMITTED → OPEN); use delete to void.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Invoice
    """

    return sync_detailed(
        record_id=record_id,
        client=client,
        body=body,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    body: InvoiceUpdate,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | Invoice]:
    """Update an invoice

     Only the fields in the body change (written to the provider first). 405 when the linked account's
    provider does not offer it.

    Args:
        record_id (UUID):
        x_linked_account (UUID):
        body (InvoiceUpdate): POST/PATCH body for invoices. ``contact`` is the gateway's id; the
            gateway resolves it to
            ``contact_remote_id``, which is what connectors use. ``status`` may only move forward
            (DRAFT → SUBMITTED → OPEN); use delete to void.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Invoice]
    """

    kwargs = _get_kwargs(
        record_id=record_id,
        body=body,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    record_id: UUID,
    *,
    client: AuthenticatedClient,
    body: InvoiceUpdate,
    x_linked_account: UUID,
) -> ErrorEnvelope | Invoice | None:
    """Update an invoice

     Only the fields in the body change (written to the provider first). 405 when the linked account's
    provider does not offer it.

    Args:
        record_id (UUID):
        x_linked_account (UUID):
        body (InvoiceUpdate): POST/PATCH body for invoices. ``contact`` is the gateway's id; the
            gateway resolves it to
            ``contact_remote_id``, which is what connectors use. ``status`` may only move forward
            (DRAFT → SUBMITTED → OPEN); use delete to void.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Invoice
    """

    return (
        await asyncio_detailed(
            record_id=record_id,
            client=client,
            body=body,
            x_linked_account=x_linked_account,
        )
    ).parsed
