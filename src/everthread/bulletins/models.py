"""Bulletins to staff with read acknowledgement, and the promotions calendar every channel
shares, so an associate in store can honour what a customer saw on Instagram."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from everthread.core.models import Channel, Role, Staff, Store, Team

# Staff are not assigned channels one by one: a member of staff works in the channels their
# teams answer, by the kind of team. A bulletin or promotion addressed to a channel reaches
# everyone in a team that works it.
TEAM_KIND_CHANNELS: dict[str, frozenset[str]] = {
    Team.Kind.STORE: frozenset({Channel.IN_STORE, Channel.CLICK_AND_COLLECT, Channel.VIDEO}),
    Team.Kind.FRONT_DESK: frozenset({Channel.IN_STORE, Channel.PHONE, Channel.EMAIL}),
    Team.Kind.CONTACT_CENTRE: frozenset(
        {
            Channel.PHONE,
            Channel.EMAIL,
            Channel.CHAT,
            Channel.SMS,
            Channel.WHATSAPP,
            Channel.INSTAGRAM,
            Channel.X,
            Channel.MESSENGER,
            Channel.WEB_FORM,
            Channel.APP,
            Channel.VIDEO,
        }
    ),
    Team.Kind.SALES: frozenset({Channel.PHONE, Channel.EMAIL, Channel.WEB_FORM}),
    Team.Kind.HEAD_OFFICE: frozenset(),
}


def team_kinds_working(channels: set[str]) -> list[str]:
    """The kinds of team that work any of ``channels``."""
    return sorted(kind for kind, worked in TEAM_KIND_CHANNELS.items() if worked & channels)


class BulletinQuerySet(models.QuerySet["Bulletin"]):
    def published(self, at: object) -> BulletinQuerySet:
        """Out (published) and not yet expired at ``at``."""
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=at), publish_at__lte=at)


class Bulletin(models.Model):
    """An internal update to the staff its audience names, optionally to be acknowledged."""

    title = models.CharField(max_length=200)
    body = models.TextField()
    author = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    publish_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    acknowledgement_required = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        ordering = ("-publish_at", "-id")
        indexes: ClassVar = [models.Index(fields=["publish_at", "id"], name="bulletin_publish")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(expires_at__gt=models.F("publish_at")),
                name="bulletin_expires_after_publish",
            )
        ]

    def __str__(self) -> str:
        return self.title


class BulletinTarget(models.Model):
    """One part of a bulletin's audience: a role, a store, a team or a channel.

    No targets means everyone. Targets of one kind widen (Leeds or Manchester); kinds
    narrow each other (associates, in Leeds)."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="targets")
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    store = models.ForeignKey(Store, null=True, blank=True, on_delete=models.CASCADE)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE)
    channel = models.CharField(max_length=24, choices=Channel.choices, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=(
                    Q(role__gt="", store__isnull=True, team__isnull=True, channel="")
                    | Q(role="", store__isnull=False, team__isnull=True, channel="")
                    | Q(role="", store__isnull=True, team__isnull=False, channel="")
                    | Q(role="", store__isnull=True, team__isnull=True, channel__gt="")
                ),
                name="bulletin_target_one_kind",
            )
        ]

    def __str__(self) -> str:
        if self.role:
            return Role(self.role).label
        if self.channel:
            return Channel(self.channel).label
        return str(self.store or self.team)


class BulletinAcknowledgement(models.Model):
    """A member of staff has read a bulletin: once, whenever they say so again."""

    bulletin = models.ForeignKey(
        Bulletin, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="+")
    acknowledged_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["bulletin", "staff"], name="bulletin_read_once"),
        ]
        indexes: ClassVar = [models.Index(fields=["staff", "bulletin"], name="bulletin_read_by")]

    def __str__(self) -> str:
        return f"{self.staff_id} read {self.bulletin_id}"


class PromotionQuerySet(models.QuerySet["Promotion"]):
    def with_channels(self) -> PromotionQuerySet:
        return self.prefetch_related("channels")

    def live(self, at: object) -> PromotionQuerySet:
        return self.filter(starts_at__lte=at, ends_at__gt=at)

    def in_channel(self, channel: str) -> PromotionQuerySet:
        return self.filter(channels__channel=channel)


class Promotion(models.Model):
    """What runs where, from when to when, with which codes and for whom."""

    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # Upper case, no spaces, each once: what a customer reads out is what staff look up.
    codes = models.JSONField(default=list, blank=True)
    eligibility = models.TextField(blank=True, help_text="Who qualifies and on what.")
    audience_notes = models.TextField(
        blank=True, help_text="Who it is aimed at, and anything staff should know."
    )
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = PromotionQuerySet.as_manager()

    class Meta:
        ordering = ("starts_at", "id")
        indexes: ClassVar = [models.Index(fields=["ends_at", "starts_at"], name="promotion_when")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="promotion_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def channel_labels(self) -> list[str]:
        return [Channel(row.channel).label for row in self.channels.all()]


class PromotionChannel(models.Model):
    promotion = models.ForeignKey(Promotion, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(max_length=24, choices=Channel.choices)

    class Meta:
        ordering = ("channel",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["promotion", "channel"], name="promotion_channel_once")
        ]
        indexes: ClassVar = [models.Index(fields=["channel", "promotion"], name="promotion_in")]

    def __str__(self) -> str:
        return Channel(self.channel).label
