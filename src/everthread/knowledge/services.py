"""Every write to the knowledge base: articles and their versions, publishing, review, the
search index and embeddings, and checklists ticked on a journey."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from everthread.conversations.models import Journey
from everthread.core.models import Capability, Staff
from everthread.core.services import audit_record, capability_require
from everthread.knowledge import fulltext, semantic
from everthread.knowledge.errors import (
    ArticleNeedsOwner,
    ArticleNotFound,
    ChecklistItemNotFound,
    InvalidArticle,
)
from everthread.knowledge.models import Article, ArticleEmbedding, ArticleVersion, ChecklistTick

CHECKLIST_MAX = 30


@dataclass(frozen=True)
class ArticleDraft:
    """What staff write: the words (versioned) and the article's details (current only)."""

    title: str
    body: str
    kind: str = Article.Kind.PLAYBOOK
    summary: str = ""
    checklist: tuple[str, ...] = ()
    owner: Staff | None = None
    review_by: datetime.date | None = None
    journey_kinds: tuple[str, ...] = field(default_factory=tuple)


def _clean(draft: ArticleDraft) -> ArticleDraft:
    title, body = draft.title.strip(), draft.body.strip()
    if not title:
        raise InvalidArticle("Give the article a title staff will recognise.", field="title")
    if not body:
        raise InvalidArticle("Write the guidance itself: the body is empty.", field="body")
    if len(title) > 200:
        raise InvalidArticle("Keep the title under 200 characters.", field="title")
    if len(draft.summary) > 300:
        raise InvalidArticle("Keep the summary under 300 characters.", field="summary")
    if draft.kind not in Article.Kind.values:
        raise InvalidArticle(
            f"“{draft.kind}” is not a kind of article; choose one of "
            f"{', '.join(Article.Kind.values)}.",
            field="kind",
        )
    unknown = [kind for kind in draft.journey_kinds if kind not in Journey.Kind.values]
    if unknown:
        raise InvalidArticle(
            f"“{unknown[0]}” is not a kind of journey; choose from "
            f"{', '.join(Journey.Kind.values)}.",
            field="journey_kinds",
        )
    steps = tuple(step.strip() for step in draft.checklist if step.strip())
    if len(steps) > CHECKLIST_MAX or any(len(step) > 300 for step in steps):
        raise InvalidArticle(
            f"A checklist has at most {CHECKLIST_MAX} steps of up to 300 characters each.",
            field="checklist",
        )
    if len(set(steps)) != len(steps):
        raise InvalidArticle("Each checklist step must be different.", field="checklist")
    if draft.owner is not None and not draft.owner.is_active:
        raise InvalidArticle(f"{draft.owner} cannot sign in any more.", field="owner")
    return ArticleDraft(
        title=title,
        body=body,
        kind=draft.kind,
        summary=draft.summary.strip(),
        checklist=steps,
        owner=draft.owner,
        review_by=draft.review_by,
        journey_kinds=tuple(dict.fromkeys(draft.journey_kinds)),
    )


def _unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "article"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def article_create(*, actor: Staff, draft: ArticleDraft, why: str = "First version") -> Article:
    """A new article, as a draft (version 1) until someone publishes it."""
    capability_require(staff=actor, capability=Capability.MANAGE_KNOWLEDGE)
    draft = _clean(draft)
    article = Article.objects.create(
        slug=_unique_slug(draft.title),
        kind=draft.kind,
        owner=draft.owner,
        review_by=draft.review_by,
        journey_kinds=list(draft.journey_kinds),
        title=draft.title,
        summary=draft.summary,
        body=draft.body,
        checklist=list(draft.checklist),
    )
    _version_add(article=article, actor=actor, draft=draft, why=why or "First version")
    audit_record(actor=actor, action="knowledge.article_created", subject=article)
    return article


@transaction.atomic
def article_edit(*, actor: Staff, article_id: int, draft: ArticleDraft, why: str) -> Article:
    """A new version with who, when and why; staff keep reading the published one until it
    is published. The owner, review date and suggested journeys change at once."""
    capability_require(staff=actor, capability=Capability.MANAGE_KNOWLEDGE)
    if not why.strip():
        raise InvalidArticle("Say why it changed, so the history explains itself.", field="why")
    article = _locked(article_id)
    draft = _clean(draft)
    article.kind, article.owner, article.review_by = draft.kind, draft.owner, draft.review_by
    article.journey_kinds = list(draft.journey_kinds)
    if not article.is_published:
        article.title, article.summary, article.body = draft.title, draft.summary, draft.body
        article.checklist = list(draft.checklist)
    version = _version_add(article=article, actor=actor, draft=draft, why=why.strip())
    audit_record(
        actor=actor,
        action="knowledge.article_edited",
        subject=article,
        detail={"version": version.number, "why": version.why},
    )
    return article


