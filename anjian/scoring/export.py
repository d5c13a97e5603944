"""The score of a region and its evidence list as a workbook (.xlsx) or a plain report (.docx)."""

from __future__ import annotations

from django.utils import timezone

from anjian.publish.gbt9704 import (
    Block,
    Heading,
    Masthead,
    OfficialDocument,
    Paragraph,
    Table,
    build_official_document,
)
from anjian.publish.xlsx_safe import Sheet, write_workbook
from anjian.scoring.evaluation import TIE_RULE, ItemScore, RankRow, ScoreResult

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SIGN = {"deduction": "−", "bonus": "+"}


def _n(value: object) -> str:
    return f"{value:g}" if value is not None else ""


def _score_text(item: ItemScore) -> str:
    cap = "" if item.max_points is None else f"/{_n(item.max_points)}"
    return f"{SIGN.get(item.kind, '')}{_n(item.score)}{cap}" + ("（待评分）" if item.pending else "")


def _basis(item: ItemScore) -> str:
    """What the item's figure rests on: indicator readings, the detail, the materials and their files."""
    parts = [f"{line.label}：{line.display} → {_n(line.points)}/{_n(line.max_points)}" for line in item.indicators]
    if item.detail and not item.indicators:
        parts.append(item.detail)
    if item.comment:
        parts.append(f"评语：{item.comment}")
    return "；".join(parts)


def _evidence(result: ScoreResult) -> list[tuple[str, str, str, str]]:
    return [(i.seq, m.name, str(m.files), "已提供" if m.files else "缺少") for i in result.items for m in i.materials]


def _title(result: ScoreResult) -> str:
    return f"{result.region_name}{result.year}年度考核得分（{result.scheme}）"


def score_workbook(result: ScoreResult, ranks: list[RankRow]) -> bytes:
    """Three sheets: items with their score and basis, the evidence list, the sub-region ranking."""
    summary = (f"得分 {_n(result.total)} / {_n(result.max_points)}（基础 {_n(result.base)}，减分 "
               f"{_n(result.deductions)}，加分 {_n(result.bonuses)}），数据截至 {result.as_of.isoformat()}")
    sheets = [
        Sheet(title="得分", caption=f"{_title(result)} {summary}",
              header=("序号", "考核要点", "评定方式", "得分", "依据"),
              rows=[(i.seq, i.title, i.evaluation_label, _score_text(i), _basis(i)) for i in result.items]),
        Sheet(title="材料清单", caption=f"{_title(result)} 材料清单",
              header=("序号", "材料", "文件数", "状态"), rows=_evidence(result)),
    ]
    if ranks:
        sheets.append(Sheet(title="下级排名", caption=f"排名规则：{TIE_RULE}",
                            header=("名次", "区域", "得分", "减分", "有数据的指标项", "缺材料", "并列"),
                            rows=[(str(r.rank), r.region_name, _n(r.total), _n(r.deductions), str(r.items_with_data),
                                   str(r.missing_materials), "并列" if r.tied else "") for r in ranks]))
    return write_workbook(sheets)


def score_docx(result: ScoreResult, ranks: list[RankRow]) -> bytes:
    """A plain report (no masthead) with the same figures as the workbook."""
    body: list[Block] = [
        Paragraph(f"按照《{result.scheme}》，{result.region_name}{result.year}年度（数据截至"
                  f"{result.as_of.year}年{result.as_of.month}月{result.as_of.day}日）得分{_n(result.total)}分"
                  f"（满分{_n(result.max_points)}分；基础得分{_n(result.base)}分，减分{_n(result.deductions)}分，"
                  f"加分{_n(result.bonuses)}分）。无可统计数据的指标不得分。"),
        Heading(1, "分项得分"),
        Table(header=("序号", "考核要点", "评定方式", "得分", "依据"),
              rows=tuple((i.seq, i.title, i.evaluation_label, _score_text(i), _basis(i)) for i in result.items),
              column_widths_mm=(12.0, 48.0, 26.0, 18.0, 52.0), font_size_pt=10.5),
        Heading(1, "材料清单"),
        Table(header=("序号", "材料", "文件数", "状态"), rows=tuple(_evidence(result)) or (("", "无", "", ""),),
              column_widths_mm=(14.0, 100.0, 20.0, 22.0), font_size_pt=10.5),
    ]
    if ranks:
        body += [
            Heading(1, "下级区域排名"),
            Paragraph(f"排名规则：{TIE_RULE}。"),
            Table(header=("名次", "区域", "得分", "减分", "缺材料"),
                  rows=tuple((str(r.rank) + ("（并列）" if r.tied else ""), r.region_name, _n(r.total),
                              _n(r.deductions), str(r.missing_materials)) for r in ranks),
                  column_widths_mm=(24.0, 60.0, 24.0, 24.0, 24.0), font_size_pt=10.5),
        ]
    return build_official_document(OfficialDocument(
        masthead=Masthead.NONE, title=_title(result), body=tuple(body), date=timezone.localdate(), sealed=False))
