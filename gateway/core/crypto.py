"""Authenticated encryption of stored secrets (tokens, provider secrets) with key rotation.

Keys come from `LEDGERLINK_ENCRYPTION_KEYS`: comma-separated Fernet keys, newest first. Values
are encrypted with the first key and decrypted with any of them (MultiFernet), so rotating is:
put a new key first, run `manage.py rotate_encryption_keys`, then drop the old key.
"""

from __future__ import annotations

import base64
import functools
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

__all__ = ["InvalidToken", "decrypt", "encrypt", "get_fernet", "rotate"]


def _development_key() -> bytes:
    """Only outside production: a key derived from SECRET_KEY so the demo runs with no setup."""
    digest = hashlib.sha256(f"ledgerlink-dev-encryption:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


@functools.cache
def get_fernet() -> MultiFernet:
    keys = [k.strip() for k in settings.LEDGERLINK_ENCRYPTION_KEYS if k.strip()]
    if not keys:
        if not settings.IS_DEVELOPMENT:
            raise ImproperlyConfigured("LEDGERLINK_ENCRYPTION_KEYS is required in production")
        keys = [_development_key().decode()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "LEDGERLINK_ENCRYPTION_KEYS must hold Fernet keys (32 url-safe base64 bytes)"
        ) from exc


def encrypt(plaintext: str) -> str:
    return get_fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    return get_fernet().decrypt(token.encode("ascii")).decode("utf-8")


def rotate(token: str) -> str:
    """Re-encrypt under the primary key (no-op in meaning, new ciphertext)."""
    return get_fernet().rotate(token.encode("ascii")).decode("ascii")


@receiver(setting_changed)
def _reset(setting: str, **kwargs) -> None:
    if setting in {"LEDGERLINK_ENCRYPTION_KEYS", "SECRET_KEY"}:
        get_fernet.cache_clear()
