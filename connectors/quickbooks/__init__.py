"""The QuickBooks Online connector: ``QuickBooksProvider`` is what settings name
(``connectors.quickbooks.QuickBooksProvider``)."""

from .provider import QuickBooksProvider

__all__ = ["QuickBooksProvider"]
