"""Rounds 14 and 15 (split.py), tuned on unseen7 (0NN) after round 13 and on unseen8 (10NN) once scored: open-information metadata rows, hazard reports,
findings counted 其一/其二, sites each with their problems on a line, two-column problem tables, news of a
提示函 sent down, grading standards; invented documents only."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

from anjian.ingest.extract import extract_file, extract_text
from anjian.ingest.parsers.faults import states_fault

METADATA_PAGE = """索 引 号 XX001-2200-2023-00031 文号 某政综〔2023〕101号
发布机构 某某镇 生成日期 2023-05-10
标题 某某镇人民政府关于印发2023年安全生产专项整治巩固提升工作要点的通知 有效性 有效
内容概述 现将《2023年安全生产专项整治巩固提升工作要点》印发给你们，请认真抓好贯彻落实。
各村（社区），镇直各单位：
现将《2023年安全生产专项整治巩固提升工作要点》印发给你们，请结合实际认真抓好落实。
"""


def test_an_open_information_row_names_the_title_and_is_not_taken_for_it() -> None:
    found = extract_text(METADATA_PAGE)
    assert found.genre == "reminder"  # 工作要点 sent down, though it names 专项整治
    assert found.title == "某某镇人民政府关于印发2023年安全生产专项整治巩固提升工作要点的通知"
    assert found.doc_number == "某政综〔2023〕101号"


def test_a_hazard_report_listing_what_is_wrong_is_a_problem_list() -> None:
    text = """某某小学安全隐患报告
开学初安全检查中，我校发现以下安全隐患，现向镇政府报告。
1、教学楼北墙墙砖隆起，约3平方米，已用警戒带围起；
2、食堂屋顶水泥粉灰松动脱落；
3、操场围墙局部开裂，存在倒塌风险。
以上情况请镇政府现场查看，提出处理意见。
"""
    found = extract_text(text)
    assert found.genre == "rectification"
    assert [i.problem for i in found.items][1] == "食堂屋顶水泥粉灰松动脱落"
    assert all(i.measures is None for i in found.items)


def test_a_fault_word_under_a_prohibition_is_advice() -> None:
    assert states_fault("食堂屋顶水泥粉灰松动脱落")
    assert not states_fault("防火安全。不堵塞疏散通道，不堆放杂物，不占用消防车道。")


def test_findings_counted_qi_yi_qi_er_are_the_problems_and_the_story_after_them_is_not() -> None:
    text = """3月2日某区督导组督导简报
