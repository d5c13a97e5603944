"""Keyset pagination: newest first by id, `after` is the last id of the previous page."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from ninja import Schema

T = TypeVar("T")
MAX_LIMIT = 200


class Page(Schema, Generic[T]):
    """One page of a list and the cursor of the next (null on the last page)."""

    items: list[T]
    next_after: int | None


def keyset(rows: QuerySet[Any], *, after: int | None, limit: int) -> tuple[list[Any], int | None]:
    """Rows with id below `after` (ids descending), and the cursor for the page after them."""
    limit = max(1, min(limit, MAX_LIMIT))
    if after is not None:
        rows = rows.filter(pk__lt=after)
    batch = list(rows.order_by("-pk")[: limit + 1])
    more = len(batch) > limit
    batch = batch[:limit]
    return batch, (batch[-1].pk if more and batch else None)
