"""Base classes: fields every unified record carries, and the PATCH-style write input base."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from .field_docs import complete_schema
from .types import AwareDatetime

__all__ = ["UnifiedInput", "UnifiedModel", "UnifiedRecord"]


class UnifiedModel(BaseModel):
    """Base of every unified shape (records and their nested parts)."""

    model_config = ConfigDict(
        extra="forbid",
        use_enum_values=False,
        validate_assignment=False,
        ser_json_inf_nan="strings",
        # Field docs: the docstring under a field, else `field_docs` (written once for all).
        use_attribute_docstrings=True,
        json_schema_extra=complete_schema,
    )


class UnifiedRecord(UnifiedModel):
    """Fields common to every top-level record as produced by a connector.

    The gateway adds ``id``, ``created_at`` and ``modified_at`` (its own bookkeeping) and resolves
    every ``*_remote_id`` reference to its own id in the matching field without the suffix.
    """

    remote_id: str
    remote_updated_at: AwareDatetime | None = None
    remote_was_deleted: bool = False
    remote_data: dict[str, Any] | None = None
    """The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``."""


class UnifiedInput(UnifiedModel):
    """Write input with PATCH semantics.

    Every field is optional; only the fields the caller *set* (``model_fields_set`` /
    ``model_dump(exclude_unset=True)``) are written to the provider. ``CREATE_REQUIRED`` lists the
    fields a create needs; :meth:`missing_for_create` reports the absent ones.
    """

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def writable_fields(cls) -> tuple[str, ...]:
        return tuple(cls.model_fields)

    def missing_for_create(self) -> list[str]:
        return [f for f in self.CREATE_REQUIRED if getattr(self, f) in (None, [], "")]

    def changes(self) -> dict[str, Any]:
        """The fields the caller set, as Python values (PATCH body)."""
        return {name: getattr(self, name) for name in self.model_fields_set}