3月2日上午，区第三督导组对某某街道进行督导检查，发现以下两处问题：其一，某某小区院内堆积废旧家具5处；其二，某某巷内摊点杂乱无章，油污满地。随后，督导组向街道下发督导通知单，责令限期整改。
"""
    found = extract_text(text)
    assert found.genre == "rectification"
    assert [(i.seq, i.problem) for i in found.items] == [
        ("其一", "某某小区院内堆积废旧家具5处"),
        ("其二", "某某巷内摊点杂乱无章，油污满地。"),
    ]


SITES = """某某讯 4月8日，某建设公司组织对在建项目进行了安全检查。
东环路一标段项目存在以下问题：基坑临边未设置防护栏杆；渣土未覆盖。
滨河路二期项目存在问题如下：脚手架连墙件缺失；配电箱未上锁。
检查组要求施工单位立即对所存在的问题和隐患进行整改。
"""


def test_sites_each_with_their_problems_on_a_line_are_items_due_at_once() -> None:
    found = extract_text(SITES)
    assert found.genre == "rectification"
    assert [i.problem for i in found.items] == [
        "基坑临边未设置防护栏杆；渣土未覆盖。",
        "脚手架连墙件缺失；配电箱未上锁。",
    ]
    assert {i.deadline.kind for i in found.items if i.deadline} == {"immediate"}
    assert all(i.deadline for i in found.items)


def test_a_two_column_table_of_sites_and_problems_gives_an_item_per_row(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某建设公司在建项目安全检查发现问题")
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(
        table.rows,
        [
            ("在建项目", "存在问题"),
            ("东环路一标段", "基坑临边未设置防护栏杆；渣土未覆盖。"),
            ("滨河路二期", "配电箱未上锁。"),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    path = tmp_path / "sites.docx"
    document.save(str(path))
    found = extract_file(path)
    assert [i.problem for i in found.items] == ["基坑临边未设置防护栏杆；渣土未覆盖。", "配电箱未上锁。"]


def test_a_sheet_of_requirements_counted_yi_yao_is_a_list_of_tasks(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["近日，某镇召开安全生产推进会，会议强调，各村要高度重视。"])
    for row in (
        ("序号", "要求"),
        ("一要", "加强组织领导，形成工作合力。"),
        ("二要", "加强宣传引导，营造安全氛围。"),
    ):
        sheet.append(list(row))
    path = tmp_path / "meeting.xlsx"
    book.save(str(path))
    found = extract_file(path)
    assert found.genre == "reminder"
    assert [(i.seq, i.measures) for i in found.items] == [
        ("一要", "加强组织领导，形成工作合力。"),
        ("二要", "加强宣传引导，营造安全氛围。"),
    ]


def test_news_of_a_reminder_letter_sent_down_is_a_reminder() -> None:
    text = (
        "（记者 某某）为切实做好冬春火灾防控工作，全力防范事故发生，1月20日，市安委办向各县（市、区）人民政府、"
        "市安委会有关成员单位发出《安全生产提示函》，提醒各地各有关部门做好冬春火灾防控工作。\n"
        "提示函强调，要高度重视，立即组织开展安全排查整治，严防各类事故发生。\n"
    )
    assert extract_text(text).genre == "reminder"


def test_a_scoring_summary_form_and_a_grading_standard_are_schemes() -> None:
    from anjian.ingest.parsers.genre import title_genre

    assert title_genre("建筑施工安全检查评分汇总表") == "assessment"
    assert title_genre("危险化学品经营企业安全生产等级评定标准") == "assessment"


# Round 15 (split.py), tuned on unseen8 (10NN) once scored; invented documents only.

SITE_PAGE = """某区建设工程质量安全监督站关于对某某大厦项目进行安全监督检查的情况
发布时间:2023-04-11 10:20
浏览次数:52
字号:[
大
中
小
]
2023年4月11日,区质安站监督人员对某某大厦项目进行现场安全文明施工检查,主要存在以下问题:基坑临边防护损坏后未及时修复;钢筋切割机未做防护棚;电焊机无防雨措施。
监督人员要求施工单位立即对上述问题进行整改。
"""


def test_problems_run_on_after_their_lead_past_a_font_size_switch_are_one_item_due_at_once() -> None:
    found = extract_text(SITE_PAGE)
    assert found.title == "某区建设工程质量安全监督站关于对某某大厦项目进行安全监督检查的情况"
    assert found.genre == "rectification"
    assert [i.problem for i in found.items] == ["基坑临边防护损坏后未及时修复;钢筋切割机未做防护棚;电焊机无防雨措施。"]
    assert found.items[0].deadline is not None and found.items[0].deadline.kind == "immediate"


def test_points_counted_after_whom_a_requirement_is_for_without_a_comma() -> None:
    text = (
        "5月13日至16日，检查组对全市在建煤矿进行了检查。\n"
        "最后，检查组要求各受检煤矿一是要继续狠抓安全建设不放松；二是对于此次检查发现的问题及时整改；"
        "三是要在雨季到来之前切实抓好防汛工作。\n"
    )
    found = extract_text(text)
    assert found.genre == "reminder"
    assert [i.seq for i in found.items] == ["一是", "二是", "三是"]


def test_a_deduction_standard_is_a_scheme_and_a_sharing_sites_vip_notice_is_not_a_rule() -> None:
    from anjian.ingest.parsers.genre import title_genre
    from anjian.ingest.parsers.title import is_site_notice

    assert title_genre("道路运输企业行业部分评估扣分标准") == "assessment"
    assert is_site_notice("7、VIP文档为合作方或网友上传,每下载1次, 网站将根据用户上传文档的质量评分扣5分")
