"""The public portal (human check, rate limit, tracking) and the handling pages of every role."""

from __future__ import annotations

from io import BytesIO
from ipaddress import ip_network
from typing import Any

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from anjian.accounts.models import User
from anjian.fixtures import PASSWORD, World
from anjian.tipoffs import services
from anjian.tipoffs.choices import TipOffStatus
from anjian.tipoffs.fixtures import REPORTER_NAME, REPORTER_PHONE
from anjian.tipoffs.models import HumanChallenge, TipOff
from anjian.tipoffs.services import Submission

from .conftest import PNG, challenge_of


def _post(client: Client, world: World, *, answer_offset: int = 0, **overrides: object) -> Any:
    page = client.get(reverse("tipoffs:submit"))
    data: dict[str, object] = {
        "region": world.county.pk, "category": "gas", "place": "北书店乡集市东口", "unit_name": "北书店液化气站",
        "description": "夜间违规充装", **challenge_of(page, offset=answer_offset),
    }
    data.update(overrides)
    return client.post(reverse("tipoffs:submit"), data)


def test_public_pages_need_no_login(client: Client, world: World) -> None:
    assert client.get(reverse("tipoffs:submit")).status_code == 200
    assert client.get(reverse("tipoffs:track")).status_code == 200


def test_filing_shows_the_code_once_and_tracking_finds_it(client: Client, world: World) -> None:
    response = _post(client, world, photos=SimpleUploadedFile("a.png", PNG, content_type="image/png"))
    assert response.status_code == 302
    page = client.get(reverse("tipoffs:done")).content.decode()
    code = page.split('id="tracking-code">')[1].split("<")[0]
    assert client.get(reverse("tipoffs:done")).status_code == 302  # shown once only
    tracked = client.post(reverse("tipoffs:track"), {"code": code})
    assert tracked.status_code == 200 and "已受理" in tracked.content.decode()
    assert TipOff.objects.get().photos.count() == 1


def test_real_name_filing_seals_the_identity(client: Client, world: World) -> None:
    _post(client, world, real_name="on", name=REPORTER_NAME, phone=REPORTER_PHONE)
    tipoff = TipOff.objects.get()
    assert tipoff.has_identity and REPORTER_NAME not in tipoff.identity.ciphertext


def test_real_name_without_name_is_rejected_and_echoes_only_to_the_sender(client: Client, world: World) -> None:
    response = _post(client, world, real_name="on", phone=REPORTER_PHONE)
    assert response.status_code == 400
    assert not TipOff.objects.exists()


def test_wrong_answer_files_nothing(client: Client, world: World) -> None:
    response = _post(client, world, answer_offset=1)
    assert response.status_code == 400 and "验证题" in response.content.decode()
    assert not TipOff.objects.exists()


def test_challenge_cannot_be_replayed(client: Client, world: World) -> None:
    page = client.get(reverse("tipoffs:submit"))
    data = {"region": world.county.pk, "category": "gas", "place": "p", "description": "d", **challenge_of(page)}
    assert client.post(reverse("tipoffs:submit"), data).status_code == 302
    # the same token and answer again: the question was used up on the server
    replayed = client.post(reverse("tipoffs:submit"), data)
    assert replayed.status_code == 400 and "验证题" in replayed.content.decode()
    assert TipOff.objects.count() == 1


def test_the_page_carries_only_a_random_token_not_the_answer(client: Client, world: World) -> None:
    page = client.get(reverse("tipoffs:submit"))
    token = challenge_of(page)["challenge"]
    # nothing in the token decodes to the answer: it names a row, and the row holds the answer
    assert len(token) == 32 and HumanChallenge.objects.filter(token=token).count() == 1
    with pytest.raises(signing.BadSignature):
        signing.loads(token, salt="anjian.tipoffs.humancheck")
    assert "tipoff_challenge" not in client.session  # and no session is made for a visitor who only looks


def test_sixth_submission_in_an_hour_is_refused(client: Client, world: World, settings: object) -> None:
    for _ in range(5):
        assert _post(client, world).status_code == 302
    response = _post(client, world)
    assert response.status_code == 429
    assert TipOff.objects.count() == 5
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert _post(other, world).status_code == 302


