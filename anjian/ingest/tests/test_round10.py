"""Round 10 (split.py): a criteria table whose criteria column is known by its points, its numbered subsections
as subtotals, short pipe rows placed by their list markers, and TAB rows kept apart from a stacked table."""

from __future__ import annotations

from anjian.ingest.document import Table
from anjian.ingest.extract import extract_text
from anjian.ingest.parsers.criteria import criteria_scheme
from anjian.ingest.readers.text import blocks_of_text

# 考评内容 merged over the subsection and its criteria: the header names neither column apart.
CRITERIA_ROWS = (
    ("考评项目", "考评内容", "", "考评方法", "自评得分"),
    ("一、消防安全管理(12分)", "1.落实消防安全责任(5分)", "(1)明确消防安全责任人。(2分)", "查看文件。", ""),
    ("", "", "(2)签订消防安全责任书。(3分)", "查看责任书。", ""),
    ("", "2.开展防火检查(7分)", "(1)每月组织一次防火检查。(4分)", "查看记录,缺一次扣1分。", ""),
    ("", "", "(2)建立隐患整改台账。(3分)", "查看台账。", ""),
    ("二、应急管理(8分)", "1.制定应急预案(8分)", "(1)预案每年修订一次。(8分)", "查看预案。", ""),
)


def test_a_criteria_column_is_found_by_the_points_its_cells_print() -> None:
    scores, totals = criteria_scheme(CRITERIA_ROWS)
    assert totals == [
        ("消防安全管理", 12),
        ("落实消防安全责任", 5),
        ("开展防火检查", 7),
        ("应急管理", 8),
        ("制定应急预案", 8),
    ]
    assert [(s.seq, s.section, s.points, s.kind) for s in scores] == [
        ("1(1)", "消防安全管理", 2, "item"),
        ("1(2)", "消防安全管理", 3, "item"),
        ("2(1)", "消防安全管理", 4, "item"),
        ("2(2)", "消防安全管理", 3, "item"),
        ("1(1)", "应急管理", 8, "item"),
    ]
    assert scores[0].text.startswith("明确消防安全责任人")


def test_when_only_the_subsections_print_points_they_are_the_scored_criteria() -> None:
    rows = tuple((a, b, "查看材料。", "") for a, b, *_ in CRITERIA_ROWS[1:])
    scores, totals = criteria_scheme((("考评项目", "考评内容", "考评方法", "得分"), *rows))
    assert [(s.seq, s.section, s.points) for s in scores] == [
        ("1", "消防安全管理", 5),
        ("2", "消防安全管理", 7),
        ("1", "应急管理", 8),
    ]
    assert totals == [("消防安全管理", 12), ("应急管理", 8)]


PIPE_SCHEME = """平安校园考评细则
考评项目 | 考评内容 | 考评方法 | 自评得分 | 审核得分 |
一、消防安全管理(12分) | 1.落实消防安全责任(5分) | (1)明确消防安全责任人。(2分) | 查看文件。 | | |
(2)签订消防安全责任书。(3分) | 查看责任书。 | | |
2.开展防火检查(7分) | (1)每月组织一次防火检查。(4分) | 查看记录,缺一次扣1分。 | | |
(2)建立隐患整改台账。(3分) | | |
"""


def test_short_pipe_rows_are_placed_under_the_columns_their_markers_open() -> None:
    table = next(b for b in blocks_of_text(PIPE_SCHEME) if isinstance(b, Table))
    assert table.rows[2][:3] == ("", "", "(2)签订消防安全责任书。(3分)")
    assert table.rows[3][:3] == ("", "2.开展防火检查(7分)", "(1)每月组织一次防火检查。(4分)")
    found = extract_text(PIPE_SCHEME)
    assert [(s.seq, s.points) for s in found.scores] == [("1(1)", 2), ("1(2)", 3), ("2(1)", 4), ("2(2)", 3)]
    assert dict(found.section_totals) == {"消防安全管理": 12, "落实消防安全责任": 5, "开展防火检查": 7}


