"""A store manager sees the figures of their own store and teams: the dashboard, its
drill-down, its CSV and the API all stop at them, and naming another store is refused.
Coaches and head office see everyone."""

from __future__ import annotations

import pytest

from api_clients import client_of
from everthread.conversations.models import Interaction
from everthread.core.models import Staff
from factories import StaffFactory, StoreFactory, TeamFactory
from insights.conftest import at, head_office_manager

MARCH_QUERY = "from=2026-03-01&to=2026-03-31"


@pytest.fixture
def leeds(march):
    """James manages Leeds Briggate, where Daniel came in on 20 March."""
    store = StoreFactory(code="leeds-briggate", name="Leeds Briggate")
    team = TeamFactory(code="leeds-store", name="Leeds store team", store=store)
    james = StaffFactory(
        username="james", first_name="James", last_name="Whitaker", role="manager",
        home_store=store,
    )  # fmt: skip
    james.teams.add(team)
    Interaction.objects.create(
        customer=march.daniel, channel="in_store", direction="inbound", occurred_at=at(20, 11),
        staff=james, store=store, team=team, summary="Came in about the boots",
    )  # fmt: skip
    return store


@pytest.fixture
def hannah(march) -> Staff:
    """Hannah manages Manchester King Street, Tom's store."""
    hannah = StaffFactory(
        username="hannah", first_name="Hannah", last_name="Price", role="manager",
        home_store=march.store,
    )  # fmt: skip
    hannah.teams.add(march.team)
    return hannah


def _metrics(client, query: str = MARCH_QUERY) -> dict[str, tuple]:
    body = client.get(f"/api/v1/insights/metrics?{query}").json()
    return {m["key"]: (m["numerator"], m["denominator"], m["value"]) for m in body["metrics"]}


def test_a_store_manager_measures_their_own_store(hannah, leeds) -> None:
    everyone = _metrics(client_of(head_office_manager()))
    mine = _metrics(client_of(hannah))

    # Manchester's own: Tom's two follow-ups, Amara's visit to the store (answered at once).
    assert mine["followup_completion"] == (2, 2, 100.0)
    assert mine["response_time"] == (0.0, 1, 0.0)
    assert mine["consent_coverage"] == (1, 1, 100.0)
    assert everyone["followup_completion"] == (2, 3, 66.7)
    assert everyone["consent_coverage"] == (1, 3, 33.3)  # Daniel in Leeds, Rosa on X


def test_the_drill_down_shows_only_their_stores_contacts(client, hannah, leeds) -> None:
    client.force_login(hannah)
    page = client.get(f"/insights/contacts/?{MARCH_QUERY}").content.decode()
    assert "Amara Osei" in page
    assert "Daniel Novak" not in page  # his chat (contact centre) and his Leeds visit
    assert "Rosa Alvarez" not in page

    csv = b"".join(client.get(f"/insights/contacts.csv?{MARCH_QUERY}").streaming_content)
    assert b"Amara Osei" in csv and b"Daniel Novak" not in csv


def test_naming_another_store_is_refused_everywhere(client, hannah, leeds) -> None:
    client.force_login(hannah)
    other = f"{MARCH_QUERY}&store={leeds.pk}"

    for path in ("/insights/", "/insights/contacts/", "/insights/contacts.csv"):
        response = client.get(f"{path}?{other}")
        assert response.status_code == 403, path
        assert b"Daniel Novak" not in b"".join(
            response.streaming_content if response.streaming else [response.content]
        )
    assert "your own stores and teams" in client.get(f"/insights/?{other}").content.decode()
    refused = client_of(hannah).get(f"/api/v1/insights/metrics?{other}")
    assert refused.status_code == 403
    assert (refused.json()["code"], refused.json()["field"]) == ("out_of_reach", "store")


def test_the_filters_offer_only_their_own(client, hannah, leeds) -> None:
    client.force_login(hannah)
    page = client.get(f"/insights/?{MARCH_QUERY}").content.decode()
    assert "Manchester King Street" in page and "Leeds Briggate" not in page
    assert ">Tom Reilly<" in page and ">Chloe Evans<" not in page


def test_a_contact_centre_manager_sees_their_teams(march, leeds) -> None:
    ruth = StaffFactory(username="ruth", first_name="Ruth", last_name="Okafor", role="manager")
    ruth.teams.add(march.contact_centre)
    # The chats of Amara and Daniel: answered in 30 minutes and in 2 hours.
    assert _metrics(client_of(ruth))["response_time"] == (2.5, 2, 1.25)


def test_coaches_and_head_office_see_everyone(march, leeds) -> None:
    coach = StaffFactory(username="grace", role="coach")
    for viewer in (coach, head_office_manager()):
        assert _metrics(client_of(viewer))["consent_coverage"] == (1, 3, 33.3)
        store = _metrics(client_of(viewer), f"{MARCH_QUERY}&store={leeds.pk}")
        assert store["response_time"] == (0, 0, None)  # nobody answered Daniel in Leeds


def test_a_manager_with_no_store_or_team_is_told_why(client, march) -> None:
    client.force_login(StaffFactory(username="new-manager", role="manager"))
    response = client.get(f"/insights/?{MARCH_QUERY}")
    assert response.status_code == 403
    assert "You manage no store or team yet" in response.content.decode()
