"""The hazard table pages: upload → row-by-row check, nothing written → confirm → imported, listed."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.ingest.hazard_table import TEMPLATE_HEADER
from anjian.ledger.models import Hazard
from anjian.org.models import Unit

Login = Callable[[User], Client]
CODE = "91410202MA00000001"


def _csv(*rows: tuple[object, ...]) -> SimpleUploadedFile:
    lines = [",".join(TEMPLATE_HEADER)] + [",".join(str(c) for c in row) for row in rows]
    return SimpleUploadedFile("乡镇隐患台账.csv", ("\n".join(lines) + "\n").encode("gb18030"), content_type="text/csv")


def test_a_checked_table_imports_only_after_confirmation(world: World, login: Login) -> None:
    Unit.objects.filter(pk=world.gas_station.pk).update(credit_code=CODE)
    client = login(world.township_staff)
    assert "隐患台账导入" in client.get("/").content.decode()
    before = Hazard.objects.count()
    page = client.post("/import/hazards/", {"file": _csv(
        (CODE, "消防通道堆放杂物", "一楼", "一般隐患", "督导检查", "2026-03-02", 7),
        (CODE, "", "", "一般隐患", "督导检查", "2026-03-02", 7),
    )})
    html = page.content.decode()
    assert page.status_code == 200 and "可导入 1 条" in html and "缺少隐患描述" in html
    assert Hazard.objects.count() == before  # the check writes nothing
    token = re.search(r"/import/hazards/([0-9a-f]{32})/confirm/", html)
    assert token is not None
    done = client.post(f"/import/hazards/{token.group(1)}/confirm/", follow=True)
    assert "隐患表导入完成：新建 1 条" in done.content.decode()
    assert Hazard.objects.filter(description="消防通道堆放杂物", unit=world.gas_station).count() == 1
    again = client.post(f"/import/hazards/{token.group(1)}/confirm/")
    assert again.status_code == 404  # a token is used once


def test_a_file_without_a_header_is_refused_with_a_message(world: World, login: Login) -> None:
    client = login(world.clerk)
    bad = SimpleUploadedFile("x.csv", "甲,乙\n1,2\n".encode(), content_type="text/csv")
    page = client.post("/import/hazards/", {"file": bad}, follow=True)
    assert "找不到表头" in page.content.decode()
    docx = SimpleUploadedFile("x.docx", b"PK", content_type="application/octet-stream")
    assert ".xlsx 或 .csv" in client.post("/import/hazards/", {"file": docx}, follow=True).content.decode()


def test_the_template_and_the_page_are_for_those_who_may_report_hazards(world: World, login: Login) -> None:
    template = login(world.clerk).get("/import/hazards/template.csv")
    assert template.status_code == 200 and template.content.decode("utf-8-sig").startswith(",".join(TEMPLATE_HEADER))
    assert login(world.leader).get("/import/hazards/").status_code == 404
    assert "隐患台账导入" not in login(world.leader).get("/").content.decode()
