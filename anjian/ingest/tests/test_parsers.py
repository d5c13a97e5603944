"""Genre parsers on small documents written out in full: one behaviour per test."""

from __future__ import annotations

from anjian.ingest.extract import extract_text, to_schema_json
from anjian.ingest.parsers import PARSERS

SCHEME = """关于印发安全生产工作考核细则的通知
一、落实领导责任情况（20分）
1. 党委常委会会议传达学习安全生产重要指示精神。（6分）
2. 建立安全生产职责清单和年度任务清单。
（4分）
二、事故防控（共10分）
3. 事故起数同比下降。（10分）
三、减分项
4. 发生较大事故的，每起扣5分；发生一般事故的，每起扣1分。
5. 被上级通报批评的，视情扣分。
四、加分项
6. 工作经验被省级推广的，加2分。
"""

REPORT = """全县安全生产工作情况通报
（2023年9月23日，李明）
今年以来，全县共检查生产经营单位1550家次，督促整改隐患2136处，其中重大事故隐患30处。
市级财政投入1.3亿元，分发宣传资料5万多份，开展执法检查30余次。连续四年未发生较大事故。
县政府第20次常务会议研究安全生产，在“四个一律”基础上，要求每季度至少检查1次，50%以上企业达标。
抄送：市应急局（3份）。
"""

REMINDER = """关于做好节日期间安全生产工作的提醒函
各乡镇人民政府：
（一）燃气安全
1. 开展餐饮场所燃气专项检查，2024年9月底前完成。
2. 每月组织一次燃气安全会商研判。
（二）消防安全
1. 清理消防通道堆放物品，重大隐患立行立改。
2. 请区应急局牵头组织消防演练。
"""

PROSE_PLAN = """督导检查发现问题整改方案
2023年3月1日
一、工作目标
（一）全面完成整改。
二、整改任务
（一）消防安全
1.消防通道堵塞。
整改措施：立即清理。
整改时限：立行立改
责任单位：区消防救援大队（牵头），各乡镇（配合）
2.应急预案未演练。整改措施：组织演练。整改时限：6月底前。责任单位：区应急局及其主要负责人。
三、工作要求
（一）提高认识。各单位要高度重视。
"""


def test_scheme_yields_totals_items_deductions_and_bonuses() -> None:
    result = to_schema_json(extract_text(SCHEME))
    assert result["genre"] == "assessment"
    assert result["section_totals"] == {"落实领导责任情况": 20, "事故防控": 10}
    assert [(s["seq"], s["points"], s["kind"]) for s in result["scores"]] == [
        ("1", 6, "item"),
        ("2", 4, "item"),
        ("3", 10, "item"),
        ("4", 5, "deduction"),
        ("5", None, "deduction"),
        ("6", 2, "bonus"),
    ]
    assert result["scores"][3]["section"] == "减分项"


def test_report_multiplies_out_wan_and_yi_and_skips_rules_ordinals_copies() -> None:
    result = to_schema_json(extract_text(REPORT))
    assert result["genre"] == "report"
    assert result["issued"] == "2023-09-23"
    found = {(s["value"], s["unit"]) for s in result["stats"]}
    assert found == {
        (1550, "家次"),
        (2136, "处"),
        (30, "处"),
        (130000000, "元"),
        (50000, "份"),
        (30, "次"),
        (4, "年"),
    }


def test_reminder_restarting_numbers_get_heading_prefix_and_deadlines() -> None:
    result = to_schema_json(extract_text(REMINDER))
    assert result["genre"] == "reminder"
    assert [i["seq"] for i in result["items"]] == ["(一)1", "(一)2", "(二)1", "(二)2"]
    assert [i["deadline"] for i in result["items"]] == ["2024-09-30", "recurring:每月", None, None]
    assert result["items"][3]["units"] == ["区应急局"]
    assert all(i["problem"] is None for i in result["items"])


def test_labelled_prose_items_split_fields_and_skip_principles() -> None:
    result = to_schema_json(extract_text(PROSE_PLAN))
    assert result["genre"] == "rectification"
    assert [i["seq"] for i in result["items"]] == ["1", "2"]
    first, second = result["items"]
    assert (first["problem"], first["measures"]) == ("消防通道堵塞。", "立即清理。")
    assert (first["deadline_raw"], first["deadline"]) == ("立行立改", "immediate")
    assert first["units"] == ["区消防救援大队", "各乡镇"]
    assert (second["deadline_raw"], second["deadline"]) == ("6月底前", "2023-06-30")
    assert second["units"] == ["区应急局"]


def test_inline_numbered_problems_become_items() -> None:
    text = (
        "督导发现的问题清单\n一、消防安全\n检查发现以下问题：1.消防通道堵塞；2.灭火器过期；3.疏散指示灯损坏。"
    )
    result = to_schema_json(extract_text(text))
    assert [(i["seq"], i["problem"]) for i in result["items"]] == [
        ("1", "消防通道堵塞"),
        ("2", "灭火器过期"),
        ("3", "疏散指示灯损坏。"),
    ]


