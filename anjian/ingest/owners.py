"""Responsible-unit names as documents print them, resolved to the jurisdiction's departments and townships.

The order of attempts: a name a clerk already answered (UnitAlias), a group phrase (各乡、办, 各成员单位,
负有安全监管职责的部门), a township by name, a department by name, short name or alias with the
区/县/市 prefix and the 局/大队/支队 suffix allowed to differ, and last an abbreviation whose characters
appear in order in exactly one department's name (城管局 → 城市管理局). Whatever is left is unknown and
asked for once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from anjian.ingest.models import UnitAlias
from anjian.ledger.choices import OwnerRole
from anjian.ledger.models import Task, TaskOwner
from anjian.org.choices import RegionLevel
from anjian.org.models import Department, Region, ResponsibilityList
from anjian.org.services import unit_group

_TOWNSHIPS = re.compile(
    r"^(?:各|全部|所有)(?:乡|镇|乡镇|街道|办事处|乡镇人民政府|乡人民政府|镇人民政府)"
    r"(?:[、（(]?(?:镇|街道|办事处|办|乡镇)[)）]?)*(?:人民政府|政府)?$"
)
# The second half of "各乡、办" / "各乡人民政府、办事处" once the extractor has split on 、.
_TOWNSHIP_TAIL = re.compile(r"^(?:办|办事处|街道|街道办事处|镇|乡镇|各办事处|各街道)$")
_MEMBERS = re.compile(r"^(?:[区县市]|各级|本级)?(?:安委会|安全生产委员会)?(?:各|有关|全体)?(?:成员单位)$")
_SUPERVISORS = re.compile(
    r"^(?:各)?(?:负有|有)(?:安全生产|安全)?(?:监督管理|监管)(?:职责|责任)的?(?:部门|单位)$|"
    r"^(?:各)?(?:行业领域|行业)(?:主管|监管)?部门$"
)
_SUFFIX = re.compile(r"(?:局|大队|支队|总队|中队|委员会|委|办公室|办|中心|分局)$")
_GOVT = re.compile(r"(?:人民政府|政府|办事处)$")


@dataclass(frozen=True)
class ResolvedOwner:
    """One responsible unit of a task: the name as printed and the department or township it means."""

    name: str
    label: str
    department_id: int | None = None
    region_code: str | None = None
    role: str = OwnerRole.LEAD

    def key(self) -> tuple[str, int | None, str | None, str]:
        """What makes two owners the same for a re-import comparison."""
        return (self.name, self.department_id, self.region_code, self.role)


@dataclass(frozen=True)
class Resolution:
    """The owners of one item, the printed names nobody can place yet, and names a clerk chose to ignore."""

    owners: tuple[ResolvedOwner, ...] = ()
    unknown: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Target:
    label: str
    department_id: int | None = None
    region_code: str | None = None


def _core(name: str, region_names: Sequence[str], level_char: str) -> str:
    """A name without whitespace, its jurisdiction prefix (区, 龙亭区, 开封市龙亭区) and brackets.

    Only the jurisdiction's own level word is a prefix: in a county 市政府 is the city's, not ours,
    and 市场监管局 starts with a word, not a prefix.
    """
    text = re.sub(r"\s|[（(][^）)]*[)）]", "", name)
    for prefix in region_names:
        if prefix and text.startswith(prefix) and len(text) > len(prefix) + 1:
            return text[len(prefix) :]
    if len(text) > 2 and level_char and text[0] == level_char and not text.startswith("市场"):
        return text[1:]
    return text


def _stem(core: str) -> str:
    """The core without its organisational suffix, so 消防救援大队 and 消防救援支队 meet."""
    stem = _SUFFIX.sub("", core)
    return stem if len(stem) >= 2 else core


def _in_order(short: str, long: str) -> bool:
    """Whether every character of `short` appears in `long` in the same order (an abbreviation)."""
    position = 0
    for ch in short:
        position = long.find(ch, position)
        if position < 0:
            return False
        position += 1
    return True


@dataclass
class OwnerResolver:
    """Resolves printed unit names for one jurisdiction; built once per import (a few queries)."""

    region: Region
    _aliases: dict[str, UnitAlias] = field(default_factory=dict)
    _exact: dict[str, list[_Target]] = field(default_factory=dict)
    _stems: dict[str, list[_Target]] = field(default_factory=dict)
    _departments: list[tuple[str, _Target]] = field(default_factory=list)
    _townships: list[_Target] = field(default_factory=list)
    _members: list[_Target] = field(default_factory=list)
    _supervisors: list[_Target] = field(default_factory=list)
    _region_names: list[str] = field(default_factory=list)
    _level_char: str = ""

    def __post_init__(self) -> None:
        self._region_names = self._jurisdiction_names()
        self._level_char = self.region.name[-1] if self.region.name[-1:] in ("区", "县", "市") else ""
        self._aliases = {
            a.name: a
            for a in UnitAlias.objects.filter(region=self.region).select_related(
                "department", "target_region"
            )
        }
        for dept in Department.objects.filter(region=self.region).order_by("name"):
            target = _Target(dept.name, department_id=dept.pk)
            if not dept.is_office:
                self._members.append(target)
            for printed in [dept.name, dept.short_name, *[str(a) for a in dept.aliases or []]]:
                if printed:
                    self._index(printed, target)
            self._departments.append((self._core(dept.name), target))
        for child in Region.objects.filter(parent=self.region, level=RegionLevel.TOWNSHIP).order_by("code"):
            target = _Target(child.name, region_code=child.code)
            self._townships.append(target)
            self._index(child.name, target)
            short = re.sub(r"(?:街道办事处|办事处|街道|乡|镇)$", "", child.name)
            for variant in (f"{child.name}人民政府", f"{child.name}政府", f"{short}办事处", f"{short}街道"):
                self._exact.setdefault(variant, [target])
        supervisors = (
            ResponsibilityList.objects.filter(region=self.region)
            .select_related("department")
            .order_by("department__name")
            .values_list("department_id", "department__name")
            .distinct()
        )
        self._supervisors = [_Target(name, department_id=pk) for pk, name in supervisors]

    def _jurisdiction_names(self) -> list[str]:
        # The names a document may put in front of a department: 开封市龙亭区, 龙亭区, 龙亭.
        names: list[str] = []
        node: Region | None = self.region
        chain: list[str] = []
        while node is not None and len(chain) < 3:
            chain.insert(0, node.name)
            node = node.parent
        for start in range(len(chain)):
            names.append("".join(chain[start:]))
        bare = re.sub(r"(?:回族区|自治县|区|县|市)$", "", self.region.name)
        if len(bare) >= 2:
            names.append(bare)
        return sorted(set(names), key=len, reverse=True)

    def learn(self, name: str, department: Department | None, target: Region | None, ignore: bool) -> None:
        """Take a clerk's answer for one printed name into account before it is stored."""
        self._aliases[re.sub(r"\s", "", name)] = UnitAlias(
            region=self.region, name=name, department=department, target_region=target, ignore=ignore
        )

    def _core(self, name: str) -> str:
        return _core(name, self._region_names, self._level_char)

    def _index(self, printed: str, target: _Target) -> None:
        core = self._core(printed)
        for key in {re.sub(r"\s", "", printed), core}:
            bucket = self._exact.setdefault(key, [])
            if target not in bucket:
                bucket.append(target)
        bucket = self._stems.setdefault(_stem(core), [])
        if target not in bucket:
            bucket.append(target)

    def targets(self, printed: str) -> list[_Target] | None:
        """What one printed name stands for; [] when a clerk said to ignore it; None when unknown."""
        name = re.sub(r"\s", "", printed)
        alias = self._aliases.get(name)
        if alias is not None:
            if alias.ignore:
                return []
            if alias.department is not None:
                return [_Target(alias.department.name, department_id=alias.department.pk)]
            if alias.target_region is not None:
                return [_Target(alias.target_region.name, region_code=alias.target_region.code)]
        if _TOWNSHIPS.match(name):
            return list(self._townships) or None
        if _MEMBERS.match(name):
            return list(self._members) or None
        if _SUPERVISORS.match(name):
            return list(self._supervisors) or None
        exact = self._exact.get(name) or self._exact.get(self._core(name))
        if exact and len(exact) == 1:
            return list(exact)
        core = self._core(name)
        stems = self._stems.get(_stem(core))
        if stems and len(stems) == 1:
            return list(stems)
        return self._abbreviation(core)

    def _abbreviation(self, core: str) -> list[_Target] | None:
        stem = _stem(core)
        if len(stem) < 2 or _GOVT.search(core):
            return None
        suffix = core[len(stem) :]
        hits = [
            target
            for dept_core, target in self._departments
            if dept_core.startswith(stem[0])
            and _in_order(stem, _stem(dept_core))
            and (not suffix or dept_core.endswith(suffix))
        ]
        return hits if len(hits) == 1 else None

    def resolve(self, names: Iterable[str]) -> Resolution:
        """The owners of one item: the first named unit leads, the rest cooperate; groups expand."""
        owners: list[ResolvedOwner] = []
        unknown: list[str] = []
        ignored: list[str] = []
        seen: set[tuple[int | None, str | None]] = set()
        previous_townships = False
        for printed in names:
            name = re.sub(r"\s", "", printed)
            if not name:
                continue
            if previous_townships and _TOWNSHIP_TAIL.match(name):
                continue  # "各乡、办": the 办 half is already covered by the township expansion
            found = self.targets(name)
            previous_townships = bool(_TOWNSHIPS.match(name))
            # Every unit the first printed name stands for leads; later names cooperate.
            role = OwnerRole.LEAD if not owners else OwnerRole.COOPERATE
            if found is None:
                if name not in unknown:
                    unknown.append(name)
                continue
            if not found:
                ignored.append(name)
                continue
            for target in found:
                if (target.department_id, target.region_code) in seen:
                    continue
                seen.add((target.department_id, target.region_code))
                owners.append(
                    ResolvedOwner(name, target.label, target.department_id, target.region_code, role)
                )
        return Resolution(tuple(owners), tuple(unknown), tuple(ignored))


