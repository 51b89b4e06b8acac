"""Sealing and opening: authenticated, any listed key opens, and an unknown key says what to do."""

import pytest

from healthassistant.encryption import cipher, rewrap
from healthassistant.tests.encryption.helpers import new_key


def test_text_round_trips_and_the_token_hides_it():
    token = cipher.seal_text("HbA1c 6.1 % — high")
    assert "HbA1c" not in token
    assert cipher.looks_sealed(token)
    assert cipher.open_text(token) == "HbA1c 6.1 % — high"


def test_sealing_twice_gives_different_tokens():
    assert cipher.seal_text("same") != cipher.seal_text("same")


def test_text_stored_before_encryption_reads_as_it_is():
    assert cipher.open_text("a question from before") == "a question from before"


def test_bytes_round_trip_as_raw_token_bytes():
    sealed = cipher.seal_bytes(b"%PDF-1.7 lab report")
    assert b"lab report" not in sealed
    assert rewrap.looks_sealed_file(sealed)
    assert cipher.open_bytes(sealed) == b"%PDF-1.7 lab report"


def test_a_tampered_value_is_refused(settings):
    sealed = bytearray(cipher.seal_bytes(b"result"))
    sealed[40] ^= 1
    with pytest.raises(cipher.UnreadableValue):
        cipher.open_bytes(bytes(sealed))


def test_every_listed_key_opens_and_the_first_one_seals(settings):
    old, new = new_key(), new_key()
    settings.ENCRYPTION_KEYS = [old]
    token = cipher.seal_text("under the old key")
    settings.ENCRYPTION_KEYS = [new, old]
    assert cipher.open_text(token) == "under the old key"
    assert not cipher.sealed_under_first_key(token.encode())
    assert cipher.sealed_under_first_key(cipher.seal_text("new").encode())


def test_a_value_no_key_opens_names_the_fix(settings):
    settings.ENCRYPTION_KEYS = [new_key()]
    token = cipher.seal_text("lost")
    settings.ENCRYPTION_KEYS = [new_key()]
    with pytest.raises(cipher.UnreadableValue, match="rotate_encryption_keys"):
        cipher.open_text(token)