def test_wrong_answers_do_not_block_an_honest_report(client: Client, world: World) -> None:
    # given ten wrong answers from one address (a typo-prone person, or a neighbour behind the same NAT)
    for _ in range(10):
        assert _post(client, world, answer_offset=1).status_code == 400
    # then an honest report from that address is still accepted: the hourly limit counts accepted reports
    assert _post(client, world).status_code == 302
    assert TipOff.objects.count() == 1


def test_wrong_answers_have_their_own_larger_limit(client: Client, world: World, settings: Any) -> None:
    settings.ANJIAN_TIPOFF_FAILED_CHECKS_PER_HOUR = 3
    for _ in range(3):
        assert _post(client, world, answer_offset=1).status_code == 400
    assert _post(client, world).status_code == 429
    assert not TipOff.objects.exists()


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(world: World, settings: Any) -> None:
    settings.ANJIAN_TRUSTED_PROXIES = (ip_network("10.1.0.0/24"),)
    # given the load balancer 10.1.0.2 forwarding two different people
    first = Client(REMOTE_ADDR="10.1.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for _ in range(5):
        assert _post(first, world).status_code == 302
    assert _post(first, world).status_code == 429
    second = Client(REMOTE_ADDR="10.1.0.2", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert _post(second, world).status_code == 302
    # and a client not behind it cannot dodge its limit by writing the header itself
    direct = Client(REMOTE_ADDR="198.51.100.1")
    for i in range(5):
        direct.defaults["HTTP_X_FORWARDED_FOR"] = f"192.0.2.{i}"
        assert _post(direct, world).status_code == 302
    direct.defaults["HTTP_X_FORWARDED_FOR"] = "192.0.2.99"
    assert _post(direct, world).status_code == 429


def test_unknown_code_is_404(client: Client, world: World) -> None:
    assert client.post(reverse("tipoffs:track"), {"code": "ABCD-EFGH-JKMN"}).status_code == 404


def test_status_page_shows_outcome_without_internal_details(
    client: Client, filed: Submission, world: World, handler: User
) -> None:
    tipoff = services.transition(tipoff=filed.tipoff, action="triage", actor=handler)
    tipoff = services.transition(tipoff=tipoff, action="reject", actor=handler, reason="内部核查记录：经办人张某")
    page = client.post(reverse("tipoffs:track"), {"code": filed.code}).content.decode()
    assert "查证不实" in page and "张某" not in page and "区城市管理局" not in page


def _login(client: Client, who: str) -> None:
    assert client.login(username=who, password=PASSWORD)


def test_queue_requires_login(client: Client, world: World) -> None:
    response = client.get(reverse("tipoffs:queue"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    ("who", "rows"), [("handler", 1), ("clerk", 1), ("officer", 0), ("principal", None), ("outsider", 0)]
)
def test_queue_per_role(client: Client, filed: Submission, handler: User, who: str, rows: int | None) -> None:
    """Rows in scope for the roles that handle tip-offs; no queue at all (404) for an enterprise's principal."""
    _login(client, who)
    response = client.get(reverse("tipoffs:queue"))
    assert REPORTER_NAME not in response.content.decode()
    if rows is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == rows


def _file_many(world: World, n: int) -> None:
    for i in range(n):
        services.submit_tipoff(region=world.township, category="fire", place=f"地点{i}", description=f"问题{i}",
                               unit_name="北书店液化气站")


@pytest.mark.parametrize("n", [1, 12])
def test_queue_query_count_is_pinned(client: Client, world: World, handler: User, n: int) -> None:
    _file_many(world, n)
    _login(client, "handler")
    client.get(reverse("tipoffs:queue"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("tipoffs:queue"))
    assert response.status_code == 200 and len(response.context["page"].object_list) == n
    assert len(queries) <= 8, [q["sql"] for q in queries]


def test_queue_filters_by_status_and_overdue(client: Client, world: World, handler: User) -> None:
    _file_many(world, 3)
    TipOff.objects.filter(pk=TipOff.objects.first().pk).update(status=TipOffStatus.TRIAGED,  # type: ignore[union-attr]
                                                               due_date="2020-01-01")
    _login(client, "handler")
    assert len(client.get(reverse("tipoffs:queue"), {"status": "triaged"}).context["page"].object_list) == 1
    page = client.get(reverse("tipoffs:queue"), {"overdue": "1"})
    assert len(page.context["page"].object_list) == 1 and 'class="overdue"' in page.content.decode()


def test_detail_pages_per_role(client: Client, filed: Submission, world: World, handler: User) -> None:
    url = reverse("tipoffs:detail", args=[filed.tipoff.pk])
    for who, status in [("handler", 200), ("clerk", 200), ("officer", 404), ("principal", 404), ("outsider", 404)]:
        client.logout()
        _login(client, who)
        assert client.get(url).status_code == status, who


def test_office_handles_a_tip_off_through_the_pages(client: Client, filed: Submission, world: World) -> None:
    _login(client, "clerk")
    act = reverse("tipoffs:act", args=[filed.tipoff.pk])
    client.post(act, {"action": "triage"})
    client.post(act, {"action": "route", "department": world.urban.pk})
    client.post(act, {"action": "start_verifying"})
    form = client.get(reverse("tipoffs:detail", args=[filed.tipoff.pk])).content.decode()
    # the hazard's text starts empty: the report's words are not offered to be passed on
    assert 'name="hazard_description"' in form
    assert form.split('name="hazard_description"')[1].split("</textarea>")[0].split(">", 1)[1].strip() == ""
    # verifying without the hazard's text is refused and changes nothing
    refused = client.post(act, {"action": "verify", "unit": world.gas_station.pk, "grade": "general"}, follow=True)
    assert "隐患描述" in refused.content.decode()
    assert TipOff.objects.get().status == TipOffStatus.VERIFYING
    client.post(act, {"action": "verify", "unit": world.gas_station.pk, "grade": "general",
                      "public_feedback": "已责令整改", "hazard_description": "夜间向无资质车辆充装钢瓶",
                      "hazard_location": "充装区"})
    tipoff = TipOff.objects.get()
    assert tipoff.status == TipOffStatus.VERIFIED and tipoff.hazard is not None
    assert (tipoff.hazard.description, tipoff.hazard.location) == ("夜间向无资质车辆充装钢瓶", "充装区")
    page = client.get(reverse("tipoffs:detail", args=[tipoff.pk])).content.decode()
    assert "查证属实" in page
    # the reported unit's principal reads the hazard, and only the verifier's words are there
    client.logout()
    _login(client, "principal")
    hazard_page = client.get(reverse("web:hazard_detail", args=[tipoff.hazard_id]))
    assert hazard_page.status_code == 200 and "夜间向无资质车辆充装钢瓶" in hazard_page.content.decode()
    assert filed.tipoff.description not in hazard_page.content.decode()


def test_stale_form_reports_a_conflict(client: Client, filed: Submission, world: World) -> None:
    _login(client, "clerk")
    act = reverse("tipoffs:act", args=[filed.tipoff.pk])
    client.post(act, {"action": "triage", "expected_version": 0})
    response = client.post(act, {"action": "route", "department": world.urban.pk, "expected_version": 0},
                           follow=True)
    assert "已被他人修改" in response.content.decode()
    assert TipOff.objects.get().status == TipOffStatus.TRIAGED


def test_photo_is_served_to_viewers_only(client: Client, filed: Submission, world: World, handler: User) -> None:
    photo = filed.tipoff.photos.get()
    url = reverse("tipoffs:photo", args=[filed.tipoff.pk, photo.pk])
    _login(client, "handler")
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    client.logout()
    _login(client, "principal")
    assert client.get(url).status_code == 404


def test_export_has_no_identity_and_is_refused_to_departments(
    client: Client, filed: Submission, world: World, handler: User
) -> None:
    _login(client, "handler")
    response = client.get(reverse("tipoffs:export"))
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    cells = " ".join(str(c.value) for ws in workbook for row in ws.iter_rows() for c in row)
    assert "北书店液化气站" in cells and REPORTER_NAME not in cells and REPORTER_PHONE not in cells
    assert filed.code not in cells
    client.logout()
    _login(client, "officer")
    assert client.get(reverse("tipoffs:export")).status_code == 403
