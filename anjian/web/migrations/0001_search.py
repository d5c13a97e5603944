"""Full-text search structures: FTS5 trigram tables + triggers on SQLite, pg_trgm indexes on PostgreSQL."""

from django.db import migrations

# Frozen here: a later change of anjian.core.search.SEARCH_TABLES needs its own migration.
TABLES = {
    "ledger_task": ("seq", "category", "problem", "measures", "deadline_raw"),
    "ledger_hazard": ("description", "location", "found_by"),
    "ledger_inspection": ("inspectors", "notes"),
    "ledger_enforcementaction": ("document_number", "person_name", "notes"),
    "org_unit": ("name", "address", "credit_code", "principal_name"),
}


def forwards(apps, schema_editor):
    from anjian.core.search import install

    install(schema_editor, TABLES)


def backwards(apps, schema_editor):
    from anjian.core.search import uninstall

    uninstall(schema_editor, TABLES)


class Migration(migrations.Migration):
    atomic = True
    dependencies = [
        ("ledger", "0001_initial"),
        ("org", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
