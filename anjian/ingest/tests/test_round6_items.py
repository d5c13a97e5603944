"""Round 6 of issue 18 (helper G2): how items are delimited in plans, notices and news, which field and which
deadline they take.

Every text here is invented; each test fails without the cue it names.
"""

from __future__ import annotations

from anjian.ingest.document import SourceDocument, Table
from anjian.ingest.extract import extract_document, extract_text, to_schema_json
from anjian.ingest.parsers.layout import unflatten
from anjian.ingest.parsers.prose import prose_items

STAGED_PLAN = [
    "（二）集中整治，全面推进（2025年4月1日至8月31日）",
    "重点做好以下几方面工作：一是组织排查组对辖区沿街商铺逐户检查，建立隐患台账。二是对占用疏散通道的问题当场督促清理。"
    "三是对无法当场整改的隐患下达整改通知书，跟踪复查。",
    "（三）检查验收，巩固提升（2025年9月1日至9月30日）",
    "一是街道整治办按照验收标准逐项核对，对未达标的单位",
]


def test_a_list_paragraph_under_a_staged_step_holds_its_points_and_the_step_period_governs() -> None:
    items = prose_items(STAGED_PLAN, 2025)
    got = [
        (i.seq, i.category, i.deadline.due.isoformat() if i.deadline and i.deadline.due else None)
        for i in items
    ]
    assert got[:3] == [
        ("(二)一是", "集中整治，全面推进（2025年4月1日至8月31日）", "2025-08-31"),
        ("(二)二是", "集中整治，全面推进（2025年4月1日至8月31日）", "2025-08-31"),
        ("(二)三是", "集中整治，全面推进（2025年4月1日至8月31日）", "2025-08-31"),
    ]
    assert items[0].measures == "组织排查组对辖区沿街商铺逐户检查，建立隐患台账。"


def test_a_lone_first_point_of_a_cut_off_page_is_a_point_when_the_document_counts_in_that_word() -> None:
    items = prose_items(STAGED_PLAN, 2025)
    assert [(i.seq, i.measures) for i in items[3:]] == [
        ("(三)一是", "街道整治办按照验收标准逐项核对，对未达标的单位")
    ]
    assert items[3].deadline is not None and items[3].deadline.raw == "2025年9月1日至9月30日"


def test_a_lone_first_point_without_a_list_elsewhere_is_no_item() -> None:
    assert (
        prose_items(["（一）检查验收", "一是街道整治办按照验收标准逐项核对，对未达标的单位限期整改。"], 2025)
        == []
    )


def test_a_news_report_lists_the_meetings_requirements_after_a_comma() -> None:
    text = (
        "5月6日，某镇召开汛前安全生产工作部署会。会议要求，一要压实防汛责任，各村要落实巡查人员；"
        "二要加强隐患排查，对山塘水库逐一检查；三要强化值班值守，确保信息畅通。"
    )
    items = prose_items([text], 2025)
    assert [(i.seq, i.measures) for i in items] == [
        ("一要", "压实防汛责任，各村要落实巡查人员；"),
        ("二要", "加强隐患排查，对山塘水库逐一检查；"),
        ("三要", "强化值班值守，确保信息畅通。"),
    ]
    stressed = "会议强调，一是要压实企业主体责任；二是要加强执法检查。"
    assert [i.seq for i in prose_items([stressed], 2025)] == ["一是", "二是"]


def test_a_closing_request_to_report_back_is_not_the_last_points_text_or_deadline() -> None:
    texts = [
        "三、落实值班制度",
        "各镇街要严格执行领导带班和二十四小时值班制度，遇有突发事件及时处置并逐级报告，确保信息畅通。",
        "各镇街要于5月20日前将检查情况书面报县安委办。",
    ]
    items = prose_items(texts, 2025)
    assert [(i.seq, i.deadline) for i in items] == [("三", None)]
    assert "5月20日" not in (items[0].measures or "")
    task = ["三、开展自查自纠", "各镇街要于5月20日前完成自查，并将自查报告报县安委办。"]
    assert [i.measures for i in prose_items(task, 2025)] == ["开展自查自纠\n\n" + task[1]]


def test_sections_arranging_an_inspection_are_not_its_items() -> None:
    texts = [
        "一、督查内容",
        "（一）各镇街开展隐患排查整治工作情况；",
        "（二）重点企业落实主体责任情况。",
        "二、督查方式",
        "听取汇报，查阅资料，现场抽查。",
        "三、督查组分工和时间安排",
        "（一）综合督查组",
        "由县政府分管领导带队，成员由县安委会成员单位负责人组成，于5月10日至20日开展督查。",
        "（二）专项督查组",
        "由各行业主管部门组织，对本行业领域开展专项督查。",
    ]
    items = prose_items(texts, 2025)
    assert [(i.seq, i.category) for i in items] == [("一、(一)", "督查内容"), ("一、(二)", "督查内容")]


def test_a_plans_aims_and_the_lead_paragraph_of_its_task_section_are_not_items() -> None:
    texts = [
        "一、整治目标及原则",
        "坚持问题导向、目标导向、结果导向，到2026年底前建立健全消防安全隐患排查整治长效机制，坚决遏制较大火灾事故发生。",
        "二、主要任务",
        "全面推动各级各部门和单位落实安全生产责任，深入开展隐患排查整治，切实提升本质安全水平，为经济社会发展创造良好环境。",
    ]
    assert prose_items(texts, 2025) == []


