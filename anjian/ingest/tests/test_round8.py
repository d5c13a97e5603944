"""Round 8 (split.py): tables printed one cell per line, schedules without a problem column, `X月份`, owners
listed by spaces, and the per-document memory of the paragraph functions."""

from __future__ import annotations

from anjian.ingest.deadline import resolve_deadline
from anjian.ingest.document import Table
from anjian.ingest.extract import extract_text
from anjian.ingest.parsers.assessment import table_scheme
from anjian.ingest.parsers.layout import parse_line
from anjian.ingest.parsers.units import split_units
from anjian.ingest.readers.text import blocks_of_text

STACKED_PROBLEMS = """关于安全检查发现问题的整改清单
序号
存在问题
整改措施
责任单位
完成时限
1
仓库消防通道堆放杂物
立即清理通道杂物
县应急管理局
2024年5月31日前
2
配电箱未上锁
加装门锁并张贴警示标识
县供电公司
长期
3
员工未经安全培训上岗
组织全员培训
县人社局
2024年6月30日前
附件：检查记录
"""

STACKED_SCHEME = """安全目标责任考核表
序号
考核内容
标准分
考核细则
得分
1
安全生产责任制
30
未签订责任书扣10分
未考核扣5分
2
隐患排查治理
40
隐患未整改扣5分
3
应急演练
30
未演练扣10分
合计
"""


def test_a_problem_table_printed_one_cell_per_line_is_read_as_a_table() -> None:
    blocks = blocks_of_text(STACKED_PROBLEMS)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1 and len(tables[0].rows) == 4
    assert tables[0].rows[2] == ("2", "配电箱未上锁", "加装门锁并张贴警示标识", "县供电公司", "长期")
    found = extract_text(STACKED_PROBLEMS)
    assert [(i.seq, i.problem, i.units) for i in found.items] == [
        ("1", "仓库消防通道堆放杂物", ("县应急管理局",)),
        ("2", "配电箱未上锁", ("县供电公司",)),
        ("3", "员工未经安全培训上岗", ("县人社局",)),
    ]
    assert found.items[0].deadline is not None and found.items[0].deadline.schema_value() == "2024-05-31"
    assert blocks[-1].text == "附件：检查记录"  # type: ignore[union-attr]


def test_a_scoring_table_printed_one_cell_per_line_keeps_its_wrapped_rules_in_one_cell() -> None:
    table = next(b for b in blocks_of_text(STACKED_SCHEME) if isinstance(b, Table))
    assert table.rows[1] == ("1", "安全生产责任制", "30", "未签订责任书扣10分\n未考核扣5分", "")
    assert table.rows[3] == ("3", "应急演练", "30", "未演练扣10分", "")  # `合计` ends the last row
    found = extract_text(STACKED_SCHEME)
    assert [(s.seq, s.points, s.kind) for s in found.scores] == [
        ("1", 30, "item"),
        ("2", 40, "item"),
        ("3", 30, "item"),
    ]


def test_lines_that_only_look_like_a_header_stay_paragraphs() -> None:
    text = "序号\n问题\n1\n一句话而已\n"
    assert not any(isinstance(b, Table) for b in blocks_of_text(text))


def test_a_schedule_without_a_problem_column_lists_its_rows_as_tasks() -> None:
    text = (
        "2017年度安全生产专项整治工作计划\n二〇一七年二月二十四日\n一、专项整治安排表\n"
        "专项整治行业名称\t时间安排\t责任单位\n烟花爆竹\t1月份\t安监站 安监所\n电力设施\t3月份\t电管所\n"
    )
    found = extract_text(text)
    assert [(i.measures, i.units) for i in found.items] == [
        ("烟花爆竹", ("安监站", "安监所")),
        ("电力设施", ("电管所",)),
    ]
    assert found.items[0].deadline is not None and found.items[0].deadline.schema_value() == "2017-01-31"


def test_a_month_of_a_schedule_runs_to_its_end_but_not_when_it_looks_back() -> None:
    due = resolve_deadline("11月份", 2017)
    assert due is not None and due.schema_value() == "2017-11-30"
    assert resolve_deadline("1月份以来，全县共检查企业", 2017) is None


def test_owners_listed_by_spaces_are_split_only_when_every_piece_is_an_organisation() -> None:
    assert split_units("文化站 卫生院") == ["文化站", "卫生院"]
    assert split_units("县应急管理局 督促检查") == ["县应急管理局 督促检查"]


def test_the_paragraph_memory_is_emptied_after_each_document() -> None:
    extract_text("一、加强领导\n1.落实责任\n2.开展检查\n")
    assert parse_line.cache_info().currsize == 0  # type: ignore[attr-defined]


