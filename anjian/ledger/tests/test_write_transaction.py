"""`rawsql.write_transaction`: on SQLite outside an atomic block, BEGIN IMMEDIATE … COMMIT on the driver."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from anjian.org.models import Sector
from anjian.rawsql import execute, write_transaction

pytestmark = pytest.mark.django_db(transaction=True)


def _count(code: str) -> int:
    return Sector.objects.filter(code=code).count()


def _insert(code: str) -> None:
    execute("INSERT INTO org_sector (code, name, high_risk) VALUES (%s, %s, %s)", [code, code, False])


def test_what_is_written_inside_is_committed() -> None:
    with write_transaction():
        if connection.vendor == "sqlite":
            assert not connection.in_atomic_block and connection.connection.in_transaction
        _insert("wt-commit")
    assert _count("wt-commit") == 1
    assert connection.vendor != "sqlite" or not connection.connection.in_transaction


def test_an_error_inside_undoes_everything_written_inside() -> None:
    with pytest.raises(ValueError), write_transaction():
        _insert("wt-undone")
        raise ValueError("boom")
    assert _count("wt-undone") == 0
    assert connection.vendor != "sqlite" or not connection.connection.in_transaction


def test_inside_an_atomic_block_it_belongs_to_that_block() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        with write_transaction():
            _insert("wt-nested")
        raise RuntimeError("outer fails")
    assert _count("wt-nested") == 0


def test_a_failed_statement_inside_leaves_the_earlier_ones_undone_and_no_transaction_open() -> None:
    _insert("wt-dup")
    with pytest.raises(Exception, match="(?i)unique|duplicate"), write_transaction():
        _insert("wt-first")
        _insert("wt-dup")
    assert _count("wt-dup") == 1 and _count("wt-first") == 0
    assert connection.vendor != "sqlite" or not connection.connection.in_transaction
