"""The ledger lists: every role, scope in the query, filters, search, keyset pages, pinned query counts."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ledger.choices import HazardChannel, HazardGrade
from anjian.ledger.deadlines import DeadlineSpec
from anjian.ledger.models import Task

LISTS = ["/tasks/", "/hazards/", "/inspections/", "/enforcement/", "/units/"]
ROLES = ["clerk", "officer", "fire_officer", "reviewer", "principal", "township_staff", "leader", "outsider", "auditor"]
Login = Callable[[User], Client]


def _ids(html: str, kind: str) -> set[int]:
    return {int(pk) for pk in re.findall(rf'href="/{kind}/(\d+)/"', html)}


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("role", ROLES)
def test_every_list_answers_every_role(world: World, login: Login, url: str, role: str) -> None:
    world.task()
    world.hazard()
    response = login(getattr(world, role)).get(url)
    assert response.status_code == 200


def test_outsider_sees_no_row_of_another_county(world: World, login: Login) -> None:
    task = world.task()
    hazard = world.hazard()
    client = login(world.outsider)
    assert task.pk not in _ids(client.get("/tasks/").content.decode(), "tasks")
    assert hazard.pk not in _ids(client.get("/hazards/").content.decode(), "hazards")
    assert "北书店液化气站" not in client.get("/units/").content.decode()


def test_unit_principal_sees_its_own_hazards_but_no_tasks(world: World, login: Login) -> None:
    task = world.task()
    hazard = world.hazard()
    client = login(world.principal)
    assert _ids(client.get("/tasks/").content.decode(), "tasks") == set()
    assert _ids(client.get("/hazards/").content.decode(), "hazards") == {hazard.pk}
    assert task.pk


def test_department_sees_only_its_own_or_supervised_tasks(world: World, login: Login) -> None:
    mine = world.task()
    other = world.task(owners=[], supervising_department=world.fire_brigade)
    html = login(world.officer).get("/tasks/").content.decode()
    assert _ids(html, "tasks") == {mine.pk}
    assert other.pk not in _ids(html, "tasks")


def test_filters_narrow_the_rows(world: World, login: Login) -> None:
    today = timezone.localdate()
    overdue = world.task()  # due 2024-12-31: long past
    soon = world.task(problem="消防通道堵塞", deadline=DeadlineSpec("date", today + timedelta(days=3)))
    later = world.task(problem="电动车违规充电", deadline=DeadlineSpec("date", today + timedelta(days=90)))
    client = login(world.clerk)
    assert _ids(client.get("/tasks/?overdue=1").content.decode(), "tasks") == {overdue.pk}
    assert _ids(client.get("/tasks/?due_within=7").content.decode(), "tasks") == {soon.pk}
    assert _ids(client.get(f"/tasks/?department={world.urban.pk}").content.decode(), "tasks") == {
        overdue.pk, soon.pk, later.pk}
    assert _ids(client.get(f"/tasks/?department={world.fire_brigade.pk}").content.decode(), "tasks") == set()
    assert _ids(client.get("/tasks/?status=draft").content.decode(), "tasks") == set()
    assert _ids(client.get("/tasks/?region=410203").content.decode(), "tasks") == set()
    assert len(_ids(client.get("/tasks/?region=410202&status=open").content.decode(), "tasks")) == 3


def test_hazard_filters_by_grade_channel_sector_and_region_subtree(world: World, login: Login) -> None:
    major = world.hazard(grade=HazardGrade.MAJOR)
    tip = world.hazard(channel=HazardChannel.TIP_OFF)
    client = login(world.clerk)
    assert _ids(client.get("/hazards/?grade=major").content.decode(), "hazards") == {major.pk}
    assert _ids(client.get("/hazards/?channel=tip_off").content.decode(), "hazards") == {tip.pk}
    assert _ids(client.get("/hazards/?sector=fire").content.decode(), "hazards") == set()
    assert _ids(client.get("/hazards/?region=410202001").content.decode(), "hazards") == {major.pk, tip.pk}
    assert _ids(client.get("/hazards/?region=410202002").content.decode(), "hazards") == set()


@pytest.mark.parametrize("query", ["燃气", "气", "小、散、弱", "燃气领域", "百日行动"])
def test_chinese_search_finds_short_and_long_words(world: World, login: Login, query: str) -> None:
    hit = world.task()
    miss = world.task(problem="消防通道堵塞", measures="清理占用消防通道的杂物")
    ids = _ids(login(world.clerk).get("/tasks/", {"q": query}).content.decode(), "tasks")
    assert ids == {hit.pk}
    assert miss.pk not in ids


def test_search_follows_later_edits(world: World, login: Login) -> None:
    task = world.task()
    Task.objects.filter(pk=task.pk).update(problem="危险化学品仓库超量储存")
    client = login(world.clerk)
    assert _ids(client.get("/tasks/", {"q": "超量储存"}).content.decode(), "tasks") == {task.pk}
    assert _ids(client.get("/tasks/", {"q": "小、散、弱"}).content.decode(), "tasks") == set()


def test_search_by_owner_name_and_unit_name(world: World, login: Login) -> None:
    task = world.task()
    hazard = world.hazard()
    client = login(world.clerk)
    assert _ids(client.get("/tasks/", {"q": "城管"}).content.decode(), "tasks") == {task.pk}
    assert _ids(client.get("/hazards/", {"q": "液化气站"}).content.decode(), "hazards") == {hazard.pk}


def test_keyset_pages_cover_every_row_once(world: World, login: Login) -> None:
    for n in range(57):
        world.task(seq=str(n), deadline=DeadlineSpec("date", date(2030, 1, 1) + timedelta(days=n % 5)))
    client = login(world.clerk)
    for order in ("-id", "due"):
        first = client.get("/tasks/", {"order": order}).content.decode()
        ids_first = _ids(first, "tasks")
        assert len(ids_first) == 50
        next_url = re.search(r'href="(\?[^"]*after=[^"]*)" rel="next"', first)
        assert next_url is not None
        second = client.get("/tasks/" + next_url.group(1).replace("&amp;", "&")).content.decode()
        ids_second = _ids(second, "tasks")
        assert len(ids_second) == 7
        assert not ids_first & ids_second
        assert 'rel="next"' not in second


def _links(html: str) -> dict[str, str]:
    """The pager's links by their text (页码 and 首页/上一页/下一页/末页)."""
    pager = html.split('class="pager"')[1]
    return {text: href.replace("&amp;", "&") for href, text in re.findall(r'<a class="btn" href="([^"]*)"[^>]*>([^<]+)</a>', pager)}


