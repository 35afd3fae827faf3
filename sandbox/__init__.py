"""Provider emulators (Xero first): separate processes, never imported by production code."""
