"""Round 18 (split.py): scoring tables a document-sharing site's preview glued into one run of text, in the
shapes its earlier rounds did not read (their `.docx` and `.xlsx` forms already scored): a points column between
text columns, sections numbered like their rows with rows `(1)`, `(2)` under them, and sections printed
`名称12分` over rows that print their own `(4分)`; invented documents only."""

from __future__ import annotations

from anjian.ingest.extract import extract_text

_PAGE = "某某文库\n文档编号:123456 上传人:someone\n"


def _scores(found: object) -> list[tuple[str, float | None]]:
    return [(s.seq, s.points) for s in found.scores]  # type: ignore[attr-defined]


def test_a_points_column_between_text_columns_prices_each_row_by_the_figure_after_its_first_cell() -> None:
    text = _PAGE + (
        "1、某县燃气经营企业安全考核表序号考核项目标准分考核内容扣分标准1组织机构3查是否成立安全领导小组。"
        "未成立扣3分。2隐患排查5查排查台账,每月不少于2次。无台账扣5分,每缺1次扣1分。3应急演练4查演练记录。"
        "未演练扣4分。4安全培训3查培训记录,培训不少于3人。未培训扣3分。"
    )
    found = extract_text(text)
    assert found.genre == "assessment"
    assert _scores(found) == [("1", 3), ("2", 5), ("3", 4), ("4", 3)]
    assert [s.text[:4] for s in found.scores] == ["组织机构", "隐患排查", "应急演练", "安全培训"]


def test_sections_numbered_like_rows_hold_bracketed_rows_with_their_points_at_the_end() -> None:
    text = _PAGE + (
        "1、某镇安全生产工作考核标准序号考核内容考核标准分值总分1队伍建设(1)建立专职安全队伍(2分);配备装备(1分)"
        "3分10分(2)开展队伍培训,每少1次扣1分7分2制度建设(1)制定安全生产责任制度每缺1项扣1分4分12分"
        "(2)落实隐患排查制度,每少1次扣0.5分8分"
    )
    found = extract_text(text)
    assert [(s.seq, s.section, s.points) for s in found.scores] == [
        ("1(1)", "队伍建设", 3), ("1(2)", "队伍建设", 7), ("2(1)", "制度建设", 4), ("2(2)", "制度建设", 8)
    ]
    assert dict(found.section_totals) == {"队伍建设": 10, "制度建设": 12}


def test_a_section_total_before_its_bracketed_rows_and_rows_worth_their_full_marks() -> None:
    text = _PAGE + (
        "1、某区住建部门防灾工作评价细则序号评价指标分值评分标准备注1监测预警6分(1)是否协助建设监测站点,满分4分。"
        "(2)是否及时报送灾情信息,满分2分。2隐患治理9分(1)是否开展房屋安全排查,满分5分。(2)是否督促加固整治,满分4分。"
    )
    found = extract_text(text)
    assert _scores(found) == [("1(1)", 4), ("1(2)", 2), ("2(1)", 5), ("2(2)", 4)]
    assert dict(found.section_totals) == {"监测预警": 6, "隐患治理": 9}


def test_a_named_section_total_run_into_rows_that_print_their_own_points() -> None:
    text = _PAGE + (
        "1、某市宾馆消防安全管理评分细则项目序号评分内容评分标准扣分组织管理10分1明确消防安全责任人和管理人(4分)。"
        "1.未明确责任人的扣2分。2.未明确管理人的扣2分。2制定年度消防工作计划(3分)。未制定的扣3分。"
        "3每月组织防火检查并记录(3分)。1.未检查的扣2分。2.无记录的扣1分。"
    )
    found = extract_text(text)
    assert [(s.seq, s.section, s.points) for s in found.scores] == [
        ("1", "组织管理", 4), ("2", "组织管理", 3), ("3", "组织管理", 3)
    ]
    assert dict(found.section_totals) == {"组织管理": 10}


def test_a_story_of_a_check_telling_the_faults_to_fix_without_counting_them_is_a_problem_list() -> None:
    text = (
        "为做好节前安全工作,某局对辖区内一家商场进行了消防安全检查。检查中发现该商场仍然存在:疏散通道堆放杂物;"
        "部分灭火器过期;电线私拉乱接等安全隐患。检查组当场下发整改通知书,要求商场限期整改,确保节日期间安全。"
    )
    assert extract_text(text).genre == "rectification"


def test_a_story_of_a_check_that_counts_what_it_checked_and_found_stays_a_report() -> None:
    text = (
        "为做好节前安全工作,某局对辖区内商场进行了消防安全检查。此次共检查商场12家,发现安全隐患35处。"
        "部分商场存在疏散通道堆放杂物、灭火器过期等问题。检查组要求相关单位限期整改。"
    )
    assert extract_text(text).genre == "report"


# Round 19 (split.py), tuned on unseen10 (12NN) once scored at the end of round 18.


def test_bracketed_section_totals_over_unnumbered_rows_that_print_their_name_and_points_first() -> None:
    text = _PAGE + (
        "1、某类运输企业安全考核自评表项目及分值考核内容考核分数评分标准扣分得分车辆安全(100分)车辆事故率60分每增0.01次/车,"
        "扣5分车辆年检率40分每少1辆,扣10分人员管理(50分)驾驶员培训30分每缺一人扣2分安全例会20分每少一次扣5分"
    )
    found = extract_text(text)
    assert [(s.section, s.text[:5], s.points) for s in found.scores] == [
        ("车辆安全", "车辆事故率", 60), ("车辆安全", "车辆年检率", 40), ("人员管理", "驾驶员培训", 30), ("人员管理", "安全例会2", 20)
    ]
    assert dict(found.section_totals) == {"车辆安全": 100, "人员管理": 50}
