"""After a restore or a bulk load, `everthread knowledge reindex` makes the published
articles searchable again and says how many."""

from __future__ import annotations

import io

from django.core.management import call_command

from everthread.knowledge.models import Article
from everthread.knowledge.selectors import knowledge_search


def test_reindex_makes_bulk_loaded_articles_searchable(manager) -> None:
    Article.objects.bulk_create(
        [
            Article(slug="a", title="Gift receipts", body="Offer one.", status="published"),
            Article(slug="b", title="Gift wrap", body="Green paper.", status="draft"),
        ]
    )
    assert knowledge_search(q="gift").hits == []
    out = io.StringIO()
    call_command("knowledge", "reindex", stdout=out)
    assert out.getvalue() == "Indexed 1 published articles for lexical search.\n"
    assert [hit.article.title for hit in knowledge_search(q="gift").hits] == ["Gift receipts"]
