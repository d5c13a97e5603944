"""Tip-offs through the API: public filing and tracking, handling, identity and reward."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.test import Client

from anjian.accounts.models import User
from anjian.audit.models import AuditEntry
from anjian.fixtures import World
from anjian.ledger.choices import EnforcementKind
from anjian.ledger.models import EnforcementAction
from anjian.tipoffs.fixtures import REPORTER_NAME, REPORTER_PHONE
from anjian.tipoffs.models import HumanChallenge, TipOff
from anjian.tipoffs.tests.conftest import PNG

from .conftest import ApiClient

AsUser = Callable[..., ApiClient]


def _file(client: Client, world: World, *, answer_offset: int = 0, reporter: bool = True) -> object:
    challenge = client.get("/api/tipoffs/challenge").json()
    answer = HumanChallenge.objects.get(token=challenge["token"]).answer + answer_offset
    body = {
        "region_code": world.county.code, "category": "gas", "place": "北书店乡集市东口",
        "unit_name": "北书店液化气站", "description": "夜间违规充装",
        "photos": [{"name": "p.png", "content_base64": base64.b64encode(PNG).decode()}],
        "challenge_token": challenge["token"], "answer": str(answer),
    }
    if reporter:
        body["reporter"] = {"name": REPORTER_NAME, "phone": REPORTER_PHONE}
    return client.post("/api/tipoffs", body, content_type="application/json")


def test_public_filing_and_tracking(world: World) -> None:
    client = Client()
    filed = _file(client, world)
    assert filed.status_code == 201  # type: ignore[attr-defined]
    code = filed.json()["code"]  # type: ignore[attr-defined]
    tracked = client.post("/api/tipoffs/track", {"code": code}, content_type="application/json")
    assert tracked.status_code == 200 and tracked.json()["status"] == "received"
    assert set(tracked.json()) == {"status", "status_label", "received_on", "category_label", "feedback",
                                   "reward_label"}
    missing = client.post("/api/tipoffs/track", {"code": "AAAA-BBBB-CCCC"}, content_type="application/json")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_wrong_answer_is_400_and_files_nothing(world: World) -> None:
    response = _file(Client(), world, answer_offset=1)
    assert response.status_code == 400 and response.json()["code"] == "human_check_failed"  # type: ignore[attr-defined]
    assert not TipOff.objects.exists()


def test_a_solved_challenge_cannot_be_replayed(world: World) -> None:
    client = Client()
    challenge = client.get("/api/tipoffs/challenge").json()
    body = {"region_code": world.county.code, "category": "gas", "place": "集市东口", "description": "违规充装",
            "challenge_token": challenge["token"],
            "answer": str(HumanChallenge.objects.get(token=challenge["token"]).answer)}
    assert client.post("/api/tipoffs", body, content_type="application/json").status_code == 201
    replayed = client.post("/api/tipoffs", body, content_type="application/json")
    assert replayed.status_code == 400 and replayed.json()["code"] == "human_check_failed"
    assert TipOff.objects.count() == 1


def test_wrong_answers_do_not_use_up_the_filing_limit(world: World) -> None:
    client = Client()
    assert [_file(client, world, answer_offset=1).status_code for _ in range(6)] == [400] * 6  # type: ignore[attr-defined]
    assert _file(client, world).status_code == 201  # type: ignore[attr-defined]


def test_public_filing_is_rate_limited(world: World) -> None:
    client = Client()
    assert [_file(client, world, reporter=False).status_code for _ in range(6)] == [  # type: ignore[attr-defined]
        201, 201, 201, 201, 201, 429]
    assert _file(client, world).json()["code"] == "rate_limited"  # type: ignore[attr-defined]


def _handled(world: World, as_user: AsUser, handler: User) -> int:
    _file(Client(), world)
    pk = TipOff.objects.get().pk
    h = as_user(handler)
    assert h.post(f"/tipoffs/{pk}/transitions", {"action": "triage"}).status_code == 200
    assert h.post(f"/tipoffs/{pk}/transitions", {"action": "route", "department_id": world.urban.pk}).status_code == 200
    return pk


def test_handling_verification_and_reward(world: World, as_user: AsUser, handler: User) -> None:
    pk = _handled(world, as_user, handler)
    officer = as_user(world.officer)
    assert officer.post(f"/tipoffs/{pk}/transitions", {"action": "start_verifying"}).status_code == 200
    bare = officer.post(f"/tipoffs/{pk}/transitions", {"action": "verify", "unit_id": world.gas_station.pk})
    assert bare.status_code == 400 and bare.json()["code"] == "tipoff_invalid"  # no hazard text, no fallback
    verified = officer.post(f"/tipoffs/{pk}/transitions", {"action": "verify", "unit_id": world.gas_station.pk,
                                                          "hazard_description": "向无资质车辆充装钢瓶"})
    assert verified.status_code == 200 and verified.json()["hazard_id"]
    hazard = as_user(world.clerk).get(f"/hazards/{verified.json()['hazard_id']}").json()
    assert hazard["channel"] == "tip_off"
    # the reported unit reads the verifier's words, not the report ("夜间违规充装")
    seen = as_user(world.principal).get(f"/hazards/{hazard['id']}")
    assert seen.status_code == 200 and seen.json()["description"] == "向无资质车辆充装钢瓶"
    assert "夜间违规充装" not in seen.content.decode()
    early = as_user(handler).post(f"/tipoffs/{pk}/reward")
    assert early.status_code == 409 and early.json()["code"] == "reward_not_due"
    EnforcementAction.objects.create(unit=world.gas_station, region=world.township, department=world.urban,
                                     hazard_id=hazard["id"], kind=EnforcementKind.PENALTY,
                                     decided_on=date(2024, 12, 1), company_amount=Decimal("1000000"))
    proposed = as_user(handler).post(f"/tipoffs/{pk}/reward")
    assert proposed.status_code == 200 and Decimal(proposed.json()["amount"]) == Decimal("150000")
    paid = as_user(world.clerk).post(f"/tipoffs/{pk}/reward/payment", {"payment_ref": "财付12号"})
    assert paid.status_code == 200 and paid.json()["status"] == "paid"
    assert officer.post(f"/tipoffs/{pk}/reward").status_code == 403


def test_identity_codes_per_role(world: World, as_user: AsUser, handler: User) -> None:
    pk = _handled(world, as_user, handler)
    shown = as_user(handler).post(f"/tipoffs/{pk}/identity")
    assert shown.status_code == 200 and shown.json()["name"] == REPORTER_NAME
    assert "no-store" in shown["Cache-Control"]
    assert as_user(world.officer).post(f"/tipoffs/{pk}/identity").status_code == 403
    principal = as_user(world.principal).post(f"/tipoffs/{pk}/identity")
    assert principal.status_code == 404 and principal.json()["code"] == "not_found"
    assert as_user(world.fire_officer).post(f"/tipoffs/{pk}/identity").status_code == 404
    assert as_user(None).post(f"/tipoffs/{pk}/identity").status_code == 401
    assert AuditEntry.objects.filter(action="tipoff.reveal_identity").count() == 1


def test_conflict_and_reason_codes(world: World, as_user: AsUser, handler: User) -> None:
    pk = _handled(world, as_user, handler)
    h = as_user(handler)
    stale = h.post(f"/tipoffs/{pk}/transitions", {"action": "reject", "reason": "x", "expected_version": 0})
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    no_reason = h.post(f"/tipoffs/{pk}/transitions", {"action": "reject"})
    assert no_reason.status_code == 400 and no_reason.json()["code"] == "reason_required"
    wrong = h.post(f"/tipoffs/{pk}/transitions", {"action": "close"})
    assert wrong.status_code == 409 and wrong.json()["code"] == "transition_not_allowed"