def test_a_page_that_lost_its_line_breaks_is_read_as_its_numbered_paragraphs() -> None:
    text = (
        "专项整治方案\n[接上页] 5.建立健全安全生产监督管理机构,配齐监督管理人员和执法人员,建立完善本地区冶金机械等行业应急救援体系,做到机构健全、人员到位、职责明确、保障有力。"
        " 6.建立健全生产安全事故责任追究制度,落实安全生产事故挂牌督办制度,对不认真履职、不作为、乱作为的责任单位和责任人进行事前责任追究,依法组织各类生产安全事故调查处理,并按时结案。"
        " 五、整治步骤 (一)安排部署阶段(6月底前) 各县区政府、各部门对整治工作进行安排部署,制定实施方案,建立责任制,进行宣传发动。"
        " (二)企业自查自整阶段(7月) 全市企业制定自查自整方案,对本单位生产经营活动进行全面对照检查,采取整改措施,整改情况在本单位进行公示,并向上级主管部门和安全监管部门报告。\n"
    )
    paragraphs = [b.text for b in blocks_of_text(text) if not isinstance(b, Table)]
    assert paragraphs[1:5] == ["[接上页]", paragraphs[2], paragraphs[3], "五、整治步骤"]
    assert paragraphs[2].startswith("5.建立健全") and paragraphs[3].startswith("6.建立健全")
    assert [i.seq for i in extract_text(text).items] == ["5", "6", "五、(一)", "五、(二)"]


def test_a_short_line_with_markers_is_left_as_it_is() -> None:
    line = "要求 1.整改 2.报告 3.复查"
    assert [b.text for b in blocks_of_text(line)] == [line]  # type: ignore[union-attr]


def test_an_inspection_bulletin_listing_what_was_found_is_a_rectification_list() -> None:
    text = (
        "关于2010年农村中小学安全工作检查情况的通报\n全市各学校:\n3月15日至29日,教育局组成检查组进行了全面检查。\n"
        "一、基本情况\n各校高度重视。\n二、存在问题\n1、部分学校灭火器已过期,没有及时更换。\n"
        "2、个别学校小卖部卫生差,进货台账不全。\n3、个别学校围墙破损,存在安全隐患。\n"
    )
    assert extract_text(text).genre == "rectification"
    report = "关于2023年安全生产检查情况的通报\n今年共检查企业120家,发现隐患350处,已整改340处,罚款12万元。\n"
    assert extract_text(report).genre == "report"


def test_a_separator_inside_brackets_does_not_split_an_owner() -> None:
    assert split_units("市直各有关单位、各县(市、区)人民政府、各开发区管委会") == [
        "市直各有关单位",
        "各县(市、区)人民政府",
        "各开发区管委会",
    ]
    assert split_units("区委办、区政府办公室）") == [
        "区委办",
        "区政府办公室",
    ]  # a bracket closed, none opened


def test_a_notice_passing_on_a_bulletin_is_a_reminder_of_its_own_requirements() -> None:
    untitled = (
        "各县(市、区)安全生产委员会:\n现将《省安委办关于2017年度安全生产大检查情况的通报》转发给你们,请认真贯彻落实。\n"
        "一、高度重视。要坚持谁检查、谁负责的原则,对照通报逐项整改。\n二、加强督查。要加大督促检查力度,严格责任追究。\n"
    )
    assert extract_text(untitled).genre == "reminder"
    titled = "关于转发《省安委办关于安全生产大检查情况的通报》的通知\n" + untitled
    assert extract_text(titled).genre == "reminder"


def test_a_scoring_table_whose_points_header_is_garbled_is_read_by_its_cells() -> None:
    table = Table(
        (
            ("序号", "类别", "", "着重方面", "m", "考核情况"),
            ("1", "安全目标50分", "1.1", "是否发生伤亡事故、重伤事故、一般以上火灾事故", "30", ""),
            ("", "", "1.2", "火灾事故直接经济损失是否超出企业下达指标", "20", ""),
            ("2", "基础管理15分", "2.1", "层层签订安全生产目标责任书,严格执行责任制", "10", ""),
            ("", "", "2.2", "安全台账记录等基础资料齐全,记录真实完整", "5", ""),
        )
    )
    scheme = table_scheme(table.rows)
    assert [(s.section, s.points) for s in scheme.scores] == [
        ("安全目标", 30),
        ("安全目标", 20),
        ("基础管理", 10),
        ("基础管理", 5),
    ]
    assert dict(scheme.totals) == {"安全目标": 50, "基础管理": 15}


def test_a_numbered_column_without_a_header_word_is_not_taken_for_points() -> None:
    rows = (
        ("", "", "隐患单位", "存在隐患"),
        ("02", "【普陀】", "舟山市普陀区国庆机械厂", "室内违规停放电动自行车"),
        ("03", "【嵊泗】", "嵊泗县嵊山大酒店有限公司", "安全出口防火门闭门器损坏"),
        ("04", "【普陀山】", "普陀山美食美客", "油烟管道未及时清洗"),
    )
    assert table_scheme(rows).scores == ()


