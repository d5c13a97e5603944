"""The inventory and checklist workbooks: the template's columns, rows read into frozen records, rows written.

Pure: values in, records and errors out, no database. The columns follow what enterprises keep in their
风险分级管控清单 (docs/prevention.md; research note §3): one row per hazard factor, rows sharing a 风险点编号
belong to one point, each control type in its own column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils import translation

from anjian.prevention.choices import (
    AccidentType,
    ControlKind,
    ControlLevel,
    FactorClass,
    Method,
    PointKind,
    RiskGrade,
)

INVENTORY_HEADER: tuple[str, ...] = (
    "风险点编号", "风险点名称", "类型", "区域/部位", "危险有害因素", "因素分类", "GB/T 13861代码", "事故类型",
    "评价方法", "L", "E", "C", "S", "风险等级", "直接判定理由",
    "工程技术措施", "管理措施", "培训教育措施", "个体防护措施", "应急处置措施", "管控层级", "责任人", "应急电话",
)
CONTROL_COLUMNS = (ControlKind.ENGINEERING, ControlKind.MANAGEMENT, ControlKind.TRAINING, ControlKind.PPE,
                   ControlKind.EMERGENCY)
CHECKLIST_HEADER: tuple[str, ...] = ("序号", "排查项目", "排查内容", "排查依据")


def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    """Value by Chinese label and by value itself ('设备设施/部位/场所/区域' or 'place' → 'place')."""
    with translation.override("zh-hans"):
        found = {str(c.label): str(c.value) for c in choices}  # type: ignore[attr-defined]
    return found | {str(v): str(v) for v in choices.values}


_KIND, _CLASS, _ACCIDENT = _labels(PointKind), _labels(FactorClass), _labels(AccidentType)
_METHOD = _labels(Method) | {"LEC": Method.LEC, "LS": Method.LS, "直接判定": Method.DIRECT}
_GRADE = _labels(RiskGrade) | {"重大": RiskGrade.MAJOR, "较大": RiskGrade.LARGE, "一般": RiskGrade.GENERAL,
                              "低": RiskGrade.LOW}
_LEVEL = _labels(ControlLevel) | {"公司": ControlLevel.COMPANY, "车间": ControlLevel.WORKSHOP,
                                  "班组": ControlLevel.TEAM, "岗位": ControlLevel.POST}


@dataclass(frozen=True)
class FactorRow:
    description: str
    factor_class: str
    factor_code: str
    accident_type: str


@dataclass(frozen=True)
class PointRow:
    """One risk point as the sheet gives it: its factors, evaluation and controls."""

    line: int
    code: str
    name: str
    kind: str
    location: str
    factors: tuple[FactorRow, ...]
    method: str
    values: dict[str, Decimal]
    direct_grade: str
    reason: str
    controls: tuple[tuple[str, str], ...]  # (kind, text)
    level: str
    responsible_name: str
    emergency_phone: str


@dataclass(frozen=True)
class ChecklistRow:
    line: int
    text: str
    basis: str


def _cell(row: Sequence[Any], i: int) -> str:
    value = row[i] if i < len(row) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_at(rows: list[tuple[int, Sequence[Any]]], header: tuple[str, ...]) -> int:
    for index, (_, row) in enumerate(rows[:10]):
        if [_cell(row, i) for i in range(min(3, len(header)))] == list(header[:3]):
            return index
    raise ValueError(f"未找到表头（应为：{'、'.join(header[:4])}…）")


def read_inventory(rows: Iterable[tuple[int, Sequence[Any]]]) -> tuple[list[PointRow], list[str]]:
    """Points from the inventory sheet's rows, and the errors found (each naming its row)."""
    listed = list(rows)
    start = _header_at(listed, INVENTORY_HEADER)
    col = {name: i for i, name in enumerate(INVENTORY_HEADER)}
    points: dict[str, dict[str, Any]] = {}
    errors: list[str] = []
    for line, row in listed[start + 1:]:
        def get(name: str, row: Sequence[Any] = row) -> str:
            return _cell(row, col[name])

        code, name = get("风险点编号"), get("风险点名称")
        if not code and not name:
            continue
        key = code or name
        factor = get("危险有害因素")
        factor_row = None
        if factor:
            f_class, accident = _CLASS.get(get("因素分类")), _ACCIDENT.get(get("事故类型"))
            if f_class is None or accident is None:
                errors.append(f"第 {line} 行：因素分类或事故类型不在标准分类内")
                continue
            factor_row = FactorRow(factor, f_class, get("GB/T 13861代码"), accident)
        if key in points:
            if factor_row:
                points[key]["factors"].append(factor_row)
            continue
        kind, method = _KIND.get(get("类型") or PointKind.PLACE), _METHOD.get(get("评价方法"))
        level = _LEVEL.get(get("管控层级"))
        if not name or kind is None or method is None or level is None:
            errors.append(f"第 {line} 行：风险点名称、类型、评价方法或管控层级缺失或无法识别")
            continue
        values: dict[str, Decimal] = {}
        try:
            for letter in ("L", "E", "C", "S"):
                if get(letter):
                    values[letter.lower()] = Decimal(get(letter))
        except InvalidOperation:
            errors.append(f"第 {line} 行：L/E/C/S 须为数字")
            continue
        points[key] = {
            "line": line, "code": code, "name": name, "kind": kind, "location": get("区域/部位"),
            "factors": [factor_row] if factor_row else [], "method": method, "values": values,
            "direct_grade": _GRADE.get(get("风险等级"), "") if method == Method.DIRECT else "",
            "reason": get("直接判定理由"),
            "controls": tuple((k, get(h)) for k, h in zip(CONTROL_COLUMNS, INVENTORY_HEADER[15:20], strict=True)
                              if get(h)),
            "level": level, "responsible_name": get("责任人"), "emergency_phone": get("应急电话"),
        }
    return [PointRow(**(p | {"factors": tuple(p["factors"])})) for p in points.values()], errors


