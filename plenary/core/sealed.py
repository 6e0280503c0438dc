"""Secrets the application must read back in clear (a webhook's signing secret), encrypted at rest.

A database dump or backup alone does not give them away: each value is sealed with Fernet (AES-128
in CBC mode with an HMAC-SHA256) under a key derived from SECRET_KEY. When SECRET_KEY is rotated,
values sealed under a key in SECRET_KEY_FALLBACKS still open, and are sealed under the new key the
next time they are saved.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


def _fernet(secret_key: str) -> Fernet:
    digest = hashlib.sha256(b"plenary.core.sealed:" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    return MultiFernet([_fernet(key) for key in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS)])


def seal(text: str) -> str:
    return _keys().encrypt(text.encode()).decode()


def unseal(sealed: str) -> str:
    try:
        return _keys().decrypt(sealed.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A sealed secret does not open with SECRET_KEY: when SECRET_KEY changes, keep the former "
            "one in SECRET_KEY_FALLBACKS."
        ) from None


class SealedTextField(models.TextField):
    """Text read and written in clear by the application, stored sealed."""

    def from_db_value(self, value, expression, connection):
        return value if value is None else unseal(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if value is None else seal(value)


def seal_column(connection, table: str, column: str) -> None:
    """Seal a column's values written in clear (a migration's step)."""
    _rewrite(connection, table, column, seal)


def unseal_column(connection, table: str, column: str) -> None:
    """Write a sealed column's values back in clear (that step reversed)."""
    _rewrite(connection, table, column, unseal)


def _rewrite(connection, table: str, column: str, change) -> None:
    table, column = connection.ops.quote_name(table), connection.ops.quote_name(column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {column} FROM {table}")  # noqa: S608 - names, not input
        for pk, value in cursor.fetchall():
            cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [change(value), pk])  # noqa: S608
