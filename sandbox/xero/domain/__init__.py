"""Xero's business rules: totals, validation, status changes, payments."""
