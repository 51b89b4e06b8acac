"""ENCRYPTION_KEYS: checked at start, naming the variable; a development key kept in DATA_DIR with DEBUG on."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from healthassistant.encryption.keys import parse_keys, resolve_encryption_keys
from healthassistant.tests.encryption.helpers import new_key

ROOT = Path(__file__).resolve().parents[3]


def test_keys_are_comma_separated_and_the_first_one_comes_first():
    first, second = new_key(), new_key()
    assert parse_keys(f" {first} , {second} ") == [first, second]


@pytest.mark.parametrize(
    "value",
    ["not-a-key", "c2hvcnQ=", "A" * 44, "Zm9v" * 11 + "!", ","],
    ids=["not-base64", "too-short", "wrong-length-in-bytes", "bad-character", "only-commas"],
)
def test_a_malformed_key_stops_start_up_naming_the_variable(value):
    with pytest.raises(ImproperlyConfigured, match="ENCRYPTION_KEYS") as caught:
        parse_keys(value)
    assert "generate_encryption_key" in str(caught.value)


def test_a_malformed_second_key_is_named_by_its_position():
    with pytest.raises(ImproperlyConfigured, match="key 2 of 2"):
        parse_keys(f"{new_key()},oops")


def test_the_same_key_twice_is_refused():
    key = new_key()
    with pytest.raises(ImproperlyConfigured, match="twice"):
        parse_keys(f"{key},{key}")


def test_debug_off_without_keys_refuses_to_start(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="ENCRYPTION_KEYS is not set"):
        resolve_encryption_keys(configured="", debug=False, data_dir=tmp_path)
    assert not (tmp_path / "encryption_keys").exists()


def test_development_generates_a_key_once_into_the_data_dir_owner_only(tmp_path):
    first = resolve_encryption_keys(configured="", debug=True, data_dir=tmp_path)
    assert resolve_encryption_keys(configured="", debug=True, data_dir=tmp_path) == first
    assert (tmp_path / "encryption_keys").read_text().strip() == first[0]
    assert stat.S_IMODE((tmp_path / "encryption_keys").stat().st_mode) == 0o600


def test_configured_keys_win_over_the_development_file(tmp_path):
    key = new_key()
    assert resolve_encryption_keys(configured=key, debug=True, data_dir=tmp_path) == [key]
    assert not (tmp_path / "encryption_keys").exists()


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ENCRYPTION_KEYS"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_process_refuses_to_start_with_a_malformed_key(tmp_path):
    env = {"DEBUG": "false", "SECRET_KEY": "s" * 60, "DATA_DIR": str(tmp_path), "ENCRYPTION_KEYS": "nope"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ENCRYPTION_KEYS: key 1 of 1 is not a valid key" in result.stderr


def test_generate_encryption_key_works_before_any_configuration(tmp_path):
    result = _manage("generate_encryption_key", env={"DEBUG": "false", "DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert parse_keys(key) == [key]
    assert list(tmp_path.iterdir()) == []