def test_numbered_pages_with_total_count(world: World, login: Login) -> None:
    # Given 120 tasks (three pages of 50), when the clerk opens the list, then the pager names the total and
    # the pages, and each numbered page shows its own rows.
    for n in range(120):
        world.task(seq=str(n))
    client = login(world.clerk)
    first = client.get("/tasks/").content.decode()
    assert "共 120 条，第 1 / 3 页" in first
    assert set(_links(first)) == {"2", "3", "下一页", "末页"}
    assert 'aria-current="page">1<' in first
    second = client.get("/tasks/" + _links(first)["2"]).content.decode()
    assert "第 2 / 3 页" in second and {"首页", "上一页", "1", "3", "下一页", "末页"} == set(_links(second))
    last = client.get("/tasks/" + _links(first)["末页"]).content.decode()
    assert "第 3 / 3 页" in last and "下一页" not in _links(last)
    pages = [_ids(html, "tasks") for html in (first, second, last)]
    assert [len(p) for p in pages] == [50, 50, 20]
    assert set().union(*pages) == set(Task.objects.values_list("pk", flat=True))
    # 下一页 pages on by the cursor and still knows which page it shows.
    by_cursor = client.get("/tasks/" + _links(first)["下一页"]).content.decode()
    assert "第 2 / 3 页" in by_cursor and _ids(by_cursor, "tasks") == pages[1]


def test_a_page_past_the_end_shows_the_last_and_a_bad_number_the_first(world: World, login: Login) -> None:
    for n in range(55):
        world.task(seq=str(n))
    client = login(world.clerk)
    assert "第 2 / 2 页" in client.get("/tasks/?page=99").content.decode()
    for bad in ("0", "-1", "x", "²", "9" * 30):
        assert "第 1 / 2 页" in client.get("/tasks/", {"page": bad}).content.decode()


