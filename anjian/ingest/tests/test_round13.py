"""Round 13 (split.py), tuned on unseen7 (0NN) once scored; invented documents only."""

from __future__ import annotations

from anjian.ingest.parsers.assessment import table_scheme


def test_a_column_of_kinds_beside_the_criteria_gives_each_row_its_kind() -> None:
    rows = (
        ("项目", "", "评定内容", "应得(扣)分", "实际得分"),
        ("调 整 分 项", "减 分 项", "1、未及时更新信息系统的", "-2", ""),
        ("", "", "2、未按时上报隐患自查情况的", "-1", ""),
        ("", "", "小计", "", ""),
        ("", "加 分 项", "1、进入化工园区的", "2", ""),
        ("", "", "2、连续五年无死亡事故的", "1", ""),
    )
    found = table_scheme(rows)
    assert [(s.seq, s.section, s.points, s.kind) for s in found.scores] == [
        ("1", "调整分项", 2, "deduction"),
        ("2", "调整分项", 1, "deduction"),
        ("1", "调整分项", 2, "bonus"),
        ("2", "调整分项", 1, "bonus"),
    ]
    assert found.scores[0].text == "未及时更新信息系统的"


def test_a_preview_cut_at_its_headings_is_run_together_again() -> None:
    from anjian.ingest.parsers.glued import glued_scheme

    texts = [
        "平安校园建设考核评估细则",
        "上传人:某某 文档编号:513876081 上传时间:2024-01-08",
        "1、 平安校园建设考核评估细则",
        "一、组织领导(14分)组织机构(5分)1、成立创建工作领导小组(2分)2、每年召开专题会议不少于4次(1分)"
        "创建规划(3分)1、创建工作纳入年度计划(2分)2、每年度有创建工作总结(1分)",
        "二、安全防范体系(48分)安全保卫(19分)1、",
        "2、重要部位有安全管理制度(3分)2、设立专门的安保部门(1分).3、按时参加安全工作例会(2分)",
    ]
    scores, totals, _ = glued_scheme(texts)
    assert totals == [
        ("组织领导", 14),
        ("组织机构", 5),
        ("创建规划", 3),
        ("安全防范体系", 48),
        ("安全保卫", 19),
    ]
    assert [(s.seq, s.section, s.points) for s in scores][-3:] == [
        ("二、1", "安全防范体系", 3),
        ("二、2", "安全防范体系", 1),
        ("二、3", "安全防范体系", 2),
    ]
