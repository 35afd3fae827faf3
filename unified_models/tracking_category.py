"""TrackingCategory (Xero tracking categories, QuickBooks classes and departments) and its
options. Line items' ``tracking_categories`` refer to ``remote_id`` (``category_remote_id``)
and to an option's ``remote_id`` (``option_remote_id``). Read only."""

from __future__ import annotations

from pydantic import Field

from .catalogue import CatalogueEntry, Filter
from .common import UnifiedModel, UnifiedRecord
from .enums import TrackingCategoryStatus
from .examples import TRACKING_CATEGORY as _EXAMPLE

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


TRACKING_CATEGORY = CatalogueEntry(
    name="tracking_category",
    plural="tracking-categories",
    record=TrackingCategory,
    filters=(Filter("status", "status", "choice", choices=TrackingCategoryStatus),),
    example=_EXAMPLE,
    description="Tracking categories (Xero) or classes and departments (QuickBooks), with their "
    "options; lines refer to them in `tracking_categories`.",
)
