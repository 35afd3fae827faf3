"""Tracking categories: what a list shows (archived hidden unless asked) and how invoice lines
name them (category and option by name or by id; Xero fills in the other half)."""

from __future__ import annotations

from ..ledger import Ledger

#: Xero allows at most two (active) tracking categories per organisation and per line.
MAX_PER_LINE = 2


def visible(doc: dict, include_archived: bool) -> dict | None:
    """The category as a list shows it, or None when it is hidden. Deleted categories and
    options never show; archived ones only with ``includeArchived=true``."""
    hidden = {"DELETED"} if include_archived else {"DELETED", "ARCHIVED"}
    if doc.get("Status") in hidden:
        return None
    out = dict(doc)
    out["Options"] = [o for o in doc.get("Options") or [] if o.get("Status") not in hidden]
    return out


def resolve_line(ledger: Ledger, raw: object, errors: list[str]) -> list[dict]:
    """A line's ``Tracking`` with both names and ids, checked against the organisation's
    active categories and options; problems are appended to ``errors``."""
    if raw in (None, []):
        return []
    if not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        errors.append("Tracking must be a list of tracking category options")
        return []
    if len(raw) > MAX_PER_LINE:
        errors.append("A line item can only have two tracking categories")
        return []
    resolved: list[dict] = []
    for entry in raw:
        category = _category(ledger, entry)
        if category is None:
            name = entry.get("Name") or entry.get("TrackingCategoryID") or ""
            errors.append(f"Tracking category '{name}' does not exist or is not active")
            continue
        option = _option(category, entry)
        if option is None:
            name = entry.get("Option") or entry.get("TrackingOptionID") or ""
            errors.append(
                f"Tracking option '{name}' does not exist or is not active "
                f"in tracking category '{category['Name']}'"
            )
            continue
        if any(r["TrackingCategoryID"] == category["TrackingCategoryID"] for r in resolved):
            errors.append(f"Tracking category '{category['Name']}' is used twice on a line")
            continue
        resolved.append(
            {
                "Name": category["Name"],
                "Option": option["Name"],
                "TrackingCategoryID": category["TrackingCategoryID"],
                "TrackingOptionID": option["TrackingOptionID"],
            }
        )
    return resolved


def _category(ledger: Ledger, entry: dict) -> dict | None:
    wanted_id = str(entry.get("TrackingCategoryID") or "").lower()
    wanted_name = str(entry.get("Name") or "").strip().lower()
    for category in ledger.tracking_categories:
        if category.get("Status") != "ACTIVE":
            continue
        if wanted_id and category["TrackingCategoryID"].lower() == wanted_id:
            return category
        if not wanted_id and wanted_name and category["Name"].lower() == wanted_name:
            return category
    return None


def _option(category: dict, entry: dict) -> dict | None:
    wanted_id = str(entry.get("TrackingOptionID") or "").lower()
    wanted_name = str(entry.get("Option") or "").strip().lower()
    for option in category.get("Options") or []:
        if option.get("Status") != "ACTIVE":
            continue
        if wanted_id and option["TrackingOptionID"].lower() == wanted_id:
            return option
        if not wanted_id and wanted_name and option["Name"].lower() == wanted_name:
            return option
    return None
