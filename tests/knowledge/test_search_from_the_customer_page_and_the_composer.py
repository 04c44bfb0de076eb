"""Staff search guidance without leaving the customer: the box is on the customer page and
in the composer, and answers in place with highlighted snippets."""

from __future__ import annotations

from django.test import Client

from factories import CustomerFactory


def test_the_customer_page_and_composer_carry_the_search_box(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    page = signed_in.get(f"/customers/{amara.pk}/").content.decode()
    composer = signed_in.get(f"/customers/{amara.pk}/message/").content.decode()
    for html in (page, composer):
        assert "Search guidance: returns, tone, consent, playbooks" in html
        assert 'hx-get="/knowledge/search/"' in html
    assert f'hx-get="/customers/{amara.pk}/guidance/"' in page


def test_results_come_back_in_place_with_highlights(signed_in: Client, knowledge_base) -> None:
    found = signed_in.get("/knowledge/search/", {"q": "exchange"}, HTTP_HX_REQUEST="true")
    html = found.content.decode()
    assert "<html" not in html
    assert "Search: by words · 1 found" in html
    assert "Returns and exchanges" in html and "<mark>exchange</mark>" in html


def test_nothing_found_says_so(signed_in: Client, knowledge_base) -> None:
    html = signed_in.get("/knowledge/search/", {"q": "umbrella"}).content.decode()
    assert "Nothing in the knowledge base matches “umbrella”" in html


def test_the_api_says_which_mode_ran(signed_in: Client, knowledge_base) -> None:
    answer = signed_in.get("/api/v1/knowledge/search", {"q": "apologise options"}).json()
    assert answer["mode"] == "lexical"
    assert [hit["article"]["title"] for hit in answer["hits"]] == [
        "Service recovery when a request was missed"
    ]
    assert "<mark>Apologise</mark>" in answer["hits"][0]["snippet"]
