"""Reads of the knowledge base: search, lists, an article with its history, and what a
journey is suggested, with their query budgets pinned in tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from everthread.conversations.models import Journey
from everthread.core.models import Staff
from everthread.core.pagination import cursor_decode, cursor_encode
from everthread.knowledge import fulltext, semantic
from everthread.knowledge.errors import ArticleNotFound, InvalidSearch
from everthread.knowledge.models import Article, ArticleEmbedding, ChecklistTick

LEXICAL, BLENDED = "lexical", "lexical+semantic"
QUERY_MAX = 200
# A meaning-only hit must be at least this close to be worth showing.
SEMANTIC_FLOOR = 0.25
PAGE_SIZE = 25


@dataclass(frozen=True)
class SearchHit:
    article: Article
    score: float
    snippet: SafeString
    matched: str  # "words", "meaning" or "both"
    review_overdue: bool


@dataclass(frozen=True)
class SearchOutcome:
    q: str
    mode: str
    hits: list[SearchHit]


def knowledge_search(*, q: str, limit: int = 10, semantic_on: bool | None = None) -> SearchOutcome:
    """Published articles that answer ``q``, best first, with highlighted snippets.

    Lexical everywhere (PostgreSQL full text or SQLite FTS5); blended with semantic search by
    meaning when the extra is installed. At most 3 queries (lexical ids, the articles, their
    embeddings)."""
    q = q.strip()
    if len(q) > QUERY_MAX:
        raise InvalidSearch(f"Search with fewer words (at most {QUERY_MAX} characters).", field="q")
    use_semantic = semantic.semantic_available() if semantic_on is None else semantic_on
    mode = BLENDED if use_semantic else LEXICAL
    if not fulltext.query_words(q):
        return SearchOutcome(q=q, mode=mode, hits=[])
    lexical = fulltext.lexical_search(q, limit=limit * 2 if use_semantic else limit)
    scores = _lexical_scores(lexical)
    snippets = {hit.article_id: fulltext.snippet_html(hit.snippet) for hit in lexical}
    meaning: dict[int, float] = _semantic_scores(q, limit) if use_semantic else {}
    blended = {
        pk: 0.5 * scores.get(pk, 0.0) + 0.5 * meaning.get(pk, 0.0) if use_semantic else score
        for pk, score in {**dict.fromkeys(meaning, 0.0), **scores}.items()
    }
    ranked = sorted(blended, key=lambda pk: (-blended[pk], pk))[:limit]
    articles = Article.objects.select_related("owner").in_bulk(ranked)
    today = timezone.localdate()
    hits = []
    for pk in ranked:
        article = articles.get(pk)
        if article is None:
            continue
        in_words, in_meaning = pk in scores, pk in meaning
        hits.append(
            SearchHit(
                article=article,
                score=round(blended[pk], 4),
                snippet=snippets.get(pk) or fulltext.plain_snippet(article.summary or article.body),
                matched="both" if in_words and in_meaning else "words" if in_words else "meaning",
                review_overdue=article.review_overdue(today),
            )
        )
    return SearchOutcome(q=q, mode=mode, hits=hits)


def _lexical_scores(hits: list[fulltext.LexicalHit]) -> dict[int, float]:
    """Ranks scaled to 0..1 (best is 1), so they blend with cosine similarity."""
    if not hits:
        return {}
    best = max(hit.rank for hit in hits) or 1.0
    return {hit.article_id: max(hit.rank, 0.0) / best for hit in hits}


def _semantic_scores(q: str, limit: int) -> dict[int, float]:
    rows = list(
        ArticleEmbedding.objects.filter(article__status=Article.Status.PUBLISHED).values_list(
            "article_id", "vector"
        )
    )
    if not rows:
        return {}
    ids = np.array([pk for pk, _ in rows])
    similarity = semantic.vectors_from([vector for _, vector in rows]) @ semantic.embed([q])[0]
    best = np.argsort(-similarity)[: limit * 2]
    return {int(ids[i]): float(similarity[i]) for i in best if similarity[i] >= SEMANTIC_FLOOR}


def article_list(
    *, q: str = "", kind: str = "", due_for_review: bool = False, owner: Staff | None = None
) -> QuerySet[Article]:
    """Every article (drafts too) for the knowledge pages, by title."""
    rows = Article.objects.select_related("owner")
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    if kind:
        rows = rows.filter(kind=kind)
    if due_for_review:
        rows = rows.filter(review_by__lt=timezone.localdate())
    if owner is not None:
        rows = rows.filter(owner=owner)
    return rows.order_by("title", "id")


def article_page(rows: QuerySet[Article], page: str | int | None) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(page)


@dataclass(frozen=True)
class ArticlePage:
    items: list[Article]
    next_cursor: str | None


def articles_after(
    rows: QuerySet[Article], *, after: str | None, limit: int = PAGE_SIZE
) -> ArticlePage:
    """One page of ``rows`` by (title, id) from a cursor: 1 query."""
    if after:
        title, last_id = cursor_decode(after, str, int)
        rows = rows.filter(Q(title__gt=title) | Q(title=title, id__gt=last_id))
    page = list(rows.order_by("title", "id")[: limit + 1])
    if len(page) <= limit:
        return ArticlePage(page, None)
    last = page[limit - 1]
    return ArticlePage(page[:limit], cursor_encode(last.title, last.pk))


def review_due_for(*, owner: Staff, within_days: int = 14) -> list[Article]:
    """The owner's articles past their review date or due within ``within_days``."""
    horizon = timezone.localdate() + datetime.timedelta(days=within_days)
    return list(
        Article.objects.filter(owner=owner, review_by__lte=horizon).order_by("review_by", "id")
    )