def _version_add(
    *, article: Article, actor: Staff, draft: ArticleDraft, why: str
) -> ArticleVersion:
    article.latest_number += 1
    article.save()
    return ArticleVersion.objects.create(
        article=article,
        number=article.latest_number,
        title=draft.title,
        summary=draft.summary,
        body=draft.body,
        checklist=list(draft.checklist),
        why=why[:300],
        author=actor,
    )


def _locked(article_id: int) -> Article:
    article = Article.objects.select_for_update().filter(pk=article_id).first()
    if article is None:
        raise ArticleNotFound(f"There is no article with id {article_id}.", field="article_id")
    return article


@transaction.atomic
def article_publish(*, actor: Staff, article_id: int, number: int | None = None) -> Article:
    """Make a version (the latest unless ``number``) what staff read and search finds. Only an
    owned article is published: someone must answer for keeping it true."""
    capability_require(staff=actor, capability=Capability.MANAGE_KNOWLEDGE)
    article = _locked(article_id)
    if article.owner_id is None:
        raise ArticleNeedsOwner(
            f"“{article.title}” has no owner. Choose who keeps it true before publishing it.",
            field="owner",
        )
    version = article.versions.filter(number=number or article.latest_number).first()
    if version is None:
        raise ArticleNotFound(f"“{article.title}” has no version {number}.", field="number")
    article.status = Article.Status.PUBLISHED
    article.published_version, article.published_number = version, version.number
    article.published_at = timezone.now()
    article.title, article.summary, article.body = version.title, version.summary, version.body
    article.checklist = list(version.checklist)
    article.save()
    fulltext.index_articles([article.pk])
    audit_record(
        actor=actor,
        action="knowledge.article_published",
        subject=article,
        detail={"version": version.number},
    )
    if semantic.semantic_available():
        transaction.on_commit(lambda: article_embed(article_ids=[article.pk]))
    return article


@transaction.atomic
def article_reviewed(*, actor: Staff, article_id: int, next_review: datetime.date) -> Article:
    """The owner (or a manager) has read it and it still holds: review again on a date."""
    capability_require(staff=actor, capability=Capability.MANAGE_KNOWLEDGE)
    if next_review <= timezone.localdate():
        raise InvalidArticle("Set the next review after today.", field="review_by")
    article = _locked(article_id)
    article.review_by = next_review
    article.save(update_fields=["review_by", "updated_at"])
    audit_record(
        actor=actor,
        action="knowledge.article_reviewed",
        subject=article,
        detail={"next_review": next_review.isoformat()},
    )
    return article


def article_embed(*, article_ids: list[int] | None = None) -> int:
    """Compute and keep the published articles' embeddings (all when None); how many."""
    rows = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk")
    if article_ids is not None:
        rows = rows.filter(pk__in=article_ids)
    articles = list(rows.only("pk", "title", "summary", "body"))
    if not articles:
        return 0
    vectors = semantic.embed([f"{a.title}. {a.summary}\n{a.body}" for a in articles])
    ArticleEmbedding.objects.filter(article__in=articles).delete()
    ArticleEmbedding.objects.bulk_create(
        ArticleEmbedding(
            article=article, model=semantic.MODEL_NAME, vector=semantic.vector_bytes(vector)
        )
        for article, vector in zip(articles, vectors, strict=True)
    )
    return len(articles)


def knowledge_reindex() -> int:
    """Rebuild the full-text index (and embeddings, with the extra) from the articles."""
    fulltext.index_articles()
    if semantic.semantic_available():
        article_embed()
    return Article.objects.filter(status=Article.Status.PUBLISHED).count()


@transaction.atomic
def checklist_tick(
    *, actor: Staff, journey: Journey, article_id: int, item: str, done: bool
) -> ChecklistTick | None:
    """Tick (or untick) one step of a playbook's checklist on a journey."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    article = Article.objects.filter(pk=article_id, status=Article.Status.PUBLISHED).first()
    if article is None or item not in article.checklist:
        raise ChecklistItemNotFound(
            "That step is not on the published checklist any more; reload the page.",
            field="item",
        )
    ticks = ChecklistTick.objects.filter(journey=journey, article=article, item=item)
    if not done:
        ticks.delete()
        tick = None
    else:
        tick, _ = ChecklistTick.objects.get_or_create(
            journey=journey,
            article=article,
            item=item,
            defaults={
                "version_id": article.published_version_id,
                "ticked_by": actor,
                "ticked_at": timezone.now(),
            },
        )
    audit_record(
        actor=actor,
        action="knowledge.checklist_ticked" if done else "knowledge.checklist_unticked",
        subject=journey,
        customer_id=journey.customer_id,
        detail={"article": article.pk, "item": item},
    )
    return tick
