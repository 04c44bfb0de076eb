"""Background entry points for coaching: each calls one service."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from everthread.coaching.services import modules_recommend_to_everyone
from everthread.core.nightly import nightly_enqueue_next


@task()
def recommend_modules() -> None:
    """Every night (core.nightly): recommend modules where notes or observations show a gap."""
    modules_recommend_to_everyone(today=timezone.localdate())
    nightly_enqueue_next(recommend_modules)
