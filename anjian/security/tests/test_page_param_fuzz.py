"""Every page that reads query parameters answers hostile values without a server error.

The pages come from the URLconf, not from a hand list: every pattern outside the API (it has its own
schemathesis test), the Django admin and the language switch is requested once by each actor, and the
parameters each page reads are recorded as it reads them (`request.GET` is replaced by a dict that
notes every key looked up, and the property notes which function asked for it). Each recorded
parameter of each page is then sent every hostile value — huge, negative and non-numeric integers,
huge years, broken and wrongly shaped cursors, long and odd text — as the office clerk and as every
actor the page answers 200 when the clerk sees nothing, and no answer may be a 5xx. A static scan of
the source asserts that discovery ran every function that touches `request.GET`, so a new page cannot
hide from the fuzz.
"""

from __future__ import annotations

import ast
import base64
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from anjian.accounts.models import User
from anjian.fixtures import World
from anjian.prevention.tests.inventory import tank_area
from anjian.web.administration import ENTITIES

SKIPPED_PREFIXES = ("api/", "admin/", "i18n/")
SKIPPED_NAMES = {"web:logout"}  # POST-only, and a GET must not end the session mid-run


def _cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


HUGE = "99999999999999999999"
# Cursors: base64 JSON of the wrong shape or types, past the database's range, NUL inside, nested too deep.
CURSORS = (
    _cursor(["' OR 1=1--", 1]), _cursor([1, int(HUGE)]), _cursor(["9999-12-31", -1]), _cursor({"a": 1}),
    _cursor([None, None]), _cursor([[1], {"x": 2}]), _cursor("x"), _cursor([True, 1.5]), _cursor([1e308, 1]),
    _cursor([int(HUGE), 1]), _cursor(["\x00", 1]), _cursor(["99999-01-01", 1]),
    base64.urlsafe_b64encode(b"[" * 5000).decode(), "!!!not-base64", "WyInIE9SIDE9MS0tIiwgMV0",
)
VALUES = (
    HUGE, "9223372036854775808", "-1", "-" + HUGE, "0", "abc", "1.5", "1e400", "²", "999999999",
    "99999-12-31", "2024-13-45", "0001-01-01", "9999-12-31", "nan", "x" * 4000, "'\"<script>☃\x0b\x7f", "\ud800",
    "%", " ", *CURSORS,
)
# Sort options of the ledger lists besides each list's default, tried with every cursor (a cursor is
# read against the chosen sort: dates, ids or text).
ORDERS = ("due", "seq", "-id")


