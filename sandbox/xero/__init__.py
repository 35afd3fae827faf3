"""A self-contained emulator of Xero's identity, accounting and webhook APIs.

Run it with ``python -m sandbox.xero``; see ``sandbox/README.md``.
"""