def test_tab_rows_after_a_stacked_table_start_a_table_of_their_own() -> None:
    text = "序号\n存在问题\n整改措施\n责任单位\n1\n通道堵塞\n清理通道\n县消防救援大队\n2\n灯具损坏\n更换灯具\n县住建局\n\n单位\t人数\n一队\t5\n"
    tables = [b for b in blocks_of_text(text) if isinstance(b, Table)]
    assert [t.rows[0] for t in tables] == [("序号", "存在问题", "整改措施", "责任单位"), ("单位", "人数")]


# A sharing site's preview: the table's cells and rows glued, the preview cut into numbered chunks.
GLUED_WITH_POINTS = [
    "某某文库",
    "资源描述:",
    "1、附件2:平安校园考评细则项目考核内容标准分自评分审核得分一、组织领导(10分)1.成立平安校园工作领导小组,"
    "明确职责分工。42.每学期召开安全工作专题会议不少于2次。3",
    "2、3.制定安全工作年度计划并组织实施。3二、隐患治理(8分)1.建立隐患排查台账,每月排查一次。52.隐患整改率达到100%。3",
]
GLUED_RULES = [
    "1、医院消防安全评分细则项目序号评分内容评分标准得分消防安全职责(5分)1建立消防安全责任制未建立的扣2分"
    "2确定消防安全管理人员未确定的扣1分3每月召开一次例会未召开的每次扣1分,扣完2分为止消防设施(4分)1"
    "设置自动消防设施未设置的扣4分",
]


def test_a_scoring_table_glued_into_one_run_of_text_is_read_by_counting_its_rows() -> None:
    found = extract_text("\n".join(GLUED_WITH_POINTS))
    assert dict(found.section_totals) == {"组织领导": 10, "隐患治理": 8}
    assert [(s.seq, s.section, s.points, s.kind) for s in found.scores] == [
        ("1", "组织领导", 4, "item"),
        ("2", "组织领导", 3, "item"),  # `不少于2次。3`: a figure of the text, then the row's points
        ("3", "组织领导", 3, "item"),
        ("1", "隐患治理", 5, "item"),
        ("2", "隐患治理", 3, "item"),
    ]
    assert found.scores[1].text == "每学期召开安全工作专题会议不少于2次。"


def test_a_glued_table_without_a_points_column_is_priced_by_its_rules() -> None:
    found = extract_text("\n".join(GLUED_RULES))
    assert dict(found.section_totals) == {"消防安全职责": 5, "消防设施": 4}
    assert [(s.seq, s.section, s.points, s.kind) for s in found.scores] == [
        ("1", "消防安全职责", 2, "deduction"),
        ("2", "消防安全职责", 1, "deduction"),
        ("3", "消防安全职责", 1, "deduction"),
        ("1", "消防设施", 4, "deduction"),
    ]


RECORDS = """关于校园安全隐患排查情况的曝光
01
学校名称：城东小学
问题隐患：教学楼消防通道堆放杂物
整改时限：2025年9月10日
整改落实情况：已整改
02
学校名称：城北幼儿园
问题隐患：围墙局部开裂
整改时限：2025年9月15日
整改落实情况：整改中
各学校要举一反三，及时消除隐患。
"""


def test_labelled_records_are_read_as_the_table_they_are() -> None:
    found = extract_text(RECORDS)
    assert [(i.seq, i.problem, i.deadline.schema_value() if i.deadline else None) for i in found.items] == [
        ("01", "教学楼消防通道堆放杂物", "2025-09-10"),
        ("02", "围墙局部开裂", "2025-09-15"),
    ]


