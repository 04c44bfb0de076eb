"""Loading a demo in a test: quick password hashing, and the command as staff would run it."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Every demo member of staff gets a password; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db: None) -> Callable[..., str]:
    """Run ``everthread demo`` with a few generated customers; returns what it printed."""

    def load(**options: object) -> str:
        out = io.StringIO()
        call_command("demo", **{"customers": 30, **options}, stdout=out)
        return out.getvalue()

    return load
