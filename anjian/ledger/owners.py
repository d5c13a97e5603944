"""A task's owners as pages, exports and letters name them: a collective owner once, by its group's name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from anjian.ledger.choices import OwnerRole
from anjian.ledger.models import TaskOwner


@dataclass
class OwnerEntry:
    """One name in an owner list: a unit, or a group of units (`members` > 1) named once."""

    name: str
    role: str
    person: str = ""
    members: int = 1

    def get_role_display(self) -> str:
        return str(OwnerRole(self.role).label)


def owner_entries(owners: Iterable[TaskOwner]) -> list[OwnerEntry]:
    """The owner rows with each group's rows folded into one entry (lead first, then in row order).

    A group's rows carry the group's name as printed (`TaskOwner.name`), so no query is needed."""
    entries: list[OwnerEntry] = []
    groups: dict[int, OwnerEntry] = {}
    for owner in sorted(owners, key=lambda o: (o.role != OwnerRole.LEAD, o.pk or 0)):
        if owner.group_id is not None and owner.group_id in groups:
            groups[owner.group_id].members += 1
            continue
        entry = OwnerEntry(owner.name, owner.role, owner.person)
        if owner.group_id is not None:
            groups[owner.group_id] = entry
        entries.append(entry)
    return entries


def owner_names(owners: Iterable[TaskOwner], *, with_person: bool = False, cooperate_mark: str = "") -> list[str]:
    """The names of `owner_entries`, optionally with the person and a mark for cooperating units."""
    return [e.name + (f"（{e.person}）" if with_person and e.person else "")
            + (cooperate_mark if cooperate_mark and e.role == OwnerRole.COOPERATE else "")
            for e in owner_entries(owners)]