class RecordingQueryDict(QueryDict):
    """A QueryDict that notes every key a page looks up."""

    def __init__(self, raw: bytes, *, encoding: str | None, sink: set[str]) -> None:
        self.keys_read = sink
        super().__init__(raw, encoding=encoding)

    def _note(self, key: object) -> None:
        if isinstance(key, str):
            self.keys_read.add(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return super().__contains__(key)

    def getlist(self, key: str, default: Any = None) -> Any:
        self._note(key)
        return super().getlist(key, default)


class Recorder:
    """What the current request read: its parameter names, and the functions that asked for request.GET."""

    def __init__(self) -> None:
        self.keys: set[str] = set()
        self.readers: set[str] = set()

    def query_dict(self, request: WSGIRequest) -> QueryDict:
        caller = sys._getframe(2)
        while caller.f_code.co_name.startswith("<") and caller.f_back is not None:  # a comprehension's own frame
            caller = caller.f_back
        self.readers.add(f"{caller.f_globals.get('__name__')}.{caller.f_code.co_qualname}")
        cached = request.__dict__.get("_recording_get")
        if cached is None:
            raw = request.environ.get("QUERY_STRING", "").encode("iso-8859-1")
            cached = RecordingQueryDict(raw, encoding=request._encoding, sink=self.keys)
            request.__dict__["_recording_get"] = cached
        return cached


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    rec = Recorder()
    monkeypatch.setattr(WSGIRequest, "GET", property(lambda request: rec.query_dict(request)))
    return rec


def _patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> Iterator[
        tuple[str, str, URLPattern]]:
    """(route, namespaced name, pattern) of every URL pattern, depth first."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, route, ns)
        else:
            yield route, f"{namespace}{entry.name}", entry


def _url(route: str, pattern: URLPattern, pks: dict[str, int]) -> str:
    """The route with its converters filled: ids of the world's objects by the route's first segment."""
    kwargs: dict[str, Any] = {}
    first = route.split("/", 1)[0]
    for name, converter in pattern.pattern.converters.items():  # type: ignore[attr-defined]
        if type(converter).__name__ == "IntConverter":
            kwargs[name] = pks.get(first, 1)
        else:
            kwargs[name] = {"kind": "hazard", "key": next(iter(ENTITIES))}.get(name, "1")
    url = "/" + route
    for name, value in kwargs.items():
        for conv in ("int", "str", "slug", "path"):
            url = url.replace(f"<{conv}:{name}>", str(value))
    return url


def _get(client: Client, url: str) -> int:
    # A server error inside the test transaction would poison every later query on PostgreSQL.
    sid = transaction.savepoint()
    status = client.get(url).status_code
    if status >= 500:
        transaction.savepoint_rollback(sid)

    else:
        transaction.savepoint_commit(sid)
    return status


def _readers_in_source() -> set[str]:
    """module.qualname of every function in anjian (tests aside) whose body touches `request.GET`."""
    root = Path(__file__).resolve().parents[2]
    found: set[str] = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(root.parent).with_suffix("").parts)

        def visit(node: ast.AST, stack: list[str], module: str = module) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    visit(child, [*stack, child.name])
                    continue
                if (isinstance(child, ast.Attribute) and child.attr == "GET" and isinstance(child.value, ast.Name)
                        and child.value.id == "request" and stack):
                    found.add(f"{module}.{'.'.join(stack)}")
                visit(child, stack)

        visit(ast.parse(path.read_text(encoding="utf-8")), [])
    return found


@pytest.mark.django_db
def test_no_page_answers_a_hostile_query_parameter_with_a_server_error(world: World, recorder: Recorder) -> None:
    # Given: a task and a hazard to list, every named actor, a superuser and an anonymous visitor.
    task, hazard = world.task(), world.hazard()
    point = tank_area(world)  # a graded risk point, so the 双重预防 pages (check page, plan) are reached
    root = User.objects.create_superuser(username="root", password="Anjian-test-2024", display_name="超级管理员")
    actors: dict[str, User | None] = {
        "clerk": world.clerk, "officer": world.officer, "reviewer": world.reviewer, "principal": world.principal,
        "township": world.township_staff, "leader": world.leader, "auditor": world.auditor, "root": root,
        "anonymous": None,
    }
    clients = {}
    for label, user in actors.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[label] = client
    pks = {"tasks": task.pk, "hazards": hazard.pk, "units": world.gas_station.pk, "items": hazard.pk,
           "prevention": point.pk}
    pages = [(name, _url(route, pattern, pks)) for route, name, pattern in _patterns()
             if not route.startswith(SKIPPED_PREFIXES) and name not in SKIPPED_NAMES]

    # When: each actor opens each page with no parameters, noting what the page reads.
    reads: dict[str, set[str]] = {}
    seen_by: dict[str, list[str]] = {}
    errors: list[str] = []
    for _name, url in pages:
        for label, client in clients.items():
            recorder.keys.clear()
            status = _get(client, url)
            if status >= 500:
                errors.append(f"{label} GET {url} → {status}")
            if status == 200:
                seen_by.setdefault(url, []).append(label)
            reads.setdefault(url, set()).update(recorder.keys)
    assert errors == [], errors
    # Every function that touches request.GET ran, and the parameters of the reported 500s were found.
    missing = _readers_in_source() - recorder.readers
    assert missing == set(), f"pages reading request.GET that the URLconf walk did not reach: {missing}"
    assert {"after", "department", "due_within"} <= reads["/tasks/"] | reads["/hazards/"]
    assert {"scheme", "year"} <= reads["/assessment/"]

    # Then: no hostile value of any parameter a page reads makes it fail. Every parameter of the page takes
    # the value at once; when the page does not answer 200 (a refusal or redirect might hide what a later
    # parameter does) or fails, each parameter takes it on its own.
    tried = 0

    def query(pairs: dict[str, str]) -> str:
        return "&".join(f"{k}={quote(v, safe='', errors='surrogatepass')}" for k, v in pairs.items())

    for url, params in sorted(reads.items()):
        if not params:
            continue
        labels = seen_by.get(url, [])
        for label in ["clerk"] if "clerk" in labels else labels:
            cases = [{p: v for p in sorted(params)} for v in VALUES]
            if {"after", "order"} <= params:
                cases += [{"order": o, "after": v} for o in ORDERS for v in CURSORS]
            for case in cases:
                tried += 1
                status = _get(clients[label], f"{url}?{query(case)}")
                if status == 200 or len(case) == 1:
                    if status >= 500:
                        errors.append(f"{label} GET {url}?{query(case)[:160]} → {status}")
                    continue
                for key, value in case.items():
                    tried += 1
                    if (alone := _get(clients[label], f"{url}?{query({key: value})}")) >= 500:
                        errors.append(f"{label} GET {url}?{query({key: value})[:160]} → {alone}")
    print(f"\nfuzzed {len(reads)} pages, {sum(1 for p in reads.values() if p)} reading parameters "
          f"({sum(len(p) for p in reads.values())} parameters), {len(VALUES)} values: {tried} requests")
    Path("/tmp/f_fuzz_errors.txt").write_text("\n".join(errors))
    assert errors == [], f"{len(errors)} server errors, e.g. {errors[:15]}"
