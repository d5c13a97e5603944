"""Round 16 (split.py), tuned on unseen8 (10NN) after round 15: deduction standards with a `扣分` column, points
printed as a loss, criteria tables whose 评分内容 prints each item's points, 分值 merged down a group of named
criteria, tables a page prints a row at a time with `|`-led cells, notices announcing an inspection, an item's
points in the cell under its name; invented documents only."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from anjian.ingest.extract import extract_file, extract_text
from anjian.ingest.readers.pipes import led_cells


def _sheet(tmp_path: Path, name: str, title: str, rows: list[tuple[str, ...]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append((title,))
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(str(path))
    return path


def _scores(found: object) -> list[tuple[str, float | None, str]]:
    return [(s.seq, s.points, s.kind) for s in found.scores]  # type: ignore[attr-defined]


def test_a_deduction_column_prices_each_rule_and_a_glued_heading_totals_its_rows() -> None:
    text = """某某行业安全评估扣分标准
类别 | 序号 | 评估内容 | 扣分 | 调整分 |
| 一、车辆管理20分 | | | |
| 1 | 建立车辆技术档案,不符合。 | 10 | 5 |
| 2 | 按规定进行二级维护,缺一次。 | 5-10 | 5 |
| 3 | 车辆动态监控全覆盖,不符合。 | 5 | 2 |
| 二、安全培训10分 | | | |
| 4 | 每月开展安全培训,缺一次。 | 2-5 | 1 |
"""
    found = extract_text(text)
    assert found.genre == "assessment"
    assert _scores(found) == [("1", 10, "deduction"), ("2", 5, "deduction"), ("3", 5, "deduction"), ("4", 2, "deduction")]
    assert dict(found.section_totals) == {"车辆管理": 20, "安全培训": 10}


def test_rows_printed_without_their_empty_first_cell_are_read_under_their_header() -> None:
    text = """某某企业安全评估扣分标准
类别 | 序号 | 评估内容 | 扣分 | 调整分 |
1 | 建立车辆技术档案,不符合。 | 10 | 5 | |
2 | 按规定进行二级维护,缺一次。 | 5 | 5 | |
3 | 5 | 5 | | |
4 | 车辆动态监控全覆盖,不符合。 | 5 | 2 | |
"""
    found = extract_text(text)
    # row 3 lost its rule: its points alone are no item
    assert _scores(found) == [("1", 10, "deduction"), ("2", 5, "deduction"), ("4", 5, "deduction")]


def test_points_printed_as_a_loss_are_a_deduction(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        "drivers.xlsx",
        "驾驶人员安全等级动态评价标准",
        [
            ("序号", "一类指标", "二类指标", "评分标准", "分值"),
            ("1", "疲劳驾驶", "疲劳驾驶", "连续驾驶时间超过4小时未停车休息", "每次-5分"),
            ("2", "超速", "一般超速", "超速在限速值20%以内", "每次-2分"),
            ("3", "", "严重超速", "超速在限速值50%以上", "每次-6分"),
        ],
    )
    found = extract_file(path)
    assert _scores(found) == [("1", 5, "deduction"), ("2", 2, "deduction"), ("3", 6, "deduction")]


def test_items_that_print_their_points_are_scored_and_the_rules_beside_them_only_explain(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        "rules.xlsx",
        "某某场所消防安全标准化管理评分细则",
        [
            ("项目", "序号", "评分内容", "评分标准", "扣分"),
            ("消防安全责任10分", "1", "落实逐级消防安全责任制,明确各岗位职责(4分)。", "1.未明确的扣2分。2.不完善的扣2分。", ""),
            ("", "2", "明确消防安全管理人(2分)。", "未确定的扣2分。", ""),
            ("", "3", "建立微型消防站并配备器材(4分)。", "未建立的扣2分。", ""),
        ],
    )
    found = extract_file(path)
    assert _scores(found) == [("1", 4, "item"), ("2", 2, "item"), ("3", 4, "item")]
    assert found.scores[1].text == "明确消防安全管理人(2分)。"
    assert dict(found.section_totals) == {"消防安全责任": 10}


def test_a_points_column_merged_down_a_group_totals_its_named_criteria(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        "tasks.xlsx",
        "年度防灾减灾绩效考评任务分解表",
        [
            ("三级指标", "分值", "评分标准", "责任单位"),
            ("防灾减灾", "6", "落实领导责任(1分)。印发规划得1分,否则不得分", "各县政府"),
            ("", "", "条件保障(2分)。经费列入预算得1分;比上年增长得1分", "各县财政局"),
            ("", "", "开展监测活动(3分)。建设监测网点得2分,按时报送得1分", "各县应急局"),
        ],
    )
    found = extract_file(path)
    assert [(s.points, s.kind) for s in found.scores] == [(1, "item"), (2, "item"), (3, "item")]
    assert dict(found.section_totals) == {"防灾减灾": 6}


def test_a_table_printed_a_row_at_a_time_with_bar_led_cells_is_a_table() -> None:
    lines = ["附件", "三级指标", "| 分值", "| 评分标准", "|", "防灾减灾", "| 6", "| 落实领导责任(1分)。", "|",
             "条件保障(2分)。经费列入预算", "|"]
    assert led_cells(lines) == [
        "附件",
        "| 三级指标 | 分值 | 评分标准 |",
        "| 防灾减灾 | 6 | 落实领导责任(1分)。 |",
        "条件保障(2分)。经费列入预算",  # a line alone before its `|`: no row of led cells
        "|",
    ]
    # the cells merged from above are a row's first ones: a shorter row keeps to the right
    rows = ["三级指标", "| 分值", "| 评分标准", "|", "防灾减灾", "| 6", "| 落实领导责任(1分)。", "|",
            "条件保障(2分)。经费列入预算", "| 各县财政局", "|"]
    assert led_cells(rows)[2] == "|  | 条件保障(2分)。经费列入预算 | 各县财政局 |"
    # a pipe row of another table is not a led cell
    assert led_cells(["考核项目 | 分值 | 评分方式 |", "|", "1.成立机构 | 1 | 未落实的不得分。 |", "| |"]) == [
        "考核项目 | 分值 | 评分方式 |", "|", "1.成立机构 | 1 | 未落实的不得分。 |", "| |"]


def test_a_notice_announcing_an_inspection_sends_what_will_be_checked(tmp_path: Path) -> None:
    text = """某某市人民政府办公室关于开展全市安全生产整治行动督查工作的通知
