"""Rendered ledger pages kept in the web process until the database changes.

A list page costs 10–25 ms of Python (ORM rows, template) around 1–3 ms of SQL; under 50 users on two
cores that Python is the whole G8 budget. A page is served again from memory when nothing in the database
has changed since it was rendered. "Changed" is read from the engine, not from the application, so no
write path (services, bulk import, admin, raw SQL, another host) can forget to invalidate:

- PostgreSQL: the database's change counter (`anjian.core.dataversion`), which a trigger on every table
  bumps when a writing transaction commits. (`pg_current_snapshot()` served before, but it is cluster-wide:
  writes to any other database of the cluster moved it, and no page was served twice.)
- SQLite: `PRAGMA data_version` changes when another connection commits; the connection's own
  `total_changes` counts its own writes. Both belong to one connection, so the key also names it.

The version is read before the page's queries. A page rendered while a write commits may already show
that write, but it is stored under the older version, which no later request can read again. Pages are
keyed by user, CSRF secret (the forms carry a token masked from it), language, local date (overdue
marks), path and htmx headers; a request with flash messages waiting, without a CSRF cookie, or inside a
transaction is rendered and not stored.

`versioned` keeps smaller things the same way: a value computed from the database (the menu's counts) is
computed again only when the data version has moved, so a user going from page to page without anyone
writing pays for it once.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

from anjian.core import dataversion

_EPOCHS = itertools.count(1)
HEADER = "X-Page-Cache"
T = TypeVar("T")


def data_version(using: str = "default") -> str | None:
    """A text that differs after any committed write to the database, or None when it cannot be known."""
    conn = connections[using]
    if conn.in_atomic_block:
        return None  # uncommitted writes of this connection could still be rolled back
    conn.ensure_connection()
    if conn.vendor == "postgresql":
        return dataversion.current(conn)
    if conn.vendor == "sqlite":
        raw = conn.connection
        if getattr(conn, "_pagecache_raw", None) is not raw:
            # A new connection restarts both counters; a new epoch keeps its keys apart from the old one's.
            conn._pagecache_raw = raw  # type: ignore[attr-defined]
            conn._pagecache_epoch = next(_EPOCHS)  # type: ignore[attr-defined]
        with conn.cursor() as cursor:
            cursor.execute("PRAGMA data_version")
            version = cursor.fetchone()[0]
        return f"{conn._pagecache_epoch}:{version}:{raw.total_changes}"  # type: ignore[attr-defined]
    return None


class PageStore:
    """A least-recently-used store of rendered bodies, bounded in bytes, shared by the process's threads."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[str, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[bytes, str] | None:
        """The body and content type stored under key, if any (and mark it recently used)."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: str, body: bytes, content_type: str) -> None:
        """Store a body; the least recently used ones leave until the total fits again."""
        if len(body) > self.max_bytes // 8:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old[0])
            self._items[key] = (body, content_type)
            self.size += len(body)
            while self.size > self.max_bytes:
                _key, (dropped, _type) = self._items.popitem(last=False)
                self.size -= len(dropped)

    def clear(self) -> None:
        """Forget every page."""
        with self._lock:
            self._items.clear()
            self.size = 0


STORE = PageStore(max_bytes=16 * 1024 * 1024)


class ValueStore:
    """A least-recently-used store of computed values, bounded in entries, shared by the process's threads."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._items: OrderedDict[tuple[str, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...]) -> tuple[bool, Any]:
        """(True, value) when a value is stored under key (and mark it recently used), else (False, None)."""
        with self._lock:
            if key not in self._items:
                return False, None
            self._items.move_to_end(key)
            return True, self._items[key]

    def put(self, key: tuple[str, ...], value: Any) -> None:
        """Store a value; the least recently used ones leave beyond max_entries."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget every value."""
        with self._lock:
            self._items.clear()


VALUES = ValueStore(max_entries=4096)


def versioned(name: str, parts: tuple[str, ...], compute: Callable[[], T]) -> T:
    """compute(), or what it returned before for the same name and parts while the database is unchanged.

    The caller puts in `parts` whatever else the value depends on (user, local date). The version is read
    before computing, as for pages: a value computed while a write commits is stored under the older
    version, which no later call reads again. Off with the page cache, and inside a transaction."""
    if not settings.ANJIAN_PAGE_CACHE:
        return compute()
    version = data_version()
    if version is None:
        return compute()
    key = (version, name, *parts)
    found, value = VALUES.get(key)
    if found:
        return value  # type: ignore[no-any-return]
    value = compute()
    VALUES.put(key, value)
    return value


def page_key(request: HttpRequest, *, forms: bool = True) -> str | None:
    """The key of this request's page, or None when it must be rendered and not stored.

    forms: the page carries CSRF tokens, so the CSRF secret is part of the key and a request without one
    is not stored. Without forms (the JSON API) only a session login is served from memory: a bearer
    token's validity is decided by the API's own authentication, which a stored answer would skip.
    """
    if not settings.ANJIAN_PAGE_CACHE or request.method != "GET" or not request.user.is_authenticated:
        return None
    if getattr(request, "_messages", None) and len(request._messages):  # type: ignore[attr-defined]
        return None  # the page would show and consume them
    secret = ""
    if forms:
        secret = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
        if not secret:
            return None
    elif "authorization" in request.headers:
        return None
    version = data_version()
    if version is None:
        return None
    htmx = sorted((k, v) for k, v in request.headers.items() if k.lower().startswith("hx-"))
    parts = (version, str(request.user.pk), secret, get_language() or "", timezone.localdate().isoformat(),
             request.get_full_path(), repr(htmx))
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=20).hexdigest()


def _cached(view: Callable[..., HttpResponse], *, forms: bool, content_type: str) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = page_key(request, forms=forms)
        if key is None:
            return view(request, *args, **kwargs)
        hit = STORE.get(key)
        if hit is not None:
            if forms:
                get_token(request)  # keep the CSRF cookie as fresh as a rendered page would
            response = HttpResponse(hit[0], content_type=hit[1])
            response[HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        stored_type = response.get("Content-Type", "")
        if (response.status_code == 200 and not response.streaming and not response.cookies
                and stored_type.startswith(content_type)):
            STORE.put(key, response.content, stored_type)
            response[HEADER] = "miss"
        return response

    return wrapper


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve an unchanged HTML page from STORE; render, answer and store it otherwise."""
    return _cached(view, forms=True, content_type="text/html")


def cached_json(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The same for a JSON API answer to a session login (`decorate_view(cached_json)` in ninja)."""
    return _cached(view, forms=False, content_type="application/json")
