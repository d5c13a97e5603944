"""Problem-list tables read by meaning: built as real Word and Excel files, every layout gives the same items.

The same six problems are laid out with shuffled columns, other header words, a header over two rows,
group rows per enterprise (with their owners in brackets), merged responsibility cells and the header
repeated mid-table; each layout must give the items a person reads off the table.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from anjian.ingest.extract import extract_file, extract_text, to_schema_json

GROUPS = (
    ("万达广场", "某区政府，市消防支队"),
    ("城东化工有限公司", "市应急管理局"),
)
PROBLEMS = (
    # group, problem, measures, units, deadline as printed
    (0, "疏散通道被占用，安全出口上锁。", "立即清理通道，拆除锁具。", "", "2024年9月20日前"),
    (0, "消防控制室值班人员未持证上岗。", "组织值班人员培训取证。", "", "2024年10月31日前"),
    (0, "自动喷水灭火系统末端试水压力不足。", "委托维保单位检修。", "", "2024年10月31日前"),
    (1, "储罐区可燃气体报警器未定期检定。", "送检报警器并建立台账。", "市市场监管局", "2024年9月30日前"),
    (1, "特殊作业审批不规范。", "修订特殊作业管理制度。", "", "2024年12月31日前"),
    (1, "重大危险源包保责任人未履职。", "落实包保责任人履职检查。", "", "长期"),
)
ISO = {
    "2024年9月20日前": "2024-09-20",
    "2024年10月31日前": "2024-10-31",
    "2024年9月30日前": "2024-09-30",
    "2024年12月31日前": "2024-12-31",
    "长期": "long-term",
}
TITLE = "关于万达广场等单位安全隐患问题整改清单的通知"

# Header words per field, in other wordings: (problem, measures, units, deadline, seq).
WORDINGS = (
    ("存在问题", "整改措施", "责任单位", "完成时限", "序号"),
    ("检查发现问题", "整改要求", "配合单位", "整改时限", "编号"),
    ("问题描述", "工作措施", "整改主体", "时间节点", "序号"),
    ("隐患", "整改内容", "责任部门", "完成时间", "序号"),
)
ORDERS = (
    ("seq", "problem", "measures", "units", "deadline"),
    ("seq", "deadline", "units", "measures", "problem"),
    ("seq", "measures", "problem", "deadline", "units"),
)


def _header(wording: tuple[str, ...], order: tuple[str, ...]) -> list[str]:
    words = dict(zip(("problem", "measures", "units", "deadline", "seq"), wording, strict=True))
    return [words[f] for f in order]


def _record(n: int, order: tuple[str, ...]) -> list[str]:
    _, problem, measures, unit, deadline = PROBLEMS[n - 1]
    values = {"seq": str(n), "problem": problem, "measures": measures, "units": unit, "deadline": deadline}
    return [values[f] for f in order]


def _group_label(g: int) -> str:
    name, units = GROUPS[g]
    return f"{name}（责任单位：{units}）"


def _layout_rows(order: tuple[str, ...], wording: tuple[str, ...]) -> list[list[str]]:
    """Header, then per group a group row (label in the first cell only) and its problem rows."""
    rows = [_header(wording, order)]
    for g in range(len(GROUPS)):
        rows.append([_group_label(g)] + [""] * (len(order) - 1))
        rows += [_record(n, order) for n, p in enumerate(PROBLEMS, start=1) if p[0] == g]
    return rows


def _docx(path: Path, rows: list[list[str]], *, span_groups: bool = True, trailer: str = "") -> Path:
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("各有关单位：现将检查发现的问题清单印发给你们，请认真整改。")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
        if span_groups and sum(1 for v in row if v) == 1 and r > 0:
            table.cell(r, 0).merge(table.cell(r, len(row) - 1))  # a group row spans the table
    if trailer:
        document.add_paragraph(trailer)
    document.save(str(path))
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.cell(row=1, column=1, value=TITLE)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if value:
                sheet.cell(row=r, column=c, value=value)
        if sum(1 for v in row if v) == 1 and r > 2:
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(row))
    workbook.save(str(path))
    return path


def _items(result: dict) -> list[tuple]:
    return [
        (i["seq"], i["category"], i["problem"], i["measures"], tuple(i["units"]), i["deadline"])
        for i in result["items"]
    ]


def _expected() -> list[tuple]:
    """Each problem under its group, its own units first and then the group's, the date as ISO."""
    out = []
    for n, (g, problem, measures, unit, deadline) in enumerate(PROBLEMS, start=1):
        units = ([unit] if unit else []) + [u for u in GROUPS[g][1].split("，") if u != unit]
        out.append((str(n), GROUPS[g][0], problem, measures, tuple(units), ISO[deadline]))
    return out


