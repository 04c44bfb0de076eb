"""The full-text index each database keeps: a GIN index on PostgreSQL's tsvector, an FTS5
table on SQLite (filled by the service that publishes an article)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS knowledge_article_search "
            "ON knowledge_article USING gin (search_vector)"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS knowledge_article_fts USING fts5("
            "title, summary, body, checklist, tokenize = 'porter unicode61 remove_diacritics 2')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS knowledge_article_search")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS knowledge_article_fts")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
