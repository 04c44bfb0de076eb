"""The ``everthread`` command: the project's manage.py, with our own commands beside Django's."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everthread.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        sys.exit(f"everthread: configuration error: {error}")
    except OperationalError as error:
        sys.exit(
            f"everthread: cannot use the database: {error}".rstrip()
            + "\nCheck DATABASE_URL and that the server is running; "
            "for a new database run `everthread migrate`."
        )


if __name__ == "__main__":
    main()