def test_an_empty_list_is_page_one_of_one(world: World, login: Login) -> None:
    html = login(world.clerk).get("/inspections/").content.decode()
    assert "共 0 条，第 1 / 1 页" in html and not _links(html)


def test_a_garbled_cursor_is_treated_as_the_first_page(world: World, login: Login) -> None:
    world.task()
    assert login(world.clerk).get("/tasks/?after=%%%garbage").status_code == 200


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", LISTS)
def test_list_query_count_does_not_grow_with_rows(world: World, login: Login, url: str) -> None:
    from anjian.ledger.models import EnforcementAction, Inspection
    from anjian.org.models import Unit

    def add(n: int) -> None:
        for i in range(n):
            world.task(seq=f"x{i}")
            world.hazard()
            unit = Unit.objects.create(name=f"单位{i}", sector=world.gas, region=world.township)
            inspection = Inspection.objects.create(unit=unit, region=world.township, department=world.urban,
                                                   inspected_on=date(2024, 5, 1))
            EnforcementAction.objects.create(unit=unit, region=world.township, department=world.urban,
                                             inspection=inspection, kind="penalty", decided_on=date(2024, 5, 2))

    client = login(world.clerk)
    add(2)
    small = _queries(client, url)
    add(15)
    large = _queries(client, url)
    assert large == small
    assert large <= 16  # of which 4 are the menu's to-do count (one aggregate per model: task, hazard, tip-off, check plan)


def test_export_has_exactly_the_filtered_rows_and_no_formulas(world: World, login: Login) -> None:
    world.task(problem="=HYPERLINK(\"http://x\",\"click\")", measures="")
    world.task(problem="消防通道堵塞", measures="")
    world.task(region=world.county, problem="燃气管道老化", owners=[])
    client = login(world.clerk)
    response = client.get("/tasks/", {"export": "xlsx", "q": "燃气"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=3, values_only=True)]
    assert [r[3] for r in rows] == ["燃气管道老化"]
    everything = client.get("/tasks/", {"export": "xlsx"})
    cells = [r[3] for r in load_workbook(io.BytesIO(everything.content)).active.iter_rows(min_row=3, values_only=True)]
    assert len(cells) == 3
    assert "'=HYPERLINK(\"http://x\",\"click\")" in cells


def test_export_respects_scope(world: World, login: Login) -> None:
    world.task()
    response = login(world.outsider).get("/tasks/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(min_row=3, values_only=True)) == []


@pytest.mark.parametrize("kind", ["hazards", "inspections", "enforcement", "units"])
def test_every_list_exports(world: World, login: Login, kind: str) -> None:
    world.hazard()
    response = login(world.clerk).get(f"/{kind}/", {"export": "xlsx"})
    assert response.status_code == 200
    load_workbook(io.BytesIO(response.content))


def test_rows_escape_every_value_and_mark_overdue_items(world: World, login: Login) -> None:
    from anjian.ledger.services import OwnerSpec

    world.hazard(description='<script>alert("x")</script>阀门&泄漏')
    world.task(problem="<b>粗体</b>", category="燃气<i>", seq="<1>",
               owners=[OwnerSpec("区城管局", department=world.urban), OwnerSpec("消防<救援>", role="cooperate")])
    client = login(world.clerk)
    hazards = client.get("/hazards/").content.decode()
    assert "<script>" not in hazards
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;阀门&amp;泄漏" in hazards
    # Both fixtures are due in 2024: overdue rows, tags and the grade/channel/status labels in Chinese.
    assert 'class="overdue"' in hazards and '<span class="tag red">逾期</span>' in hazards
    assert '<span class="tag grey">一般隐患</span>' in hazards and "督导检查" in hazards
    tasks = client.get("/tasks/").content.decode()
    assert "<b>" not in tasks and "&lt;b&gt;粗体&lt;/b&gt;" in tasks and "燃气&lt;i&gt;" in tasks
    assert "&lt;1&gt;" in tasks
    assert '区城管局、消防&lt;救援&gt;<span class="muted">（配合）</span>' in tasks
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/hazards/").content.decode()
    assert 'data-label="Status"' in english and "一般隐患" not in english
