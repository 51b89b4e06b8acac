"""Settings refuse bad configuration at start-up, naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from healthassistant.env import envbool, envint
from healthassistant.secret_key import resolve_secret_key

ROOT = Path(__file__).resolve().parents[2]


def _check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ENCRYPTION_KEYS", "EMAIL_HOST"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_debug_off_without_a_secret_key(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        resolve_secret_key(configured="", debug=False, data_dir=tmp_path)


def test_the_process_refuses_to_start_without_a_secret_key(tmp_path):
    result = _check({"DEBUG": "false", "DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_off_without_a_mail_server_refuses_to_start_rather_than_print_reset_links(tmp_path):
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "s" * 60,
        "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DATA_DIR": str(tmp_path),
    }
    result = _check(env)
    assert result.returncode != 0
    assert "EMAIL_HOST is not set" in result.stderr


def test_development_generates_a_key_once_and_keeps_it(tmp_path):
    first = resolve_secret_key(configured="", debug=True, data_dir=tmp_path)
    assert resolve_secret_key(configured="", debug=True, data_dir=tmp_path) == first
    assert len(first) >= 50


def test_a_bad_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("HEALTH_MAX_QUEUE", "lots")
    with pytest.raises(ImproperlyConfigured, match="HEALTH_MAX_QUEUE"):
        envint("HEALTH_MAX_QUEUE", 64)
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        envbool("DEBUG")


def test_check_deploy_is_clean_with_debug_off(tmp_path):
    result = _check(
        {
            "DEBUG": "false",
            "SECRET_KEY": "x" * 64 + "-a-long-random-production-key",
            "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "EMAIL_HOST": "smtp.example.org",
            "DATA_DIR": str(tmp_path),
        },
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr + result.stdout
