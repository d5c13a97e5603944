"""`bench generate` on a tiny custom scale: counts, consistency, a valid chain, indexes restored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from anjian import dbbulk as bulk
from anjian.audit.models import AuditEntry
from anjian.audit.services import verify
from anjian.bench.generate import AlreadyGenerated, generate
from anjian.bench.manifest import read_manifest
from anjian.bench.scales import Scale
from anjian.ledger.choices import HAZARD_TRANSITIONS, TASK_TRANSITIONS
from anjian.ledger.models import Hazard, Inspection, ItemEvent, Task, TaskOwner
from anjian.org.models import Region, Unit

TINY = Scale("tiny", cities=1, counties_per_city=2, townships_per_county=3, hazards=300)


@pytest.fixture
def generated(db: None, settings: Any, tmp_path: Path) -> Any:
    settings.DATA_DIR = tmp_path
    before = bulk.secondary_indexes(Hazard._meta.db_table)
    report = generate(TINY)
    return report, before


def test_counts_follow_the_scale(generated: Any) -> None:
    report, _ = generated
    assert Region.objects.filter(level="county").count() == TINY.counties == 2
    assert Region.objects.filter(level="township").count() == TINY.townships == 6
    assert Unit.objects.count() == TINY.units == report.counts["units"]
    assert Inspection.objects.count() == TINY.inspections
    assert Hazard.objects.count() == TINY.hazards == report.counts["hazards"]
    assert Task.objects.count() == TaskOwner.objects.count() == TINY.tasks
    assert read_manifest()["counts"] == report.counts


def test_every_item_has_its_create_event_and_one_per_transition(generated: Any) -> None:
    hazards_moved = Hazard.objects.exclude(status="found").count()
    tasks_moved = Task.objects.exclude(status="draft").count()
    assert ItemEvent.objects.filter(action="create").count() == TINY.hazards + TINY.tasks
    assert ItemEvent.objects.count() == TINY.hazards + hazards_moved + TINY.tasks + tasks_moved
    # every non-create event is a declared edge ending in the item's current status
    for action, source, target, hazard_status, task_status in ItemEvent.objects.exclude(action="create").values_list(
        "action", "from_status", "to_status", "hazard__status", "task__status"
    ):
        edge = (HAZARD_TRANSITIONS if hazard_status else TASK_TRANSITIONS)[action]
        assert source in edge.sources and target == edge.target == (hazard_status or task_status)


def test_hazards_agree_with_their_units_and_inspections(generated: Any) -> None:
    mismatched = [h for h in Hazard.objects.select_related("unit", "inspection")
                  if h.region_id != h.unit.region_id or h.sector_id != h.unit.sector_id
                  or (h.inspection and (h.inspection.unit_id != h.unit_id or h.inspection.inspected_on != h.found_on))]
    assert mismatched == []
    assert Hazard.objects.exclude(supervising_department=None).count() == TINY.hazards


def test_the_audit_chain_is_complete_and_valid(generated: Any) -> None:
    result = verify()
    assert result.ok, result.reason
    assert result.checked == AuditEntry.objects.count()
    assert AuditEntry.objects.filter(actor_name="bench").count() == ItemEvent.objects.count()


def test_secondary_indexes_are_rebuilt(generated: Any) -> None:
    _report, before = generated
    assert bulk.secondary_indexes(Hazard._meta.db_table) == before
    assert len(before) >= 3


@pytest.mark.django_db
def test_generation_is_deterministic() -> None:
    # two generators built independently over the same ids stream exactly the same rows
    from anjian.bench.generate import Generator, Org

    def fresh() -> Generator:
        org = Org(township_ids=[11, 12, 13], county_of_township=[0, 0, 0], sector_ids=[1, 2, 3, 4],
                  sector_high_risk=[True, False, False, True], department={(0, s): 100 + s for s in range(4)},
                  county_ids=[10], office=[99])
        return Generator(TINY, org, {"unit": 1, "inspection": 1, "hazard": 1, "task": 1, "taskowner": 1})

    a, b = fresh(), fresh()
    assert [row for _i, row in a.hazard_items()] == [row for _i, row in b.hazard_items()]
    assert list(a.events("hazard")) == list(b.events("hazard"))
    assert len({row[13] for _i, row in a.hazard_items()}) > 3  # statuses vary: not one constant row


def test_a_second_generation_is_refused(generated: Any) -> None:
    with pytest.raises(AlreadyGenerated):
        generate(TINY)