def article_detail(*, article_id: int) -> Article:
    article = Article.objects.select_related("owner", "published_version").filter(pk=article_id)
    found = article.first()
    if found is None:
        raise ArticleNotFound(f"There is no article with id {article_id}.", field="article_id")
    return found


def article_versions(*, article: Article) -> list:
    return list(article.versions.select_related("author").order_by("-number"))


@dataclass(frozen=True)
class ChecklistStep:
    item: str
    tick: ChecklistTick | None


@dataclass(frozen=True)
class Suggestion:
    article: Article
    steps: list[ChecklistStep]
    review_overdue: bool

    @property
    def done(self) -> int:
        return sum(1 for step in self.steps if step.tick is not None)


@dataclass(frozen=True)
class JourneyGuidance:
    journey: Journey
    suggestions: list[Suggestion]


def journeys_guidance(*, journeys: list[Journey]) -> list[JourneyGuidance]:
    """For each journey, the published articles suggested for its kind, each playbook's
    checklist with what has been ticked on this journey. Two queries, however many."""
    kinds = {journey.kind for journey in journeys}
    if not kinds:
        return []
    # The kinds are slugs, stored quoted in a JSON list: a text match narrows on both databases
    # (SQLite has no JSON containment), and the exact test follows.
    mentions = Q()
    for kind in kinds:
        mentions |= Q(journey_kinds__icontains=f'"{kind}"')
    published = Article.objects.filter(mentions, status=Article.Status.PUBLISHED)
    articles = [
        article
        for article in published.select_related("owner").order_by("kind", "title", "id")
        if kinds.intersection(article.journey_kinds)
    ]
    ticks: dict[tuple[int, int, str], ChecklistTick] = {
        (tick.journey_id, tick.article_id, tick.item): tick
        for tick in ChecklistTick.objects.filter(journey__in=journeys).select_related("ticked_by")
    }
    today = timezone.localdate()
    return [
        JourneyGuidance(
            journey=journey,
            suggestions=[
                Suggestion(
                    article=article,
                    steps=[
                        ChecklistStep(item, ticks.get((journey.pk, article.pk, item)))
                        for item in article.checklist
                    ],
                    review_overdue=article.review_overdue(today),
                )
                for article in articles
                if journey.kind in article.journey_kinds
            ],
        )
        for journey in journeys
    ]
