"""Guard the chain's head and the purge permit in the database, as 0002 guards the entries.

Before this, anyone allowed to write SQL could rewrite the permit and the head and then delete the newest
entries, or delete the oldest ones and move the anchor, and `anjian audit verify` still said "chain OK".
Now, with the triggers in place:

- the head row is seeded here (genesis) and may be created only at genesis, on an empty log; it may not be
  deleted while entries exist; it only moves forward, to an entry that exists with that hash (on
  PostgreSQL checked at commit: the one-statement append moves the head before it inserts the entry; on
  SQLite also: with no entry beyond it);
- the anchor (base_seq, base_hash) moves only forward, within the permit, to the stored hash of an entry
  older than the retention period;
- the permit may be raised only to a seq whose entries are all older than the retention period;
- an entry may be deleted only if it is within the permit, at or below the anchor and older than the
  retention period; TRUNCATE only of an empty log; on SQLite an INSERT may not replace an existing entry
  (INSERT OR REPLACE deletes without firing the delete trigger).

Retention: 183 days (网络安全法 §21, `anjian.security.services.RETENTION_DAYS`).
"""

from django.db import migrations

GENESIS = "0" * 64
RETENTION = "183 days"

SQLITE_YOUNG = f"datetime('now', '-{RETENTION}')"
SQLITE_UP = [
    "DROP TRIGGER IF EXISTS audit_append_only_delete",
    f"""CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit_auditentry
       WHEN NOT EXISTS (SELECT 1 FROM audit_purgepermit p, audit_audithead h
                        WHERE p.id = 1 AND h.id = 1 AND OLD.seq <= p.upto_seq AND OLD.seq <= h.base_seq)
         OR OLD."at" >= {SQLITE_YOUNG}
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only: only entries older than the retention period, within the purge permit and at or below the anchor may be purged'); END""",
    """CREATE TRIGGER audit_append_only_insert BEFORE INSERT ON audit_auditentry
       WHEN EXISTS (SELECT 1 FROM audit_auditentry WHERE seq = NEW.seq OR id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only: an entry cannot be replaced'); END""",
    f"""CREATE TRIGGER audit_head_insert BEFORE INSERT ON audit_audithead
       WHEN NEW.id <> 1 OR NEW.last_seq <> 0 OR NEW.base_seq <> 0 OR NEW.last_hash <> '{GENESIS}'
         OR NEW.prev_hash <> '{GENESIS}' OR NEW.base_hash <> '{GENESIS}' OR EXISTS (SELECT 1 FROM audit_auditentry)
       BEGIN SELECT RAISE(ABORT, 'audit head: only the genesis head of an empty log may be created'); END""",
    """CREATE TRIGGER audit_head_delete BEFORE DELETE ON audit_audithead
       WHEN EXISTS (SELECT 1 FROM audit_auditentry)
       BEGIN SELECT RAISE(ABORT, 'audit head: cannot be deleted while the log has entries'); END""",
    f"""CREATE TRIGGER audit_head_update BEFORE UPDATE ON audit_audithead
       WHEN NEW.id <> OLD.id OR NEW.last_seq < OLD.last_seq
         OR (NEW.last_seq = OLD.last_seq AND (NEW.last_hash <> OLD.last_hash OR NEW.prev_hash <> OLD.prev_hash))
         OR (NEW.last_seq <> OLD.last_seq
             AND NOT EXISTS (SELECT 1 FROM audit_auditentry WHERE seq = NEW.last_seq AND hash = NEW.last_hash))
         OR EXISTS (SELECT 1 FROM audit_auditentry WHERE seq > NEW.last_seq)
         OR ((NEW.base_seq <> OLD.base_seq OR NEW.base_hash <> OLD.base_hash) AND NOT (
              NEW.base_seq > OLD.base_seq
              AND NEW.base_seq <= coalesce((SELECT upto_seq FROM audit_purgepermit WHERE id = 1), 0)
              AND EXISTS (SELECT 1 FROM audit_auditentry WHERE seq = NEW.base_seq AND hash = NEW.base_hash
                          AND "at" < {SQLITE_YOUNG})))
       BEGIN SELECT RAISE(ABORT, 'audit head: moves only forward with appends; the anchor only to a permitted purge of entries older than the retention period'); END""",
    """CREATE TRIGGER audit_permit_insert BEFORE INSERT ON audit_purgepermit
       WHEN NEW.id <> 1 OR NEW.upto_seq <> 0
       BEGIN SELECT RAISE(ABORT, 'audit purge permit: only the closed permit may be created'); END""",
    """CREATE TRIGGER audit_permit_delete BEFORE DELETE ON audit_purgepermit
       WHEN EXISTS (SELECT 1 FROM audit_auditentry)
       BEGIN SELECT RAISE(ABORT, 'audit purge permit: cannot be deleted while the log has entries'); END""",
    f"""CREATE TRIGGER audit_permit_update BEFORE UPDATE ON audit_purgepermit
       WHEN NEW.id <> OLD.id OR (NEW.upto_seq <> 0 AND (
         NEW.upto_seq > coalesce((SELECT last_seq FROM audit_audithead WHERE id = 1), 0)
         OR EXISTS (SELECT 1 FROM audit_auditentry WHERE seq <= NEW.upto_seq AND "at" >= {SQLITE_YOUNG})))
       BEGIN SELECT RAISE(ABORT, 'audit purge permit: only entries older than the retention period may be permitted'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_append_only_delete",
    "DROP TRIGGER IF EXISTS audit_append_only_insert",
    *(f"DROP TRIGGER IF EXISTS audit_{t}_{op}" for t in ("head", "permit") for op in ("insert", "delete", "update")),
    """CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit_auditentry
       WHEN NOT EXISTS (SELECT 1 FROM audit_purgepermit WHERE id = 1 AND OLD.seq <= upto_seq)
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]

