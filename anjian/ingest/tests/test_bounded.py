"""Bounded parsing: the sandbox's limits, and worst-case files read in linear time and bounded memory.

The worst cases are generated here (openpyxl, zipfile): a 5 KB sheet declaring A1:XFD1048576, a
100,000-paragraph .docx, a 300,000-row sheet. Each is parsed in the sandbox's child under the default
limits (10 s CPU, 256 MB), which reports its own CPU time and peak RSS (VmHWM).
"""

from __future__ import annotations

import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from anjian.ingest.document import Table
from anjian.ingest.errors import IngestError
from anjian.ingest.extract import extract_file_json
from anjian.ingest.readers import read_document
from anjian.ingest.readers.guard import MAX_GRID_SPAN, MAX_PARAGRAPHS, MAX_TABLE_CELLS
from anjian.ingest.readers.text import blocks_of_text
from anjian.ingest.readers.xlsx_stream import iter_rows
from anjian.ingest.sandbox import DEFAULT_CPU_SECONDS, DEFAULT_MEMORY_MB, run_limited, run_measured
from anjian.ingest.source import _read_file
from anjian.ingest.tests.documents import docx_from_text
from anjian.ingest.tests.worst_cases import far_columns_xlsx, paragraphs_docx, rows_xlsx, table_docx, xfd_xlsx

MB = 1024 * 1024


# ---- functions the child runs (module level, so they travel by name) ------------------------------


def count_rows(path: Path) -> int:
    """The rows the streaming reader (the hazard-table import's) gives."""
    return sum(1 for _ in iter_rows(path))


def spin() -> None:
    while True:
        pass