@pytest.mark.parametrize("order", ORDERS, ids=lambda o: "-".join(o))
@pytest.mark.parametrize("wording", WORDINGS, ids=lambda w: w[0])
def test_docx_problem_table_in_any_column_order_and_wording(
    tmp_path: Path, order: tuple, wording: tuple
) -> None:
    path = _docx(tmp_path / "list.docx", _layout_rows(order, wording))
    assert _items(to_schema_json(extract_file(path))) == _expected()


@pytest.mark.parametrize("order", ORDERS[:2], ids=lambda o: "-".join(o))
def test_xlsx_problem_table_with_group_rows_gives_the_same_items(tmp_path: Path, order: tuple) -> None:
    path = _xlsx(tmp_path / "list.xlsx", _layout_rows(order, WORDINGS[1]))
    assert _items(to_schema_json(extract_file(path))) == _expected()


def test_text_version_of_the_table_gives_the_same_items() -> None:
    rows = _layout_rows(ORDERS[0], WORDINGS[0])
    text = TITLE + "\n" + "\n".join("\t".join(r) for r in rows)
    assert _items(to_schema_json(extract_text(text))) == _expected()


def test_two_row_header_is_read_as_one(tmp_path: Path) -> None:
    # 序号 | 整改内容 (over 问题描述 | 整改措施) | 责任单位 | 完成时限, 序号 and the others merged down.
    rows = _layout_rows(ORDERS[0], WORDINGS[0])
    rows = [["序号", "整改内容", "", "责任单位", "完成时限"], ["", "问题描述", "整改措施", "", ""], *rows[1:]]
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(0, 1).merge(table.cell(0, 2))
    for c in (0, 3, 4):
        table.cell(0, c).merge(table.cell(1, c))
    path = tmp_path / "two-row.docx"
    document.save(str(path))
    assert _items(to_schema_json(extract_file(path))) == _expected()


def test_merged_responsibility_and_deadline_cells_apply_to_every_row_they_span(tmp_path: Path) -> None:
    rows = [
        ["序号", "存在问题", "整改措施", "责任单位", "完成时限"],
        ["1", "消防通道堵塞。", "清理通道。", "区消防救援大队", "2024年6月30日前"],
        ["2", "灭火器过期。", "更换灭火器。", "", ""],
        ["3", "应急预案未演练。", "组织演练。", "", ""],
    ]
    document = docx.Document()
    table = document.add_table(rows=4, cols=5)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(1, 3).merge(table.cell(3, 3))
    table.cell(1, 4).merge(table.cell(3, 4))
    path = tmp_path / "merged.docx"
    document.save(str(path))
    items = to_schema_json(extract_file(path))["items"]
    assert [(i["units"], i["deadline"]) for i in items] == [(["区消防救援大队"], "2024-06-30")] * 3


def test_header_repeated_mid_table_is_not_an_item() -> None:
    rows = _layout_rows(ORDERS[0], WORDINGS[0])
    rows.insert(5, rows[0])  # a page break repeats the header
    text = TITLE + "\n" + "\n".join("\t".join(r) for r in rows)
    assert _items(to_schema_json(extract_text(text))) == _expected()


