"""The chain's head row is seeded by migration and locked by every append (issue 22: two processes writing
the first entries of a new database both created it and both took seq 1)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from anjian.audit.chain import GENESIS
from anjian.audit.models import AuditEntry, AuditHead, PurgePermit
from anjian.audit.services import record, verify


@pytest.mark.django_db
def test_a_new_database_has_the_genesis_head_and_a_closed_permit() -> None:
    head = AuditHead.objects.get(id=1)
    assert (head.last_seq, head.last_hash, head.base_seq, head.base_hash) == (0, GENESIS, 0, GENESIS)
    assert PurgePermit.objects.get(id=1).upto_seq == 0
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_processes_write_the_first_entries_of_a_new_database_at_once() -> None:
    assert not AuditEntry.objects.exists()
    start, errors = threading.Barrier(2), []

    def first_entry(name: str) -> None:
        # a thread has its own connection, as a second worker process has
        try:
            start.wait()
            with transaction.atomic():
                record(actor=None, action="test.first", object_type="test", object_id=name)
                time.sleep(0.3)  # hold the transaction open: the other one reads the head meanwhile
        except Exception as exc:  # noqa: BLE001 - reported below with the other thread's outcome
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_entry, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(AuditEntry.objects.values_list("seq", flat=True)) == [1, 2]
    assert verify().ok
