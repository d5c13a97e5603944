"""Readers: text encodings, Word merged cells, Excel merged ranges and formulas, PDF via LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest

from anjian.ingest.document import Paragraph, Table
from anjian.ingest.errors import IngestError
from anjian.ingest.extract import extract_file, extract_text
from anjian.ingest.readers import read_document
from anjian.ingest.tests.documents import docx_from_text, ledger_xlsx, merged_cell_docx, pdf_from_docx

NOTICE = "关于开展燃气安全检查的通知\n整改时限：2023年10月底前"


def test_gbk_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(NOTICE.encode("gbk"))
    doc = read_document(path)
    assert doc.paragraphs() == NOTICE.split("\n")


def test_utf8_with_bom_and_utf16_with_bom_are_decoded(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + NOTICE.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(NOTICE.encode("utf-16"))
    assert read_document(tmp_path / "a.txt").paragraphs()[0] == "关于开展燃气安全检查的通知"
    assert read_document(tmp_path / "b.txt").paragraphs()[0] == "关于开展燃气安全检查的通知"


def test_undecodable_text_is_refused_not_garbled(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 8)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert caught.value.code == "undecodable"


def test_tab_lines_become_one_table() -> None:
    from anjian.ingest.readers.text import blocks_of_text

    blocks = blocks_of_text("标题\n序号\t问题\n\n1\t消防通道堵塞\n备注")
    assert blocks == (Paragraph("标题"), Table((("序号", "问题"), ("1", "消防通道堵塞"))), Paragraph("备注"))


def test_docx_merged_category_cell_appears_once(tmp_path: Path) -> None:
    doc = read_document(merged_cell_docx(tmp_path / "merged.docx"))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert [row[0] for row in table.rows] == ["问题类别", "消防安全", ""]


def test_docx_table_items_inherit_merged_category(tmp_path: Path) -> None:
    result = extract_file(merged_cell_docx(tmp_path / "merged.docx"))
    assert [(i.seq, i.category) for i in result.items] == [("1", "消防安全"), ("2", "消防安全")]
    assert result.items[1].units == ("各乡镇", "区应急局")
    assert result.items[0].deadline is not None and result.items[0].deadline.raw == "2023年10月底前"


def test_xlsx_merged_range_is_given_once_and_marked_continued_and_formula_kept_as_text(tmp_path: Path) -> None:
    doc = read_document(ledger_xlsx(tmp_path / "ledger.xlsx"))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert doc.blocks[0] == Paragraph("安全生产问题隐患整改台账")
    # As Word gives it: the merged 类别 once; the parser carries it down where the column's meaning allows.
    assert [row[1] for row in table.rows[1:]] == ["燃气安全", "", "道路交通"]
    assert table.continued == frozenset({(2, 1)})
    assert table.rows[3][3] == '=CONCATENATE("联合","执法")'


def test_xlsx_ledger_extracts_items_with_field_deadlines(tmp_path: Path) -> None:
    result = extract_file(ledger_xlsx(tmp_path / "ledger.xlsx"))
    assert [i.seq for i in result.items] == ["1", "2", "3"]
    assert [i.deadline.schema_value() if i.deadline else None for i in result.items] == [
        "2024-06-30",
        "long-term",
        "immediate",
    ]
    assert result.items[2].units == ("区交通运输局", "公安交警大队")


def test_pdf_made_by_libreoffice_keeps_items_and_table(tmp_path: Path, libreoffice: str) -> None:
    text = "\n".join(
        [
            "督导发现问题整改方案",
            "一、整改内容",
            "（一）消防安全",
            "1.部分单位消防通道堵塞，微型消防站器材配备不足，日常巡查记录缺失，员工不会使用灭火器。",
            "整改措施：开展消防通道专项清理，按标准补齐器材，建立巡查制度并组织全员培训演练。",
            "整改时限：2023年10月31日前",
            "责任单位：区消防救援大队、区应急局",
            "问题类别\t具体问题\t整改措施\t完成时限\t责任单位",
            "燃气安全\t1. 餐饮场所未安装燃气泄漏报警装置。\t督促限期安装。\t2024年6月底前\t区城管局",
        ]
    )
    pdf = pdf_from_docx(docx_from_text(text, tmp_path / "plan.docx"), tmp_path)
    result = extract_file(pdf)
    assert result.genre == "rectification"
    assert [(i.seq, i.category) for i in result.items] == [("1", "消防安全"), ("1", "燃气安全")]
    assert result.items[0].units == ("区消防救援大队", "区应急局")
    assert result.items[1].deadline is not None and result.items[1].deadline.schema_value() == "2024-06-30"


def test_pdf_keeps_the_headings_between_tables_and_their_restarting_numbers(tmp_path: Path, libreoffice: str) -> None:
    text = "\n".join(
        [
            "某县安全生产隐患整改清单",
            "（一）消防安全",
            "序号\t存在问题\t整改措施\t责任单位\t整改时限",
            "1\t消防通道堵塞\t清理通道\t县消防救援大队\t2024年5月31日前",
            "2\t灭火器过期\t更换灭火器\t县消防救援大队\t2024年6月30日前",
            "（二）燃气安全",
            "序号\t存在问题\t整改措施\t责任单位\t整改时限",
            "1\t液化气瓶存放不规范\t规范存放\t县城管局\t2024年7月31日前",
        ]
    )
    expected = [("(一)1", "消防安全"), ("(一)2", "消防安全"), ("(二)1", "燃气安全")]
    assert [(i.seq, i.category) for i in extract_text(text).items] == expected
    # A short title over a table is not a full line of text: the heading below it keeps its own paragraph.
    pdf = pdf_from_docx(docx_from_text(text, tmp_path / "list.docx"), tmp_path)
    assert [(i.seq, i.category) for i in extract_file(pdf).items] == expected


def test_legacy_doc_is_read_through_libreoffice(tmp_path: Path, libreoffice: str) -> None:
    import subprocess

    source = docx_from_text(
        "关于开展燃气安全检查的提醒函\n1.开展餐饮场所燃气检查，2024年9月底前完成。", tmp_path / "a.docx"
    )
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            libreoffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    legacy = (tmp_path / "out" / "a.doc").rename(tmp_path / "a.wps")  # WPS files are Word-97 inside
    result = extract_file(legacy)
    assert result.genre == "reminder"
    assert result.items[0].deadline is not None and result.items[0].deadline.schema_value() == "2024-09-30"


def test_legacy_file_without_libreoffice_names_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anjian.ingest.readers import legacy

    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    monkeypatch.setattr(legacy, "soffice_path", lambda: None)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert caught.value.code == "libreoffice_missing"
    assert "libreoffice-writer-nogui" in str(caught.value)


def test_utf8_with_a_damaged_byte_is_refused_rather_than_read_as_gbk(tmp_path: Path) -> None:
    data = ("关于开展燃气安全检查的通知。" * 20).encode("utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:90] + b"\xff" + data[90:])
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert caught.value.code == "undecodable"


def test_text_rows_keep_trailing_empty_cells_in_the_table() -> None:
    from anjian.ingest.readers.text import blocks_of_text

    blocks = blocks_of_text("序号\t内容\t分值\n一、安全责任\t\t\n1\t研究部署\t5")
    assert len(blocks) == 1 and isinstance(blocks[0], Table) and len(blocks[0].rows) == 3


def test_word_automatic_list_numbers_are_rendered(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("关于做好安全生产工作的提醒函")
    document.add_paragraph("开展燃气检查，2024年6月底前完成。", style="List Number")
    document.add_paragraph("清理消防通道。", style="List Number")
    document.save(str(tmp_path / "numbered.docx"))
    result = extract_file(tmp_path / "numbered.docx")
    assert [(i.seq, i.measures) for i in result.items] == [
        ("1", "开展燃气检查，2024年6月底前完成。"),
        ("2", "清理消防通道。"),
    ]


def test_doc_that_is_really_rtf_goes_through_libreoffice(tmp_path: Path, libreoffice: str) -> None:
    path = tmp_path / "notice.doc"
    path.write_bytes(b"{\\rtf1\\ansi Work safety notice\\par}")
    assert read_document(path).source_format == "doc"


def test_xlsx_merge_carries_units_down_but_not_the_problem_text(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "存在问题", "整改措施", "责任单位", "完成时限"])
    sheet.append(["1", "消防通道被占用。", "清理占道物品。", "某街道办事处", "2024年5月31日前"])
    sheet.append(["2", None, "设置禁停标志。", None, "2024年6月30日前"])
    sheet.merge_cells("B2:B3")  # one problem, two measures
    sheet.merge_cells("D2:D3")  # one owner for both rows
    workbook.save(str(tmp_path / "merged.xlsx"))
    items = extract_file(tmp_path / "merged.xlsx").items
    assert [(i.problem, i.measures, i.units) for i in items] == [
        ("消防通道被占用。", "清理占道物品。", ("某街道办事处",)),
        (None, "设置禁停标志。", ("某街道办事处",)),
    ]


def test_pipe_lines_become_a_table_with_short_rows_under_their_merged_columns() -> None:
    from anjian.ingest.readers.text import blocks_of_text

    text = (
        "某单位考核表\n"
        "| 序号 | 考核项目 | 考核标准 | 备注 |\n"
        "| 1 | 制度建设(6分) | 建立值班制度并上墙公示。(3) | 缺一项扣本条分值 |\n"
        "| 每月开展一次隐患自查并留存记录。(3) |\n"
        "网站地图 | 联系我们 | 手机版\n"
    )
    blocks = blocks_of_text(text)
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.rows == (
        ("序号", "考核项目", "考核标准", "备注"),
        ("1", "制度建设(6分)", "建立值班制度并上墙公示。(3)", "缺一项扣本条分值"),
        ("", "", "每月开展一次隐患自查并留存记录。(3)", ""),
    )
    assert table.continued == frozenset({(2, 0), (2, 1), (2, 3)})
    assert blocks[-1] == Paragraph("网站地图 | 联系我们 | 手机版")  # one line of page chrome is no table


def test_a_second_pipe_header_row_widens_the_first_header_cell() -> None:
    from anjian.ingest.readers.text import blocks_of_text

    blocks = blocks_of_text("考核要素 | 分值 | 评分标准 ||\n一级指标 | 二级指标 | ||\n安全责任 (20分) | 组织领导 (5分) | 5 | 未成立领导小组的扣5分")
    table = blocks[0]
    assert isinstance(table, Table)
    assert table.rows[0] == ("考核要素", "", "分值", "评分标准")
    assert table.rows[2] == ("安全责任 (20分)", "组织领导 (5分)", "5", "未成立领导小组的扣5分")


def test_a_pipe_table_too_wide_for_an_office_is_kept_as_printed_not_padded() -> None:
    from anjian.ingest.readers.pipes import MAX_COLUMNS
    from anjian.ingest.readers.text import blocks_of_text

    header = "|" + "|".join(f"列{i}" for i in range(20_000)) + "|"
    blocks = blocks_of_text(header + "\n" + "\n".join(f"| 第{i}行 |" for i in range(20_000)))
    table = blocks[0]
    assert isinstance(table, Table) and len(table.rows) == 20_001
    assert max(len(row) for row in table.rows[1:]) == 1 < MAX_COLUMNS  # 20,000 × 20,000 cells otherwise


def test_a_problem_list_flattened_with_pipes_gives_the_items_of_its_tab_version() -> None:
    rows = [
        ("序号", "存在问题", "整改措施", "责任单位", "完成时限"),
        ("1", "锅炉房堆放杂物", "清理杂物", "区市场监管局", "2024年5月31日前"),
        ("2", "配电室无绝缘垫", "铺设绝缘垫", "区住建局", "立即"),
    ]
    title = "关于锅炉房安全检查发现问题的整改清单\n"
    piped = extract_text(title + "\n".join("| " + " | ".join(r) + " |" for r in rows))
    tabbed = extract_text(title + "\n".join("\t".join(r) for r in rows))
    assert piped.items == tabbed.items and len(piped.items) == 2
    assert piped.items[1].deadline is not None and piped.items[1].deadline.kind == "immediate"
