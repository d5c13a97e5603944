"""Choice sets of the assessment app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    ITEM = "item", _("考核项")
    DEDUCTION = "deduction", _("减分项")
    BONUS = "bonus", _("加分项")


class Evaluation(models.TextChoices):
    INDICATOR = "indicator", _("数据指标直接评定")
    EVIDENCE = "evidence", _("查阅资料（材料清单）")
    MANUAL = "manual", _("人工评分")
    ACCIDENTS = "accidents", _("按事故等级扣分")
    OCCURRENCES = "occurrences", _("按次扣分")


class SchemeSource(models.TextChoices):
    BUILTIN = "builtin", _("内置")
    IMPORTED = "imported", _("文件导入")
    MANUAL = "manual", _("手工建立")
