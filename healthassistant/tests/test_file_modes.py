"""Owner-only modes: a new install writes nothing others can read, and an old install is corrected at start."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from healthassistant.file_modes import correct_existing

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_existing_install_is_made_owner_only(tmp_path):
    data = tmp_path / "var"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    database = data / "db.sqlite3"
    for path in (database, data / "db.sqlite3-wal", data / "db.sqlite3-shm"):
        path.write_bytes(b"")
        path.chmod(0o644)

    correct_existing(directories=[data, tmp_path / "missing"], sqlite_database=database)

    assert mode(data) == 0o700
    assert {mode(path) for path in data.iterdir()} == {0o600}


def test_a_fresh_start_and_an_old_install_both_end_owner_only(tmp_path):
    """The real start: `manage.py migrate` on SQLite, on a DATA_DIR left 0755 by an earlier version."""
    data = tmp_path / "var"
    data.mkdir()
    data.chmod(0o755)
    (data / "db.sqlite3").write_bytes(b"")
    (data / "db.sqlite3").chmod(0o644)
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ENCRYPTION_KEYS", "SECRET_KEY"}}
    env.update({"DEBUG": "true", "DATA_DIR": str(data)})

    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert mode(data) == 0o700
    written = list(data.rglob("*"))
    assert {path.name for path in written} >= {"db.sqlite3", "secret_key", "encryption_keys"}
    assert {mode(path) for path in written if path.is_file()} == {0o600}
    assert {mode(path) for path in written if path.is_dir()} <= {0o700}
