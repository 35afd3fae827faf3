"""Logging filter adding the current request id to every record."""

import logging

from gateway.core.request_id import current_request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True
