"""Round 11 (split.py), tuned on unseen5 (9NN) once scored: untitled notices sent down, records whose fields the
line joiner ran together, and the other mechanisms of the round; invented documents only."""

from __future__ import annotations

from anjian.ingest.extract import extract_text

UNTITLED_NOTICE = """开发区管委会，各镇人民政府，市各办局：
根据上级通知精神，清明节放假安排如下：4月2日至4月4日放假调休，共3天。
放假期间，各级各部门要认真做好节日值守应急、安全保卫等各项工作。另请各单位于4月1日前将值班表报市政府办公室。
特此通知。
2012年3月26日
"""


def test_an_untitled_notice_to_the_units_below_is_a_reminder() -> None:
    assert extract_text(UNTITLED_NOTICE).genre == "reminder"


def test_a_report_to_one_superior_is_not_taken_for_a_notice() -> None:
    text = "县教育局：\n我校按照要求开展了安全自查，现将情况报告如下。\n全校共有学生1200人，教职工80人，配备灭火器60具。\n"
    assert extract_text(text).genre != "reminder"


EXPOSURE_RECORDS = """某市消防曝光本周火灾隐患，这些单位要整改！
为进一步促进火灾隐患整改，市消防救援支队曝光本周的火灾隐患，具体如下。
火灾隐患曝光1
隐患单位：滨海商业中心二栋
隐患地点：某市某区滨河大道9283号
存在隐患：22层避难层堆放杂物
火灾隐患曝光2
隐患单位：龙胜电子有限公司
隐患地点：某市某区某街道陂头肚西路29号五楼南边
存在隐患：生产车间内设置办公区，安全出口设置不足
"""


def test_record_fields_on_lines_of_their_own_are_not_run_together() -> None:
    found = extract_text(EXPOSURE_RECORDS)
    assert found.genre == "rectification"
    assert [(i.seq, i.category, i.problem) for i in found.items] == [
        ("1", "滨海商业中心二栋", "22层避难层堆放杂物"),
        ("2", "龙胜电子有限公司", "生产车间内设置办公区，安全出口设置不足"),
    ]


def test_an_acceptance_table_scores_its_pointed_items_and_the_rules_beside_them() -> None:
    from anjian.ingest.parsers.criteria import criteria_scheme

    rows = (
        ("工作内容", "工作标准", "验收标准", "扣分情况"),
        (
            "消防管理(14分)",
            "1.责任主体明确(4分)",
            "(1)未明确消防工作组织的，扣2分。\n(2)未确定专兼职管理人的，扣2分。",
            "",
        ),
        ("", "2.管理制度健全(10分)", "(3)防火公约未制定的，扣2分。", ""),
    )
    scores, totals = criteria_scheme(rows)
    assert totals == [("消防管理", 14)]
    assert [(s.seq, s.points, s.kind) for s in scores] == [
        ("1", 4, "item"),
        ("(1)", 2, "deduction"),
        ("(2)", 2, "deduction"),
        ("2", 10, "item"),
        ("(3)", 2, "deduction"),
    ]


def test_traditional_characters_are_read_through_opencc_character_table() -> None:
    from anjian.ingest.parsers.hanzi import simplified

    assert simplified("一級指標(biāo) 滿分分值 評定內(nèi)容") == "一级指标 满分分值 评定内容"
    assert simplified("縣鎮區鄉安全檢查情況匯報") == "县镇区乡安全检查情况汇报"


def test_a_table_in_traditional_characters_finds_its_criteria_column() -> None:
    from anjian.ingest.parsers.assessment import table_scheme

    rows = (
        ("一級指標", "二級指標", "評定內容", "滿分分值", "考核分數"),
        ("1.組織管理(10分)", "1.1領導機構", "設立社區綜合減災工作領導機構。", "2", ""),
        ("", "1.2工作制度", "制定社區綜合減災規章制度。", "1", ""),
    )
    found = table_scheme(rows)
    assert [(s.text, s.points) for s in found.scores] == [
        ("設立社區綜合減災工作領導機構。", 2),
        ("制定社區綜合減災規章制度。", 1),
    ]


INSPECTION_ACCOUNT = """乡教育办公室春季开学安全检查情况汇报
3月5日至3月6日，我乡教育办公室对各小学进行了安全工作检查。
一、存在的安全隐患
1、城东小学旧围墙已开裂，存在倒塌隐患。
2、城西幼儿园无围墙，防盗工作存在隐患。
3、温水小学旧瓦房年久失修，存在安全隐患。
"""


def test_an_inspection_account_listing_faults_is_a_rectification_list() -> None:
    assert extract_text(INSPECTION_ACCOUNT).genre == "rectification"


GLUED_NESTED = [
    "1、网格化考核评分细则(100分)工作内容评分细则检查方法扣分情况得分一、工作保障(20分)(一)办公室(10分)1、未设置办公室的扣2分;"
    "实地检查2、未指定专人的,扣3分;(二)组织部署(10分)1、未制定实施方案的扣2分;查阅资料-3-2、未明确网格责任人的扣2分。",
    "2、二、工作运行(50分)(一)系统运行(20分)1、不熟悉系统操作的,扣3分;2、未每日登陆系统的,扣3分;",
]


