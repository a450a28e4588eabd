"""German full-text search for offers on PostgreSQL: a stored tsvector and its GIN index.

The family search matches with PostgreSQL's full-text search in addition to the SearchTerm
index and ranks with ts_rank (offers/selectors.py). Ranking thousands of hits needs the
vector stored: recomputing to_tsvector for 40,000 hits of one word takes a second, reading
it 50 ms. The column is filled by services_index, like the SearchTerm rows. It is a plain
column rather than a generated one because PostgreSQL refuses to change the type of a
column a generated column reads, which would break later migrations of name or description.

Only PostgreSQL gets the column and the index; SQLite has no tsvector and searches with the
SearchTerm index alone. Neither is part of the model state, so the models and makemigrations
are the same on both databases.
"""

from django.db import migrations

# As services._FULLTEXT_VECTOR at the time of this migration.
VECTOR = (
    "setweight(to_tsvector('german', coalesce(name, '')), 'A') || setweight(to_tsvector("
    "'german', coalesce(description, '') || ' ' || coalesce(eligibility, '')), 'B')"
)


def add_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE offers_service ADD COLUMN search_vector tsvector")
    # Offers indexed so far, as services_index would have done.
    schema_editor.execute(
        f"UPDATE offers_service SET search_vector = {VECTOR} "
        "WHERE id IN (SELECT service_id FROM offers_searchterm)"
    )
    schema_editor.execute(
        "CREATE INDEX offers_service_fulltext ON offers_service USING gin (search_vector)"
    )


def remove_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS offers_service_fulltext")
        schema_editor.execute("ALTER TABLE offers_service DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    operations = [migrations.RunPython(add_fulltext, remove_fulltext, elidable=False)]
