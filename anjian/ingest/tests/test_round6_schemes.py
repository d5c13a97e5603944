"""General cues of scored schemes found on unseen documents (issue 18, round 6): invented texts."""

from __future__ import annotations

from anjian.ingest.extract import extract_text, to_schema_json
from anjian.ingest.parsers.assessment import table_scheme


def test_a_form_line_over_a_two_column_item_header_leaves_the_header_alone() -> None:
    # given a scoring form whose header row follows a `被考核单位:` fill-in line, and whose 考核项目 spans two
    # columns (area | item) with 应得分 for points and numbered deduction rules in 评分细则
    rows = (
        ("被考核单位:", "", "", "考核日期:"),
        ("序号", "考核项目", "", "考核内容", "应得分", "评分细则", "实得分"),
        (
            "1",
            "消防管理",
            "防火巡查",
            "每日开展防火巡查",
            "5",
            "1、未巡查的扣 2 分;2、记录不全的每处扣 0。5 分.",
            "",
        ),
        ("2", "", "设施维护", "消防设施完好有效", "8", "1、设施损坏未修复的扣 3 分.", ""),
    )
    scheme = table_scheme(rows)
    # then each row's item totals its 应得分, and its rules are deductions (`0。5` read as 0.5)
    assert scheme.totals == (("防火巡查", 5), ("设施维护", 8))
    got = [(s.seq, s.points, s.kind) for s in scheme.scores]
    assert got == [("1", 2, "deduction"), ("2", 0.5, "deduction"), ("1", 3, "deduction")]


