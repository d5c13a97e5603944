"""The `# scale` settings: S3 evidence storage, a replica alias and shared sessions, all opt-in.

Each case imports the settings in a fresh interpreter with its own environment, the way a web
host starts; nothing reaches the network (boto3 signs URLs locally).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import default_storage
out = {
    "backend": settings.STORAGES["default"]["BACKEND"],
    "aliases": sorted(settings.DATABASES),
    "routers": getattr(settings, "DATABASE_ROUTERS", []),
    "session_engine": settings.SESSION_ENGINE,
}
default_storage._setup()
out["storage_class"] = type(default_storage._wrapped).__name__
if "replica" in settings.DATABASES:
    out["replica"] = {k: settings.DATABASES["replica"][k] for k in ("ENGINE", "NAME", "HOST")}
    out["replica_test"] = settings.DATABASES["replica"]["TEST"]
if out["backend"].endswith("S3Storage"):
    s = default_storage._wrapped
    out["bucket"] = s.bucket_name
    out["location"] = s.location
    out["acl"] = s.default_acl
    out["url"] = default_storage.url("evidence/2026/01/photo.jpg")
print(json.dumps(out))
"""


def probe(tmp_path: Path, **env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ANJIAN_S3_", "ANJIAN_REPLICA", "ANJIAN_SESSION"))}
    clean |= {"DJANGO_SETTINGS_MODULE": "anjian.settings", "ANJIAN_DATA_DIR": str(tmp_path), **env}
    proc = subprocess.run([sys.executable, "-c", PROBE], env=clean, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_nothing_configured_keeps_one_machine_defaults(tmp_path: Path) -> None:
    out = probe(tmp_path)
    assert out["backend"] == "anjian.filestore.PrivateFileSystemStorage"
    assert out["aliases"] == ["default"]
    assert out["routers"] == []
    assert out["session_engine"] == "django.contrib.sessions.backends.db"


def test_s3_settings_resolve_to_private_signed_s3_storage(tmp_path: Path) -> None:
    out = probe(tmp_path, ANJIAN_S3_BUCKET="anjian-evidence", ANJIAN_S3_ENDPOINT_URL="http://127.0.0.1:9000",
                ANJIAN_S3_ACCESS_KEY="minio", ANJIAN_S3_SECRET_KEY="minio-secret", ANJIAN_S3_REGION="cn-north-1")
    assert out["backend"] == "storages.backends.s3.S3Storage"
    assert out["storage_class"] == "S3Storage"
    assert out["bucket"] == "anjian-evidence"
    assert out["location"] == "media"
    assert out["acl"] == "private"
    url = str(out["url"])
    assert url.startswith("http://127.0.0.1:9000/anjian-evidence/media/evidence/2026/01/photo.jpg?")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


def test_replica_url_adds_the_alias_and_the_router(tmp_path: Path) -> None:
    out = probe(tmp_path, ANJIAN_REPLICA_DATABASE_URL="postgres://reader@10.0.0.2:5432/anjian")
    assert out["aliases"] == ["default", "replica"]
    assert out["routers"] == ["anjian.dbrouter.ReplicaRouter"]
    assert out["replica"] == {"ENGINE": "django.db.backends.postgresql", "NAME": "anjian", "HOST": "10.0.0.2"}
    assert out["replica_test"]["MIRROR"] == "default"  # no second test database is ever built


def test_redis_sessions_use_the_cache_backend(tmp_path: Path) -> None:
    out = probe(tmp_path, ANJIAN_SESSION_BACKEND="redis", ANJIAN_REDIS_URL="redis://10.0.0.3:6379/1")
    assert out["session_engine"] == "django.contrib.sessions.backends.cache"


def test_an_unknown_session_backend_fails_at_start(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_SESSION")}
    env |= {"DJANGO_SETTINGS_MODULE": "anjian.settings", "ANJIAN_DATA_DIR": str(tmp_path),
            "ANJIAN_SESSION_BACKEND": "memcache"}
    proc = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "ANJIAN_SESSION_BACKEND" in proc.stderr


def test_a_delivery_lease_shorter_than_a_send_fails_at_start(tmp_path: Path) -> None:
    # a mail still being sent must not be taken for one whose deliverer died
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANJIAN_SMTP", "ANJIAN_DELIVERY"))}
    env |= {"DJANGO_SETTINGS_MODULE": "anjian.settings", "ANJIAN_DATA_DIR": str(tmp_path),
            "ANJIAN_SMTP_TIMEOUT": "60", "ANJIAN_DELIVERY_LEASE_SECONDS": "60"}
    proc = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "ANJIAN_DELIVERY_LEASE_SECONDS=60 must exceed ANJIAN_SMTP_TIMEOUT (60)" in proc.stderr
