#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["generate_encryption_key"]:
        # Before settings: they refuse to load without ENCRYPTION_KEYS (DEBUG off), and this makes the key.
        from healthassistant.encryption.keys import new_key

        print(new_key())
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthassistant.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
