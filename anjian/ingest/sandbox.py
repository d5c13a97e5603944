"""Untrusted files are parsed in a child process with CPU, memory and wall-clock limits.

A crafted 5 KB spreadsheet or a pathological document can keep a parser busy for minutes or grow it to
gigabytes. Every door that parses an uploaded file (the web document import, the hazard-table import,
`anjian extract` and `anjian import`) runs the parse through `run_limited` or `stream_limited`: the child
sets RLIMIT_CPU and RLIMIT_AS on itself, the parent waits at most the wall-clock limit and then kills the
child's process group. The caller gets the result, or an `IngestError("limit_exceeded")` naming the limit,
and nothing has been written (the parse runs before any transaction).

Children come from a fork server, a clean single-threaded process, so a multi-threaded web worker never
forks itself. The function and its arguments travel by pickle: module-level functions and plain values.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from anjian.config import env_int
from anjian.ingest.errors import IngestError

T = TypeVar("T")

DEFAULT_CPU_SECONDS = 10
DEFAULT_MEMORY_MB = 256
DEFAULT_WALL_SECONDS = 20
STREAM_BATCH = 2_000
_MB = 1024 * 1024
# Modules the fork server imports once, so that each child starts without importing the readers again.
_PRELOAD = ["anjian.ingest.extract", "anjian.ingest.source", "anjian.ingest.readers.xlsx_stream", "docx", "openpyxl"]


@dataclass(frozen=True)
class Limits:
    """What one parse may use: CPU seconds, address space in bytes, seconds the caller waits."""

    cpu_s: int
    mem_bytes: int
    wall_s: float


@dataclass(frozen=True)
class Usage:
    """What a finished child used, as it reported it: peak resident memory and CPU time."""

    peak_rss_bytes: int
    cpu_s: float


def configured_limits() -> Limits:
    """The limits from Django settings when they are set up, else from the environment (`anjian extract`)."""
    from django.conf import settings

    if settings.configured:
        return Limits(
            int(getattr(settings, "ANJIAN_PARSE_CPU_SECONDS", DEFAULT_CPU_SECONDS)),
            int(getattr(settings, "ANJIAN_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB)) * _MB,
            float(getattr(settings, "ANJIAN_PARSE_WALL_SECONDS", DEFAULT_WALL_SECONDS)),
        )
    return Limits(
        env_int("ANJIAN_PARSE_CPU_SECONDS", DEFAULT_CPU_SECONDS),
        env_int("ANJIAN_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB) * _MB,
        float(env_int("ANJIAN_PARSE_WALL_SECONDS", DEFAULT_WALL_SECONDS)),
    )


def _limits(cpu_s: int | None, mem_bytes: int | None, wall_s: float | None) -> Limits:
    base = configured_limits()
    return Limits(
        base.cpu_s if cpu_s is None else cpu_s,
        base.mem_bytes if mem_bytes is None else mem_bytes,
        base.wall_s if wall_s is None else wall_s,
    )


def exceeded(kind: str, limits: Limits) -> IngestError:
    """The refusal naming the limit that stopped the parse (cpu, memory or wall)."""
    if kind == "cpu":
        return IngestError("limit_exceeded", f"CPU 时间上限 {limits.cpu_s} 秒", f"CPU time limit {limits.cpu_s} s")
    if kind == "memory":
        mb = limits.mem_bytes // _MB
        return IngestError("limit_exceeded", f"内存上限 {mb} MB", f"memory limit {mb} MB")
    wall = f"{limits.wall_s:g}"
    return IngestError("limit_exceeded", f"耗时上限 {wall} 秒", f"time limit {wall} s")


def run_limited(
    fn: Callable[..., T], *args: Any, cpu_s: int | None = None, mem_bytes: int | None = None,
    wall_s: float | None = None,
) -> T:
    """`fn(*args)` in a limited child; its result, its exception, or IngestError('limit_exceeded')."""
    return run_measured(fn, *args, cpu_s=cpu_s, mem_bytes=mem_bytes, wall_s=wall_s)[0]


def run_measured(
    fn: Callable[..., T], *args: Any, cpu_s: int | None = None, mem_bytes: int | None = None,
    wall_s: float | None = None,
) -> tuple[T, Usage]:
    """`run_limited`, with what the child used (for tests and measurements)."""
    limits = _limits(cpu_s, mem_bytes, wall_s)
    with _Child(limits, fn, args, stream=False) as child:
        message = child.receive(limits.wall_s - child.waited())
        if message[0] == "ok":
            return message[1], message[2]
        raise child.failure(message)


def stream_limited(
    fn: Callable[..., Iterable[T]], *args: Any, cpu_s: int | None = None, mem_bytes: int | None = None,
    wall_s: float | None = None,
) -> Iterator[T]:
    """The items of `fn(*args)` (an iterable) produced in a limited child and received in batches.

    The child parses ahead while the caller works on what came before. The wall-clock limit counts only
    the time the caller spends waiting for the child, so a slow consumer (a database insert) is not
    charged to the parse; CPU time and memory are the child's own.
    """
    limits = _limits(cpu_s, mem_bytes, wall_s)
    child = _Child(limits, fn, args, stream=True)
    return _streamed(child, limits)


def _streamed(child: _Child, limits: Limits) -> Iterator[Any]:
    waited = child.waited()  # starting the child counts as waiting for it
    with child:
        while True:
            started = time.monotonic()
            message = child.receive(limits.wall_s - waited)
            waited += time.monotonic() - started
            if message[0] == "batch":
                yield from message[1]
            elif message[0] == "ok":
                return
            else:
                raise child.failure(message)


class _Child:
    """One child process and the pipe it answers on; leaving the block always reaps (or kills) it."""

    def __init__(self, limits: Limits, fn: Callable[..., Any], args: tuple[Any, ...], *, stream: bool) -> None:
        self.started = time.monotonic()
        ctx = _context()
        self.limits = limits
        self.source, sink = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_run_child, args=(sink, limits, fn, args, stream), daemon=True)
        self.process.start()
        sink.close()

    def __enter__(self) -> _Child:
        return self

    def __exit__(self, *exc: object) -> None:
        self.source.close()
        self.process.join(timeout=0.5)
        if self.process.is_alive():
            self._kill()
        self.process.join()

    def waited(self) -> float:
        """Seconds since the child was asked for (the fork server's first start included)."""
        return time.monotonic() - self.started

    def _kill(self) -> None:
        pid = self.process.pid
        if pid is None:
            return
        try:
            os.killpg(pid, signal.SIGKILL)  # the child and anything it started (LibreOffice)
        except (ProcessLookupError, PermissionError):
            self.process.kill()

    def receive(self, wait_s: float) -> tuple[Any, ...]:
        """The child's next message; a limit error if it does not come in time or the child dies."""
        if not self.source.poll(max(wait_s, 0.0)):
            self._kill()
            raise exceeded("wall", self.limits)
        try:
            message: tuple[Any, ...] = self.source.recv()
        except EOFError:
            raise self._death() from None
        return message

    def _death(self) -> IngestError:
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code in (-signal.SIGXCPU, -signal.SIGKILL):
            return exceeded("cpu", self.limits)
        if code == OUT_OF_MEMORY_EXIT:
            return exceeded("memory", self.limits)
        return IngestError("corrupt", f"解析进程意外退出（{code}）", f"the parser exited early ({code})")

    def failure(self, message: tuple[Any, ...]) -> Exception:
        if message[0] == "limit":
            return exceeded(message[1], self.limits)
        if message[0] == "error":
            error: Exception = message[1]
            return error
        return IngestError("corrupt", str(message[1])[:200], str(message[1])[:200])


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _apply(limits: Limits) -> None:
    # Soft limits only: LibreOffice, started by the legacy reader under its own timeout, lifts them.
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_s, resource.RLIM_INFINITY))
    resource.setrlimit(resource.RLIMIT_AS, (limits.mem_bytes, resource.RLIM_INFINITY))


