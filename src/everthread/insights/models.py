"""The "did you have to repeat yourself?" survey: one question after a journey closes."""

from __future__ import annotations

from typing import ClassVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from everthread.conversations.models import Interaction, Journey
from everthread.core.models import Staff, Store, Team
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


# --- Daily rollups: what the dashboards read for whole days (insights.rollups) ---
#
# Each row sums one day's rows of a live metric's query that share the dimensions a scope
# filters on, named as the live rows name them (store, team, staff, channel; created_by for
# messages), so the live filters (metrics.contacts_in, staff_in) apply to them unchanged.
# The foreign keys hold no constraint: a rollup never stops a store, a team or a person
# being removed, and is recomputed from the live rows.


def _dimension(model: type[models.Model], *, null: bool = True) -> models.ForeignKey:
    return models.ForeignKey(
        model,
        null=null,
        blank=null,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )


class RollupDay(models.Model):
    """A day the rollups hold: the dashboards read it from them instead of the contacts."""

    day = models.DateField(unique=True)
    refreshed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Rolled up {self.day}"


class RollupMark(models.Model):
    """How far the rollups have looked for late facts (one row): contacts, messages and
    follow-ups recorded up to these ids, and message statuses and follow-ups changed up
    to ``through_at``, are in them."""

    through_interaction_id = models.BigIntegerField(default=0)
    through_message_id = models.BigIntegerField(default=0)
    through_followup_id = models.BigIntegerField(default=0)
    through_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Rollups through contact {self.through_interaction_id}"


class ReplyDay(models.Model):
    """The customer's messages of a day that we answered (metrics.replies) and the sum of
    the waits for our answers, in microseconds."""

    day = models.DateField()
    store = _dimension(Store)
    team = _dimension(Team)
    staff = _dimension(Staff)
    channel = models.CharField(max_length=24)
    answered = models.IntegerField()
    wait_us = models.BigIntegerField()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["day"], name="reply_day")]

    def __str__(self) -> str:
        return f"{self.answered} answered on {self.day}"


class MoveDay(models.Model):
    """Contacts of a day that came from another channel of their journey (the journey
    map's flows), and the sum of the waits between the two, in microseconds."""

    day = models.DateField()
    store = _dimension(Store)
    team = _dimension(Team)
    staff = _dimension(Staff)
    channel = models.CharField(max_length=24)
    came_from = models.CharField(max_length=24)
    moves = models.IntegerField()
    wait_us = models.BigIntegerField()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["day"], name="move_day")]

    def __str__(self) -> str:
        return f"{self.moves} moves {self.came_from} to {self.channel} on {self.day}"


class ResolvedDay(models.Model):
    """Journeys resolved on a day, per owner, and those the customer got in touch about at
    most once (first-contact resolution for scopes narrowed to a person or nothing)."""

    day = models.DateField()
    owner = _dimension(Staff)
    resolved = models.IntegerField()
    first = models.IntegerField()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["day"], name="resolved_day")]

    def __str__(self) -> str:
        return f"{self.resolved} resolved on {self.day}"


class ResolvedPlace(models.Model):
    """Where a journey resolved on a day had contacts: one row per store, team, person and
    channel of its contacts, so a scope narrowed to a store, team, channel or a manager's
    reach counts the journeys with a contact there (metrics.journeys_in)."""

    day = models.DateField()
    journey_id = models.BigIntegerField()
    owner = _dimension(Staff)
    first = models.BooleanField()
    store = _dimension(Store)
    team = _dimension(Team)
    staff = _dimension(Staff)
    channel = models.CharField(max_length=24)

    class Meta:
        indexes: ClassVar = [models.Index(fields=["day"], name="resolved_place_day")]

    def __str__(self) -> str:
        return f"Journey {self.journey_id} resolved on {self.day}"


class BreakDay(models.Model):
    """Follow-ups raised from a contact and due on a day, per holder and the contact's
    channel: those missed (open past due, or done late) and those escalated (the journey
    map's breaks)."""

    day = models.DateField()
    owner = _dimension(Staff)
    team = _dimension(Team)
    channel = models.CharField(max_length=24)
    missed = models.IntegerField()
    escalated = models.IntegerField()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["day"], name="break_day")]

    def __str__(self) -> str:
        return f"{self.missed} missed on {self.day}"


class SentDay(models.Model):
    """Messages of a day sent (metrics.messages_in) per sender and consent channel, those
    the tone check passed without a warning, and those the customer answered."""

    day = models.DateField()
    created_by = _dimension(Staff, null=False)
    channel = models.CharField(max_length=12)
    sent = models.IntegerField()
    on_tone = models.IntegerField()
    answered = models.IntegerField()

    class Meta:
        indexes: ClassVar = [models.Index(fields=["day"], name="sent_day")]

    def __str__(self) -> str:
        return f"{self.sent} sent on {self.day}"
