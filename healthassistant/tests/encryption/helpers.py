"""Keys and raw reads for the encryption tests: what a thief holding the database or the disk would see."""

from cryptography.fernet import Fernet
from django.db import connection


def new_key() -> str:
    return Fernet.generate_key().decode()


def raw_database_text() -> str:
    """Every text value of every table, as the database stores it: what `strings db.sqlite3` would show."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (table names from the database itself)
            found += [str(value) for row in cursor.fetchall() for value in row if value is not None]
    return "\n".join(found)
