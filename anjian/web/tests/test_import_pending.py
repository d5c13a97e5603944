"""The import preview in the browser's HTML: what was not found is marked, 待定 is a decision, labels are Chinese."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ingest.tests.documents import GAS_PLAN as PLAN
from anjian.ledger.choices import DeadlineKind
from anjian.ledger.models import Task

Login = Callable[[User], Client]

FIELDS = ("seq", "category", "problem", "measures", "deadline_raw", "deadline", "units", "deadline_guess")


def _upload(client: Client) -> str:
    response = client.post("/import/", {"region": "410202",
                                        "file": SimpleUploadedFile("燃气整改方案.txt", PLAN.encode("utf-8"))})
    assert response.status_code == 200
    return response.content.decode()


def _form(html: str) -> tuple[str, dict[str, str]]:
    """The confirm URL and the form as the browser would post it unchanged."""
    token = re.search(r'action="/import/([0-9a-f]+)/confirm/"', html).group(1)  # type: ignore[union-attr]
    count = int(re.search(r'name="row_count" value="(\d+)"', html).group(1))  # type: ignore[union-attr]
    data = {"row_count": str(count)}
    for i in range(count):
        for field in FIELDS:
            found = re.search(rf'name="row-{i}-{field}"(?: value="([^"]*)"|[^>]*?value="([^"]*)"|>([^<]*)</textarea>)',
                              html)
            if found:
                data[f"row-{i}-{field}"] = next((g for g in found.groups() if g is not None), "")
    return f"/import/{token}/confirm/", data


def _row(html: str, i: int) -> str:
    return re.search(rf'<tr data-row="{i}">(.*?)</tr>', html, re.S).group(1)  # type: ignore[union-attr]


def test_preview_marks_missing_and_inferred_cells_and_speaks_chinese(world: World, login: Login) -> None:
    html = _upload(login(world.clerk))

    assert 'data-missing="units"' in _row(html, 1) and "未识别" in _row(html, 1)
    assert 'data-missing="deadline"' in _row(html, 2)
    assert 'data-inferred="deadline"' in _row(html, 4) and "推断" in _row(html, 4)
    assert 'name="row-1-deadline" value="长期"' in html and 'name="row-3-deadline" value="每季度"' in html
    assert "long-term" not in html and "recurring:" not in html
    assert 'name="row-1-pending"' in html and 'name="row-2-pending"' in html and 'name="row-0-pending"' not in html
    assert "以下2项责任单位/时限待定，确认导入" in html


def test_confirm_without_a_decision_returns_to_the_preview(world: World, login: Login) -> None:
    client = login(world.clerk)
    url, data = _form(_upload(client))
    data["row-0-measures"] = "开展专项检查，每月抽查。"  # an edit the clerk made
    other = Client()
    other.force_login(world.outsider)
    assert other.post(url, data).status_code == 404  # a staged upload is its uploader's alone

    response = client.post(url, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "第2项（缺责任单位）" in html and "第3项（缺时限）" in html
    assert "开展专项检查，每月抽查。" in html  # the clerk's edits are kept
    assert not Task.objects.exists()


def test_per_row_fill_and_pending_then_the_todo_and_the_fill_form(world: World, login: Login) -> None:
    client = login(world.clerk)
    url, data = _form(_upload(client))
    data["row-1-units"] = "区城市管理局"  # the clerk fills the missing unit of row 2
    data["row-2-pending"] = "1"  # and decides row 3's deadline is 待定

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:500]
    assert Task.objects.count() == 5
    assert Task.objects.get(seq="2").owners.get().department == world.urban
    assert Task.objects.get(seq="2").deadline_kind == DeadlineKind.LONG_TERM
    pending = Task.objects.get(seq="3")
    assert pending.deadline_kind == DeadlineKind.NONE
    assert client.post(url, data).status_code == 404  # the stage is consumed: no second import

    home = client.get("/").content.decode()
    assert 'data-todo="task_pending"' in home and f'href="/tasks/{pending.pk}/"' in home
    listed = client.get("/tasks/?pending=1").content.decode()
    assert f'href="/tasks/{pending.pk}/"' in listed and f'href="/tasks/{Task.objects.get(seq="1").pk}/"' not in listed

    page = client.get(f"/tasks/{pending.pk}/").content.decode()
    assert 'id="fill-pending"' in page
    client.post(f"/tasks/{pending.pk}/fill/", {"units": "区应急管理局", "deadline": "每季度"})
    pending.refresh_from_db()
    assert pending.deadline_kind == DeadlineKind.RECURRING and pending.due_date is not None
    assert 'data-todo="task_pending"' not in client.get("/").content.decode()
    page = client.get(f"/tasks/{pending.pk}/").content.decode()
    assert 'id="fill-pending"' not in page and "每季度" in page and "recurring" not in page


def test_bulk_pending_confirms_all_undecided_rows(world: World, login: Login) -> None:
    client = login(world.clerk)
    url, data = _form(_upload(client))
    data["pending_all"] = "1"

    assert client.post(url, data).status_code == 302

    assert Task.objects.count() == 5
    assert not Task.objects.get(seq="2").owners.exists()
    assert re.search(r'data-todo="task_pending">[^<]*<span class="badge red">2</span>', client.get("/").content.decode())
    inferred = Task.objects.get(seq="5")
    assert inferred.due_date == date(timezone.localdate().year, 10, 31)



def test_the_run_report_names_changes_in_chinese(world: World, login: Login) -> None:
    client = login(world.clerk)
    for deadline in ("长期", "立行立改"):
        url, data = _form(_upload(client))
        data.update({"pending_all": "1", "row-1-deadline_raw": "", "row-1-deadline": deadline})
        response = client.post(url, data)
        assert response.status_code == 302

    report = client.get(response["Location"]).content.decode()
    assert "时限：长期 → 立行立改" in report
    assert "deadline" not in report and "long-term" not in report and "immediate" not in report
