"""With EVERTHREAD_TASKS_IMMEDIATE=true every task runs where it is started, so
`everthread worker` says there is nothing for it to do, in words an operator can act on,
instead of django-tasks-db's "Backend 'default' is not a database backend"."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

INLINE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_worker_says_tasks_run_inline_so_no_worker_is_needed(settings) -> None:
    settings.TASKS = INLINE

    with pytest.raises(CommandError) as refused:
        call_command("worker", "--batch", "--no-reload", stdout=io.StringIO())

    message = str(refused.value)
    assert message.startswith(
        "Background work runs inline in this configuration (EVERTHREAD_TASKS_IMMEDIATE=true)"
    )
    assert "so there is nothing for a worker to do" in message
    assert "unset EVERTHREAD_TASKS_IMMEDIATE and start `everthread worker`" in message
    assert "is not a database backend" not in message
