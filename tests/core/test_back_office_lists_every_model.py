"""The back office has a working list page for every model Everthread owns."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client

from factories import ContactPointFactory, StaffFactory

OUR_MODELS = [model for model in apps.get_models() if model.__module__.startswith("everthread.")]


def test_every_everthread_model_is_in_the_back_office() -> None:
    missing = [model._meta.label for model in OUR_MODELS if not admin.site.is_registered(model)]
    assert not missing, f"No admin for: {', '.join(missing)}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda model: model._meta.label)
def test_each_list_page_opens_for_an_administrator(client: Client, organisation, model) -> None:
    ContactPointFactory()
    client.force_login(StaffFactory(role="admin", is_staff=True, is_superuser=True))

    meta = model._meta
    response = client.get(f"/admin/{meta.app_label}/{meta.model_name}/")

    assert response.status_code == 200
