"""Risk inventory (风险辨识清单), checklists and scheduled checks (隐患排查清单), major hazard installations.

Rows about a unit copy its region (and sector) so the policy can scope them without a join, as the ledger does.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.prevention.choices import (
    ACCIDENT_EDITION_1986,
    COLOUR,
    HEX,
    AccidentType,
    ControlKind,
    ControlLevel,
    Cycle,
    FactorClass,
    GuarantorRole,
    MajorHazardLevel,
    Method,
    PointKind,
    RiskGrade,
    RunStatus,
)


class SitePlan(models.Model):
    """A unit's site plan image (厂区平面图) on which its risk points are placed for the 四色图."""

    unit = models.OneToOneField("org.Unit", on_delete=models.CASCADE, related_name="site_plan")
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+")
    file = models.CharField(max_length=300)
    content_type = models.CharField(max_length=100)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("厂区平面图")
        verbose_name_plural = _("厂区平面图")


class RiskPoint(models.Model):
    """A 风险点: a place, installation or activity at a unit, with its current grade (from its latest evaluation)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="risk_points")
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="risk_points")
    sector = models.ForeignKey("org.Sector", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("风险点编号"), max_length=40, blank=True)
    name = models.CharField(_("风险点名称"), max_length=200)
    kind = models.CharField(_("类型"), max_length=10, choices=PointKind.choices, default=PointKind.PLACE)
    location = models.CharField(_("区域/部位"), max_length=200, blank=True)
    grade = models.CharField(_("风险等级"), max_length=10, choices=RiskGrade.choices, blank=True, db_index=True)
    responsible_name = models.CharField(_("责任人"), max_length=50, blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("责任人账号"))
    emergency_phone = models.CharField(_("应急电话"), max_length=30, blank=True)
    plan_x = models.FloatField(_("平面图横坐标"), null=True, blank=True)  # 0–1 of the plan's width
    plan_y = models.FloatField(_("平面图纵坐标"), null=True, blank=True)  # 0–1 of the plan's height
    active = models.BooleanField(_("在用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("风险点")
        verbose_name_plural = _("风险点")
        ordering = ["unit_id", "code", "id"]
        indexes = [models.Index(fields=["region", "grade"], name="riskpoint_region_grade")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def colour(self) -> str:
        """red/orange/yellow/blue, or '' before the first evaluation."""
        return COLOUR.get(RiskGrade(self.grade), "") if self.grade else ""

    @property
    def hex(self) -> str:
        return HEX.get(RiskGrade(self.grade), "#999999") if self.grade else "#999999"


class HazardFactor(models.Model):
    """A 危险有害因素 found at a risk point, with the accident type it may lead to."""

    risk_point = models.ForeignKey(RiskPoint, on_delete=models.CASCADE, related_name="factors")
    description = models.TextField(_("危险有害因素"))
    factor_class = models.CharField(_("因素分类（GB/T 13861）"), max_length=2, choices=FactorClass.choices)
    factor_code = models.CharField(_("GB/T 13861 代码"), max_length=20, blank=True)
    accident_type = models.CharField(_("可能导致的事故类型"), max_length=2, choices=AccidentType.choices)
    accident_edition = models.CharField(_("事故分类标准"), max_length=20, default=ACCIDENT_EDITION_1986)

    class Meta:
        verbose_name = _("危险有害因素")
        verbose_name_plural = _("危险有害因素")
        ordering = ["id"]


class Evaluation(models.Model):
    """One evaluation of a risk point; kept as history, the latest sets the point's grade."""

    risk_point = models.ForeignKey(RiskPoint, on_delete=models.CASCADE, related_name="evaluations")
    method = models.CharField(_("评价方法"), max_length=10, choices=Method.choices)
    l_value = models.DecimalField("L", max_digits=6, decimal_places=2, null=True, blank=True)
    e_value = models.DecimalField("E", max_digits=6, decimal_places=2, null=True, blank=True)
    c_value = models.DecimalField("C", max_digits=6, decimal_places=2, null=True, blank=True)
    s_value = models.DecimalField("S", max_digits=6, decimal_places=2, null=True, blank=True)
    score = models.DecimalField(_("D/R 值"), max_digits=10, decimal_places=3, null=True, blank=True)
    grade = models.CharField(_("风险等级"), max_length=10, choices=RiskGrade.choices)
    reason = models.TextField(_("直接判定理由"), blank=True)
    bands = models.JSONField(_("所用分级标准"), default=list)
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    evaluated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("风险评价")
        verbose_name_plural = _("风险评价")
        ordering = ["-evaluated_at", "-id"]