RAGGED_PIPES = """安全生产月活动考核评分表
考核项目 | 考核标准 | 分值 | 评分方式 | 落实情况 | 考核得分 |
| |||||
(一)组织机构健全 | 1.成立专门活动组织机构 | 1 | 未落实的不得分。 | □是□否 |
|
2.设立活动组委会办公室,有明确部门负责 | 2 | 未落实的不得分。 | □是□否 |
| |
| 1.由主要领导或分管领导担任组委会领导 | 2 | 未落实的不得分。 | □是□否 |
"""


def test_a_pipe_table_with_mark_lines_and_rows_missing_their_merged_first_cell_stays_one_table() -> None:
    tables = [b for b in blocks_of_text(RAGGED_PIPES) if isinstance(b, Table)]
    assert len(tables) == 1
    assert tables[0].rows[2] == (
        "",
        "2.设立活动组委会办公室,有明确部门负责",
        "2",
        "未落实的不得分。",
        "□是□否",
        "",
    )
    assert tables[0].rows[3][1:3] == ("1.由主要领导或分管领导担任组委会领导", "2")
    assert (2, 0) in tables[0].continued
    points = [s.points for s in extract_text(RAGGED_PIPES).scores]
    assert points == [1, 2, 2]


MERGED_STACKED = """应急管理工作考核评分标准
序号
项 目
内 容
标准分
评 分 标 准
自测评分
一
组织体系建设情况(20分)
应急管理机构
10
未明确分管领导的扣2分。
领导责任制落实情况
10
领导责任落实不到位的扣3分。
二
应急预案体系建设情况(15分)
应急预案编修
10
未按要求编制和修订应急预案扣1-5分。
应急演练
5
不能积极开展应急演练的扣1-3分。
原创力文档
"""


def test_a_stacked_table_whose_first_cells_are_merged_over_sub_rows_keeps_one_row_per_value() -> None:
    table = next(b for b in blocks_of_text(MERGED_STACKED) if isinstance(b, Table))
    assert [row[:4] for row in table.rows[1:]] == [
        ("一", "组织体系建设情况(20分)", "应急管理机构", "10"),
        ("", "", "领导责任制落实情况", "10"),
        ("二", "应急预案体系建设情况(15分)", "应急预案编修", "10"),
        ("", "", "应急演练", "5"),
    ]
    assert table.rows[-1][4] == "不能积极开展应急演练的扣1-3分。"  # the page's chrome after it stays outside
    found = extract_text(MERGED_STACKED)
    assert [s.points for s in found.scores] == [10, 10, 10, 5]
    assert dict(found.section_totals) == {"组织体系建设情况": 20, "应急预案体系建设情况": 15}


def test_numbered_bonus_rules_without_a_bonus_heading_are_bonuses_with_their_first_amount() -> None:
    text = (
        "安全生产目标管理考核办法\n第四章 加减分\n"
        "1. 安全生产工作经验创新,被国家有关部门认可推广的,加2分,经市政府认可推广的加1分。\n"
        "2. 安全生产宣传报道成绩显著,每刊登1条信息,国家级加0.5分,省级加0.3分。\n"
        "3. 发生较大事故的,扣3分。\n"
    )
    found = extract_text(text)
    assert [(s.seq, s.points, s.kind) for s in found.scores] == [
        ("1", 2, "bonus"),
        ("2", 0.5, "bonus"),
        ("3", 3, "deduction"),
    ]


def test_an_untitled_story_in_figures_with_a_few_points_is_a_report() -> None:
    text = (
        "4日,国家安监总局发布消息,7月份共组织了16个明查暗访组,抽查企业100余家,发现各类问题和隐患770余项。\n"
        "7月份,全国共排查重大隐患3191项,打击严重违法违规行为6977项,停产整顿企业4362家,关闭取缔企业1382家。\n"
        "要求各地切实做到:\n1、坚持全面检查与严格执法相结合;\n2、坚持企业自查与政府督查相结合。\n"
    )
    assert extract_text(text).genre == "report"


def test_a_deadline_with_its_hour_is_that_day_and_a_year_may_mix_in_the_digit_zero() -> None:
    due = resolve_deadline("请于3月15日16時前报送", 2011)
    assert due is not None and due.schema_value() == "2011-03-15" and due.raw == "3月15日16時前"
    signed = extract_text(
        "关于开展督查的通知\n1、各督查组应于4月8日前写出总结报省建设厅。\n山西省建设厅\n二00九年三月二十五日\n"
    )
    assert signed.issued == "2009-03-25"


