"""Serve the sandbox on a threaded werkzeug server."""

from __future__ import annotations

import logging
import sys

from werkzeug.serving import make_server

from .app import create_app
from .state import Sandbox


def serve(sandbox: Sandbox, host: str, port: int, quiet: bool = True) -> None:
    """Listen, print ``SANDBOX_URL=...`` (flushed), and serve until interrupted."""
    if quiet:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server(host, port, create_app(sandbox), threaded=True)
    url = f"http://{host}:{server.server_port}"
    sandbox.config.public_url = url
    sandbox.webhooks.api_base = url
    sys.stdout.write(f"SANDBOX_URL={url}\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
