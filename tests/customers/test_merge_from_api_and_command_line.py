"""Integrations and operators merge and unmerge the same way staff do."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from everthread.customers.models import Customer
from everthread.customers.services import customer_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(associate):
    survivor = customer_create(
        actor=associate,
        profile={"given_name": "Daniel", "family_name": "Novak"},
        contact_points=[("email", "daniel.novak@example.com")],
    )
    duplicate = customer_create(
        actor=associate,
        profile={"given_name": "Dan", "family_name": "Novak", "postcode": "LS1 6AB"},
        contact_points=[("order", "HF-100482")],
    )
    return survivor, duplicate


def test_api_previews_merges_and_unmerges(api: Client, pair) -> None:
    survivor, duplicate = pair

    preview = api.get(f"/api/v1/customers/{survivor.pk}/merge/{duplicate.pk}").json()
    assert preview["moves"] == {"contact points": 1}
    assert {c["name"] for c in preview["conflicts"]} == {"given_name", "postcode"}

    merged = api.post(
        f"/api/v1/customers/{survivor.pk}/merge",
        {"merged_id": duplicate.pk, "take_from_merged": ["postcode"]},
        content_type="application/json",
    )
    assert merged.status_code == 201
    survivor_now = api.get(f"/api/v1/customers/{survivor.pk}").json()
    assert survivor_now["postcode"] == "LS1 6AB"
    assert {p["kind"] for p in survivor_now["contact_points"]} == {"email", "order"}

    undone = api.post(f"/api/v1/customers/merges/{merged.json()['id']}/unmerge")
    assert undone.status_code == 200
    assert undone.json()["undone_at"] is not None
    assert Customer.objects.get(pk=survivor.pk).postcode == ""


def test_api_refuses_merging_a_customer_into_themselves(api: Client, pair) -> None:
    survivor, _ = pair

    response = api.post(
        f"/api/v1/customers/{survivor.pk}/merge",
        {"merged_id": survivor.pk},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "merge_refused"
    assert response.json()["field"] == "merged_id"


def test_command_line_dry_run_changes_nothing_then_merge_and_unmerge(associate, pair) -> None:
    survivor, duplicate = pair
    out = io.StringIO()

    call_command("merge", survivor.pk, duplicate.pk, "--as", "tom", "--dry-run", stdout=out)
    assert "moves 1 contact points" in out.getvalue()
    assert Customer.objects.get(pk=duplicate.pk).merged_into is None

    call_command("merge", survivor.pk, duplicate.pk, "--as", "tom", stdout=out)
    assert Customer.objects.get(pk=duplicate.pk).merged_into == survivor
    merge_id = survivor.merges_kept.get().pk

    call_command("unmerge", merge_id, "--as", "tom", stdout=out)
    assert Customer.objects.get(pk=duplicate.pk).merged_into is None


def test_command_line_names_an_unknown_operator(pair) -> None:
    survivor, duplicate = pair

    with pytest.raises(CommandError, match="No active staff member has the username 'nobody'"):
        call_command("merge", survivor.pk, duplicate.pk, "--as", "nobody", stdout=io.StringIO())
