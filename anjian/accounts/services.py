"""Creating people and granting roles (administrative changes, each audited).

Who may grant which role is the policy's `GRANTS` table (三权分立). `actor=None` is the server
operator's bootstrap path (`anjian createuser`, the demo loader): it may create any role, since
whoever runs commands on the server already holds the database.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.accounts.models import RoleAssignment, User
from anjian.accounts.policy import Where, allowed, may_grant
from anjian.audit.services import record
from anjian.errors import DomainError, PermissionDenied
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


def region_named(code: str | None) -> Region:
    """The region with this code, or `top_region()` when no code is given (the CLI's --region)."""
    region = Region.objects.filter(code=code).first() if code else top_region()
    if region is None:
        raise DomainError(f"区划代码 {code} 不存在 / unknown region", code="unknown_region")
    return region


def _deny(actor: Any, action: str, object_id: Any, after: dict[str, Any], message: str) -> PermissionDenied:
    """Audit a refused administrative change (outside any transaction, so the row survives) and build the error."""
    record(actor=actor, action=f"denied:{action}", object_type="user", object_id=object_id, after=after)
    return PermissionDenied(message)


def _check_grant(*, actor: Any, user: User | None, role: str, region: Region, department: Department | None,
                 unit: Unit | None) -> None:
    """Raise (audited) unless the actor may give this role here: GRANTS, own subtree, never to themself."""
    if actor is None:
        return
    wanted = {"role": role, "region": region.code, "department": department.pk if department else None,
              "unit": unit.pk if unit else None}
    places = [region.path] + [x.region.path for x in (department, unit) if x is not None]
    if all(may_grant(actor, role, path, user) for path in places):
        return
    if user is not None and user.pk == getattr(actor, "pk", None):
        raise _deny(actor, "role.grant", user.pk, wanted, "不能给自己授予角色 / nobody grants roles to themself")
    raise _deny(actor, "role.grant", user.pk if user else None, wanted,
                f"无权在该区域授予“{role}”角色 / not allowed to grant this role here")


def grant_role(
    *, actor: Any, user: User, role: str, region: Region, department: Department | None = None,
    unit: Unit | None = None,
) -> RoleAssignment:
    """Give a user one role over a region subtree (optionally a department or a unit), if the actor may."""
    if role not in Role.values:
        raise DomainError(f"未知角色 {role}，可选：{'、'.join(Role.values)}", code="unknown_role")
    _check_grant(actor=actor, user=user, role=role, region=region, department=department, unit=unit)
    with transaction.atomic():
        assignment, _ = RoleAssignment.objects.get_or_create(
            user=user, role=role, region=region, department=department, unit=unit
        )
        record(actor=actor, action="role.grant", object_type="user", object_id=user.pk,
               after={"role": role, "region": region.code, "department": department.pk if department else None,
                      "unit": unit.pk if unit else None})
        return assignment


def check_password(password: str, *, username: str, display_name: str = "") -> None:
    """The installation's password rules (AUTH_PASSWORD_VALIDATORS, level-3 complexity) for a new account."""
    try:
        validate_password(password, user=User(username=username, display_name=display_name))
    except ValidationError as error:
        raise DomainError("；".join(str(m) for m in error.messages), code="weak_password") from error


def create_user(
    *, actor: Any, username: str, password: str, role: str, region: Region, department: Department | None = None,
    unit: Unit | None = None, display_name: str = "", superuser: bool = False,
) -> User:
    """Create a person with a first role: the actor must be allowed to grant it, the password must pass the rules.

    An account made by another person must change its password at the first sign-in.
    """
    if role not in Role.values:
        raise DomainError(f"未知角色 {role}，可选：{'、'.join(Role.values)}", code="unknown_role")
    department = department if role == Role.DEPARTMENT else None
    unit = unit if role == Role.UNIT else None
    if actor is not None and not allowed(actor, "create", Where("user", region.path)):
        raise _deny(actor, "user.create", None, {"username": username, "role": role, "region": region.code},
                    "无权在该区域创建用户 / not allowed to create users here")
    _check_grant(actor=actor, user=None, role=role, region=region, department=department, unit=unit)
    check_password(password, username=username, display_name=display_name)
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
            raise DomainError(f"用户名 {username} 已存在 / username taken", code="username_taken")
        # is_superuser is kept only as Django's flag: the policy gives it nothing (a flag without roles sees nothing).
        user = User.objects.create_user(username=username, password=password, display_name=display_name,
                                        is_superuser=superuser, is_staff=superuser)
        user.password_changed_at = timezone.now()
        user.must_change_password = actor is not None
        user.save(update_fields=["password_changed_at", "must_change_password"])
        record(actor=actor, action="user.create", object_type="user", object_id=user.pk,
               after={"username": username, "superuser": superuser, "must_change_password": actor is not None})
        grant_role(actor=actor, user=user, role=role, region=region, department=department, unit=unit)
        return user


def create_user_with_role(
    *, username: str, password: str, role: str, region_code: str | None = None,
    department_name: str | None = None, unit: Unit | None = None, display_name: str = "",
    superuser: bool = False, actor: Any = None,
) -> User:
    """`create_user` with the region and department named by code and name (the CLI's form)."""
    if role not in Role.values:
        raise DomainError(f"未知角色 {role}，可选：{'、'.join(Role.values)}", code="unknown_role")
    region = region_named(region_code)
    department = None
    if role == Role.DEPARTMENT:
        department = Department.objects.filter(name=department_name or "").first()
        if department is None:
            raise DomainError("部门角色需要有效的 --department 名称 / department role needs --department",
                              code="unknown_department")
    return create_user(actor=actor, username=username, password=password, role=role, region=region,
                       department=department, unit=unit, display_name=display_name, superuser=superuser)
