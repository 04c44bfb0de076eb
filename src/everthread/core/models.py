"""The organisation, its stores, teams and staff with their roles, API tokens, the audit log."""

from __future__ import annotations

import datetime
import functools
from typing import Any, ClassVar
from zoneinfo import available_timezones

from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


@functools.cache
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(f"{value!r} is not a time zone name such as Europe/London.")


class Channel(models.TextChoices):
    """Every channel a customer can reach the brand through. A channel is data, not a code path."""

    IN_STORE = "in_store", "In store"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    CHAT = "chat", "Live chat"
    SMS = "sms", "SMS"
    WHATSAPP = "whatsapp", "WhatsApp"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X"
    MESSENGER = "messenger", "Facebook Messenger"
    WEB_FORM = "web_form", "Web form"
    APP = "app", "App"
    VIDEO = "video", "Video appointment"
    CLICK_AND_COLLECT = "click_and_collect", "Click and collect"


class Industry(models.TextChoices):
    RETAIL = "retail", "Retail"
    FITNESS = "fitness", "Fitness"
    HOSPITALITY = "hospitality", "Hospitality"


class Organisation(models.Model):
    """The one organisation this deployment serves (a single row, id 1)."""

    name = models.CharField(max_length=120)
    industry = models.CharField(max_length=20, choices=Industry.choices, default=Industry.RETAIL)
    time_zone = models.CharField(
        max_length=64, default="Europe/London", validators=[validate_time_zone]
    )
    phone_region = models.CharField(
        max_length=2,
        default="GB",
        help_text="Region for phone numbers typed without +country code.",
    )
    language = models.CharField(max_length=16, default="en-GB")
    voice_guidelines = models.TextField(
        blank=True, help_text="How the brand sounds, in a few lines."
    )
    emoji_limit_messaging = models.PositiveSmallIntegerField(
        default=1, help_text="Most emoji in one social or WhatsApp message."
    )
    emoji_in_email = models.BooleanField(default=False)
    # Outreach: no message reaches a customer between these times in their own time zone.
    quiet_hours_start = models.TimeField(default=datetime.time(21, 0))
    quiet_hours_end = models.TimeField(default=datetime.time(8, 0))
    # Frequency caps: at most so many messages of a purpose to one customer in so many days.
    marketing_cap_messages = models.PositiveSmallIntegerField(default=2)
    marketing_cap_days = models.PositiveSmallIntegerField(default=7)
    recommendations_cap_messages = models.PositiveSmallIntegerField(default=2)
    recommendations_cap_days = models.PositiveSmallIntegerField(default=7)

    class Meta:
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(id=1), name="organisation_single_row")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        cache.delete(ORGANISATION_CACHE_KEY)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        cache.delete(ORGANISATION_CACHE_KEY)
        return super().delete(*args, **kwargs)


# Every request reads the organisation (time zone, region, brand voice); it changes
# rarely, so it is cached, and forgotten whenever it is saved.
ORGANISATION_CACHE_KEY = "everthread:organisation"


