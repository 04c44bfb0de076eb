"""Webhook secrets the tests sign with, and the worker's tasks queued in the database."""

from __future__ import annotations

import pytest

import webhooks


@pytest.fixture(autouse=True)
def _provider_secrets(settings: object) -> None:
    settings.TWILIO_AUTH_TOKEN = webhooks.TWILIO_AUTH_TOKEN  # type: ignore[attr-defined]
    settings.META_APP_SECRET = webhooks.META_APP_SECRET  # type: ignore[attr-defined]
    settings.META_VERIFY_TOKEN = webhooks.META_VERIFY_TOKEN  # type: ignore[attr-defined]
    settings.X_CONSUMER_SECRET = webhooks.X_CONSUMER_SECRET  # type: ignore[attr-defined]
    settings.PUBLIC_URL = ""  # type: ignore[attr-defined]


@pytest.fixture
def inline_tasks(settings: object) -> None:
    """The worker's processing runs as soon as the webhook's transaction commits."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # type: ignore[attr-defined]
