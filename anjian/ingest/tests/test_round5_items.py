"""Round 5 of issue 18 (helper D4): general cues for items of notices, plans and problem lists.

Every text here is invented; each test fails without the cue it names.
"""

from __future__ import annotations

from anjian.ingest.document import Paragraph, SourceDocument, Table
from anjian.ingest.extract import extract_document, extract_text, to_schema_json

MARKDOWN_NOTICE = """**某某商业管理有限公司文件**
# 某商字[2025]7号
## 关于做好汛期安全检查工作的通知
各部门、各商铺：
  现将有关事项通知如下：
###   一、落实检查责任。
  各部门负责人要切实履行第一责任人责任，组织本部门开展汛期安全自查，建立问题台账并跟踪整改到位。
###   二、加强值班值守。
  各部门要严格执行领导带班和二十四小时值班制度，遇有险情及时报告，确保信息畅通、处置有力。
###   三、报送要求。
  各部门于6月10日前将自查情况报安全部，联系人：张三。
##
<p style="text-align:right">某某公司安全生产委员会办公室</p>
<p style="text-align:right">2025年6月1日</p>
"""


def test_markdown_headings_with_a_full_stop_head_their_paragraphs() -> None:
    found = extract_text(MARKDOWN_NOTICE)
    assert found.title == "关于做好汛期安全检查工作的通知"  # the `# 某商字…号` line is its 文号
    result = to_schema_json(found)
    assert result["genre"] == "reminder"
    assert result["issued"] == "2025-06-01"
    got = [(i["seq"], i["measures"].split("\n")[0]) for i in result["items"]]
    assert got == [("一", "落实检查责任。"), ("二", "加强值班值守。")]  # 三、报送要求 asks for a report only
    assert "建立问题台账" in result["items"][0]["measures"]


LONE_SECTION = """关于开展节前安全检查的通知
各单位：
一、检查内容。
1、各单位要全面排查消防设施、疏散通道和用电安全，对发现的问题建立台账，限期整改到位。（完成时限5月20日前）
2、物业部要对配电房、水泵房等重点部位开展专项检查，并组织一次应急疏散演练。（完成时限5月30日）
二、工作要求。
各单位要高度重视，认真组织，确保检查不走过场。
某某公司办公室
2025年5月10日
"""


def test_a_reporting_section_is_not_an_item_and_deadlines_come_from_brackets() -> None:
    result = to_schema_json(extract_text(LONE_SECTION))
    got = [(i["seq"], i["category"], i["deadline"]) for i in result["items"]]
    assert got == [("1", "检查内容", "2025-05-20"), ("2", "检查内容", "2025-05-30")]


def test_a_heading_over_its_table_of_tasks_is_not_an_item() -> None:
    rows = (
        ("序号", "检查内容", "完成时限"),
        ("1", "各单位要全面排查消防设施、疏散通道和用电安全，对发现的问题建立台账，限期整改到位。", "5月20日前"),
        ("2", "物业部要对配电房、水泵房等重点部位开展专项检查，并组织一次应急疏散演练。", "5月30日"),
    )
    doc = SourceDocument(
        (
            Paragraph("关于开展节前安全检查的通知"),
            Paragraph("各单位："),
            Paragraph("一、检查内容。"),
            Table(rows),
            Paragraph("二、工作要求。"),
            Paragraph("各单位要高度重视，认真组织，确保检查不走过场。"),
            Paragraph("某某公司办公室"),
            Paragraph("2025年5月10日"),
        ),
        "docx",
    )
    result = to_schema_json(extract_document(doc))
    got = [(i["seq"], i["category"], i["measures"][:6], i["deadline"]) for i in result["items"]]
    assert got == [("1", "检查内容", "各单位要全面", "2025-05-20"), ("2", "检查内容", "物业部要对配", "2025-05-30")]


SITE_EXPOSURE = """某市消防救援支队曝光一批火灾隐患单位
近日，支队对辖区人员密集场所开展检查，部分单位隐患如下。
阳光养老中心

隐患:

1、疏散通道内堆放杂物。

2、常闭式防火门未处于常闭状态。

福满楼饭店

隐患:

1、厨房燃气管道未设置紧急切断阀。
"""


def test_site_names_over_their_own_lists_group_the_problems() -> None:
    result = to_schema_json(extract_text(SITE_EXPOSURE))
    got = [(i["seq"], i["category"], i["problem"], i["measures"]) for i in result["items"]]
    assert got == [
        ("1", "阳光养老中心", "疏散通道内堆放杂物。", None),
        ("2", "阳光养老中心", "常闭式防火门未处于常闭状态。", None),
        ("1", "福满楼饭店", "厨房燃气管道未设置紧急切断阀。", None),
    ]