def test_registry_names_every_genre_once() -> None:
    assert sorted(PARSERS) == ["assessment", "rectification", "reminder", "report"]
    assert all(name == parser.name for name, parser in PARSERS.items())


def test_schema_object_has_exactly_the_schema_keys() -> None:
    result = to_schema_json(extract_text(PROSE_PLAN))
    assert set(result) == {"genre", "issued", "items", "scores", "section_totals", "stats"}
    assert set(result["items"][0]) == {
        "seq",
        "category",
        "problem",
        "measures",
        "deadline_raw",
        "deadline",
        "units",
    }


LETTER = """关于切实做好国庆期间安全防范工作的提醒函
各乡镇人民政府：
国庆假期将至，现就有关事项提醒如下：
一、压紧压实安全责任。各乡镇要严格落实“三管三必须”。
二、深入开展隐患排查。2024年9月30日前完成一轮排查。（责任单位：区应急局、区住建局）
三、严格应急值守。实行24小时值班，请区应急局牵头做好值班值守工作。
请各单位于10月8日前报送工作开展情况。
区安全生产委员会办公室
2024年9月26日
"""


def test_reminder_requirements_written_as_paragraphs_are_items() -> None:
    result = to_schema_json(extract_text(LETTER))
    assert result["issued"] == "2024-09-26"
    assert [i["seq"] for i in result["items"]] == ["一", "二", "三"]
    assert [i["deadline"] for i in result["items"]] == [None, "2024-09-30", None]
    assert [i["units"] for i in result["items"]] == [[], ["区应急局", "区住建局"], ["区应急局"]]


def test_bracketed_labels_split_fields() -> None:
    text = "问题整改方案\n一、整改内容\n1.【问题】消防通道堵塞。【整改措施】立即清理。【整改时限】2023年6月底前【责任单位】区应急局\n"
    item = to_schema_json(extract_text(text))["items"][0]
    assert (item["problem"], item["measures"], item["deadline"], item["units"]) == (
        "消防通道堵塞。",
        "立即清理。",
        "2023-06-30",
        ["区应急局"],
    )


def test_deadline_stated_for_all_listed_items_applies_to_each() -> None:
    text = "督导发现问题整改方案\n一、存在问题\n1.消防通道堵塞。\n2.灭火器过期。\n以上问题须于2023年10月31日前整改到位。\n"
    result = to_schema_json(extract_text(text))
    assert [i["deadline"] for i in result["items"]] == ["2023-10-31", "2023-10-31"]
    assert result["items"][0]["problem"] == "消防通道堵塞。"


