"""`anjian bench generate` and `anjian bench run`: the scale benchmarks' front door."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from anjian.bench.scales import SCALES


def _apply_data(args: argparse.Namespace) -> None:
    # `anjian bench generate --data DIR` means the same as `anjian --data DIR bench generate`.
    if getattr(args, "bench_data", None):
        os.environ["ANJIAN_DATA_DIR"] = args.bench_data


def cmd_generate(args: argparse.Namespace) -> int:
    """Build the synthetic jurisdiction of the chosen scale into the (new) data folder."""
    from anjian.cli import setup_django

    _apply_data(args)
    setup_django()
    from django.core.management import call_command

    from anjian.bench.generate import generate

    call_command("migrate", interactive=False, verbosity=0)
    scale = SCALES[args.scale]
    print(f"生成 {scale.name} 规模数据：{scale.hazards} 条隐患 / generating {scale.name}", flush=True)
    report = generate(scale, progress=True)
    print(f"完成，用时 {report.timings['total_s']} s（重建索引 {report.timings['index_rebuild_s']} s）/ done")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Measure every figure against its raw baseline on the generated data; print text or JSON."""
    from anjian.cli import setup_django

    _apply_data(args)
    setup_django()
    from anjian.bench.run import run_all

    figures = run_all(scale=args.scale, only=args.only, progress=not args.json)
    if args.json:
        payload: dict[str, Any] = {"figures": [f.as_dict() for f in figures]}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for f in figures:
            mark = "✓" if f.met else ("–" if f.met is None else "✗")
            print(f"{mark} {f.name:<44} {f.value:>12.4g} {f.unit:<8} baseline {f.baseline:>10.4g} "
                  f"ratio {f.ratio:>7.3g}  goal {f.goal}")
    return 0 if all(f.met is not False for f in figures) else 1


def add_parser(subparsers: Any) -> None:
    """Register `anjian bench …` with the front door's subparsers."""
    p = subparsers.add_parser("bench", help="性能基准 / benchmarks")
    bench_sub = p.add_subparsers(dest="bench_command", required=True)
    g = bench_sub.add_parser("generate", help="生成合成辖区数据 / generate a synthetic jurisdiction")
    g.add_argument("--scale", choices=sorted(SCALES), default="county")
    g.add_argument("--data", dest="bench_data", metavar="DIR", help="数据目录 / data folder")
    g.set_defaults(handler=cmd_generate)
    r = bench_sub.add_parser("run", help="测量各项指标 / measure the figures")
    r.add_argument("--scale", choices=sorted(SCALES), help="仅用于标注 / label (default: the generated scale)")
    r.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    r.add_argument("--only", help="逗号分隔的指标前缀，如 G6,G7 / comma-separated figure prefixes")
    r.add_argument("--data", dest="bench_data", metavar="DIR", help="数据目录 / data folder")
    r.set_defaults(handler=cmd_run)
