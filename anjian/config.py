"""Typed, loud readers of environment settings (STYLE: settings from the environment)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from anjian.errors import DomainError
from anjian.security.filemodes import open_private, private_dir


class ConfigError(DomainError):
    """A setting is present but unusable; raised at start-up, never later."""

    code = "misconfigured"
    http_status = 500  # the operator's fault, not the request's


def env_str(name: str, default: str = "") -> str:
    """The raw value of an environment variable, or the default."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no setting; anything other than the usual words is an error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r}: expected true/false")


def env_int(name: str, default: int) -> int:
    """An integer setting; a non-number is an error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r}: expected an integer") from exc


def env_networks(name: str) -> tuple[IPv4Network | IPv6Network, ...]:
    """Comma-separated addresses or CIDRs (10.0.0.5, 10.0.0.0/24, ::1); an unparsable entry is an error."""
    networks = []
    for part in env_str(name).split(","):
        if part.strip():
            try:
                networks.append(ip_network(part.strip(), strict=False))
            except ValueError as exc:
                raise ConfigError(f"{name}: {part.strip()!r} is not an address or CIDR") from exc
    return tuple(networks)


def data_dir() -> Path:
    """The folder holding the SQLite database, secrets, evidence files and backups."""
    path = Path(env_str("ANJIAN_DATA_DIR", "anjian-data")).expanduser().resolve()
    return private_dir(path)


def secret_key(folder: Path) -> str:
    """ANJIAN_SECRET_KEY, else the content of ANJIAN_SECRET_KEY_FILE, else one generated once into the data folder.

    Several web hosts need the same key (sessions, CSRF, signed values): set one of the first two on each.
    """
    configured = env_str("ANJIAN_SECRET_KEY")
    key_path = env_str("ANJIAN_SECRET_KEY_FILE")
    if not configured and key_path:
        try:
            configured = Path(key_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"ANJIAN_SECRET_KEY_FILE={key_path}: {exc.strerror}") from exc
    if configured:
        if len(configured) < 32:
            raise ConfigError("ANJIAN_SECRET_KEY must be at least 32 characters")
        return configured
    key_file = folder / "secret_key"
    if not key_file.exists():
        with open_private(key_file, exclusive=True) as fh:  # 0600 from creation: no window at 0644
            fh.write(secrets.token_urlsafe(50).encode())
    return key_file.read_text(encoding="utf-8").strip()


@dataclass(frozen=True)
class DatabaseUrl:
    """A parsed ANJIAN_DATABASE_URL."""

    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    options: dict[str, str] | None = None


def parse_database_url(url: str) -> DatabaseUrl:
    """sqlite:///path or postgres://user:pw@host:port/name; anything else is an error."""
    parsed = urlparse(url)
    options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        name = path if url.startswith("sqlite:////") else path.lstrip("/")
        if not name:
            raise ConfigError(f"ANJIAN_DATABASE_URL={url!r}: no database file")
        return DatabaseUrl(engine="django.db.backends.sqlite3", name=name, options=options)
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise ConfigError(f"ANJIAN_DATABASE_URL={url!r}: no database name")
        return DatabaseUrl(
            engine="django.db.backends.postgresql",
            name=name,
            user=unquote(parsed.username or ""),
            password=unquote(parsed.password or ""),
            host=parsed.hostname or "",
            port=str(parsed.port or ""),
            options=options,
        )
    raise ConfigError(f"ANJIAN_DATABASE_URL={url!r}: only sqlite:/// and postgres:// are supported")


def database_settings(folder: Path) -> dict[str, object]:
    """Django DATABASES['default'] for the configured URL (SQLite in WAL mode by default)."""
    url = env_str("ANJIAN_DATABASE_URL") or f"sqlite:///{folder / 'anjian.sqlite3'}"
    db = parse_database_url(url)
    if db.engine.endswith("sqlite3"):
        return {
            "ENGINE": db.engine,
            "NAME": db.name,
            "OPTIONS": {
                # IMMEDIATE makes every write transaction take the lock at BEGIN, so two
                # reviewers never both read then fail to upgrade (SQLITE_BUSY mid-transaction).
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                    " PRAGMA busy_timeout=20000;"
                ),
            },
            # Kept open across requests as on PostgreSQL: a fresh connection re-runs the PRAGMAs and re-parses
            # the schema on its first query, ≈ 8 ms of every request (2026-12-04, county bench data).
            "CONN_MAX_AGE": env_int("ANJIAN_DB_CONN_MAX_AGE", 60),
            # A file, not shared-cache memory: concurrency tests need real WAL locking between threads.
            # One file per test process, so parallel runs never share (and corrupt) a test database.
            "TEST": {"NAME": str(folder / f"test-{os.getpid()}.sqlite3")},
        }
    return {
        "ENGINE": db.engine,
        "NAME": db.name,
        "USER": db.user,
        "PASSWORD": db.password,
        "HOST": db.host,
        "PORT": db.port,
        "CONN_MAX_AGE": env_int("ANJIAN_DB_CONN_MAX_AGE", 60),
        "OPTIONS": dict(db.options or {}),
    }
