from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.invoice import Invoice
from ...models.invoice_input import InvoiceInput
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: InvoiceInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    headers["X-Linked-Account"] = str(x_linked_account)

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/invoices",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | Invoice | None:
    if response.status_code == 201:
        response_201 = Invoice.from_dict(response.json())

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
) -> Response[ErrorEnvelope | Invoice]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: InvoiceInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | Invoice]:
    """Create an invoice

     Written to the provider first, then stored; returns the stored record. 405 when the linked account's
    provider does not offer it (see `/v1/providers`).

    Args:
        idempotency_key (str | Unset):
        x_linked_account (UUID):
        body (InvoiceInput): POST/PATCH body for invoices. ``contact`` is the gateway's id; the
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
    body: InvoiceInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | Invoice | None:
    """Create an invoice

     Written to the provider first, then stored; returns the stored record. 405 when the linked account's
    provider does not offer it (see `/v1/providers`).

    Args:
        idempotency_key (str | Unset):
        x_linked_account (UUID):
        body (InvoiceInput): POST/PATCH body for invoices. ``contact`` is the gateway's id; the
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
        client=client,
        body=body,
        idempotency_key=idempotency_key,
        x_linked_account=x_linked_account,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: InvoiceInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> Response[ErrorEnvelope | Invoice]:
    """Create an invoice

     Written to the provider first, then stored; returns the stored record. 405 when the linked account's
    provider does not offer it (see `/v1/providers`).

    Args:
        idempotency_key (str | Unset):
        x_linked_account (UUID):
        body (InvoiceInput): POST/PATCH body for invoices. ``contact`` is the gateway's id; the
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
        body=body,
        idempotency_key=idempotency_key,
        x_linked_account=x_linked_account,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: InvoiceInput,
    idempotency_key: str | Unset = UNSET,
    x_linked_account: UUID,
) -> ErrorEnvelope | Invoice | None:
    """Create an invoice

     Written to the provider first, then stored; returns the stored record. 405 when the linked account's
    provider does not offer it (see `/v1/providers`).

    Args:
        idempotency_key (str | Unset):
        x_linked_account (UUID):
        body (InvoiceInput): POST/PATCH body for invoices. ``contact`` is the gateway's id; the
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
            client=client,
            body=body,
            idempotency_key=idempotency_key,
            x_linked_account=x_linked_account,
        )
    ).parsed