各县、区人民政府:
现将有关事项通知如下:
一、督查内容
1.安全生产整治行动组织落实情况;
2.重点企业隐患治理情况;
"""
    assert extract_text(text).genre == "reminder"
    cited = """按照区安委会《关于开展春季安全生产检查督查的通知》要求,区安监局对辖区企业开展了检查。检查企业12家,发现隐患30处。"""
    assert extract_text(cited).genre != "reminder"
    path = _sheet(
        tmp_path,
        "checks.xlsx",
        "督查内容",
        [("序号", "督查内容"), ("1", "安全生产整治行动组织落实情况"), ("2", "重点企业隐患治理情况")],
    )
    assert [i.measures for i in extract_file(path).items] == ["安全生产整治行动组织落实情况", "重点企业隐患治理情况"]


def test_an_items_points_under_its_name_and_the_grades_after_them() -> None:
    text = """某市应急管理工作考核评分标准
一级指标
二级指标
三级指标
评分标准
应急准备
(20分)
5.专家组(1分)
成立应急管理专家组,建立专家咨询制度。(1分)
成立应急管理专家组,尚未建立咨询制度。(0.5分)
8.应急预案演练
(3分)
组织开展功能性演练,年演练率达到60%以上。(3分)
年演练率达到40%-60%。(2分)
"""
    found = extract_text(text)
    assert [(s.seq, s.points) for s in found.scores] == [("5", 1), ("8", 3)]


# Round 17 (split.py), tuned on unseen9 (11NN) once scored at the end of round 16.


def test_signed_values_beside_rows_of_their_kind_are_deductions_and_bonuses(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        "grades.xlsx",
        "某某企业安全生产等级评定标准",
        [
            ("项目", "评定内容", "", "备注"),
            ("基础分项", "一级安全生产标准化", "90"),
            ("", "二级安全生产标准化", "80"),
            ("", "实际得分"),
            ("调整分项", "减分项"),
            ("", "1、未完成六大系统建设的", "-2"),
            ("", "2、未按时上报隐患自查自纠情况的", "-3"),
            ("", "加分项"),
            ("", "1、五年内无死亡生产安全事故的", "2"),
            ("", "2、省级政府表彰的安全生产先进单位", "1"),
        ],
    )
    found = extract_file(path)
    assert [s for s in _scores(found) if s[2] != "item"] == [
        ("1", 2, "deduction"),
        ("2", 3, "deduction"),
        ("1", 2, "bonus"),
        ("2", 1, "bonus"),
    ]


def test_a_column_of_points_under_a_garbled_header_beside_a_merged_total(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        "scan.xlsx",
        "基层应急管理工作目标考核标准",
        [
            ("序号", "考核内容", "考核标准", "考核俪W", "总分"),
            ("1", "机构建设", "(1)建立和明确突发事件应急领导机构", "8分", "12分"),
            ("", "", "(2)建立健全基层应急管理组织体系", "4分", ""),
            ("2", "预案建设", "(1)应急预案覆盖率达到100%每少1个百分点扣1分", "5分", "5分"),
        ],
    )
    found = extract_file(path)
    assert [(s.seq, s.points, s.kind) for s in found.scores] == [("1、1", 8, "item"), ("1、2", 4, "item"), ("2、1", 5, "item")]
    assert dict(found.section_totals) == {"机构建设": 12, "预案建设": 5}


def test_rules_that_each_name_what_they_are_worth_are_the_items_and_the_value_totals_them(tmp_path: Path) -> None:
    path = _sheet(
        tmp_path,
        "quake.xlsx",
        "住建部门防震减灾年度工作量化评价细则",
        [
            ("序号", "评价指标", "分值", "评分标准", "备注"),
            ("1", "地震监测方面情况", "4分", "(1)是否协助开展监测台站建设工作,满分3分。\n(2)是否及时上报震情,满分1分。", ""),
            ("2", "震灾预防方面情况", "2分", "(1)是否参加抗震设防检查,满分1.5分。\n(2)是否开展加固工程,满分0.5分。", ""),
        ],
    )
    found = extract_file(path)
    assert [(s.seq, s.points) for s in found.scores] == [("1(1)", 3), ("1(2)", 1), ("2(1)", 1.5), ("2(2)", 0.5)]
    assert dict(found.section_totals) == {"地震监测方面情况": 4, "震灾预防方面情况": 2}


def test_what_a_point_is_worth_in_all_outweighs_the_points_of_each_time() -> None:
    text = """某县道路交通安全行动考核评分细则
