"""The demo's dual prevention: every grade, done, late and missed checks, hazards from failed items."""

from __future__ import annotations

from django.utils import timezone

from anjian.demo.build import build_demo
from anjian.demo.tests.test_build import small_demo  # noqa: F401 - the fixture
from anjian.ledger.models import Hazard
from anjian.prevention.choices import GRADE_ORDER, RunStatus
from anjian.prevention.models import CheckRun, MajorHazard, RiskPoint, SitePlan


def test_demo_has_inventories_checks_and_hazards_from_checks(db: None, small_demo: None) -> None:  # noqa: F811
    build_demo(progress=False)
    assert set(RiskPoint.objects.values_list("grade", flat=True)) == set(GRADE_ORDER)
    assert RiskPoint.objects.values("unit").distinct().count() == 12
    assert len(set(RiskPoint.objects.values_list("sector__code", flat=True))) >= 6
    runs = CheckRun.objects.all()
    assert runs.filter(status=RunStatus.MISSED).exists()
    done = [r for r in runs.filter(status=RunStatus.DONE)]
    assert any(r.on_time for r in done) and any(not r.on_time for r in done)
    oldest = runs.order_by("due_on").first()
    assert oldest is not None and (timezone.localdate() - oldest.due_on).days >= 170
    assert Hazard.objects.filter(check_result__isnull=False).count() >= 3
    assert SitePlan.objects.count() == 12 and not RiskPoint.objects.filter(plan_x=None).exists()
    assert MajorHazard.objects.exists()
