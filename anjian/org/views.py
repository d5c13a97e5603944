"""The organisation's pages: the unit groups (责任单位组) a collective owner stands for, listed and edited by
whoever the policy lets edit them (the office, the system administrator) in their own regions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from anjian.accounts.policy import Where, allowed, region_paths
from anjian.errors import DomainError
from anjian.org.forms import UnitGroupForm
from anjian.org.models import UnitGroup
from anjian.org.services import save_unit_group


def _groups(user: Any) -> Any:
    q = Q(pk__in=[])
    for path in region_paths(user, "unit_group", "edit"):
        q |= Q(region__path__startswith=path)
    return UnitGroup.objects.filter(q)


def _guard(user: Any) -> None:
    if not allowed(user, "edit", Where("unit_group")):
        raise Http404


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    """责任单位组: each group of the user's regions with its members."""
    _guard(request.user)
    groups = _groups(request.user).select_related("region").prefetch_related("departments", "townships").order_by(
        "region__path", "name")
    return render(request, "org/group_list.html", {"groups": groups})


@login_required
def group_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Create a group, or change an existing group's name and members (org.services.save_unit_group)."""
    _guard(request.user)
    group = None
    if pk is not None:
        group = _groups(request.user).select_related("region").filter(pk=pk).first()
        if group is None:
            raise Http404
    initial = {} if group is None else {"region": group.region_id, "name": group.name,
                                        "departments": list(group.departments.all()),
                                        "townships": list(group.townships.all())}
    form = UnitGroupForm(request.POST or None, user=request.user, initial=initial,
                         fixed_region=group.region if group else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = save_unit_group(actor=request.user, group=group, region=group.region if group else data["region"],
                                    name=data["name"], departments=data["departments"],
                                    townships=data["townships"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("已保存责任单位组“%(name)s”。") % {"name": saved.name})
            return redirect("org:group_list")
    return render(request, "org/group_edit.html", {"form": form, "group": group})
