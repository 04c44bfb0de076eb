"""Every edit makes a version with who, when and why; staff read the published one; the
history page lists them all."""

from __future__ import annotations

from api_clients import client_of
from everthread.core.models import AuditEvent
from everthread.knowledge.models import ArticleVersion
from factories import StaffFactory
from knowledge.conftest import write

RETURNS = {
    "title": "Returns and exchanges",
    "kind": "returns",
    "summary": "Refunds and exchanges in any store.",
    "body": "Unworn items within 28 days with the order number.",
    "checklist": ["Find the order", "Offer an exchange first"],
    "owner": "nadia",
    "journey_kinds": ["return"],
}


def test_the_api_creates_edits_publishes_and_lists_versions(manager) -> None:
    api = client_of(manager)
    created = api.post("/api/v1/knowledge/articles", RETURNS, content_type="application/json")
    assert created.status_code == 201, created.json()
    article = created.json()
    assert (article["status"], article["latest_version"], article["owner"]["username"]) == (
        "draft",
        1,
        "nadia",
    )
    url = f"/api/v1/knowledge/articles/{article['id']}"
    assert api.post(f"{url}/publish", {}, content_type="application/json").status_code == 200

    edited = api.put(
        url,
        {**RETURNS, "body": "Unworn items within 35 days.", "why": "Longer window for winter"},
        content_type="application/json",
    ).json()
    # The edit waits: staff still read version 1.
    assert (edited["latest_version"], edited["published_version"]) == (2, 1)
    assert "28 days" in edited["body"]

    versions = api.get(f"{url}/versions").json()
    assert [(v["number"], v["why"], v["published"]) for v in versions] == [
        (2, "Longer window for winter", False),
        (1, "First version", True),
    ]
    assert versions[0]["author"]["username"] == "nadia"

    api.post(f"{url}/publish", {"number": 2}, content_type="application/json")
    assert "35 days" in api.get(url).json()["body"]


def test_an_edit_without_a_reason_is_refused(manager) -> None:
    article = write(manager, title="Gift wrapping", body="Green paper.")
    response = client_of(manager).put(
        f"/api/v1/knowledge/articles/{article.pk}",
        {**RETURNS, "why": "  "},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "why"
    assert ArticleVersion.objects.filter(article=article).count() == 1


def test_bad_input_names_the_field(manager) -> None:
    api = client_of(manager)
    no_body = api.post(
        "/api/v1/knowledge/articles", {**RETURNS, "body": " "}, content_type="application/json"
    )
    no_one = api.post(
        "/api/v1/knowledge/articles",
        {**RETURNS, "owner": "nobody"},
        content_type="application/json",
    )
    bad_kind = api.post(
        "/api/v1/knowledge/articles",
        {**RETURNS, "journey_kinds": ["picnic"]},
        content_type="application/json",
    )
    assert (no_body.status_code, no_body.json()["field"]) == (400, "body")
    assert (no_one.status_code, no_one.json()["field"]) == (404, "owner")
    assert (bad_kind.status_code, bad_kind.json()["field"]) == (422, "journey_kinds.0")


def test_associates_read_but_cannot_write(manager, associate) -> None:
    article = write(manager, title="Gift wrapping", body="Green paper.")
    api = client_of(associate)
    assert api.get(f"/api/v1/knowledge/articles/{article.pk}").status_code == 200
    refused = api.post("/api/v1/knowledge/articles", RETURNS, content_type="application/json")
    assert refused.status_code == 403


def test_the_history_page_shows_who_when_and_why(manager) -> None:
    from everthread.knowledge.services import ArticleDraft, article_edit

    coach = StaffFactory(username="grace", first_name="Grace", last_name="Pym", role="coach")
    article = write(manager, title="Gift wrapping", body="Green paper.")
    article_edit(
        actor=coach,
        article_id=article.pk,
        draft=ArticleDraft(title="Gift wrapping", body="Gold ribbon.", owner=manager),
        why="New season's ribbon",
    )
    page = client_of(manager).get(f"/knowledge/{article.pk}/history/").content.decode()
    assert "Version 2" in page and "Grace Pym" in page and "New season&#x27;s ribbon" in page
    assert "Version 1" in page and "Published" in page
    assert AuditEvent.objects.filter(action="knowledge.article_edited").count() == 1
