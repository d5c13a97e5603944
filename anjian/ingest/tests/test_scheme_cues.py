"""General cues of scored schemes and reports found on unseen documents (issue 18, round 5): invented texts."""

from __future__ import annotations

from anjian.ingest.extract import extract_text, to_schema_json
from anjian.ingest.parsers.assessment import table_scheme


def test_a_points_column_in_traditional_characters_is_read_as_one() -> None:
    rows = (
        ("序號", "考核內容", "扣分標準", "應得分數", "實得分數"),
        ("1", "安全教育", "未開展培訓的扣5分；未建檔案的扣2分。", "20", ""),
        ("2", "隱患排查", "未排查的扣10分。", "30", ""),
    )
    got = [(s.seq, s.text, s.points, s.kind) for s in table_scheme(rows).scores]
    assert got == [
        ("1", "安全教育 未開展培訓的扣5分；未建檔案的扣2分。", 20, "item"),
        ("2", "隱患排查 未排查的扣10分。", 30, "item"),
    ]


def test_a_scheme_flattened_into_one_line_without_spaces_is_split_at_its_markers() -> None:
    text = (
        "文檔簡介\n"
        "某單位消防工作考核評分表被考核單位:______一、組織領導(20分)1.明確消防安全責任人(5分)。未明確不得分。"
        "2.建立消防安全管理制度(15分)。缺一項扣3分,滅火器、消火栓等3.成立消防組織。"
        "二、消防設施(30分)1.設施配備齊全且完好有效(30分)。缺一項扣3分。\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["genre"] == "assessment"
    assert result["section_totals"] == {"組織領導": 20, "消防設施": 30}
    got = [(s["seq"], s["section"], s["points"]) for s in result["scores"]]
    assert got == [("1", "組織領導", 5), ("2", "組織領導", 15), ("1", "消防設施", 30)]


def test_a_report_in_traditional_characters_states_its_figures_with_their_printed_units() -> None:
    # The measure word as printed (項), without the pinyin gloss a repost put after it (round 10).
    from anjian.ingest.parsers.report import stats_of

    text = "截至目前,檢查組發現的41條問(wèn)題隱患,已整改34項(xiàng),共檢查企業1萬2千家,查處隱患45處。"
    got = [(s.what, s.value, s.unit) for s in stats_of([text])]
    assert got[:2] == [("檢查組發現的問(wèn)題隱患", 41, "條"), ("已整改", 34, "項")]
    assert got[-1] == ("查處隱患", 45, "處")
    assert stats_of(["投入資金3萬元"])[0].value == 30000


def test_a_heading_that_runs_on_into_unnumbered_criteria_totals_them_and_scores_each() -> None:
    text = (
        "某鎮安全生產考核細則\n"
        "為落實安全生產責任,特制定本細則:\n"
        "一、高度重視安全生產工作(該項指標為10分)。把安全生產納入全年工作的重要議事日程(4分)。"
        "完善安全監管主體責任,建立健全安全生產責任制(6分);\n"
        "二、隱患排查治理(本项共20分)\n"
        "1.建立隱患台賬。(20分)\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["section_totals"] == {"高度重視安全生產工作": 10, "隱患排查治理": 20}
    got = [(s["seq"], s["section"], s["points"], s["text_head"][:6]) for s in result["scores"]]
    assert got == [
        ("", "高度重視安全生產工作", 4, "把安全生產納"),
        ("", "高度重視安全生產工作", 6, "完善安全監管"),
        ("1", "隱患排查治理", 20, "建立隱患台賬"),
    ]


def test_a_table_printed_one_cell_per_line_between_bars_is_read_as_a_table() -> None:
    from anjian.ingest.readers.text import blocks_of_text

    cells = [
        ["序號", "考核內容", "扣分標準", "應得分數", "實得分數"],
        ["1", "安全教育", "未開展培訓的扣5分。", "20", ""],
        ["2", "隱患\n排查", "未排查的扣10分。", "30", ""],
        ["合 計", "", "", "50", ""],
    ]
    text = "某公司安全考核表\n\n" + "".join(
        "".join(f"{c}\n|\n" if c else "|\n" for c in row) + "|\n" for row in cells
    )
    blocks = blocks_of_text(text + "考核人:\n|\n")
    tables = [b for b in blocks if hasattr(b, "rows")]
    assert len(tables) == 1 and tables[0].rows[2][:2] == ("2", "隱患排查")
    result = to_schema_json(extract_text(text))
    assert result["genre"] == "assessment"
    assert [(s["seq"], s["points"]) for s in result["scores"]] == [("1", 20), ("2", 30)]


def test_a_deduction_standard_column_deducts_and_its_points_column_totals_the_item() -> None:
    rows = (
        ("项目", "分值", "扣分标准", "考核方法"),
        ("隐患治理", "20", "1、未建立隐患台账的,扣2分;2、重大隐患未挂牌督办的,每处扣1分。", "查阅资料"),
        ("应急管理", "10", "未制定应急预案的扣5分。", "查阅资料"),
    )
    found = table_scheme(rows)
    assert found.totals == (("隐患治理", 20),)
    got = [(s.seq, s.section, s.points, s.kind) for s in found.scores]
    assert got == [
        ("1", "隐患治理", 2, "deduction"),
        ("2", "隐患治理", 1, "deduction"),
        ("2", "应急管理", 10, "item"),
    ]


def test_a_notice_that_names_no_genre_is_sent_down_as_a_reminder() -> None:
    text = (
        "某市安委办转发《省安委办关于切实加强节日期间安全生产工作的紧急通知》的通知\n"
        "各乡镇人民政府、市直各部门：\n"
        "现将《省安委办关于切实加强节日期间安全生产工作的紧急通知》转发给你们，请认真贯彻落实。\n"
        "某市安委办\n"
        "2014年10月8日\n"
    )
    assert to_schema_json(extract_text(text))["genre"] == "reminder"
    # A notice of a report's kind keeps it: `…情况的通报` names its genre.
    report = "某市安委办关于节日期间安全生产情况的通报\n各乡镇：\n节日期间共检查企业120家，发现隐患35处。\n"
    assert to_schema_json(extract_text(report))["genre"] == "report"


def test_a_page_opening_with_a_dated_news_sentence_is_a_report_unless_it_lists_problems() -> None:
    story = (
        "12月10日至11日,县应急局、县消防大队组成安全生产大排查大整治第五检查组,对城区学校进行检查。\n"
        "行动开展以来,检查单位13家,查处安全隐患45处,要求停产整顿3家。\n"
        "1.下一步,检查组将持续跟踪督导,确保隐患整改到位。\n"  # one stray numbered line is no list
    )
    result = to_schema_json(extract_text(story))
    assert result["genre"] == "report"
    assert [(s["value"], s["unit"]) for s in result["stats"]] == [(13, "家"), (45, "处"), (3, "家")]
    listed = story + "检查发现以下问题:1.宿舍违规使用电热毯;2.消防通道堆放杂物。\n"
    assert to_schema_json(extract_text(listed))["genre"] != "report"


def test_a_flattened_item_value_deduction_table_totals_each_named_row() -> None:
    from anjian.ingest.parsers.flat import flat_scheme

    text = (
        "某镇安全生产工作考核细则 项目 分值 扣??分??标??准 考核方法 隐患 排查 治理 20 1、未建立隐患台账的,扣2分。"
        " 应急 管理 10 1、未制定应急预案的,扣5分。"
    )
    scores, totals, _ = flat_scheme([text])
    assert totals == [("隐患排查治理", 20), ("应急管理", 10)]
    assert [(s.points, s.kind) for s in scores] == [(2, "deduction"), (5, "deduction")]


def test_a_headline_figure_and_a_figure_referred_back_to_are_stated_once() -> None:
    text = (
        "某市暗查暗访查出隐患127处\n"
        "3月5日至8日,市安委办组织暗查暗访,对24家企业进行了检查,共查出安全隐患127处。"
        "这127处隐患中,有3家医院、3家宾馆。\n"
    )
    got = [(s["value"], s["unit"]) for s in to_schema_json(extract_text(text))["stats"]]
    assert got == [(24, "家"), (127, "处"), (3, "家"), (3, "家")]


def test_scoring_forms_and_schemes_named_otherwise_are_assessments_by_title() -> None:
    from anjian.ingest.parsers.genre import title_genre

    for title in (
        "職業安全主管考核表",
        "某镇安全生产量化考核实施细则",
        "关于印发2024年度安全生产考核方案的通知",
    ):
        assert title_genre(title) == "assessment", title
    assert title_genre("关于2023年度安全生产考核结果的通报") == "report"


def test_a_headings_total_written_after_a_colon_or_as_a_weight_is_its_total() -> None:
    text = (
        "某县安全生产考核细则\n"
        "一、安全责任：20分\n1.建立责任制。（10分）\n2.签订责任书。（10分）\n"
        "二、隐患治理（权重30分）\n1.建立隐患台账。（30分）\n"
        "三、应急管理 满分10分\n1.制定应急预案。（10分）\n"
    )
    result = to_schema_json(extract_text(text))
    assert result["section_totals"] == {"安全责任": 20, "隐患治理": 30, "应急管理": 10}
    assert [s["section"] for s in result["scores"]] == ["安全责任", "安全责任", "隐患治理", "应急管理"]


def test_points_closing_a_criterion_outside_round_brackets_score_it() -> None:
    text = (
        "某县安全生产考核细则\n"
        "一、安全责任（40分）\n"
        "1.建立安全生产责任制，10分。\n"
        "2.签订安全生产责任书……10分\n"
        "3.落实领导干部带班制度【10分】\n"
        "4.未开展安全检查的，扣2分。5分\n"
    )
    got = [(s["seq"], s["points"], s["kind"]) for s in to_schema_json(extract_text(text))["scores"]]
    assert got == [("1", 10, "item"), ("2", 10, "item"), ("3", 10, "item"), ("4", 2, "deduction")]