一、工作措施指标(分值:100分)
(一)隐患排查治理(分值:15分)
1.公安部门组织开展事故多发路段排查活动。年底,根据整改率得分,满分3分。
2.交通运输部门开展生命防护工程“回头看”活动。每季度,根据工作开展情况得分(0.3分),满分1.2分。
"""
    found = extract_text(text)
    assert [(s.seq, s.points) for s in found.scores] == [("1", 3), ("2", 1.2)]


def test_a_flattened_form_with_columns_for_the_points_due_taken_off_and_given() -> None:
    text = """安全检查评分表
安全管理检查评分表 序号 检查项目 扣 分 标 准 应得分数 扣减 分数 实得 分数 1 安全生产责任制 未建立安全生产责任制的,扣10分 经济承包中无安全生产指标的,扣10分 10 2 目标管理 未制定安全管理目标的,扣10分 未进行安全责任目标分解的,扣10分 10 3 安全教育 无安全教育制度,扣5分 新入场工人未进行三级安全教育,扣10分 10 小计 30
"""
    found = extract_text(text)
    assert [s.points for s in found.scores] == [10, 10, 10]
    assert found.scores[1].text.startswith("目标管理")


def test_a_page_stored_with_its_html_markup_reads_as_its_paragraphs() -> None:
    text = (
        '<p class="ql-block">4月10日,某镇召开2023年安全生产工作会。</p><p class="ql-block">会议强调,要切实增强做好安全生产'
        "工作的紧迫感。一要加强领导,强化安全生产责任;二要认真开展自查自纠,不留死角;三要加强跟踪督查,确保隐患整改到位。</p>"
    )
    found = extract_text(text)
    assert found.genre == "reminder"
    assert [i.seq for i in found.items] == ["一要", "二要", "三要"]
    assert all("<" not in (i.measures or "") for i in found.items)


def test_points_of_work_done_told_in_figures_are_a_report() -> None:
    text = """一是全面开展专项排查整治。组织有关部门开展专项检查,目前已出动检查组621个,排查问题隐患3499个,已整改1943个。
二是加大违法行为打击力度。与全市16家充装单位签订安全承诺书,严厉打击非法充装行为。
三是强化安全防范意识教育。推送燃气安全科普知识100多条次,提高群众安全用气意识。
"""
    assert extract_text(text).genre == "report"
    lead = """一季度,某新区市监分局以燃气安全为重点,以7家燃气经营单位、32家使用单位为主要检查对象,开展隐患排查整治工作。
一是常态化检查燃气器具、管道线路老化、报警装置等情况。
二是联合6家部门开展联合检查,发现各类问题14个,已全部整改到位。
三是协同23个行政村普及燃气安全常识,共组织现场宣传6次,参与群众1200余人。
"""
    assert extract_text(lead).genre == "report"


def test_a_bulletin_of_what_an_unannounced_check_found_is_a_problem_list() -> None:
    text = """8月12日电 某部于7月中下旬派出多个暗访组,对8个省开展暗访,发现部分地区仍存在安全生产和市场秩序问题,现将有关情况予以通报。 经营场所消防器材设施损坏或配备不足问题较为突出。部分景区灭火器过期。"""
    assert extract_text(text).genre == "rectification"


def test_problems_run_on_after_how_they_show_are_one_item() -> None:
    text = """某区民政局开展春节前安全检查
检查组对全区12家老年公寓进行了安全检查。
从检查情况看,各老年公寓对安全工作较重视,但还是存在一定的安全隐患,主要表现在:部分单位灭火器失效,且配置数量少;未标明应急疏散出口标志;地面未设置防滑设施等。
针对检查出的安全隐患,检查组要求立即整改。
"""
    found = extract_text(text)
    assert [i.problem for i in found.items] == ["部分单位灭火器失效,且配置数量少;未标明应急疏散出口标志;地面未设置防滑设施等。"]
