"""Round 7 of issue 18 (helper G4): items of exposure pages laid out one field per line.

Every text here is invented; each test fails without the cue it names.
"""

from __future__ import annotations

from anjian.ingest.extract import extract_text, to_schema_json
from anjian.ingest.parsers.prose import prose_items
from anjian.ingest.parsers.tables import table_items


def _items(text: str) -> list[tuple[str | None, str | None, str | None]]:
    found = to_schema_json(extract_text(text))["items"]
    return [(i["seq"], i["category"], i["problem"]) for i in found]


def test_the_separator_after_a_listed_problem_is_not_part_of_it() -> None:
    # given problems listed one per line, each closed by the list's `；`
    text = "\n".join(["检查发现的问题清单", "一、东街某面馆存在问题", "1.灶台旁堆放纸箱；", "2.燃气管道老化。"])
    # then the problems end where their text ends
    assert [problem for _, _, problem in _items(text)] == ["灶台旁堆放纸箱", "燃气管道老化。"]


def test_leading_zero_group_lines_put_their_number_in_front_of_the_restarted_numbering() -> None:
    # given groups numbered 01, 02 above a `一、` outline restarting in each group
    texts = [
        "现将检查发现的火灾隐患曝光如下：",
        "01商业网点",
        "一、某某便利店",
        "隐患问题：1.灭火器过期；2.安全出口上锁。",
        "二、某某文具店",
        "隐患问题：1.电线私拉乱接。",
        "02 餐饮场所",
        "一、某某小吃店",
        "隐患问题：1.油烟管道未清洗；2.液化气瓶放在厨房外。",
        "二、某某烧烤店",
        "隐患问题：1.灭火器压力不足。",
    ]
    items = prose_items(texts, 2024, problem_list=True)
    # then each item's seq carries its group's number, its category the inner heading
    assert [(i.seq, i.category) for i in items] == [
        ("01、一、1", "某某便利店"),
        ("01、一、2", "某某便利店"),
        ("01、二、1", "某某文具店"),
        ("02、一、1", "某某小吃店"),
        ("02、一、2", "某某小吃店"),
        ("02、二、1", "某某烧烤店"),
    ]


def test_a_group_of_one_unnumbered_problem_is_numbered_by_its_group() -> None:
    texts = [
        "01",
        "隐患单位名称：",
        "某某五金商行",
        "存在隐患：",
        "1.配电箱周边堆放可燃物；",
        "2.疏散通道被占用。",
        "02",
        "隐患单位名称：",
        "某某木器加工厂",
        "存在隐患：",
        "车间内吸烟现象未制止。",
    ]
    items = prose_items(texts, 2024, problem_list=True)
    assert [(i.seq, i.category, i.problem) for i in items] == [
        ("01、1", "某某五金商行", "配电箱周边堆放可燃物"),
        ("01、2", "某某五金商行", "疏散通道被占用。"),
        ("02", "某某木器加工厂", "车间内吸烟现象未制止。"),
    ]


def test_record_labels_on_lines_of_their_own_name_the_unit_and_hold_its_problem() -> None:
    # given a page that breaks every field onto its own line, a long problem without a final stop
    text = "\n".join(
        [
            "某区消防救援大队对近期检查发现的火灾隐患单位予以曝光。",
            "隐患单位",
            "某某物流有限公司",
            "存在隐患：仓库内违规设置员工宿舍且疏散通道被货物堆放占用严重影响人员疏散",
            "隐患单位",
            "某某家具城",
            "存在隐患：室内消火栓被遮挡",
        ]
    )
    # then the label line is not read as the end of the long problem, and each unit is the category
    assert _items(text) == [
        ("", "某某物流有限公司", "仓库内违规设置员工宿舍且疏散通道被货物堆放占用严重影响人员疏散"),
        ("", "某某家具城", "室内消火栓被遮挡"),
    ]


def test_a_problem_cell_listing_numbered_problems_gives_one_item_each_under_its_row_and_group() -> None:
    # given an exposure table: group rows numbered 01, 02, rows numbered 一、二、 and a cell of numbered problems
    rows = (
        ("序号", "单位名称", "地址", "隐患问题"),
        ("01商业网点", "", "", ""),
        ("一、", "某某便利店", "某路1号", "1.灭火器过期；2.安全出口上锁。"),
        ("02餐饮场所", "", "", ""),
        ("一、", "某某小吃店", "某街2号", "1、油烟管道未清洗。"),
    )
    items = table_items(rows, 2024)
    # then each problem is an item numbered under its row's and its group's numbers
    assert [(i.seq, i.category, i.problem) for i in items] == [
        ("01、一、1", "某某便利店", "灭火器过期；"),  # the separator goes when the document's items are gathered
        ("01、一、2", "某某便利店", "安全出口上锁。"),
        ("02、一、1", "某某小吃店", "油烟管道未清洗。"),
    ]


def test_numbered_problems_continued_on_the_rows_below_keep_their_row_number() -> None:
    # given a 建筑（单位）名称 column (the site, not who answers) and problems one per row under a numbered site
    rows = (
        ("序号", "建筑（单位）名称", "存在火灾隐患"),
        ("01", "某某宾馆", "1.消防控制室无人值班；"),
        ("", "", "2.应急照明损坏。"),
        ("02", "某某商场", "防火卷帘下堆放货物。"),
    )
    items = table_items(rows, 2024)
    assert [(i.seq, i.category, i.problem, i.units) for i in items] == [
        ("01、1", "某某宾馆", "消防控制室无人值班；", ()),
        ("01、2", "某某宾馆", "应急照明损坏。", ()),
        ("02", "某某商场", "防火卷帘下堆放货物。", ()),
    ]


def test_a_paragraph_opening_with_its_first_requirement_is_cut_at_the_next_ones() -> None:
    # given a notice's requirements run into one paragraph that starts with `一、`, separated by half-width `;`
    text = "\n".join(
        [
            "关于做好国庆期间安全防范工作的通知",
            "各乡镇人民政府：",
            "一、压实节日期间值班值守和领导带班责任，确保各项工作有人抓有人管;二、加强商场超市等人员密集场所的消防安全检查;"
            "三、强化道路交通和旅游景区安全管理;四、做好突发事件应急处置准备工作，发生情况及时报告。",
        ]
    )
    items = to_schema_json(extract_text(text))["items"]
    # then each requirement is an item, a `;` after it marking it as a sentence, not a heading
    assert [(i["seq"], i["measures"]) for i in items] == [
        ("一", "压实节日期间值班值守和领导带班责任，确保各项工作有人抓有人管"),
        ("二", "加强商场超市等人员密集场所的消防安全检查"),
        ("三", "强化道路交通和旅游景区安全管理"),
        ("四", "做好突发事件应急处置准备工作，发生情况及时报告。"),
    ]