def lift_limits() -> None:
    """In a process started by the child (LibreOffice): back to the hard limits, which stay unlimited."""
    for kind in (resource.RLIMIT_CPU, resource.RLIMIT_AS):
        resource.setrlimit(kind, (resource.getrlimit(kind)[1], resource.getrlimit(kind)[1]))


def _usage() -> Usage:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
    except OSError:
        pass
    times = os.times()
    return Usage(peak, times.user + times.system)


def _out_of_memory(exc: BaseException) -> bool:
    """Whether an exception was caused by running out of memory (readers wrap what their library raised)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, MemoryError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


# The child's exit status when it ran out of memory so completely that it could not even say so.
OUT_OF_MEMORY_EXIT = 86
# Kept by the child and freed before it reports a failure, so the report itself has memory to run in.
_RESERVE_BYTES = 4 * 1024 * 1024


def _run_child(sink: Any, limits: Limits, fn: Callable[..., Any], args: tuple[Any, ...], stream: bool) -> None:
    # In the child: its own process group (so a wall-clock kill takes what it started), then the limits.
    os.setpgid(0, 0)
    _apply(limits)
    try:
        _child_body(sink, fn, args, stream, bytearray(_RESERVE_BYTES))
    except MemoryError:
        os._exit(OUT_OF_MEMORY_EXIT)  # reporting failed too: the exit status carries it


def _child_body(sink: Any, fn: Callable[..., Any], args: tuple[Any, ...], stream: bool,
                reserve: bytearray) -> None:
    try:
        if stream:
            batch: list[Any] = []
            for item in fn(*args):
                batch.append(item)
                if len(batch) >= STREAM_BATCH:
                    sink.send(("batch", batch))
                    batch = []
            if batch:
                sink.send(("batch", batch))
            sink.send(("ok", None, _usage()))
        else:
            result = fn(*args)
            sink.send(("ok", result, _usage()))
    except MemoryError:
        del reserve  # frees the reserve: the report needs memory
        sink.send(("limit", "memory"))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        del reserve
        if _out_of_memory(exc):  # a reader that wraps every failure ("corrupt") hit the memory limit
            sink.send(("limit", "memory"))
            return
        try:
            sink.send(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that does not pickle: its text
            sink.send(("text", f"{type(exc).__name__}: {exc}"))
    finally:
        sink.close()
