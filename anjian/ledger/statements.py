"""The statements of a state change, compiled once per shape: the hot path of `services.transition`.

A transition is a handful of fixed-shape statements. Through the ORM each is compiled again on every
call (≈ 0.3 ms of Python apiece here: 3–6 ms a transition against a raw durable commit of 0.15–0.35
ms, research G9). Here the policy's scoped read of the item is compiled by the ORM once per user,
kind and action (so `accounts.policy` stays the one place that decides) and the writes are built
from the models' metadata once, then only executed. On SQLite the writes are plain statements in
the caller's transaction (the read's constants written into its text: SQLite re-prepares a statement
whose LIKE pattern is bound). On PostgreSQL the compare-and-swap, the event and the chained audit
entry are one statement, atomic by itself; when the caller's copy of the item is complete, the scope
check and the check that the row is still as read go into that statement too (`write_at_once`), so
a transition is one round trip, else two (read, then write).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model

from anjian.accounts.policy import assignments, object_kind, scope_q
from anjian.audit.models import AuditHead
from anjian.audit.services import Pending, append, append_in_postgres_statement, create_head
from anjian.ledger.models import ItemEvent
from anjian.rawsql import current as _db
from anjian.rawsql import execute as _execute

# A primary key no row has, compiled into the scoped read in place of the real one (then swapped).
_MARK = -7_340_298_451_297
_CACHE_SIZE = 2048
_scoped: dict[tuple[Any, ...], tuple[str, list[Any], int] | None] = {}
_converters: dict[tuple[type[Model], str], list[tuple[int, list[Callable[..., Any]], Any]]] = {}
EVENT_COLUMNS = ("task_id", "hazard_id", "action", "from_status", "to_status", "actor_id", "reason", "data", "at")


def _signature(user: Any) -> tuple[Any, ...]:
    """What the policy's answer for `user` depends on: who they are and their role assignments."""
    roles = tuple(sorted((a.pk, a.role, a.region.path, a.department_id, a.unit_id) for a in assignments(user)))
    return (getattr(user, "pk", None), bool(getattr(user, "is_active", False)), roles)


def _compiled(model: type[Model], user: Any, action: str, *, pk_only: bool = False
              ) -> tuple[str, list[Any], int] | None:
    """(SQL, params, index of the pk param) of "this row (its columns, or its pk only), if `user` may
    `action` it"; None: no row ever."""
    kind = object_kind(model)
    vendor = _db().vendor
    key = (model, vendor, kind, action, pk_only, _signature(user))
    if key in _scoped:
        return _scoped[key]
    names = ["pk"] if pk_only else [f.attname for f in model._meta.concrete_fields]
    qs = model._default_manager.filter(scope_q(user, kind, action), pk=_MARK).order_by().values_list(*names)
    try:
        sql, params = qs.query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
    except EmptyResultSet:  # the policy grants this user nothing here
        compiled = None
    else:
        marks = [i for i, p in enumerate(params) if p == _MARK]
        if len(marks) != 1:
            raise AssertionError(f"scoped read of {kind} has {len(marks)} key parameters")
        compiled = _inline_constants(sql, list(params), marks[0]) if vendor == "sqlite" else (
            sql, list(params), marks[0])
    if len(_scoped) >= _CACHE_SIZE:
        _scoped.clear()
    _scoped[key] = compiled
    return compiled


_PLACEHOLDER = re.compile(r"%%|%s")


