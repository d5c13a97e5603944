"""Who: the region tree, committees, departments, sectors, units, experts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.org.choices import DutyKind, GuarantorRole, RegionLevel, RiskLevel, UnitKind


class Region(models.Model):
    """A node of the territorial tree (GB/T 2260 code); `path` makes subtree scoping a prefix match."""

    code = models.CharField(_("区划代码"), max_length=20, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=RegionLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # "/410000/410200/410205/": every ancestor's code; a subtree is path__startswith.
    path = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def path_for(code: str, parent: Region | None) -> str:
        """The materialised path of a node with this code under this parent."""
        return f"{parent.path if parent else '/'}{code}/"

    def contains(self, other: Region) -> bool:
        """True when `other` is this region or inside it."""
        return other.path.startswith(self.path)


class GridStaff(models.Model):
    """A named grid worker of one grid cell (定人、定岗、定责)."""

    grid = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="grid_staff")
    name = models.CharField(_("姓名"), max_length=50)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    user = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("网格员")
        verbose_name_plural = _("网格员")

    def __str__(self) -> str:
        return self.name


class Committee(models.Model):
    """The safety committee (安委会) of one region; its office numbers outgoing documents."""

    region = models.OneToOneField(Region, on_delete=models.PROTECT, related_name="committee")
    name = models.CharField(_("名称"), max_length=100)
    office_name = models.CharField(_("办公室名称"), max_length=100)
    doc_prefix = models.CharField(_("发文字号前缀"), max_length=20, help_text=_("例如：龙安生委"))

    class Meta:
        verbose_name = _("安委会")
        verbose_name_plural = _("安委会")

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """A regulated field (行业领域)."""

    code = models.CharField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    high_risk = models.BooleanField(_("高危行业"), default=False)

    class Meta:
        verbose_name = _("行业领域")
        verbose_name_plural = _("行业领域")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A member unit (成员单位) of a region's committee."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    is_office = models.BooleanField(_("安委办"), default=False)

    class Meta:
        verbose_name = _("成员单位")
        verbose_name_plural = _("成员单位")
        ordering = ["region__path", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class ResponsibilityList(models.Model):
    """One line of the 职责清单: this department supervises this sector in this region."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="responsibilities")
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="responsibilities")
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="responsibilities")
    duty = models.CharField(_("职责"), max_length=10, choices=DutyKind.choices, default=DutyKind.LEAD)

    class Meta:
        verbose_name = _("职责清单")
        verbose_name_plural = _("职责清单")
        constraints = [
            models.UniqueConstraint(fields=["region", "sector", "department"], name="responsibility_unique")
        ]

    def __str__(self) -> str:
        return f"{self.department} → {self.sector}"


class Unit(models.Model):
    """A 生产经营单位: whoever is inspected and must rectify."""

    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=30, blank=True, db_index=True)
    kind = models.CharField(_("类型"), max_length=20, choices=UnitKind.choices, default=UnitKind.ENTERPRISE)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="units")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="units")
    grid = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="grid_units"
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    risk_level = models.CharField(_("风险等级"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.BLUE)
    high_risk = models.BooleanField(_("高危"), default=False)
    key_fire_unit = models.BooleanField(_("消防安全重点单位"), default=False)
    principal_name = models.CharField(_("主要负责人"), max_length=50, blank=True)
    principal_phone = models.CharField(_("主要负责人电话"), max_length=30, blank=True)
    controller_name = models.CharField(_("实际控制人"), max_length=50, blank=True)
    controller_phone = models.CharField(_("实际控制人电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("生产经营单位")
        verbose_name_plural = _("生产经营单位")
        ordering = ["name"]
        indexes = [models.Index(fields=["region", "sector"], name="unit_region_sector")]

    def __str__(self) -> str:
        return self.name


class UnitGuarantor(models.Model):
    """One of the five named guarantors (五包一) of a key fire-safety unit."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="guarantors")
    role = models.CharField(_("包保角色"), max_length=20, choices=GuarantorRole.choices)
    name = models.CharField(_("姓名"), max_length=50)
    organisation = models.CharField(_("单位"), max_length=100, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("五包一责任人")
        verbose_name_plural = _("五包一责任人")
        constraints = [models.UniqueConstraint(fields=["unit", "role"], name="guarantor_one_per_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.name}"


class Expert(models.Model):
    """A pooled expert (专家库) who may join inspections."""

    name = models.CharField(_("姓名"), max_length=50)
    specialty = models.CharField(_("专业"), max_length=100, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="experts")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="experts")

    class Meta:
        verbose_name = _("专家")
        verbose_name_plural = _("专家库")

    def __str__(self) -> str:
        return self.name


class UnitGroup(models.Model):
    """A collective owner named in documents (各乡（镇）, 负有安全监管职责的部门, 各有关部门), resolved once
    into its member departments and townships: stored and shown under its own name, each member still owns."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="unit_groups")
    name = models.CharField(_("名称"), max_length=100)
    departments = models.ManyToManyField(Department, blank=True, related_name="groups", verbose_name=_("成员部门"))
    townships = models.ManyToManyField(Region, blank=True, related_name="member_of_groups",
                                       verbose_name=_("成员乡镇（街道）"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("责任单位组")
        verbose_name_plural = _("责任单位组")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unit_group_unique_name")]

    def __str__(self) -> str:
        return self.name
