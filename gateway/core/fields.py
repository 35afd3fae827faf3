"""A model field whose value is stored encrypted (see gateway.core.crypto)."""

from __future__ import annotations

from django.db import models

from gateway.core import crypto


class EncryptedTextField(models.TextField):
    """Plaintext in Python, Fernet ciphertext in the database. Never indexed or filtered on."""

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)


class BulkTextField(models.TextField):
    """A TextField for large values written with `bulk_create` (stored JSON documents).

    Django 5.2 bulk-inserts on PostgreSQL through `UNNEST(%s::text[])`, and psycopg dumps a
    text array in Python, escaping every quote with a regex: for 1,000 JSON documents that is
    ~0.7 s against ~0.05 s for a plain multi-row VALUES insert. A field with `get_placeholder`
    keeps Django on the VALUES path. It deconstructs as a plain TextField (no migration)."""

    def get_placeholder(self, value, compiler, connection):
        return "%s"

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.TextField", args, kwargs
