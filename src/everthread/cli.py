"""The ``everthread`` command: the project's manage.py, with our own commands beside Django's."""

from __future__ import annotations

import os
import sys

# Commands that serve requests or run queued work: they refuse to start on a database nobody
# has migrated.
SERVING_COMMANDS = {"runserver", "worker", "outbox", "smtpd", "imap-poll"}
# Commands operators type with a hyphen; Django's command modules need an underscore.
HYPHENATED = {"imap-poll": "imap_poll", "inbound-retry": "inbound_retry"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everthread.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        if len(sys.argv) > 1 and sys.argv[1] in SERVING_COMMANDS:
            _require_migrated_database()
        if len(sys.argv) > 1:
            sys.argv[1] = HYPHENATED.get(sys.argv[1], sys.argv[1])
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        sys.exit(f"everthread: configuration error: {error}")
    except OperationalError as error:
        sys.exit(
            f"everthread: cannot use the database: {error}".rstrip()
            + "\nCheck DATABASE_URL and that the server is running; "
            "for a new database run `everthread migrate`."
        )


def _require_migrated_database() -> None:
    import django
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    django.setup()
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        sys.exit(
            f"everthread: the database has {len(pending)} migration(s) to apply; "
            "run `everthread migrate` first."
        )


if __name__ == "__main__":
    main()
