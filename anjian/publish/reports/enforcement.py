"""Enforcement documents from a recorded measure (anjian.ledger.models.EnforcementAction, read only):
the 责令限期整改指令书 and the 整改复查意见书 in the layout of the 安全生产监管执法文书 forms.

The department issues them under the 文书编号 it entered with the record (not the committee's 文号);
what is written by pen on the paper forms (signatures, certificate numbers) is left as blank lines.
"""

from __future__ import annotations

from anjian.errors import DomainError
from anjian.ledger.choices import EnforcementKind, HazardStatus
from anjian.ledger.models import EnforcementAction, Hazard
from anjian.publish.errors import NothingToReport
from anjian.publish.gbt9704 import Block, Masthead, OfficialDocument, Paragraph, format_chinese_date
from anjian.publish.reports.items import deadline_text
from anjian.publish.reports.request import ReportRequest
from anjian.security.params import bounded_id

BLANK_DATE = "____年__月__日"
SIGNATURES = ("安全生产监管执法人员（签名）：__________  证号：__________",
              "　　　　　　　　　　　　　　__________  证号：__________",
              "被检查单位负责人（签名）：__________  ____年__月__日")


def record_of(request: ReportRequest) -> EnforcementAction:
    """The enforcement record named by `request.item` ("enforcement:12"), within the request's region."""
    kind, _, pk = request.item.partition(":")
    record_id = bounded_id(pk)
    if kind != "enforcement" or record_id is None:
        raise DomainError("请选择一条执法记录", code="report_no_enforcement")
    record = (EnforcementAction.objects.filter(request.visible("enforcement"), pk=record_id,
                                               region__path__startswith=request.region.path)
              .select_related("unit", "department", "hazard", "inspection").first())
    if record is None:
        raise NothingToReport(f"未找到执法记录：{request.item}")
    return record


def _problems(record: EnforcementAction) -> list[Hazard]:
    if record.hazard is not None:
        return [record.hazard]
    if record.inspection is not None:
        return list(Hazard.objects.filter(inspection=record.inspection).order_by("pk"))
    return []


def _number_line(record: EnforcementAction) -> Paragraph:
    return Paragraph(f"文书编号：{record.document_number or '（　）____〔____〕____号'}")


def order(request: ReportRequest) -> OfficialDocument:
    """责令限期整改指令书: the problems found, the deadline, the legal notice."""
    record = record_of(request)
    if record.kind != EnforcementKind.ORDER_TO_RECTIFY:
        raise NothingToReport("只有“责令限期整改”的执法记录可以生成责令限期整改指令书")
    problems = _problems(record)
    if not problems:
        raise NothingToReport("该执法记录未关联隐患或检查，无法列出应整改的问题")
    due = [h.due_date for h in problems if h.due_date]
    deadline = format_chinese_date(max(due)) if due else BLANK_DATE
    body: list[Block] = [_number_line(record), Paragraph("经查，你单位存在下列问题：")]
    for n, hazard in enumerate(problems, start=1):
        where = f"{hazard.location}：" if hazard.location else ""
        body.append(Paragraph(f"{n}. {where}{hazard.description}（{hazard.get_grade_display()}，"
                              f"整改时限：{deadline_text(hazard)}）"))
    body += [
        Paragraph(f"依据《中华人民共和国安全生产法》第六十五条的规定，现责令你单位于{deadline}前整改完毕，"
                  "达到有关法律法规规章和标准规定的要求。由此造成事故的，依法追究有关人员的责任。"),
        Paragraph("整改期间，你单位应当采取措施，确保安全生产。对安全生产违法行为，将依法予以行政处罚。"),
        Paragraph(f"如果不服本指令，可以依法在60日内向{request.region.name}人民政府申请行政复议，或者在6个月内依法向"
                  "人民法院提起行政诉讼，但本指令不停止执行，法律另有规定的除外。"),
        *(Paragraph(line) for line in SIGNATURES),
    ]
    return OfficialDocument(
        masthead=Masthead.NONE, title=f"{record.department.name}\n责令限期整改指令书",
        addressee=record.unit.name, body=tuple(body), signature_org=record.department.name,
        date=record.decided_on, cc="本文书一式两份，一份由被检查单位留存，一份归档",
    )


def review(request: ReportRequest) -> OfficialDocument:
    """整改复查意见书: the order it follows, and what the review found (the hazard's state today)."""
    record = record_of(request)
    problems = _problems(record)
    if not problems:
        raise NothingToReport("该执法记录未关联隐患或检查，无法复查整改情况")
    ordered = f"（文书编号：{record.document_number}）" if record.document_number else ""
    body: list[Block] = [
        _number_line(record),
        Paragraph(f"{record.department.name}于{format_chinese_date(record.decided_on)}对你单位作出了"
                  f"{record.get_kind_display()}的决定{ordered}，经对整改情况进行复查，提出如下意见："),
    ]
    open_left = 0
    for n, hazard in enumerate(problems, start=1):
        done = hazard.status == HazardStatus.CLOSED
        open_left += 0 if done else 1
        state = "已整改完毕，经复查合格" if done else f"尚未整改完毕（当前状态：{hazard.get_status_display()}）"
        body.append(Paragraph(f"{n}. {hazard.description}：{state}。"))
    body.append(Paragraph(
        "经复查，你单位已按要求完成整改。" if not open_left else
        f"经复查，尚有{open_left}项问题未整改完毕，请你单位继续整改，整改期间采取措施确保安全生产；"
        "逾期未整改的，将依法予以行政处罚。"))
    body += [Paragraph(line) for line in SIGNATURES]
    return OfficialDocument(
        masthead=Masthead.NONE, title=f"{record.department.name}\n整改复查意见书",
        addressee=record.unit.name, body=tuple(body), signature_org=record.department.name,
        date=request.as_of or request.date_to, cc="本文书一式两份，一份由被复查单位留存，一份归档",
    )
