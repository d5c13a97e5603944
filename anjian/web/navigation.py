"""The left navigation, declared as data: label, URL name, an optional count, and who sees it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Q
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anjian.accounts.policy import ADMINISTRATION, holds_any, roles_of, scope_q
from anjian.core.pagecache import versioned
from anjian.ledger.choices import HAZARD_WATCHED, TASK_WATCHED

Counter = Callable[[Any], int]


def overdue_tasks(user: Any) -> int:
    """Open tasks in the user's scope past their date."""
    from anjian.ledger.models import Task

    today = timezone.localdate()
    return Task.objects.filter(scope_q(user, "task"), status__in=TASK_WATCHED, due_date__lt=today).count()


def overdue_hazards(user: Any) -> int:
    """Open hazards in the user's scope past their date."""
    from anjian.ledger.models import Hazard

    today = timezone.localdate()
    return Hazard.objects.filter(scope_q(user, "hazard"), status__in=HAZARD_WATCHED, due_date__lt=today).count()


def open_todos(user: Any) -> int:
    """What waits for this user's action (the home page's to-do boxes, counted)."""
    from anjian.web.todos import open_count

    return open_count(user, timezone.localdate())


def unread_notifications(user: Any) -> int:
    """Unread messages in the user's inbox."""
    from anjian.notify.models import Notification

    return Notification.objects.filter(Q(recipient=user) & Q(read_at__isnull=True)).count()


Permission = tuple[str, str]


@dataclass(frozen=True)
class NavEntry:
    """One menu entry, shown when the policy allows one of `permissions` somewhere (None: every signed-in user).

    The menu asks the policy (`holds_any`) rather than keeping its own list of roles, so an entry appears
    exactly when its page would answer.
    """

    label: str | Promise
    url_name: str
    count: Counter | None = None
    permissions: tuple[Permission, ...] | None = None
    warn: bool = False  # the count is bad news (shown red)


@dataclass(frozen=True)
class NavGroup:
    """A titled group of entries (by function, as back-office systems arrange them)."""

    title: str | Promise
    entries: tuple[NavEntry, ...]


NAVIGATION: tuple[NavGroup, ...] = (
    NavGroup(_("工作台"), (
        NavEntry(_("首页"), "web:home", open_todos),
        NavEntry(_("消息通知"), "web:notifications", unread_notifications),
    )),
    NavGroup(_("台账管理"), (
        NavEntry(_("整改任务"), "web:task_list", overdue_tasks, (("task", "view"),), warn=True),
        NavEntry(_("隐患排查治理"), "web:hazard_list", overdue_hazards, (("hazard", "view"),), warn=True),
        NavEntry(_("检查记录"), "web:inspection_list", permissions=(("inspection", "view"),)),
        NavEntry(_("执法措施"), "web:enforcement_list", permissions=(("enforcement", "view"),)),
        NavEntry(_("生产安全事故"), "accidents:list", permissions=(("accident", "view"),)),
        NavEntry(_("双重预防"), "prevention:list", permissions=(("riskpoint", "view"),)),
        NavEntry(_("生产经营单位"), "web:unit_list", permissions=(("unit", "view"),)),
    )),
    NavGroup(_("业务办理"), (
        NavEntry(_("文件导入"), "web:import_upload", permissions=(("import", "create"),)),
        NavEntry(_("隐患台账导入"), "web:hazard_import", permissions=(("hazard", "create"),)),
        NavEntry(_("现场检查录入"), "web:inspection_new", permissions=(("inspection", "create"),)),
        NavEntry(_("隐患自查自报"), "web:my_hazard_new", permissions=(("hazard", "self_report"),)),
        NavEntry(_("举报受理"), "tipoffs:queue", permissions=(("tipoff", "view"),)),
    )),
    NavGroup(_("统计考核"), (
        NavEntry(_("统计分析"), "stats:dashboard", permissions=(("stats", "view"),)),
        NavEntry(_("考核评分"), "scoring:score", permissions=(("assessment", "view"),)),
        NavEntry(_("报告文书"), "publish:reports", permissions=(("document", "create"), ("task", "export"))),
    )),
    NavGroup(_("系统管理"), (
        NavEntry(_("基础数据"), "web:admin_index", permissions=ADMINISTRATION),
        NavEntry(_("责任单位组"), "org:group_list", permissions=(("unit_group", "edit"),)),
        NavEntry(_("审计日志"), "audit:log", permissions=(("audit", "view"),)),
    )),
)


@dataclass(frozen=True)
class MenuItem:
    """A resolved entry ready for the template."""

    label: str | Promise
    url: str
    url_name: str
    count: int | None
    warn: bool
    active: bool


@lru_cache(maxsize=128)
def _entries(held: frozenset[str], prefix: str) -> tuple[tuple[NavGroup, tuple[tuple[NavEntry, str], ...]], ...]:
    # Which entries a role set sees and their URLs: the same for every request of the same roles.
    groups = []
    for group in NAVIGATION:
        entries = []
        for entry in group.entries:
            if entry.permissions is not None and not any(holds_any(held, k, a) for k, a in entry.permissions):
                continue
            try:
                entries.append((entry, reverse(entry.url_name)))
            except NoReverseMatch:
                continue  # built by another app that has not shipped this page yet
        if entries:
            groups.append((group, tuple(entries)))
    return tuple(groups)


def _counts(user: Any, groups: tuple[tuple[NavGroup, tuple[tuple[NavEntry, str], ...]], ...]) -> dict[str, int]:
    return {entry.url_name: entry.count(user) for _, entries in groups for entry, _url in entries if entry.count}


def build_menu(user: Any, current: str) -> list[tuple[str | Promise, list[MenuItem]]]:
    """The groups and entries this user sees; entries whose page does not exist yet are skipped.

    The counts (seven queries, most of a list page's ORM time) are computed once per database version for a
    user and a local date (`pagecache.versioned`): moving between pages while nobody writes costs none."""
    held = frozenset(roles_of(user))
    groups = _entries(held, get_script_prefix())
    counts = versioned("menu-counts", (str(user.pk), timezone.localdate().isoformat(), get_script_prefix()),
                       lambda: _counts(user, groups))
    menu: list[tuple[str | Promise, list[MenuItem]]] = []
    for group, entries in groups:
        items = [
            MenuItem(entry.label, url, entry.url_name, counts.get(entry.url_name), entry.warn,
                     current == entry.url_name)
            for entry, url in entries
        ]
        menu.append((group.title, items))
    return menu
