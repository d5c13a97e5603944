"""The chain walked in ranges by several processes reports exactly what one walk reports.

Transactional: the ranges are walked by forked children with connections of their own, which cannot see
a test transaction's rows.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from anjian.audit.models import AuditEntry
from anjian.audit.services import record, verify
from anjian.audit.tests.test_chain import _without_triggers

pytestmark = pytest.mark.django_db(transaction=True)
ENTRIES = 40  # four ranges of ten with workers=4: seams after 10, 20 and 30


def _edit(seq: int) -> Callable[[], None]:
    return lambda: _without_triggers("UPDATE audit_auditentry SET actor_name = %s WHERE seq = %s", ["篡改者", seq])


def _delete(*seqs: int) -> Callable[[], None]:
    def run() -> None:
        for seq in seqs:
            _without_triggers("DELETE FROM audit_auditentry WHERE seq = %s", [seq])
    return run


def _relink(seq: int) -> Callable[[], None]:
    return lambda: _without_triggers("UPDATE audit_auditentry SET prev_hash = %s WHERE seq = %s", ["0" * 64, seq])


def _swap(x: int, y: int) -> Callable[[], None]:
    def run() -> None:
        a, b = AuditEntry.objects.filter(seq__in=[x, y]).order_by("seq")
        for target, source in ((x, b), (y, a)):
            _without_triggers(
                "UPDATE audit_auditentry SET action=%s, object_id=%s, hash=%s, prev_hash=%s WHERE seq=%s",
                [source.action, source.object_id, source.hash, source.prev_hash, target])
    return run


SCENARIOS: dict[str, Callable[[], None]] = {
    "intact": lambda: None,
    "edit first of a range": _edit(11),
    "edit last of a range": _edit(10),
    "edits in two ranges": lambda: (_edit(35)(), _edit(25)(), None)[-1],
    "delete first of a range": _delete(21),
    "delete last of a range": _delete(20),
    "delete a whole range": _delete(*range(11, 21)),
    "delete the tail": _delete(40),
    "delete the last range": _delete(*range(31, 41)),
    "broken link at a seam": _relink(31),
    "swap across a seam": _swap(10, 11),
}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_ranges_report_what_one_walk_reports(scenario: str) -> None:
    for k in range(ENTRIES):
        record(actor=None, action="test.step", object_type="test", object_id=k, after={"k": k})
    SCENARIOS[scenario]()
    alone, ranges = verify(workers=1), verify(workers=4)
    assert ranges == alone
    assert alone.ok == (scenario == "intact")
    if scenario == "intact":
        assert alone.checked == ENTRIES
