"""A small real SMTP server on 127.0.0.1 for tests: speaks the protocol Django's SMTP backend uses, keeps
what it received, refuses the recipients it is told to refuse (550)."""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Received:
    """One accepted message: its envelope recipients and its decoded subject."""

    recipients: tuple[str, ...]
    subject: str


@dataclass
class Mailbox:
    messages: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self._reply("220 localhost test SMTP")
        recipients: list[str] = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            verb = raw.decode("ascii", "replace").strip()
            upper = verb.upper()
            if upper.startswith("EHLO"):
                self._reply("250-localhost")
                self._reply("250 8BITMIME")
            elif upper.startswith("HELO"):
                self._reply("250 localhost")
            elif upper.startswith("MAIL FROM"):
                recipients = []
                self._reply("250 OK")
            elif upper.startswith("RCPT TO"):
                address = verb.split(":", 1)[1].strip().strip("<>").split(">")[0]
                if address in self.server.mailbox.refuse:
                    self._reply("550 no such user")
                else:
                    recipients.append(address)
                    self._reply("250 OK")
            elif upper == "DATA":
                self._reply("354 end with <CRLF>.<CRLF>")
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(line[1:] if line.startswith(b"..") else line)
                message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
                with self.server.mailbox.lock:
                    self.server.mailbox.messages.append(Received(tuple(recipients), str(message["Subject"]).strip()))
                self._reply("250 queued")
            elif upper in ("RSET", "NOOP"):
                self._reply("250 OK")
            elif upper == "QUIT":
                self._reply("221 bye")
                return
            else:
                self._reply("502 not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mailbox: Mailbox


@contextmanager
def smtp_server(port: int = 0) -> Iterator[tuple[int, Mailbox]]:
    """Serve SMTP on 127.0.0.1 (a free port unless told) until the block ends; yield (port, mailbox)."""
    server = _Server(("127.0.0.1", port), _Handler)
    server.mailbox = Mailbox()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.mailbox
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
