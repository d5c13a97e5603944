"""情况通报: a period's work written from the data, in the manner of seed 004; next steps left to the author."""

from __future__ import annotations

from anjian.ledger.choices import EnforcementKind, HazardGrade
from anjian.publish.gbt9704 import Block, Heading, OfficialDocument, Paragraph, Table
from anjian.publish.reports.request import Letterhead, ReportRequest
from anjian.stats import metrics
from anjian.stats.choices import Obligation
from anjian.stats.obligations import obligation_compliance

AUTHOR_NOTE = "【请起草人结合实际补充】"
MEMBERS = "各乡（镇）人民政府、街道办事处，安委会各成员单位"  # to whom the committee's 通报 go


def _done(request: ReportRequest) -> list[Paragraph]:
    scope, as_of = request.scope(), request.day
    visits = metrics.inspections(scope).count()
    counts = metrics.hazard_counts(scope, as_of=as_of)
    major = metrics.hazard_counts(request.scope(grade=HazardGrade.MAJOR), as_of=as_of)
    on_time = metrics.on_time_rate(scope, as_of=as_of)
    enforcement = metrics.enforcement_summary(scope)
    kinds = enforcement.by_kind
    tasks = metrics.task_counts(scope, as_of=as_of)
    text = (
        f"{request.period_text}，全{_level(request)}共检查生产经营单位{visits}家次，排查发现安全隐患{counts.found}处"
        f"（其中重大事故隐患{major.found}处），整改销号{counts.closed}处，隐患按期整改率{on_time.percent}。"
    )
    enforce = (
        f"依法实施行政处罚{kinds[EnforcementKind.PENALTY]}起，罚款{enforcement.fines_yuan:,.2f}元"
        f"（一案双罚{enforcement.dual_penalties}起），责令限期整改{kinds[EnforcementKind.ORDER_TO_RECTIFY]}起，"
        f"停产整顿{kinds[EnforcementKind.SUSPENSION]}家，关闭取缔{kinds[EnforcementKind.CLOSURE]}家，"
        f"联合惩戒{kinds[EnforcementKind.JOINT_PUNISHMENT]}家，移送司法{kinds[EnforcementKind.JUDICIAL_TRANSFER]}起，"
        f"警示约谈{kinds[EnforcementKind.SUMMONS]}家。"
    )
    task_text = (f"各级各部门承担的整改任务共{tasks.open + tasks.closed}项（期间新增{tasks.found}项），"
                 f"期间销号{tasks.closed}项，尚在推进{tasks.open}项。")
    accidents = [r for r in metrics.accidents_by_grade(scope) if r.count]
    if accidents:
        parts = "，".join(f"{r.label}{r.count}起、死亡{r.deaths}人" for r in accidents)
        accident_text = f"期间共发生生产安全事故{sum(r.count for r in accidents)}起（{parts}）。"
    else:
        accident_text = "期间未发生生产安全事故。"
    return [Paragraph(text), Paragraph(enforce), Paragraph(task_text), Paragraph(accident_text)]


def _level(request: ReportRequest) -> str:
    name = request.region.name
    return name[-1] if name[-1] in "省市县区乡镇" else "辖区"


def _problems(request: ReportRequest) -> list[Paragraph]:
    scope, as_of = request.scope(), request.day
    lines: list[str] = []
    counts = metrics.hazard_counts(scope, as_of=as_of)
    tasks = metrics.task_counts(scope, as_of=as_of)
    if counts.overdue or tasks.overdue:
        lines.append(f"部分问题隐患整改不及时。截至{as_of.month}月{as_of.day}日，逾期未整改隐患{counts.overdue}处、"
                     f"逾期整改任务{tasks.overdue}项。")
    slow = metrics.most_overdue_departments(scope, as_of=as_of, limit=3)
    if slow:
        names = "、".join(f"{name}（{t + h}项）" for _, name, t, h in slow)
        lines.append(f"逾期事项较多的单位有：{names}。")
    lax = [r for r in metrics.penalty_ratio_by_department(scope) if r.flagged]
    if lax:
        names = "、".join(f"{r.department}（{r.rate.percent}）" for r in lax)
        lines.append(f"个别部门监管执法偏软，发现隐患的检查中实施处罚的比例偏低：{names}。")
    clearing = metrics.dynamic_clearing(scope, as_of=as_of)
    if not clearing.cleared:
        lines.append(f"重大事故隐患尚未动态清零，仍有{clearing.open}处未销号"
                     + (f"，其中{clearing.overdue}处已逾期" if clearing.overdue else "") + "。")
    checks = next(r for r in obligation_compliance(scope, year=as_of.year, as_of=as_of)
                  if r.obligation == Obligation.PRINCIPAL_CHECK)
    if checks.rate.value is not None and checks.rate.value < 1:
        lines.append(f"生产经营单位主要负责人定期检查落实率为{checks.rate.percent}，主体责任落实仍有差距。")
    late = sum(r.late_reports for r in metrics.accidents_by_grade(scope))
    if late:
        lines.append(f"事故信息报送不及时，{late}起事故未在1小时内首报。")
    if not lines:
        lines.append("从统计数据看，期间各项指标未见明显异常。")
    return [Paragraph(line) for line in lines] + [Paragraph(AUTHOR_NOTE)]


def _table(request: ReportRequest) -> Table:
    rows = metrics.hazard_breakdown(request.scope(), "region", as_of=request.day)
    return Table(
        header=("区域", "发现隐患", "整改销号", "未整改", "逾期"),
        rows=tuple((r.label, str(r.found), str(r.closed), str(r.open), str(r.overdue)) for r in rows),
        column_widths_mm=(56.0, 25.0, 25.0, 25.0, 25.0),
    )


def build(request: ReportRequest) -> OfficialDocument:
    """The circular of the request's period, numbered by the region's committee office."""
    head = Letterhead.of(request)
    region = request.region.name
    body: tuple[Block, ...] = (
        Paragraph(f"现将{request.period_text}{region}安全生产工作情况通报如下。"),
        Heading(1, "基本情况"),
        *_done(request),
        _table(request),
        Heading(1, "存在的问题"),
        *_problems(request),
        Heading(1, "下一步工作"),
        Paragraph(AUTHOR_NOTE + "（建议：持续推进重大事故隐患动态清零；对逾期事项逐项督办；严格执法，"
                                "对发现隐患的检查依法处罚到位。）"),
    )
    return head.file_document(title=f"关于{region}安全生产工作情况的通报", addressee=MEMBERS, body=body)
