"""Round 12 (split.py), tuned on unseen6 (1NN) once scored; invented documents only."""

from __future__ import annotations


def test_score_sheets_and_evaluation_rules_name_schemes() -> None:
    from anjian.ingest.parsers.genre import title_genre

    assert title_genre("烟花爆竹经营(零售)单位安全审查得分表") == "assessment"
    assert title_genre("消防安全重点单位消防安全评价细则") == "assessment"
    assert title_genre("消防安全社区达标验收细则") == "assessment"


def test_a_standard_score_column_is_a_points_column() -> None:
    from anjian.ingest.parsers.assessment import table_scheme

    rows = (
        ("序号", "检查内容", "标准得分", "检查方法", "实得分"),
        ("1", "店内禁止使用明火。", "10", "现场查看", ""),
        ("2", "张贴安全警示标志。", "5", "现场查看", ""),
    )
    assert [(s.seq, s.points) for s in table_scheme(rows).scores] == [("1", 10), ("2", 5)]


def test_a_numbered_sentence_closed_by_its_points_is_a_scored_item_not_a_section() -> None:
    from anjian.ingest.extract import extract_text

    text = (
        "村(社区)消防安全工作考核细则\n对村(社区)消防工作实行量化考核，共计100分。具体办法如下：\n"
        "一、健全工作机构。成立消防安全管理工作站，有固定的办公场所。     (5 分)\n"
        "二、装备建设。配置必要的办公设备和消防装备。     (5 分)\n"
        "三、人员配备。明确1名消防安全网络员。（10分）\n"
    )
    found = extract_text(text)
    assert [(s.seq, s.points, s.kind) for s in found.scores] == [
        ("一", 5, "item"),
        ("二", 5, "item"),
        ("三", 10, "item"),
    ]
    assert not found.section_totals


def test_a_site_located_in_its_sentence_heads_its_inline_hazards() -> None:
    from anjian.ingest.extract import extract_text

    text = (
        "临高县消防救援大队曝光3家隐患单位\n现对在消防安全检查中发现的隐患单位予以曝光：\n"
        "凯旋门酒店位于临城镇新桥南路12号。存在隐患：1、消防控制室无人员值班；2、备用电源故障。\n"
        "希美酒店位于二环西路21号。存在隐患：1、三层疏散楼梯堆放物品；2、防火门损坏。\n"
    )
    found = extract_text(text)
    assert [(i.seq, i.category, i.problem) for i in found.items] == [
        ("1", "凯旋门酒店", "消防控制室无人员值班"),
        ("2", "凯旋门酒店", "备用电源故障。"),
        ("1", "希美酒店", "三层疏散楼梯堆放物品"),
        ("2", "希美酒店", "防火门损坏。"),
    ]


def test_a_meetings_requirements_for_an_addressee_are_tasks_and_the_report_is_a_reminder() -> None:
    from anjian.ingest.extract import extract_text

    text = (
        "某镇召开防溺水工作调度会\n8月27日，某镇召开中小学生防溺水工作调度会。\n"
        "会议要求，各村(社区)一是要全面加强宣传教育；二是要加强摸排重点水域；三是落实好包保责任。\n"
    )
    found = extract_text(text)
    assert found.genre == "reminder"
    assert [(i.seq, i.measures) for i in found.items] == [
        ("一是", "要全面加强宣传教育"),
        ("二是", "要加强摸排重点水域"),
        ("三是", "落实好包保责任。"),
    ]


def test_points_counted_in_words_after_whoever_does_them() -> None:
    from anjian.ingest.parsers.prose import _word_items

    text = "做好安全工作是重中之重。祝楼乡一是要求各村做好宣传；二是做好交通安全工作；三是实行文明祭扫。"
    assert [n for n, _ in _word_items(text)] == ["一是", "二是", "三是"]
    assert _word_items("思想统一是前提，行动一致是关键。") == ()  # `统一是` counts nothing


