"""gunicorn's access log without OAuth authorization codes.

The provider sends the end user back to `/connect/callback?code=…&state=…`; gunicorn's default
access log line holds the whole request line, so the code (exchangeable for tokens until it is
used or expires) would sit in every log file and log shipper. This logger writes that path
without its query, wherever the format shows it: the request line (`%(r)s`), the query
(`%(q)s`), the raw URI and query environ atoms, and a Referer pointing at such a URL. Used by
`gunicorn.conf.py` (`logger_class`). Deliberately free of Django imports: gunicorn loads it
before the application.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit, urlunsplit

from gunicorn.glogging import Logger

#: Paths whose query string carries secrets (`gateway.connect.services.CALLBACK_PATH`).
QUERY_HIDDEN_PATHS = frozenset({"/connect/callback"})
#: Query parameters that are secrets on any path (an OAuth code sent somewhere else).
SECRET_PARAMETERS = frozenset({"code"})


def hides_query(path: str, query: str) -> bool:
    if (path.rstrip("/") or "/") in QUERY_HIDDEN_PATHS:
        return True
    names = {name.lower() for name, _ in parse_qsl(query, keep_blank_values=True)}
    return bool(names & SECRET_PARAMETERS)


def without_secret_query(url: str) -> str:
    """`url` (absolute, or a request URI) without its query when that query holds secrets."""
    parts = urlsplit(url)
    if not parts.query or not hides_query(parts.path, parts.query):
        return url
    return urlunsplit(parts._replace(query="", fragment=""))


class AccessLogger(Logger):
    """gunicorn's logger, with secret queries left out of every access-log atom."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path, query = environ.get("PATH_INFO") or "", environ.get("QUERY_STRING") or ""
        if query and hides_query(path, query):
            uri = without_secret_query(environ.get("RAW_URI") or path)
            atoms["r"] = f"{environ.get('REQUEST_METHOD')} {uri} {environ.get('SERVER_PROTOCOL')}"
            atoms["q"] = ""
            atoms["{raw_uri}e"] = uri
            atoms["{query_string}e"] = ""
        referer = environ.get("HTTP_REFERER")
        if referer:
            atoms["f"] = atoms["{referer}i"] = without_secret_query(referer)
        return atoms
