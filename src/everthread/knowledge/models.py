"""Knowledge: one source of truth staff search mid-conversation, owned, versioned, reviewed."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from everthread.conversations.models import Journey
from everthread.core.models import Staff


class Article(models.Model):
    """One piece of guidance. Staff read its published version, copied onto the row (title,
    summary, body, checklist) so search and reading need no join; edits wait as newer
    versions until someone publishes them."""

    class Kind(models.TextChoices):
        PLAYBOOK = "playbook", "Playbook"
        ETIQUETTE = "etiquette", "Channel etiquette"
        RETURNS = "returns", "Returns rules"
        PRODUCT = "product", "Product guidance"
        SERVICE_RECOVERY = "service_recovery", "Service-recovery options"
        PRIVACY = "privacy", "Consent and privacy"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PLAYBOOK)
    owner = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_articles"
    )
    review_by = models.DateField(null=True, blank=True)
    # Journey kinds (conversations.Journey.Kind) this article is suggested beside.
    journey_kinds = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    latest_number = models.PositiveIntegerField(default=0)
    published_version = models.ForeignKey(
        "ArticleVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_number = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    checklist = models.JSONField(default=list, blank=True)
    # PostgreSQL's weighted tsvector of the published words (title A, summary B, body and
    # checklist C),
    # kept by the service that publishes; SQLite keeps an FTS5 table instead (migration 0002).
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("title", "id")
        indexes: ClassVar = [
            models.Index(fields=["owner", "review_by"], name="article_owner_review"),
            models.Index(fields=["status", "kind"], name="article_status_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def review_overdue(self, today: datetime.date) -> bool:
        return self.review_by is not None and self.review_by < today

    @property
    def has_unpublished_changes(self) -> bool:
        return self.latest_number > self.published_number


class ArticleVersion(models.Model):
    """Every edit of an article: its words as they were, who changed them, when and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    checklist = models.JSONField(default=list, blank=True)
    why = models.CharField(max_length=300)
    author = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("article", "-number")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["article", "number"], name="article_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class ChecklistTick(models.Model):
    """One step of a playbook's checklist done on one journey, by whom and when. Keyed by the
    step's words, so a reworded step starts unticked and a reordered one keeps its tick."""

    journey = models.ForeignKey(Journey, on_delete=models.CASCADE, related_name="checklist_ticks")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="ticks")
    version = models.ForeignKey(ArticleVersion, on_delete=models.PROTECT, related_name="+")
    item = models.CharField(max_length=300)
    ticked_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    ticked_at = models.DateTimeField()

    class Meta:
        ordering = ("journey", "ticked_at", "id")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["journey", "article", "item"], name="checklist_tick_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item} ({self.journey_id})"


class ArticleEmbedding(models.Model):
    """The published words as a sentence embedding (float32 bytes), for semantic search when
    the `semantic` extra is installed. Same bytes on SQLite and PostgreSQL."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(max_length=120)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.article_id} ({self.model})"