def test_a_site_name_column_is_the_category_of_its_problems() -> None:
    rows = (
        ("单位名称", "序号", "存在隐患"),
        ("阳光养老中心", "1", "疏散通道内堆放杂物。"),
        ("阳光养老中心", "2", "常闭式防火门未处于常闭状态。"),
        ("福满楼饭店", "1", "厨房燃气管道未设置紧急切断阀。"),
    )
    doc = SourceDocument((Paragraph("某市消防救援支队曝光一批火灾隐患单位"), Table(rows)), "docx")
    got = [(i["seq"], i["category"], i["problem"]) for i in to_schema_json(extract_document(doc))["items"]]
    assert got == [
        ("1", "阳光养老中心", "疏散通道内堆放杂物。"),
        ("2", "阳光养老中心", "常闭式防火门未处于常闭状态。"),
        ("1", "福满楼饭店", "厨房燃气管道未设置紧急切断阀。"),
    ]


def test_a_news_lead_exposing_what_an_inspection_found_is_a_problem_list() -> None:
    story = (
        "近日，区安全生产督查组到某街道开展督导检查，发现某某大厦改造工程存在如下问题：一是脚手架缺少防护网。"
        "二是临时用电线路私拉乱接。发现某某小区三期项目存在如下问题：一是材料堆放占用消防通道。二是动火作业无人监护。\n"
        "督查组要求属地督促企业限期整改到位。\n"
    )
    result = to_schema_json(extract_text(story))
    assert result["genre"] == "rectification"
    got = [(i["seq"], i["category"], i["problem"]) for i in result["items"]]
    assert got == [
        ("一是", "某某大厦改造工程", "脚手架缺少防护网。"),
        ("二是", "某某大厦改造工程", "临时用电线路私拉乱接。"),
        ("一是", "某某小区三期项目", "材料堆放占用消防通道。"),
        ("二是", "某某小区三期项目", "动火作业无人监护。"),
    ]
    found = "7月10日至18日，市协调小组组成三个督查组，对各区落实专项治理工作的情况开展督查。督查中发现了一些问题：一是个别街道部署不及时；二是部分场所消防通道堵塞。\n"
    result = to_schema_json(extract_text(found))
    assert result["genre"] == "rectification"
    assert [(i["seq"], i["problem"]) for i in result["items"]] == [
        ("一是", "个别街道部署不及时"),  # the list's `；` is not part of the problem
        ("二是", "部分场所消防通道堵塞。"),
    ]


def test_a_notice_naming_no_genre_forwards_what_to_do() -> None:
    notice = "某市安委会办公室转发《省安委会办公室关于切实加强节日期间安全生产工作的紧急通知》的通知\n各县区安委会：\n现将该通知转发给你们，请认真贯彻落实。\n"
    assert to_schema_json(extract_text(notice))["genre"] == "reminder"


FLAT_PAGE = (
    "1 某小学校园安全隐患排查整改方案 为预防安全事故发生，经学校研究，决定在全校开展安全隐患排查和整改专项行动，"
    "现将排查发现的问题及整改措施列出如下，请各处室抓好落实，确保师生安全。 一、 校舍安全: 1、教学楼护栏开裂。 整改措施:拉警戒线。 "
    "2、天花板漏水。 整改措施:联系维修。 二、 体育设施安全: 篮球场西侧篮球架底座锈蚀松动，存在倾倒危险。 整改措施:拆除。 三、 交通安全: "
    "1、校门口未设置警示牌。 整改措施:设置警示牌。"
)


def test_a_page_stored_as_one_line_is_cut_back_at_its_outline_markers() -> None:
    result = to_schema_json(extract_text(FLAT_PAGE))
    assert result["genre"] == "rectification"
    got = [(i["seq"], i["category"], i["problem"], i["measures"]) for i in result["items"]]
    assert got == [
        ("一、1", "校舍安全", "教学楼护栏开裂。", "拉警戒线。"),
        ("一、2", "校舍安全", "天花板漏水。", "联系维修。"),
        ("二", "体育设施安全", "篮球场西侧篮球架底座锈蚀松动，存在倾倒危险。", "拆除。"),
        ("三、1", "交通安全", "校门口未设置警示牌。", "设置警示牌。"),
    ]


FORWARDED_PLAN = (
    "各部门、各乡镇：经管委会同意，现将《关于加强安全生产重点工作任务的分工方案》印发给你们，请认真贯彻落实。\n"
    "为深入贯彻落实上级关于进一步加强安全生产工作的意见，进一步强化安全生产责任，推动各项重点工作任务落到实处，"
    "经研究决定，现就有关工作作如下分工。 一、全面开展安全隐患大排查大整治 (一)全面彻底排查隐患 "
    "1、各乡镇、各部门要对所有行业领域、所有生产经营单位开展拉网式排查，建立隐患台账。 (二)狠抓问题隐患整治 "
    "2、对查出的隐患，应责令限期整改，能尽快整改的立即整改到位，不能立即整改的制定方案限期整改。\n"
)


