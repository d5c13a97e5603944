"""G11–G13: audit-chain verification, backup and restore, and report generation."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.models import Count

from anjian.audit.chain import GENESIS, canonical, link
from anjian.bench import figures as F
from anjian.dbrouter import use_replica

G11 = F.Goal(2.0, "le", "≤ 2× raw hash loop over the same rows")
G12_BACKUP = F.Goal(2.0, "le", "≤ 2× raw backup (SQLite backup API / pg_dump -Fc) per MB")
G12_RESTORE = F.Goal(30.0, "le", "restore + full verification ≤ 30 s")
G13 = F.Goal(1.0, "le", "≤ 3 s + 2× its queries' raw time")

AUDIT_RAW = """SELECT seq, at, actor_id, actor_name, action, object_type, object_id, before, after, request_id,
prev_hash, hash FROM audit_auditentry ORDER BY seq"""


def raw_verify_seconds() -> tuple[float, int]:
    """Read every audit row on a raw cursor and recompute the chain (the G11 limit)."""
    import json

    with F.raw_connection() as conn:
        started = time.perf_counter()
        cur = conn.cursor()
        cur.execute(AUDIT_RAW)
        prev, count = GENESIS, 0
        sqlite = connection.vendor == "sqlite"
        while rows := cur.fetchmany(5000):
            for seq, at, actor_id, actor_name, action, otype, oid, before, after, rid, prev_hash, digest in rows:
                if sqlite:  # the raw driver returns text where the ORM converts; convert the same way
                    at = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC)
                    before = json.loads(before) if before is not None else None
                    after = json.loads(after) if after is not None else None
                content = canonical(seq=seq, at=at, actor_id=actor_id, actor_name=actor_name, action=action,
                                    object_type=otype, object_id=oid, before=before, after=after, request_id=rid)
                if prev_hash != prev or link(prev, content) != digest:
                    raise AssertionError(f"raw verify: chain broken at {seq}")
                prev = digest
                count += 1
        cur.close()
        return time.perf_counter() - started, count


def measure_audit() -> list[F.Figure]:
    """`anjian audit verify`'s function against the raw loop."""
    from anjian.audit.services import verify

    raw_s, count = raw_verify_seconds()
    app_s, result = F.once(verify)
    assert result.ok and result.checked == count, result
    return [F.figure(f"G11 audit chain verify ({count} entries)", app_s, "s", raw_s, G11)]


