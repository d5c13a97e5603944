"""`anjian score`: the live assessment score of a region, item by item (text or JSON)."""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_parser(subparsers: Any) -> None:
    """Add `anjian score [--scheme NAME] [--region CODE] [--year YYYY] [--json]`."""
    p = subparsers.add_parser("score", help="考核实时得分 / live assessment score")
    p.add_argument("--scheme", help="考核方案名称（默认当前方案）/ scheme name (default: the current one)")
    p.add_argument("--region", help="区划代码（默认顶级区域）/ region code (default: the top region)")
    p.add_argument("--year", type=int, help="考核年度（默认今年）/ year (default: this year)")
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Score and print."""
    from anjian.cli import setup_django

    setup_django()
    from django.utils import timezone

    from anjian.accounts.services import region_named
    from anjian.scoring.services import current_scheme, ranking, score

    region = region_named(args.region)
    scheme = current_scheme(args.scheme)
    year = args.year or timezone.localdate().year
    result = score(scheme=scheme, region=region, year=year)
    ranks = ranking(scheme=scheme, parent=region, year=year)
    if args.json:
        data = result.to_dict() | {"ranking": [
            {"rank": r.rank, "code": r.region_code, "name": r.region_name, "total": float(r.total)} for r in ranks]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{scheme.name} · {region.name} · {year}年度（截至 {result.as_of.isoformat()}）")
    print(f"得分 {result.total:g} / {result.max_points:g}（基础 {result.base:g}，减分 {result.deductions:g}，"
          f"加分 {result.bonuses:g}）")
    for item in result.items:
        cap = "" if item.max_points is None else f"/{item.max_points:g}"
        sign = "-" if item.kind == "deduction" else ("+" if item.kind == "bonus" else "")
        pending = " 待评分" if item.pending else ""
        print(f"{item.seq:>3}. {item.title[:30]:<30} {sign}{item.score:g}{cap}{pending}")
        for line in item.indicators:
            print(f"       {line.label}：{line.display} → {line.points:g}/{line.max_points:g}（{line.rule}）")
        if item.detail and item.evaluation != "manual":
            print(f"       {item.detail}")
        for name in item.missing:
            print(f"       缺材料：{name}")
    if ranks:
        print("下级排名 / ranking:")
        for r in ranks:
            print(f"  {r.rank}. {r.region_name} {r.total:g}")
    return 0