class Store(models.Model):
    """A place customers visit: a shop, a club, a hotel."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    address_line1 = models.CharField(max_length=200, blank=True)
    address_line2 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=16, blank=True)
    country = models.CharField(max_length=2, default="GB")
    time_zone = models.CharField(
        max_length=64, default="Europe/London", validators=[validate_time_zone]
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        parts = [self.address_line1, self.address_line2, self.city, self.postcode]
        return ", ".join(part for part in parts if part)


class Team(models.Model):
    class Kind(models.TextChoices):
        STORE = "store", "Store team"
        CONTACT_CENTRE = "contact_centre", "Contact centre"
        FRONT_DESK = "front_desk", "Front desk"
        SALES = "sales", "Sales"
        HEAD_OFFICE = "head_office", "Head office"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    store = models.ForeignKey(
        Store, null=True, blank=True, on_delete=models.PROTECT, related_name="teams"
    )
    # Who hears about the team queue's overdue follow-ups.
    manager = models.ForeignKey(
        "Staff", null=True, blank=True, on_delete=models.SET_NULL, related_name="managed_teams"
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ASSOCIATE = "associate", "Associate"
    AGENT = "agent", "Contact-centre agent"
    MANAGER = "manager", "Manager"
    COACH = "coach", "Coach (L&D)"
    PRIVACY_OFFICER = "privacy_officer", "Privacy officer"
    ADMIN = "admin", "Administrator"


class Capability(models.TextChoices):
    VIEW_CUSTOMERS = "view_customers", "View customer profiles, timelines, notes and follow-ups"
    EDIT_CUSTOMERS = "edit_customers", "Create and edit customers, log contacts, write notes"
    VIEW_CONTACT_DETAILS = "view_contact_details", "See customers' contact details and postcode"
    VIEW_SERVICE_NEEDS = "view_service_needs", "See dietary and accessibility needs"
    VIEW_SENSITIVE = "view_sensitive", "See sensitive fields (date of birth, sensitive notes)"
    RECORD_CONSENT = "record_consent", "Record consent changes and objections"
    SEND_OUTREACH = "send_outreach", "Send messages to customers"
    MANAGE_OUTBOX = "manage_outbox", "See and retry messages that failed for good"
    MANAGE_TEMPLATES = "manage_templates", "Write message templates and set the brand voice"
    EXPORT_CUSTOMERS = "export_customers", "Export customer data in bulk"
    MANAGE_PRIVACY = "manage_privacy", "Subject access, erasure and retention"
    VIEW_AUDIT = "view_audit", "Search and export the audit log"
    BACK_OFFICE = "back_office", "Use the back office"
    MANAGE_CATALOGUE = "manage_catalogue", "Keep the product catalogue and stock levels current"
    MANAGE_BULLETINS = "manage_bulletins", "Write bulletins and keep the promotions calendar"
    MANAGE_KNOWLEDGE = "manage_knowledge", "Write, review and publish knowledge articles"
    COACH_STAFF = (
        "coach_staff",
        "Define rubrics, modules and mystery-shop forms; observe and coach staff",
    )
    VIEW_INSIGHTS = "view_insights", "See continuity metrics and dashboards"
    PRACTISE = "practise", "Practise scenarios in the sandbox and pick up a colleague's attempt"


# Serving someone in store or on the phone: reach them, know what they need to be served
# well (a step-free fitting room, a nut allergy), keep the record, ask and record consent.
_FRONTLINE = frozenset(
    {
        Capability.VIEW_CUSTOMERS,
        Capability.EDIT_CUSTOMERS,
        Capability.VIEW_CONTACT_DETAILS,
        Capability.VIEW_SERVICE_NEEDS,
        Capability.RECORD_CONSENT,
        Capability.SEND_OUTREACH,
        # Practice is part of the job: a sandbox copy of the screens, never a real customer.
        Capability.PRACTISE,
    }
)
# Who may do what: the one table every page, endpoint and command checks
# (core.permissions.requires declares it on each view; the role matrix test walks them all).
# Service needs are split from VIEW_SENSITIVE on purpose: staff need the need ("uses a
# wheelchair") to serve, not the date of birth or a note about someone's health; identity
# checks go through recognise(), which matches a date of birth without showing the one held.
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.ASSOCIATE: _FRONTLINE,
    Role.AGENT: _FRONTLINE,
    # Managers handle complaints and escalations, where the whole record can matter.
    # Managers also see every message that failed for good and retry it, and set how the brand
    # sounds: the templates everyone sends and the brand voice.
    # Managers tell their people what changed (bulletins, with who has not read them) and keep
    # the promotions calendar every channel works from; everyone reads both.
    # Managers, coaches and administrators write and publish the knowledge everyone reads.
    # Managers coach their people against the behaviour rubrics, as coaches do.
    # Managers and coaches watch the continuity metrics: how well people keep their promises
    # and the brand's voice. Coaches and head office see every store and team; any other
    # manager sees their own store's and teams' figures (insights.scope.reach_of).
    Role.MANAGER: _FRONTLINE
    | {
        Capability.VIEW_SENSITIVE,
        Capability.MANAGE_OUTBOX,
        Capability.MANAGE_TEMPLATES,
        Capability.MANAGE_BULLETINS,
        Capability.MANAGE_KNOWLEDGE,
        Capability.COACH_STAFF,
        Capability.VIEW_INSIGHTS,
    },
    # Coaches read what was said and written (timeline, notes, follow-ups) to coach staff on
    # it; they never reach the customer, change the record or see what identifies them. What
    # they write is about staff (rubrics, observations, modules, mystery-shop visits) and the
    # knowledge everyone reads; they watch the continuity metrics as managers do.
    Role.COACH: frozenset(
        {
            Capability.VIEW_CUSTOMERS,
            Capability.COACH_STAFF,
            Capability.MANAGE_KNOWLEDGE,
            Capability.VIEW_INSIGHTS,
            # A coach tries a scenario before giving it out.
            Capability.PRACTISE,
        }
    ),
    # The privacy officer answers subject access and erasure requests, so sees everything
    # held and alone exports it; they do not serve or message customers.
    Role.PRIVACY_OFFICER: frozenset(
        {
            Capability.VIEW_CUSTOMERS,
            Capability.VIEW_CONTACT_DETAILS,
            Capability.VIEW_SERVICE_NEEDS,
            Capability.VIEW_SENSITIVE,
            Capability.RECORD_CONSENT,
            Capability.EXPORT_CUSTOMERS,
            Capability.MANAGE_PRIVACY,
            Capability.VIEW_AUDIT,
        }
    ),
    # Administrators run the system and the back office; bulk export, erasure and the audit
    # log stay with the privacy officer, so no single role can both change and hide a trail.
    # The catalogue and stock come from the brand's systems: an administrator's import or
    # API token keeps them current; everyone else reads them.
    Role.ADMIN: _FRONTLINE
    | {
        Capability.BACK_OFFICE,
        Capability.MANAGE_OUTBOX,
        Capability.MANAGE_TEMPLATES,
        Capability.MANAGE_CATALOGUE,
        Capability.MANAGE_BULLETINS,
        Capability.MANAGE_KNOWLEDGE,
    },
}


class Staff(AbstractUser):
    """A member of staff who signs in to Everthread."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ASSOCIATE)
    job_title = models.CharField(max_length=120, blank=True)
    home_store = models.ForeignKey(
        Store, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff"
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    # Who hears about this person's overdue follow-ups.
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    class Meta:
        verbose_name = "staff member"
        verbose_name_plural = "staff"
        ordering = ("first_name", "last_name")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def can(self, capability: str) -> bool:
        return self.is_active and capability in ROLE_CAPABILITIES.get(self.role, frozenset())


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored; the prefix identifies it."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=120, blank=True)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.staff})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AuditEvent(models.Model):
    """Who viewed, changed or exported what, when and from where. Rows are only ever added:
    save() refuses a change, and on PostgreSQL so does the table itself (a trigger)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=64)
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    # A plain id, not a key: the trail must outlive the customer's erasure.
    customer_id = models.BigIntegerField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # Where the act came from: the web or API client's address (and token prefix), or the
    # command line. Staff's own addresses, not the customer's.
    origin = models.CharField(max_length=120, blank=True, default="", db_default="")

    class Meta:
        ordering = ("-at", "-id")
        indexes: ClassVar = [
            models.Index(fields=["customer_id", "at"], name="audit_customer_at"),
            models.Index(fields=["actor", "at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.subject_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)


class IdempotencyRecord(models.Model):
    """The first answer to an API write sent with an Idempotency-Key; a retry gets it again."""

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    request_digest = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True)
    response = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["staff", "key"], name="idempotency_key_per_staff"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_id}:{self.key}"
