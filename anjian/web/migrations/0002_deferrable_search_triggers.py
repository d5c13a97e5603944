"""SQLite: FTS5 insert triggers a bulk load can defer (web_fts_deferred); update triggers only on searched columns."""

from django.db import migrations

# Frozen here, as in 0001.
TABLES = {
    "ledger_task": ("seq", "category", "problem", "measures", "deadline_raw"),
    "ledger_hazard": ("description", "location", "found_by"),
    "ledger_inspection": ("inspectors", "notes"),
    "ledger_enforcementaction": ("document_number", "person_name", "notes"),
    "org_unit": ("name", "address", "credit_code", "principal_name"),
}


def forwards(apps, schema_editor):
    from anjian.core.search import deferrable_insert_triggers

    deferrable_insert_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):
    atomic = True
    dependencies = [("web", "0001_search")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
