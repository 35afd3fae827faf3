"""API key format, generation and hashing.

A key looks like `llk_<prefix>_<secret>`: 8 characters of prefix (shown to operators to tell
keys apart) and 32 random bytes (256 bits) of secret. Only the SHA-256 of the whole key is
stored: the key is random enough that a fast hash cannot be brute-forced, and lookup by
hash keeps authentication one indexed query.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

KEY_PREFIX = "llk_"


@dataclass(frozen=True)
class NewKey:
    plaintext: str
    prefix: str
    hashed: str


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def generate_key() -> NewKey:
    prefix = secrets.token_hex(4)
    plaintext = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    return NewKey(plaintext=plaintext, prefix=prefix, hashed=hash_key(plaintext))


def looks_like_key(value: str) -> bool:
    return value.startswith(KEY_PREFIX) and 20 < len(value) < 128 and value.isascii()