class Control(models.Model):
    """A 管控措施 of a risk point, at a control level, with its responsible person."""

    risk_point = models.ForeignKey(RiskPoint, on_delete=models.CASCADE, related_name="controls")
    kind = models.CharField(_("措施类型"), max_length=12, choices=ControlKind.choices)
    text = models.TextField(_("管控措施"))
    level = models.CharField(_("管控层级"), max_length=10, choices=ControlLevel.choices)
    responsible_name = models.CharField(_("责任人"), max_length=50, blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    check_content = models.TextField(_("排查内容"), blank=True)

    class Meta:
        verbose_name = _("管控措施")
        verbose_name_plural = _("管控措施")
        ordering = ["id"]


class Checklist(models.Model):
    """A sector checklist (行业隐患排查清单), imported from .xlsx; its items apply to every unit of the sector."""

    name = models.CharField(_("清单名称"), max_length=200)
    sector = models.ForeignKey("org.Sector", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("行业排查清单")
        verbose_name_plural = _("行业排查清单")


class CheckItem(models.Model):
    """One thing to check: derived from a control of a risk point, or a row of a sector checklist."""

    risk_point = models.ForeignKey(RiskPoint, null=True, blank=True, on_delete=models.CASCADE, related_name="items")
    control = models.OneToOneField(Control, null=True, blank=True, on_delete=models.CASCADE, related_name="item")
    checklist = models.ForeignKey(Checklist, null=True, blank=True, on_delete=models.CASCADE, related_name="items")
    text = models.TextField(_("排查内容"))
    basis = models.CharField(_("排查依据"), max_length=300, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("排查项")
        verbose_name_plural = _("排查项")
        ordering = ["id"]


class CheckPlan(models.Model):
    """A 排查计划: a risk point checked at a control level on a cycle; `next_due` is the next period's date."""

    risk_point = models.ForeignKey(RiskPoint, on_delete=models.CASCADE, related_name="plans")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("管控层级"), max_length=10, choices=ControlLevel.choices)
    cycle = models.CharField(_("排查周期"), max_length=12, choices=Cycle.choices)
    responsible_name = models.CharField(_("责任人"), max_length=50, blank=True)
    responsible = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    next_due = models.DateField(_("下次排查日期"), db_index=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("排查计划")
        verbose_name_plural = _("排查计划")
        ordering = ["next_due", "id"]
        constraints = [models.UniqueConstraint(fields=["risk_point", "level"], name="checkplan_point_level")]

    def is_overdue(self, today: date) -> bool:
        return self.active and self.next_due < today

    @property
    def due_date(self) -> date:
        """The date a to-do list shows for the plan: its next check."""
        return self.next_due

    def __str__(self) -> str:
        return f"{self.risk_point}（{self.get_level_display()}{self.get_cycle_display()}排查）"


class CheckRun(models.Model):
    """One due period of a plan: done (with its item results) or missed. On-time figures count these rows."""

    plan = models.ForeignKey(CheckPlan, on_delete=models.CASCADE, related_name="runs")
    risk_point = models.ForeignKey(RiskPoint, on_delete=models.CASCADE, related_name="runs")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=RunStatus.choices)
    due_on = models.DateField(_("应排查日期"), db_index=True)
    done_on = models.DateField(_("排查日期"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    failed = models.PositiveIntegerField(_("不合格项"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("排查记录")
        verbose_name_plural = _("排查记录")
        ordering = ["-due_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["plan", "due_on"], name="checkrun_plan_due")]

    @property
    def on_time(self) -> bool:
        return self.status == RunStatus.DONE and self.done_on is not None and self.done_on <= self.due_on


class CheckResult(models.Model):
    """One item's result in a run; a failed item's hazard is the ledger hazard it became."""

    run = models.ForeignKey(CheckRun, on_delete=models.CASCADE, related_name="results")
    item = models.ForeignKey(CheckItem, on_delete=models.PROTECT, related_name="results")
    passed = models.BooleanField(_("合格"))
    note = models.TextField(_("说明"), blank=True)
    photo = models.CharField(max_length=300, blank=True)
    photo_sha256 = models.CharField(max_length=64, blank=True)
    hazard = models.OneToOneField("ledger.Hazard", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="check_result")

    class Meta:
        verbose_name = _("排查结果")
        verbose_name_plural = _("排查结果")
        ordering = ["id"]


class MajorHazard(models.Model):
    """A 重大危险源 (GB 18218-2018) at a unit, graded 一级–四级 by R."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="major_hazards")
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("重大危险源名称"), max_length=200)
    r_value = models.DecimalField(_("R 值"), max_digits=10, decimal_places=2)
    level = models.CharField(_("级别"), max_length=1, choices=MajorHazardLevel.choices)
    risk_point = models.ForeignKey(RiskPoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("重大危险源")
        verbose_name_plural = _("重大危险源")
        ordering = ["level", "id"]


class Guarantor(models.Model):
    """One of the three 包保责任人 of a major hazard, with their check duty's cycle and next date."""

    major_hazard = models.ForeignKey(MajorHazard, on_delete=models.CASCADE, related_name="guarantors")
    role = models.CharField(_("包保角色"), max_length=10, choices=GuarantorRole.choices)
    name = models.CharField(_("姓名"), max_length=50)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    cycle = models.CharField(_("排查周期"), max_length=12, choices=Cycle.choices)
    next_due = models.DateField(_("下次排查日期"), db_index=True)
    last_done = models.DateField(_("最近排查日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("包保责任人")
        verbose_name_plural = _("包保责任人")
        constraints = [models.UniqueConstraint(fields=["major_hazard", "role"], name="guarantor_source_role")]
