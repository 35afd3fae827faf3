"""The Xero connector: ``XeroProvider`` is what settings name (``connectors.xero.XeroProvider``)."""

from .provider import XeroProvider

__all__ = ["XeroProvider"]
