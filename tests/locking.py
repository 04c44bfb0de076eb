"""For tests of two writers at once on PostgreSQL: wait until both are queued on a row lock."""

from __future__ import annotations

import time

import pytest
from django.db import connection

ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


def _waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return int(cursor.fetchone()[0])


def wait_for_lock_waiters(count: int, *, what: str) -> None:
    """Return once ``count`` transactions wait for a lock; fail the test after 10 seconds."""
    for _ in range(200):
        if _waiting_for_a_lock() >= count:
            return
        time.sleep(0.05)
    pytest.fail(f"{what} never waited for the lock.")