def test_a_replys_approval_is_not_a_task() -> None:
    texts = [
        "一、同意对某某商场重大火灾隐患实施挂牌督办。",
        "二、你局要督促该单位制定整改方案，落实整改资金，确保按期整改到位。",
        "三、县消防救援大队要加强指导和跟踪检查，整改完成后组织验收。",
    ]
    assert [i.seq for i in prose_items(texts, 2025)] == ["二", "三"]


def test_a_page_flattened_without_breaks_is_cut_at_glued_markers_in_sequence() -> None:
    text = (
        "为督促生产经营单位及时整改交办的问题和隐患,县安委会决定开展专项督查,现将有关事项通知如下:"
        "一、检查时间2025年5月至6月,由各组自行确定具体日期。"
        "二、检查人员分组安排检查人员分组具体见附件1三、检查内容(一)各镇街开展安全生产大检查工作情况。"
        "(二)各生产经营单位对交办问题隐患的整改情况。(三)当前安全生产重点工作的落实情况。(具体内容见附件2)"
        "四、工作要求各组要严格遵守纪律,如实记录检查情况。第三、四季度另行安排。"
    )
    pieces = unflatten(text)
    assert "三、检查内容" in pieces
    assert "(一)各镇街开展安全生产大检查工作情况。" in pieces
    assert pieces[-1].startswith("四、工作要求")  # `第三、` is no marker


def test_a_pointer_to_an_attachment_after_the_points_full_stop_is_left_out() -> None:
    found = to_schema_json(
        extract_text(
            "关于开展安全检查的通知\n各单位：\n一、检查内容\n（一）各单位隐患排查情况。\n"
            "（二）重点工作落实情况。（具体内容见附件2）\n某某县安委会办公室\n2025年5月1日\n"
        )
    )
    assert [i["measures"] for i in found["items"]] == ["各单位隐患排查情况。", "重点工作落实情况。"]


def test_a_date_that_opens_a_period_is_not_a_deadline() -> None:
    items = prose_items(
        [
            "二、开展全面自查。",
            "自即日起至5月15日，各单位要对照问题清单逐项开展自查自改，建立台账。",
            "三、加大执法力度。",
            "自5月16日起，要对自查自改情况开展专项执法检查，对整改不到位的依法从严处罚。",
        ],
        2025,
    )
    assert [(i.seq, i.deadline.raw if i.deadline else None) for i in items] == [
        ("二", "5月15日"),
        ("三", None),
    ]


def test_a_sections_paragraph_that_ensures_each_problem_is_fixed_is_still_its_text() -> None:
    texts = [
        "一、抓好问题整改。",
        "对检查组发现的问题隐患，要建立台账、跟踪督办，确保各项问题隐患尽快完成整改。",
        "二、开展全面自查。",
        "各单位要对照问题清单逐项开展自查自改，对自查发现的问题逐一建立台账。",
    ]
    items = prose_items(texts, 2025)
    assert [i.seq for i in items] == ["一", "二"]
    assert items[0].measures is not None and "建立台账、跟踪督办" in items[0].measures


def test_a_clause_naming_who_leads_makes_that_organisation_responsible() -> None:
    texts = [
        "一、认真部署。对某某宾馆重大火灾隐患，由县消防救援大队牵头明确整改责任，督促按期完成整改。",
        "二、部门联动。各有关部门要建立健全由一个部门牵头、多部门配合的联合督办机制。",
        "三、排查燃气隐患。县应急管理局牵头，县住建局、县市场监管局配合，开展餐饮场所燃气安全检查。",
    ]
    got = [i.units for i in prose_items(texts, 2025)]
    assert got == [("县消防救援大队",), (), ("县应急管理局", "县住建局", "县市场监管局")]


def test_a_short_notice_flattened_into_one_paragraph_is_cut_at_its_outline() -> None:
    text = (
        "为切实做好岁末年初安全生产工作，县政府决定开展安全生产大检查。一、检查时间。2025年12月1日至2026年2月28日。"
        "二、检查重点。（一）道路交通。重点检查客运车辆。（二）消防安全。重点检查人员密集场所。三、工作要求。各乡镇要高度重视。"
    )
    assert len(text) < 200
    assert "二、检查重点。" in unflatten(text)
    items = prose_items(unflatten(text), 2025)
    assert [(i.seq, i.category) for i in items] == [("二、(一)", "检查重点"), ("二、(二)", "检查重点")]


def test_a_point_broken_by_a_pdf_line_end_goes_on_on_the_next_line() -> None:
    text = (
        "关于开展燃气安全排查的通知\n各区县：\n一、排查重点\n（一）燃气企业。重点排查经营许可、场站设施等\n情况。\n"
        "（二）餐饮场所。重点排查用气设施、燃气泄漏报警装\n置安装使用情况。\n— 2 —\n二、工作要求\n"
        "各区县要高度重视。\n某某市安委办\n2025年4月20日\n"
    )
    items = to_schema_json(extract_text(text))["items"]
    assert [i["measures"].replace("\n", "") for i in items] == [
        "燃气企业。重点排查经营许可、场站设施等情况。",
        "餐饮场所。重点排查用气设施、燃气泄漏报警装置安装使用情况。",
    ]


def test_a_responsibility_columns_short_text_is_its_units_whatever_the_names_end_in() -> None:
    rows = (
        ("序号", "问题描述", "整改措施", "责任单位", "完成时限"),
        ("1", "部分镇街安委会会议未按季度召开", "严格落实季度例会制度", "各镇街", "2025年6月底"),
        ("2", "行业部门监管责任清单不明确", "修订完善责任清单", "区安委办、各县区", "长期"),
    )
    items = to_schema_json(extract_document(SourceDocument((Table(rows),), "xlsx")))["items"]
    assert [i["units"] for i in items] == [["各镇街"], ["区安委办", "各县区"]]