def test_a_notice_sending_a_plan_and_a_one_section_flat_page_give_the_plans_tasks() -> None:
    result = to_schema_json(extract_text(FORWARDED_PLAN))
    assert result["genre"] == "reminder"  # what it sends is a 分工方案
    got = [(i["seq"], i["category"], i["problem"], i["measures"][:8]) for i in result["items"]]
    assert got == [
        ("1", "全面彻底排查隐患", None, "各乡镇、各部门要"),
        ("2", "狠抓问题隐患整治", None, "对查出的隐患，应"),  # a task on problems, not a found problem
    ]


RECORDS = """某市火灾隐患单位曝光
隐患单位:星光大厦
存在隐患:1、消防控制室无人值班;2、防火门闭门器损坏。
整改措施:责令限期整改
隐患单位:老街羊肉馆
存在隐患:厨房电气线路敷设不符合要求。
整改措施:责令限期改正
"""


def test_exposure_records_give_the_units_problems_with_their_shared_measure() -> None:
    got = [(i["seq"], i["category"], i["problem"], i["measures"]) for i in to_schema_json(extract_text(RECORDS))["items"]]
    assert got == [
        ("1", "星光大厦", "消防控制室无人值班", "责令限期整改"),
        ("2", "星光大厦", "防火门闭门器损坏。", "责令限期整改"),
        ("", "老街羊肉馆", "厨房电气线路敷设不符合要求。", "责令限期改正"),
    ]


def test_a_measure_merged_down_a_units_problems_applies_to_each_and_an_unnumbered_row_has_no_seq() -> None:
    rows = (
        ("隐患单位", "序号", "存在隐患", "整改措施"),
        ("星光大厦", "1", "消防控制室无人值班", "责令限期整改"),
        ("", "2", "防火门闭门器损坏"),
        ("老街羊肉馆", "", "厨房电气线路敷设不符合要求", "责令限期改正"),
    )
    continued = frozenset({(2, 0), (2, 3)})
    doc = SourceDocument((Paragraph("某市火灾隐患单位曝光"), Table(rows, continued)), "xlsx")
    got = [(i["seq"], i["category"], i["measures"]) for i in to_schema_json(extract_document(doc))["items"]]
    assert got == [("1", "星光大厦", "责令限期整改"), ("2", "星光大厦", "责令限期整改"), ("", "老街羊肉馆", "责令限期改正")]


CLOSING = """关于做好节日期间安全管理工作的通知
各部门：
一、压实安全责任。
各部门负责人要切实履行安全生产第一责任人责任，把安全责任落实到每一个岗位、每一个人。
二、开展隐患排查。
各部门要对所辖区域开展一次全面的安全隐患排查，发现问题立即整改，不能立即整改的落实管控措施。
节日期间（2月9日起至2月17日）值班人员每天下午5点前填写安全工作日报表，填写完毕后报安全部。
某某公司安全生产委员会办公室
2024年2月1日
"""


def test_the_last_headings_text_stops_before_the_closing_lines() -> None:
    items = to_schema_json(extract_text(CLOSING))["items"]
    assert [i["seq"] for i in items] == ["一", "二"]
    assert "值班人员" not in items[1]["measures"] and items[1]["deadline"] is None


def test_a_lone_numbered_line_not_counted_from_one_is_no_list() -> None:
    story = (
        "12月10日至11日，县安全生产隐患大排查快整治第五检查组对城区学校开展检查。\n"
        "8 n# ]2 G: T: R4 s 集中行动开展以来，检查单位13家，查处安全隐患45处，要求停产整顿3家。\n"
    )
    result = to_schema_json(extract_text(story))
    assert result["items"] == []
    assert result["genre"] == "report"  # news of a campaign with figures, no list of tasks


def test_news_exposing_hazards_without_a_numbered_list_is_a_problem_list() -> None:
    lead = "记者昨天从市有关部门获悉，今年有12家工矿商贸企业因存在事故隐患被曝光，并将接受政府挂牌督办整改。\n"
    assert to_schema_json(extract_text(lead))["genre"] == "rectification"
    untitled = (
        "关注官方微信\n"
        "3月份以来，支队对辖区社会单位进行火灾隐患排查时，发现以下场所存在重大火灾隐患，现予以公布。\n"
        "某某小区位于长安路东北200米，存在隐患：小区西门消防通道堵塞。已责令物业限期整改。\n"
    )
    assert to_schema_json(extract_text(untitled))["genre"] == "rectification"


def test_a_text_stored_twice_lists_each_item_once() -> None:
    seqs = [i["seq"] for i in to_schema_json(extract_text(FLAT_PAGE + "\n" + FLAT_PAGE))["items"]]
    assert seqs[:4] == ["一、1", "一、2", "二", "三、1"]
    # The copy's items are the first copy's again; only the first copy's last point, which ran on into the
    # copy's opening, differs from its twin.
    assert [seqs.count(seq) for seq in ("一、1", "一、2", "二")] == [1, 1, 1]
