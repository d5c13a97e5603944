"""Round 24 (split.py): shapes of the thirteenth unseen part and of the fourteenth's one loss of genre, written as
invented documents: a plan stored run on from its `附件:` line, its first heading glued to its title and a staged
step's points glued to its period; a news story that heard a report, one that tells in 一是/二是 what was done, one
opening with its dateline, and a visit's requirements in traditional characters; points counted in words one a row
of a sheet; a 考核管理办法 by its title."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from anjian.ingest.extract import extract_file, extract_text
from anjian.ingest.parsers.genre import title_genre


def test_a_plan_stored_run_on_from_its_attachment_line_is_read_with_its_staged_steps() -> None:
    text = (
        "您好,欢迎访问某某文档\n"
        "当前位置:首页 > 管理 > 某市港口码头安全生产\n"
        "附件:某市港口码头安全生产大排查大执法工作方案一、工作目标坚持鼓励合法、打击非法的原则,突出安全工作重点,"
        "彻底排查安全隐患,规范港口经营秩序。二、工作步骤(一)动员部署阶段(2009年8月20至25日)各区县港航管理部门"
        "按照统一部署,制订工作方案,建立工作机构。(二)组织实施阶段(2009年8月26日至11月15日)1、企业自查自纠:各港口"
        "经营单位开展全面自查自纠工作,对查出的安全隐患立即整改。2、区县港航管理机构普查:加强对辖区港口码头自查自纠的"
        "指导和监督检查。3、市港航局督查:对排查治理不力的企业督促其整改并严肃处理。\n"
    )
    found = extract_text(text)
    assert found.title == "某市港口码头安全生产大排查大执法工作方案"
    staged = [(i.seq, i.deadline.due if i.deadline else None) for i in found.items]
    assert ("二、(一)", date(2009, 8, 25)) in staged
    points = [i for i in found.items if (i.category or "").startswith("组织实施阶段")]
    assert [(i.measures or "")[:4] for i in points] == ["企业自查", "区县港航", "市港航局"]


def test_a_story_that_heard_a_report_is_read_by_the_requirements_it_tells() -> None:
    text = (
        "调研组仔细听取了渡口渡船相关负责人关于渡船安全保障措施和安全监管情况的汇报。同时,围绕渡口维护保养、渡船日均"
        "载客量、航道上的水流情况以及过往船只对渡船可能产生的安全隐患等方面作进一步调研。\n"
        "根据现场调研情况,调研组提出三项要求:一是要继续加强与海事部门的沟通联系,保证渡船证书齐全有效;"
        "二是安装视频监控,加强对渡口现场的安全监管;三是增强渡工的安全责任意识,严禁超载。\n"
    )
    found = extract_text(text)
    assert found.genre == "reminder"
    assert [i.seq for i in found.items] == ["一是", "二是", "三是"]


def test_a_story_telling_in_words_what_was_done_is_a_report() -> None:
    text = (
        "【某区】开展岁末年初建筑工地安全专项检查\n"
        "为切实加强岁末年初建筑安全生产工作,某区规建局开展了岁末年初建筑工地施工安全专项检查。一是周密部署,下发了"
        "《关于切实做好岁末年初安全生产工作的通知》,明确工作措施。二是突出重点,对建筑施工现场进行逐项排查。三是从严执法,"
        "目前已检查15个在建项目,排查隐患46条,签发限期整改通知书10份。\n"
    )
    found = extract_text(text)
    assert found.genre == "report"
    assert {(s.value, s.unit) for s in found.stats} >= {(15, "个"), (46, "条"), (10, "份")}


def test_a_story_opening_with_its_dateline_takes_no_genre_from_its_first_sentence() -> None:
    text = (
        "本网讯 为进一步加强安全生产工作,全面攻坚第四季度安全生产,县应急管理局始终保持高压态势,扎实开展所有行业领域安全生产"
        "“打非治违”专项整治行动,切实保障一方平安。\n"
        "一是压实责任,周密部署。10月21日召开了全县专项整治行动工作部署会议,层层部署集中整治任务。\n"
        "二是严格执法,全面打击。县安委会办公室组织应急、交通、市场监管等部门联合开展专项整治活动。\n"
        "三是强化宣传。\n"
        "行动开展以来,全县共出动检查组132组次,检查人数584人次,检查企业335家,查处违法生产经营单位1家,责令停产停业2家,"
        "交通违法行为立案4起,行政拘留2人,罚款金额9.2万元。\n"
    )
    found = extract_text(text)
    assert found.genre == "report"
    assert {(s.value, s.unit) for s in found.stats} >= {(584, "人次"), (335, "家")}


def test_a_visits_requirements_in_traditional_characters_are_its_points() -> None:
    text = (
        "督查組現場檢查了電力企業重大事故隱患專項排查整治、雙重預防機制建設等工作情況。\n"
        "能源監管局主要負責同志在督查中強調,一是要強化責任意識,壓實企業安全生產主體責任;二是要深刻吸取各類事故教訓;"
        "三是要加強企業內部安全管理。\n"
    )
    found = extract_text(text)
    assert found.genre == "reminder"
    assert [i.seq for i in found.items] == ["一是", "二是", "三是"]


def test_points_counted_in_words_one_a_row_of_a_sheet_are_not_joined(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(("3月21日,能源监管局主要负责同志带队组成督查组赴某省开展论坛保供电专项督查。", None))
    sheet.append(("主要负责同志充分肯定各单位高度重视保供电工作。要求各单位要全力以赴做好保供电各项工作:", None))
    for row in (
        ("一是", "精准到位做好电力设施安全保卫及反恐怖工作"),
        ("二是", "继续强化电网关键设备巡查及隐患排查"),
        ("三是", "做好应急准备,及时处理各种突发事件"),
    ):
        sheet.append(row)
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("A2:B2")
    workbook.save(tmp_path / "ducha.xlsx")
    found = extract_file(tmp_path / "ducha.xlsx")
    assert found.genre == "reminder"
    assert [(i.seq, (i.measures or "")[:4]) for i in found.items] == [
        ("一是", "精准到位"), ("二是", "继续强化"), ("三是", "做好应急")
    ]


def test_a_management_measure_of_assessment_is_an_assessment() -> None:
    assert title_genre("某某地产事业部工程安全文明施工考核管理办法") == "assessment"
