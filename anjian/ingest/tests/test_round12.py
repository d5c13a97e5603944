"""Round 12 (split.py), tuned on unseen6 (1NN) once scored; invented documents only."""

from __future__ import annotations


def test_score_sheets_and_evaluation_rules_name_schemes() -> None:
    from anjian.ingest.parsers.genre import title_genre

    assert title_genre("烟花爆竹经营(零售)单位安全审查得分表") == "assessment"
    assert title_genre("消防安全重点单位消防安全评价细则") == "assessment"
    assert title_genre("消防安全社区达标验收细则") == "assessment"
