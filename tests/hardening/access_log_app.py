"""A WSGI app that answers every request, for tests of gunicorn's access log."""


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
