"""Round 22 (split.py): shapes of the eleventh and twelfth unseen parts once scored, written as invented
documents: a letter's numbered points laid out as a table without a header (marker | text, a sheet's rows), a
story telling what inspections found at one named place a paragraph, problems numbered inline after a lead
ending `隐患情况:`, requirements `一是…` after a lead naming the problems, seized goods counted in 箱 and 盘, and a
news story's dated first sentence that names the campaign, not the genre."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from anjian.ingest.document import Paragraph, SourceDocument, Table
from anjian.ingest.extract import extract_document, extract_file, extract_text
from anjian.ingest.parsers.report import stats_of


def _doc(*blocks: Paragraph | Table) -> SourceDocument:
    return SourceDocument(tuple(blocks), "xlsx")


def test_numbered_points_in_a_headerless_table_are_read_as_the_letters_points(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    rows = [
        ("某县应急管理局关于做好寒潮天气安全防范工作的提醒", None),
        ("各乡镇、各有关企业:近期寒潮来袭,请做好以下工作:", None),
        ("1", "密切关注天气变化。及时发布预警信息,提醒员工做好保暖。"),
        ("2", "切实关注用电安全。严格控制大功率取暖设备的使用。"),
        ("3", "重点关注消防安全。加强动火作业管理,确保消防设施完好有效。"),
    ]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("A2:B2")
    workbook.save(tmp_path / "tixing.xlsx")
    found = extract_file(tmp_path / "tixing.xlsx")
    assert found.genre == "reminder"
    assert [(i.seq, (i.measures or "")[:8]) for i in found.items] == [
        ("1", "密切关注天气变化"), ("2", "切实关注用电安全"), ("3", "重点关注消防安全")
    ]


def test_chinese_numbered_rows_count_on_and_a_table_with_a_header_stays_a_table() -> None:
    listed = extract_document(
        _doc(
            Paragraph("致广大渔民朋友的一封信"),
            Paragraph("入冬以来,大风天气多发,海上渔业生产环境恶劣。为此提醒大家:"),
            Table((("一", "加强值班瞭望,开启并用好雷达等避碰设备。"), ("二", "规范穿戴救生衣,遇到大风及时回港避风。"))),
        )
    )
    assert [i.seq for i in listed.items] == ["一", "二"]
    table = extract_document(
        _doc(
            Paragraph("某县燃气安全检查问题清单"),
            Table((("序号", "存在问题"), ("1", "餐饮店未安装燃气报警器。"), ("2", "气瓶与灶具间距不足。"))),
        )
    )
    assert [i.problem for i in table.items] == ["餐饮店未安装燃气报警器。", "气瓶与灶具间距不足。"]


def test_a_story_of_what_inspections_found_at_each_place_lists_the_problems() -> None:
    text = (
        "某市消防救援支队于8月31日开展夜查行动,全市共检查单位586家,发现火灾隐患872项,整改835项。\n"
        "城东消防大队在对城东加气站进行消防监督检查时发现,该单位地下消防水泵房内消防水泵擅自拆除。\n"
        "城西消防大队在检查城西商业城时,发现该单位三层封闭楼梯间内防火门闭门器损坏。\n"
        "消防救援人员对城南医院开展检查时发现,该场所存在部分疏散指示标志损坏等火灾隐患;城南敬老院存在"
        "应急照明灯故障等火灾隐患;城南中学存在部分灭火器过期等火灾隐患。\n"
        "针对存在火灾隐患的单位,检查人员要求现场立即整改。\n"
    )
    found = extract_text(text)
    assert found.genre == "rectification"
    assert [(i.problem or "")[:8] for i in found.items] == [
        "城东消防大队在对", "城西消防大队在检", "消防救援人员对城", "城南敬老院存在应", "城南中学存在部分"
    ]
    assert all(i.measures is None for i in found.items)


def test_problems_numbered_after_a_lead_ending_hazard_situation_are_problems() -> None:
    found = extract_text(
        "某县人民政府批复同意对某商行存在的重大火灾隐患实行挂牌督办。\n"
        "日前,消防大队在监督检查中发现某商行位于城关镇,建筑面积232平方米。存在的火灾隐患情况:1、建筑物的安全出口"
        "被封堵;2、未按规定设置应急照明灯、疏散指示标志。\n"
    )
    assert [(i.seq, i.measures) for i in found.items] == [("1", None), ("2", None)]
    assert (found.items[0].problem or "").startswith("建筑物的安全出口")


def test_requirements_after_a_lead_naming_the_problems_are_measures() -> None:
    found = extract_text(
        "近日,县交通运输局对客运站、货运企业进行安全检查。\n"
        "检查中对安全例会是否定期召开等情况进行了检查。对在检查中存在的问题明确作出了要求,一是各运输企业要完善"
        "各项安全管理制度,确保车辆技术状况良好。二是运管部门要加大突击检查力度,及时督促整改。\n"
    )
    assert found.genre == "reminder"
    assert [(i.seq, i.problem) for i in found.items] == [("一是", None), ("二是", None)]


def test_seized_goods_counted_in_boxes_and_coils_are_figures_and_a_slogan_is_not() -> None:
    stats = stats_of(["坚持全镇一盘棋,收缴非法储存烟花25箱、鞭炮24盘。"])
    assert [(s.what, s.value, s.unit) for s in stats] == [("收缴非法储存烟花", 25, "箱"), ("鞭炮", 24, "盘")]


def test_a_dated_first_sentence_names_the_campaign_not_the_genre() -> None:
    found = extract_text(
        "5月18日—5月20日,全省城镇燃气安全排查整治工作第九督导组组长率队赴某市开展全省城镇燃气安全排查整治第二阶段"
        "督导检查。\n"
        "督导组先后深入13个点位检查了燃气安全宣传、隐患排查工作落实情况。\n"
        "组长强调,一是要高度重视,充分认识燃气安全的重要性。二是要压紧压实责任,完善燃气专项应急预案。"
        "三是要抓好问题整改,建立整改台账,细化整改措施。\n"
    )
    assert found.genre == "reminder"
    assert [i.seq for i in found.items] == ["一是", "二是", "三是"]
