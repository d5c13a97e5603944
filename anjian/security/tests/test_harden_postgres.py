"""On PostgreSQL the application role may append to the audit log but its rights refuse UPDATE/DELETE/TRUNCATE."""

from __future__ import annotations

import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from anjian.audit.services import record


@pytest.mark.django_db(transaction=True)
def test_app_role_cannot_update_delete_or_truncate_the_audit_log() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run the suite with ANJIAN_DATABASE_URL=postgres://…")
    import psycopg
    from psycopg import errors

    record(actor=None, action="test.change", object_type="test", object_id=1)
    role = f"anjian_app_{uuid.uuid4().hex[:8]}"
    call_command("harden_postgres", role=role, verbosity=0)
    params = connection.settings_dict
    try:
        with psycopg.connect(host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432,
                             dbname=params["NAME"], user=role, autocommit=True) as app:
            # appending is allowed (the application writes audit rows) ...
            assert app.execute("SELECT count(*) FROM audit_auditentry").fetchone()[0] >= 1  # type: ignore[index]
            for statement in ("UPDATE audit_auditentry SET action = 'x'", "DELETE FROM audit_auditentry",
                              "TRUNCATE audit_auditentry", "UPDATE audit_purgepermit SET upto_seq = 999999"):
                # ... changing or removing is refused by privileges, before any trigger runs
                with pytest.raises(errors.InsufficientPrivilege):
                    app.execute(statement)
            app.execute("UPDATE ledger_task SET version = version WHERE false")  # ordinary tables stay writable
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')


def test_sql_is_printable_for_review(capsys: pytest.CaptureFixture[str]) -> None:
    from anjian.security.management.commands.harden_postgres import hardening_sql

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    sql = "\n".join(hardening_sql("anjian_app", "secret", "anjian"))
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON "audit_auditentry" FROM "anjian_app"' in sql
