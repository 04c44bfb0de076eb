"""API clients that authenticate the way integrations do: a bearer token per member of staff."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from everthread.core.models import Staff
from everthread.core.services import token_create


@pytest.fixture
def bearer_client() -> Callable[[Staff], Client]:
    def make(staff: Staff) -> Client:
        _, secret = token_create(staff=staff)
        return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    return make


@pytest.fixture
def api(bearer_client: Callable[[Staff], Client], associate: Staff) -> Client:
    return bearer_client(associate)


@pytest.fixture
def coach_api(bearer_client: Callable[[Staff], Client], coach: Staff) -> Client:
    return bearer_client(coach)