def grow(total: int) -> int:
    chunks = [bytearray(MB) for _ in range(total // MB)]
    return len(chunks)


def die_out_of_memory() -> None:
    """What the child does when even its report ran out of memory."""
    import os

    from anjian.ingest.sandbox import OUT_OF_MEMORY_EXIT

    os._exit(OUT_OF_MEMORY_EXIT)


def grow_wrapped(total: int) -> int:
    """As a reader does: the library's MemoryError re-raised as the reader's own "corrupt" error."""
    try:
        return grow(total)
    except MemoryError as exc:
        raise IngestError("corrupt", "MemoryError", "MemoryError") from exc


# ---- the sandbox ------------------------------------------------------------------------------------


def test_a_parse_past_the_cpu_limit_is_stopped_and_named() -> None:
    with pytest.raises(IngestError) as caught:
        run_limited(spin, cpu_s=1, wall_s=60)
    assert caught.value.code == "limit_exceeded"
    assert "CPU 时间上限 1 秒" in caught.value.message_zh


def test_a_parse_past_the_memory_limit_is_stopped_and_named() -> None:
    assert run_limited(grow, 16 * MB, mem_bytes=256 * MB) == 16  # under the limit: the result
    with pytest.raises(IngestError) as caught:
        run_limited(grow, 512 * MB, mem_bytes=200 * MB)
    assert caught.value.code == "limit_exceeded"
    assert "内存上限 200 MB" in caught.value.message_zh


def test_a_child_that_could_not_even_report_its_memory_error_is_named_by_its_exit_status() -> None:
    """Seen on PostgreSQL CI: the 300,000-row sheet's child died at the memory limit with status 1 and no
    message, and the user was told the file was damaged."""
    with pytest.raises(IngestError) as caught:
        run_limited(die_out_of_memory, mem_bytes=200 * MB)
    assert caught.value.code == "limit_exceeded"
    assert "内存上限 200 MB" in caught.value.message_zh


def test_a_reader_that_wraps_the_memory_error_still_reports_the_memory_limit() -> None:
    """Seen in CI: the whole-document reader of a 300,000-row sheet hit the memory limit inside openpyxl,
    whose MemoryError the reader wraps as "corrupt" — the user was told the file was damaged."""
    with pytest.raises(IngestError) as caught:
        run_limited(grow_wrapped, 512 * MB, mem_bytes=200 * MB)
    assert caught.value.code == "limit_exceeded"
    assert "内存上限 200 MB" in caught.value.message_zh


def test_the_caller_waits_at_most_the_wall_limit() -> None:
    run_limited(len, "warm the fork server up")
    started = time.monotonic()
    with pytest.raises(IngestError) as caught:
        run_limited(time.sleep, 120, wall_s=1)
    assert time.monotonic() - started < 5
    assert "耗时上限 1 秒" in caught.value.message_zh


def test_a_reader_error_in_the_child_reaches_the_caller_as_itself(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as caught:
        run_limited(extract_file_json, str(tmp_path / "missing.docx"))
    assert caught.value.code == "not_found"


# ---- worst cases under the default limits -----------------------------------------------------------


def _within_defaults(fn: object, *args: object) -> object:
    result, usage = run_measured(fn, *args)  # type: ignore[arg-type]
    print(f"{getattr(fn, '__name__', fn)}: CPU {usage.cpu_s:.2f} s, peak RSS {usage.peak_rss_bytes / MB:.0f} MB")
    assert usage.cpu_s < DEFAULT_CPU_SECONDS
    assert usage.peak_rss_bytes < DEFAULT_MEMORY_MB * MB
    return result


def test_a_sheet_declaring_a1_to_xfd1048576_is_read_from_its_cells(tmp_path: Path) -> None:
    path = xfd_xlsx(tmp_path / "xfd.xlsx")
    assert path.stat().st_size < 8 * 1024

    # extraction (`anjian extract`), the document import, the hazard-table reader
    extracted = _within_defaults(extract_file_json, str(path))
    read = _within_defaults(_read_file, str(path), 1000)
    rows = list(iter_rows(path))

    assert extracted["items"] == [] and read.title.startswith("隐患排查整治台账")  # type: ignore[index,attr-defined]
    assert [number for number, _ in rows] == [1, 1048576] and len(rows[1][1]) == 16384


def test_a_docx_just_under_the_paragraph_budget_is_extracted_within_the_limits(tmp_path: Path) -> None:
    path = paragraphs_docx(tmp_path / "long.docx", MAX_PARAGRAPHS - 10)
    extracted = _within_defaults(extract_file_json, str(path))
    items = extracted["items"]  # type: ignore[index]
    assert len(items) >= 999 and items[0]["measures"].startswith("第1条")  # list numbers go to 999


def test_a_hundred_thousand_paragraph_docx_is_refused_at_once_naming_the_limit(tmp_path: Path) -> None:
    # It took 4 minutes once, then about 8 s of the 10 s budget on a slow day: past the budget it is refused.
    for path in (paragraphs_docx(tmp_path / "long.docx", 100_000), tmp_path / "long.txt"):
        if path.suffix == ".txt":
            path.write_text("\n".join(f"第{n}条 检查消防通道" for n in range(100_000)), encoding="utf-8")
        started = time.monotonic()
        with pytest.raises(IngestError) as caught:
            run_limited(extract_file_json, str(path))
        assert caught.value.code == "too_large"
        assert f"段落超过上限 {MAX_PARAGRAPHS} 个" in caught.value.message_zh
        assert time.monotonic() - started < 8


def test_three_hundred_thousand_rows_stream_in_bounded_memory(tmp_path: Path) -> None:
    path = rows_xlsx(tmp_path / "rows.xlsx", 300_000)
    # The hazard-table reader keeps one row at a time: memory does not grow with the sheet.
    count, usage = run_measured(count_rows, path, cpu_s=300, wall_s=600)
    print(f"300,000 rows: CPU {usage.cpu_s:.2f} s, peak RSS {usage.peak_rss_bytes / MB:.0f} MB")
    assert count == 300_001
    assert usage.peak_rss_bytes < 128 * MB
    # The whole-document reader refuses a sheet past its cell budget at once, naming the limit, instead of
    # working until the sandbox's CPU limit stops it (about 50 µs a cell would be 75 s here).
    started = time.monotonic()
    with pytest.raises(IngestError) as caught:
        run_limited(extract_file_json, str(path))
    assert caught.value.code == "too_large"
    assert f"表格单元格超过上限 {MAX_TABLE_CELLS} 个" in caught.value.message_zh
    assert time.monotonic() - started < 5


def test_a_sheet_just_under_the_cell_budget_is_extracted_within_the_limits(tmp_path: Path) -> None:
    rows = MAX_TABLE_CELLS // 5 - 10  # five cells a row, the header included
    path = rows_xlsx(tmp_path / "rows.xlsx", rows)
    extracted = _within_defaults(extract_file_json, str(path))
    assert len(extracted["items"]) == rows  # type: ignore[index]


def test_cells_far_apart_in_every_row_are_read_as_two_columns(tmp_path: Path) -> None:
    # Padding each row to its last cell made 20,000 rows 327 million cells; empty columns are dropped.
    path = far_columns_xlsx(tmp_path / "far.xlsx", 20_000)
    extracted = _within_defaults(extract_file_json, str(path))
    assert extracted["items"] == []  # type: ignore[index]
    table = next(b for b in read_document(path).blocks if isinstance(b, Table))
    assert table.rows[0] == ("甲", "乙") and len(table.rows) == 20_000


def test_text_and_word_tables_past_the_cell_budget_are_refused_naming_the_limit(tmp_path: Path) -> None:
    rows = MAX_TABLE_CELLS // 2 + 1
    with pytest.raises(IngestError) as caught:
        blocks_of_text("\n".join(f"{i}\t消防通道堵塞" for i in range(rows)))
    assert caught.value.code == "too_large" and str(MAX_TABLE_CELLS) in caught.value.message_zh
    with pytest.raises(IngestError) as caught:
        read_document(table_docx(tmp_path / "big.docx", rows))
    assert caught.value.code == "too_large"


def test_a_word_cell_declaring_a_huge_column_span_is_capped(tmp_path: Path) -> None:
    source = docx_from_text("问题清单\n序号\t存在问题\n1\t消防通道堵塞", tmp_path / "span.docx")
    staged = tmp_path / "huge-span.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:tc><w:tcPr>", b'<w:tc><w:tcPr><w:gridSpan w:val="900000000"/>', 1)
            dst.writestr(info, data)
    table = next(b for b in read_document(staged).blocks if isinstance(b, Table))
    assert max(len(row) for row in table.rows) <= MAX_GRID_SPAN + 1


def test_a_legacy_doc_is_still_converted_by_libreoffice_inside_the_sandbox(tmp_path: Path, libreoffice: str) -> None:
    # LibreOffice maps far more than the parse's 256 MB: it gets its limits back and is bounded by its timeout
    source = docx_from_text("关于开展燃气安全检查的提醒函\n1.开展餐饮场所燃气检查，2024年9月底前完成。", tmp_path / "a.docx")
    subprocess.run(
        [libreoffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
         "doc", "--outdir", str(tmp_path / "out"), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    extracted = run_limited(extract_file_json, str(tmp_path / "out" / "a.doc"), wall_s=120)
    assert extracted["items"][0]["deadline"] == "2024-09-30"


def test_round_10_and_11_readers_stay_linear_on_their_worst_shapes(tmp_path: Path) -> None:
    # A sharing-site preview glued into one 2 MB line of sections and rows (parsers/glued.py), then 40,000 lines
    # of labelled records (parsers/records.py) and of sites over their faults (prose._site_pairs).
    section = "(一)办公室(10分)1、未设置办公室的扣2分;2、未指定专人的,扣3分;一、工作保障(20分)"
    glued = "1、考核评分细则工作内容评分细则检查方法扣分情况得分" + section * (2 * MB // len(section.encode()))
    records = "\n".join(f"学校名称：城东第{n}小学\n问题隐患：围墙开裂\n整改时限：2025年8月28日" for n in range(10_000))
    pairs = "\n".join(f"城东第{n}幼儿园\n灭火器过期未检修、缺少疏散楼梯。" for n in range(5_000))
    path = tmp_path / "worst.txt"
    path.write_text("\n".join([glued, records, pairs]), encoding="utf-8")
    extracted = _within_defaults(extract_file_json, str(path))
    assert extracted["genre"]  # type: ignore[index]


# One line each, of a shape a reader used to search again from every row or figure (each took 10-48 s here before
# round 22): a glued section `名称12分` over 6,000 rows `2明确…(2分)。`, points chained `1、…;2、…;` 24,000 times,
# 4,000 figures in a row (`检查企业3家,发现隐患3处,罚款3万元。`), 16,000 bracketed tasks each with its deadline.
_ONE_LINE_SHAPES = {
    "glued_named_total": "考核项目考核内容评分标准消防安全责任12分"
    + "".join(f"{i}明确职责分工(2分)。" for i in range(1, 6001)),
    "chained_points": "1、考核评分细则工作内容评分细则检查方法扣分情况得分"
    + "".join(f"{i}、未设置办公室的扣2分;" for i in range(1, 24001)),
    "figures": "".join(f"第{i}项 检查企业{i}家,发现隐患{i}处,罚款{i}万元。" for i in range(4000)),
    "dated_tasks": "".join(f"({i})消防通道堵塞,责任单位:县应急管理局,2025年6月30日前完成;" for i in range(1, 16001)),
}


@pytest.mark.parametrize("shape", sorted(_ONE_LINE_SHAPES))
def test_round_22_one_line_shapes_are_read_in_linear_time(tmp_path: Path, shape: str) -> None:
    path = tmp_path / f"{shape}.txt"
    path.write_text(_ONE_LINE_SHAPES[shape], encoding="utf-8")
    extracted = _within_defaults(extract_file_json, str(path))
    assert extracted["genre"]  # type: ignore[index]
    if shape == "glued_named_total":
        assert len(extracted["scores"]) == 6000  # type: ignore[index]
    if shape == "figures":
        assert len(extracted["stats"]) == 12000  # type: ignore[index]
