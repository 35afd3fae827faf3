"""The Flask application: identity, accounting and control-plane blueprints."""

from __future__ import annotations

from flask import Flask, Response

from .api import accounting, attachments, control, identity, journals, negotiation, reports
from .api.http import problem
from .state import Sandbox


def create_app(sandbox: Sandbox) -> Flask:
    app = Flask(__name__)
    app.config["SANDBOX"] = sandbox
    app.url_map.strict_slashes = False
    app.register_blueprint(control.bp)
    app.register_blueprint(identity.bp)
    app.register_blueprint(journals.bp)  # before accounting: its /<collection> is generic
    app.register_blueprint(reports.bp)  # before accounting, likewise
    app.register_blueprint(accounting.bp)
    app.register_blueprint(attachments.bp)
    negotiation.install(app)

    @app.errorhandler(Exception)
    def internal(exc: Exception) -> Response:  # pragma: no cover - defensive
        from werkzeug.exceptions import HTTPException

        if isinstance(exc, HTTPException):
            return exc  # type: ignore[return-value]
        app.logger.exception("sandbox error")
        return problem(500, "An error occurred", f"{type(exc).__name__}: {exc}")

    return app
