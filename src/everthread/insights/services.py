"""The repeat-yourself survey: asked through the outreach gate once a journey is resolved,
answered once by a signed link or a reply."""

from __future__ import annotations

import datetime
import re

from django.db import transaction
from django.utils import timezone

from everthread.channels.services.inbound import automatic_sender
from everthread.consent.models import ConsentChannel, Purpose, consent_channel_of
from everthread.conversations.models import Journey
from everthread.core.models import Staff
from everthread.customers.models import Customer
from everthread.insights.errors import SurveyLinkInvalid
from everthread.insights.models import RepeatSurvey
from everthread.insights.survey_links import LINK_LIFETIME, survey_read, survey_url
from everthread.outreach.selectors import outreach_messages
from everthread.outreach.services import SENDABLE, outreach_send

SURVEY_QUESTION = "Did you have to repeat yourself?"
# Asked later than this, the customer would have to remember too much: no survey.
SURVEY_FRESH_FOR = datetime.timedelta(days=3)


def _survey_channel(journey: Journey) -> str:
    """The channel the customer last used on the journey, if Everthread sends by it; not
    WhatsApp, where after a day only a template Meta approved may go."""
    for channel in reversed(journey.channels or []):
        consent_channel = consent_channel_of(channel)
        if consent_channel in SENDABLE and consent_channel != ConsentChannel.WHATSAPP:
            return consent_channel
    return ConsentChannel.EMAIL


def _survey_body(journey: Journey, survey: RepeatSurvey) -> str:
    name = journey.customer.given_name or "there"
    return (
        f"Hello {name}, thank you for letting us help with “{journey.title}”. "
        f"One question: {SURVEY_QUESTION} Answer yes or no with one tap: "
        f"{survey_url(survey_id=survey.pk)} — or reply YES or NO. Kind regards"
    )


@transaction.atomic
def survey_send(
    *, journey_id: int, at: datetime.datetime | None = None, sender: Staff | None = None
) -> RepeatSurvey | None:
    """Ask the journey's customer the one question, through the gate, once per journey.

    ``sender`` is who the message is from (Everthread's automatic sender unless given).
    Returns the survey (with its message, or without one if the gate refused), or None
    when the journey is not resolved, was resolved too long ago or was already asked."""
    at = at or timezone.now()
    journey = Journey.objects.select_related("customer").filter(pk=journey_id).first()
    if journey is None or journey.status != Journey.Status.RESOLVED:
        return None
    if journey.resolved_at is None or at - journey.resolved_at > SURVEY_FRESH_FOR:
        return None
    survey, created = RepeatSurvey.objects.get_or_create(
        journey=journey,
        defaults={
            "customer_id": journey.customer_id,
            "channel": _survey_channel(journey),
            "asked_at": at,
        },
    )
    if not created:
        return None
    sent = outreach_send(
        customer=journey.customer,
        channel=survey.channel,
        purpose=Purpose.SERVICE,
        subject=SURVEY_QUESTION,
        body=_survey_body(journey, survey),
        actor=sender or automatic_sender(),
        at=at,
    )
    survey.decision, survey.message = sent.decision, sent.message
    survey.save(update_fields=["decision", "message"])
    return survey


@transaction.atomic
def survey_answer(
    *,
    token: str,
    answer: str,
    via: str = RepeatSurvey.Via.LINK,
    at: datetime.datetime | None = None,
) -> RepeatSurvey:
    """Record the customer's answer; a second answer (a double tap, a reload) changes nothing."""
    if answer not in RepeatSurvey.Answer.values:
        raise SurveyLinkInvalid("Choose yes or no.", field="answer")
    survey_id = survey_read(token)
    claimed = _answer_claim(survey_id, answer, via, at or timezone.now())
    survey = RepeatSurvey.objects.filter(pk=survey_id).first()
    if survey is None or (not claimed and survey.message_id is None):
        raise SurveyLinkInvalid("This survey link is not one we sent.")
    return survey


def _answer_claim(survey_id: int, answer: str, via: str, at: datetime.datetime) -> bool:
    """Record the answer if the survey went and is still unanswered: the first one counts."""
    claimed = RepeatSurvey.objects.filter(
        pk=survey_id, answered_at__isnull=True, message__isnull=False
    ).update(answer=answer, answered_at=at, answered_via=via)
    return claimed == 1


# A reply that is the answer and nothing more, as people type it: "Yes", "no.", "YES!",
# "Nope, thanks". Anything longer is a message for staff, not an answer to count.
_ANSWER_WORDS = {
    RepeatSurvey.Answer.YES: {"yes", "y", "yeah", "yep", "yup", "yes i did", "i did"},
    RepeatSurvey.Answer.NO: {"no", "n", "nope", "nah", "no i didnt", "no i did not", "i didnt"},
}
_COURTESY = re.compile(r"\s+(?:thanks|thank you|thankyou|cheers)$")


def survey_reply_read(text: str) -> str:
    """The answer a reply gives ("yes" or "no"), or "" when it is not one: the first line
    that is not quoted from our message, its case, punctuation and a "thanks" aside."""
    first = next(
        (line for line in text.splitlines() if line.strip() and not line.lstrip().startswith(">")),
        "",
    )
    words = " ".join(re.findall(r"[a-z]+", first.lower().replace("'", "").replace("’", "")))
    words = _COURTESY.sub("", words)
    return next((answer for answer, said in _ANSWER_WORDS.items() if words in said), "")


@transaction.atomic
def survey_answer_by_reply(
    *, customer_id: int, channel: str, text: str, at: datetime.datetime
) -> RepeatSurvey | None:
    """A reply of YES or NO answers the customer's survey when it came on the channel the
    survey went by, within the survey link's lifetime, and the survey is the last message we
    sent them there (a YES after a later message answers that message, not the survey).
    Returns the survey answered, or None when the reply answers none."""
    answer = survey_reply_read(text)
    if not answer:
        return None
    survey = (
        RepeatSurvey.objects.filter(
            customer_id=customer_id,
            channel=channel,
            message__isnull=False,
            answered_at__isnull=True,
            asked_at__lte=at,
            asked_at__gt=at - LINK_LIFETIME,
        )
        .order_by("-asked_at", "-pk")
        .first()
    )
    if survey is None:
        return None
    latest = next(
        (
            message
            for message in outreach_messages(customer_id=customer_id)
            if message.channel == channel and message.created_at <= at
        ),
        None,
    )
    if latest is None or latest.pk != survey.message_id:
        return None
    if not _answer_claim(survey.pk, answer, RepeatSurvey.Via.REPLY, at):
        return None
    survey.refresh_from_db()
    return survey


def survey_reply(customer: Customer, channel: str, text: str, at: datetime.datetime) -> str:
    """Channels' reply reader: the note kept with the inbound message when it answered."""
    survey = survey_answer_by_reply(customer_id=customer.pk, channel=channel, text=text, at=at)
    if survey is None:
        return ""
    return f"Answer to “{SURVEY_QUESTION}” recorded: {survey.get_answer_display().lower()}."
