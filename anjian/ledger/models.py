"""What is tracked: tasks, hazards, inspections, enforcement, progress reports, evidence, events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.ledger.choices import (
    DeadlineKind,
    EnforcementKind,
    EventAction,
    HazardChannel,
    HazardGrade,
    HazardStatus,
    InspectionKind,
    OwnerRole,
    Recurrence,
    TaskSource,
    TaskStatus,
)


class Deadline(models.Model):
    """The typed deadline and escalation state shared by every watched item."""

    deadline_kind = models.CharField(
        _("时限类型"), max_length=12, choices=DeadlineKind.choices, default=DeadlineKind.NONE
    )
    # For a dated item the due date; for long-term and recurring items the next progress or
    # obligation date, so one indexed column drives every scan.
    due_date = models.DateField(_("截止日期"), null=True, blank=True, db_index=True)
    recurrence = models.CharField(_("周期"), max_length=12, choices=Recurrence.choices, blank=True)
    deadline_raw = models.CharField(_("原文时限"), max_length=100, blank=True)
    deadline_estimated = models.BooleanField(_("时限为推算"), default=False)
    # The due date before the first change (调整时限, 延期): kept so the original commitment stays visible.
    original_due_date = models.DateField(_("原定截止日期"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("督办级别"), default=0)
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True


class Task(Deadline):
    """A rectification task or measure (整改任务): from a plan, a finding or a reminder letter."""

    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="tasks")
    source = models.CharField(_("来源"), max_length=10, choices=TaskSource.choices, default=TaskSource.MANUAL)
    source_ref = models.CharField(_("来源文件"), max_length=200, blank=True)
    import_run = models.ForeignKey(
        "ingest.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    seq = models.CharField(_("序号"), max_length=20, blank=True)
    category = models.CharField(_("问题类别"), max_length=200, blank=True)
    problem = models.TextField(_("问题"), blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    supervising_department = models.ForeignKey(
        "org.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="supervised_tasks",
        help_text=_("负责验收的部门；为空时由安委办验收"),
    )
    status = models.CharField(_("状态"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("整改任务")
        verbose_name_plural = _("整改任务")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["region", "status"], name="task_region_status"),
            models.Index(fields=["status", "due_date"], name="task_status_due"),
        ]

    def __str__(self) -> str:
        head = (self.problem or self.measures)[:40]
        return f"{self.seq} {head}".strip()


class TaskOwner(models.Model):
    """A responsible unit of a task: a department or a township, lead or cooperating."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="owners")
    role = models.CharField(_("责任类型"), max_length=10, choices=OwnerRole.choices, default=OwnerRole.LEAD)
    name = models.CharField(_("责任单位（原文）"), max_length=100)
    department = models.ForeignKey("org.Department", null=True, blank=True, on_delete=models.PROTECT)
    region = models.ForeignKey(
        "org.Region", null=True, blank=True, on_delete=models.PROTECT, help_text=_("乡镇/街道作为责任单位时")
    )
    person = models.CharField(_("责任人"), max_length=50, blank=True)
    # The collective name this row is one member of (负有安全监管职责的部门): shown once for all its rows.
    group = models.ForeignKey("org.UnitGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("责任单位")
        verbose_name_plural = _("责任单位")
        indexes = [models.Index(fields=["department", "task"], name="owner_department_task")]

    def __str__(self) -> str:
        return self.name


class Inspection(models.Model):
    """A visit to a unit (检查), possibly unannounced, random or cross-regional."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="inspections")
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="inspections")
    department = models.ForeignKey(
        "org.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="inspections"
    )
    kind = models.CharField(_("检查方式"), max_length=15, choices=InspectionKind.choices, default=InspectionKind.OPEN)
    inspected_on = models.DateField(_("检查日期"), db_index=True)
    inspectors = models.CharField(_("检查人员"), max_length=200, blank=True)
    experts = models.ManyToManyField("org.Expert", blank=True, related_name="inspections")
    notes = models.TextField(_("检查情况"), blank=True)
    signed_off_at = models.DateTimeField(_("签字确认时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        ordering = ["-inspected_on", "-id"]
        indexes = [models.Index(fields=["region", "inspected_on"], name="inspection_region_day")]

    def __str__(self) -> str:
        return f"{self.unit} {self.inspected_on}"


class Hazard(Deadline):
    """A concrete accident potential (隐患) at a unit."""

    # The composite indexes below start with unit and region: no single-column FK indexes needed.
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="hazards", db_index=False)
    # Copied from the unit at creation so scoping and statistics need no join.
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="hazards", db_index=False)
    sector = models.ForeignKey("org.Sector", on_delete=models.PROTECT, related_name="hazards")
    supervising_department = models.ForeignKey(
        "org.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="supervised_hazards"
    )
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="hazards"
    )
    description = models.TextField(_("隐患描述"))
    location = models.CharField(_("隐患部位"), max_length=200, blank=True)
    grade = models.CharField(_("隐患等级"), max_length=10, choices=HazardGrade.choices, default=HazardGrade.GENERAL)
    channel = models.CharField(_("隐患来源"), max_length=15, choices=HazardChannel.choices)
    found_on = models.DateField(_("发现日期"), db_index=True)
    found_by = models.CharField(_("发现人"), max_length=100, blank=True)
    standard_clause = models.CharField(_("判定标准条款"), max_length=300, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=HazardStatus.choices, default=HazardStatus.FOUND)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("销号时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("隐患")
        verbose_name_plural = _("隐患")
        ordering = ["-found_on", "-id"]
        indexes = [
            # Covers the dashboards' GROUP BY status, grade, sector within a region: index-only scans.
            models.Index(fields=["region", "status", "grade", "sector"], name="hazard_region_dash"),
            models.Index(fields=["status", "due_date"], name="hazard_status_due"),
            # The lists' default "open, by deadline" page and the menu's overdue count within a region; with
            # the id, the page's keys (id + deadline) come from the index alone (province, one county:
            # 6.4 ms of heap fetches before).
            models.Index(fields=["region", "status", "due_date", "id"], name="hazard_region_status_due"),
            models.Index(fields=["unit", "status"], name="hazard_unit_status"),
            # A table import's duplicate check (unit, found date, then description) probes one key per row.
            models.Index(fields=["unit", "found_on"], name="hazard_unit_found"),
        ]

    def __str__(self) -> str:
        return f"{self.unit}：{self.description[:40]}"


class FiveInPlace(models.Model):
    """五落实 of a major hazard: responsibility, measures, funds, deadline, contingency plan."""

    hazard = models.OneToOneField(Hazard, on_delete=models.CASCADE, related_name="five_in_place")
    responsibility = models.CharField(_("责任落实"), max_length=200, blank=True)
    measures = models.TextField(_("措施落实"), blank=True)
    funds = models.CharField(_("资金落实"), max_length=200, blank=True)
    deadline = models.DateField(_("时限落实"), null=True, blank=True)
    contingency_plan = models.TextField(_("预案落实"), blank=True)

    class Meta:
        verbose_name = _("五落实")
        verbose_name_plural = _("五落实")

    def __str__(self) -> str:
        return f"五落实：{self.hazard_id}"

    def missing(self) -> list[str]:
        """The labels of the five elements still empty."""
        fields = ["responsibility", "measures", "funds", "deadline", "contingency_plan"]
        labels = {f.name: str(f.verbose_name) for f in self._meta.fields}
        return [labels[f] for f in fields if not getattr(self, f)]

    def is_complete(self) -> bool:
        """All five recorded: only then may a major hazard count as under control."""
        return not self.missing()


class EnforcementAction(models.Model):
    """An enforcement measure on a unit (penalty, order, suspension …), linked to its cause."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="enforcement_actions")
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="enforcement_actions")
    department = models.ForeignKey("org.Department", on_delete=models.PROTECT, related_name="enforcement_actions")
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.SET_NULL, related_name="enforcement_actions"
    )
    hazard = models.ForeignKey(
        Hazard, null=True, blank=True, on_delete=models.SET_NULL, related_name="enforcement_actions"
    )
    kind = models.CharField(_("执法措施"), max_length=20, choices=EnforcementKind.choices)
    decided_on = models.DateField(_("决定日期"), db_index=True)
    document_number = models.CharField(_("文书编号"), max_length=60, blank=True)
    company_amount = models.DecimalField(_("对单位罚款（元）"), max_digits=14, decimal_places=2, default=0)
    person_name = models.CharField(_("被处罚责任人"), max_length=50, blank=True)
    person_amount = models.DecimalField(_("对个人罚款（元）"), max_digits=14, decimal_places=2, default=0)
    notes = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("执法措施")
        verbose_name_plural = _("执法措施")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.unit}"

    @property
    def dual_penalty(self) -> bool:
        """一案双罚: both the company and the responsible person were fined."""
        return self.company_amount > 0 and self.person_amount > 0


