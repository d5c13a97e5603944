"""General readings of scoring tables found on unseen documents (issue 18, round 7): invented tables."""

from __future__ import annotations

from anjian.ingest.extract import extract_text, to_schema_json
from anjian.ingest.parsers.assessment import scored_scheme, table_scheme
from anjian.ingest.parsers.criteria import criteria_scheme


def test_a_row_is_read_from_its_item_cell_and_a_section_total_loses_its_marker() -> None:
    # given a table whose 项目 spans two columns (section with its total | item) before 分值 and 考核内容
    rows = (
        ("序号", "项目", "", "分值", "考核内容", "评分标准"),
        ("1", "1、消防安全（20分）", "防火巡查记录", "12", "每日巡查并记录", "缺一次扣1分"),
        ("2", "", "消防器材维护", "8", "器材完好有效", "损坏一处扣2分"),
    )
    scheme = table_scheme(rows)
    # then the total is named without its `1、`, and each score's text opens with the item's cell
    assert scheme.totals == (("消防安全", 20),)
    assert [(s.text[:6], s.points) for s in scheme.scores] == [("防火巡查记录", 12), ("消防器材维护", 8)]


def test_numbered_items_under_a_spanning_section_row_are_items_not_sections() -> None:
    # given a 考核项目 column holding `二、…10分` rows across the table and `1、…` items under them
    rows = (
        ("考核项目", "分值", "考核方法", "评分标准"),
        ("一、培训教育工作 10分", "", "", ""),
        ("1、制定年度培训计划", "4分", "查看资料", "无计划扣4分"),
        ("2、开展岗位技能培训", "6分", "查看记录", "少一次扣1分"),
    )
    scheme = table_scheme(rows)
    # then the section keeps its name and total, and each row is an item read from its own cell on
    assert scheme.totals == (("培训教育工作", 10),)
    got = [(s.seq, s.section, s.text[:8], s.points, s.kind) for s in scheme.scores]
    assert got == [
        ("1", "培训教育工作", "制定年度培训计划", 4, "item"),
        ("2", "培训教育工作", "开展岗位技能培训", 6, "item"),
    ]


def test_task_criteria_with_their_own_points_are_scored_and_the_rule_column_is_not() -> None:
    # given a 目標任務 column (a traditional-character repost, 项目 printed 專案) whose numbered tasks carry
    # their points (計3分), beside a 考核標準 column of deduction rules
    rows = (
        ("序號", "專案", "標準分", "目標任務", "考核標準"),
        (
            "1",
            "隱患排查",
            "5分",
            "1、建立隱患台帳,計3分。\n2、每月開展排查,計2分。",
            "1、無台帳扣3分。\n2、每少1次扣1分。",
        ),
    )
    scheme = table_scheme(rows)
    # then the tasks are the scored items and the row's 標準分 totals its section
    assert scheme.totals == (("隱患排查", 5),)
    assert [(s.seq, s.points, s.kind) for s in scheme.scores] == [("1", 3, "item"), ("2", 2, "item")]


def test_numbered_contents_with_their_own_points_are_items_beside_a_rule_column() -> None:
    # given 考核项目 | 考核内容 | 评分标准 without a points column, the contents numbered `(1)` with their points
    rows = (
        ("考核项目", "考核内容", "评分标准", "得分"),
        ("1、应急管理（6分）", "（1）制定应急预案并备案（4分）", "未制定的扣4分", ""),
        ("", "（2）每年组织一次演练（2分）", "未演练的扣2分", ""),
    )
    scores, totals = criteria_scheme(rows)
    # then the contents are the scored items, the rules are not scored again, and the total loses its `1、`
    assert totals == [("应急管理", 6)]
    assert [(s.seq, s.text, s.points, s.kind) for s in scores] == [
        ("1", "制定应急预案并备案", 4, "item"),
        ("2", "每年组织一次演练", 2, "item"),
    ]


def test_bracketed_rules_that_deduct_under_a_scored_heading_are_deductions() -> None:
    # given `一、…(40分)` headings over `(一)` paragraphs that state a duty and what it costs
    texts = [
        "一、日常管理及评分标准(40分)",
        "(一)按时报送月度报表，未报送的每次扣2分。",
        "(二)建立值班制度，落实领导带班，发现脱岗一次扣1.5分。",
        "二、隐患治理及评分标准(60分)",
        "(一)隐患逾期未整改的每项扣3分。",
    ]
    scheme = scored_scheme(texts)
    # then each paragraph is a deduction of its first amount under its section, and the headings total
    assert scheme.totals == (("日常管理及评分标准", 40), ("隐患治理及评分标准", 60))
    got = [(s.seq, s.section, s.points, s.kind) for s in scheme.scores]
    assert got == [
        ("(一)", "日常管理及评分标准", 2, "deduction"),
        ("(二)", "日常管理及评分标准", 1.5, "deduction"),
        ("(一)", "隐患治理及评分标准", 3, "deduction"),
    ]


def test_a_bracketed_heading_without_an_amount_is_still_a_heading() -> None:
    texts = ["一、安全责任(30分)", "(一)责任体系", "1.签订责任书(5分)", "2.制定责任清单(5分)"]
    scheme = scored_scheme(texts)
    assert [(s.seq, s.points) for s in scheme.scores] == [("1", 5), ("2", 5)]


def test_a_scoring_table_cut_by_a_heading_line_keeps_its_header() -> None:
    # given a TAB table whose header is printed once, cut in two by a section line between its rows
    text = (
        "某单位安全生产考核细则\n"
        "考核项目\t分值\t考核方法\t评分标准\n"
        "1、制定年度工作计划\t4分\t查看资料\t无计划扣4分\n"
        "2、召开专题会议\t6分\t查看记录\t少一次扣2分\n"
        "二、隐患排查治理 10分\n"
        "1、建立隐患台账\t5分\t查看台账\t无台账扣5分\n"
        "2、按期完成整改\t5分\t现场核查\t逾期一项扣1分\n"
    )
    result = to_schema_json(extract_text(text))
    # then the rows after the cut are scored items as the rows before it
    got = [(s["seq"], s["text_head"][:6], s["points"], s["kind"]) for s in result["scores"]]
    assert got == [
        ("1", "制定年度工作", 4, "item"),
        ("2", "召开专题会议", 6, "item"),
        ("1", "建立隐患台账", 5, "item"),
        ("2", "按期完成整改", 5, "item"),
    ]


def test_a_flattened_rows_points_cell_after_its_name_is_the_items_value() -> None:
    # given a scoring table flattened to lines: name, points cell, method, rule separated by blanks
    texts = [
        "一、应急管理工作 10分",
        "1、修订应急预案 6分 查看资料 未修订扣3分",
        "2、组织应急演练 4分 查看记录 少一次扣1分",
    ]
    scheme = scored_scheme(texts)
    # then each row scores its points cell as an item, not its rule's deduction
    assert [(s.seq, s.points, s.kind) for s in scheme.scores] == [("1", 6, "item"), ("2", 4, "item")]


def test_points_a_traditional_character_criterion_earns_are_read() -> None:
    texts = ["一、組織領導(5分)", "1、成立領導小組,計3分。", "2、明確專人負責,計2分。"]
    scheme = scored_scheme(texts)
    assert [(s.seq, s.points, s.kind) for s in scheme.scores] == [("1", 3, "item"), ("2", 2, "item")]