def test_a_heading_between_records_ends_them_and_one_record_is_not_a_table() -> None:
    from anjian.ingest.document import SourceDocument
    from anjian.ingest.parsers.records import records_as_tables

    broken = RECORDS.replace("02\n", "城北片区\n02\n")
    doc = SourceDocument(blocks_of_text(broken))
    assert records_as_tables(doc) is doc  # one record, a heading, one record: no table
    letter = SourceDocument(blocks_of_text("联系人：张三\n联系电话：123\n联系人：李四\n联系电话：456\n"))
    assert records_as_tables(letter) is letter  # labels naming no problem or measure


def test_a_header_in_traditional_characters_with_pinyin_glosses_names_its_fields() -> None:
    from anjian.ingest.parsers.columns import cell_field

    assert cell_field("問題隱患") == "problem"
    assert cell_field("整改時(shí)限") == "deadline"


RUN_ON_REPORT = (
    "【某中学消防安全自查报告】一、基本情况根据上级要求，我校于2024年5月开展了消防安全自查。现将有关情况报告如下："
    "二、存在问题1. 消防设施本次自查发现以下问题：(1)部分灭火器压力不足；(2)应急照明灯损坏；(3)疏散通道堆放杂物。"
    "2. 安全管理(1)消防安全责任人未明确；(2)未建立巡查记录。三、整改措施1. 立即整改，包括：(1)更换灭火器；"
    "(2)维修应急照明灯。2. 完善制度，包括：(1)明确消防安全责任人；(2)建立每日巡查记录。"
)


def test_a_page_run_into_one_line_keeps_its_bracketed_points_under_their_point() -> None:
    from anjian.ingest.parsers.layout import unflatten

    pieces = unflatten(RUN_ON_REPORT)
    assert "二、存在问题" in pieces[2] and pieces[3].startswith("1. 消防设施")  # `存在问题1. `: a glued point
    assert "(1)部分灭火器压力不足；" in pieces
    found = extract_text(RUN_ON_REPORT)
    got = [(i.seq, i.category, i.problem or i.measures) for i in found.items]
    assert ("1(2)", "消防设施本次自查发现以下问题", "应急照明灯损坏") in got
    assert ("2(1)", "安全管理", "消防安全责任人未明确") in got
    assert ("2(2)", "完善制度", "建立每日巡查记录。") in got
    assert not any(seq in ("1", "2") for seq, _, _ in got)  # the points heading them are categories


def test_bracketed_points_under_a_sentence_stay_part_of_it() -> None:
    text = (
        "关于做好安全生产工作的通知\n各乡镇：\n1.加强隐患排查，重点检查以下场所并建立台账。\n(1)人员密集场所；\n(2)危化品企业。\n"
        "2.落实值班制度，确保信息畅通。\n"
    )
    found = extract_text(text)
    assert [i.seq for i in found.items] == ["1", "2"]


def test_the_question_marks_a_page_left_for_full_width_spaces_do_not_hide_a_marker() -> None:
    from anjian.ingest.parsers.layout import parse_line

    line = parse_line("???(二)第二检查组;")
    assert (line.level, line.number, line.body) == (2, "二", "第二检查组;")


def test_an_owner_label_ends_where_a_paragraph_of_another_label_begins() -> None:
    text = (
        "关于开展节前安全检查的通知\n各单位：\n1.检查烟花爆竹零售点。\n责任单位：应急办、派出所\n\n检查范围：城区。\n"
        "2.检查建筑工地。\n责任单位：城建办、供电所\n\n检查范围：城郊。\n"
    )
    found = extract_text(text)
    assert [i.units for i in found.items] == [("应急办", "派出所"), ("城建办", "供电所")]


def test_a_list_of_faults_before_a_list_of_measures_gives_its_points_as_problems() -> None:
    text = (
        "学校消防安全自查报告\n经自查，情况如下：\n1、教学楼只有一个安全出口，且宽度不够。\n2、学生宿舍由旧办公楼改建，通道较窄。\n"
        "3、教学楼无疏散指示标志。\n下一步工作：\n1、加强宣传教育，增强师生消防意识。\n2、在教学楼增设疏散指示标志。\n"
    )
    found = extract_text(text)
    assert [(i.seq, bool(i.problem), bool(i.measures)) for i in found.items] == [
        ("1", True, False),
        ("2", True, False),  # no fault word, but a fact in a list of faults, not a task
        ("3", True, False),
        ("1", False, True),
        ("2", False, True),
    ]