def test_a_check_record_lists_what_it_found_and_skips_what_was_normal() -> None:
    from anjian.ingest.parsers.tables import table_items

    rows = (
        ("序号", "检查项目", "检查内容", "检查结果", "整改措施"),
        ("1", "建筑用房", "墙面、墙体是否完好", "宣传栏龙骨锈蚀严重。", "已报修。"),
        ("", "", "栏杆、扶手是否牢固", "正常。", ""),
        ("2", "消防", "消防通道是否畅通", "正常。", ""),
        ("3", "用电", "是否有裸露电线", "日光灯管损坏一个。", "已更换。"),
    )
    items = table_items(rows, 2024)
    assert [(i.seq, i.category, i.problem, i.measures) for i in items] == [
        ("1", "建筑用房", "宣传栏龙骨锈蚀严重。", "已报修。"),
        ("3", "用电", "日光灯管损坏一个。", "已更换。"),
    ]


def test_a_point_naming_a_field_counts_its_findings_in_words() -> None:
    from anjian.ingest.extract import extract_text

    text = (
        "关于建筑施工安全检查情况的通报\n二、存在的问题\n1、施工企业：对项目部的安全管理不到位。\n"
        "2、施工现场：一是规章制度不健全；二是施工现场管理粗放，材料混堆乱放；三是无专家论证审查意见。\n"
        "3、监理单位：项目总监缺岗现象较为普遍。\n"
    )
    found = extract_text(text)
    assert [(i.seq, i.category) for i in found.items] == [
        ("1", "存在的问题"),
        ("2、一是", "施工现场"),
        ("2、二是", "施工现场"),
        ("2、三是", "施工现场"),
        ("3", "存在的问题"),
    ]


def test_three_rows_with_their_own_items_name_items_but_sections_listing_criteria_stay_sections() -> None:
    from anjian.ingest.parsers.assessment import table_scheme

    named = (
        ("序号", "评分项目", "评分标准", "应得分"),
        ("1", "安全生产责任制度", "未建立责任制度的，扣10分", "25"),
        ("2", "安全生产资金保障制度", "未建立制度的，扣10分", "20"),
        ("3", "安全教育培训制度", "未建立制度的，扣20分", "20"),
    )
    assert [(s.section, s.text[:8], s.points) for s in table_scheme(named).scores] == [
        ("", "安全生产责任制度", 25),
        ("", "安全生产资金保障", 20),
        ("", "安全教育培训制度", 20),
    ]
    sections = tuple((a, b, c, "1、建立机构，扣1分。2、配备人员，扣1分。") for a, b, c, _ in named)
    assert all(s.section for s in table_scheme(sections).scores)


def test_records_numbered_on_their_first_label() -> None:
    from anjian.ingest.extract import extract_text

    text = (
        "某中学安全隐患整改报告\n现将整改情况汇报如下：\n隐患1：周界报警未开启。\n整改措施：已开启周界报警。\n"
        "隐患2：进出人员登记不全。\n整改措施：严格执行来访登记制度。\n"
    )
    found = extract_text(text)
    assert [(i.seq, i.problem, i.measures) for i in found.items] == [
        ("1", "周界报警未开启。", "已开启周界报警。"),
        ("2", "进出人员登记不全。", "严格执行来访登记制度。"),
    ]


def test_a_reading_apps_buttons_are_chrome_and_name_no_genre() -> None:
    from anjian.ingest.extract import extract_text
    from anjian.ingest.parsers.title import is_chrome

    assert all(
        is_chrome(t)
        for t in ("创建于08-31", "阅读 583", "收藏TA", "需扫码在手机上打开", "文章后点击更新提醒")
    )
    text = (
        "2024年开学安全检查\n创建于08-31\n阅读 583\n文章后点击更新提醒\n科研处检查图书馆、体育馆\n存在问题如下:\n"
        "一、体育馆\n1.部分灭火器过期未检查\n2.一楼中间方柱瓷砖脱落\n"
    )
    assert extract_text(text).genre == "rectification"