def _raw_backup_seconds(target: Path) -> float:
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        import sqlite3

        src = sqlite3.connect(str(connection.settings_dict["NAME"]))
        dest = sqlite3.connect(target)
        src.backup(dest)
        dest.close()
        src.close()
    else:
        from anjian.backup import _pg_env

        env, args = _pg_env()
        subprocess.run(["pg_dump", "-Fc", "-f", str(target), *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


# Bench databases hold sealed reporter identities (the demo's tip-offs), so the key goes in, sealed under this.
# Its scrypt (≈ 1.3 s on the 2-core machine, once per backup and once per restore) is part of the figures.
BENCH_PASSPHRASE = "bench passphrase, not a secret"


def measure_backup(restore: bool) -> list[F.Figure]:
    """Backup per MB against the engine's own backup; restore + verification in seconds."""
    from anjian.backup import create_backup, restore_backup

    megabytes = F.database_megabytes()
    out = []
    # Both sides are mostly one write of the whole database, whose speed depends on how much free page cache
    # the kernel has that moment; the best of three each (one each above 512 MB) keeps that out of the ratio.
    times = 3 if megabytes < 512 else 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "backup.tar"
        raw_s = app_s = math.inf
        for _ in range(times):
            raw_s = min(raw_s, _raw_backup_seconds(Path(tmp) / "raw.dump"))
            (Path(tmp) / "raw.dump").unlink()
            path.unlink(missing_ok=True)
            app_s = min(app_s, F.once(lambda: create_backup(str(path), passphrase=BENCH_PASSPHRASE))[0])
        out.append(F.figure(f"G12 backup ({megabytes:.0f} MB)", app_s / megabytes * 1000, "ms/MB",
                            raw_s / megabytes * 1000, G12_BACKUP,
                            f"best of {times} each; includes the dump's SHA-256 and every table's row count in its snapshot"))
        if restore:
            restore_s, _summary = F.once(lambda: restore_backup(str(path), force=True, passphrase=BENCH_PASSPHRASE))
            out.append(F.figure("G12 restore + verification", restore_s, "s", 1.0, G12_RESTORE,
                                "dump SHA-256 before, row counts, audit chain and files after; baseline 1 s (absolute goal)"))
    return out


def _year_queries(top: Any, year: int) -> dict[str, Any]:
    from anjian.ledger.models import Hazard

    with use_replica():
        scope = Hazard.objects.filter(region__path__startswith=top.path, found_on__year=year)
        by_county = list(scope.order_by().values_list("region__parent__name", "status").annotate(n=Count("id")))
        majors = list(scope.filter(grade="major").order_by("found_on", "id")
                      .values_list("unit__name", "description", "found_on", "status")[:200])
        rows = list(scope.order_by("found_on", "id")
                    .values_list("id", "unit__name", "description", "grade", "status", "found_on", "due_date"))
    return {"by_county": by_county, "majors": majors, "rows": rows}


def _raw_year_seconds(top: Any, year: int) -> float:
    start, end = f"{year}-01-01", f"{year}-12-31"
    sqls = [
        """SELECT p.name, h.status, COUNT(*) FROM ledger_hazard h JOIN org_region r ON r.id = h.region_id
           JOIN org_region p ON p.id = r.parent_id WHERE r.path LIKE %s AND h.found_on BETWEEN %s AND %s
           GROUP BY p.name, h.status""",
        """SELECT u.name, h.description, h.found_on, h.status FROM ledger_hazard h
           JOIN org_unit u ON u.id = h.unit_id JOIN org_region r ON r.id = h.region_id
           WHERE r.path LIKE %s AND h.found_on BETWEEN %s AND %s AND h.grade = 'major' ORDER BY h.found_on, h.id
           LIMIT 200""",
        """SELECT h.id, u.name, h.description, h.grade, h.status, h.found_on, h.due_date FROM ledger_hazard h
           JOIN org_unit u ON u.id = h.unit_id JOIN org_region r ON r.id = h.region_id
           WHERE r.path LIKE %s AND h.found_on BETWEEN %s AND %s ORDER BY h.found_on, h.id""",
    ]
    with F.raw_connection() as conn:
        started = time.perf_counter()
        for sql in sqls:
            F.raw_query(conn, sql, [top.path + "%", start, end])
        return time.perf_counter() - started


def measure_reports(top: Any, year: int, pdf: bool) -> list[F.Figure]:
    """The annual report as GB/T 9704 .docx (and PDF) and the year's ledger as .xlsx."""
    from anjian.publish.gbt9704 import (
        Heading,
        Masthead,
        OfficialDocument,
        Paragraph,
        Table,
        build_official_document,
    )
    from anjian.publish.xlsx_safe import Sheet, write_workbook

    raw_s = _raw_year_seconds(top, year)
    budget = 3.0 + 2 * raw_s

    def docx() -> bytes:
        data = _year_queries(top, year)
        totals: dict[str, int] = {}
        for name, _status, n in data["by_county"]:
            totals[name] = totals.get(name, 0) + n
        doc = OfficialDocument(
            title=f"{top.name}{year}年度隐患排查治理情况报告", date=dt.date(year + 1, 1, 15),
            masthead=Masthead.NONE, signature_org=f"{top.name}安全生产委员会办公室",
            body=(Heading(1, "总体情况"), Paragraph(f"全年共排查隐患{len(data['rows'])}项。"),
                  Table(("区县", "隐患数"), tuple((k, str(v)) for k, v in sorted(totals.items()))),
                  Heading(1, "重大事故隐患"),
                  Table(("单位", "隐患", "发现日期", "状态"),
                        tuple((u, d, str(f), s) for u, d, f, s in data["majors"][:100]))),
        )
        return build_official_document(doc)

    def xlsx() -> bytes:
        rows = _year_queries(top, year)["rows"]
        return write_workbook([Sheet(title=f"{year}年隐患台账", header=("编号", "单位", "隐患", "等级", "状态",
                                     "发现日期", "整改期限"), rows=rows)])

    out = []
    docx_s, docx_bytes = F.once(docx)
    out.append(F.figure(f"G13 annual report .docx ({year})", docx_s, "s", budget, G13,
                        f"baseline = 3 s + 2× raw queries ({raw_s * 1000:.0f} ms)"))
    xlsx_s, _ = F.once(xlsx)
    out.append(F.figure(f"G13 year ledger .xlsx ({year})", xlsx_s, "s", budget, G13,
                        f"baseline = 3 s + 2× raw queries ({raw_s * 1000:.0f} ms)"))
    if pdf:
        from anjian.publish.pdf import PdfUnavailable, docx_to_pdf

        try:
            pdf_s, _ = F.once(lambda: docx_to_pdf(docx_bytes))
        except PdfUnavailable:
            return out
        out.append(F.Figure(f"G13 annual report .pdf ({year})", docx_s + pdf_s, "s", budget, G13.text,
                            docx_s + pdf_s <= budget, "docx build + LibreOffice conversion"))
    return out
