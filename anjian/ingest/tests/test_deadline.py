"""The deadline resolver: every form the documents use, and properties over generated dates."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from anjian.ingest.deadline import find_dates, resolve_deadline


def value(text: str, year: int | None = None, *, field: bool = False) -> str | None:
    found = resolve_deadline(text, year, field=field)
    return found.schema_value() if found else None


def test_full_date_with_before_keeps_raw_without_final_stop() -> None:
    found = resolve_deadline("2022年11月15日前。", 2022, field=True)
    assert found is not None
    assert (found.raw, found.schema_value(), found.precision) == ("2022年11月15日前", "2022-11-15", "day")


def test_pdf_spacing_is_kept_in_raw() -> None:
    found = resolve_deadline("整改问题（2022 年 12 月 9 日前）。全面落实", 2022)
    assert found is not None
    assert (found.raw, found.schema_value()) == ("2022 年 12 月 9 日前", "2022-12-09")


def test_month_end_takes_document_year_and_is_flagged() -> None:
    found = resolve_deadline("10月底", 2023, field=True)
    assert found is not None
    assert (found.schema_value(), found.year_inferred) == ("2023-10-31", True)


def test_month_end_without_document_year_is_unresolved() -> None:
    assert value("10月底", None, field=True) is None


def test_year_end_forms() -> None:
    assert value("2024 年底前完成") == "2024-12-31"
    assert value("2025 年底以前，实现") == "2025-12-31"
    assert value("到2025年底前，基本形成") == "2025-12-31"
    assert value("年底前完成", 2022) == "2022-12-31"
    assert value("2024年6月底前依托省平台") == "2024-06-30"


def test_latest_of_several_dates_wins() -> None:
    found = resolve_deadline("2024年6月底前复查，2024年底前清退，2025年底前完成系统建设", None)
    assert found is not None
    assert (found.raw, found.schema_value()) == ("2025年底前", "2025-12-31")


def test_to_prefix_is_part_of_raw() -> None:
    found = resolve_deadline("到2024年底，建立机制；到2025年底，将安责险拓展", None)
    assert found is not None and found.raw == "到2025年底"


def test_bare_year_means_year_end() -> None:
    assert value("2024年推动开展试点。2025年依据规范推动达标") == "2025-12-31"


def test_chinese_numeral_date() -> None:
    assert value("二〇二二年十一月八日") == "2022-11-08"


def test_range_resolves_to_its_end() -> None:
    assert value("2022 年 5 月 24 日至 6 月 1 日") == "2022-06-01"


def test_long_term_and_immediate_only_in_fields() -> None:
    assert value("长期", field=True) == "long-term"
    assert value("立行立改", field=True) == "immediate"
    assert value("立即", field=True) == "immediate"
    assert value("重大事故隐患要立行立改，对于长期存在的严肃追究") is None


def test_recurring_first_frequency_and_date_beats_it() -> None:
    assert value("每季度带队检查至少1次（高危行业领域每月至少1次）") == "recurring:每季度"
    assert value("按照“一月一培训、一月一警示”的要求") == "recurring:每月"
    assert value("每年结合培训班，2024 年底前建立专家库") == "2024-12-31"


def test_book_titles_are_not_deadlines() -> None:
    assert value("落实《2024年度省级政府安全生产和消防工作考核要点》") is None
    assert value("严格落实《30万吨/年以下煤矿有序退出实施意见》") is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)), st.booleans(), st.booleans())
def test_any_printed_date_round_trips(day: date, spaced: bool, before: bool) -> None:
    gap = " " if spaced else ""
    printed = f"{day.year}{gap}年{gap}{day.month}{gap}月{gap}{day.day}{gap}日" + ("前" if before else "")
    found = resolve_deadline(f"要求{printed}。完成", None)
    assert found is not None
    assert found.due == day
    assert found.raw == printed


@given(st.integers(min_value=1990, max_value=2099), st.integers(min_value=1, max_value=12))
def test_month_end_is_last_day_of_month(year: int, month: int) -> None:
    found = resolve_deadline(f"{year}年{month}月底前", None)
    assert found is not None
    assert found.due == date(year, month, calendar.monthrange(year, month)[1])


@given(st.text(max_size=80))
def test_any_text_resolves_without_error_and_raw_is_a_substring(text: str) -> None:
    for found in find_dates(text, 2024):
        assert found.raw in text


def test_month_range_resolves_to_the_end_month() -> None:
    assert value("集中整治阶段（2023年5月—9月）") == "2023-09-30"
    assert value("2023年10月至2024年3月底") == "2024-03-31"


def test_dotted_and_dashed_table_dates() -> None:
    assert value("2023.12.31", field=True) == "2023-12-31"
    assert value("2023-12", field=True) == "2023-12-31"


def test_running_text_orders_at_once_unless_a_condition_comes_first() -> None:
    assert value("责令该厂立即停止违规动火作业，组织复查") == "immediate"
    assert value("请物业公司要立即清理楼道杂物") == "immediate"
    assert value("对拒不执行指令的，立即移交执法部门处理") is None  # a rule for a condition
    assert value("一旦发现险情立即撤离人员") is None
    assert value("对能够立即整改的，限期完成") is None
    assert value("重大隐患要立行立改，不得拖延") is None  # a principle, as before
    assert value("立即组织排查，2025年3月31日前报送结果") == "2025-03-31"  # a date wins
    assert value("立即组织排查，每月报送进展") == "immediate"


def test_a_standing_task_in_running_text_is_long_term() -> None:
    assert value("加强夜间巡查，长期坚持。") == "long-term"
    assert value("对长期存在的隐患严肃追究") is None  # 长期 describing something else
