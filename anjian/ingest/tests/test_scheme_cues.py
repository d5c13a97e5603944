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
    assert got == [("1", "安全教育", 20, "item"), ("2", "隱患排查", 30, "item")]


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