def test_the_work_of_reporting_in_a_notice_title_is_not_a_report() -> None:
    from anjian.ingest.parsers.genre import title_genre

    assert title_genre("关于做好隐患排查信息统计通报工作的通知") is None
    assert title_genre("信息调度统计通报工作通知") is None
    assert title_genre("关于2024年隐患排查工作情况的通报") == "report"
    assert title_genre("安全生产工作通报") == "report"


FIGURES_LISTED = """各区应急管理局：
今年一季度，全市共开展执法检查1732家次，同比减少16.2%，发现违法行为492项次，同比增加17.4%，已完成整改483项次。
一、数据分析
1.任务来源。计划检查占92.2%，触发式检查占7.8%。
2.重点单位。年度报备重点单位2806家，同比增加3.2%。
3.重大事故隐患。查处重大事故隐患86项次，同比减少27.7%。
4.行政处罚。实施行政处罚120次，罚没款金额313.5万元。
"""


def test_numbered_points_in_figures_under_no_title_are_a_report() -> None:
    assert extract_text(FIGURES_LISTED).genre == "report"


def test_a_weekly_duty_has_no_schema_deadline_but_keeps_its_frequency() -> None:
    from anjian.ingest.extract import to_schema_json

    found = extract_text(
        "关于加强值班工作的通知\n各单位：\n1.每周报送一次值班情况。\n2.每月报送一次隐患排查情况。\n"
    )
    assert [i.deadline.frequency if i.deadline else None for i in found.items] == ["每周", "每月"]
    assert [i["deadline"] for i in to_schema_json(found)["items"]] == [None, "recurring:每月"]


def test_what_a_notice_asks_to_be_reported_takes_the_date_it_sets_for_reporting() -> None:
    text = (
        "关于报送安全生产情况的通知\n各单位：\n一、报送内容\n1.年度安全工作总结。\n2.事故统计报表。\n二、工作要求\n"
        "1.各单位要高度重视。\n2.请各单位于2024年1月15日前将上述材料报送县应急管理局。\n"
    )
    found = extract_text(text)
    reported = [i for i in found.items if i.category == "报送内容"]
    assert [i.deadline.schema_value() if i.deadline else None for i in reported] == [
        "2024-01-15",
        "2024-01-15",
    ]


def test_points_under_an_immediate_point_are_due_at_once() -> None:
    text = (
        "整改方案\n一、整改措施\n1. 立即对排查出的隐患进行整改，包括：\n(1)更换灭火器；\n(2)清理疏散通道。\n"
    )
    found = extract_text(text)
    assert [(i.seq, i.deadline.kind if i.deadline else None) for i in found.items] == [
        ("1(1)", "immediate"),
        ("1(2)", "immediate"),
    ]


GLUED_NUMBERED = [
    "某文库",
    "1、班组安全考核表被考核班组:考核日期:序号类别考核内容考核情况1安全目标20分1.1是否发生轻伤以上事故101.2是否发生火灾事故"
    "52安全管理15分2.1班前会记录齐全",
    "2、52.2隐患整改及时5",
]


def test_a_glued_table_whose_sections_are_numbered_like_their_rows() -> None:
    from anjian.ingest.parsers.glued import glued_scheme

    scores, totals, _ = glued_scheme(GLUED_NUMBERED)
    assert totals == [("安全目标", 20), ("安全管理", 15)]
    assert [(s.seq, s.section, s.points) for s in scores] == [
        ("1.1", "安全目标", 10),
        ("1.2", "安全目标", 5),  # `…火灾事故52安全管理`: the row's points, then section 2's number
        ("2.1", "安全管理", 5),
        ("2.2", "安全管理", 5),
    ]


