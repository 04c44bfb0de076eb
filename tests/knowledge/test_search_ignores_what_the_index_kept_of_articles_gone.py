"""An article deleted from the back office leaves its words in SQLite's full-text index (the
index is a table of its own). Those words must never crowd a live article out of the
results: search counts only what is published now."""

from __future__ import annotations

import pytest
from django.db import connection

from everthread.knowledge.selectors import knowledge_search
from knowledge.conftest import write

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL keeps the words on the article's own row"
)


def test_rows_of_deleted_articles_take_no_place_in_the_results(manager) -> None:
    gone = [
        write(manager, title=f"Old exchange refund rule {n}", body="Exchange or refund.")
        for n in range(12)
    ]
    for article in gone:
        article.delete()  # as the back office does: the index row stays behind
    live = write(manager, title="Returns", body="An exchange or a refund within 28 days.")

    outcome = knowledge_search(q="exchange refund", limit=5)

    assert [hit.article.pk for hit in outcome.hits] == [live.pk]
