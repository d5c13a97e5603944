"""Round 23 (split.py): where a rendering of a document read worse than its text, in the shapes offices send
(Word tables, sheets, PDFs), written as invented documents: a sheet of numbered points cut from the middle of a plan
with a heading row between them, a `序号 | 整治步骤` table of staged steps, a preview whose site lines were left out,
a 序号 column holding a group's heading marker, a site's cell of numbered problems, a `隐患单位名称` column, and a PDF
table or numbered lines broken by a page or a full line."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from anjian.ingest.document import Paragraph, SourceDocument, Table
from anjian.ingest.extract import extract_document, extract_file, extract_text
from anjian.ingest.readers import pdf


def _doc(*blocks: Paragraph | Table, source: str = "docx") -> SourceDocument:
    return SourceDocument(tuple(blocks), source)


def test_a_sheet_cut_from_the_middle_of_a_plan_reads_its_points_and_the_heading_between(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    rows = [
        ("(三)", "严格管理,规范运行。加强尾矿库技术管理和现场管理,落实管理人员。"),
        ("(四)", "打击违法非法行为。关闭不具备安全生产条件的尾矿库。"),
        ("三、工作措施", None),
        ("(一)", "凡是非法建设的尾矿库一律取缔。"),
        ("(二)", "凡是未通过“三同时”验收的一律不得投入使用。"),
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A3:B3")
    workbook.save(tmp_path / "fangan.xlsx")
    found = extract_file(tmp_path / "fangan.xlsx")
    assert [(i.seq, (i.measures or "")[:4]) for i in found.items] == [
        ("(三)", "严格管理"), ("(四)", "打击违法"), ("三、(一)", "凡是非法"), ("三、(二)", "凡是未通")
    ]
    assert found.items[2].category == "工作措施"


def test_a_table_of_staged_steps_under_its_heading_is_read_as_the_steps() -> None:
    found = extract_document(
        _doc(
            Paragraph("某市冶金机械等行业安全生产深化专项整治方案"),
            Paragraph("五、整治步骤"),
            Table(
                (
                    ("序号", "整治步骤"),
                    ("(一)", "安排部署、宣传发动阶段(6月底前)\n各县区政府对整治工作进行安排部署。"),
                    ("(二)", "企业自查自整阶段(7月)\n企业制定自查自整方案,全面对照检查。"),
                )
            ),
            Paragraph("六、工作要求"),
        )
    )
    assert [(i.seq, i.category) for i in found.items] == [("五、(一)", "整治步骤"), ("五、(二)", "整治步骤")]
    # A table whose second header cell names a field is still read by its columns.
    listed = extract_document(
        _doc(
            Paragraph("某县燃气安全检查问题清单"),
            Table((("序号", "存在问题"), ("(一)", "餐饮店未安装燃气报警器。"), ("(二)", "气瓶与灶具间距不足。"))),
        )
    )
    assert [i.problem for i in listed.items] == ["餐饮店未安装燃气报警器。", "气瓶与灶具间距不足。"]


def test_a_preview_rendered_without_its_site_lines_is_read_as_with_them() -> None:
    # The preview's chunks `1、` `2、` cut a criterion in two (`…安全保卫(19分)1、` / `2、电教…`).
    first = (
        "1、 平安校园建设考核评估细则 一、组织领导(14分)组织机构(5分)1、成立创建工作领导小组(2分)"
        "2、领导小组每年召开专题会议不少于4次(1分)3、有完整的会议纪录(2分)。创建规划(9分)"
        "1、学校创建工作纳入年度工作计划(5分)2、每年度有创建工作总结(4分) 二、安全防范体系(48分)安全保卫(19分)1、"
    )
    second = "2、重要部位有安全管理制度(3分)2、设立专门的安保部门,有专(兼)职人员(1分)3、按时参加例会和培训(2分)"
    found = extract_document(_doc(Paragraph("平安校园建设考核评估细则"), Paragraph(first), Paragraph(second)))
    assert dict(found.section_totals) == {"组织领导": 14, "组织机构": 5, "创建规划": 9, "安全防范体系": 48, "安全保卫": 19}
    assert [s.points for s in found.scores] == [2, 1, 2, 5, 4, 3, 1, 2]


def test_a_heading_marker_in_the_number_column_groups_the_rows_under_it() -> None:
    found = extract_document(
        _doc(
            Paragraph("某小学安全管理专项整治工作自查报告"),
            Table(
                (
                    ("序号", "存在问题"),
                    ("一、", "校园周边存在的不安全隐患"),
                    ("1", "校门口出口处为公路,视线窄。"),
                    ("2", "校门口经常有流动摊位。"),
                    ("二、", "校内不安全隐患"),
                    ("1", "教学楼顶层严重漏水。"),
                    ("(三)", "食堂安全也存在隐患。"),  # a sentence: an item numbered so, not a group
                )
            ),
        )
    )
    assert [(i.seq, i.category) for i in found.items] == [
        ("一、1", "校园周边存在的不安全隐患"),
        ("一、2", "校园周边存在的不安全隐患"),
        ("二、1", "校内不安全隐患"),
        ("二、(三)", "校内不安全隐患"),
    ]


def test_a_sites_cell_of_numbered_problems_is_one_item_each() -> None:
    found = extract_document(
        _doc(
            Paragraph("曝光!火灾隐患可能就在你身边"),
            Paragraph("现曝光3家火灾隐患单位,均不同程度存在消防安全问题。"),
            Table(
                (
                    ("隐患单位名称", "场所地址", "隐患情况"),
                    ("某某药店", "北潢路140号", "灭火器过期"),
                    ("某某纸业有限公司", "南潢路246号", "1.堵塞安全出口 2.杂物遮挡消火栓"),
                )
            ),
        )
    )
    assert [(i.seq, i.category, i.problem, i.units) for i in found.items] == [
        ("", "某某药店", "灭火器过期", ()),
        ("1", "某某纸业有限公司", "堵塞安全出口", ()),
        ("2", "某某纸业有限公司", "杂物遮挡消火栓", ()),
    ]


def test_a_pdf_table_row_numbered_on_from_the_last_page_is_a_row_of_its_own() -> None:
    head = Table((("序号", "主要任务"), ("1", "强化产品质量监督。")))
    # The next page opens with row 2: a row of its own, not the rest of row 1.
    assert pdf._continue_table(head, Table((("2", "强化标准规范。"),))).rows[1:] == (
        ("1", "强化产品质量监督。"), ("2", "强化标准规范。")
    )
    # A row cut by the page break (its 序号 cell empty on the next page) is glued back.
    assert pdf._continue_table(head, Table((("", "持续开展抽查。"),))).rows[1:] == (("1", "强化产品质量监督。持续开展抽查。"),)
    assert pdf._counts_on("8.消防栓最后检查日期为6月28日", "9.应急照明灯电线已断")
    assert not pdf._counts_on("8.消防栓最后检查日期为6月28日", "10.应急照明灯电线已断")


def test_points_printed_at_the_start_of_the_next_line_close_the_item_above() -> None:
    text = "\n".join(
        [
            "“平安校园”考评细则",
            "一、组织领导(6分)",
            "1、建立创建安全校园工作领导小组,并有具体的工作机构。",
            "(2分)2、制定合理的长期规划和具体的实施方案。",
            "(4分)二、基础建设:(24分)1、校园能够实行全封闭管理。",
            "(1分)2、大门旁有专门的门卫治安室。",
            "(4分)",
        ]
    )
    found = extract_text(text)
    assert found.genre == "assessment"
    assert dict(found.section_totals) == {"组织领导": 6, "基础建设": 24}
    assert [(s.seq, s.section, s.points) for s in found.scores] == [
        ("1", "组织领导", 2), ("2", "组织领导", 4), ("1", "基础建设", 1), ("2", "基础建设", 4)
    ]
