"""When a provider is busy or down (HTTP 500, 429, SMTP 451) or does not answer, the
message waits and is tried again later, each wait about twice the last, until it goes;
after too many tries it is failed for good, with the last reason."""

from __future__ import annotations

import datetime

import pytest

from everthread.outreach.delivery import outreach_deliver
from factories import ContactPointFactory
from outboxing import daytime, queue_message

FLAKY_NUMBER, BUSY_NUMBER, SLOW_NUMBER = "+447700900991", "+447700900993", "+447700900992"


@pytest.fixture
def settings_for_retries(settings):
    settings.OUTBOX_RETRY_SECONDS = 60
    settings.OUTBOX_MAX_ATTEMPTS = 3


def _wait(message, since: datetime.datetime) -> float:
    return (message.next_attempt_at - since).total_seconds()


def test_a_server_error_is_retried_later_then_sent(
    provider, settings_for_retries, charlotte, advisor
) -> None:
    ContactPointFactory(customer=charlotte, kind="phone", value=FLAKY_NUMBER)
    message = queue_message(charlotte, advisor, "sms", address=FLAKY_NUMBER)
    now = daytime()

    first = outreach_deliver(message_id=message.pk, now=now)
    assert first is not None and first.status == "queued"
    assert first.last_error == "Twilio was busy or unavailable (HTTP 500); trying again later."
    assert 45 <= _wait(first, now) <= 75  # 60 s, ±25%
    assert outreach_deliver(message_id=message.pk, now=now) is None  # not due yet

    now = first.next_attempt_at
    second = outreach_deliver(message_id=message.pk, now=now)
    assert second is not None and second.status == "queued" and second.attempts == 2
    assert 90 <= _wait(second, now) <= 150  # twice as long

    third = outreach_deliver(message_id=message.pk, now=second.next_attempt_at)
    assert third is not None and (third.status, third.attempts, third.last_error) == ("sent", 3, "")
    assert [m["to"] for m in provider.messages()] == [FLAKY_NUMBER]


def test_too_many_refusals_to_take_it_put_the_message_on_the_dead_letter_list(
    provider, settings, settings_for_retries, charlotte, advisor
) -> None:
    settings.OUTBOX_MAX_ATTEMPTS = 2
    ContactPointFactory(customer=charlotte, kind="phone", value=BUSY_NUMBER)
    message = queue_message(charlotte, advisor, "sms", address=BUSY_NUMBER)

    first = outreach_deliver(message_id=message.pk, now=daytime())
    assert first is not None
    last = outreach_deliver(message_id=message.pk, now=first.next_attempt_at)

    assert last is not None and last.status == "dead"
    assert last.get_status_display() == "Failed for good"
    assert last.last_error == (
        "Gave up after 2 attempts. Twilio was busy or unavailable (HTTP 429); trying again later."
    )
    assert provider.messages() == []


def test_a_provider_that_does_not_answer_is_given_up_on_and_asked_again(
    provider, settings, settings_for_retries, charlotte, advisor
) -> None:
    settings.OUTBOX_TIMEOUT_SECONDS = 1
    ContactPointFactory(customer=charlotte, kind="phone", value=SLOW_NUMBER)
    message = queue_message(charlotte, advisor, "whatsapp", address=SLOW_NUMBER)

    tried = outreach_deliver(message_id=message.pk, now=daytime())

    assert tried is not None and tried.status == "queued"
    assert tried.last_error == "WhatsApp did not answer within 1 seconds; trying again later."


def test_a_mail_server_that_says_try_later_is_tried_later(
    provider, settings_for_retries, charlotte, advisor
) -> None:
    ContactPointFactory(customer=charlotte, kind="email", value="flaky.charlotte@example.com")
    message = queue_message(
        charlotte, advisor, "email", address="flaky.charlotte@example.com", subject="Hello"
    )

    tried = outreach_deliver(message_id=message.pk, now=daytime())

    assert tried is not None and tried.status == "queued"
    assert tried.last_error.startswith(
        "The mail server refused flaky.charlotte@example.com for now (451"
    )
