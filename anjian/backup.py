"""Online backup and verified restore: the database, the stored files and a manifest to check both.

A backup is a tar file holding `db.sqlite3` (SQLite online backup API) or `db.pgdump`
(pg_dump custom format), every stored file (the shared store's, local folder or S3), and `manifest.json` with the SHA-256 of the
database dump, the row count of every table in the dump's own snapshot, and the SHA-256 of every
stored file. Restore refuses a non-empty instance unless forced, checks the dump's hash before it
touches anything, and verifies the row counts, the audit chain and every file afterwards.

Format 1 backups (per-row content hashes of every table, computed on the live database after the
dump) are still restored and checked the old way; they cost a full read of every table at backup
time, three to four times the dump itself (BENCHMARKS.md, G12).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

from anjian import filestore
from anjian.errors import DomainError
from anjian.security.filemodes import open_private

FORMAT = 2
CHUNK = 1024 * 1024


class BackupError(DomainError):
    """A backup or restore that cannot proceed; the message is Chinese and English."""

    code = "backup_failed"


def _tables() -> list[str]:
    names = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    existing = set(connection.introspection.table_names())
    return sorted(names & existing)


def table_fingerprints() -> dict[str, dict[str, Any]]:
    """Row count and a content hash of every table, rows in primary-key order."""
    result: dict[str, dict[str, Any]] = {}
    with connection.cursor() as cursor:
        for table in _tables():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")  # noqa: S608 - table names come from models
            digest = hashlib.sha256()
            count = 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(str(v) for v in row)).encode("utf-8"))
                count += 1
            result[table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _row_counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - model tables
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _media_files() -> dict[str, str]:
    """Every stored file (from the shared store, whichever host runs the backup) and its SHA-256."""
    files: dict[str, str] = {}
    for name in filestore.walk():
        if not Path(name).name.startswith(".tmp-"):
            files[name] = filestore.sha256(name) or ""
    return files


def _add_stored_file(tar: tarfile.TarFile, name: str) -> None:
    """Copy one stored file into the tar, streamed from the store."""
    info = tarfile.TarInfo(f"media/{name}")
    info.size, info.mode, info.mtime = filestore.store().size(name), 0o600, int(time.time())
    with filestore.store().open(name, "rb") as fh:
        tar.addfile(info, fh)


def _restore_stored_files(folder: Path) -> None:
    """Put the backup's files back into the store under their own names (a file already there is replaced)."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            name = path.relative_to(folder).as_posix()
            filestore.delete(name)
            with open(path, "rb") as fh:
                saved = filestore.save(name, fh)
            if saved != name:
                raise BackupError(f"文件 {name} 无法按原名恢复（存为 {saved}）/ file not restored under its name")


# A SQLite database up to this size (peak memory: twice it, for a moment) is serialized into memory in the
# read snapshot its row counts are taken in, and written into the tar from there: one read and one write, as
# the backup API itself does; a larger one is dumped by the backup API into a file and copied into the tar.
MEMORY_DUMP_BYTES = 128 * 1024 * 1024


@dataclass
class _Dump:
    """The database dump: a file, or (SQLite, small enough) the bytes of an in-memory copy."""

    engine: str
    path: Path | None = None
    data: bytes | None = None
    rows: dict[str, int] | None = None  # row counts in the dump's snapshot, when taken with it

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else self.path.stat().st_size  # type: ignore[union-attr]

    def sha256(self) -> str:
        if self.data is not None:
            return hashlib.sha256(self.data).hexdigest()
        return _sha256(self.path)  # type: ignore[arg-type]

    def count_rows(self, tables: list[str]) -> dict[str, int]:
        """Row counts of a SQLite dump file, read from the dump itself (its own snapshot, by construction)."""
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)  # type: ignore[union-attr]
        try:
            return _row_counts(conn.cursor(), tables)
        finally:
            conn.close()


