"""Item events: one action choice set, and one module that writes them."""

from __future__ import annotations

import re
from pathlib import Path

from anjian.escalation.choices import StepAction
from anjian.ledger.choices import Action, EventAction

ROOT = Path(__file__).resolve().parents[2]
# Writes of ItemEvent rows: a model instance, the manager's create/bulk_create, or a raw insert of its table.
WRITE = re.compile(r"ItemEvent\(|ItemEvent\.objects\.(create|bulk_create|get_or_create|update_or_create)"
                   r"|Columns\.of\(ItemEvent|INSERT INTO ledger_itemevent", re.IGNORECASE)
# The bench's generator loads a synthetic ten-year history (events and audit entries alike) straight into
# an empty database; it is not a path of the product.
OUTSIDE_THE_PRODUCT = {ROOT / "bench" / "generate.py"}


def test_every_transition_and_every_ladder_step_has_its_event_action() -> None:
    assert set(Action.values) <= set(EventAction.values)
    assert {EventAction.escalation(step) for step in StepAction.values} <= set(EventAction)
    assert EventAction.escalation(StepAction.NOTICE_LETTER) == "escalate:notice_letter"  # stored values kept


def test_item_events_are_written_only_by_the_ledger() -> None:
    writers = sorted(
        str(path.relative_to(ROOT)) for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts and path not in OUTSIDE_THE_PRODUCT
        and not path.is_relative_to(ROOT / "ledger") and WRITE.search(path.read_text(encoding="utf-8"))
    )
    assert writers == []
