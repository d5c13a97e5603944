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
