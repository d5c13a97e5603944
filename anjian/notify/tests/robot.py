"""A real group-chat robot receiver on 127.0.0.1 (http.server in a thread) for the webhook tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Robot:
    """What the receiver got, and what it answers (errcode 0 is WeCom's and DingTalk's success)."""

    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    content_types: list[str] = field(default_factory=list)
    errcode: int = 0

    def texts(self) -> list[str]:
        return [body["text"]["content"] for body in self.received]


@contextmanager
def robot_server() -> Iterator[Robot]:
    """Serve POSTs like a WeCom/DingTalk robot; yields the Robot with its URL."""
    robot = Robot()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            answer = {"errcode": robot.errcode, "errmsg": "ok" if robot.errcode == 0 else "refused"}
            if robot.errcode == 0:
                robot.received.append(body)
                robot.content_types.append(self.headers.get("Content-Type", ""))
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    robot.url = f"http://127.0.0.1:{server.server_address[1]}/cgi-bin/webhook/send?key=test"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield robot
    finally:
        server.shutdown()
        server.server_close()
