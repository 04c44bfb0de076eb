"""Coaching: behaviour rubrics and the observations scored on them, microlearning modules
with their assignments and answers, and mystery-shop forms with their visits.

Every score is about one of the seven behaviours the seed names, so observations and
mystery-shop answers meet in one measure per behaviour (selectors.behaviour_scores).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from everthread.conversations.models import Interaction
from everthread.core.models import Channel, Staff, Store, Team
from everthread.customers.models import Customer
from everthread.notes.models import Note


class Behaviour(models.TextChoices):
    """The behaviours that make continuity work, in the seed's words."""

    ACKNOWLEDGE_HISTORY = "acknowledge_history", "Acknowledge history"
    CONFIRM_NEEDS = "confirm_needs", "Confirm needs"
    SUMMARISE_NEXT_STEPS = "summarise_next_steps", "Summarise next steps"
    FOLLOW_THROUGH = "follow_through", "Follow through"
    PERSONALISE = "personalise", "Personalise appropriately"
    CHANNEL_TONE = "channel_tone", "Channel-appropriate tone"
    CONSENT = "consent", "Consent respected"


class Rubric(models.Model):
    """One version of a rubric. Editing a version that has observations makes the next one,
    so a past score always reads against the words it was given for."""

    slug = models.SlugField(max_length=60)
    version = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    scale_max = models.PositiveSmallIntegerField(
        default=4, help_text="Scores run from 1 to this (4: not yet, partly, mostly, fully)."
    )
    is_current = models.BooleanField(default=True)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name", "-version")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["slug", "version"], name="rubric_version_once"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(is_current=True), name="rubric_one_current"
            ),
            models.CheckConstraint(condition=Q(scale_max__gte=2), name="rubric_scale_at_least_2"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"


class Criterion(models.Model):
    """One behaviour of a rubric version, with what good looks like."""

    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    behaviour = models.CharField(max_length=24, choices=Behaviour.choices)
    label = models.CharField(max_length=200)
    guidance = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "id")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["rubric", "behaviour"], name="criterion_behaviour_once_per_rubric"
            )
        ]

    def __str__(self) -> str:
        return self.label


class Observation(models.Model):
    """A manager's or coach's observation of one member of staff on real work."""

    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="observations")
    observed = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="observations")
    observer = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    # The customer whose contacts were observed: every linked interaction is theirs.
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    interactions = models.ManyToManyField(Interaction, related_name="+")
    notes = models.ManyToManyField(Note, blank=True, related_name="+")
    messages = models.ManyToManyField("outreach.OutboundMessage", blank=True, related_name="+")
    # Where and how it happened, from the first interaction: what the measures filter by.
    channel = models.CharField(max_length=24, choices=Channel.choices)
    store = models.ForeignKey(Store, null=True, blank=True, on_delete=models.SET_NULL)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL)
    comment = models.TextField(blank=True)
    observed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-observed_at", "-id")
        indexes: ClassVar = [
            models.Index(fields=["observed", "-observed_at"], name="observation_observed"),
            models.Index(fields=["observed_at"], name="observation_at"),
        ]

    def __str__(self) -> str:
        return f"{self.observed} on {self.observed_at:%Y-%m-%d}"


class Score(models.Model):
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("criterion__position", "criterion_id")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["observation", "criterion"], name="score_once_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Module(models.Model):
    """A microlearning module: a card of guidance and a check question or two."""

    title = models.CharField(max_length=160)
    behaviour = models.CharField(max_length=24, choices=Behaviour.choices)
    card = models.TextField(help_text="The guidance, short enough to read between customers.")
    minutes = models.PositiveSmallIntegerField(default=3)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    choices = models.JSONField(default=list)
    correct = models.PositiveSmallIntegerField(help_text="Which choice is right, from 0.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.text


class Assignment(models.Model):
    """A module given to one person, directly, through a team, or recommended on a gap."""

    class Source(models.TextChoices):
        PERSON = "person", "Assigned"
        TEAM = "team", "Assigned to the team"
        RECOMMENDED = "recommended", "Recommended"

    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="assignments")
    learner = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="assignments")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.PERSON)
    reason = models.CharField(max_length=300, blank=True)
    due_on = models.DateField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("completed_at", "due_on", "id")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["module", "learner"],
                condition=Q(completed_at__isnull=True),
                name="assignment_open_once_per_learner",
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["learner", "completed_at"], name="assignment_learner"),
        ]

    def __str__(self) -> str:
        return f"{self.module} for {self.learner}"