def unit_alias_targets(region: Region) -> list[tuple[str, str]]:
    """The choices a clerk may map an unknown name to: ("department:ID" | "region:CODE", label)."""
    options = [
        (f"department:{d.pk}", d.name) for d in Department.objects.filter(region=region).order_by("name")
    ]
    options += [
        (f"region:{r.code}", r.name)
        for r in Region.objects.filter(parent=region, level=RegionLevel.TOWNSHIP).order_by("code")
    ]
    return options


def attach_groups(task: Task) -> int:
    """Store each collective owner of the task once: the rows one printed name expanded to (各乡（镇）,
    负有安全监管职责的部门) become members of the region's group of that name. Returns the rows grouped."""
    rows = list(TaskOwner.objects.filter(task=task, group__isnull=True).order_by("pk"))
    by_name: dict[str, list[TaskOwner]] = {}
    for row in rows:
        by_name.setdefault(row.name, []).append(row)
    grouped = 0
    for name, members in by_name.items():
        if len(members) < 2:
            continue
        group = unit_group(region=task.region, name=name,
                           department_ids=[m.department_id for m in members if m.department_id],
                           township_ids=[m.region_id for m in members if m.region_id])
        grouped += TaskOwner.objects.filter(pk__in=[m.pk for m in members]).update(group=group)
    return grouped
