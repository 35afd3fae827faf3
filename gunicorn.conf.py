"""gunicorn settings, read from the working directory (run gunicorn from the repository root).

Request lines up to gunicorn's maximum (8190 bytes, its default is 4094) reach the gateway, and
what gunicorn itself refuses (longer request lines: 414, oversized headers: 431, unparsable
requests: 400) is answered in the API's error envelope instead of gunicorn's HTML page.
"""

from gateway.core import gunicorn_errors

limit_request_line = 8190

gunicorn_errors.install()