class Answer(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    choice = models.PositiveSmallIntegerField()
    correct = models.BooleanField()
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("answered_at", "id")

    def __str__(self) -> str:
        return f"{self.question}: {self.choice}"


class MysteryShopForm(models.Model):
    """A questionnaire a mystery shopper or manager fills in per visit or contact."""

    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class MysteryShopQuestion(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", "Yes or no"
        SCALE = "scale", "Scale of 1 to 5"
        TEXT = "text", "Free text"

    form = models.ForeignKey(MysteryShopForm, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # Blank for a free-text question: it is read, not scored.
    behaviour = models.CharField(max_length=24, choices=Behaviour.choices, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.text


class MysteryShopVisit(models.Model):
    """One visit or contact, as the shopper found it."""

    form = models.ForeignKey(MysteryShopForm, on_delete=models.PROTECT, related_name="visits")
    store = models.ForeignKey(Store, null=True, blank=True, on_delete=models.SET_NULL)
    channel = models.CharField(max_length=24, choices=Channel.choices)
    visited_on = models.DateField()
    staff = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shopper = models.CharField(max_length=120, blank=True)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-visited_on", "-id")
        indexes: ClassVar = [models.Index(fields=["visited_on"], name="visit_on")]

    def __str__(self) -> str:
        return f"{self.form} on {self.visited_on}"


class MysteryShopAnswer(models.Model):
    visit = models.ForeignKey(MysteryShopVisit, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        MysteryShopQuestion, on_delete=models.PROTECT, related_name="answers"
    )
    # A yes or no is 1 or 0; a scale answer 1 to 5; free text has none.
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ("question__position", "question_id")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["visit", "question"], name="visit_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value if self.value is not None else self.text}"


class PracticeScenario(models.Model):
    """A cross-channel role play a coach writes: a customer persona and the starting history
    a learner continues in the sandbox. The persona is fictional and lives only here."""

    title = models.CharField(max_length=160)
    situation = models.TextField(help_text="What the learner is told before they start.")
    channel = models.CharField(
        max_length=24, choices=Channel.choices, help_text="Where the learner picks it up."
    )
    # Name, contact points, preferences and stated consent, as the persona's profile shows them.
    persona = models.JSONField(default=dict)
    # Scored on the current version of this rubric when an attempt is submitted.
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="+")
    is_archived = models.BooleanField(default=False)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("title", "id")

    def __str__(self) -> str:
        return self.title

    @property
    def persona_name(self) -> str:
        return " ".join(
            part
            for part in (self.persona.get("given_name"), self.persona.get("family_name"))
            if part
        )


class PracticeStep(models.Model):
    """One item of a scenario's starting history, placed a number of minutes before the
    attempt starts so the sandbox timeline always reads as today's."""

    class Kind(models.TextChoices):
        INBOUND = "inbound", "Message from the customer"
        OUTBOUND = "outbound", "Message to the customer"
        NOTE = "note", "Handover note"
        FOLLOWUP = "followup", "Promised follow-up"

    scenario = models.ForeignKey(PracticeScenario, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    channel = models.CharField(max_length=24, choices=Channel.choices, blank=True)
    minutes_before = models.PositiveIntegerField(default=0)
    # The colleague in the story, by name: a persona's world, not a login.
    author = models.CharField(max_length=120, blank=True)
    text = models.TextField()
    # A follow-up's due time, in minutes after the attempt starts (negative: already overdue).
    due_in_minutes = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ("position", "id")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"


class PracticeAttempt(models.Model):
    """One learner's (or hiring candidate's) run of a scenario in the sandbox."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted, waiting for review"
        REVIEWED = "reviewed", "Reviewed"

    scenario = models.ForeignKey(
        PracticeScenario, on_delete=models.PROTECT, related_name="attempts"
    )
    learner = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="practice_attempts"
    )
    # A hiring candidate has no login: a name, and a signed link that expires.
    candidate_name = models.CharField(max_length=120, blank=True)
    link_nonce = models.CharField(max_length=32, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    # Handover practice: the colleague's attempt this one continues from.
    handover_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="handovers"
    )
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The rubric version it was scored on: fixed at submission, as an observation's is.
    rubric = models.ForeignKey(
        Rubric, null=True, blank=True, on_delete=models.PROTECT, related_name="practice_attempts"
    )
    reviewed_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ("-started_at", "-id")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(learner__isnull=False) | ~Q(candidate_name=""),
                name="practice_attempt_has_someone",
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["learner", "-started_at"], name="practice_attempt_learner"),
            models.Index(fields=["status", "submitted_at"], name="practice_attempt_status"),
        ]

    def __str__(self) -> str:
        return f"{self.scenario} by {self.who}"

    @property
    def who(self) -> str:
        return str(self.learner) if self.learner else f"{self.candidate_name} (candidate)"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS


class PracticeEntry(models.Model):
    """One line of an attempt's sandbox timeline, in the shape the real timeline templates
    read (kind, title, text, detail): the history copied in, then what the learner wrote."""

    attempt = models.ForeignKey(PracticeAttempt, on_delete=models.CASCADE, related_name="entries")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=32)  # "interaction", "note", "followup"
    channel = models.CharField(max_length=24, choices=Channel.choices, blank=True)
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # The learner's own work in this attempt (what is scored), not the history they were given.
    by_learner = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "practice entries"
        ordering = ("-occurred_at", "-id")
        indexes: ClassVar = [
            models.Index(fields=["attempt", "-occurred_at", "-id"], name="practice_entry_attempt")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def object_id(self) -> int:
        return self.pk


class PracticeScore(models.Model):
    """A score per behaviour on an attempt: computed from the evidence, or the coach's."""

    class Source(models.TextChoices):
        AUTOMATIC = "automatic", "Automatic"
        COACH = "coach", "Coach"

    attempt = models.ForeignKey(PracticeAttempt, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="practice_scores"
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    value = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("criterion__position", "criterion_id", "source")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["attempt", "criterion", "source"], name="practice_score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value} ({self.source})"
