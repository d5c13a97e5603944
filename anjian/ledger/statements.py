"""The statements of a state change, compiled once per shape: the hot path of `services.transition`.

A transition is a handful of fixed-shape statements. Through the ORM each is compiled again on every
call (≈ 0.3 ms of Python apiece here: 3–6 ms a transition against a raw durable commit of 0.15–0.35
ms, research G9). Here the policy's scoped read of the item is compiled by the ORM once per user,
kind and action (so `accounts.policy` stays the one place that decides) and the writes are built
from the models' metadata once, then only executed. On SQLite the writes are plain statements in
the caller's transaction; on PostgreSQL the compare-and-swap, the event and the chained audit entry
are one statement, atomic by itself, so a transition is two round trips.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Model

from anjian.accounts.policy import assignments, object_kind, scope_q
from anjian.audit.models import AuditHead
from anjian.audit.services import Pending, append, append_in_postgres_statement, create_head
from anjian.ledger.models import ItemEvent
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
    return (getattr(user, "pk", None), bool(getattr(user, "is_superuser", False)),
            bool(getattr(user, "is_active", False)), roles)


def _compiled(model: type[Model], user: Any, action: str) -> tuple[str, list[Any], int] | None:
    """(SQL, params, index of the pk param) of "this row, if `user` may `action` it"; None: no row ever."""
    kind = object_kind(model)
    key = (model, connection.vendor, kind, action, _signature(user))
    if key in _scoped:
        return _scoped[key]
    names = [f.attname for f in model._meta.concrete_fields]
    qs = model._default_manager.filter(scope_q(user, kind, action), pk=_MARK).order_by().values_list(*names)
    try:
        sql, params = qs.query.get_compiler(using=DEFAULT_DB_ALIAS).as_sql()
    except EmptyResultSet:  # the policy grants this user nothing here
        compiled = None
    else:
        marks = [i for i, p in enumerate(params) if p == _MARK]
        if len(marks) != 1:
            raise AssertionError(f"scoped read of {kind} has {len(marks)} key parameters")
        compiled = (sql, list(params), marks[0])
    if len(_scoped) >= _CACHE_SIZE:
        _scoped.clear()
    _scoped[key] = compiled
    return compiled


def _row_converters(model: type[Model]) -> list[tuple[int, list[Callable[..., Any]], Any]]:
    """Per column, the backend's and the field's converters (what the ORM applies to a fetched value)."""
    key = (model, connection.vendor)
    if key not in _converters:
        out = []
        for index, field in enumerate(model._meta.concrete_fields):
            col = field.get_col(model._meta.db_table)
            funcs = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
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
    if row is None:
        return None
    values = list(row)
    for index, funcs, col in _row_converters(model):
        for convert in funcs:
            values[index] = convert(values[index], col, connection)
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
    head = AuditHead._meta.db_table
    return (
        # The head must exist for the entry to be written: without it nothing is swapped (see `write`).
        f"WITH swapped AS ({_update_sql(model, names)} AND EXISTS (SELECT 1 FROM {head} WHERE id = 1) "
        f"RETURNING id), event AS ({_EVENT_INSERT} SELECT {', '.join(['%s'] * len(EVENT_COLUMNS))} FROM swapped), "
        f"{append_in_postgres_statement('swapped')} "
        "SELECT (SELECT count(*) FROM swapped), (SELECT count(*) FROM audit_entry), "
        f"(SELECT count(*) FROM {head} WHERE id = 1)"
    )


@functools.lru_cache(maxsize=16)
def _fields(model: type[Model]) -> dict[str, Any]:
    return {f.attname: f for f in model._meta.concrete_fields}


_EVENT_INSERT = f"INSERT INTO {ItemEvent._meta.db_table} ({', '.join(EVENT_COLUMNS)})"  # noqa: S608
_EVENT_INSERT_VALUES = f"{_EVENT_INSERT} VALUES ({', '.join(['%s'] * len(EVENT_COLUMNS))})"
_EVENT_DATA, _EVENT_AT = ItemEvent._meta.get_field("data"), ItemEvent._meta.get_field("at")


def _event_values(event: dict[str, Any]) -> list[Any]:
    values = [event[c] for c in EVENT_COLUMNS]
    values[-2] = _EVENT_DATA.get_db_prep_save(event["data"], connection)
    values[-1] = _EVENT_AT.get_db_prep_save(event["at"], connection)
    return values


def write(item: Model, changes: dict[str, Any], *, version: int, event: dict[str, Any], entry: Pending) -> bool:
    """Set `changes` if the item still has `version`, with its event and its chained audit entry.

    False when the row had moved on (nothing written). SQLite: call inside a transaction.
    """
    model, names = type(item), tuple(changes)
    fields = _fields(model)
    params = [fields[name].get_db_prep_save(value, connection) for name, value in changes.items()]
    params += [item.pk, version]
    if connection.vendor != "postgresql":
        if _execute(_update_sql(model, names), params).rowcount != 1:
            return False
        _execute(_EVENT_INSERT_VALUES, _event_values(event))
        append(entry)
        return True
    row = _execute(_postgres_sql(model, names), [*params, *_event_values(event), *entry.statement_params()])
    swapped, entries, heads = row.fetchone()
    if not heads:
        create_head()
        return write(item, changes, version=version, event=event, entry=entry)
    if swapped != entries:
        raise AssertionError("a state change was written without its audit entry")
    return bool(swapped)
