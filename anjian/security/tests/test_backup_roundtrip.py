"""Backup, then restore into an empty instance: same rows and hashes, a verifying chain, intact files."""

from __future__ import annotations

import io
import json
import tarfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from anjian.security.tests.instance import anjian, python, seeded

PG_SERVER = "postgres://postgres@127.0.0.1:5432/"

# A real-name tip-off: its reporter's identity is sealed with the instance's key (the data folder's key file).
TIPOFF = """
from anjian.tipoffs.services import ReporterInfo, submit_tipoff
submit_tipoff(region=Region.objects.get(code="410202"), category="gas", place="集市东口", description="违规充装",
              reporter=ReporterInfo(name="欧阳秘举", phone="13912345678"))
"""

ACTIVITY = """
from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.services import OwnerSpec, add_evidence, create_task, transition
from anjian.org.models import Department, Region
clerk, officer = User.objects.get(username="clerk"), User.objects.get(username="officer")
county = Region.objects.get(code="410202")
urban = Department.objects.get(region=county, name__contains="城市管理")
for i in range(3):
    task = create_task(actor=clerk, region=county, problem=f"问题{i}", measures="措施", seq=str(i),
                       deadline=DeadlineSpec.from_schema("2025-06-30", "2025年6月底前"),
                       owners=[OwnerSpec("区城管局", department=urban)], assign=True)
    transition(item=task, action="start", actor=officer)
    add_evidence(actor=officer, item=task, name=f"现场{i}.pdf", content=b"%PDF-1.7\\n" + bytes([i]) * 5000)
""" + TIPOFF

PASSPHRASE = "correct horse battery staple 安监"

FACTS = """
import json
from anjian.audit.services import verify
from anjian.backup import table_fingerprints
from anjian.security.services import verify_evidence_files
from anjian.ledger.models import Evidence
from anjian.tipoffs.models import ReporterIdentity
from anjian.tipoffs.sealing import unseal
chain = verify()
print(json.dumps({"tables": {t: v for t, v in table_fingerprints().items() if t != "django_session"},
                  "chain_ok": chain.ok, "chain_head": chain.head_hash, "entries": chain.checked,
                  "evidence": Evidence.objects.count(), "bad_files": len(verify_evidence_files()),
                  "reporters": [unseal(r.ciphertext)["name"] for r in ReporterIdentity.objects.all()]}))
"""


def _facts(data: Path, url: str | None = None) -> dict[str, object]:
    return json.loads(python(data, FACTS, url).strip().splitlines()[-1])


def _passphrase_file(tmp_path: Path, text: str = PASSPHRASE) -> str:
    path = tmp_path / "passphrase.txt"
    path.write_text(text + "\n", encoding="utf-8")
    path.chmod(0o600)
    return str(path)


def _roundtrip(tmp_path: Path, source_url: str | None, target_url: str | None) -> None:
    source = seeded(tmp_path / "source", source_url)
    python(source, ACTIVITY, source_url)
    before = _facts(source, source_url)
    assert before["evidence"] == 3 and before["chain_ok"] and before["bad_files"] == 0
    assert before["reporters"] == ["欧阳秘举"]
    backup = tmp_path / "anjian.backup"
    anjian(source, "backup", str(backup), "--passphrase-file", _passphrase_file(tmp_path), database_url=source_url)
    # the identity key is in the backup, but never in clear
    assert (source / "tipoff_key").read_bytes().strip() not in backup.read_bytes()
    # an empty instance: a new data folder (and, for PostgreSQL, a new database)
    target = tmp_path / "target"
    target.mkdir()
    done = anjian(target, "restore", str(backup), "--passphrase-file", _passphrase_file(tmp_path),
                  database_url=target_url)
    assert "校验通过" in done.stdout and "举报人信息 1 条可解密" in done.stdout
    after = _facts(target, target_url)
    assert after == before  # the reporter's identity opens on the restored instance too
    assert (target / "tipoff_key").read_bytes() == (source / "tipoff_key").read_bytes().strip()
    assert (target / "tipoff_key").stat().st_mode & 0o777 == 0o600
    assert sorted(p.read_bytes() for p in (target / "media").rglob("*.pdf")) == sorted(
        p.read_bytes() for p in (source / "media").rglob("*.pdf"))


def test_backup_restore_roundtrip_on_sqlite(tmp_path: Path) -> None:
    _roundtrip(tmp_path, None, None)


