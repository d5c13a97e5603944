"""Choices of the dual-prevention app (双重预防机制): grades, methods, factor and accident classes, controls."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskGrade(models.TextChoices):
    """The four official risk grades (安委办〔2016〕11号), highest first."""

    MAJOR = "major", _("重大风险")
    LARGE = "large", _("较大风险")
    GENERAL = "general", _("一般风险")
    LOW = "low", _("低风险")


# Highest first: the order used to find a unit's highest grade.
GRADE_ORDER: tuple[str, ...] = (RiskGrade.MAJOR, RiskGrade.LARGE, RiskGrade.GENERAL, RiskGrade.LOW)
COLOUR = {RiskGrade.MAJOR: "red", RiskGrade.LARGE: "orange", RiskGrade.GENERAL: "yellow", RiskGrade.LOW: "blue"}
COLOUR_LABEL = {RiskGrade.MAJOR: _("红"), RiskGrade.LARGE: _("橙"), RiskGrade.GENERAL: _("黄"), RiskGrade.LOW: _("蓝")}
HEX = {RiskGrade.MAJOR: "#e02020", RiskGrade.LARGE: "#fa8c16", RiskGrade.GENERAL: "#fadb14", RiskGrade.LOW: "#1677ff"}


class Method(models.TextChoices):
    LEC = "lec", _("作业条件危险性分析法（LEC）")
    LS = "ls", _("风险矩阵法（LS）")
    DIRECT = "direct", _("直接判定")


class PointKind(models.TextChoices):
    PLACE = "place", _("设备设施/部位/场所/区域")
    ACTIVITY = "activity", _("作业活动")


class FactorClass(models.TextChoices):
    """The four top classes of GB/T 13861-2022 (危险和有害因素); the full code is kept as text."""

    HUMAN = "1", _("人的因素")
    THING = "2", _("物的因素")
    ENVIRONMENT = "3", _("环境因素")
    MANAGEMENT = "4", _("管理因素")


class AccidentType(models.TextChoices):
    """GB 6441-1986 accident types, codes 01–20 (GB 6441-2025 replaces it from 2026-07-01: the edition is stored)."""

    STRUCK_BY_OBJECT = "01", _("物体打击")
    VEHICLE = "02", _("车辆伤害")
    MACHINERY = "03", _("机械伤害")
    LIFTING = "04", _("起重伤害")
    ELECTRIC_SHOCK = "05", _("触电")
    DROWNING = "06", _("淹溺")
    SCALDING = "07", _("灼烫")
    FIRE = "08", _("火灾")
    FALL_FROM_HEIGHT = "09", _("高处坠落")
    COLLAPSE = "10", _("坍塌")
    ROOF_FALL = "11", _("冒顶片帮")
    WATER_INRUSH = "12", _("透水")
    BLASTING = "13", _("放炮")
    EXPLOSIVE = "14", _("火药爆炸")
    GAS_EXPLOSION = "15", _("瓦斯爆炸")
    BOILER_EXPLOSION = "16", _("锅炉爆炸")
    VESSEL_EXPLOSION = "17", _("容器爆炸")
    OTHER_EXPLOSION = "18", _("其他爆炸")
    POISONING = "19", _("中毒和窒息")
    OTHER = "20", _("其他伤害")


ACCIDENT_EDITION_1986 = "GB 6441-1986"


class ControlKind(models.TextChoices):
    ENGINEERING = "engineering", _("工程技术措施")
    MANAGEMENT = "management", _("管理措施")
    TRAINING = "training", _("培训教育措施")
    PPE = "ppe", _("个体防护措施")
    EMERGENCY = "emergency", _("应急处置措施")


class ControlLevel(models.TextChoices):
    """管控层级, highest first."""

    COMPANY = "company", _("公司级")
    WORKSHOP = "workshop", _("车间级")
    TEAM = "team", _("班组级")
    POST = "post", _("岗位级")


class Cycle(models.TextChoices):
    """How often a check plan falls due; the number of days is in CYCLE_DAYS."""

    DAILY = "daily", _("每日")
    WEEKLY = "weekly", _("每周")
    MONTHLY = "monthly", _("每月")
    QUARTERLY = "quarterly", _("每季度")
    HALF_YEARLY = "half_yearly", _("每半年")


CYCLE_DAYS = {Cycle.DAILY: 1, Cycle.WEEKLY: 7, Cycle.MONTHLY: 30, Cycle.QUARTERLY: 91, Cycle.HALF_YEARLY: 182}


class RunStatus(models.TextChoices):
    """A check run is a due period's outcome: done (on time or late) or missed."""

    DONE = "done", _("已排查")
    MISSED = "missed", _("漏检")


class MajorHazardLevel(models.TextChoices):
    """GB 18218-2018 grading by R: 一级 R ≥ 100, 二级 50–100, 三级 10–50, 四级 R < 10."""

    FIRST = "1", _("一级")
    SECOND = "2", _("二级")
    THIRD = "3", _("三级")
    FOURTH = "4", _("四级")


class GuarantorRole(models.TextChoices):
    """The three 包保责任人 of a major hazard installation (包保责任制办法 2021, Art. 3)."""

    MAIN = "main", _("主要负责人")
    TECHNICAL = "technical", _("技术负责人")
    OPERATION = "operation", _("操作负责人")