def test_document_deadline_after_the_table_governs_items_without_one(tmp_path: Path) -> None:
    rows = [
        ["序号", "存在问题", "整改措施"],
        ["1", "消防通道堵塞。", "清理通道。"],
        ["2", "灭火器过期。", "更换。"],
    ]
    path = _docx(tmp_path / "d.docx", rows, trailer="以上问题务必于2024年9月20日前整改到位，并报送整改报告。")
    items = to_schema_json(extract_file(path))["items"]
    assert [(i["deadline_raw"], i["deadline"]) for i in items] == [("2024年9月20日前", "2024-09-20")] * 2


def test_person_and_inspected_site_columns_are_not_units() -> None:
    from anjian.ingest.parsers.tables import table_items

    rows = (
        ("序号", "被检查单位", "存在问题", "整改措施", "牵头领导", "责任单位"),
        ("1", "某某化工厂", "通道堵塞", "清理", "张副区长", "区应急局"),
    )
    assert table_items(rows, None)[0].units == ("区应急局",)


CRITERIA = (
    # section (total), sub-section (total) or "", criterion as printed
    ("安全责任(40)", "落实党政同责(20分)", "1、党委常委会每季度研究安全生产工作(5分)"),
    ("安全责任(40)", "", "2、制定领导干部安全生产职责清单(15分)"),
    ("安全责任(40)", "隐患排查治理(20分)", "1.重大事故隐患未按期整改的，每项扣5分，扣完为止；"),
    ("安全责任(40)", "", "2.隐患台账每少1项扣0.5分，扣完2分为止。"),
    ("加分项", "", "1.工作经验被上级推广的，加2分。"),
)


def _criteria_docx(path: Path, header: list[str], order: tuple[int, int, int], merge: bool) -> Path:
    document = docx.Document()
    document.add_paragraph("2024年度安全生产工作考核评分标准")
    table = document.add_table(rows=len(CRITERIA) + 1, cols=3)
    table.style = "Table Grid"
    for c, value in enumerate(header):
        table.cell(0, c).text = value
    for r, row in enumerate(CRITERIA, start=1):
        for c, source in enumerate(order):
            if row[source] and (not merge or source != 0 or r == 1 or CRITERIA[r - 2][0] != row[0]):
                table.cell(r, c).text = row[source]
    if merge:  # the section cell merged down over its rows, as Word prints it
        column = order.index(0)
        table.cell(1, column).merge(table.cell(4, column))
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("header", "merge"),
    [(["一级指标", "二级指标", "评分标准及验证方式"], True), (["考核项目", "考核内容", "评分标准"], False)],
)
def test_criteria_table_without_a_points_column_reads_points_from_the_text(
    tmp_path: Path, header: list[str], merge: bool
) -> None:
    path = _criteria_docx(tmp_path / "scheme.docx", header, (0, 1, 2), merge)
    result = to_schema_json(extract_file(path))
    assert result["genre"] == "assessment"
    assert result["section_totals"] == {"安全责任": 40, "落实党政同责": 20, "隐患排查治理": 20}
    assert [(s["seq"], s["section"], s["points"], s["kind"]) for s in result["scores"]] == [
        ("1", "安全责任", 5, "item"),
        ("2", "安全责任", 15, "item"),
        ("1", "安全责任", 5, "deduction"),
        ("2", "安全责任", 0.5, "deduction"),
        ("1", "加分项", 2, "bonus"),
    ]


def test_a_seq_column_numbering_within_categories_keeps_both_markers() -> None:
    from anjian.ingest.parsers.tables import table_items

    rows = (
        ("序号", "类别", "工作任务", "责任单位"),
        ("（一）1", "加强消防安全体系建设", "建立工作机制。", "责任单位：区委办、区政府办公室"),
        ("（一）2", "", "建设责任体系。", "责任单位：区应急局"),
        ("（二）1", "夯实公共消防基础", "开展消防宣传。", "责任单位：区委宣传部"),
    )
    items = table_items(rows, 2019)
    assert [(i.seq, i.category, i.units) for i in items] == [
        ("(一)1", "加强消防安全体系建设", ("区委办", "区政府办公室")),
        ("(一)2", "加强消防安全体系建设", ("区应急局",)),
        ("(二)1", "夯实公共消防基础", ("区委宣传部",)),
    ]
