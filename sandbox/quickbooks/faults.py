"""The refusals every QuickBooks write check raises: Intuit's ``ValidationFault`` codes,
messages and details, built in one place (api.py answers them as 400s)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Intuit's message for its business rules (6000 and kin).
BUSINESS = "A business validation error has occurred while processing your request"


@dataclass
class WriteFault(Exception):
    """A refusal: ``ValidationFault`` with Intuit's code, message and detail."""

    code: str
    message: str
    detail: str
    element: str | None = None


def fault(code: str, message: str, detail: str, element: str | None = None) -> WriteFault:
    return WriteFault(code, message, detail, element)


def missing(name: str) -> WriteFault:
    """2020: a required property was not sent."""
    return WriteFault(
        "2020",
        "Required param missing, need to supply the required value for the API",
        f"Required parameter {name} is missing in the request",
        name,
    )


def invalid_ref(what: str, value: Any, element: str) -> WriteFault:
    """2500: a ``*Ref`` to no record of the right kind."""
    return WriteFault(
        "2500",
        "Invalid Reference Id",
        f"Invalid Reference Id : {what} element id {value} not found",
        element,
    )
