"""Shared fixtures: the demo-shaped organisation every test starts from, and signed-in clients."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client

from everthread.channels.services.inbound import inbound_intake_stop
from factories import OrganisationFactory, StaffFactory, StoreFactory


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings: object) -> None:
    # The manifest is built by collectstatic at deploy time; tests read the source files.
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _webhook_intake_stopped(django_db_setup: None) -> Iterator[None]:
    # The webhook intake's writer thread keeps a database connection of its own; it is
    # closed before the test database is dropped.
    yield
    inbound_intake_stop()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Each test's database starts afresh; what an earlier test cached (the organisation,
    # sessions) must not outlive it.
    cache.clear()


@pytest.fixture
def organisation(db: None):
    return OrganisationFactory()


@pytest.fixture
def store(organisation):
    return StoreFactory(
        code="manchester-king-street", name="Manchester King Street", city="Manchester"
    )


@pytest.fixture
def associate(store):
    return StaffFactory(
        username="tom", first_name="Tom", last_name="Reilly", role="associate", home_store=store
    )


@pytest.fixture
def coach(organisation):
    return StaffFactory(username="coach", first_name="Grace", last_name="Pym", role="coach")


@pytest.fixture
def signed_in(client: Client, associate) -> Client:
    client.force_login(associate)
    return client