@pytest.fixture
def two_databases() -> Iterator[tuple[str, str]]:
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_SERVER + "postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL not reachable at 127.0.0.1:5432")
    names = [f"anjian_sec_bk_{uuid.uuid4().hex[:8]}_{side}" for side in ("a", "b")]
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_SERVER + names[0], PG_SERVER + names[1]
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_backup_restore_roundtrip_on_postgresql(tmp_path: Path, two_databases: tuple[str, str]) -> None:
    import psycopg

    _roundtrip(tmp_path, *two_databases)
    # pg_restore leaves the planner without statistics (a city-year report query: 0.5 → 3 s); the restore
    # gathers them before it answers.
    with psycopg.connect(two_databases[1]) as restored:
        analysed = restored.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'ledger_task'").fetchone()
    assert analysed is not None and analysed[0] > 0


def _rewrite(backup: Path, out: Path, change: Callable[[str, bytes], bytes]) -> None:
    """Copy a backup tar member by member, passing each member's bytes through `change`."""
    with tarfile.open(backup) as src, tarfile.open(out, "w") as dst:
        for member in src.getmembers():
            data = change(member.name, src.extractfile(member).read())  # type: ignore[union-attr]
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


def test_a_corrupt_dump_is_refused_before_anything_is_restored(tmp_path: Path) -> None:
    source = seeded(tmp_path / "source")
    backup = tmp_path / "anjian.backup"
    anjian(source, "backup", str(backup))
    with tarfile.open(backup) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
    assert manifest["format"] == 2 and len(manifest["database"]["sha256"]) == 64
    assert manifest["rows"]["org_region"] > 0

    def flip(name: str, data: bytes) -> bytes:
        return data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:] if name == "db.sqlite3" else data

    corrupt = tmp_path / "corrupt.backup"
    _rewrite(backup, corrupt, flip)
    target = tmp_path / "target"
    target.mkdir()
    anjian(target, "migrate")
    failed = anjian(target, "restore", str(corrupt), check=False)
    assert failed.returncode != 0 and "已损坏" in failed.stderr
    assert python(target, "from anjian.org.models import Region; print(Region.objects.count())").strip() == "0"


