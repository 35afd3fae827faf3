"""The Flask application: Intuit OAuth, the accounting API and the control plane."""

from __future__ import annotations

from flask import Flask, Response

from . import api, attachments, batch, control, discovery, oauth_views  # noqa: F401 (batch)
from .errors import fault
from .state import Sandbox


def create_app(sandbox: Sandbox) -> Flask:
    app = Flask(__name__)
    app.config["SANDBOX"] = sandbox
    app.url_map.strict_slashes = False
    app.register_blueprint(control.bp)
    app.register_blueprint(oauth_views.bp)
    app.register_blueprint(discovery.bp)
    app.register_blueprint(api.bp)  # with the batch endpoint's route (batch.py) on it
    app.register_blueprint(attachments.bp)

    @app.errorhandler(Exception)
    def internal(exc: Exception) -> Response:  # pragma: no cover - defensive
        from werkzeug.exceptions import HTTPException

        if isinstance(exc, HTTPException):
            return exc  # type: ignore[return-value]
        app.logger.exception("sandbox error")
        return fault(
            500,
            "SystemFault",
            "10000",
            "An application error has occurred.",
            str(exc),
            sandbox.clock.now(),
        )

    return app
