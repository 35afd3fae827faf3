"""Settings come from the environment through one reader, with safe defaults."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gateway.core.settings_reader import read_provider_settings, read_providers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__))))


def settings_in_subprocess(env: dict[str, str], expr: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "LEDGERLINK_"))}
    for key in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"):
        clean.pop(key, None)
    clean.update(env)
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='gateway.settings';"
        "import django; django.setup(); from django.conf import settings as s;"
        f"print(repr({expr}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_requires_a_secret_key():
    result = settings_in_subprocess({"LEDGERLINK_ENV": "production"}, "s.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def production_env(**extra: str) -> dict[str, str]:
    from cryptography.fernet import Fernet

    env = {
        "LEDGERLINK_ENV": "production",
        "SECRET_KEY": "x" * 50,
        "LEDGERLINK_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    }
    env.update(extra)
    return env


def test_production_requires_encryption_keys():
    env = production_env()
    del env["LEDGERLINK_ENCRYPTION_KEYS"]
    result = settings_in_subprocess(env, "s.DEBUG")
    assert result.returncode != 0
    assert "LEDGERLINK_ENCRYPTION_KEYS is required" in result.stderr


def test_production_defaults_are_safe():
    result = settings_in_subprocess(
        production_env(),
        "(s.DEBUG, s.ALLOWED_HOSTS, s.SESSION_COOKIE_SECURE)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(False, [], True)"


def test_embedded_default_is_sqlite_and_in_process_tasks():
    result = settings_in_subprocess(
        {"LEDGERLINK_ENV": "development"},
        "(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER,"
        " s.CACHES['default']['BACKEND'])",
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout and "True" in result.stdout and "LocMemCache" in result.stdout


def test_postgres_and_redis_from_the_environment():
    result = settings_in_subprocess(
        {
            "LEDGERLINK_ENV": "development",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/ledgerlink",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
        },
        "(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER,"
        " s.CACHES['default']['BACKEND'])",
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout
    assert "redis://127.0.0.1:6379/3" in result.stdout
    assert "False" in result.stdout and "RedisCache" in result.stdout


def test_unknown_environment_name_is_refused():
    result = settings_in_subprocess({"LEDGERLINK_ENV": "staging-ish"}, "1")
    assert result.returncode != 0 and "LEDGERLINK_ENV" in result.stderr


def test_read_providers():
    assert read_providers("xero=connectors.xero.XeroProvider, qb=a.b.C") == {
        "xero": "connectors.xero.XeroProvider",
        "qb": "a.b.C",
    }
    assert read_providers("") == {}
    for bad in ("xero", "=a.b", "x-y=a.b", "xero="):
        with pytest.raises(ImproperlyConfigured):
            read_providers(bad)


def test_read_provider_settings(monkeypatch):
    monkeypatch.setenv("XERO_CLIENT_ID", "abc")
    monkeypatch.setenv("XERO_TOKEN_URL", "http://127.0.0.1:1/connect/token")
    monkeypatch.setenv("XERO_EMPTY", "")
    monkeypatch.setenv("OTHER_CLIENT_ID", "zzz")
    assert read_provider_settings(None, {"xero": "x.Y"}) == {
        "xero": {"client_id": "abc", "token_url": "http://127.0.0.1:1/connect/token"}
    }


def test_provider_settings_may_be_json_objects(monkeypatch):
    monkeypatch.setenv("XERO_RATE_LIMITS", '{"tenant_per_minute": 50}')
    assert read_provider_settings(None, {"xero": "x.Y"})["xero"]["rate_limits"] == {
        "tenant_per_minute": 50
    }
    monkeypatch.setenv("XERO_RATE_LIMITS", "{not json")
    with pytest.raises(ImproperlyConfigured):
        read_provider_settings(None, {"xero": "x.Y"})


def test_env_example_lists_every_variable_the_settings_read():
    import re
    from pathlib import Path

    root = Path(ROOT)
    listed = {
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in (root / ".env.example").read_text().splitlines()
        if "=" in line
    }
    source = (root / "gateway/settings.py").read_text()
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', source))
    assert read, "the settings reader pattern changed"
    assert read <= listed, f"missing from .env.example: {sorted(read - listed)}"


def test_server_side_cursors_can_be_turned_off_for_a_transaction_pooler():
    """Behind PgBouncer in transaction mode, QuerySet.iterator() must not declare a cursor
    WITH HOLD that outlives its transaction (the next FETCH may reach another server)."""
    expr = "s.DATABASES['default']['DISABLE_SERVER_SIDE_CURSORS']"
    database = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/ledgerlink"}
    default = settings_in_subprocess(production_env(**database), expr)
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == "False"
    pooled = settings_in_subprocess(
        production_env(**database, DATABASE_DISABLE_SERVER_SIDE_CURSORS="true"), expr
    )
    assert pooled.returncode == 0, pooled.stderr
    assert pooled.stdout.strip() == "True"


def test_a_short_metrics_token_is_refused():
    short = settings_in_subprocess(production_env(METRICS_TOKEN="guessable"), "s.METRICS_TOKEN")
    assert short.returncode != 0 and "METRICS_TOKEN must be at least 32" in short.stderr
    unset = settings_in_subprocess(production_env(), "s.METRICS_TOKEN")
    assert unset.returncode == 0 and unset.stdout.strip() == "''"
