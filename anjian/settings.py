"""Django settings, read from environment variables (see README: Configuration)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django_stubs_ext

from anjian.config import data_dir, database_settings, env_bool, env_int, env_networks, env_str, secret_key
from anjian.security.filemodes import DIR_MODE, FILE_MODE, restrict_process

django_stubs_ext.monkeypatch()  # lets forms/querysets take type parameters at runtime
# Everything this process writes (database, media, backups, documents) is owner-only (SECURITY.md).
restrict_process()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

DEBUG = env_bool("ANJIAN_DEBUG", False)
# Production mode turns on the level-3 (等保三级) profile by default.
PRODUCTION = env_bool("ANJIAN_PRODUCTION", False)
SECRET_KEY = secret_key(DATA_DIR)
ALLOWED_HOSTS = [h for h in env_str("ANJIAN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env_str("ANJIAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_q",
    "anjian.core",
    # documents in → ledger → loop → numbers → documents out
    "anjian.org",
    "anjian.accounts",
    "anjian.audit",
    "anjian.workdays",
    "anjian.ingest",
    "anjian.ledger",
    "anjian.escalation",
    "anjian.notify",
    "anjian.tipoffs",
    "anjian.accidents",
    "anjian.prevention",
    "anjian.stats",
    "anjian.scoring",
    "anjian.publish",
    "anjian.web",
    "anjian.api",
    "anjian.bench",
    "anjian.security",
    "anjian.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the vendored static files itself, so the app runs offline with no web server in front.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: CSP and no-store on every dynamic answer, static files untouched.
    "anjian.security.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "anjian.security.middleware.SessionLimitMiddleware",
    "anjian.security.middleware.RequestSizeMiddleware",
    "anjian.security.middleware.NulByteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "anjian.audit.middleware.RequestIdMiddleware",
    "anjian.web.middleware.DenialAuditMiddleware",
]

ROOT_URLCONF = "anjian.urls"
WSGI_APPLICATION = "anjian.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Compiled templates are kept for the process's life (Django's default, written out because the
            # list page's speed rests on it: a row template is parsed once, not per request).
            "loaders": [("django.template.loaders.cached.Loader", [
                "django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"])],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_settings(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("ANJIAN_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES: dict[str, dict[str, Any]] = {
    # Every stored file goes through this storage (anjian/filestore.py); S3 replaces it below.
    "default": {"BACKEND": "anjian.filestore.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGIN_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = ["anjian.web.backends.LockoutModelBackend"]

EMAIL_HOST = env_str("ANJIAN_SMTP_HOST")
EMAIL_PORT = env_int("ANJIAN_SMTP_PORT", 25)
EMAIL_HOST_USER = env_str("ANJIAN_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("ANJIAN_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("ANJIAN_SMTP_TLS", False)
EMAIL_TIMEOUT = env_int("ANJIAN_SMTP_TIMEOUT", 30)  # seconds; a mail attempt ends well within its lease (below)
DEFAULT_FROM_EMAIL = env_str("ANJIAN_MAIL_FROM", "anjian@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.locmem.EmailBackend"
)

# Group-chat robot (企业微信/钉钉群机器人): new assignments, routed tip-offs and escalations are also POSTed
# as robot-style JSON ({"msgtype": "text", "text": {"content": …}}) to this URL, from the outbox after commit.
ANJIAN_WEBHOOK_URL = env_str("ANJIAN_WEBHOOK_URL")
ANJIAN_WEBHOOK_TIMEOUT = env_int("ANJIAN_WEBHOOK_TIMEOUT", 5)
# Each mail and robot post is claimed before it is sent; a claim neither sent nor failed after this many seconds
# belongs to a deliverer that died (kill -9, a lost host) and is tried again (at least once, not at most once).
ANJIAN_DELIVERY_LEASE_SECONDS = env_int("ANJIAN_DELIVERY_LEASE_SECONDS", 600)
if max(EMAIL_TIMEOUT, ANJIAN_WEBHOOK_TIMEOUT) >= ANJIAN_DELIVERY_LEASE_SECONDS:
    from anjian.config import ConfigError

    raise ConfigError(f"ANJIAN_DELIVERY_LEASE_SECONDS={ANJIAN_DELIVERY_LEASE_SECONDS} must exceed ANJIAN_SMTP_TIMEOUT "
                      f"({EMAIL_TIMEOUT}) and ANJIAN_WEBHOOK_TIMEOUT ({ANJIAN_WEBHOOK_TIMEOUT}), or a slow send "
                      "would be sent again while it is still under way")

# Evidence uploads: content-sniffed type, size limit (bytes).
ANJIAN_EVIDENCE_MAX_BYTES = env_int("ANJIAN_EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)
ANJIAN_UPLOAD_MAX_BYTES = env_int("ANJIAN_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
# Acceptance (ledger.services.check_submit): the items that need evidence before 提交验收, as
# "kind:grade" words ("hazard:general", "task"); a major hazard always needs it.
ANJIAN_EVIDENCE_REQUIRED = [w for w in env_str("ANJIAN_EVIDENCE_REQUIRED", "hazard:general").split(",") if w]
# An enterprise's self-reported hazard: "hand_over" (交办 to the supervising department, which is told) or
# "self_rectify" (the enterprise starts rectifying at once and submits to the department for acceptance).
ANJIAN_SELF_REPORT_MODE = env_str("ANJIAN_SELF_REPORT_MODE", "hand_over")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Django's file storage would chmod saved files to 0644 whatever the umask; uploads are owner-only.
FILE_UPLOAD_PERMISSIONS = FILE_MODE
FILE_UPLOAD_DIRECTORY_PERMISSIONS = DIR_MODE
# Every uploaded document is parsed in a child process with these limits (anjian/ingest/sandbox.py):
# CPU seconds and address space of the child, and how long the request waits for it before killing it.
ANJIAN_PARSE_CPU_SECONDS = env_int("ANJIAN_PARSE_CPU_SECONDS", 10)
ANJIAN_PARSE_MEMORY_MB = env_int("ANJIAN_PARSE_MEMORY_MB", 256)
ANJIAN_PARSE_WALL_SECONDS = env_int("ANJIAN_PARSE_WALL_SECONDS", 20)

# Level-3 profile (等保三级): lockout, session limits, password rules.
ANJIAN_LEVEL3 = env_bool("ANJIAN_LEVEL3", PRODUCTION)
ANJIAN_LOCKOUT_ATTEMPTS = 5
ANJIAN_LOCKOUT_MINUTES = 30
SESSION_COOKIE_AGE = 12 * 3600
# Ledger pages and list API answers served again from the web process's memory until the database
# changes (anjian/core/pagecache.py); off renders every request.
ANJIAN_PAGE_CACHE = env_bool("ANJIAN_PAGE_CACHE", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
ANJIAN_IDLE_TIMEOUT_SECONDS = 30 * 60
# Optional rotation (等保 evaluators expect 90; ASVS advises against it): 0 turns it off.
ANJIAN_PASSWORD_MAX_AGE_DAYS = env_int("ANJIAN_PASSWORD_MAX_AGE_DAYS", 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10 if ANJIAN_LEVEL3 else 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "anjian.security.validators.ComplexityValidator"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Records about tip-off requests lose the request they carry (address, user agent): anjian/accesslog.py.
    "filters": {"hide_tipoff_clients": {"()": "anjian.accesslog.HideTipoffClients"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["hide_tipoff_clients"]}},
    "root": {"handlers": ["console"], "level": env_str("ANJIAN_LOG_LEVEL", "WARNING")},
}

# scale: past one machine (docs/deploy.md). Every setting here is optional; unset, nothing changes.
# A streaming replica: dashboards and exports read from it inside `anjian.dbrouter.use_replica()`.
if env_str("ANJIAN_REPLICA_DATABASE_URL"):
    from anjian.dbrouter import replica_database

    DATABASES["replica"] = replica_database(env_str("ANJIAN_REPLICA_DATABASE_URL"), DATA_DIR)
    DATABASE_ROUTERS = ["anjian.dbrouter.ReplicaRouter"]
# Reads fall back to the primary while the replica is down or lags more than this (seconds); the replica is
# probed at most every ANJIAN_REPLICA_CHECK_SECONDS per process (anjian/dbrouter.py).
ANJIAN_REPLICA_MAX_LAG_SECONDS = env_int("ANJIAN_REPLICA_MAX_LAG_SECONDS", 30)
ANJIAN_REPLICA_CHECK_SECONDS = env_int("ANJIAN_REPLICA_CHECK_SECONDS", 5)

# Every stored file (evidence, tip-off photos, staged and imported documents) in S3-compatible object storage (MinIO, Ceph RGW, OSS/COS S3 endpoints).
if env_str("ANJIAN_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("ANJIAN_S3_BUCKET"),
            "endpoint_url": env_str("ANJIAN_S3_ENDPOINT_URL") or None,
            "region_name": env_str("ANJIAN_S3_REGION") or None,
            "access_key": env_str("ANJIAN_S3_ACCESS_KEY") or None,
            "secret_key": env_str("ANJIAN_S3_SECRET_KEY") or None,
            "location": env_str("ANJIAN_S3_PREFIX", "media"),
            # Evidence is private: served through signed, short-lived URLs, never public-read.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env_int("ANJIAN_S3_URL_SECONDS", 300),
            "file_overwrite": False,
        },
    }

# Background work (anjian/queue.py): `anjian worker` on one host or several. The broker is the database
# (default) or Redis; all workers must use the same one and the same cluster name.
# The lease: the ORM broker locks a task it hands out for `retry` seconds (one lease for every task: a per-task
# `timeout` in q_options can only shorten a run, never the lease), and offers it again when the lease ends
# without an acknowledgement, so the task of a worker killed with `kill -9` runs again after `retry`. A short
# lease is safe because every queued task is idempotent (anjian/queue.py): the timeout stops a run before its
# lease ends, and a task that waited in a busy cluster's local queue (at most `queue_limit`) until its lease
# ran out may also be run by another cluster, which is harmless. A job that needs longer than the timeout does
# not belong on the queue (none does today: scans commit item by item and resume where a stopped one ended).
_QUEUE = env_str("ANJIAN_QUEUE", "orm")
_QUEUE_TIMEOUT = env_int("ANJIAN_QUEUE_TIMEOUT", 300)
_QUEUE_RETRY = env_int("ANJIAN_QUEUE_RETRY", _QUEUE_TIMEOUT + 60)
if _QUEUE_TIMEOUT < 1 or _QUEUE_RETRY <= _QUEUE_TIMEOUT:
    from anjian.config import ConfigError

    raise ConfigError(f"ANJIAN_QUEUE_RETRY={_QUEUE_RETRY} must exceed ANJIAN_QUEUE_TIMEOUT={_QUEUE_TIMEOUT} (>= 1), "
                      "or a slow task would be offered to a second worker while it still runs")
Q_CLUSTER: dict[str, Any] = {
    "name": "anjian",
    "label": "后台任务 / background tasks",
    "workers": env_int("ANJIAN_QUEUE_WORKERS", 2),
    "timeout": _QUEUE_TIMEOUT,  # seconds one run may take; then django-q stops it (and the task fails)
    "retry": _QUEUE_RETRY,  # the lease: a task not acknowledged by then is offered again
    "queue_limit": env_int("ANJIAN_QUEUE_WORKERS", 2),  # tasks a cluster takes ahead of its idle workers
    "max_attempts": 3,
    "ack_failures": True,
    "catch_up": False,  # after a stop, a missed schedule runs once, not once per missed interval
    "save_limit": 1000,
    "poll": 0.5,
}
if _QUEUE.startswith(("redis://", "rediss://")):
    Q_CLUSTER["redis"] = _QUEUE
else:
    Q_CLUSTER["orm"] = "default"
if env_str("ANJIAN_REPLICA_DATABASE_URL"):
    Q_CLUSTER["has_replica"] = True

# Sessions shared by every web host: the database (default) or Redis.
ANJIAN_SESSION_BACKEND = env_str("ANJIAN_SESSION_BACKEND", "db")
if ANJIAN_SESSION_BACKEND == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("ANJIAN_REDIS_URL", "redis://127.0.0.1:6379/0"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
elif ANJIAN_SESSION_BACKEND != "db":
    from anjian.config import ConfigError

    raise ConfigError(f"ANJIAN_SESSION_BACKEND={ANJIAN_SESSION_BACKEND!r}: expected db or redis")

# tipoffs
# The key sealing whistleblower identities: ANJIAN_TIPOFF_KEY, or the key in ANJIAN_TIPOFF_KEY_FILE (a path every
# host reads); when neither is set, one is generated into the data folder (never while sealed identities exist),
# which is right for one host only. The database keeps the key's fingerprint; a host holding another key refuses
# to start (anjian/tipoffs/sealing.py). `anjian backup` keeps it only sealed under the operator's passphrase
# (anjian/tipoffs/keybackup.py), so a stolen backup alone does not reveal the reporters.
ANJIAN_TIPOFF_KEY = env_str("ANJIAN_TIPOFF_KEY")
ANJIAN_TIPOFF_KEY_FILE_CONFIGURED = bool(env_str("ANJIAN_TIPOFF_KEY_FILE"))
ANJIAN_TIPOFF_KEY_FILE = Path(env_str("ANJIAN_TIPOFF_KEY_FILE") or DATA_DIR / "tipoff_key")
ANJIAN_TIPOFF_HANDLING_DAYS = env_int("ANJIAN_TIPOFF_HANDLING_DAYS", 60)
ANJIAN_TIPOFF_REMIND_DAYS = env_int("ANJIAN_TIPOFF_REMIND_DAYS", 10)
ANJIAN_TIPOFF_SUBMIT_PER_HOUR = env_int("ANJIAN_TIPOFF_SUBMIT_PER_HOUR", 5)
ANJIAN_TIPOFF_TRACK_PER_HOUR = env_int("ANJIAN_TIPOFF_TRACK_PER_HOUR", 30)
# Wrong answers to the human check, counted apart from accepted tip-offs (which the limit above counts).
ANJIAN_TIPOFF_FAILED_CHECKS_PER_HOUR = env_int("ANJIAN_TIPOFF_FAILED_CHECKS_PER_HOUR", 30)

# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs, comma-separated; none by default):
# behind a load balancer, list it here or every client counts as the balancer (anjian/security/clientaddr.py).
ANJIAN_TRUSTED_PROXIES = env_networks("ANJIAN_TRUSTED_PROXIES")
# Behind a TLS-terminating proxy (listed above), the header it sets to say the client spoke HTTPS, e.g.
# ANJIAN_PROXY_SSL_HEADER=X-Forwarded-Proto: then secure cookies and https redirects work behind it. Only with
# trusted proxies: otherwise any client could claim HTTPS.
_PROXY_SSL_HEADER = env_str("ANJIAN_PROXY_SSL_HEADER")
if _PROXY_SSL_HEADER:
    if not ANJIAN_TRUSTED_PROXIES:
        from anjian.config import ConfigError

        raise ConfigError("ANJIAN_PROXY_SSL_HEADER needs ANJIAN_TRUSTED_PROXIES (the proxies that set it)")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")

# audit
# The HMAC key sealing each retention purge's new chain anchor (`anjian audit verify` checks the seal, so
# deleting the oldest entries and moving the anchor is caught even with the triggers dropped). When unset,
# one is generated into the data folder at the first purge. Keep it outside the database and its backups;
# a restore onto another machine needs the same key (set ANJIAN_AUDIT_KEY or copy the file).
ANJIAN_AUDIT_KEY = env_str("ANJIAN_AUDIT_KEY")
ANJIAN_AUDIT_KEY_FILE = Path(env_str("ANJIAN_AUDIT_KEY_FILE") or DATA_DIR / "audit_key")

# web
LOGIN_URL = "/login/"