def read_checklist(rows: Iterable[tuple[int, Sequence[Any]]]) -> tuple[list[ChecklistRow], list[str]]:
    """Items of a sector checklist: 排查项目 and 排查内容 joined, with their basis."""
    listed = list(rows)
    start = _header_at(listed, CHECKLIST_HEADER)
    items, errors = [], []
    for line, row in listed[start + 1:]:
        subject, content, basis = _cell(row, 1), _cell(row, 2), _cell(row, 3)
        if not subject and not content:
            continue
        if not content:
            errors.append(f"第 {line} 行：排查内容为空")
            continue
        items.append(ChecklistRow(line, f"{subject}：{content}" if subject else content, basis))
    return items, errors


def inventory_rows(points: Iterable[Any]) -> list[list[str]]:
    """The sheet rows of risk points (with factors, latest evaluation and controls prefetched): one per factor."""
    rows = []
    for p in points:
        evaluation = next(iter(p.evaluations.all()), None)
        controls = list(p.controls.all())
        by_kind = {k: "；".join(c.text for c in controls if c.kind == k) for k in CONTROL_COLUMNS}
        levels = [c.level for c in controls]
        level = next((lv for lv in ControlLevel.values if lv in levels), "")
        values = {"L": "", "E": "", "C": "", "S": ""}
        if evaluation is not None:
            for letter, field in (("L", "l_value"), ("E", "e_value"), ("C", "c_value"), ("S", "s_value")):
                v = getattr(evaluation, field)
                values[letter] = "" if v is None else f"{v.normalize():f}"
        factors = list(p.factors.all()) or [None]
        for f in factors:
            rows.append([
                p.code, p.name, str(p.get_kind_display()), p.location,
                f.description if f else "", str(f.get_factor_class_display()) if f else "",
                f.factor_code if f else "", str(f.get_accident_type_display()) if f else "",
                str(evaluation.get_method_display()) if evaluation else "", values["L"], values["E"], values["C"],
                values["S"], str(p.get_grade_display()) if p.grade else "", evaluation.reason if evaluation else "",
                *(by_kind[k] for k in CONTROL_COLUMNS), str(ControlLevel(level).label) if level else "",
                p.responsible_name, p.emergency_phone,
            ])
    return rows
