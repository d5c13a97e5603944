"""Create the application's PostgreSQL role without UPDATE/DELETE/TRUNCATE on the audit log.

The migrations run as the owner; the application connects as this role. The append-only trigger
(audit migration 0002) stops the owner too; the revoked rights stop the application even if the
trigger were dropped. A retention purge therefore runs as the owner (`anjian` with the owner's URL).

    manage.py harden_postgres --role anjian_app [--password …] [--print]
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from anjian.audit.models import AuditEntry, AuditHead, PurgePermit


def hardening_sql(role: str, password: str | None, database: str) -> list[str]:
    """The statements, in order; identifiers are quoted, the password is a literal."""
    q = connection.ops.quote_name
    audit, head, permit = (q(m._meta.db_table) for m in (AuditEntry, AuditHead, PurgePermit))
    login = f" LOGIN PASSWORD {_literal(password)}" if password else " LOGIN"
    return [
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {_literal(role)}) THEN "
        f"CREATE ROLE {q(role)} NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$",
        f"ALTER ROLE {q(role)}{login}",
        f"GRANT CONNECT ON DATABASE {q(database)} TO {q(role)}",
        f"GRANT USAGE ON SCHEMA public TO {q(role)}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {q(role)}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {q(role)}",
        f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {q(role)}",
        # The audit log: append and read only. The purge permit is the owner's alone.
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {audit} FROM {q(role)}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {permit} FROM {q(role)}",
        f"GRANT SELECT, INSERT, UPDATE ON {head} TO {q(role)}",
    ]


def _literal(value: str | None) -> str:
    return "'" + (value or "").replace("'", "''") + "'"


class Command(BaseCommand):
    help = "创建应用数据库角色（审计日志只可追加）/ create the app role with append-only audit rights (PostgreSQL)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--role", default="anjian_app")
        parser.add_argument("--password", default=None)
        parser.add_argument("--print", action="store_true", help="print the SQL instead of running it")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("仅适用于 PostgreSQL；SQLite 由触发器保护 / PostgreSQL only (SQLite uses triggers)")
        statements = hardening_sql(options["role"], options["password"], connection.settings_dict["NAME"])
        if options["print"]:
            self.stdout.write(";\n".join(s.replace(_literal(options["password"]), "'***'")
                                          if options["password"] else s for s in statements) + ";")
            return
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        self.stdout.write(f"角色 {options['role']} 已配置：审计日志禁止 UPDATE/DELETE/TRUNCATE / role hardened")
