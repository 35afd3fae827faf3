"""gunicorn settings for the gateway: `gunicorn -c gunicorn.conf.py gateway.wsgi` (gunicorn also
reads this file by itself when started from the repository root).

- Access logging stays off unless asked for (`--access-logfile -`); when on, OAuth authorization
  codes in the connect callback's query string are left out of every line.
- Each worker settles the garbage collector once the gateway is loaded (`gateway/core/heap.py`).
- Request lines up to gunicorn's maximum (8190 bytes, its default is 4094) reach the gateway, and
  what gunicorn itself refuses (longer request lines: 414, oversized headers: 431, unparsable
  requests: 400) is answered in the API's error envelope instead of gunicorn's HTML page.
"""

from gateway.core import gunicorn_errors

wsgi_app = "gateway.wsgi"
logger_class = "gateway.core.access_log.AccessLogger"
limit_request_line = 8190

gunicorn_errors.install()


def post_worker_init(worker) -> None:
    """The worker has loaded the gateway: settle the garbage collector (gateway/core/heap.py)."""
    from gateway.core import heap

    heap.settle()
