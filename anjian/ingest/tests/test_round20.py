"""Rounds 20-21 (split.py): shapes of the tenth unseen part once scored, written as invented documents: an
open-information page's metadata block stored as a table, a sharing site's greeting over a breadcrumb that names
the document, scoring-table rows read from their item's cell on, a page of a scoring table without its header row,
a 考核项 column over two criteria printing their points, a glued header over glued rows a line, glued rows whose
points stand after their first cell under bracketed sections, a traditional-character repost read back as
printed, and an item printing its points after its name over the grades that earn them; then (round 21, on the
eleventh part) a story whose first sentence cites a plan's requirements."""

from __future__ import annotations

from anjian.ingest.document import Paragraph, SourceDocument, Table
from anjian.ingest.extract import extract_document, extract_text
from anjian.ingest.parsers.hanzi import printed_form


def _doc(*blocks: Paragraph | Table) -> SourceDocument:
    return SourceDocument(tuple(blocks), "docx")


def test_a_metadata_block_stored_as_a_table_names_the_title_and_is_no_part_of_the_text() -> None:
    found = extract_document(
        _doc(
            Table((("索引号:", "12345/202412-00003", "组配分类:", "规划计划"),
                   ("名称:", "某县应急管理局2024年工作总结", "文号:", "无"),
                   ("生成日期:", "2024-12-05", "发布日期:", "2024-12-05"))),
            Paragraph("2024年以来,我局各项工作取得阶段性成效。现将本年工作总结报告如下:"),
            Paragraph("一、安全生产形势平稳"),
            Paragraph("全年检查企业320家,排查隐患1250处,组织召开安委会议4次,挂牌督办隐患12项。"),
            Paragraph("1、高位推动安全生产工作。主要领导先后7次深入一线指导。"),
            Paragraph("2、全面筑牢安全生产基础。"),
        )
    )
    assert found.title == "某县应急管理局2024年工作总结"
    assert found.genre == "report"


def test_a_sharing_sites_greeting_is_chrome_and_its_breadcrumb_names_a_flattened_document() -> None:
    text = (
        "您好,欢迎访问某某文档\n"
        "当前位置:首页 > 管理学资料 > 某省粮食仓储企业安全管理考评标准\n"
        "序号项目分值基本要求评分要点1安全制度10建立安全储粮责任制、粮情检查制度。缺少1项制度,扣1分。"
        "2作业规程5有出入库作业规程、熏蒸作业操作规程。缺少1项规程,扣1分。3应急预案5制定安全生产应急预案并演练。"
        "未演练扣2分。4安全培训5开展岗前安全生产知识培训。未培训扣5分。\n"
    )
    found = extract_text(text)
    assert found.title == "某省粮食仓储企业安全管理考评标准"
    assert found.genre == "assessment"
    assert [(s.seq, s.points) for s in found.scores] == [("1", 10), ("2", 5), ("3", 5), ("4", 5)]


def test_a_scoring_table_row_is_read_from_its_items_cell_on() -> None:
    found = extract_document(
        _doc(
            Paragraph("某市危险货物运输企业考核自评表"),
            Table((("项目及分值", "考核内容", "考核分数", "评分标准", "扣分", "得分"),
                   ("运输安全(200分)", "交通责任事故率", "30分", "每增0.01次/车,扣5分", "", ""),
                   ("", "交通责任事故死亡率", "100分", "每增0.005人/车,扣25分", "", ""),
                   ("", "交通责任事故伤人率", "70分", "每增0.005人/车,扣10分", "", ""))),
        )
    )
    assert [(s.points, s.text) for s in found.scores] == [
        (30, "交通责任事故率 每增0.01次/车,扣5分"),
        (100, "交通责任事故死亡率 每增0.005人/车,扣25分"),
        (70, "交通责任事故伤人率 每增0.005人/车,扣10分"),
    ]


def test_a_page_of_a_scoring_table_without_its_header_reads_its_cells_as_lines() -> None:
    found = extract_document(
        _doc(
            Table((("(6)每年组织职工开展应急救援演练(5分)", "查阅资料,未开展演练扣3分。"),
                   ("(7)按标准为职工配备个人防护用品(8分)", "查阅发放记录,无记录不得分。"),
                   ("3.健康素养(15分)", ""),
                   ("(1)职工知晓自己的职业健康体检结果(4分)", "随机访问职工,每发现1名不知晓扣1分。"),
                   ("(2)职工掌握个人防护用品的使用方法(5分)", "现场考核,每出现1名不合格者扣1分。"),
                   ("(3)健康行为形成率达80%以上(6分)", "现场测试,每下降5%扣1分。"))),
        )
    )
    assert [(s.seq, s.section, s.points) for s in found.scores] == [
        ("(6)", "", 5), ("(7)", "", 8), ("3(1)", "健康素养", 4), ("3(2)", "健康素养", 5), ("3(3)", "健康素养", 6)
    ]
    assert dict(found.section_totals) == {"健康素养": 15}


