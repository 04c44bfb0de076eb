"""Knowledge over the API: search, articles with their versions, publishing and review."""

from __future__ import annotations

import datetime

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from everthread.conversations.models import Journey
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.core.schemas import PageParams, StaffRef, answer_once, staff_named
from everthread.knowledge.models import Article, ArticleVersion
from everthread.knowledge.selectors import (
    ArticlePage,
    SearchOutcome,
    article_detail,
    article_list,
    article_versions,
    articles_after,
    knowledge_search,
    review_due_for,
)
from everthread.knowledge.services import (
    ArticleDraft,
    article_create,
    article_edit,
    article_publish,
    article_reviewed,
)

router = Router(tags=["knowledge"])


class ArticleIn(Schema):
    title: str
    body: str = Field(description="The guidance, in plain text; blank lines part paragraphs.")
    kind: Article.Kind = Article.Kind.PLAYBOOK
    summary: str = ""
    checklist: list[str] = Field(
        default_factory=list, description="Ordered steps staff tick on a journey."
    )
    owner: str | None = Field(
        default=None, description="Username of who keeps it true; needed to publish."
    )
    review_by: datetime.date | None = None
    journey_kinds: list[Journey.Kind] = Field(
        default_factory=list, description="Journeys it is suggested beside."
    )

    def draft(self) -> ArticleDraft:
        return ArticleDraft(
            title=self.title,
            body=self.body,
            kind=self.kind,
            summary=self.summary,
            checklist=tuple(self.checklist),
            owner=staff_named(self.owner, field="owner") if self.owner else None,
            review_by=self.review_by,
            journey_kinds=tuple(self.journey_kinds),
        )


class ArticleEditIn(ArticleIn):
    why: str = Field(description="Why it changed: kept in the history.")


class ArticleOut(Schema):
    id: int
    slug: str
    kind: str
    status: str
    title: str
    summary: str
    body: str
    checklist: list[str]
    owner: StaffRef | None
    review_by: datetime.date | None
    review_overdue: bool
    journey_kinds: list[str]
    latest_version: int
    published_version: int | None
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_review_overdue(article: Article) -> bool:
        return article.review_overdue(timezone.localdate())

    @staticmethod
    def resolve_latest_version(article: Article) -> int:
        return article.latest_number

    @staticmethod
    def resolve_published_version(article: Article) -> int | None:
        return article.published_number or None


class ArticlePageOut(Schema):
    items: list[ArticleOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: ArticlePage) -> list[Article]:
        return page.items


class ArticleFilter(PageParams):
    q: str = Field(default="", description="Words in the title or summary.")
    kind: Article.Kind | None = None
    due_for_review: bool = Field(default=False, description="Only articles past review.")


class VersionOut(Schema):
    number: int
    title: str
    summary: str
    body: str
    checklist: list[str]
    why: str
    author: StaffRef
    created_at: datetime.datetime
    published: bool = False


class PublishIn(Schema):
    number: int | None = Field(default=None, description="The version; the latest if absent.")


class ReviewedIn(Schema):
    next_review: datetime.date


class HitOut(Schema):
    article: ArticleOut
    score: float
    snippet: str = Field(description="HTML: the article's words escaped, matches in <mark>.")
    matched: str = Field(description="words, meaning or both.")
    review_overdue: bool


class SearchOut(Schema):
    q: str
    mode: str = Field(description="lexical, or lexical+semantic when the extra is installed.")
    hits: list[HitOut]

    @staticmethod
    def resolve_hits(outcome: SearchOutcome) -> list[dict[str, object]]:
        return [
            {
                "article": hit.article,
                "score": hit.score,
                "snippet": str(hit.snippet),
                "matched": hit.matched,
                "review_overdue": hit.review_overdue,
            }
            for hit in outcome.hits
        ]


class SearchParams(Schema):
    q: str = Field(description="What staff need to know, in their own words.")
    limit: int = Field(default=10, ge=1, le=50)


@router.get(
    "/knowledge/search",
    response=SearchOut,
    summary="Search published articles: ranked, with highlighted snippets",
)
@requires()
def knowledge_search_api(request: StaffRequest, params: Query[SearchParams]) -> object:
    return knowledge_search(q=params.q, limit=params.limit)


@router.get("/knowledge/articles", response=ArticlePageOut, summary="List articles by title")
@requires()
def articles_list(request: StaffRequest, filters: Query[ArticleFilter]) -> object:
    rows = article_list(q=filters.q, kind=filters.kind or "", due_for_review=filters.due_for_review)
    return articles_after(rows, after=filters.cursor, limit=filters.limit)


@router.get(
    "/knowledge/review-due",
    response=list[ArticleOut],
    summary="My articles past their review date or due within two weeks",
)
@requires()
def articles_review_due(request: StaffRequest) -> object:
    return review_due_for(owner=request.auth)


@router.post("/knowledge/articles", response={201: ArticleOut}, summary="Write an article")
@requires(Capability.MANAGE_KNOWLEDGE)
def articles_create(request: StaffRequest, payload: ArticleIn) -> object:
    def write() -> tuple[int, Schema]:
        article = article_create(actor=request.auth, draft=payload.draft())
        return 201, ArticleOut.from_orm(article_detail(article_id=article.pk))

    return answer_once(request, write)


@router.get("/knowledge/articles/{article_id}", response=ArticleOut, summary="Read an article")
@requires()
def articles_read(request: StaffRequest, article_id: int) -> object:
    return article_detail(article_id=article_id)


@router.put(
    "/knowledge/articles/{article_id}",
    response=ArticleOut,
    summary="Edit an article: a new version, published when someone publishes it",
)
@requires(Capability.MANAGE_KNOWLEDGE)
def articles_edit(request: StaffRequest, article_id: int, payload: ArticleEditIn) -> object:
    article_edit(actor=request.auth, article_id=article_id, draft=payload.draft(), why=payload.why)
    return article_detail(article_id=article_id)


@router.post(
    "/knowledge/articles/{article_id}/publish",
    response=ArticleOut,
    summary="Publish a version (the latest by default); the article needs an owner",
)
@requires(Capability.MANAGE_KNOWLEDGE)
def articles_publish(request: StaffRequest, article_id: int, payload: PublishIn) -> object:
    article_publish(actor=request.auth, article_id=article_id, number=payload.number)
    return article_detail(article_id=article_id)


@router.post(
    "/knowledge/articles/{article_id}/reviewed",
    response=ArticleOut,
    summary="Record that the article was reviewed and still holds; set the next review",
)
@requires(Capability.MANAGE_KNOWLEDGE)
def articles_reviewed(request: StaffRequest, article_id: int, payload: ReviewedIn) -> object:
    article_reviewed(actor=request.auth, article_id=article_id, next_review=payload.next_review)
    return article_detail(article_id=article_id)


@router.get(
    "/knowledge/articles/{article_id}/versions",
    response=list[VersionOut],
    summary="An article's change history: every version with who, when and why",
)
@requires()
def articles_versions(request: StaffRequest, article_id: int) -> object:
    article = article_detail(article_id=article_id)
    return [_version_out(version, article) for version in article_versions(article=article)]


def _version_out(version: ArticleVersion, article: Article) -> VersionOut:
    out = VersionOut.from_orm(version)
    out.published = version.number == article.published_number
    return out
