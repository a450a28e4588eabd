"""The family search's index as one document of terms per offer, looked up by the
database's own full-text engine.

SQLite: the FTS5 table offers_searchdocument_fts over offers_searchdocument (external
content, kept in step by triggers, so deletes by cascade follow too) and its vocabulary
offers_searchdocument_terms. PostgreSQL: the generated tsvector column search_vector (name
terms weight A, other terms weight B; the configuration 'simple' takes the terms as they
are, and gives them the positions a weight needs) with a GIN index. The German full-text column of 0002 on
offers_service goes: the analyzer's Snowball stems cover what it added. Neither is part of
the model state, so models and makemigrations are the same on both databases.

Offers that exist are indexed here with the analyzer of offers/search/ (as
services_index does), so the search finds them right after the migration.
"""

import django.db.models.deletion
from django.db import migrations, models


SQLITE = (
    "CREATE VIRTUAL TABLE offers_searchdocument_fts USING fts5(name_terms, body_terms, "
    "content='offers_searchdocument', content_rowid='service_id', detail='column')",
    "CREATE VIRTUAL TABLE offers_searchdocument_terms USING "
    "fts5vocab(offers_searchdocument_fts, 'row')",
    "CREATE TRIGGER offers_searchdocument_ai AFTER INSERT ON offers_searchdocument BEGIN "
    "INSERT INTO offers_searchdocument_fts(rowid, name_terms, body_terms) "
    "VALUES (new.service_id, new.name_terms, new.body_terms); END",
    "CREATE TRIGGER offers_searchdocument_ad AFTER DELETE ON offers_searchdocument BEGIN "
    "INSERT INTO offers_searchdocument_fts(offers_searchdocument_fts, rowid, name_terms, "
    "body_terms) VALUES ('delete', old.service_id, old.name_terms, old.body_terms); END",
    "CREATE TRIGGER offers_searchdocument_au AFTER UPDATE ON offers_searchdocument BEGIN "
    "INSERT INTO offers_searchdocument_fts(offers_searchdocument_fts, rowid, name_terms, "
    "body_terms) VALUES ('delete', old.service_id, old.name_terms, old.body_terms); "
    "INSERT INTO offers_searchdocument_fts(rowid, name_terms, body_terms) "
    "VALUES (new.service_id, new.name_terms, new.body_terms); END",
)
SQLITE_REVERSE = (
    "DROP TRIGGER IF EXISTS offers_searchdocument_au",
    "DROP TRIGGER IF EXISTS offers_searchdocument_ad",
    "DROP TRIGGER IF EXISTS offers_searchdocument_ai",
    "DROP TABLE IF EXISTS offers_searchdocument_terms",
    "DROP TABLE IF EXISTS offers_searchdocument_fts",
)
POSTGRESQL = (
    "DROP INDEX IF EXISTS offers_service_fulltext",
    "ALTER TABLE offers_service DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE offers_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', name_terms), 'A') || "
    "setweight(to_tsvector('simple', body_terms), 'B')) STORED",
    "CREATE INDEX offers_searchdocument_vector ON offers_searchdocument "
    "USING gin (search_vector)",
)
POSTGRESQL_REVERSE = (
    "DROP INDEX IF EXISTS offers_searchdocument_vector",
    "ALTER TABLE offers_searchdocument DROP COLUMN IF EXISTS search_vector",
)


def add_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQLITE if vendor == "sqlite" else POSTGRESQL if vendor == "postgresql" else ():
        schema_editor.execute(sql)


def remove_fulltext(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    reverse = (
        SQLITE_REVERSE if vendor == "sqlite" else POSTGRESQL_REVERSE if vendor == "postgresql" else ()
    )
    for sql in reverse:
        schema_editor.execute(sql)


def index_existing(apps, schema_editor):
    from praeventionsnetz.offers.search.index import index_terms

    service_model = apps.get_model("offers", "Service")
    document_model = apps.get_model("offers", "SearchDocument")
    services = service_model.objects.select_related("organisation").prefetch_related("topics")
    documents = []
    for service in services.iterator(chunk_size=500):
        topics = " ".join(t.name for t in sorted(service.topics.all(), key=lambda t: (t.name, t.pk)))
        organisation = service.organisation.name if service.organisation_id else ""
        name_terms = index_terms(service.name)
        other = index_terms(
            " ".join([service.description, service.eligibility, topics, organisation])
        )
        documents.append(
            document_model(
                service_id=service.pk,
                name_terms=" ".join(sorted(name_terms)),
                body_terms=" ".join(sorted(other - name_terms)),
            )
        )
        if len(documents) >= 500:
            document_model.objects.bulk_create(documents)
            documents = []
    document_model.objects.bulk_create(documents)


class Migration(migrations.Migration):

    dependencies = [
        ('offers', '0003_coverage_threshold'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('service', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='offers.service')),
                ('name_terms', models.TextField()),
                ('body_terms', models.TextField()),
            ],
        ),
        migrations.DeleteModel(
            name='SearchTerm',
        ),
        migrations.RunPython(add_fulltext, remove_fulltext, elidable=False),
        migrations.RunPython(index_existing, migrations.RunPython.noop, elidable=False),
    ]
