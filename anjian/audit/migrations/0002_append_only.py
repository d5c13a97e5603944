"""Make the audit log append-only in the database itself, not just in the application."""

from django.db import migrations, models

SQLITE_UP = [
    """CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit_auditentry
       WHEN NOT EXISTS (SELECT 1 FROM audit_purgepermit WHERE id = 1 AND OLD.seq <= upto_seq)
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_append_only_update", "DROP TRIGGER IF EXISTS audit_append_only_delete"]

PG_UP = [
    """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_purgepermit WHERE id = 1 AND OLD.seq <= upto_seq) THEN
           RETURN OLD;
         END IF;
         IF TG_OP = 'TRUNCATE' AND EXISTS (SELECT 1 FROM audit_purgepermit p WHERE p.id = 1
              AND p.upto_seq >= (SELECT coalesce(max(seq), 0) FROM audit_auditentry)) THEN
           RETURN NULL;
         END IF;
         RAISE EXCEPTION 'audit log is append-only';
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_append_only()""",
    "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_auditentry FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS audit_append_only ON audit_auditentry",
    "DROP TRIGGER IF EXISTS audit_no_truncate ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_append_only()",
]


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = PG_UP if schema_editor.connection.vendor == "postgresql" else SQLITE_UP
    for sql in statements:
        schema_editor.execute(sql)


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = PG_DOWN if schema_editor.connection.vendor == "postgresql" else SQLITE_DOWN
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="PurgePermit",
            fields=[
                ("id", models.PositiveSmallIntegerField(primary_key=True, default=1, serialize=False)),
                ("upto_seq", models.PositiveBigIntegerField(default=0)),
            ],
            options={"verbose_name": "审计清理许可", "verbose_name_plural": "审计清理许可"},
        ),
        migrations.RunPython(install, remove),
    ]
