"""An article past its review date is flagged in the list and the search results, and its
owner finds it in "Yours to review"; marking it reviewed sets the next date."""

from __future__ import annotations

import datetime

import pytest

from api_clients import client_of
from everthread.knowledge.errors import InvalidArticle
from everthread.knowledge.selectors import review_due_for
from everthread.knowledge.services import article_reviewed
from knowledge.conftest import write

TODAY = datetime.date.today()


@pytest.fixture
def stale(manager):
    return write(
        manager,
        title="Click and collect times",
        body="Orders are ready to collect in two hours.",
        review_by=TODAY - datetime.timedelta(days=3),
    )


def test_the_owner_sees_what_to_review(manager, stale, knowledge_base) -> None:
    assert review_due_for(owner=manager) == [stale]
    page = client_of(manager).get("/knowledge/").content.decode()
    assert "Yours to review" in page
    assert page.count('warning">Past review') == 2  # in "Yours to review" and in the list


def test_the_list_filters_to_past_review(manager, stale, knowledge_base) -> None:
    page = client_of(manager).get("/knowledge/", {"due_for_review": "on"}).content.decode()
    assert "Click and collect times" in page and "Returns and exchanges" not in page
    api = client_of(manager).get("/api/v1/knowledge/articles", {"due_for_review": True}).json()
    assert [(a["title"], a["review_overdue"]) for a in api["items"]] == [
        ("Click and collect times", True)
    ]


def test_reviewing_moves_the_date_forward_only(manager, stale) -> None:
    with pytest.raises(InvalidArticle):
        article_reviewed(actor=manager, article_id=stale.pk, next_review=TODAY)
    article_reviewed(
        actor=manager, article_id=stale.pk, next_review=TODAY + datetime.timedelta(days=180)
    )
    assert review_due_for(owner=manager) == []


def test_the_article_page_flags_it(associate, stale) -> None:
    page = client_of(associate).get(f"/knowledge/{stale.pk}/").content.decode()
    assert "Past review since" in page
