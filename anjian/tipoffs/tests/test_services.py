"""The tip-off loop: filing, transitions, the hazard it becomes, deadlines and the reward policy."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from anjian.accounts.models import User
from anjian.errors import ConflictError, PermissionDenied
from anjian.fixtures import World
from anjian.ledger.choices import EnforcementKind, HazardChannel
from anjian.ledger.errors import ReasonRequired, TransitionNotAllowed
from anjian.ledger.models import EnforcementAction
from anjian.notify.models import Notification
from anjian.tipoffs import services
from anjian.tipoffs.choices import RewardStatus, TipOffStatus
from anjian.tipoffs.errors import RewardNotDue, TipOffInvalid
from anjian.tipoffs.fixtures import REPORTER_NAME, REPORTER_PHONE
from anjian.tipoffs.models import ReporterIdentity, RewardPolicy, TipOff
from anjian.tipoffs.rewards import compute_reward
from anjian.tipoffs.services import Submission, transition

# What the verifier writes for the reported unit to read (the report's own words never reach it).
HAZARD_TEXT = "液化气站向无充装资质车辆充装钢瓶"


def _to_verifying(tipoff: TipOff, world: World, handler: User) -> TipOff:
    tipoff = transition(tipoff=tipoff, action="triage", actor=handler)
    tipoff = transition(tipoff=tipoff, action="route", actor=handler, department=world.urban)
    return transition(tipoff=tipoff, action="start_verifying", actor=world.officer)


def test_filing_starts_a_60_day_clock_and_resolves_the_unit(filed: Submission, world: World) -> None:
    tipoff = filed.tipoff
    assert tipoff.status == TipOffStatus.RECEIVED
    assert tipoff.due_date == timezone.localdate() + timedelta(days=60)
    assert tipoff.unit == world.gas_station
    assert tipoff.photos.count() == 1
    assert tipoff.has_identity


def test_tracking_code_is_stored_only_hashed(filed: Submission) -> None:
    assert len(filed.code) == 12 and set(filed.code) <= set(services.CODE_ALPHABET)
    assert filed.code not in TipOff.objects.values_list("code_hash", flat=True)[0]
    assert services.public_status(filed.code.lower()) is not None
    assert services.public_status(services.format_code(filed.code)) is not None
    assert services.public_status("ABCDEFGHJKMN") is None


def test_identity_is_encrypted_at_rest(filed: Submission) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM tipoffs_reporteridentity")
        (raw,) = cursor.fetchone()
    assert REPORTER_NAME not in raw and REPORTER_PHONE not in raw
    assert REPORTER_NAME not in repr(ReporterIdentity.objects.get()) + str(filed) + repr(filed.tipoff)


def test_photo_file_name_does_not_carry_the_upload_name(filed: Submission) -> None:
    assert "现场" not in filed.tipoff.photos.get().file.name


def test_anonymous_tip_off_keeps_no_identity(world: World) -> None:
    sub = services.submit_tipoff(region=world.county, category="fire", place="某商场", description="消防通道堵塞")
    assert not sub.tipoff.has_identity
    assert not ReporterIdentity.objects.filter(tipoff=sub.tipoff).exists()


def test_filing_requires_place_and_description(world: World) -> None:
    with pytest.raises(TipOffInvalid):
        services.submit_tipoff(region=world.county, category="fire", place=" ", description="x")


def test_verification_creates_a_tip_off_hazard(filed: Submission, world: World, handler: User) -> None:
    tipoff = _to_verifying(filed.tipoff, world, handler)
    tipoff = transition(tipoff=tipoff, action="verify", actor=world.officer, public_feedback="已责令停业整改",
                        hazard_description=HAZARD_TEXT)
    assert tipoff.status == TipOffStatus.VERIFIED
    assert tipoff.hazard is not None
    assert tipoff.hazard.channel == HazardChannel.TIP_OFF
    assert tipoff.hazard.unit == world.gas_station
    assert list(tipoff.events.values_list("action", flat=True)) == [
        "submit", "triage", "route", "start_verifying", "verify"]
    assert services.public_status(filed.code).feedback == "已责令停业整改"  # type: ignore[union-attr]


def test_the_reported_unit_reads_the_verifiers_text_never_the_report(world: World, handler: User) -> None:
    # given a tip-off whose words identify the reporter to the employer
    report = "本厂夜班电工，工号0315，亲眼看到液化气站夜间违规向无证车辆充装钢瓶"
    filed = services.submit_tipoff(region=world.county, category="gas", place="北书店乡集市东口",
                                   unit_name="北书店液化气站", description=report)
    tipoff = _to_verifying(filed.tipoff, world, handler)
    # when it is verified without a hazard text, it is refused: there is no fallback to the report
    with pytest.raises(TipOffInvalid, match="隐患描述"):
        transition(tipoff=tipoff, action="verify", actor=world.officer)
    with pytest.raises(TipOffInvalid, match="隐患描述"):
        transition(tipoff=tipoff, action="verify", actor=world.officer, hazard_description="  ")
    assert TipOff.objects.get(pk=tipoff.pk).status == TipOffStatus.VERIFYING
    tipoff = transition(tipoff=tipoff, action="verify", actor=world.officer, hazard_description=HAZARD_TEXT,
                        hazard_location="充装区")
    # then the hazard holds only the verifier's words
    assert tipoff.hazard is not None
    assert (tipoff.hazard.description, tipoff.hazard.location) == (HAZARD_TEXT, "充装区")
    assert "0315" not in tipoff.hazard.description + tipoff.hazard.location


def test_rejection_needs_a_reason(filed: Submission, world: World, handler: User) -> None:
    tipoff = transition(tipoff=filed.tipoff, action="triage", actor=handler)
    with pytest.raises(ReasonRequired):
        transition(tipoff=tipoff, action="reject", actor=handler)
    tipoff = transition(tipoff=tipoff, action="reject", actor=handler, reason="现场核查未发现充装行为")
    assert tipoff.status == TipOffStatus.REJECTED and tipoff.rejection_reason
    tipoff = transition(tipoff=tipoff, action="close", actor=handler)
    assert tipoff.status == TipOffStatus.CLOSED and tipoff.closed_at


def test_undeclared_edges_are_refused(filed: Submission, handler: User) -> None:
    with pytest.raises(TransitionNotAllowed):
        transition(tipoff=filed.tipoff, action="close", actor=handler)
    with pytest.raises(TransitionNotAllowed):
        transition(tipoff=filed.tipoff, action="escalate", actor=handler)


def test_routing_needs_a_department(filed: Submission, handler: User) -> None:
    tipoff = transition(tipoff=filed.tipoff, action="triage", actor=handler)
    with pytest.raises(TipOffInvalid):
        transition(tipoff=tipoff, action="route", actor=handler)


def test_stale_version_is_a_conflict(filed: Submission, handler: User) -> None:
    with pytest.raises(ConflictError):
        transition(tipoff=filed.tipoff, action="triage", actor=handler, expected_version=7)


def test_handler_cannot_verify(filed: Submission, world: World, handler: User) -> None:
    tipoff = _to_verifying(filed.tipoff, world, handler)
    with pytest.raises(PermissionDenied):
        transition(tipoff=tipoff, action="verify", actor=handler, hazard_description=HAZARD_TEXT)


@pytest.mark.parametrize(
    ("penalty", "expected"),
    [("10000", "3000.00"), ("100000", "15000.00"), ("5000000", "300000.00"), ("20001", "3000.15")],
)
def test_reward_is_rate_times_penalty_within_floor_and_cap(penalty: str, expected: str, db: None) -> None:
    policy = RewardPolicy(name="2018", rate=Decimal("0.15"), floor=Decimal("3000"), cap=Decimal("300000"))
    assert compute_reward(Decimal(penalty), policy) == Decimal(expected)


def _verified(filed: Submission, world: World, handler: User) -> TipOff:
    tipoff = _to_verifying(filed.tipoff, world, handler)
    return transition(tipoff=tipoff, action="verify", actor=world.officer, hazard_description=HAZARD_TEXT)


def _fine(world: World, tipoff: TipOff, company: str, person: str = "0") -> None:
    EnforcementAction.objects.create(
        unit=world.gas_station, region=world.township, department=world.urban, hazard=tipoff.hazard,
        kind=EnforcementKind.PENALTY, decided_on=date(2024, 12, 1), company_amount=Decimal(company),
        person_name="王建国", person_amount=Decimal(person),
    )


def test_reward_follows_the_fines_of_the_resulting_hazard(filed: Submission, world: World, handler: User) -> None:
    tipoff = _verified(filed, world, handler)
    with pytest.raises(RewardNotDue):
        services.propose_reward(actor=handler, tipoff=tipoff)
    _fine(world, tipoff, "80000", "20000")
    reward = services.propose_reward(actor=handler, tipoff=tipoff)
    assert (reward.penalty_total, reward.amount, reward.status) == (
        Decimal("100000"), Decimal("15000.00"), RewardStatus.PROPOSED)
    paid = services.pay_reward(actor=handler, tipoff=tipoff, payment_ref="财付〔2024〕12号")
    assert paid.status == RewardStatus.PAID and paid.paid_by == handler
    with pytest.raises(TransitionNotAllowed):
        services.pay_reward(actor=handler, tipoff=tipoff, payment_ref="again")
    with pytest.raises(TransitionNotAllowed):
        services.propose_reward(actor=handler, tipoff=tipoff)


def test_reward_policy_is_data(filed: Submission, world: World, handler: User) -> None:
    RewardPolicy.objects.create(name="本地办法", rate=Decimal("0.10"), floor=Decimal("500"), cap=Decimal("2000"))
    tipoff = _verified(filed, world, handler)
    _fine(world, tipoff, "50000")
    assert services.propose_reward(actor=handler, tipoff=tipoff).amount == Decimal("2000.00")


def test_unverified_tip_off_gets_no_reward(filed: Submission, handler: User) -> None:
    with pytest.raises(RewardNotDue):
        services.propose_reward(actor=handler, tipoff=filed.tipoff)


def test_deadline_scan_reminds_handlers_once_without_quoting(filed: Submission, world: World, handler: User) -> None:
    late = filed.tipoff.due_date + timedelta(days=1)
    assert services.scan_deadlines(late) == 1
    assert services.scan_deadlines(late) == 0
    recipients = set(Notification.objects.filter(item_kind="tipoff").values_list("recipient__username", flat=True))
    assert recipients == {"handler", "clerk"}
    text = " ".join(Notification.objects.values_list("body", flat=True)) + " ".join(
        Notification.objects.values_list("title", flat=True))
    assert "超期" in text and "充装" not in text and REPORTER_NAME not in text
    assert services.is_overdue(TipOff.objects.get(), late)
    assert TipOff.objects.filter(services.overdue_q(late)).count() == 1


def test_the_nightly_scan_command_reminds_about_tip_offs(
    filed: Submission, handler: User, capsys: pytest.CaptureFixture[str]
) -> None:
    from anjian.cli import main

    late = filed.tipoff.due_date + timedelta(days=1)
    assert main(["scan-deadlines", "--as-of", late.isoformat()]) == 0
    assert "举报办理期限提醒 1 件" in capsys.readouterr().out
    assert Notification.objects.filter(recipient=handler, item_kind="tipoff").count() == 1


def test_the_detail_page_links_the_hazard_only_for_those_who_may_open_it(filed: Submission, world: World,
                                                                          handler: User) -> None:
    from django.test import Client

    tipoff = _to_verifying(filed.tipoff, world, handler)
    tipoff = transition(tipoff=tipoff, action="verify", actor=world.officer, hazard_description=HAZARD_TEXT)
    link = f'href="/hazards/{tipoff.hazard_id}/"'
    pages = {}
    for name, user in (("handler", handler), ("clerk", world.clerk)):
        client = Client()
        client.force_login(user)
        pages[name] = client.get(f"/tipoff/queue/{tipoff.pk}/").content.decode()
    assert link not in pages["handler"] and f"#{tipoff.hazard_id}" in pages["handler"]
    assert link in pages["clerk"]
