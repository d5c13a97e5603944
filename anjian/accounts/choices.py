"""Roles a person can hold, each scoped to a region subtree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE = "office", _("安委办工作人员")
    DEPARTMENT = "department", _("部门工作人员")
    TOWNSHIP = "township", _("乡镇/网格工作人员")
    UNIT = "unit", _("企业负责人")
    LEADER = "leader", _("领导（只读）")
    EXPERT = "expert", _("专家")
    TIPOFF_HANDLER = "tipoff_handler", _("举报受理人员")
    AUDITOR = "auditor", _("审计管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    ADMIN = "admin", _("系统管理员")
