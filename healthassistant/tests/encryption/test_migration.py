"""The migrations that brought encryption seal what an existing install holds, rows and files, losing nothing."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from healthassistant.encryption import rewrap
from healthassistant.tests.encryption.helpers import raw_database_text
from uploads import storage
from uploads.tests.helpers import image_bytes

BEFORE = [("chat", "0002_message_tokens_per_second"), ("uploads", "0003_upload_share_patient_details")]
ROOT = Path(__file__).resolve().parents[3]
AFTER = [("chat", "0003_encrypt_content"), ("uploads", "0004_encrypt_content")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_rows_and_files_are_encrypted_and_read_back(alice, media_root):
    old = migrate(BEFORE)
    session = old.get_model("chat", "ChatSession").objects.create(owner_id=alice.pk, title="Old cholesterol chat")
    old.get_model("chat", "Message").objects.create(session_id=session.pk, role="user", content="LDL 4.9 mmol/L?")
    png = image_bytes()
    path = f"users/{alice.pk}/20250101T000000_old.png"
    storage.absolute_path(path).parent.mkdir(parents=True)
    storage.absolute_path(path).write_bytes(png)
    upload = old.get_model("uploads", "Upload").objects.create(
        owner_id=alice.pk,
        original_name="cholesterol.png",
        stored_path=path,
        kind="image",
        content_type="image/png",
        size=len(png),
        sha256="0" * 64,
        extracted_text="LDL cholesterol",
    )
    assert "cholesterol" in raw_database_text()

    try:
        # Read back through the models as they were then: later migrations add columns.
        new = migrate(AFTER)
        ChatSession = new.get_model("chat", "ChatSession")
        Message = new.get_model("chat", "Message")
        Upload = new.get_model("uploads", "Upload")

        assert "cholesterol" not in raw_database_text().lower()
        assert "LDL" not in raw_database_text()
        assert "0" * 64 not in raw_database_text()
        assert rewrap.looks_sealed_file(storage.absolute_path(path).read_bytes())
        assert ChatSession.objects.get(pk=session.pk).title == "Old cholesterol chat"
        assert Message.objects.get(session_id=session.pk).content == "LDL 4.9 mmol/L?"
        stored = Upload.objects.get(pk=upload.pk)
        assert (stored.original_name, stored.extracted_text) == ("cholesterol.png", "LDL cholesterol")
        assert storage.read_file(path) == png

        # Reversed, the migration gives the plain data back.
        migrate(BEFORE)
        assert "Old cholesterol chat" in raw_database_text()
        assert storage.absolute_path(path).read_bytes() == png
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_after_migrating_an_old_sqlite_install_its_files_hold_no_plaintext(tmp_path):
    """`strings db.sqlite3` on a real install: rows written plain before, then `migrate` to encryption."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ENCRYPTION_KEYS", "SECRET_KEY"}}
    env.update({"DEBUG": "true", "DATA_DIR": str(tmp_path)})

    def manage(*args: str) -> None:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr

    manage("migrate", "chat", "0002", "--noinput")
    manage("migrate", "uploads", "0003", "--noinput")
    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as plain:
        plain.execute(
            "INSERT INTO accounts_user (password, is_superuser, email, full_name, is_staff, is_active, date_joined)"
            " VALUES ('', 0, 'old@example.org', '', 0, 1, '2025-01-01')"
        )
        plain.execute(
            "INSERT INTO chat_chatsession (id, owner_id, title, pinned, archived, created_at, updated_at)"
            " VALUES ('0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f', 1, 'Syphilis test worries', 0, 0, '2025-01-01', '2025-01-01')"
        )
        plain.execute(
            "INSERT INTO chat_message (session_id, role, content, status, error, stream_seq, model_name, created_at,"
            " updated_at) VALUES ('0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f', 'user', 'Was my treponema result positive?',"
            " 'done', '', 0, '', '2025-01-01', '2025-01-01')"
        )

    manage("migrate", "--noinput")

    stored = b"".join(path.read_bytes() for path in tmp_path.glob("db.sqlite3*"))
    for secret in (b"Syphilis", b"treponema"):
        assert secret not in stored
