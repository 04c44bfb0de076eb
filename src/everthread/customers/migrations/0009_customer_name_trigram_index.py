"""Search by name on PostgreSQL: a trigram index on the derived search text, so a name
anywhere in it (``LIKE '%rosa%'``, what customer_search asks) is found without reading
every customer. SQLite, for tests and small demos, reads them all."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # pg_trgm ships with PostgreSQL and is a trusted extension: the database's owner may
        # create it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS customer_search_text_trigram "
            "ON customers_customer USING gin (search_text gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The extension stays: other objects in the database may have come to rely on it.
        schema_editor.execute("DROP INDEX IF EXISTS customer_search_text_trigram")


class Migration(migrations.Migration):
    dependencies = [("customers", "0008_customer_erased_at")]

    operations = [migrations.RunPython(create, drop)]
