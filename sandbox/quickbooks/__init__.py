"""A small QuickBooks Online emulator (OAuth 2.0 with realmId, the query endpoint, Fault errors,
throttling, a control plane). Its own process and SQLite store; imports nothing from
``gateway``, ``connectors`` or ``unified_models``. See README.md."""
