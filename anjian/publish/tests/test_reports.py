"""Every report kind generated from the fixture data and read back: layout, 文号, contents, escapes."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from openpyxl import load_workbook

from anjian.errors import PermissionDenied
from anjian.fixtures import World
from anjian.publish import gbt9704
from anjian.publish.drafts import editable, from_json
from anjian.publish.errors import FormatNotSupported, NothingToReport
from anjian.publish.models import DocumentNumber, IssuedDocument
from anjian.publish.reports import REPORTS, ReportRequest, generate
from anjian.publish.services import draft_document, edit_draft, issue_document
from anjian.publish.tests.plan import Plan, build_plan
from anjian.stats.tests.jurisdiction import build_year

pytestmark = pytest.mark.django_db
DOC_KINDS = ["circular", "reminder", "supervision", "rectification-report", "ranking"]
DRAFT_NUMBER = re.compile(r"^龙安生委(办)?〔\d{4}〕\s+号$")  # a draft: prefix and year, no sequence


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]


@pytest.fixture
def plan(world: World) -> Plan:
    build_year(world)
    return build_plan(world)


def _request(world: World, kind: str, **extra: object) -> ReportRequest:
    values: dict[str, object] = {"kind": kind, "region": world.county, "date_from": date(2024, 12, 1),
                                 "date_to": date(2024, 12, 31), "actor": world.clerk, "as_of": date(2024, 12, 31),
                                 "file_format": "xlsx" if kind == "ledger" else "docx"}
    return ReportRequest(**(values | extra))  # type: ignore[arg-type]


def _docx(world: World, kind: str, **extra: object) -> tuple[DocxDocument, str]:
    """The draft's .docx and its number line (no sequence: drafting takes no 文号)."""
    rendered = generate(_request(world, kind, **extra))
    assert rendered.doc_number == ""
    doc = Document(io.BytesIO(rendered.content))
    lines = [p.text.split("\t")[0] for p in doc.paragraphs if DRAFT_NUMBER.match(p.text.split("\t")[0])]
    return doc, lines[0]


def _text(doc: DocxDocument) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    headers = [p.text for s in doc.sections for p in s.first_page_header.paragraphs]
    return "\n".join([p.text for p in doc.paragraphs] + cells + headers)


def _para(doc: DocxDocument, startswith: str) -> DocxParagraph:
    return next(p for p in doc.paragraphs if p.text.startswith(startswith))


def _east_asia(paragraph: DocxParagraph) -> str:
    return paragraph.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize("kind", DOC_KINDS)
def test_layout_of_every_document_kind(plan: Plan, world: World, kind: str) -> None:
    doc, number = _docx(world, kind)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    assert DRAFT_NUMBER.match(number)
    body = next(p for p in doc.paragraphs if p.paragraph_format.first_line_indent and p.runs)
    assert _east_asia(body) == gbt9704.FONT_FANGSONG and body.runs[0].font.size.pt == 16.0
    title = next(p for p in doc.paragraphs if p.runs and p.runs[0].font.size and p.runs[0].font.size.pt == 22.0)
    assert _east_asia(title) == gbt9704.FONT_XIAOBIAOSONG
    if kind in {"circular", "rectification-report", "ranking"}:  # 文件格式: red rule under the 文号
        rule = _para(doc, number)._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        assert (rule.get(qn("w:val")), rule.get(qn("w:color"))) == ("single", gbt9704.RED_HEX)
    else:  # 信函格式: red double rule in the first-page header, 文号 flush right
        header = section.first_page_header.paragraphs[0]
        rule = header._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        assert (rule.get(qn("w:val")), rule.get(qn("w:color"))) == ("thickThinSmallGap", gbt9704.RED_HEX)
        assert _para(doc, number).text == number


def _issued(world: World, kind: str, on: date) -> str:
    document = draft_document(actor=world.clerk, request=_request(world, kind, as_of=on))
    fill = {p.index: "已补充。" for p in editable(from_json(document.content))}
    if fill:
        document = edit_draft(actor=world.clerk, document=document, texts=fill)
    return issue_document(actor=world.clerk, document=document, on=on).doc_number


def test_numbers_run_per_issuing_body_and_year(plan: Plan, world: World) -> None:
    day = date(2024, 12, 31)
    numbers = [_issued(world, kind, day) for kind in ("circular", "reminder", "circular", "reminder")]
    # the committee issues 文件 (龙安生委), its office the letters (龙安生委办): two sequences
    assert numbers == ["龙安生委〔2024〕1号", "龙安生委办〔2024〕1号", "龙安生委〔2024〕2号", "龙安生委办〔2024〕2号"]
    assert _issued(world, "circular", date(2025, 1, 2)) == "龙安生委〔2025〕1号"
    assert DocumentNumber.objects.get(year=2024, prefix="龙安生委").last_seq == 2
    assert not IssuedDocument.objects.exists()  # 公文 are kept as Document rows, not in the export register