def test_a_heading_total_inside_a_flattened_line_is_a_total() -> None:
    text = (
        "某县消防工作考核评分细则\n"
        "1、某县2020年消防工作考核评分细则(总分100)考核项目分值评分标准扣分理由第一项落实消防责任12分"
        "镇年初未召开消防工作会议的扣2分,未签订责任书的扣3分;第二项火灾隐患整治8分未开展整治的扣4分\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["genre"] == "assessment"
    assert result["section_totals"] == {"落实消防责任": 12, "火灾隐患整治": 8}
    got = [(s["seq"], s["section"], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [("第一项", "落实消防责任", 2, "deduction"), ("第二项", "火灾隐患整治", 4, "deduction")]


def test_a_bracketed_total_after_a_pages_header_words_is_a_total() -> None:
    text = (
        "某市安全生产考核评分细则\n"
        "1、-3-某市安全生产考核评分细则(一)安全生产责任落实(40分)考核项目标准分考核内容评分方法"
        "1.建立责任制度。查文件资料。未建立的扣2分。2.签订责任书(3分)。未签订的扣3分。\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["section_totals"] == {"安全生产责任落实": 40}
    assert all(s["points"] != 40 for s in result["scores"])  # the page number's line is not a 40-point item


def test_a_heading_followed_by_its_points_then_its_first_criterion_is_a_total() -> None:
    text = (
        "某企业安全生产达标考评指标\n"
        "考评内容 考评要点 分值 具备材料 考评情况 一、安全投入20分 1.安全费用提取 ①按规定足额提取安全费用; 6★★ "
        "1.查是否按规定的比例足额提取安全生产费用并专款专用;未提取的扣6分;\n"
        "二、教育培训15分 1.培训计划 ①制定年度培训计划; 5★ 未制定的扣5分;\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["section_totals"] == {"安全投入": 20, "教育培训": 15}
    got = [(s["seq"], s["section"], s["points"], s["kind"]) for s in result["scores"]]
    # the starred value is the criterion's points, not the deduction its rule names
    assert got == [("1", "安全投入", 6, "item"), ("1", "教育培训", 5, "item")]


def test_a_bracketed_heading_over_numbered_headings_is_the_outer_section() -> None:
    text = (
        "附件1:\n"
        "某市年度安全生产考核细则\n"
        "(一)事故控制指标完成情况 (30分)\n"
        "一、事故死亡控制指标\n"
        "30分 各类事故死亡人数控制在下达的年度指标以内。\n"
        "一、工矿商贸企业事故死亡人数控制在指标以内。\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["genre"] == "assessment"
    assert result["section_totals"] == {"事故控制指标完成情况": 30}
    got = [(s["seq"], s["section"], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [("一", "事故控制指标完成情况", 30, "item")]


def test_a_genre_word_qualifying_a_noun_names_no_document() -> None:
    from anjian.ingest.parsers.genre import title_genre

    # `报告奖励机制`, `通报批评`: the word describes what the notice is about, not what the document is
    assert title_genre("关于转发《关于建立事故隐患报告奖励机制的通知》的通知") is None
    assert title_genre("关于某区火灾隐患排查情况的通报") == "report"
    assert title_genre("某局安全生产工作总结") == "report"


def test_a_notice_asking_for_rectification_work_is_a_reminder() -> None:
    from anjian.ingest.parsers.genre import title_genre

    assert title_genre("关于切实抓好督查发现问题整改工作的通知") == "reminder"
    assert title_genre("关于印发某县督查发现问题整改方案的通知") == "rectification"


def test_a_repost_with_pinyin_glosses_naming_a_notice_in_its_lead_keeps_the_notices_genre() -> None:
    text = (
        "日前,某省人民政府辦(bàn)公(gōng)廳下發《關于對某某化工有(yǒu)限公(gōng)司等5家重大火災隐患單位進行"
        "挂牌督辦(bàn)的通知》,要求各地落實屬地責任。\n"
        "《通知》要求各市人民(mín)政府要高度重視,督促落實整改措施。\n"
    )
    assert to_schema_json(extract_text(text))["genre"] == "reminder"


def test_news_that_an_inspection_found_many_problems_at_named_sites_is_a_problem_list() -> None:
    text = (
        "某市消防部门自3月1日起至4月末,在全市开展人员密集场所消防安全集中整治排查工作。在近日的检查过程中,"
        "消防部门发现在甲区、乙区的三家单位存在诸多问题,现予以曝光。\n"
        "某某酒店:疏散通道堵塞,消防设施损坏。\n"
    )
    assert to_schema_json(extract_text(text))["genre"] == "rectification"


def test_a_title_line_after_a_previous_tables_notes_names_the_genre() -> None:
    text = (
        "说明:1.每一项扣完分数即止,不计负分。\n"
        "2.发生重大事故的,考评结果直接判定为不达标。\n"
        "附表3\n"
        "各乡镇安全生产责任人考评量化标准\n"
        "序号 考评内容 分值\n"
    )
    assert to_schema_json(extract_text(text))["genre"] == "assessment"


def test_a_row_glued_to_its_number_under_a_deduction_header_totals_and_deducts() -> None:
    text = (
        "某矿安全管理考核细则\n"
        "某矿安全管理考核细则 序号项 目分值检查标准及评分办法扣分原因实得分一隐患排查治理20分1、未建立隐患排查制度"
        "并按月组织开展隐患排查的扣5分; "
        "2、隐患未按期整改,\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["section_totals"] == {"隐患排查治理": 20}
    got = [(s["seq"], s["section"], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [("1", "隐患排查治理", 5, "deduction"), ("2", "隐患排查治理", None, "deduction")]


def test_a_page_stored_from_its_first_point_that_counts_the_work_done_so_far_is_a_report() -> None:
    # given no title: the page starts at its first 一是 point (which mentions 整改) and closes with figures
    text = (
        "一是压实责任抓部署,镇安办制定方案明确检查要求,对辖区企业开展督导检查。二是强化隐患整改抓推进,"
        "对发现的问题及时交办,督促问题整改,闭环管理。\n"
        "截至目前,共检查企业312家,发现隐患问题208处,下达督导通报6期。\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["genre"] == "report"
    assert [s["value"] for s in result["stats"]] == [312, 208, 6]


def test_news_of_a_meeting_that_lays_down_numbered_requirements_is_a_reminder() -> None:
    text = (
        "发布日期: 2021-04-02 来源 某镇\n"
        "某镇召开五一节前安全生产工作部署会\n"
        "4月1日,某镇召开五一节前安全生产工作部署会。全体机关干部共计40人参会。\n"
        "会议要求,一要加大隐患排查力度,各村要对辖区企业开展全面检查;二要加大值守力度,坚持24小时值班制。\n"
    )
    assert to_schema_json(extract_text(text))["genre"] == "reminder"


def test_an_untitled_plan_named_by_its_opening_sentence_takes_that_plans_genre() -> None:
    from anjian.ingest.parsers.genre import title_genre

    # a 整治 campaign's plan is a rectification plan; a plan of other work divides tasks (a reminder)
    assert title_genre("燃气行业安全整治提升专项行动工作方案") == "rectification"
    text = (
        "为有效防范化解燃气领域重大安全风险,切实保障人民群众生命财产安全,市安委会决定在全市开展燃气行业安全整治提升"
        "专项行动,现制定工作方案如下。\n"
        "一、总体目标\n"
        "全面排查整治燃气安全隐患。\n"
    )
    assert to_schema_json(extract_text(text))["genre"] == "rectification"
    opening = "为提升基层应急能力,区应急局决定在全区开展应急管理能力提升行动,现制定实施方案如下。\n一、总体目标\n全面提升。\n"
    assert to_schema_json(extract_text(opening))["genre"] == "reminder"


def test_a_scheme_written_in_articles_scores_the_articles_that_price_add_or_deduct() -> None:
    text = (
        "相关标准\n"
        "第三章 考核评分第九条,考核采用百分制,考核得分90分以上为优秀,60分以下为不合格。第十条.市政府部署的专项工作"
        "实行单独赋分,每项工作分值为4分。第十一条、受到省政府表彰的,对被考核单位加2分,受到市政府表彰的加1分。"
        "第十二条 发生较大事故的,每发生一次对被考核单位扣5分。第十三条 受到通报批评的,每通报一次对\n"
    )
    result = to_schema_json(extract_text(text))
    got = [(s["seq"], s["section"], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [
        ("第十条", "考核评分", 4, "item"),
        ("第十一条", "考核评分", 2, "bonus"),
        ("第十二条", "考核评分", 5, "deduction"),
        ("第十三条", "考核评分", None, "deduction"),
    ]
    assert result["genre"] == "assessment"


def test_articles_that_score_nothing_are_no_scheme() -> None:
    text = (
        "第一条 为加强安全生产工作,制定本办法。\n第二条 本办法适用于全县各乡镇。\n第三条 考核满分为100分。\n"
    )
    assert to_schema_json(extract_text(text))["scores"] == []


def test_an_untitled_page_of_a_plan_about_zhengzhi_is_a_rectification_plan() -> None:
    text = (
        "(二)组织实施,全面推进(2021年3月1日至9月30日)\n"
        "主要做好以下几方面工作:一是针对此次整治任务,组织人员对辖区场所开展调研;二是整治办公室组织召开推进会,"
        "部署整治工作。\n"
        "(三)总结验收(2021年10月)\n"
    )
    assert to_schema_json(extract_text(text))["genre"] == "rectification"


def test_a_scoring_forms_signature_line_is_not_an_item() -> None:
    rows = (
        ("序号", "考核内容", "扣分标准", "应得分数", "实得分数"),
        ("1", "目标管理", "未制定目标计划的扣10分。", "10", ""),
        ("2", "安全教育", "未开展教育的扣15分。", "15", ""),
        ("", "被考核人:", "考核人:", "", ""),
    )
    got = [(s.seq, s.text, s.points) for s in table_scheme(rows).scores]
    # Each item is read with the rule beside it (round 20); the signature line is none.
    assert got == [("1", "目标管理 未制定目标计划的扣10分。", 10), ("2", "安全教育 未开展教育的扣15分。", 15)]


def test_an_article_stating_a_frequency_is_no_penalty() -> None:
    text = (
        "第五条 每季度召开一次安全生产例会。\n第六条 受到省政府表彰的加2分。\n第七条 发生较大事故的扣5分。\n"
    )
    got = [(s["seq"], s["points"], s["kind"]) for s in to_schema_json(extract_text(text))["scores"]]
    assert got == [("第六条", 2, "bonus"), ("第七条", 5, "deduction")]


def test_articles_and_genre_cues_read_traditional_reposts_alike() -> None:
    from anjian.ingest.parsers.genre import title_genre

    text = (
        "某縣安全生產考核辦法\n"
        "第十條 專項工作實行單獨賦分,每項工作分值為4分。第十一條 受到省政府表彰的加2分。"
        "第十二條 受到通報批評的,每通報一次對\n"
    )
    got = [(s["seq"], s["points"], s["kind"]) for s in to_schema_json(extract_text(text))["scores"]]
    assert got == [("第十條", 4, "item"), ("第十一條", 2, "bonus"), ("第十二條", None, "deduction")]
    assert title_genre("關于轉發《關于建立事故隱患報告獎勵機制的通知》的通知") is None
    meeting = "某鎮召開安全生產工作部署會\n會議要求,一要加大排查力度;二要加強值守。\n"
    assert to_schema_json(extract_text(meeting))["genre"] == "reminder"