PG_YOUNG = f"now() - interval '{RETENTION}'"
PG_UP = [
    f"""CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND OLD."at" < {PG_YOUNG} AND EXISTS (
              SELECT 1 FROM audit_purgepermit p, audit_audithead h
              WHERE p.id = 1 AND h.id = 1 AND OLD.seq <= p.upto_seq AND OLD.seq <= h.base_seq) THEN
           RETURN OLD;
         END IF;
         IF TG_OP = 'TRUNCATE' AND NOT EXISTS (SELECT 1 FROM audit_auditentry) THEN
           RETURN NULL;
         END IF;
         RAISE EXCEPTION 'audit log is append-only: only entries older than the retention period, within the purge permit and at or below the anchor may be purged';
       END $$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE FUNCTION audit_head_guard() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           IF NEW.id = 1 AND NEW.last_seq = 0 AND NEW.base_seq = 0 AND NEW.last_hash = '{GENESIS}'
              AND NEW.prev_hash = '{GENESIS}' AND NEW.base_hash = '{GENESIS}'
              AND NOT EXISTS (SELECT 1 FROM audit_auditentry) THEN
             RETURN NEW;
           END IF;
           RAISE EXCEPTION 'audit head: only the genesis head of an empty log may be created';
         END IF;
         IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
           IF NOT EXISTS (SELECT 1 FROM audit_auditentry) THEN
             RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NULL END;
           END IF;
           RAISE EXCEPTION 'audit head: cannot be deleted while the log has entries';
         END IF;
         IF NEW.id <> OLD.id OR NEW.last_seq < OLD.last_seq
            OR (NEW.last_seq = OLD.last_seq AND (NEW.last_hash <> OLD.last_hash OR NEW.prev_hash <> OLD.prev_hash)) THEN
           RAISE EXCEPTION 'audit head: moves only forward with appends';
         END IF;
         IF (NEW.base_seq <> OLD.base_seq OR NEW.base_hash <> OLD.base_hash) AND NOT (
              NEW.base_seq > OLD.base_seq
              AND NEW.base_seq <= coalesce((SELECT upto_seq FROM audit_purgepermit WHERE id = 1), 0)
              AND EXISTS (SELECT 1 FROM audit_auditentry WHERE seq = NEW.base_seq AND hash = NEW.base_hash
                          AND "at" < {PG_YOUNG})) THEN
           RAISE EXCEPTION 'audit head: the anchor moves only to a permitted purge of entries older than the retention period';
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    # At commit: the head each update set names an entry that exists with that hash. Deferred because the
    # one-statement append (audit.services.append_in_postgres_statement) moves the head before it inserts the
    # entry. It reads the entry only, not the head: a transaction of n appends leaves n versions of the head
    # row, and reading it n times at commit made 2000 appends in one transaction twice as slow.
    """CREATE OR REPLACE FUNCTION audit_head_at_commit() RETURNS trigger AS $$
       BEGIN
         IF NEW.last_seq > NEW.base_seq
            AND NOT EXISTS (SELECT 1 FROM audit_auditentry WHERE seq = NEW.last_seq AND hash = NEW.last_hash) THEN
           RAISE EXCEPTION 'audit head does not name an entry of the log';
         END IF;
         RETURN NULL;
       END $$ LANGUAGE plpgsql""",
    f"""CREATE OR REPLACE FUNCTION audit_permit_guard() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           IF NEW.id = 1 AND NEW.upto_seq = 0 THEN
             RETURN NEW;
           END IF;
           RAISE EXCEPTION 'audit purge permit: only the closed permit may be created';
         END IF;
         IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
           IF NOT EXISTS (SELECT 1 FROM audit_auditentry) THEN
             RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NULL END;
           END IF;
           RAISE EXCEPTION 'audit purge permit: cannot be deleted while the log has entries';
         END IF;
         IF NEW.id <> OLD.id OR (NEW.upto_seq <> 0 AND (
              NEW.upto_seq > coalesce((SELECT last_seq FROM audit_audithead WHERE id = 1), 0)
              OR EXISTS (SELECT 1 FROM audit_auditentry WHERE seq <= NEW.upto_seq AND "at" >= {PG_YOUNG}))) THEN
           RAISE EXCEPTION 'audit purge permit: only entries older than the retention period may be permitted';
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_head_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_audithead
       FOR EACH ROW EXECUTE FUNCTION audit_head_guard()""",
    """CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_audithead
       FOR EACH STATEMENT EXECUTE FUNCTION audit_head_guard()""",
    """CREATE CONSTRAINT TRIGGER audit_head_at_commit AFTER UPDATE ON audit_audithead
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.last_seq <> OLD.last_seq OR NEW.last_hash <> OLD.last_hash)
       EXECUTE FUNCTION audit_head_at_commit()""",
    """CREATE TRIGGER audit_permit_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_purgepermit
       FOR EACH ROW EXECUTE FUNCTION audit_permit_guard()""",
    """CREATE TRIGGER audit_permit_no_truncate BEFORE TRUNCATE ON audit_purgepermit
       FOR EACH STATEMENT EXECUTE FUNCTION audit_permit_guard()""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS audit_head_guard ON audit_audithead",
    "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_audithead",
    "DROP TRIGGER IF EXISTS audit_head_at_commit ON audit_audithead",
    "DROP TRIGGER IF EXISTS audit_permit_guard ON audit_purgepermit",
    "DROP TRIGGER IF EXISTS audit_permit_no_truncate ON audit_purgepermit",
    "DROP FUNCTION IF EXISTS audit_head_guard()",
    "DROP FUNCTION IF EXISTS audit_head_at_commit()",
    "DROP FUNCTION IF EXISTS audit_permit_guard()",
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
]

