"""Someone must answer for keeping guidance true: an article with no owner is refused
publication, in the service, over the API and on the page, and stays a draft."""

from __future__ import annotations

import pytest

from api_clients import client_of
from everthread.knowledge.errors import ArticleNeedsOwner
from everthread.knowledge.models import Article
from everthread.knowledge.selectors import knowledge_search
from everthread.knowledge.services import ArticleDraft, article_create, article_publish


@pytest.fixture
def ownerless(manager) -> Article:
    draft = ArticleDraft(title="Gift receipts", body="Offer a gift receipt with every gift.")
    return article_create(actor=manager, draft=draft)


def test_the_service_refuses_and_says_what_to_do(manager, ownerless) -> None:
    with pytest.raises(ArticleNeedsOwner) as refused:
        article_publish(actor=manager, article_id=ownerless.pk)
    assert refused.value.field == "owner"
    assert "no owner" in refused.value.message
    ownerless.refresh_from_db()
    assert ownerless.status == Article.Status.DRAFT
    assert knowledge_search(q="gift receipt").hits == []


def test_the_api_answers_409_naming_the_field(manager, ownerless) -> None:
    response = client_of(manager).post(
        f"/api/v1/knowledge/articles/{ownerless.pk}/publish", {}, content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json() == {
        "code": "article_needs_owner",
        "detail": "“Gift receipts” has no owner. Choose who keeps it true before publishing it.",
        "field": "owner",
    }


def test_the_page_says_why_and_publishing_works_once_owned(manager, ownerless) -> None:
    client = client_of(manager)
    refused = client.post(f"/knowledge/{ownerless.pk}/publish/", follow=True)
    assert "has no owner" in refused.content.decode()

    client.post(
        f"/knowledge/{ownerless.pk}/edit/",
        {
            "title": "Gift receipts",
            "kind": "playbook",
            "body": "Offer a gift receipt with every gift.",
            "owner": manager.pk,
            "why": "Nadia owns it",
        },
    )
    published = client.post(f"/knowledge/{ownerless.pk}/publish/", follow=True)
    assert "Published version 2" in published.content.decode()
    assert [hit.article.pk for hit in knowledge_search(q="gift receipt").hits] == [ownerless.pk]
