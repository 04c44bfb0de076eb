"""The survey says "reply YES or NO": a reply of YES or NO (as people type it) from the
customer, on the channel the survey went by, while it can still be answered, is recorded
as the answer and counted; the reply stays on the timeline like any other message."""

from __future__ import annotations

import datetime
from email.message import EmailMessage

import pytest
from django.utils import timezone

import webhooks
from consenting import GRANTED, client_of, isabelle
from consenting import record as consent
from everthread.channels.models import InboundEvent
from everthread.channels.services.email import email_receive
from everthread.conversations.models import Interaction
from everthread.conversations.services import journey_update
from everthread.insights.metrics import METRICS
from everthread.insights.models import RepeatSurvey
from everthread.insights.scope import Scope
from everthread.insights.services import survey_reply_read
from everthread.outreach.services import outreach_send
from factories import JourneyFactory, StaffFactory
from webhooks import sms, twilio_post

HENRY = "+447700900112"


@pytest.fixture
def henry(organisation, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.TWILIO_AUTH_TOKEN = webhooks.TWILIO_AUTH_TOKEN
    settings.PUBLIC_URL = ""
    # No quiet hours: the survey goes at once whatever the time the test runs.
    organisation.quiet_hours_start = organisation.quiet_hours_end = datetime.time(0, 0)
    organisation.save()
    henry = client_of(isabelle(), "Henry", "Adeyemi", HENRY)
    consent(henry, "sms", "service", GRANTED)
    consent(henry, "email", "service", GRANTED)
    return henry


def _asked(customer, channels, capture) -> RepeatSurvey:
    journey = JourneyFactory(customer=customer, title="Boots exchange", channels=channels)
    with capture(execute=True):
        journey_update(journey=journey, actor=StaffFactory(username="marcus"), status="resolved")
    survey = RepeatSurvey.objects.get(journey=journey)
    assert survey.message_id is not None
    return survey


def _text(client, capture, sid: str, words: str, sender: str = HENRY) -> InboundEvent:
    with capture(execute=True):
        twilio_post(client, sms(sid, sender, words))
    return InboundEvent.objects.get(provider_message_id=sid)


def test_a_yes_by_text_answers_the_survey_sent_by_text(
    client, henry, django_capture_on_commit_callbacks
) -> None:
    capture = django_capture_on_commit_callbacks
    survey = _asked(henry, ["sms"], capture)
    assert survey.channel == "sms" and "reply YES or NO" in survey.message.body

    event = _text(client, capture, "SM1", "Yes!")

    survey.refresh_from_db()
    assert (survey.answer, survey.answered_via) == ("yes", "reply")
    assert (
        event.note
        == "Answer to “Did you have to repeat yourself?” recorded: yes, i had to repeat myself."
    )
    assert Interaction.objects.filter(pk=event.interaction_id, direction="inbound").exists()
    today = Scope(
        timezone.now() - datetime.timedelta(days=1), timezone.now() + datetime.timedelta(days=1)
    )
    assert METRICS["repeat_survey"].measure(today).numerator == 1

    _text(client, capture, "SM2", "no")  # the first answer counts
    survey.refresh_from_db()
    assert survey.answer == "yes"


def test_a_no_by_email_with_our_message_quoted_answers_it(
    henry, django_capture_on_commit_callbacks
) -> None:
    survey = _asked(henry, ["email"], django_capture_on_commit_callbacks)
    mail = EmailMessage()
    mail["From"], mail["To"] = "Henry Adeyemi <henry.adeyemi@example.com>", "hello@example.com"
    mail["Subject"], mail["Message-ID"] = (
        "Re: Did you have to repeat yourself?",
        "<r1@mail.example>",
    )
    mail.set_content(
        "No, thanks\n\nOn Monday Harlow & Finch wrote:\n> One question: reply YES or NO"
    )

    with django_capture_on_commit_callbacks(execute=True):
        email_receive(raw=bytes(mail), envelope_recipients=["hello@example.com"])

    survey.refresh_from_db()
    assert (survey.answer, survey.answered_via) == ("no", "reply")


@pytest.mark.parametrize(
    ("when", "why"),
    [
        ("another_channel", "a YES by WhatsApp does not answer a survey sent by email"),
        ("too_late", "the survey can no longer be answered after 30 days"),
        ("later_message", "a YES after a later message answers that message"),
        ("long_reply", "a sentence is a message for staff, not an answer"),
        ("someone_else", "only the customer asked can answer"),
    ],
)
def test_replies_that_do_not_answer_it(
    client, henry, django_capture_on_commit_callbacks, when: str, why: str
) -> None:
    capture = django_capture_on_commit_callbacks
    survey = _asked(henry, ["email" if when == "another_channel" else "sms"], capture)
    words, sender = "YES", HENRY
    if when == "too_late":
        RepeatSurvey.objects.filter(pk=survey.pk).update(
            asked_at=timezone.now() - datetime.timedelta(days=31)
        )
    elif when == "later_message":
        outreach_send(customer=henry, channel="sms", purpose="service", actor=isabelle(),
                      body="Shall we keep the EU 43 for you until Saturday?")  # fmt: skip
    elif when == "long_reply":
        words = "Yes, and the boots in the 43 are still not here"
    elif when == "someone_else":
        client_of(None, "Rosa", "Alvarez", "+447700900555")
        sender = "+447700900555"

    event = _text(client, capture, "SM9", words, sender=sender)

    survey.refresh_from_db()
    assert survey.answered_at is None, why
    assert event.outcome == "recorded" and event.note == ""


@pytest.mark.parametrize(
    ("reply", "answer"),
    [
        ("YES", "yes"), ("yes.", "yes"), (" Yes! ", "yes"), ("Yeah, thanks", "yes"),
        ("yes I did", "yes"), ("y", "yes"), ("No", "no"), ("no!!", "no"), ("NOPE", "no"),
        ("No, I didn't. Thank you", "no"), ("no I didn't", "no"), ("Nope, cheers", "no"),
        ("No more messages please", ""), ("yes please send the 43", ""), ("", ""),
        ("> Did you have to repeat yourself?\nyes", "yes"),
    ],
)  # fmt: skip
def test_how_a_reply_is_read(reply: str, answer: str) -> None:
    assert survey_reply_read(reply) == answer
