"""Choice sets of the organisation app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省")
    CITY = "city", _("市")
    COUNTY = "county", _("县/区")
    TOWNSHIP = "township", _("乡镇/街道")
    VILLAGE = "village", _("村/社区")
    GRID = "grid", _("网格")


LEVEL_ORDER = [level.value for level in RegionLevel]


class RiskLevel(models.TextChoices):
    RED = "red", _("红（重大风险）")
    ORANGE = "orange", _("橙（较大风险）")
    YELLOW = "yellow", _("黄（一般风险）")
    BLUE = "blue", _("蓝（低风险）")


class UnitKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    SITE = "site", _("工地/作业场所")
    VENUE = "venue", _("场所（九小场所、人员密集场所）")
    INSTITUTION = "institution", _("学校/医院/机构")


class GuarantorRole(models.TextChoices):
    DEPARTMENT_CADRE = "department_cadre", _("行业监管部门干部")
    TOWNSHIP_CADRE = "township_cadre", _("乡镇街道干部")
    VILLAGE_WORKER = "village_worker", _("社区（村）工作人员")
    FIRE_OR_POLICE = "fire_or_police", _("消防人员（或派出所人员）")
    PROFESSIONAL = "professional", _("专业人员")


class DutyKind(models.TextChoices):
    LEAD = "lead", _("牵头监管")
    COOPERATE = "cooperate", _("配合监管")
