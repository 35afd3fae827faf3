"""Validation failures and Xero's error bodies."""

from __future__ import annotations


class ValidationFailed(Exception):
    """One element of a request failed Xero's validation."""

    def __init__(self, *messages: str) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


def validation_body(elements: list[dict]) -> dict:
    """Xero's 400 ``ValidationException`` body."""
    return {
        "ErrorNumber": 10,
        "Type": "ValidationException",
        "Message": "A validation exception occurred",
        "Elements": elements,
    }


def with_errors(element: dict, messages: list[str]) -> dict:
    out = dict(element)
    out["ValidationErrors"] = [{"Message": m} for m in messages]
    return out


def query_parse_body(message: str) -> dict:
    return {"ErrorNumber": 16, "Type": "QueryParseException", "Message": message}