def test_circular_is_written_from_the_figures(plan: Plan, world: World) -> None:
    text = _text(_docx(world, "circular", date_from=date(2024, 1, 1))[0])
    # build_year: 4 inspections, 5 hazards found (3 major), 4 closed; one penalty of 6,000 yuan.
    assert "共检查生产经营单位4家次，排查发现安全隐患5处（其中重大事故隐患3处），整改销号4处" in text
    assert "罚款6,000.00元（一案双罚1起）" in text
    assert "区消防救援大队（0.0%）" in text  # flagged: no penalty where hazards were found
    assert "北书店乡" in text and "【请起草人结合实际补充】" in text


def test_reminder_groups_overdue_and_due_tasks_by_heading(plan: Plan, world: World) -> None:
    text = _text(_docx(world, "reminder", as_of=date(2024, 12, 10))[0])
    overdue, soon = text.index("已逾期未完成的任务（1项）"), text.index("即将到期的任务（1项）")
    assert overdue < text.index("安全发展理念树的不牢") < soon < text.index("专项整治推进力度不足")
    assert "完成时限：2024年11月底前" in text and "责任单位：区消防救援大队" in text
    assert "现将截至2024年12月10日已逾期、以及将于2024年12月31日前到期的任务" in text


def test_reminder_judges_overdue_on_its_own_day_not_the_period_start(plan: Plan, world: World) -> None:
    # T2 is due 12-20: within December, but already overdue on the 25th, the letter's 截至 day
    text = _text(_docx(world, "reminder", as_of=date(2024, 12, 25))[0])
    assert "已逾期未完成的任务（2项）" in text and "即将到期的任务" not in text
    assert "现将截至2024年12月25日已逾期" in text


def test_supervision_is_addressed_to_the_owner(plan: Plan, world: World) -> None:
    doc, _ = _docx(world, "supervision")
    text = _text(doc)
    assert _para(doc, "区城管局").text == "区城管局："
    assert "已逾期31天（督办措施：函告）" in text and "关于督促加快逾期事项整改的函告" in text
    one, _ = _docx(world, "supervision", item=f"task:{plan.tasks['T2'].pk}")
    assert _para(one, "区消防救援大队").text == "区消防救援大队："


def test_rectification_report_lists_every_item_with_progress_and_evidence(plan: Plan, world: World) -> None:
    text = _text(_docx(world, "rectification-report")[0])
    assert "方案共列整改任务3项，已整改销号1项，正在整改2项（其中已逾期2项）" in text  # as of 12-31 both
    assert "2024年11月进展：+已组织专题学习2次" in text and "证明材料：学习记录.pdf。" in text
    assert "证明材料：暂无。" in text and "关于2021年度考核巡查通报问题整改方案整改落实情况的报告" in text
    assert "整改任务完成情况一览表" in text


def test_ledger_xlsx_keeps_the_formula_escapes(plan: Plan, world: World) -> None:
    rendered = generate(_request(world, "ledger", date_to=date(2024, 11, 30)))
    ws = load_workbook(io.BytesIO(rendered.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[1] == ["序号", "问题类别", "具体问题", "整改措施", "责任单位及责任人", "完成时限", "当月工作开展情况", "状态"]
    t1 = next(r for r in rows if r[0] == "1")
    assert t1[3] == "'=HYPERLINK(\"http://evil\")组织专题学习" and t1[6] == "'+已组织专题学习2次"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    december = load_workbook(io.BytesIO(generate(_request(world, "ledger")).content)).active
    assert any(c.value == "'@12月继续开展警示教育" for row in december.iter_rows() for c in row)


def test_refusals(plan: Plan, world: World) -> None:
    with pytest.raises(FormatNotSupported):
        generate(_request(world, "ledger", file_format="docx"))
    with pytest.raises(PermissionDenied):
        generate(_request(world, "circular", actor=world.officer))
    with pytest.raises(NothingToReport):
        generate(_request(world, "supervision", date_from=date(2023, 1, 1), date_to=date(2023, 1, 31)))
    assert not DocumentNumber.objects.exists()  # a refused document takes no number
    assert set(REPORTS) == {"circular", "reminder", "supervision", "rectification-report", "ranking", "ledger",
                            "rectification-order", "review-opinion"}
