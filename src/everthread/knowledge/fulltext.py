"""Full-text search of published articles, on whichever database serves: PostgreSQL's
weighted tsvector (title, summary, body, checklist) with ts_rank and ts_headline, or
SQLite's FTS5 with bm25() and snippet().

Both return ranked ids with a snippet whose matches sit between two private-use characters;
``snippet_html`` escapes the text and only then turns those into <mark>, so an article's
words can never become markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from everthread.knowledge.models import Article

# Unicode private-use characters: never in real text, so a match's edges are unambiguous.
MATCH_START, MATCH_STOP = "\ue000", "\ue001"
FTS_TABLE = "knowledge_article_fts"
# Title outweighs summary, summary outweighs body and checklist: the same on both databases.
_PG_VECTOR = (
    SearchVector("title", weight="A", config="english")
    + SearchVector("summary", weight="B", config="english")
    + SearchVector("body", weight="C", config="english")
    + SearchVector(Cast("checklist", TextField()), weight="C", config="english")
)
_FTS_WEIGHTS = "10.0, 4.0, 1.0, 1.0"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LexicalHit:
    article_id: int
    rank: float
    snippet: str  # raw text with MATCH_START/MATCH_STOP around matches


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


def query_words(q: str) -> list[str]:
    return _WORD.findall(q.lower())


def index_articles(article_ids: Iterable[int] | None = None) -> None:
    """Bring the index up to date with the articles' published words (all when None)."""
    ids = None if article_ids is None else list(article_ids)
    if on_postgresql():
        rows = Article.objects.all() if ids is None else Article.objects.filter(pk__in=ids)
        rows.update(search_vector=_PG_VECTOR)
        return
    params: list[str | int] = [str(Article.Status.PUBLISHED)]
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
            where = "status = %s"
        else:
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", ids)
            where = f"status = %s AND id IN ({marks})"
            params += ids
        if ids is None or ids:
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body, checklist) "
                f"SELECT id, title, summary, body, checklist FROM knowledge_article "
                f"WHERE {where}",
                params,
            )


def lexical_search(q: str, *, limit: int) -> list[LexicalHit]:
    words = query_words(q)
    if not words:
        return []
    return _postgresql(words, limit) if on_postgresql() else _sqlite(words, limit)


def _postgresql(words: list[str], limit: int) -> list[LexicalHit]:
    # Plain words, every one required: what staff type is never query syntax, as on SQLite.
    query = SearchQuery(" ".join(words), search_type="plain", config="english")
    rows = (
        Article.objects.filter(status=Article.Status.PUBLISHED, search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            snippet=SearchHeadline(
                "body",
                query,
                config="english",
                start_sel=MATCH_START,
                stop_sel=MATCH_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "id")
        .values_list("id", "rank", "snippet")[:limit]
    )
    return [LexicalHit(pk, float(rank), snippet) for pk, rank, snippet in rows]


def _sqlite(words: list[str], limit: int) -> list[LexicalHit]:
    # Each word quoted: what staff type is words to find, never FTS5 query syntax.
    match = " ".join(f'"{word}"' for word in words)
    # Joined to the published articles before the limit: an index row left by an article
    # since deleted or withdrawn can never take a place in the page.
    sql = (
        f"SELECT {FTS_TABLE}.rowid, -bm25({FTS_TABLE}, {_FTS_WEIGHTS}) AS rank, "
        f"snippet({FTS_TABLE}, 2, %s, %s, ' … ', 24) "
        f"FROM {FTS_TABLE} JOIN knowledge_article ON knowledge_article.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND knowledge_article.status = %s "
        f"ORDER BY rank DESC, {FTS_TABLE}.rowid LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [MATCH_START, MATCH_STOP, match, str(Article.Status.PUBLISHED), limit])
        return [LexicalHit(pk, float(rank), snippet) for pk, rank, snippet in cursor.fetchall()]


def snippet_html(raw: str) -> SafeString:
    """Escape the words, then mark the matches: the only markup is ours."""
    text = escape(raw).replace(MATCH_START, "<mark>").replace(MATCH_STOP, "</mark>")
    return mark_safe(text)  # escaped above: the only markup is the <mark> we add


def plain_snippet(text: str, words: int = 30) -> SafeString:
    """The start of an article, escaped, for a hit that matched by meaning, not by words."""
    parts = text.split()
    cut = " ".join(parts[:words]) + (" …" if len(parts) > words else "")
    return escape(cut)
