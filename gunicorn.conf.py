"""gunicorn settings for the gateway: `gunicorn -c gunicorn.conf.py gateway.wsgi` (gunicorn also
reads this file by itself when started from the repository root).

Access logging stays off unless asked for (`--access-logfile -`); when on, OAuth authorization
codes in the connect callback's query string are left out of every line.
"""

wsgi_app = "gateway.wsgi"
logger_class = "gateway.core.access_log.AccessLogger"
