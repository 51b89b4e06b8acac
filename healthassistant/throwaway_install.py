"""A fresh database and MEDIA_ROOT for a benchmark, removed afterwards: nothing of the real install is touched.

The database is made by Django's test database machinery on the configured engine; with SQLite
it is a file in the temporary folder, on disk as a real install's is, not in memory.
"""

import contextlib
import os
import tempfile
from collections.abc import Iterator

from django.conf import settings
from django.db import connection
from django.test.utils import override_settings


@contextlib.contextmanager
def throwaway_install(*, prefix: str) -> Iterator[None]:
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        test_settings = settings.DATABASES["default"].setdefault("TEST", {})
        if connection.vendor == "sqlite":
            test_settings["NAME"] = os.path.join(folder, "bench.sqlite3")
        with override_settings(MEDIA_ROOT=os.path.join(folder, "media"), ALLOWED_HOSTS=["testserver"]):
            old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
            try:
                yield
            finally:
                connection.creation.destroy_test_db(old_name, verbosity=0)
