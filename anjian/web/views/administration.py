"""Administration pages: reference tables, users and roles, the responsibility list's blind spots."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, ProtectedError, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.models import RoleAssignment, User
from anjian.accounts.policy import Where, allowed, region_paths
from anjian.accounts.services import grant_role
from anjian.errors import DomainError
from anjian.org.models import Region
from anjian.org.services import blind_spots, create_region
from anjian.web.administration import (
    ENTITIES,
    Entity,
    RegionForm,
    RoleGrantForm,
    UserCreateForm,
    limit_form,
    may_administer,
    may_edit,
    may_manage_people,
    region_allowed,
    rows_for,
)
from anjian.web.services import create_user, delete_reference, save_reference, unlock_user

LIMIT = 500


def _guard(request: HttpRequest) -> None:
    if not may_administer(request.user):
        raise Http404


def _entity(request: HttpRequest, key: str) -> Entity:
    _guard(request)
    entity = ENTITIES.get(key)
    if entity is None:
        raise Http404
    return entity


@login_required
def admin_index(request: HttpRequest) -> HttpResponse:
    """The administration menu, with the blind spots (监管盲区) of each administered region."""
    _guard(request)
    paths = region_paths(request.user, "responsibility", "edit")
    regions = Region.objects.filter(path__in=paths)
    spots = [(r, list(blind_spots(r))) for r in regions[:20]]
    return render(request, "web/admin/index.html", {
        "entities": ENTITIES.values(), "spots": spots, "people_ok": may_manage_people(request.user),
        "groups_ok": allowed(request.user, "edit", Where("unit_group")),
        "global_ok": any(may_edit(request.user, e) for e in ENTITIES.values() if e.global_data)})


@login_required
def admin_list(request: HttpRequest, key: str) -> HttpResponse:
    """The rows of one reference table."""
    entity = _entity(request, key)
    rows = list(rows_for(entity, request.user)[:LIMIT])
    table = [(row, [fn(row) for _label, fn in entity.columns]) for row in rows]
    return render(request, "web/admin/list.html", {"entity": entity, "table": table,
                                                    "may_edit": may_edit(request.user, entity)})


@login_required
def admin_edit(request: HttpRequest, key: str, pk: str | None = None) -> HttpResponse:
    """Create or edit one row; regions go through org.services.create_region."""
    entity = _entity(request, key)
    if not may_edit(request.user, entity):
        raise Http404
    instance = rows_for(entity, request.user).filter(pk=pk).first() if pk else None
    if pk and instance is None:
        raise Http404
    if entity.key == "regions" and instance is not None:
        raise Http404  # re-coding or re-parenting a region moves a subtree: a data migration, not a form
    form = entity.form(request.POST or None, instance=instance)
    limit_form(form, request.user, entity.kind)
    if request.method == "POST" and form.is_valid():
        candidate = form.instance if entity.key != "regions" else Region(parent=form.cleaned_data["parent"])
        if not region_allowed(entity, request.user, candidate):
            form.add_error(None, _("只能维护本辖区的数据"))
        else:
            try:
                if isinstance(form, RegionForm):
                    data = form.cleaned_data
                    create_region(code=data["code"], name=data["name"], level=data["level"], parent=data["parent"])
                else:
                    save_reference(actor=request.user, form=form)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("已保存。"))
                return redirect("web:admin_list", key=entity.key)
    return render(request, "web/admin/edit.html", {"entity": entity, "form": form, "instance": instance})


@login_required
@require_POST
def admin_delete(request: HttpRequest, key: str, pk: str) -> HttpResponse:
    """Delete one row of a table that allows it."""
    entity = _entity(request, key)
    if not entity.deletable or not may_edit(request.user, entity):
        raise Http404
    instance = rows_for(entity, request.user).filter(pk=pk).first()
    if instance is None:
        raise Http404
    try:
        delete_reference(actor=request.user, instance=instance)
    except ProtectedError:
        messages.error(request, _("该记录仍被引用，不能删除。"))
    else:
        messages.success(request, _("已删除。"))
    return redirect("web:admin_list", key=entity.key)


def _users(request: HttpRequest) -> Any:
    q = Q(pk__in=[])
    for path in region_paths(request.user, "user", "view"):
        q |= Q(roles__region__path__startswith=path)
    roles = RoleAssignment.objects.select_related("region", "department", "unit")
    return User.objects.filter(q).distinct().prefetch_related(Prefetch("roles", queryset=roles)).order_by("username")


@login_required
def admin_users(request: HttpRequest) -> HttpResponse:
    """People and their roles; create a person with a first role."""
    if not may_manage_people(request.user):
        raise Http404
    form = UserCreateForm(request.POST or None, granter=request.user)
    if request.method == "POST" and not allowed(request.user, "create", Where("user")):
        raise Http404
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            create_user(actor=request.user, username=data["username"], display_name=data["display_name"],
                        password=data["password"], role=data["role"], region=data["region"],
                        department=data["department"], unit=data["unit"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("用户已创建，首次登录时须修改密码。"))
            return redirect("web:admin_users")
    return render(request, "web/admin/users.html", {"users": _users(request)[:LIMIT], "form": form})


@login_required
def admin_user(request: HttpRequest, pk: int) -> HttpResponse:
    """One person: grant another role, unlock a locked account."""
    if not may_manage_people(request.user):
        raise Http404
    person = _users(request).filter(pk=pk).first()
    if person is None:
        raise Http404
    form = RoleGrantForm(request.POST or None, granter=request.user)
    if request.method == "POST" and request.POST.get("unlock"):
        if not allowed(request.user, "unlock", Where("user")):
            raise Http404
        unlock_user(actor=request.user, user=person)
        messages.success(request, _("账号已解锁。"))
        return redirect("web:admin_user", pk=person.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant_role(actor=request.user, user=person, role=data["role"], region=data["region"],
                       department=data["department"] if data["role"] == "department" else None,
                       unit=data["unit"] if data["role"] == "unit" else None)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("已授予角色。"))
            return redirect("web:admin_user", pk=person.pk)
    return render(request, "web/admin/user.html", {"person": person, "form": form})
