"""Financial reports (`/v1/reports/...`): fetched on demand through the linked account's
connector, cached per account and parameter set, invalidated when a sync stores ledger changes."""
