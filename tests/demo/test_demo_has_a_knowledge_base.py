"""Harlow & Finch's demo has a knowledge base from the seeds' practices: owned, published
articles staff find by searching, the returns playbook beside Daniel's return with its
checklist, one article past review to show the flag; the other demos have their own."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest

from everthread.conversations.models import Journey
from everthread.knowledge.models import Article
from everthread.knowledge.selectors import journeys_guidance, knowledge_search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lexical(settings) -> None:
    settings.KNOWLEDGE_SEMANTIC_ENABLED = False


def test_harlow_and_finch_knowledge_is_owned_published_and_found(
    demo: Callable[..., str],
) -> None:
    demo(customers=0)
    articles = Article.objects.all()
    assert articles.count() == 8
    assert all(a.owner_id and a.is_published for a in articles)
    assert [a.title for a in articles if a.review_overdue(datetime.date.today())] == [
        "Click-and-collect ready times"
    ]
    first = knowledge_search(q="apologise options").hits[0].article
    assert first.title == "Service recovery: apologise, offer options, record the choice"
    assert len(first.checklist) == 5

    daniels = Journey.objects.get(kind="return", customer__given_name="Daniel")
    [guidance] = journeys_guidance(journeys=[daniels])
    playbook = guidance.suggestions[0]
    assert playbook.article.title == "Returns and exchanges: one story, told once"
    assert playbook.steps[0].item.startswith("Find the journey from the order number")

    demo(customers=0)
    assert Article.objects.count() == 8


@pytest.mark.parametrize(
    ("industry", "playbook"),
    [
        ("fitness", "Membership enquiries: web form to call to club visit"),
        ("hospitality", "Service recovery when a request was missed"),
    ],
)
def test_the_other_demos_have_their_own(
    demo: Callable[..., str], industry: str, playbook: str
) -> None:
    demo(industry=industry, customers=0)
    assert Article.objects.filter(title=playbook, status="published").exists()
