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