def test_a_restore_that_does_not_match_the_manifest_counts_fails(tmp_path: Path) -> None:
    source = seeded(tmp_path / "source")
    backup = tmp_path / "anjian.backup"
    anjian(source, "backup", str(backup))

    def miscount(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["rows"]["org_region"] += 1
        return json.dumps(manifest).encode()

    tampered = tmp_path / "tampered.backup"
    _rewrite(backup, tampered, miscount)
    target = tmp_path / "target"
    target.mkdir()
    failed = anjian(target, "restore", str(tampered), check=False)
    assert failed.returncode != 0 and "org_region" in failed.stderr


@pytest.mark.django_db
def test_a_backup_inside_a_transaction_is_refused_not_hung(tmp_path: Path) -> None:
    # On SQLite the backup API cannot copy from a connection holding the write lock (it would retry forever),
    # and on PostgreSQL the dump's snapshot must be the first statement of its own transaction.
    from anjian.backup import BackupError, create_backup

    target = tmp_path / "in-transaction.backup"
    with pytest.raises(BackupError, match="事务"):
        create_backup(str(target))
    assert not target.exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_that_fails_half_way_leaves_nothing_beside_the_target(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from anjian import backup
    from anjian.fixtures import build_world

    build_world()
    monkeypatch.setattr(backup, "_media_files", lambda: (_ for _ in ()).throw(OSError("磁盘已满")))
    with pytest.raises(OSError, match="磁盘已满"):
        backup.create_backup(str(tmp_path / "half.backup"))
    assert list(tmp_path.iterdir()) == []  # no backup, no .partial, no dump folder
    monkeypatch.undo()
    manifest = backup.create_backup(str(tmp_path / "whole.backup"))
    assert [p.name for p in tmp_path.iterdir()] == ["whole.backup"]
    with tarfile.open(tmp_path / "whole.backup") as tar:
        assert [m.name for m in tar.getmembers()][0] == manifest["database"]["member"]
        dump = tar.extractfile(manifest["database"]["member"])
        assert dump is not None and len(dump.read()) == manifest["database"]["bytes"]
    from anjian.org.models import Region

    assert manifest["rows"]["org_region"] == Region.objects.count() > 0


@pytest.mark.django_db(transaction=True)
def test_a_sqlite_dump_through_memory_and_through_a_file_hold_the_same_database(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import sqlite3

    from django.db import connection

    from anjian import backup
    from anjian.fixtures import build_world

    if connection.vendor != "sqlite":
        pytest.skip("the in-memory dump is SQLite's")
    build_world()
    manifests = {}
    for way, limit in (("memory", 1 << 40), ("file", 0)):
        monkeypatch.setattr(backup, "MEMORY_DUMP_BYTES", limit)
        manifests[way] = backup.create_backup(str(tmp_path / f"{way}.backup"))
        with tarfile.open(tmp_path / f"{way}.backup") as tar:
            dump = tar.extractfile("db.sqlite3")
            assert dump is not None
            data = dump.read()
        assert hashlib.sha256(data).hexdigest() == manifests[way]["database"]["sha256"]
        (tmp_path / f"{way}.sqlite3").write_bytes(data)
        copy = sqlite3.connect(tmp_path / f"{way}.sqlite3")
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT COUNT(*) FROM org_region").fetchone()[0] == manifests[way]["rows"]["org_region"]
        copy.close()
    assert manifests["memory"]["rows"] == manifests["file"]["rows"]


def _with_identity(tmp_path: Path) -> tuple[Path, Path]:
    """A seeded instance holding one sealed reporter identity, and its backup made with the passphrase."""
    source = seeded(tmp_path / "source")
    python(source, "from anjian.org.models import Region\n" + TIPOFF)
    backup = tmp_path / "anjian.backup"
    anjian(source, "backup", str(backup), "--passphrase-file", _passphrase_file(tmp_path))
    return source, backup


def test_a_backup_of_sealed_identities_without_a_passphrase_is_refused(tmp_path: Path) -> None:
    source = seeded(tmp_path / "source")
    python(source, "from anjian.org.models import Region\n" + TIPOFF)
    failed = anjian(source, "backup", str(tmp_path / "no-key.backup"), check=False)
    assert failed.returncode != 0 and "--passphrase-file" in failed.stderr and "ANJIAN_BACKUP_PASSPHRASE" in failed.stderr
    short = anjian(source, "backup", str(tmp_path / "no-key.backup"), "--passphrase-file",
                   _passphrase_file(tmp_path, "short"), check=False)
    assert short.returncode != 0 and "至少" in short.stderr
    assert not (tmp_path / "no-key.backup").exists()


def test_a_wrong_passphrase_restores_nothing(tmp_path: Path) -> None:
    _, backup = _with_identity(tmp_path)
    target = tmp_path / "target"
    target.mkdir()
    anjian(target, "migrate")
    for extra in ([], ["--passphrase-file", _passphrase_file(tmp_path, "a wrong passphrase of length")]):
        failed = anjian(target, "restore", str(backup), *extra, check=False)
        assert failed.returncode != 0 and "未作任何恢复" in failed.stderr and "校验通过" not in failed.stdout
    assert python(target, "from anjian.org.models import Region; print(Region.objects.count())").strip() == "0"
    assert not (target / "tipoff_key").exists()


def test_a_backup_without_the_key_is_not_called_verified_and_no_new_key_is_made(tmp_path: Path) -> None:
    # given a backup as they were made before: identities sealed, their key not in it
    source, backup = _with_identity(tmp_path)

    def drop_key(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        del manifest["identity_key"]
        return json.dumps(manifest).encode()

    keyless = tmp_path / "keyless.backup"
    _rewrite(backup, keyless, drop_key)
    target = tmp_path / "target"
    target.mkdir()
    # when it is restored, the restore fails and says why, naming the key file
    failed = anjian(target, "restore", str(keyless), check=False)
    assert failed.returncode != 0 and "校验通过" not in failed.stdout
    assert "举报人信息" in failed.stderr and "tipoff_key" in failed.stderr and "不会生成新密钥" in failed.stderr
    # and no new key appeared that would seal the next reporter under a key nobody else has
    assert not (target / "tipoff_key").exists()
    # once the operator puts the original key back, the same restore verifies
    (target / "tipoff_key").write_bytes((source / "tipoff_key").read_bytes())
    done = anjian(target, "restore", str(keyless), "--force")
    assert "校验通过" in done.stdout and "举报人信息 1 条可解密" in done.stdout


def test_the_passphrase_comes_from_the_file_else_the_environment(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from anjian.cli import _passphrase, build_parser

    parser = build_parser()
    monkeypatch.delenv("ANJIAN_BACKUP_PASSPHRASE", raising=False)
    assert _passphrase(parser.parse_args(["backup", "x.backup"])) is None
    monkeypatch.setenv("ANJIAN_BACKUP_PASSPHRASE", PASSPHRASE)
    assert _passphrase(parser.parse_args(["restore", "x.backup"])) == PASSPHRASE
    from_file = _passphrase_file(tmp_path, "the file's passphrase wins")
    assert _passphrase(parser.parse_args(["backup", "x.backup", "--passphrase-file", from_file])) == (
        "the file's passphrase wins")
