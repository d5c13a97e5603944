"""`anjian extract FILE [--json]`: print what was extracted, or one bilingual error line."""

from __future__ import annotations

import json
import logging
import sys
import unicodedata
from typing import Any

from anjian.ingest.errors import IngestError


def run_extract(path: str, as_json: bool) -> int:
    """Extract `path` and print the schema JSON or a table; 2 with one error line on unreadable input."""
    from anjian.ingest.extract import extract_file_json
    from anjian.ingest.sandbox import run_limited

    # The PDF library warns about every oddity of a damaged file; the user gets our one line instead.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        # Parsed in a child under CPU, memory and wall-clock limits (ANJIAN_PARSE_*), like an upload.
        result = run_limited(extract_file_json, path)
    except IngestError as exc:
        print(f"错误：{exc.message_zh} / error: {exc.message_en}", file=sys.stderr)
        return 2
    except Exception as exc:  # a damaged file must not end in a traceback
        detail = type(exc).__name__
        print(f"错误：无法读取文件（{detail}） / error: cannot read file ({detail})", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(render_table(result))
    return 0


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, width: int) -> str:
    out = ""
    for ch in text:
        if _width(out + ch) > width:
            return out[:-1] + "…" if out else ""
        out += ch
    return out + " " * (width - _width(out))


def _table(headers: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    lines = ["  ".join(_cell(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(_cell(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return lines


def render_table(result: dict[str, Any]) -> str:
    """A readable, column-aligned summary of the schema object."""
    lines = [f"类型 genre: {result['genre']}    日期 issued: {result['issued'] or '—'}", ""]
    if result["items"]:
        rows = [
            [
                i["seq"],
                i["category"] or "",
                i["problem"] or i["measures"] or "",
                i["deadline"] or "",
                "、".join(i["units"]),
            ]
            for i in result["items"]
        ]
        lines += _table(["序号", "类别", "问题/措施", "时限", "责任单位"], rows, [8, 20, 44, 12, 30]) + [""]
    if result["scores"]:
        rows = [
            [
                s["seq"],
                s["section"],
                s["text_head"],
                "" if s["points"] is None else str(s["points"]),
                s["kind"],
            ]
            for s in result["scores"]
        ]
        lines += _table(["序号", "部分", "内容", "分值", "类型"], rows, [6, 24, 44, 6, 10]) + [""]
    for name, total in result["section_totals"].items():
        lines.append(f"小计 {total} 分  {name}")
    if result["stats"]:
        rows = [[s["what"], str(s["value"]), s["unit"]] for s in result["stats"]]
        lines += _table(["事项", "数量", "单位"], rows, [40, 14, 8])
    return "\n".join(lines).rstrip()
