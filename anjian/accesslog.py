"""Logs that cannot tie an anonymous reporter to a tip-off: no client address or user agent on its routes.

An access log line holds time, address and browser; next to a tip-off's receipt time it names the sender.
So for a request to the tip-off routes, or made from one of their pages (the stylesheets and scripts it
loads carry it as Referer), gunicorn's access log writes "-" for the address, the user agent and every
header or environment value, and a Django log record drops the request it carries. Other routes keep them.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from gunicorn.glogging import Logger

MASK = "-"


def is_tipoff_path(path: str) -> bool:
    """Whether a URL path is one of the tip-off routes (the public portal, its API, the handling pages)."""
    return path == "/tipoff" or path.startswith(("/tipoff/", "/api/tipoffs"))


def touches_tipoffs(path: str, referer: str = "") -> bool:
    """A tip-off route, or a request made from one of their pages."""
    return is_tipoff_path(path) or bool(referer) and is_tipoff_path(urlsplit(referer).path)


class GunicornLogger(Logger):
    """gunicorn's logger, with the client masked on tip-off requests (`--logger-class`, set by `anjian serve`)."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        if touches_tipoffs(environ.get("PATH_INFO", ""), environ.get("HTTP_REFERER", "")):
            atoms["h"] = atoms["a"] = atoms["u"] = MASK
            for key in atoms:
                if key.endswith(("}i", "}e")):  # X-Forwarded-For, User-Agent, Cookie, REMOTE_ADDR, …
                    atoms[key] = MASK
        return atoms


class HideTipoffClients(logging.Filter):
    """Drops the request (its META: address, user agent, cookies) from records about tip-off requests."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str):
            meta = getattr(request, "META", {}) or {}
            if touches_tipoffs(path, str(meta.get("HTTP_REFERER", ""))):
                record.request = None
        return True