def _dump_database(target: Path) -> _Dump:
    """Dump the database (to `target`, or on SQLite into memory when it is small enough)."""
    if connection.in_atomic_block:  # the dump needs a snapshot of its own, opened here
        raise BackupError("备份不能在事务中进行 / a backup cannot run inside a transaction")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        size = raw.execute("PRAGMA page_count").fetchone()[0] * raw.execute("PRAGMA page_size").fetchone()[0]
        if size <= MEMORY_DUMP_BYTES and hasattr(raw, "serialize"):
            # A plain BEGIN opens one read snapshot (WAL) that the counts and serialize() then share. (Every
            # Django transaction here is BEGIN IMMEDIATE, which would also take the write lock.)
            raw.execute("BEGIN DEFERRED")
            try:
                rows = _row_counts(raw.cursor(), _tables())
                data = raw.serialize()
            finally:
                raw.execute("ROLLBACK")
            return _Dump("sqlite", data=data, rows=rows)
        # The backup API copies every page in one step under one read snapshot, so the copy is a
        # consistent database of its own; its rows are counted in the copy afterwards.
        dest = sqlite3.connect(target)
        try:
            raw.backup(dest)
        finally:
            dest.close()
        return _Dump("sqlite", path=target)
    if connection.vendor == "postgresql":
        # pg_dump reads the snapshot exported by this transaction, so the counts are those of the dump.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _pg_run(["pg_dump", "-Fc", f"--snapshot={snapshot}", "-f", str(target)])
            return _Dump("postgresql", path=target, rows=_row_counts(cursor, _tables()))
    raise BackupError(f"不支持的数据库 {connection.vendor} / unsupported database")


def _copy_into(out: Any, path: Path, size: int) -> None:
    """Append `size` bytes of `path` to the open file `out`, in the kernel where it can (copy_file_range)."""
    out.flush()
    with open(path, "rb") as src:
        left = size
        try:
            while left:
                done = os.copy_file_range(src.fileno(), out.fileno(), left)
                if done == 0:
                    break
                left -= done
        except OSError:
            left = size - src.tell()  # across file systems on older kernels: copy through Python
        if left:
            shutil.copyfileobj(src, out, CHUNK)


def _write_dump_member(partial: Path, dump: _Dump, member: str) -> int:
    """Start the tar at `partial` with the dump as its first member; returns the member's size.

    The bytes are written in one piece (from memory) or copied file to file inside the kernel, instead of
    through tarfile's Python read/write loop, the largest cost of a SQLite backup beyond the backup API.
    """
    info = tarfile.TarInfo(member)
    info.size = dump.size
    info.mtime = int(time.time())
    info.mode = 0o600
    with open_private(partial) as out:  # the backup holds every table: owner-only, like the data folder
        out.write(info.tobuf(tarfile.DEFAULT_FORMAT, "utf-8", "surrogateescape"))
        if dump.data is not None:
            out.write(dump.data)
        else:
            _copy_into(out, dump.path, info.size)  # type: ignore[arg-type]
            out.seek(0, os.SEEK_END)
        pad = -info.size % tarfile.BLOCKSIZE
        # Padding, then the end-of-archive blocks that tarfile's append mode looks for (and writes over).
        out.write(tarfile.NUL * (pad + 2 * tarfile.BLOCKSIZE))
    return info.size


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["-d", str(db["NAME"])]
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return env, args


