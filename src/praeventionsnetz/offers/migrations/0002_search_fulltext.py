"""A GIN index over the German full-text vector of offers, on PostgreSQL only.

The family search matches with PostgreSQL's full-text search in addition to the SearchTerm
index (offers/selectors.py); SQLite has no tsvector and gets nothing here. The index is not
part of the model state, so the models stay the same on both databases.

The expression must stay the one of selectors.fulltext_vector(), or PostgreSQL will not use
the index; tests/offers/test_fulltext.py checks this with EXPLAIN.
"""

from django.db import migrations

INDEX = "offers_service_fulltext"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    vector = SearchVector("name", config="german", weight="A") + SearchVector(
        "description", "eligibility", config="german", weight="B"
    )
    schema_editor.add_index(apps.get_model("offers", "Service"), GinIndex(vector, name=INDEX))


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