def test_a_section_column_over_two_criteria_that_print_their_points() -> None:
    found = extract_document(
        _doc(
            Paragraph("2020年度县(区)政府应急管理综合考核日常评分标准"),
            Table((("考核项", "考核内容", "扣分情形", "评分方式"),
                   ("应急\n责任\n(11分)", "1.学习宣传贯彻应急管理重要论述,落实党政同责。(2分)",
                    "宣传、贯彻、落实不到位的,扣1分。", "根据日常督查情况评分。"),
                   ("", "2.健全防灾减灾救灾体制机制,及时调整指挥部成员。(1分)",
                    "未及时调整的,扣0.5分。", ""))),
        )
    )
    assert [(s.seq, s.section, s.points) for s in found.scores] == [("1", "应急责任", 2), ("2", "应急责任", 1)]
    assert dict(found.section_totals) == {"应急责任": 11}


def test_a_glued_header_over_glued_rows_a_line() -> None:
    text = (
        "某省消防重点建设目标考核验收内容及标准\n"
        "序号项目分值标准及要求扣分标准考核办法得分\n"
        "1消防规划编制10所有的市、县均要完成消防规划编制。未完成的,扣5分。查阅规划文本。\n"
        "2消防通信指挥系统建设15所有的地级市均要完成119接处警系统。每少一个系统扣2分。实地检查。\n"
        "3消防车配备20按照建设标准配备消防车。每少一辆扣2分。查阅台账。\n"
    )
    found = extract_text(text)
    assert [(s.seq, s.points, s.text[:6]) for s in found.scores] == [
        ("1", 10, "消防规划编制"), ("2", 15, "消防通信指挥"), ("3", 20, "消防车配备")
    ]


def test_glued_rows_priced_after_their_first_cell_under_bracketed_sections_read_as_printed() -> None:
    text = (
        "文檔簡介\n"
        "1、附件2水庫工程管理考核標(biāo)準(zhǔn)類別項目考核內容標準分賦分原則備注一、組織管理(50分)"
        "1.管理體制管理體制順暢,管理權(quán)限明確。25管理體制不順暢,扣15分。"
        "2.人員配備崗位設置合理,人員配備滿足需要。25崗位設置不合理,扣10分。"
        "二、安全管理(40分)1.安全鑒定按規定進行安全鑒定。20未進行安全鑒定,扣20分。"
        "2.隱患治理及時治理安全隱患。20隱患未治理,扣10分。\n"
    )
    found = extract_text(text)
    assert [(s.seq, s.section, s.points) for s in found.scores] == [
        ("1", "組織管理", 25), ("2", "組織管理", 25), ("1", "安全管理", 20), ("2", "安全管理", 20)
    ]
    assert found.scores[0].text.startswith("管理體制管理體制順暢,管理權(quán)限明確。25")
    assert dict(found.section_totals) == {"組織管理": 50, "安全管理": 40}


def test_the_printed_form_of_a_simplified_reading_keeps_traditional_characters_and_glosses() -> None:
    printed = printed_form("考核標(biāo)準(zhǔn) 管理權(quán)限明確")
    assert printed("标准管理权限") == "標(biāo)準(zhǔn)管理權(quán)限"
    assert printed("不在其中") == "不在其中"
    assert printed("") == ""


def test_an_item_printing_its_points_after_its_name_is_not_split_into_the_grades_that_earn_them() -> None:
    text = (
        "某化工园区考核细则\n"
        "一、应急救援(8分)\n"
        "1、应急救援队伍建立情况 3分(1)有企业自建专职消防队伍,得1分. (2)有医疗应急救援队伍,得1分. (3)建立专家库,得1分.\n"
        "2、应急指挥中心情况 5分(1)建成应急指挥中心并有效运行的,得2分. (2)危险源企业数据采集率达100%的,得3分.\n"
    )
    found = extract_text(text)
    assert [(s.seq, s.points) for s in found.scores] == [("1", 3), ("2", 5)]


def test_a_story_whose_first_sentence_cites_a_plans_requirements_is_no_plan() -> None:
    text = (
        "活动期间,各单位按照实施方案要求,结合实际开展了形式多样的宣传活动。举办安全生产月启动仪式,70多个部门参加了"
        "集中宣传咨询日活动,布置宣传咨询台60余个、图板220余块、宣传横幅110余条,现场发放宣传单2万余份。\n"
        "全市共组织应急演练120余场次,参演人员1.5万人次,检查企业860家,排查隐患2300余处。\n"
    )
    assert extract_text(text).genre == "report"
