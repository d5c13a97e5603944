"""The import pages: upload → editable preview with unknown units → confirm → run report."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ingest.models import ImportRun, UnitAlias
from anjian.ledger.models import Task
from anjian.web.tests.uploads import FUEL_ITEM, plan

Login = Callable[[User], Client]
PLAN = plan(FUEL_ITEM, """2.部分加油站应急物资配备不足。
整改措施：开展应急物资专项检查。
整改时限：长期
责任单位：区城管局
""")


def _upload(client: Client, text: str = PLAN) -> str:
    response = client.post("/import/", {"region": "410202",
                                        "file": SimpleUploadedFile("方案.txt", text.encode("utf-8"))})
    assert response.status_code == 200
    return response.content.decode()


def test_upload_page_is_for_the_office_only(world: World, login: Login) -> None:
    assert login(world.clerk).get("/import/").status_code == 200
    for role in ("officer", "leader", "principal", "township_staff"):
        assert login(getattr(world, role)).get("/import/").status_code == 404


def test_preview_shows_editable_rows_and_highlights_unknown_units(world: World, login: Login) -> None:
    html = _upload(login(world.clerk))
    assert 'name="row-0-problem"' in html and 'name="row-1-measures"' in html
    assert 'class="unknown"' in html
    assert 'name="alias:区商务局"' in html
    assert Task.objects.count() == 0  # nothing written by a preview


def test_confirm_imports_the_edited_rows_with_the_chosen_owner(world: World, login: Login) -> None:
    client = login(world.clerk)
    html = _upload(client)
    token = re.search(r'action="/import/([0-9a-f]+)/confirm/"', html).group(1)  # type: ignore[union-attr]
    data = {"row_count": "2", "alias:区商务局": f"department:{world.emergency.pk}"}
    for i in range(2):
        for field in ("seq", "category", "problem", "measures", "deadline_raw", "deadline", "units"):
            found = re.search(rf'name="row-{i}-{field}"(?: value="([^"]*)"|>([^<]*)</textarea>)', html)
            data[f"row-{i}-{field}"] = (found.group(1) or found.group(2) or "") if found else ""
    data["row-0-measures"] = "督促全区加油站落实卸油作业双人监护制度，每月抽查。"  # the clerk's correction
    data["row-1-skip"] = "1"
    response = client.post(f"/import/{token}/confirm/", data)
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert response["Location"] == f"/import/runs/{run.pk}/"
    task = Task.objects.get()
    assert task.measures.endswith("每月抽查。")
    assert task.owners.get().department == world.emergency
    assert UnitAlias.objects.filter(name="区商务局", department=world.emergency).exists()
    report = client.get(response["Location"]).content.decode()
    assert f'href="/tasks/{task.pk}/"' in report
    # the staged file is gone: confirming twice is not possible
    assert client.post(f"/import/{token}/confirm/", data).status_code == 404


def test_an_unreadable_file_is_a_message(world: World, login: Login) -> None:
    client = login(world.clerk)
    response = client.post("/import/", {"region": "410202",
                                        "file": SimpleUploadedFile("x.docx", b"%PDF-1.4 not a docx")})
    assert response.status_code == 302
    assert "文件" in client.get("/import/").content.decode()


def test_run_report_is_scoped(world: World, login: Login, tmp_path: object) -> None:
    from pathlib import Path

    from anjian.ingest.importer import apply_import

    path = Path(str(tmp_path)) / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    run = apply_import(actor=world.clerk, region=world.county, path=str(path), original_name="plan.txt")
    assert login(world.clerk).get(f"/import/runs/{run.pk}/").status_code == 200
    assert login(world.leader).get(f"/import/runs/{run.pk}/").status_code == 200
    assert login(world.outsider).get(f"/import/runs/{run.pk}/").status_code == 404
    assert login(world.officer).get(f"/import/runs/{run.pk}/").status_code == 404