def _sqlite_literal(value: Any) -> str | None:
    """`value` as an SQLite literal (in Django's placeholder syntax, so % doubled), or None if it has none."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''").replace("%", "%%") + "'"
    return None


def _inline_constants(sql: str, params: list[Any], at: int) -> tuple[str, list[Any], int]:
    """The scoped read with its constant parameters written into the text, only the key left bound.

    SQLite re-prepares a statement on every run when a LIKE pattern is a bound parameter (the LIKE
    optimisation depends on its value), and the policy's region scope is a LIKE: 0.03 ms of a 0.05 ms
    read. The constants belong to the cache key (`_signature`), so the text is fixed per user.
    """
    values = iter(enumerate(params))
    kept: list[Any] = []
    key_at = -1

    def replace(match: re.Match[str]) -> str:
        nonlocal key_at
        if match.group() == "%%":
            return "%%"
        index, value = next(values)
        literal = None if index == at else _sqlite_literal(value)
        if literal is None:
            if index == at:
                key_at = len(kept)
            kept.append(value)
            return "%s"
        return literal

    text = _PLACEHOLDER.sub(replace, sql)
    if next(values, None) is not None or key_at < 0:
        raise AssertionError("scoped read: placeholders and parameters differ")
    return text, kept, key_at


def _row_converters(model: type[Model]) -> list[tuple[int, list[Callable[..., Any]], Any]]:
    """Per column, the backend's and the field's converters (what the ORM applies to a fetched value)."""
    db = _db()
    key = (model, db.vendor)
    if key not in _converters:
        out = []
        for index, field in enumerate(model._meta.concrete_fields):
            col = field.get_col(model._meta.db_table)
            funcs = db.ops.get_db_converters(col) + col.get_db_converters(db)
            if funcs:
                out.append((index, funcs, col))
        _converters[key] = out
    return _converters[key]


def current_in_scope(model: type[Model], user: Any, action: str, pk: Any) -> Any:
    """The item as stored now, if `user` may perform `action` on it; None if not (or if it is gone)."""
    compiled = _compiled(model, user, action)
    if compiled is None:
        return None
    sql, params, at = compiled
    params = list(params)
    params[at] = pk
    row = _execute(sql, params).fetchone()
    return None if row is None else _instance(model, row)


def _instance(model: type[Model], row: Any) -> Any:
    """A model instance from a row of all its concrete columns, converted as the ORM converts them."""
    values = list(row)
    db = _db()
    for index, funcs, col in _row_converters(model):
        for convert in funcs:
            values[index] = convert(values[index], col, db)
    return model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in model._meta.concrete_fields], values)


@functools.lru_cache(maxsize=64)
def _update_sql(model: type[Model], names: tuple[str, ...]) -> str:
    """The compare-and-swap: set `names` and version + 1 where the row still has the version read (every
    change of a ledger item's state moves its version, so the version alone says nobody changed it since)."""
    columns = {f.attname: f.column for f in model._meta.concrete_fields}
    sets = [f"{columns[name]} = %s" for name in names] + ["version = version + 1"]
    return f"UPDATE {model._meta.db_table} SET {', '.join(sets)} WHERE id = %s AND version = %s"  # noqa: S608


@functools.lru_cache(maxsize=64)
def _postgres_sql(model: type[Model], names: tuple[str, ...]) -> str:
    """One statement: the swap, its event and its chained audit entry (all or, if the row moved on, none)."""
    return (
        # The head must exist for the entry to be written: without it nothing is swapped (see `write`).
        f"WITH swapped AS ({_update_sql(model, names)} AND {_HEAD_EXISTS} RETURNING id), {_RECORDS_OF_SWAPPED} "
        "SELECT (SELECT count(*) FROM swapped), (SELECT count(*) FROM audit_entry), "
        f"(SELECT count(*) FROM {AuditHead._meta.db_table} WHERE id = 1)"
    )


@functools.lru_cache(maxsize=16)
def _fields(model: type[Model]) -> dict[str, Any]:
    return {f.attname: f for f in model._meta.concrete_fields}


_EVENT_INSERT = f"INSERT INTO {ItemEvent._meta.db_table} ({', '.join(EVENT_COLUMNS)})"  # noqa: S608
_EVENT_INSERT_VALUES = f"{_EVENT_INSERT} VALUES ({', '.join(['%s'] * len(EVENT_COLUMNS))})"
_EVENT_DATA, _EVENT_AT = ItemEvent._meta.get_field("data"), ItemEvent._meta.get_field("at")
_HEAD_EXISTS = f"EXISTS (SELECT 1 FROM {AuditHead._meta.db_table} WHERE id = 1)"  # noqa: S608
# The CTEs after `swapped` in both PostgreSQL statements: its event and its chained audit entry.
_RECORDS_OF_SWAPPED = (f"event AS ({_EVENT_INSERT} SELECT {', '.join(['%s'] * len(EVENT_COLUMNS))} FROM swapped), "
                       f"{append_in_postgres_statement('swapped')}")


def _prepared(model: type[Model], values: dict[str, Any], db: Any) -> list[Any]:
    """`values` (attname → value) as the database takes them."""
    fields = _fields(model)
    return [fields[name].get_db_prep_save(value, db) for name, value in values.items()]


def _event_values(event: dict[str, Any], db: Any) -> list[Any]:
    values = [event[c] for c in EVENT_COLUMNS]
    values[-2] = _EVENT_DATA.get_db_prep_save(event["data"], db)
    values[-1] = _EVENT_AT.get_db_prep_save(event["at"], db)
    return values


def write(item: Model, changes: dict[str, Any], *, version: int, event: dict[str, Any], entry: Pending) -> bool:
    """Set `changes` if the item still has `version`, with its event and its chained audit entry.

    False when the row had moved on (nothing written). SQLite: call inside a transaction.
    """
    model, names, db = type(item), tuple(changes), _db()
    params = [*_prepared(model, changes, db), item.pk, version]
    if db.vendor != "postgresql":
        if _execute(_update_sql(model, names), params).rowcount != 1:
            return False
        _execute(_EVENT_INSERT_VALUES, _event_values(event, db))
        append(entry)
        return True
    row = _execute(_postgres_sql(model, names), [*params, *_event_values(event, db), *entry.statement_params()])
    swapped, entries, heads = row.fetchone()
    if not heads:
        create_head()
        return write(item, changes, version=version, event=event, entry=entry)
    if swapped != entries:
        raise AssertionError("a state change was written without its audit entry")
    return bool(swapped)


@functools.lru_cache(maxsize=256)
def _at_once_sql(model: type[Model], names: tuple[str, ...], unchanged: tuple[str, ...], scoped: str) -> str:
    """One PostgreSQL statement: the change, if the row is in the actor's scope (`scoped`, the pk-only
    scoped read) and still has the version and the `unchanged` values the caller read, with its event
    and chained audit entry; it returns the changed row (no row: nothing written)."""
    fields = _fields(model)
    columns = [f'"{f.column}"' for f in model._meta.concrete_fields]
    checks = "".join(f' AND "{fields[name].column}" IS NOT DISTINCT FROM %s' for name in unchanged)
    return (
        f"WITH swapped AS ({_update_sql(model, names)}{checks} AND id IN ({scoped}) AND {_HEAD_EXISTS} "
        f"RETURNING {', '.join(columns)}), {_RECORDS_OF_SWAPPED} "
        f"SELECT {', '.join(f'swapped.{c}' for c in columns)}, (SELECT count(*) FROM audit_entry) FROM swapped"
    )


def write_at_once(item: Model, changes: dict[str, Any], *, version: int, unchanged: dict[str, Any], user: Any,
                  action: str, event: dict[str, Any], entry: Pending) -> Any:
    """PostgreSQL, one round trip: read nothing, change the row only if `user` may `action` it and it still
    has the version and the `unchanged` values of `item` as the caller read it. The changed row as
    stored, or None when any of that did not hold (nothing written; the caller then reads and decides)."""
    model = type(item)
    compiled = _compiled(model, user, action, pk_only=True)
    if compiled is None:
        return None
    scoped, scope_params, at = compiled
    db = _db()
    scope_params = list(scope_params)
    scope_params[at] = item.pk
    params = [*_prepared(model, changes, db), item.pk, version, *_prepared(model, unchanged, db)]
    sql = _at_once_sql(model, tuple(changes), tuple(unchanged), scoped)
    row = _execute(sql, [*params, *scope_params, *_event_values(event, db), *entry.statement_params()]).fetchone()
    if row is None:
        return None
    if row[-1] != 1:
        raise AssertionError("a state change was written without its audit entry")
    return _instance(model, row[:-1])