SEED = [
    "INSERT INTO audit_audithead (id, last_seq, last_hash, prev_hash, base_seq, base_hash) "
    f"SELECT 1, 0, '{GENESIS}', '{GENESIS}', 0, '{GENESIS}' WHERE NOT EXISTS (SELECT 1 FROM audit_audithead)",
    "INSERT INTO audit_purgepermit (id, upto_seq) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM audit_purgepermit)",
    # A permit left open (an interrupted purge of the old code) is closed before the guard is installed.
    "UPDATE audit_purgepermit SET upto_seq = 0",
]


def seal_old_anchor(entry_model, head_model):  # type: ignore[no-untyped-def]
    """An installation that purged before the seal existed: append one entry sealing its anchor as it is now
    (verify() requires the newest anchor-setting entry to carry a seal). What was purged before cannot be
    proved; from here on, moving the anchor without a purge is caught."""
    from datetime import timedelta

    from django.utils import timezone

    from anjian.audit.chain import canonical, link
    from anjian.audit.seal import RETENTION_DAYS, seal

    head = head_model.objects.get(id=1)
    if not head.base_seq:
        return
    at = timezone.now()
    after = seal(base_seq=head.base_seq, base_hash=head.base_hash,
                 before=(at - timedelta(days=RETENTION_DAYS)).isoformat())
    seq = head.last_seq + 1
    digest = link(head.last_hash, canonical(seq=seq, at=at, actor_id=None, actor_name="system",
                                            action="audit.anchor", object_type="audit",
                                            object_id=str(head.base_seq), before=None, after=after, request_id=""))
    entry_model.objects.create(seq=seq, at=at, actor_id=None, actor_name="system", action="audit.anchor",
                               object_type="audit", object_id=str(head.base_seq), before=None, after=after,
                               request_id="", prev_hash=head.last_hash, hash=digest)
    head_model.objects.filter(id=1).update(last_seq=seq, last_hash=digest, prev_hash=head.last_hash)


def install(apps, schema_editor):  # type: ignore[no-untyped-def]
    # The head is seeded here, not by the first append: two processes writing the first entries of a new
    # database both created it and both took seq 1 (issue 22).
    for sql in SEED:
        schema_editor.execute(sql)
    seal_old_anchor(apps.get_model("audit", "AuditEntry"), apps.get_model("audit", "AuditHead"))
    statements = PG_UP if schema_editor.connection.vendor == "postgresql" else SQLITE_UP
    for sql in statements:
        schema_editor.execute(sql)


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    statements = PG_DOWN if schema_editor.connection.vendor == "postgresql" else SQLITE_DOWN
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_head_prev_hash")]

    operations = [migrations.RunPython(install, remove)]
