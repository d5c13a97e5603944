"""Creating people and granting roles (administrative changes, each audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleAssignment, User
from anjian.audit.services import record
from anjian.errors import DomainError
from anjian.org.models import Department, Region, Unit


def top_region() -> Region:
    """The jurisdiction the installation serves: from the root, down through ancestors kept only for their codes.

    A county installation stores its province and city too (one child each, no departments of their own);
    the top region is the first region that has departments or more than one child.
    """
    region = Region.objects.order_by("path").first()
    if region is None:
        raise DomainError("尚未建立行政区划，请先运行 anjian demo 或导入区划 / no regions yet", code="no_regions")
    while not Department.objects.filter(region=region).exists():
        children = list(Region.objects.filter(parent=region)[:2])
        if len(children) != 1:
            break
        region = children[0]
    return region


def grant_role(
    *, actor: Any, user: User, role: str, region: Region, department: Department | None = None,
    unit: Unit | None = None,
) -> RoleAssignment:
    """Give a user one role over a region subtree (optionally a department or a unit)."""
    with transaction.atomic():
        assignment, _ = RoleAssignment.objects.get_or_create(
            user=user, role=role, region=region, department=department, unit=unit
        )
        record(actor=actor, action="role.grant", object_type="user", object_id=user.pk,
               after={"role": role, "region": region.code, "department": department.pk if department else None,
                      "unit": unit.pk if unit else None})
        return assignment


def create_user_with_role(
    *, username: str, password: str, role: str, region_code: str | None = None,
    department_name: str | None = None, unit: Unit | None = None, display_name: str = "",
    superuser: bool = False, actor: Any = None,
) -> User:
    """Create a user and grant one role; the role must be valid and its region must exist."""
    if role not in Role.values:
        raise DomainError(f"未知角色 {role}，可选：{'、'.join(Role.values)}", code="unknown_role")
    region = Region.objects.filter(code=region_code).first() if region_code else top_region()
    if region is None:
        raise DomainError(f"区划代码 {region_code} 不存在 / unknown region", code="unknown_region")
    department = None
    if role == Role.DEPARTMENT:
        department = Department.objects.filter(name=department_name or "").first()
        if department is None:
            raise DomainError("部门角色需要有效的 --department 名称 / department role needs --department",
                              code="unknown_department")
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise DomainError(f"用户名 {username} 已存在 / username taken", code="username_taken")
        user = User.objects.create_user(username=username, password=password, display_name=display_name,
                                        is_superuser=superuser, is_staff=superuser or role == Role.ADMIN)
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password_changed_at"])
        record(actor=actor, action="user.create", object_type="user", object_id=user.pk,
               after={"username": username, "superuser": superuser})
        grant_role(actor=actor, user=user, role=role, region=region, department=department, unit=unit)
        return user