def test_a_glued_table_with_sections_over_subsections() -> None:
    from anjian.ingest.parsers.glued import glued_scheme

    scores, totals, _ = glued_scheme(GLUED_NESTED)
    assert totals == [("工作保障", 20), ("办公室", 10), ("组织部署", 10), ("工作运行", 50), ("系统运行", 20)]
    assert [(s.seq, s.section, s.points) for s in scores] == [
        ("一、(一)1", "工作保障", 2),
        ("一、(一)2", "工作保障", 3),
        ("一、(二)1", "工作保障", 2),
        ("一、(二)2", "工作保障", 2),  # `查阅资料-3-2、`: the preview's page number dropped
        ("二、(一)1", "工作运行", 3),
        ("二、(一)2", "工作运行", 3),
    ]


def test_a_records_numbered_title_with_dashes_numbers_it_and_is_not_joined_to_the_problem_above() -> None:
    text = EXPOSURE_RECORDS.replace("火灾隐患曝光1", "火灾隐患曝光1——").replace(
        "火灾隐患曝光2", "火灾隐患曝光2——"
    )
    text = text.replace("存在隐患：22层避难层堆放杂物", "存在隐患：22层避难层堆放杂物，消防软管卷盘枪头缺失")
    found = extract_text(text)
    assert [(i.seq, i.problem) for i in found.items] == [
        ("1", "22层避难层堆放杂物，消防软管卷盘枪头缺失"),
        ("2", "生产车间内设置办公区，安全出口设置不足"),
    ]


def test_overlapping_title_keywords_are_all_seen() -> None:
    from anjian.ingest.parsers.genre import title_genre

    assert (
        title_genre("养老机构消防审验问题整改工作方案") == "rectification"
    )  # `问题整改` inside `…整改工作方案`
    assert title_genre("安全生产大检查工作方案") == "reminder"


PROBLEMS_THEN_MEASURES = """消防安全报告
一、基本情况
我单位高度重视消防安全工作。
二、存在问题
1. 消防设施不完善：部分建筑消防设施老旧，维护不及时。
2. 消防安全管理制度不健全：缺乏有效的监督检查。
三、改进措施及建议
1. 加强消防设施建设：确保消防设施完好有效。
2. 完善消防安全管理制度：加强监督检查。
"""


def test_a_report_listing_problems_and_their_measures_is_a_rectification_list() -> None:
    found = extract_text(PROBLEMS_THEN_MEASURES)
    assert found.genre == "rectification"
    assert [(i.seq, bool(i.problem)) for i in found.items] == [
        ("二、1", True),
        ("二、2", True),
        ("三、1", False),
        ("三、2", False),
    ]
    summary = PROBLEMS_THEN_MEASURES.replace("消防安全报告", "2023年消防安全工作总结")
    assert (
        extract_text(summary).genre == "report"
    )  # a year's summary with its problems and next steps stays one


def test_the_date_set_for_all_listed_work_is_each_items_deadline_even_after_an_immediate_start() -> None:
    text = (
        "关于开展实验室消防安全检查治理的通知\n各学院：\n一、立即清理实验室内堆放的杂物。\n二、检查灭火器是否在有效期内。\n"
        "以上治理工作务必在2021年6月30日前完成，并将结果及时上报。\n"
    )
    found = extract_text(text)
    assert [i.deadline.schema_value() if i.deadline else None for i in found.items] == [
        "2021-06-30",
        "2021-06-30",
    ]


def test_a_salutation_running_into_its_text_still_addresses_the_units_below() -> None:
    text = "各县(区)安委会，市安委会成员单位，各企业：清明节将至。为做好节日期间安全生产工作，请认真落实值班制度。\n特此通知。\n"
    assert extract_text(text).genre == "reminder"


def test_an_inspections_findings_passed_on_to_be_fixed_are_a_rectification_list() -> None:
    text = (
        "根据学校统一安排，总务部开展了安全检查工作。现将检查情况予以通报，请各单位认真整改。\n一、检查组建议\n"
        "1、建议建立食堂天然气管道检查制度；\n2、建议食堂操作间统一配备灭火毯。\n"
    )
    assert extract_text(text).genre == "rectification"


def test_a_records_problems_may_go_on_counting_on_the_lines_below() -> None:
    text = (
        "火灾隐患单位曝光\n隐患单位名称：新宇网吧\n地址：建材市场\n存在的火灾隐患：1、一楼正门疏散指示标志被窗帘遮挡；\n"
        "2、一楼安全出口放置杂物。\n隐患单位名称：东升小区\n地址：东光县\n存在的火灾隐患：部分楼栋室内消防栓被杂物遮挡。\n"
    )
    found = extract_text(text)
    assert [(i.seq, i.category, i.problem) for i in found.items] == [
        ("1", "新宇网吧", "一楼正门疏散指示标志被窗帘遮挡"),
        ("2", "新宇网吧", "一楼安全出口放置杂物。"),
        ("", "东升小区", "部分楼栋室内消防栓被杂物遮挡。"),
    ]
