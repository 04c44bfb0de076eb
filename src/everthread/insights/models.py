"""The "did you have to repeat yourself?" survey: one question after a journey closes."""

from __future__ import annotations

from typing import ClassVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from everthread.conversations.models import Interaction, Journey
from everthread.customers.models import Customer


class RepeatSurvey(models.Model):
    """The question sent (or refused by the gate) for one resolved journey, and its answer."""

    class Answer(models.TextChoices):
        YES = "yes", "Yes, I had to repeat myself"
        NO = "no", "No, I did not"

    class Via(models.TextChoices):
        LINK = "link", "Survey link"
        REPLY = "reply", "Reply"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="repeat_surveys")
    # One question per journey: resolving it again after it reopened asks nothing new.
    journey = models.OneToOneField(Journey, on_delete=models.CASCADE, related_name="repeat_survey")
    decision = models.ForeignKey(
        "outreach.OutreachDecision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.ForeignKey(
        "outreach.OutboundMessage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where the survey went: the journey's last channel the gate allowed, in consent terms.
    channel = models.CharField(max_length=12, blank=True)
    asked_at = models.DateTimeField()
    answer = models.CharField(max_length=3, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_via = models.CharField(max_length=5, choices=Via.choices, blank=True)

    class Meta:
        indexes: ClassVar = [
            models.Index(fields=["answered_at"], name="repeat_survey_answered"),
        ]

    def __str__(self) -> str:
        return f"Survey for journey {self.journey_id}: {self.answer or 'no answer'}"

    @property
    def sent(self) -> bool:
        return self.message_id is not None


class RepeatHeard(models.Model):
    """A contact in which the customer told us again what we already knew, as the detector
    found it: kept as contacts and notes arrive (repeats.services.repeats_catch_up), so the
    dashboards count rows instead of reading every timeline on each request."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    # The contact they told us again in.
    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=20)
    # The detector's finding: both passages, the score and the reason in words.
    repeat = models.JSONField(encoder=DjangoJSONEncoder)

    def __str__(self) -> str:
        return f"Told again in contact {self.interaction_id}"


class RepeatScan(models.Model):
    """How far the detector has read: RepeatHeard reflects every timeline entry up to
    ``through_entry_id`` (one row)."""

    through_entry_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"Repeats found through timeline entry {self.through_entry_id}"
