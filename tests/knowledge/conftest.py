"""A small knowledge base most knowledge tests start from, written by a manager who owns it."""

from __future__ import annotations

import datetime

import pytest

from everthread.knowledge.models import Article
from everthread.knowledge.services import ArticleDraft, article_create, article_publish
from factories import StaffFactory


@pytest.fixture(autouse=True)
def _lexical_unless_asked(settings) -> None:
    # Semantic search loads a model; the tests that mean to use it switch it back on.
    settings.KNOWLEDGE_SEMANTIC_ENABLED = False


@pytest.fixture
def manager(organisation):
    return StaffFactory(username="nadia", first_name="Nadia", last_name="Khan", role="manager")


def write(manager, *, title: str, body: str, publish: bool = True, **details) -> Article:
    details.setdefault("owner", manager)
    details.setdefault("review_by", datetime.date.today() + datetime.timedelta(days=90))
    article = article_create(actor=manager, draft=ArticleDraft(title=title, body=body, **details))
    if publish:
        article = article_publish(actor=manager, article_id=article.pk)
    return article


@pytest.fixture
def knowledge_base(manager) -> dict[str, Article]:
    return {
        "returns": write(
            manager,
            title="Returns and exchanges",
            kind=Article.Kind.RETURNS,
            summary="How to exchange or refund an order bought in any channel.",
            body=(
                "Customers may return unworn items within 28 days with the order number. "
                "Find the journey from the order number so the customer does not repeat "
                "the story; offer an exchange for another size before a refund."
            ),
            checklist=(
                "Find the order and the journey from the order number",
                "Check the item is unworn and within 28 days",
                "Offer the exchange size before a refund",
                "Record the outcome on the journey",
            ),
            journey_kinds=("return",),
        ),
        "tone": write(
            manager,
            title="Channel tone on social and chat",
            kind=Article.Kind.ETIQUETTE,
            body=(
                "On X and Instagram answer warmly, at most one emoji. In chat keep the same "
                "warmth: a bare measurement sounds cold. Mention the return window only if asked."
            ),
        ),
        "recovery": write(
            manager,
            title="Service recovery when a request was missed",
            kind=Article.Kind.SERVICE_RECOVERY,
            body=(
                "Apologise first, then offer options (a room move, breakfast on the house) "
                "and record the choice so the next shift sees the resolution."
            ),
            journey_kinds=("service_recovery", "stay"),
        ),
    }
