"""Once a journey is resolved its customer is asked "Did you have to repeat yourself?"
through the outreach gate; the answer, by a signed link, is recorded once and counted."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from everthread.consent.models import ConsentEvent
from everthread.conversations.models import Journey
from everthread.conversations.services import journey_update
from everthread.insights.metrics import METRICS
from everthread.insights.models import RepeatSurvey
from everthread.insights.scope import Scope
from everthread.insights.services import survey_send
from everthread.outreach.models import OutreachDecision
from factories import ContactPointFactory, CustomerFactory, JourneyFactory, StaffFactory

LINK = re.compile(r"https?://[^/]+(/survey/[^/\s]+/)")


@pytest.fixture
def immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _resolve(journey: Journey, django_capture_on_commit_callbacks) -> RepeatSurvey | None:
    with django_capture_on_commit_callbacks(execute=True):
        journey_update(journey=journey, actor=StaffFactory(username="marcus"), status="resolved")
    return RepeatSurvey.objects.filter(journey=journey).select_related("message").first()


def test_resolving_a_journey_asks_the_customer_once(
    organisation, immediate_tasks, django_capture_on_commit_callbacks, client
) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    ContactPointFactory(customer=daniel, kind="email", value="daniel.novak@example.com")
    journey = JourneyFactory(customer=daniel, title="Boots exchange", channels=["chat", "email"])

    survey = _resolve(journey, django_capture_on_commit_callbacks)

    assert survey is not None and survey.message is not None
    assert survey.message.purpose == "service" and survey.message.channel == "email"
    assert "Did you have to repeat yourself?" in survey.message.body
    assert survey_send(journey_id=journey.pk) is None  # asked once, however often resolved

    path = LINK.search(survey.message.body).group(1)
    page = client.get(path).content.decode()
    assert "Did you have to repeat yourself?" in page
    client.post(path, {"answer": "yes"})
    again = client.post(path, {"answer": "no"}).content.decode()
    assert "Yes, I had to repeat myself" in again
    survey.refresh_from_db()
    assert (survey.answer, survey.answered_via) == ("yes", "link")

    today = Scope(
        timezone.now() - datetime.timedelta(days=1), timezone.now() + datetime.timedelta(days=1)
    )
    assert METRICS["repeat_survey"].measure(today).numerator == 1
    assert METRICS["repeat_survey"].measure(today).denominator == 1


def test_the_gate_refusing_means_no_survey_goes(
    organisation, immediate_tasks, django_capture_on_commit_callbacks
) -> None:
    henry = CustomerFactory(given_name="Henry", family_name="Adeyemi")
    ContactPointFactory(customer=henry, kind="email", value="henry.adeyemi@example.com")
    ConsentEvent.objects.create(
        customer=henry, kind="do_not_contact", source="staff_phone",
        occurred_at=timezone.now() - datetime.timedelta(days=3),
    )  # fmt: skip
    journey = JourneyFactory(customer=henry, title="Complaint", channels=["email"])

    survey = _resolve(journey, django_capture_on_commit_callbacks)

    assert survey is not None and survey.message is None
    decision = OutreachDecision.objects.get(pk=survey.decision_id)
    assert decision.outcome == "refused"
    assert any("do not contact" in reason for reason in decision.reasons)


def test_a_changed_link_records_nothing(client, organisation) -> None:
    response = client.post("/survey/not-a-real-token/", {"answer": "yes"})
    assert response.status_code == 400
    assert "not one we sent" in response.content.decode()
    assert not RepeatSurvey.objects.filter(answered_at__isnull=False).exists()