class ProgressReport(models.Model):
    """A periodic progress statement (当月工作开展情况) of an owner on a task or a hazard."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="progress_reports")
    hazard = models.ForeignKey(
        Hazard, null=True, blank=True, on_delete=models.CASCADE, related_name="progress_reports"
    )
    period = models.DateField(_("报告期（月初）"))
    text = models.TextField(_("工作开展情况"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(task__isnull=False, hazard__isnull=True)
                | models.Q(task__isnull=True, hazard__isnull=False),
                name="progress_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} {self.text[:30]}"


class Evidence(models.Model):
    """A file proving work was done; its SHA-256 is recorded so alteration is detectable."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    hazard = models.ForeignKey(Hazard, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    progress_report = models.ForeignKey(
        ProgressReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    file = models.FileField(_("文件"), upload_to="evidence/%Y/%m/", max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小"))
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("证明材料")
        verbose_name_plural = _("证明材料")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ItemEvent(models.Model):
    """One change of one item: who moved it from which status to which, why, and when."""

    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    hazard = models.ForeignKey(Hazard, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=30, choices=EventAction.choices)
    from_status = models.CharField(_("原状态"), max_length=20, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(_("时间"), db_index=True)

    class Meta:
        verbose_name = _("事项记录")
        verbose_name_plural = _("事项记录")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(task__isnull=False, hazard__isnull=True)
                | models.Q(task__isnull=True, hazard__isnull=False),
                name="event_one_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"
