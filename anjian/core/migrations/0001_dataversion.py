import django.utils.timezone
from django.db import migrations, models


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    from anjian.core.dataversion import install_triggers

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("INSERT INTO core_dataversion (id, version, started) VALUES (1, 0, now()) "
                              "ON CONFLICT (id) DO NOTHING")
        install_triggers(connection)


def uninstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'core_data_version'")
        tables = [row[0] for row in cursor.fetchall()]
    for table in tables:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS core_data_version ON {table}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS core_data_version_truncate ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS core_bump_data_version(); DROP FUNCTION IF EXISTS core_data_change_first()")


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
                ("started", models.DateTimeField(default=django.utils.timezone.now)),
            ],
        ),
        migrations.RunPython(install, uninstall),
    ]
