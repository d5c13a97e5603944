"""The escalation ladder's steps (提醒 → 函告 → 通报 → 约谈 → 挂牌督办)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StepAction(models.TextChoices):
    REMIND = "remind", _("提醒")
    NOTICE_LETTER = "notice_letter", _("函告")
    CIRCULAR = "circular", _("通报")
    SUMMONS = "summons", _("约谈")
    LISTED_SUPERVISION = "listed_supervision", _("挂牌督办")


class ItemKind(models.TextChoices):
    TASK = "task", _("整改任务")
    HAZARD = "hazard", _("隐患")


class GradeScope(models.TextChoices):
    ANY = "", _("全部")
    GENERAL = "general", _("一般隐患")
    MAJOR = "major", _("重大事故隐患")