def test_unlabelled_points_of_a_rectification_list_that_state_faults_are_its_problems() -> None:
    text = (
        "关于安全检查发现问题的整改方案\n"
        "1、部分学校灭火器已过期,没有及时更换。\n2、个别学校围墙破损,存在安全隐患。\n3、食堂进货台账不全。\n"
    )
    items = extract_text(text).items
    assert [(i.problem is not None, i.measures) for i in items] == [(True, None)] * 3


def test_a_sharing_sites_numbered_notices_are_not_items() -> None:
    text = (
        "关于开展安全生产大检查的通知\n1、本文档共8页，可阅读全部内容。\n"
        "2、原创力文档(book118)网站文档一经付费(服务费)，不意味着购买了该文档的版权。\n"
        "3、如文档侵犯商业秘密、侵犯著作权、侵犯人身权等，请点击“版权申诉”。\n各乡镇:\n"
        "一、加强组织领导。各乡镇要成立领导小组。\n二、开展隐患排查。5月31日前完成全面排查。\n"
    )
    assert [i.seq for i in extract_text(text).items] == ["一", "二"]


def test_a_section_value_column_beside_a_per_criterion_value_column_gives_totals_and_items() -> None:
    rows = (
        ("序号", "项目", "分值", "考核标准", "单项分值", "得分"),
        ("1", "水旱灾害防御工作", "20", "1.按要求建立组织领导等工作体系。\n未建立的扣1分。", "12", ""),
        ("", "", "", "2.按要求报送责任人信息。\n未完成1次扣1分。", "8", ""),
        ("2", "农村饮用水工作", "10", "1.做好水费收缴工作。", "10", ""),
    )
    scheme = table_scheme(rows)
    assert dict(scheme.totals) == {"水旱灾害防御工作": 20, "农村饮用水工作": 10}
    assert [(s.seq, s.points, s.text[:6]) for s in scheme.scores] == [
        ("1、1", 12, "按要求建立组"),
        ("1、2", 8, "按要求报送责"),
        ("2、1", 10, "做好水费收缴"),
    ]


def test_numbered_headings_in_the_item_column_on_every_row_are_items_not_sections() -> None:
    rows = (
        ("检查考评项目", "分值", "检查考评标准", "检查考评方法", "得分"),
        ("一、预防森林火灾发生", "40", "引发森林火灾的,单起受害面积30亩以上的扣10分。", "查看火灾报表", ""),
        ("二、森林火灾隐患排查", "10", "火灾隐患检查不到位的发现一处扣2分。", "查看文件", ""),
    )
    assert [(s.seq, s.section, s.text[:8], s.points) for s in table_scheme(rows).scores] == [
        ("一", "", "预防森林火灾发生", 40),
        ("二", "", "森林火灾隐患排查", 10),
    ]


def test_an_exposure_of_places_in_records_tables_and_labelled_headings_lists_their_hazards() -> None:
    records = (
        "曝光!火灾隐患可能就在你身边\n现曝光2家火灾隐患单位。\n场所名称:国源堂药店\n场所地址:北潢路140号\n"
        "隐患情况:灭火器过期\n场所名称:东莞市金韵纸业有限公司\n场所地址:湛翠南潢路246号\n"
        "隐患情况:1.堵塞安全出口 2.杂物遮挡消火栓\n"
    )
    found = extract_text(records)
    assert found.genre == "rectification"
    assert [(i.seq, i.category, i.problem) for i in found.items] == [
        ("", "国源堂药店", "灭火器过期"),
        ("1", "东莞市金韵纸业有限公司", "堵塞安全出口"),
        ("2", "东莞市金韵纸业有限公司", "杂物遮挡消火栓"),
    ]
    table = Table((("场所名称", "场所地址", "隐患情况"), ("国源堂药店", "北潢路140号", "灭火器过期")))
    from anjian.ingest.parsers.columns import find_header

    header = find_header(table.rows)
    assert header is not None and header.roles == ("category", "ignore", "problem")
    headed = (
        "这4家单位被点名曝光!\n一、牟平区亮亮称盘麻辣烫店\n存在问题:\n货架遮挡一层北侧室内消火栓\n"
        "整改措施:责令限期整改并处罚\n二、牟平区名馥包子铺\n存在问题:\n在疏散楼梯口放置杂物\n整改措施:责令限期整改并处罚\n"
    )
    items = extract_text(headed).items  # the heading names the place, its labelled lines are its fields
    assert [(i.seq, (i.problem or "").split("\n")[-1], i.measures) for i in items] == [
        ("一", "货架遮挡一层北侧室内消火栓", "责令限期整改并处罚"),
        ("二", "在疏散楼梯口放置杂物", "责令限期整改并处罚"),
    ]
