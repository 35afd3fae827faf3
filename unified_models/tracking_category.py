"""TrackingCategory (Xero tracking categories, QuickBooks classes and departments) and its
options. Line items' ``tracking_categories`` refer to ``remote_id`` (``category_remote_id``)
and to an option's ``remote_id`` (``option_remote_id``). Read only."""

from __future__ import annotations

from pydantic import Field

from .common import UnifiedModel, UnifiedRecord
from .enums import TrackingCategoryStatus

__all__ = ["TrackingCategory", "TrackingCategoryOption"]


class TrackingCategoryOption(UnifiedModel):
    remote_id: str
    name: str | None = None
    status: TrackingCategoryStatus | None = None
    status_raw: str | None = None


class TrackingCategory(UnifiedRecord):
    name: str | None = None
    status: TrackingCategoryStatus | None = None
    status_raw: str | None = None
    options: list[TrackingCategoryOption] = Field(default_factory=list)