def test_scored_subheading_paragraphs_are_items_not_subtotals() -> None:
    text = (
        "考核评分细则\n一、责任落实（30分）\n（一）党委定期研究安全生产工作，每年不少于2次。（5分）\n"
        "（二）政府常务会议研究安全生产。（5分）\n二、减分项\n（一）发生较大事故的，每起扣5分。\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["section_totals"] == {"责任落实": 30}
    assert [(s["seq"], s["points"], s["kind"]) for s in result["scores"]] == [
        ("(一)", 5, "item"),
        ("(二)", 5, "item"),
        ("(一)", 5, "deduction"),
    ]


def test_table_category_rows_spanning_the_table_set_category() -> None:
    rows = (
        ("序号", "存在问题", "整改措施", "责任单位", "整改时限"),
        ("一、消防安全", "", "", "", ""),
        ("1", "消防通道堵塞", "清理通道", "区消防救援大队", "2023年10月31日"),
        ("二、燃气安全", "", "", "", ""),
        ("2", "未安装报警器", "督促安装", "区城管局牵头，区市场监管局配合", "2023年底前"),
    )
    from anjian.ingest.parsers.tables import table_items

    items = table_items(rows, 2023, "重点行业领域")
    assert [(i.seq, i.category, i.units) for i in items] == [
        ("1", "消防安全", ("区消防救援大队",)),
        ("2", "燃气安全", ("区城管局", "区市场监管局")),
    ]


def test_person_columns_are_not_units() -> None:
    rows = (("序号", "问题", "整改措施", "责任单位", "责任人"), ("1", "通道堵塞", "清理", "区应急局", "张三"))
    from anjian.ingest.parsers.tables import table_items

    assert table_items(rows, None)[0].units == ("区应急局",)


def test_numbered_measures_under_an_empty_label_stay_in_their_item() -> None:
    text = (
        "整改方案\n一、整改任务\n1.消防通道堵塞。\n整改措施：\n1.清理通道；\n2.建立巡查制度。\n"
        "整改时限：2023年6月底前\n2.灭火器过期。\n整改措施：更换。\n另行补充说明。\n3.应急预案未演练。\n"
    )
    items = to_schema_json(extract_text(text))["items"]
    assert [i["seq"] for i in items] == ["1", "2", "3"]
    assert items[0]["measures"] == "1.清理通道；\n\n2.建立巡查制度。"
    assert items[1]["measures"] == "更换。\n\n另行补充说明。"


def test_scoring_table_with_section_rows_yields_totals_and_rule_amounts() -> None:
    text = (
        "安全生产工作考核评分表\n序号\t考核内容\t分值\t评分标准\n一、安全责任（30分）\t\t\t\n"
        "1\t党委研究安全生产\t5\t未研究扣5分\n2\t建立责任清单\t10\t未建立不得分\n"
        "二、减分项\t\t\t\n3\t发生较大事故\t\t每起扣10分\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["genre"] == "assessment"
    assert result["section_totals"] == {"安全责任": 30}
    assert [(s["seq"], s["section"], s["points"], s["kind"]) for s in result["scores"]] == [
        ("1", "安全责任", 5, "item"),
        ("2", "安全责任", 10, "item"),
        ("3", "减分项", 10, "deduction"),
    ]


def test_scheme_printed_in_the_letter_keeps_the_tasks_before_it() -> None:
    text = (
        "安全生产工作提醒函\n（一）燃气安全\n1.开展燃气检查。\n2.更新老旧管网。\n"
        "2024年度考核要点\n一、责任落实（10分）\n1.党委研究安全生产。（5分）\n2.政府部署安全生产。（5分）\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["genre"] == "reminder"
    assert [i["measures"] for i in result["items"]] == ["开展燃气检查。", "更新老旧管网。"]
    assert [s["points"] for s in result["scores"]] == [5, 5]


CHROME_PAGE = """首页 > 政务公开 > 通知公告
当前位置：首页 > 通知公告
【字体：大 中 小】【我要打印】【关闭】
信息来源：区应急管理局  发布时间：2024-03-05  阅读次数：1234
索取号
3589258689/2024-00011
发布机构
区安全生产委员会办公室
关于开展城镇燃气安全排查整治的督办通知
X安委办〔2024〕5号
各镇人民政府：
现将有关事项通知如下：
一、全面排查瓶装液化气用户。（责任单位：区城管局）
二、整治违规存放气瓶。（责任单位：区市场监管局）
区安全生产委员会办公室
2024年3月5日
"""


def test_website_chrome_is_not_the_title_and_the_doc_number_is_found() -> None:
    extraction = extract_text(CHROME_PAGE)
    assert extraction.title == "关于开展城镇燃气安全排查整治的督办通知"  # the 文号 line is not the title
    assert extraction.doc_number == "X安委办〔2024〕5号"
    assert extraction.genre == "reminder"  # 督办通知 closes the title
    assert [i.units for i in extraction.items] == [("区城管局",), ("区市场监管局",)]


def test_a_markdown_title_line_and_a_flattened_page_give_their_titles() -> None:
    assert extract_text("# 关于做好玻璃幕墙安全排查整治工作的通知\n索取号\n123\n").title == (
        "关于做好玻璃幕墙安全排查整治工作的通知"
    )
    flat = (
        "编辑: 某某 2019-07-10\n附件 全县安全生产季度考核工作评分细则 考核要点 评分标准 分值 " + "得分" * 40
    )
    found = extract_text(flat)
    assert found.title.startswith("全县安全生产季度考核工作评分细则")
    assert found.genre == "assessment"


def test_genre_of_plans_follows_the_closing_document_word() -> None:
    from anjian.ingest.parsers.genre import title_genre

    assert title_genre("关于开展2025年玻璃幕墙安全排查整治工作的通知") == "rectification"
    assert title_genre("关于转发《燃气安全整治“百日行动”工作方案的通知》的通知") == "reminder"
    assert title_genre("关于印发《电动自行车充电场所消防设施实施方案》的通知") == "reminder"
    assert title_genre("关于进一步加强城市公共消防安全的工作意见") == "reminder"


PLAN_WITH_PARAGRAPHS = """关于做好2026年电动自行车充电场所消防改造的实施方案
一、工作目标
完成40个场所改造。
二、项目内容
原则上选取100平方米以上的场所改造。一要增设简易喷淋系统。二要加装火灾探测器。三要更换老旧电气线路。
三、落实工作职责，持续开展整治
各单位要按照方案要求，落实属地管理责任，持续开展隐患排查整治工作。
四、实施步骤
（一）第一季度：做好项目立项工作。
（二）第四季度：完成项目施工和自查验收工作。
区应急管理局
2026年1月5日
"""


def test_headings_with_paragraphs_word_lists_and_stages_are_items() -> None:
    items = to_schema_json(extract_text(PLAN_WITH_PARAGRAPHS))["items"]
    assert [(i["seq"], i["category"], i["deadline"]) for i in items] == [
        ("三", None, None),  # a heading and its own paragraph: one item
        ("四、(一)", "实施步骤", "2026-03-31"),  # (一) numbered within its section; 第一季度 of the year
        ("四、(二)", "实施步骤", "2026-12-31"),
        ("二、一要", "项目内容", None),  # 一要…二要… inside a paragraph
        ("二、二要", "项目内容", None),
        ("二、三要", "项目内容", None),
    ]
    assert (
        items[0]["measures"]
        == "落实工作职责，持续开展整治\n\n各单位要按照方案要求，落实属地管理责任，持续开展隐患排查整治工作。"
    )
    assert items[3]["measures"] == "增设简易喷淋系统。"


GROUPED_FINDINGS = """关于某区消防安全检查发现问题的通报
一、存在的问题
万达广场（责任单位：某区，市消防支队）
1.疏散通道被占用。
2.消防控制室值班人员未持证上岗。
城东化工有限公司（责任单位：市应急管理局）
1.储罐区可燃气体报警器未定期检定。
二、整改要求
以上问题务必于2024年9月20日前整改到位。
"""


def test_a_site_with_its_owners_in_brackets_groups_the_problems_under_it() -> None:
    items = to_schema_json(extract_text(GROUPED_FINDINGS))["items"]
    assert [(i["seq"], i["category"], i["problem"], i["units"], i["deadline"]) for i in items] == [
        ("1", "万达广场", "疏散通道被占用。", ["某区", "市消防支队"], "2024-09-20"),
        ("2", "万达广场", "消防控制室值班人员未持证上岗。", ["某区", "市消防支队"], "2024-09-20"),
        ("1", "城东化工有限公司", "储罐区可燃气体报警器未定期检定。", ["市应急管理局"], "2024-09-20"),
    ]


def test_scope_aim_and_attitude_headings_with_paragraphs_are_not_items() -> None:
    text = (
        "关于开展玻璃幕墙专项整治的通知\n一、提高政治站位，高度重视幕墙安全\n各区要充分认识幕墙安全工作的重要性，切实抓好落实。\n"
        "二、专项整治范围\n本市辖区内所有交付使用的超设计年限的玻璃幕墙建筑。\n"
        "三、整治目标\n到2024年底，形成完善的超设计年限玻璃幕墙管理体系。\n"
        "四、完善纳管信息，明确专人管理\n各区建设管理部门要完善玻璃幕墙纳管信息，明确专人负责。\n"
    )
    assert [i["seq"] for i in to_schema_json(extract_text(text))["items"]] == ["四"]


def test_an_outcome_after_a_count_is_stated_within_that_figure() -> None:
    from anjian.ingest.parsers.report import stats_of

    text = (
        "分行业来看，工矿商贸事故13起、死亡14人（工程建设领域事故10起、死亡11人）；道路运输事故2起、死亡4人。"
    )
    assert [(s.what, s.value, s.unit) for s in stats_of([text])] == [
        ("工矿商贸事故", 13, "起"),
        ("工矿商贸事故13起、死亡14人", 14, "人"),
        ("工程建设领域事故", 10, "起"),
        ("工程建设领域事故10起、死亡11人", 11, "人"),
        ("道路运输事故", 2, "起"),
        ("道路运输事故2起、死亡4人", 4, "人"),
    ]


# A scoring table copied from a web page: the cells run together, the header words say what they were.
FLAT_CRITERIA = (
    "关于印发2023年度街道消防工作考核评分标准的通知 现将评分标准印发给你们。"
    "考核项目 考核内容 评分标准 消防安全(30) 健全组织机构，明确工作职责(12分)。 "
    "1、成立消防安全委员会并定期召开会议(6分); 2、落实网格员巡查制度(6分); "
    "火灾防控(18分) 1.辖区发生较大火灾的，每起扣5分，扣完为止; 2.未按时上报隐患整改情况的，每少一次扣 "
    "宣传培训(20) 1、开展消防宣传进社区活动(10分); 2、组织全员培训演练(10分)。"
)
FLAT_VALUED = (
    "街道安全生产季度考核评分细则 考核要点 评分标准 分值 得分 "
    "隐患 排查 (10分) 建立隐患排查台账: 1、台账完整的得2分; 2、按月更新的得3分。 5 "
    "整改销号情况:按期整改销号的得5分. 5 发生一起瞒报隐患的,扣10分. 未建台账的,不得分."
)


def test_flattened_criteria_table_gives_scores_and_nested_totals() -> None:
    result = to_schema_json(extract_text(FLAT_CRITERIA))
    assert result["genre"] == "assessment"
    got = [(s["seq"], s["section"], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [
        ("1", "消防安全", 6, "item"),
        ("2", "消防安全", 6, "item"),
        ("1", "消防安全", 5, "deduction"),
        ("2", "消防安全", None, "deduction"),
        ("1", "宣传培训", 10, "item"),
        ("2", "宣传培训", 10, "item"),
    ]
    # 12 + 18 fit in 消防安全's 30: second-level totals; 宣传培训(20) no longer fits, a new section.
    assert result["section_totals"] == {
        "消防安全": 30,
        "健全组织机构，明确工作职责": 12,
        "火灾防控": 18,
        "宣传培训": 20,
    }


def test_flattened_table_with_points_column_ends_rows_at_their_value() -> None:
    result = to_schema_json(extract_text(FLAT_VALUED))
    got = [(s["section"], s["text_head"][:6], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [
        ("隐患排查", "建立隐患排查", 5, "item"),
        ("隐患排查", "整改销号情况", 5, "item"),
        ("隐患排查", "发生一起瞒报", 10, "deduction"),
    ]
    assert result["section_totals"] == {"隐患排查": 10}


def test_a_cited_doc_number_is_not_the_documents_own() -> None:
    cited = "关于转发消防工作意见的通知\n根据《关于深化消防执法改革的意见》（厅字〔2019〕34号）要求，现转发如下。\n"
    assert extract_text(cited).doc_number is None
    masthead = "某县安全生产委员会办公室文件某安委办〔2020〕60号关于印发考核细则的通知"
    assert extract_text(masthead).doc_number == "某安委办〔2020〕60号"


def test_a_news_report_headed_by_its_campaign_is_a_report() -> None:
    news = "东风街道开展消防安全大排查大整治\n2月12日，街道组织检查组对辖区30家企业开展检查，发现隐患12处，已整改10处。\n"
    found = extract_text(news)
    assert found.genre == "report"
    assert [s.value for s in found.stats] == [30, 12, 10]
    # With numbered problems the same title heads a problem list.
    listed = "东风街道开展消防安全大排查大整治\n一、检查发现的问题\n1. 部分企业消防通道堵塞。\n2. 灭火器过期。\n"
    assert extract_text(listed).genre == "rectification"


SUPERVISION_NOTICE = """首页 > 政务公开 > 通知公告
关于对万达广场等重大火灾隐患挂牌督办的通知
督办通知〔2017〕22号
发布时间：2017-09-01 信息来源：市安委办 阅读次数：123
【我要打印】【关闭】
各区人民政府，市消防支队：
9月以来，市安委办组织对人员密集场所开展检查，发现以下单位存在重大火灾隐患，现予挂牌督办。
万达广场（责任单位：某区，市消防支队）
1.部分防火卷帘不能正常降落。
2.消防控制室值班人员未持证上岗。
红星美凯龙（责任单位：某区政府）
1.疏散通道堆放杂物。
请各责任单位于9月20日前完成整改，并将整改情况书面报送市安委办。
市安全生产委员会办公室
2017年9月1日
"""


def test_a_supervision_notice_gives_grouped_problems_with_units_and_the_closing_deadline() -> None:
    found = extract_text(SUPERVISION_NOTICE)
    assert found.title.startswith("关于对万达广场等重大火灾隐患挂牌督办的通知")
    assert found.doc_number == "督办通知〔2017〕22号"
    got = [(i.seq, i.category, i.problem, i.measures, i.units) for i in found.items]
    assert got == [
        ("1", "万达广场", "部分防火卷帘不能正常降落。", None, ("某区", "市消防支队")),
        ("2", "万达广场", "消防控制室值班人员未持证上岗。", None, ("某区", "市消防支队")),
        ("1", "红星美凯龙", "疏散通道堆放杂物。", None, ("某区政府",)),
    ]
    assert {i.deadline.schema_value() if i.deadline else None for i in found.items} == {"2017-09-20"}


def test_a_closing_report_date_does_not_become_every_tasks_deadline() -> None:
    tasks = """关于做好汛期安全防范工作的通知
各镇街：
一、开展隐患排查。
二、落实值班值守制度。
请于9月20日前将工作开展情况报送区应急局。
区应急管理局
2024年6月1日
"""
    assert [i.deadline for i in extract_text(tasks).items] == [None, None]
    # The same closing request to finish rectifying governs a list of found problems.
    problems = tasks.replace("各镇街：", "检查发现以下问题：").replace("将工作开展情况报送", "完成整改并报送")
    assert {i.deadline.schema_value() if i.deadline else None for i in extract_text(problems).items} == {
        "2024-09-20"
    }


DIVISION_PLAN = """关于开展餐饮场所燃气报警装置安装工作的通知
各区燃气管理部门：
一、工作目标
年底前全面完成安装。
二、责任分工
（一）燃气经营企业
1.应对餐饮用户进行排查，形成待装用户清单。
2.应及时为餐饮用户配套安装联动切断阀。
（二）餐饮用户
餐饮用户是安装燃气报警装置的责任主体，应立即开展选用、安装、验收等工作，并符合如下要求：
1.新装燃气报警装置应符合国家标准。
2.应委托具有资质的单位进行安装。
三、工作要求
（一）加强组织领导。各区要高度重视。
附件：
待装用户清单
市住房城乡建设管理委
2022年9月13日
"""


def test_owner_headings_of_a_division_section_and_an_immediate_lead_in() -> None:
    found = extract_text(DIVISION_PLAN)
    assert found.issued == "2022-09-13"  # `附件：` with the names below it does not cut the signature off
    got = [(i.seq, i.units, i.deadline.schema_value() if i.deadline else None) for i in found.items]
    assert got == [
        ("二、(一)1", ("燃气经营企业",), None),
        ("二、(一)2", ("燃气经营企业",), None),
        ("二、(二)1", ("餐饮用户",), "immediate"),
        ("二、(二)2", ("餐饮用户",), "immediate"),
    ]


def test_a_closing_order_to_rectify_at_once_governs_the_listed_problems() -> None:
    text = (
        "区安委办开展节前安全检查\n"
        "检查组在某商场检查时发现以下问题：1.灭火器压力不足；2.疏散通道堆放纸箱；3.应急照明损坏。"
        "针对上述问题，检查组要求商场立即进行整改，并举一反三。\n"
    )
    found = extract_text(text)
    assert [(i.seq, i.deadline.schema_value() if i.deadline else None) for i in found.items] == [
        ("1", "immediate"),
        ("2", "immediate"),
        ("3", "immediate"),
    ]


def test_the_document_number_gives_the_year_of_a_page_cut_before_its_date() -> None:
    text = (
        "某县安全生产委员会办公室文件\n"
        "某安办〔2019〕7号\n"
        "关于开展仓储场所安全检查的通知\n"
        "各乡镇：\n"
        "一、检查内容\n"
        "1.仓库消防设施配备情况，各乡镇于8月15日前完成自查。\n"
        "2.电气线路敷设情况，9月底前完成。\n"
    )
    found = to_schema_json(extract_text(text))
    assert found["issued"] is None
    assert [i["deadline"] for i in found["items"]] == ["2019-08-15", "2019-09-30"]


def test_a_scoring_table_with_a_two_row_header_gives_subtotals_and_the_rules_deductions() -> None:
    from anjian.ingest.parsers.assessment import table_scheme

    rows = (
        ("考核要素", "", "标准分值", "考核要点", "评分标准", "得分"),
        ("一级要素", "二级要素", "", "", "", ""),
        ("隐患治理 (40分)", "排查制度 (15分)", "15分", "建立隐患排查治理制度并按月组织排查。", "1.未建立制度的，扣8分。 2.未按月排查的，扣7", ""),
    )
    scheme = table_scheme(rows)
    assert scheme.totals == (("隐患治理", 40), ("排查制度", 15))
    assert sorted((s.kind, s.points, s.section, s.text[:6]) for s in scheme.scores) == [
        ("deduction", 7, "隐患治理", "未按月排查的"),
        ("deduction", 8, "隐患治理", "未建立制度的"),
        ("item", 15, "隐患治理", "建立隐患排查"),
    ]


FLAT_SUBSECTION_ROWS = """某区年度应急管理工作考核评分标准
一、基础工作(15分) 考核项目 评分标准 分值
(一)应急预案管理 1.未修订总体应急预案的，扣2分. 2.每少组织1次预案演练扣1分，扣完3分为止. 5分
(二)值班值守 3.未落实24小时值班的，每发现1次扣0.5分. 4.信息报送迟报的，每起扣1分. 10分
"""


def test_a_flattened_row_naming_a_subsection_totals_it_and_scores_its_numbered_rules() -> None:
    result = to_schema_json(extract_text(FLAT_SUBSECTION_ROWS))
    assert result["genre"] == "assessment"
    assert result["section_totals"] == {"基础工作": 15, "应急预案管理": 5, "值班值守": 10}
    got = [(s["seq"], s["section"], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [
        ("1", "基础工作", 2, "deduction"),
        ("2", "基础工作", 1, "deduction"),
        ("3", "基础工作", 0.5, "deduction"),
        ("4", "基础工作", 1, "deduction"),
    ]


SUB_POINT_RULES = """某镇村级安全生产目标考核细则
一、道路交通安全(共30分，扣完为止)
1、交通事故
(1)、发生一般交通事故的，每起扣5分；
(2)、发生较大交通事故的，视情节扣分8—12分/起；
2、隐患治理
(1)、未按期整治道路隐患点的，每处扣2分；
(2)、隐患反弹的，按本项标准追加扣分。
"""


def test_sub_points_restarting_under_numbered_points_carry_both_numbers_and_ranges_deduct_their_first_amount() -> None:
    result = to_schema_json(extract_text(SUB_POINT_RULES))
    assert result["section_totals"] == {"道路交通安全": 30}
    got = [(s["seq"], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [
        ("1(1)", 5, "deduction"),
        ("1(2)", 8, "deduction"),
        ("2(1)", 2, "deduction"),
        ("2(2)", None, "deduction"),
    ]


def test_points_counted_in_words_one_paragraph_each_are_the_items_of_a_reminder() -> None:
    text = (
        "关于做好春节期间燃气安全工作的提醒函\n"
        "各街道办事处：\n"
        "春节将至，现就有关事项提醒如下：\n"
        "一是开展燃气专项检查。各街道要对辖区餐饮场所开展全面检查，1月20日前完成。\n"
        "二是落实值班值守。各单位要落实24小时值班制度。\n"
        "区应急管理局\n"
        "2025年1月10日\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["genre"] == "reminder"
    got = [(i["seq"], i["measures"][:8], i["deadline"]) for i in result["items"]]
    assert got == [("一是", "开展燃气专项检查", "2025-01-20"), ("二是", "落实值班值守。各", None)]
    # A lone `一是` paragraph, or a count that does not go on, is no list.
    lone = text.replace("二是落实", "此外落实")
    assert to_schema_json(extract_text(lone))["items"] == []


def test_a_notice_putting_hazards_under_supervision_is_a_reminder() -> None:
    text = (
        "关于对城西物流园重大火灾隐患挂牌督办的通知\n"
        "城西区人民政府：\n"
        "检查发现以下问题：\n"
        "一、城西物流园（责任单位：城西区政府）\n"
        "1.仓库违规住人；\n"
        "2.自动喷水灭火系统瘫痪。\n"
        "请于2024年8月31日前完成整改。\n"
        "2024年7月1日\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["genre"] == "reminder"
    assert [(i["seq"], i["units"], i["deadline"]) for i in result["items"]] == [
        ("1", ["城西区政府"], "2024-08-31"),
        ("2", ["城西区政府"], "2024-08-31"),
    ]


def test_the_title_leaves_out_the_masthead_and_the_number_line() -> None:
    text = (
        "当前位置：首页 > 通知公告\n"
        "某县安全生产委员会办公室\n"
        "关于开展汛期安全检查的\n"
        "通知\n"
        "某安办〔2024〕12号\n"
        "【我要打印】【关闭】\n"
        "各乡镇人民政府：\n"
        "一、检查内容\n"
    )
    found = extract_text(text)
    assert (found.title, found.doc_number) == ("关于开展汛期安全检查的通知", "某安办〔2024〕12号")
    # A number that is all the heading there is stays the title.
    bare = extract_text("督办通知〔2019〕3号\n【关闭】\n某某公司：\n经检查，你公司存在以下问题。\n")
    assert bare.title == "督办通知〔2019〕3号"


def test_a_scheme_printed_one_cell_per_line_keeps_its_section_heading() -> None:
    text = (
        "2023年度乡镇安全生产工作考核细则表格版本说明\n"
        "考核内容\n"
        "评分标准\n"
        "一、\n"
        "隐患治理\n"
        "(30分)\n"
        "1.建立隐患排查治理台账。(2分)\n"
        "2.重大隐患挂牌督办。(3分)\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["section_totals"] == {"隐患治理": 30}
    assert [(s["seq"], s["section"], s["points"]) for s in result["scores"]] == [
        ("1", "隐患治理", 2),
        ("2", "隐患治理", 3),
    ]


EARNED_POINTS = """某街道年度安全生产工作考评细则
一、责任体系（12分）
1.及时调整安委会组成人员的得2分；
2.每半年召开一次安委会会议，得4分，少一次扣2分；
3.完成年度考核的计6分，未完成的不得分。
二、加分项
4.获评市级示范街道的，加2分。
"""


def test_points_a_criterion_earns_in_its_sentence_make_it_a_scored_item() -> None:
    result = to_schema_json(extract_text(EARNED_POINTS))
    assert result["section_totals"] == {"责任体系": 12}
    got = [(s["seq"], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [("1", 2, "item"), ("2", 4, "item"), ("3", 6, "item"), ("4", 2, "bonus")]


def test_an_items_points_keep_their_rule_inside_the_brackets() -> None:
    text = "某镇考核细则\n一、隐患治理（30分）\n1.建立隐患台账。（10分）\n2.重大隐患整改率达到100%。（20分，每降低1个百分点扣1分）\n"
    got = [(s["seq"], s["points"], s["kind"]) for s in to_schema_json(extract_text(text))["scores"]]
    assert got == [("1", 10, "item"), ("2", 20, "item")]


def test_a_page_without_date_or_number_takes_the_year_it_was_published() -> None:
    text = (
        "某区开展燃气安全检查\n"
        "来源：区应急局 发布时间：2021-04-02 10:30\n"
        "检查组发现以下问题：1.软管老化；2.未安装报警器。要求商户于4月30日前完成整改。\n"
    )
    got = [i["deadline"] for i in to_schema_json(extract_text(text))["items"]]
    assert got == ["2021-04-30", "2021-04-30"]


def test_a_group_headings_owner_label_without_brackets_gives_the_units_not_the_category() -> None:
    text = (
        "关于汛期安全督查发现问题的通报\n"
        "一、存在的主要问题\n"
        "（一）某某矿业有限公司。责任单位：甲县应急管理局\n"
        "1.尾矿库排洪设施淤堵。\n"
        "2.应急物资储备不足。\n"
        "（二）某某水电站。责任单位：乙县水利局、乙县应急管理局\n"
        "1.泄洪预警广播损坏。\n"
    )
    got = [(i["seq"], i["category"], i["units"]) for i in to_schema_json(extract_text(text))["items"]]
    assert got == [
        ("(一)1", "某某矿业有限公司", ["甲县应急管理局"]),
        ("(一)2", "某某矿业有限公司", ["甲县应急管理局"]),
        ("(二)1", "某某水电站", ["乙县水利局", "乙县应急管理局"]),
    ]


def test_a_criteria_table_scores_the_column_under_a_merged_content_header_too() -> None:
    from anjian.ingest.parsers.criteria import criteria_scheme

    rows = (
        ("考核项目", "考核内容", "", "评分细则"),
        ("安全宣传（10分）", "宣传教育（6分）", "1、开展安全生产月活动。（3分）", "1、未开展的扣3分。"),
        ("", "", "2、组织应急演练。（3分）", "2、查阅演练记录。"),
    )
    scores, totals = criteria_scheme(rows)
    assert totals == [("安全宣传", 10), ("宣传教育", 6)]
    assert [(s.seq, s.points, s.kind) for s in scores] == [("1", 3, "item"), ("1", 3, "deduction"), ("2", 3, "item")]


def test_an_inline_list_ends_with_its_last_points_full_stop() -> None:
    text = (
        "某街道开展节前安全检查\n"
        "检查组发现以下问题：1.仓库内违规住人；2.电动车在楼道充电；3.消防水池无水。检查组当场下发整改通知书，"
        "并将持续跟踪。\n"
    )
    problems = [i["problem"] for i in to_schema_json(extract_text(text))["items"]]
    assert problems == ["仓库内违规住人", "电动车在楼道充电", "消防水池无水。"]


def test_a_principle_section_in_traditional_characters_has_no_items() -> None:
    text = (
        "某縣安全生產專項整治方案\n"
        "一、總體要求\n"
        "堅持安全第一、預防為主，全面落實企業主體責任，確保整治取得實效，不走過場。\n"
        "二、整治內容\n"
        "1.動火作業未辦理作業票。\n"
        "2.危險化學品倉庫超量儲存。\n"
    )
    got = [(i["seq"], i["category"]) for i in to_schema_json(extract_text(text))["items"]]
    assert got == [("1", "整治內容"), ("2", "整治內容")]


def test_a_bracket_of_several_labels_gives_the_units_and_deadline_of_a_task() -> None:
    text = (
        "关于做好秋冬季防火工作的提醒函\n"
        "各村（社区）：\n"
        "1.清理房前屋后可燃物（责任单位：各村民委员会；完成时限：11月15日前）。\n"
        "2.检查独居老人家中用电（责任单位：镇民政办）。\n"
        "镇安委办\n"
        "2022年10月20日\n"
    )
    got = [(i["measures"], i["deadline"], i["units"]) for i in to_schema_json(extract_text(text))["items"]]
    assert got == [
        ("清理房前屋后可燃物", "2022-11-15", ["各村民委员会"]),
        ("检查独居老人家中用电（责任单位：镇民政办）。", None, ["镇民政办"]),
    ]


ONE_CELL_PER_LINE = """某县应急管理工作考评表
序号
考评内容
分值
评 分 标 准
考评方式
1
健全应急预案体系
5分
未修订总体应急预案的扣5分。
查阅资料
2分
预案未备案的扣2分。
2
组织开展应急演练
未按计划组织演练的扣2分。
查看记录
每少一次演练扣1分。
"""


def test_a_table_printed_one_cell_per_line_with_values_before_rules() -> None:
    result = to_schema_json(extract_text(ONE_CELL_PER_LINE))
    assert result["genre"] == "assessment"
    got = [(s["seq"], s["points"], s["kind"], s["text_head"][:6]) for s in result["scores"]]
    assert got == [
        ("1", 5, "item", "未修订总体应"),
        ("1", 2, "item", "预案未备案的"),
        ("2", 2, "deduction", "未按计划组织"),
        ("2", 1, "deduction", "每少一次演练"),
    ]
