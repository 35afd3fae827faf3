"""The running sandbox, from inside a request."""

from __future__ import annotations

from flask import current_app

from .state import Sandbox


def sandbox() -> Sandbox:
    return current_app.config["SANDBOX"]