def _pg_run(cmd: list[str]) -> None:
    if shutil.which(cmd[0]) is None:
        raise BackupError(f"未找到 {cmd[0]}，请安装 Debian 软件包 postgresql-client / {cmd[0]} not found")
    env, args = _pg_env()
    proc = subprocess.run([*cmd, *args], env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise BackupError(f"{cmd[0]} 失败 / failed: {proc.stderr.strip()[-300:]}")


KEY_MEMBER = "tipoff_key.json"
IDENTITY_TABLE = "tipoffs_reporteridentity"


def _require_passphrase(passphrase: str | None, identities: int) -> None:
    """A backup of sealed identities needs a passphrase to keep their key with them."""
    from anjian.tipoffs import keybackup

    if passphrase is None:
        if identities:
            raise BackupError(
                f"数据库中有 {identities} 条加密的举报人信息，备份须连同其密钥一并加密保存：请用 --passphrase-file "
                f"口令文件 或环境变量 {keybackup.PASSPHRASE_ENV} 提供备份口令（恢复时需要同一口令）"
                f" / {identities} sealed reporter identities: give a backup passphrase to keep their key")
        return
    keybackup.check_passphrase(passphrase)


def _identity_key_member(passphrase: str | None, identities: int) -> bytes | None:
    """The identity key sealed under the passphrase, or None when there is no passphrase or no key yet."""
    from anjian.tipoffs import keybackup, sealing

    _require_passphrase(passphrase, identities)
    key = sealing.current_key() if passphrase is not None else None
    return keybackup.seal_key(key, passphrase) if key is not None and passphrase is not None else None


def create_backup(path: str, *, passphrase: str | None = None) -> dict[str, Any]:
    """Write a backup tar to `path` (written to a temp name, then renamed) and return its manifest.

    With a passphrase the reporters' identity key goes in too, sealed under it (anjian.tipoffs.keybackup);
    without one, a database holding sealed identities is not backed up (its restore could not open them).
    """
    from anjian.tipoffs.models import ReporterIdentity

    target = Path(path)
    if IDENTITY_TABLE in _tables():
        _require_passphrase(passphrase, ReporterIdentity.objects.count())  # fail before the dump, not after
    # The dump is written beside the target, so copying it into the tar stays on one file system.
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as tmp:
        dump = _dump_database(Path(tmp) / "db.dump")
        member = "db.sqlite3" if dump.engine == "sqlite" else "db.pgdump"
        # The dump's hash (and, on SQLite, its row counts) are computed on other threads while the dump is
        # written into the tar: hashlib, sqlite3 and file writes release the GIL, so they overlap.
        partial = target.with_name(f".{target.name}.partial")
        try:
            with ThreadPoolExecutor(max_workers=2) as pool:
                digest = pool.submit(dump.sha256)
                counts = pool.submit(dump.count_rows, _tables()) if dump.rows is None else None
                size = _write_dump_member(partial, dump, member)
                rows = counts.result() if counts is not None else dump.rows
                sha256 = digest.result()
            dump.data = None
            sealed_key = _identity_key_member(passphrase, (rows or {}).get(IDENTITY_TABLE, 0))
            files = _media_files()
            with tarfile.open(partial, "a") as tar:
                for name in files:
                    _add_stored_file(tar, name)
                manifest: dict[str, Any] = {
                    "format": FORMAT,
                    "engine": dump.engine,
                    "database": {"member": member, "bytes": size, "sha256": sha256},
                    "rows": rows,
                    "files": files,
                }
                if sealed_key is not None:
                    key_info = tarfile.TarInfo(KEY_MEMBER)
                    key_info.size, key_info.mode = len(sealed_key), 0o600
                    tar.addfile(key_info, io.BytesIO(sealed_key))
                    manifest["identity_key"] = {"member": KEY_MEMBER, "kdf": "scrypt", "cipher": "AES-256-GCM"}
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
                info = tarfile.TarInfo("manifest.json")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            with open(partial, "rb") as fh:
                os.fsync(fh.fileno())
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, target)
    return manifest


def _instance_is_empty() -> bool:
    from anjian.audit.models import AuditEntry
    from anjian.org.models import Region

    tables = set(connection.introspection.table_names())
    if "org_region" not in tables:
        return True
    return not Region.objects.exists() and not AuditEntry.objects.exists()


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"备份文件包含不安全的路径 {member.name} / unsafe path in backup")
        members.append(member)
    return members


def _open_identity_key(folder: Path, manifest: dict[str, Any], passphrase: str | None) -> bytes | None:
    """The backup's identity key, opened with the passphrase before anything is restored."""
    from anjian.tipoffs import keybackup
    from anjian.tipoffs.errors import IdentityKeyError

    entry = manifest.get("identity_key")
    if not entry or passphrase is None and not manifest["rows"].get(IDENTITY_TABLE):
        return None  # no key, or a key that opens nothing: no passphrase needed
    if passphrase is None:
        raise BackupError(f"此备份含加密的举报人信息密钥，请用 --passphrase-file 口令文件 或环境变量 "
                          f"{keybackup.PASSPHRASE_ENV} 提供备份时的口令；未作任何恢复 / this backup needs its passphrase")
    try:
        key = keybackup.open_key((folder / entry["member"]).read_bytes(), passphrase)
        keybackup.refuse_other_configured_key(key)
    except IdentityKeyError as exc:
        raise BackupError(f"{exc}；未作任何恢复 / nothing restored") from exc
    return key


