"""On the customer page, each contact a colleague handled offers "Observe" to managers and
coaches; the observation page scores it on the current rubric and lands on the colleague's
coaching page."""

from __future__ import annotations

import pytest
from django.test import Client

from continuity import contact
from everthread.coaching.models import Observation

pytestmark = pytest.mark.django_db


def observe_link(interaction) -> str:
    return f'href="/coaching/observe/?interaction={interaction.pk}"'


def test_managers_see_observe_on_a_colleagues_contact_only(
    client: Client, ruth, chloe, daniel, chat, rubric
) -> None:
    own = contact(daniel, "phone", "Ruth called about the boots", staff=ruth, direction="outbound")
    client.force_login(ruth)

    page = client.get(f"/customers/{daniel.pk}/").content.decode()

    assert observe_link(chat) in page
    assert observe_link(own) not in page


def test_frontline_staff_are_not_offered_observe(client: Client, chloe, daniel, chat, associate):
    client.force_login(associate)

    page = client.get(f"/customers/{daniel.pk}/").content.decode()

    assert chat.summary in page and observe_link(chat) not in page


def test_observing_from_the_timeline_lands_on_the_colleagues_page(
    client: Client, ruth, chloe, daniel, chat, rubric
) -> None:
    client.force_login(ruth)
    form = client.get(f"/coaching/observe/?interaction={chat.pk}").content.decode()
    assert "Observe Chloe Evans" in form and "Did we acknowledge history?" in form

    response = client.post(
        "/coaching/observe/",
        {
            "interaction": chat.pk,
            "rubric": rubric.pk,
            "score_acknowledge_history": "4",
            "score_confirm_needs": "3",
            "comment": "Picked up the order without asking again.",
        },
    )

    assert response.status_code == 302 and response["Location"] == f"/coaching/staff/{chloe.pk}/"
    coaching = client.get(response["Location"]).content.decode()
    assert "Picked up the order without asking again." in coaching
    assert Observation.objects.get().observer == ruth


def test_an_observation_with_no_score_shows_a_form_error(client: Client, ruth, chat, rubric):
    client.force_login(ruth)

    response = client.post("/coaching/observe/", {"interaction": chat.pk, "rubric": rubric.pk})

    assert response.status_code == 200
    assert "Score at least one behaviour." in response.content.decode()
    assert not Observation.objects.exists()


def test_observe_without_an_interaction_says_where_to_start(client: Client, ruth, rubric):
    client.force_login(ruth)

    response = client.get("/coaching/observe/")

    assert response.status_code == 400
    assert "from a colleague" in response.content.decode()
