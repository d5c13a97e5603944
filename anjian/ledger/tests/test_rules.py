"""Business rules around closing: separation of duties and the major-hazard 五落实 gate."""

from __future__ import annotations

from datetime import date

import pytest

from anjian.accounts.choices import Role
from anjian.accounts.services import grant_role
from anjian.fixtures import PHOTO, World
from anjian.ledger.choices import Action, HazardGrade
from anjian.ledger.errors import FiveInPlaceIncomplete, SeparationOfDuties
from anjian.ledger.models import Evidence
from anjian.ledger.services import add_evidence, record_five_in_place, submit_progress, transition

pytestmark = pytest.mark.django_db

PNG = PHOTO


def test_whoever_rectified_cannot_close(world: World, settings: object, tmp_path: object) -> None:
    # given the officer also holds the reviewing department's role
    grant_role(actor=None, user=world.officer, role=Role.DEPARTMENT, region=world.county, department=world.emergency)
    task = world.task()
    world.submit(task, world.officer)
    # when the same person tries to close, then it is refused
    with pytest.raises(SeparationOfDuties):
        transition(item=task, action=Action.CLOSE, actor=world.officer, reason="同意销号")
    # and another reviewer may close
    assert transition(item=task, action=Action.CLOSE, actor=world.reviewer, reason="同意销号").status == "closed"


def test_major_hazard_needs_five_in_place_and_evidence(world: World, settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    hazard = world.hazard(grade=HazardGrade.MAJOR)
    transition(item=hazard, action=Action.ASSIGN, actor=world.clerk)
    submit_progress(actor=world.principal, item=hazard, text="已加装防倾倒链", files=[("after.png", PNG)])
    transition(item=hazard, action=Action.SUBMIT, actor=world.principal)
    Evidence.objects.filter(hazard=hazard).delete()  # as if the photo had been withdrawn before review
    with pytest.raises(FiveInPlaceIncomplete):
        transition(item=hazard, action=Action.CLOSE, actor=world.officer, reason="同意销号")
    record_five_in_place(actor=world.principal, hazard=hazard, responsibility="王建国", measures="加装防倾倒链",
                         funds="5000元", deadline=date(2024, 11, 20))
    with pytest.raises(FiveInPlaceIncomplete, match="预案"):
        transition(item=hazard, action=Action.CLOSE, actor=world.officer, reason="同意销号")
    record_five_in_place(actor=world.principal, hazard=hazard, contingency_plan="泄漏应急预案")
    with pytest.raises(FiveInPlaceIncomplete, match="证明材料"):
        transition(item=hazard, action=Action.CLOSE, actor=world.officer, reason="同意销号")
    add_evidence(actor=world.principal, item=hazard, name="after.png", content=PNG)
    assert transition(item=hazard, action=Action.CLOSE, actor=world.officer, reason="同意销号").status == "closed"