def _check_identities(key: bytes | None) -> int:
    """Install the backup's key (if any) and open every sealed identity with this instance's key."""
    from anjian.tipoffs import keybackup
    from anjian.tipoffs.errors import IdentityKeyError

    try:
        if key is not None:
            keybackup.install_key(key)
        return keybackup.check_every_identity()
    except IdentityKeyError as exc:
        raise BackupError(f"恢复后举报人信息无法解密，恢复未通过校验：{exc}") from exc


def restore_backup(path: str, *, force: bool = False, passphrase: str | None = None) -> str:
    """Restore a backup into this instance, then verify it; returns a one-line summary.

    Verified means the reporters' identities open too: with the backup's sealed key (its passphrase given),
    or with the key this instance already has; otherwise the restore fails and says so.
    """
    from django.core.management import call_command

    from anjian.audit.services import verify
    from anjian.ledger.evidence import verify_file

    if not Path(path).is_file():
        raise BackupError(f"找不到备份文件 {path} / backup file not found")
    if not _instance_is_empty() and not force:
        raise BackupError("目标实例非空，如确需覆盖请加 --force / target instance is not empty (use --force)")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path, "r") as tar:
        tar.extractall(tmp, members=_safe_members(tar))  # noqa: S202 - members checked above
        manifest = json.loads((Path(tmp) / "manifest.json").read_text(encoding="utf-8"))
        if manifest["engine"] != connection.vendor:
            raise BackupError(f"备份来自 {manifest['engine']}，当前为 {connection.vendor} / engine mismatch")
        if manifest.get("format", 1) >= 2:
            dump = manifest["database"]
            if _sha256(Path(tmp) / dump["member"]) != dump["sha256"]:
                raise BackupError("备份中的数据库文件已损坏（SHA-256 不符），未作任何恢复 / database dump corrupt")
        identity_key = _open_identity_key(Path(tmp), manifest, passphrase)
        if connection.vendor == "sqlite":
            name = Path(str(settings.DATABASES["default"]["NAME"]))
            connection.close()
            for suffix in ("-wal", "-shm"):
                Path(f"{name}{suffix}").unlink(missing_ok=True)
            src = sqlite3.connect(Path(tmp) / "db.sqlite3")
            dest = sqlite3.connect(name)
            try:
                src.backup(dest)
            finally:
                src.close()
                dest.close()
        else:
            connection.close()
            # Tables and their indexes are restored by one job per core (the dump is a seekable custom-format file).
            jobs = str(max(1, min(os.cpu_count() or 1, 8)))
            _pg_run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--jobs", jobs, str(Path(tmp) / "db.pgdump")])
        media_src = Path(tmp) / "media"
        if media_src.exists():
            _restore_stored_files(media_src)
    call_command("migrate", interactive=False, verbosity=0)
    identities = _check_identities(identity_key)
    if connection.vendor == "postgresql":
        # pg_restore does not gather planner statistics; without them the first reports plan as if every
        # table were empty (a city-year ledger's queries: 0.5 s analysed, 3 s not).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if manifest.get("format", 1) >= 2:
        with connection.cursor() as cursor:
            now_rows = _row_counts(cursor, [t for t in manifest["rows"] if t in set(_tables())])
        mismatched = [t for t, n in manifest["rows"].items() if now_rows.get(t) != n]
    else:
        now = table_fingerprints()
        mismatched = [t for t, v in manifest["tables"].items() if now.get(t) != v]
    if mismatched:
        raise BackupError(f"恢复后数据校验不一致：{', '.join(mismatched[:5])} / table check failed")
    chain = verify()
    if not chain.ok:
        raise BackupError(f"恢复后审计链校验失败：{chain.reason}")
    bad_files = [n for n, digest in manifest["files"].items() if not verify_file(n, digest)]
    if bad_files:
        raise BackupError(f"恢复后文件校验失败：{', '.join(bad_files[:5])}")
    from anjian.security.secretkey import forget_recorded_secret_key

    forget_recorded_secret_key()  # the restoring instance's key is recorded at its next start
    rows = sum(manifest["rows"].values())
    return (f"{len(manifest['rows'])} 张表 {rows} 行，{len(manifest['files'])} 个文件，审计链 {chain.checked} 条，"
            f"举报人信息 {identities} 条可解密")