NARROW_RULES = """燃气企业考评细则
1.未明确主要负责人是安全生产第一责
任人，扣 3分。
2.主要负责人不了解《安全生产法》等
法律法规赋予的对本单位安全生产
工作职责，扣 1分。
3.未落实安全生产基础工作，扣 2分。
"""


def test_rules_a_narrow_column_wrapped_are_joined_back() -> None:
    found = extract_text(NARROW_RULES)
    assert [(s.seq, s.points, s.kind) for s in found.scores] == [
        ("1", 3, "deduction"),
        ("2", 1, "deduction"),
        ("3", 2, "deduction"),
    ]
    assert "工作职责" in found.scores[1].text


def test_counts_of_times_per_item_keep_their_measure_word() -> None:
    from anjian.ingest.parsers.report import stats_of

    got = [(s.what, s.value, s.unit) for s in stats_of(["全区共发现违法行为492项次，已完成整改483项次。"])]
    assert got == [("发现违法行为", 492, "项次"), ("已完成整改", 483, "项次")]


def test_a_header_is_named_by_its_last_word() -> None:
    from anjian.ingest.parsers.columns import cell_field

    assert cell_field("单位主要隐患") == "problem"
    assert cell_field("检查发现问题") == "problem"
    assert cell_field("隐患整改责任单位") == "units"


SITE_PAIRS = """曝光！这4家场所存在消防安全隐患
记者获悉，市消防救援支队开展了隐患排查行动。
都存在哪些问题？
城东幼儿园
灭火器过期未检修、东侧教学楼缺少1部疏散楼梯。
县妇幼保健院门诊楼
未经消防验收擅自投入使用、室内消火栓内无水。
迎宾农贸市场
部分商户占用疏散通道、电气线路敷设不符合规定。
易城大厨坊
3楼违规设置员工宿舍。
时刻保持防火意识！
"""


def test_an_exposure_printed_as_a_sites_name_over_its_faults_lists_each_pair() -> None:
    found = extract_text(SITE_PAIRS)
    assert found.genre == "rectification"
    assert [(i.category, i.problem) for i in found.items][:2] == [
        ("城东幼儿园", "灭火器过期未检修、东侧教学楼缺少1部疏散楼梯。"),
        ("县妇幼保健院门诊楼", "未经消防验收擅自投入使用、室内消火栓内无水。"),
    ]
    assert len(found.items) == 4


STACKED_TWO_VALUES = """水利工作考核评分细则
序号
项目
分值
考核标准
单项分值
得分
1
防汛工作
8
1.按要求建立防汛工作体系。
未建立的扣1分。
4
2.按要求报送责任人信息。
未报送的扣1分。
4
2
饮水工作
10
1.供水站水费收缴全覆盖。
未覆盖的扣2分。
10
"""


def test_a_stacked_table_with_a_merged_section_value_over_per_row_values() -> None:
    table = next(b for b in blocks_of_text(STACKED_TWO_VALUES) if isinstance(b, Table))
    assert table.rows[1][:3] == ("1", "防汛工作", "8") and table.rows[1][4] == "4"
    assert table.rows[2][:3] == ("", "", "") and table.rows[2][3].startswith("2.按要求报送")
    found = extract_text(STACKED_TWO_VALUES)
    assert dict(found.section_totals) == {"防汛工作": 8, "饮水工作": 10}
    assert [(s.section, s.points) for s in found.scores] == [
        ("防汛工作", 4),
        ("防汛工作", 4),
        ("饮水工作", 10),
    ]


def test_a_flattened_section_name_starts_at_its_marker() -> None:
    from anjian.ingest.parsers.flat import _Sections

    totals: list[tuple[str, float]] = []
    sections = _Sections(1, totals)
    sections.heading("查阅文件二、规章制度", 40)
    sections.heading("一、组织机构", 20)
    sections.heading("安全检查、隐患治理", 10)
    assert totals == [("规章制度", 40), ("组织机构", 20), ("安全检查、隐患治理", 10)]
