"""`anjian report KIND`: generate an official document or the ledger workbook into a file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from anjian.publish.kinds import REPORTS
from anjian.security.filemodes import open_private


def add_parser(subparsers: Any) -> None:
    """Add `anjian report KIND [--region CODE] --from DATE --to DATE [--format docx|pdf|xlsx] -o FILE`."""
    from anjian.cli import _parse_day

    p = subparsers.add_parser("report", help="生成公文或台账 / generate a document")
    p.add_argument("kind", choices=list(REPORTS))
    p.add_argument("--region", help="区划代码（默认顶级区域）/ region code (default: the top region)")
    p.add_argument("--from", dest="date_from", type=_parse_day, required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_parse_day, required=True, help="YYYY-MM-DD")
    p.add_argument("--format", dest="file_format", choices=["docx", "pdf", "xlsx"],
                   help="默认：台账 xlsx，其余 docx / default: xlsx for ledger, else docx")
    p.add_argument("--item", default="", help="督办函：task:编号 或 hazard:编号 / supervision: one item")
    p.add_argument("--import-run", type=int, help="整改报告/台账：导入批次编号 / the imported plan")
    p.add_argument("--issue", action="store_true",
                   help="签发：编发文字号并定稿（默认只生成不编号的草稿）/ issue: take the 文号 and freeze the text")
    p.add_argument("-o", "--output", required=True, help="输出文件 / output file")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Generate and write the file."""
    from anjian.cli import setup_django

    setup_django()
    from anjian.accounts.services import region_named
    from anjian.errors import DomainError
    from anjian.publish.reports import ReportRequest, generate

    region = region_named(args.region)
    if args.date_from > args.date_to:
        raise DomainError("起始日期晚于截止日期 / --from is after --to", code="bad_period")
    file_format = args.file_format or ("xlsx" if args.kind == "ledger" else "docx")
    rendered = generate(ReportRequest(kind=args.kind, region=region, date_from=args.date_from,
                                      date_to=args.date_to, file_format=file_format, item=args.item,
                                      import_run=args.import_run, issue=args.issue))
    with open_private(Path(args.output)) as out:
        out.write(rendered.content)
    number = f"，{rendered.doc_number}" if rendered.doc_number else ""
    if rendered.document_id and not rendered.doc_number:
        number = f"，草稿 {rendered.document_id}，未编号"
    print(f"已生成 {args.output}（{rendered.title}{number}）/ written")
    return 0
