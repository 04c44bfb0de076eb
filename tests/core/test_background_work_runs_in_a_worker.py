"""Background work goes to the database queue for `everthread worker` unless
EVERTHREAD_TASKS_IMMEDIATE says to run it in the request; the worker, like the server,
will not start on a database nobody has migrated."""

from __future__ import annotations

import subprocess
from pathlib import Path

from processes import everthread

SHOW_BACKEND = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"


def _everthread(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return everthread(*args, **{"EVERTHREAD_DEBUG": "true", **env})


def test_the_database_queue_by_default_and_immediate_on_request(tmp_path: Path) -> None:
    queued = _everthread("shell", "-c", SHOW_BACKEND, EVERTHREAD_DATA_DIR=str(tmp_path))
    immediate = _everthread(
        "shell",
        "-c",
        SHOW_BACKEND,
        EVERTHREAD_DATA_DIR=str(tmp_path),
        EVERTHREAD_TASKS_IMMEDIATE="true",
    )

    assert queued.stdout.splitlines()[-1] == "django_tasks_db.DatabaseBackend"
    assert immediate.stdout.splitlines()[-1] == "django_tasks.backends.immediate.ImmediateBackend"


def test_a_malformed_switch_stops_start_up_with_a_message(tmp_path: Path) -> None:
    result = _everthread(
        "check", EVERTHREAD_DATA_DIR=str(tmp_path), EVERTHREAD_TASKS_IMMEDIATE="sometimes"
    )

    assert result.returncode != 0
    assert "EVERTHREAD_TASKS_IMMEDIATE='sometimes' is not a yes/no value" in result.stderr


def test_the_worker_refuses_a_database_nobody_has_migrated(tmp_path: Path) -> None:
    result = _everthread("worker", "--batch", EVERTHREAD_DATA_DIR=str(tmp_path))

    assert result.returncode != 0
    assert "migration(s) to apply; run `everthread migrate` first" in result.stderr
