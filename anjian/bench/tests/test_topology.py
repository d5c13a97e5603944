"""docs/deploy.md, followed on loopback: hosts that share nothing but the database, the store and the queue.

The test builds the whole topology itself, as the walk-through in docs/deploy.md says, step by step:
- a PostgreSQL primary (a new cluster made with `initdb`, on its own port) and a streaming replica made from it
  with `pg_basebackup -R` (a third port), with the replication role and the replica's read-only user;
- an S3-compatible server (moto's server mode) on its own port, with one bucket;
- the key files every host reads (secret key, tip-off identity key, audit key);
- `anjian migrate` once, then two web hosts (`anjian serve`, gunicorn) with different data folders, and two
  workers (`anjian worker`, the ORM broker on the primary);
and then shows through HTTP against the two hosts what issue 23 asks: evidence uploaded on host A downloads
on host B; a document uploaded on A is confirmed on B; a tip-off sealed on A is revealed on B; the dashboards
and an export answer with the replica stopped; a worker killed with `kill -9` mid-task leaves its task to run
once more, to completion.

It runs only with ANJIAN_TOPOLOGY=1 (`.ci/run` sets it, in its own step); there a missing prerequisite
(PostgreSQL's server binaries, moto's server) fails the test instead of skipping it.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet

from anjian.web.tests.uploads import PLAN, confirm_form, png

pytestmark = pytest.mark.skipif(os.environ.get("ANJIAN_TOPOLOGY") != "1",
                                reason="builds a PostgreSQL primary and replica, S3, 2 hosts, 2 workers: "
                                       "set ANJIAN_TOPOLOGY=1 (.ci/run does)")

PASSWORD = "Anjian-test-2024"  # the fixture users' (anjian/fixtures.py)
REPORTER_NAME, REPORTER_PHONE = "欧阳秘举", "13912345678"
BUCKET = "anjian-files"
CRASH_TASK = "anjian.bench.tests.crash_task.start_and_sleep"
# The lease is cut from 300/360 s to 8/10 s so that the crashed worker's task comes back within the test; the
# task sleeps 5 s, leaving the test seconds to kill its worker mid-run even on a busy machine.
LEASE = {"ANJIAN_QUEUE_TIMEOUT": "8", "ANJIAN_QUEUE_RETRY": "10"}
TASK_SECONDS = 5.0
SEED = """
import json
from anjian.fixtures import build_world
from anjian.tipoffs.fixtures import add_handler
world = build_world()
add_handler(world)
task = world.task()
print(json.dumps({"task": task.pk, "emergency": world.emergency.pk, "county": world.county.pk}))
"""


_T0 = time.monotonic()


def _phase(what: str) -> None:
    """How long the topology took to build, phase by phase (shown with `pytest -s`)."""
    print(f"[topology {time.monotonic() - _T0:6.1f} s] {what}", flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tail(path: Path, chars: int = 3000) -> str:
    return f"--- {path.name}\n{path.read_text(errors='replace')[-chars:]}" if path.exists() else f"--- {path}: none"


@dataclass
class Cluster:
    """The PostgreSQL side: a primary and its streaming replica, both new clusters on loopback ports."""

    bin: Path
    base: Path
    as_postgres: list[str]
    primary_port: int = 0
    replica_port: int = 0
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def primary(self) -> Path:
        return self.base / "primary"

    @property
    def replica(self) -> Path:
        return self.base / "replica"

    def run(self, *cmd: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run([*self.as_postgres, *cmd], capture_output=True, text=True, timeout=180,  # noqa: S603
                              env=env, check=False)
        if done.returncode:
            raise AssertionError(f"{' '.join(cmd)} -> {done.returncode}\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def ctl(self, data: Path, *args: str) -> str:
        return self.run(str(self.bin / "pg_ctl"), "-D", str(data), "-w", "-t", "120", *args)

    def sql(self, port: int, sql: str, database: str = "postgres") -> list[tuple[Any, ...]]:
        """As the superuser, over the clusters' own Unix socket folder (trust for local connections only)."""
        import psycopg

        with psycopg.connect(host=str(self.base), port=port, user="postgres", dbname=database,
                             autocommit=True) as conn:
            cursor = conn.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def url(self, role: str, port: int) -> str:
        return f"postgres://{role}:{self.passwords[role]}@127.0.0.1:{port}/anjian"


def _prerequisites() -> tuple[Path, list[str]]:
    """PostgreSQL's server binaries and the way to run them (initdb refuses root); moto's server."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)")
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            pytest.fail("running as root and no runuser to start PostgreSQL as the postgres user")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    try:
        import flask  # noqa: F401 - moto's server mode needs it (the extra moto[server])
        import moto.server  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"moto's server mode is missing ({exc}): pip install -e '.[test]' (moto[server])")
    return Path(found[-1]).parent, as_postgres


class Processes:
    """Every process the test starts, each in its own process group, all ended at teardown."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, cmd: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
        with log.open("ab") as out:
            proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT,  # noqa: S603
                                    start_new_session=True)
        self.started.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in reversed(self.started):  # the main process only, as systemd's KillMode=mixed does
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in reversed(self.started):
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # the group: no child outlives the test
            proc.wait(timeout=30)


@dataclass
class Topology:
    base: Path
    cluster: Cluster
    processes: Processes
    hosts: list[str]
    host_logs: list[Path]
    host_dirs: list[Path]
    workers: list[subprocess.Popen[bytes]]
    worker_logs: list[Path]
    worker_env: dict[str, str]
    s3: Any
    ids: dict[str, int]

    def python(self, code: str) -> str:
        """Python with Django set up as a worker host is (its environment, its data folder)."""
        script = "import django, os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'anjian.settings')\n" \
                 "django.setup()\n" + code
        done = subprocess.run([sys.executable, "-c", script], env=self.worker_env, capture_output=True,  # noqa: S603
                              text=True, timeout=180, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def bucket_keys(self) -> set[str]:
        return {o["Key"] for o in self.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}

    def logs(self) -> str:
        return "\n".join(_tail(p) for p in [*self.host_logs, *self.worker_logs])


def _environment(base: Path) -> dict[str, str]:
    """What every host and worker reads: only the ANJIAN_* settings below, nothing of the caller's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANJIAN_", "DJANGO_", "AWS_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[3]),
                                                      env.get("PYTHONPATH", "")]))
    return env


def _wait(what: str, ready: Any, timeout: float, on_fail: Any = lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if ready():
                return
        time.sleep(0.2)
    raise AssertionError(f"{what}: not within {timeout:.0f} s\n{on_fail()}")


def _build_cluster(cluster: Cluster) -> None:
    """docs/deploy.md step 1: the primary, its settings, the owner role, the database and the replication role."""
    cluster.primary_port, cluster.replica_port = _free_port(), _free_port()
    cluster.passwords = {role: secrets.token_urlsafe(16) for role in ("postgres", "anjian", "replicator", "anjian_ro")}
    pwfile = cluster.base / "pwfile"
    pwfile.write_text(cluster.passwords["postgres"] + "\n")
    os.chown(pwfile, cluster.base.stat().st_uid, cluster.base.stat().st_gid)  # initdb reads it as postgres
    cluster.run(str(cluster.bin / "initdb"), "-D", str(cluster.primary), "-U", "postgres", "--pwfile", str(pwfile),
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8")
    with (cluster.primary / "postgresql.conf").open("a") as conf:
        conf.write(f"listen_addresses = '127.0.0.1'\nport = {cluster.primary_port}\n"
                   f"unix_socket_directories = '{cluster.base}'\n"
                   "wal_level = replica\nmax_wal_senders = 10\nhot_standby = on\n"
                   "hot_standby_feedback = on\nmax_standby_streaming_delay = 30s\n"
                   "fsync = off\n")  # a throw-away cluster: no need to wait for the disk
    (cluster.primary / "pg_hba.conf").write_text(
        "local   all          postgres                 trust\n"
        "host    replication  replicator  127.0.0.1/32 scram-sha-256\n"
        "host    anjian       anjian      127.0.0.1/32 scram-sha-256\n"
        "host    anjian       anjian_ro   127.0.0.1/32 scram-sha-256\n")
    cluster.ctl(cluster.primary, "-l", str(cluster.base / "primary.log"), "start")
    pw = cluster.passwords
    cluster.sql(cluster.primary_port, f"CREATE ROLE anjian LOGIN PASSWORD '{pw['anjian']}'")
    cluster.sql(cluster.primary_port, "CREATE DATABASE anjian OWNER anjian")
    cluster.sql(cluster.primary_port, f"CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '{pw['replicator']}'")


def _grant_reader(cluster: Cluster) -> None:
    """The read-only user the hosts read the replica as, created on the primary after `anjian migrate`."""
    for statement in (f"CREATE ROLE anjian_ro LOGIN PASSWORD '{cluster.passwords['anjian_ro']}'",
                      "GRANT CONNECT ON DATABASE anjian TO anjian_ro",
                      "GRANT USAGE ON SCHEMA public TO anjian_ro",
                      "GRANT SELECT ON ALL TABLES IN SCHEMA public TO anjian_ro",
                      "ALTER DEFAULT PRIVILEGES FOR ROLE anjian IN SCHEMA public GRANT SELECT ON TABLES TO anjian_ro"):
        cluster.sql(cluster.primary_port, statement, database="anjian")


def _start_replica(cluster: Cluster) -> None:
    env = {**os.environ, "PGPASSWORD": cluster.passwords["replicator"]}
    cluster.run(str(cluster.bin / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(cluster.primary_port),
                "-U", "replicator", "-D", str(cluster.replica), "-R", "-X", "stream", "-c", "fast", env=env)
    cluster.ctl(cluster.replica, "-l", str(cluster.base / "replica.log"),
                "-o", f"-c port={cluster.replica_port} -c log_connections=on", "start")


def _key_files(keys: Path) -> dict[str, str]:
    """docs/deploy.md step 3: one secret key, one tip-off identity key and one audit key, the same file on every host."""
    keys.mkdir(mode=0o700)
    contents = {"secret_key": secrets.token_urlsafe(50).encode(), "tipoff_key": Fernet.generate_key(),
                "audit_key": secrets.token_urlsafe(48).encode()}
    for name, content in contents.items():
        fd = os.open(keys / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(content + b"\n")
    return {"ANJIAN_SECRET_KEY_FILE": str(keys / "secret_key"), "ANJIAN_TIPOFF_KEY_FILE": str(keys / "tipoff_key"),
            "ANJIAN_AUDIT_KEY_FILE": str(keys / "audit_key")}


def _start_s3(processes: Processes, base: Path, env: dict[str, str]) -> tuple[str, Any]:
    import boto3

    port = _free_port()
    log = base / "s3.log"
    server = processes.start([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], env, log)
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="anjian", aws_secret_access_key="anjian-secret")

    def up() -> bool:
        assert server.poll() is None
        client.list_buckets()
        return True

    _wait("the S3 server", up, 60, lambda: _tail(log))
    client.create_bucket(Bucket=BUCKET)
    return endpoint, client


def _anjian(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "anjian.cli", *args], env=env, capture_output=True,  # noqa: S603
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, f"anjian {' '.join(args)}: {done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def topology() -> Iterator[Topology]:
    pg_bin, as_postgres = _prerequisites()
    _phase("start")
    base = Path(tempfile.mkdtemp(prefix="anjian-topology-"))
    if as_postgres:  # the clusters' folders (and their socket folder) belong to the postgres user
        import pwd

        postgres = pwd.getpwnam("postgres")
        os.chown(base, postgres.pw_uid, postgres.pw_gid)
    base.chmod(0o755)
    cluster = Cluster(bin=pg_bin, base=base, as_postgres=as_postgres)
    processes = Processes()
    try:
        _build_cluster(cluster)
        common = _environment(base)
        _phase('clusters: primary up')
        endpoint, s3 = _start_s3(processes, base, common)
        shared = {
            "ANJIAN_DATABASE_URL": cluster.url("anjian", cluster.primary_port),
            "ANJIAN_REPLICA_DATABASE_URL": cluster.url("anjian_ro", cluster.replica_port),
            "ANJIAN_S3_BUCKET": BUCKET, "ANJIAN_S3_ENDPOINT_URL": endpoint, "ANJIAN_S3_REGION": "us-east-1",
            "ANJIAN_S3_ACCESS_KEY": "anjian", "ANJIAN_S3_SECRET_KEY": "anjian-secret",
            "ANJIAN_QUEUE": "orm", **_key_files(base / "keys"), **LEASE,
        }

        def env(folder: str, **extra: str) -> dict[str, str]:
            return common | shared | {"ANJIAN_DATA_DIR": str(base / folder)} | extra

        _anjian(env("deploy"), "migrate")  # once, from one place, before any host starts
        _phase('migrated')
        _grant_reader(cluster)
        _start_replica(cluster)
        _phase('replica up')
        ids = {k: int(v) for k, v in json.loads(subprocess.run(  # noqa: S603 - the fixture world, on the primary
            [sys.executable, "-c", "import django, os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
             "'anjian.settings')\ndjango.setup()\n" + SEED], env=env("deploy"), capture_output=True, text=True,
            timeout=180, check=True).stdout.strip().splitlines()[-1]).items()}

        _phase('seeded')
        ports = [_free_port(), _free_port()]
        host_dirs = [base / "host-a", base / "host-b"]
        host_logs = [base / "host-a.log", base / "host-b.log"]
        for port, folder, log in zip(ports, host_dirs, host_logs, strict=True):
            processes.start([sys.executable, "-m", "anjian.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env(folder.name, ANJIAN_WORKERS="1"), log)
        worker_logs = [base / "worker-1.log", base / "worker-2.log"]
        worker_env = env("worker-1", ANJIAN_QUEUE_WORKERS="1")
        workers = [processes.start([sys.executable, "-m", "anjian.cli", "worker"],
                                   env(log.stem, ANJIAN_QUEUE_WORKERS="1"), log) for log in worker_logs]
        hosts = [f"http://127.0.0.1:{port}" for port in ports]
        topology = Topology(base=base, cluster=cluster, processes=processes, hosts=hosts, host_logs=host_logs,
                            host_dirs=host_dirs, workers=workers, worker_logs=worker_logs, worker_env=worker_env,
                            s3=s3, ids=ids)
        import requests

        for host in hosts:
            _wait(f"{host}/health", lambda h=host: requests.get(f"{h}/health", timeout=5).status_code == 200,
                  180, topology.logs)
        _wait("both workers running", lambda: all(_running(log) for log in worker_logs), 120, topology.logs)
        _phase('hosts and workers up')
        yield topology
    finally:
        processes.stop_all()
        for data in (cluster.replica, cluster.primary):
            if (data / "postmaster.pid").exists():
                with contextlib.suppress(AssertionError, subprocess.TimeoutExpired):
                    cluster.ctl(data, "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


def _running(log: Path) -> bool:
    text = log.read_text(errors="replace")
    return "[anjian] running" in text or "[anjian] 正在运行" in text  # django-q speaks the site's language


def _signed_in(host: str, username: str) -> Any:
    """A browser session signed in on `host` through the sign-in form (the cookie then works on every host)."""
    import requests

    session = requests.Session()
    page = session.get(f"{host}/login/", timeout=30)
    assert page.status_code == 200
    answer = _post(session, f"{host}/login/", {"username": username, "password": PASSWORD})
    assert answer.status_code == 302, answer.text[-2000:]
    return session


def _post(session: Any, url: str, data: dict[str, Any], files: dict[str, Any] | None = None) -> Any:
    token = session.cookies.get("csrftoken")
    return session.post(url, data={**data, "csrfmiddlewaretoken": token}, files=files, allow_redirects=False,
                        headers={"X-CSRFToken": token, "Referer": url}, timeout=60)


def test_the_replica_streams_and_the_reader_may_read_it(topology: Topology) -> None:
    cluster = topology.cluster
    assert cluster.sql(cluster.replica_port, "SELECT pg_is_in_recovery()") == [(True,)]
    assert cluster.sql(cluster.primary_port, "SELECT state FROM pg_stat_replication") == [("streaming",)]
    import psycopg

    def seeded() -> bool:
        with psycopg.connect(cluster.url("anjian_ro", cluster.replica_port)) as conn:
            return conn.execute("SELECT count(*) FROM accounts_user WHERE username = 'handler'").fetchone() == (1,)

    _wait("the seeded users on the replica, read as anjian_ro", seeded, 60)


def test_evidence_uploaded_on_host_a_downloads_on_host_b(topology: Topology) -> None:
    a, b = topology.hosts
    picture = png()
    officer = _signed_in(a, "officer")
    task = topology.ids["task"]
    uploaded = _post(officer, f"{a}/items/task/{task}/evidence/", {}, files={"attachments": ("现场.png", picture, "image/png")})
    assert uploaded.status_code == 302, uploaded.text[-2000:]
    page = officer.get(f"{b}/tasks/{task}/", timeout=30)  # the same session, on the other host
    assert page.status_code == 200
    evidence = re.findall(r'/evidence/(\d+)/', page.text)
    assert evidence, page.text[-2000:]
    served = officer.get(f"{b}/evidence/{evidence[0]}/", timeout=30)
    assert served.status_code == 200 and served.content == picture
    stored = topology.python(f"from anjian.ledger.models import Evidence\n"
                             f"print(Evidence.objects.get(pk={evidence[0]}).file.name)").strip()
    assert f"media/{stored}" in topology.bucket_keys()  # in the bucket, under ANJIAN_S3_PREFIX
    assert not [p for d in topology.host_dirs for p in (d / "media").rglob("*") if p.is_file()]  # on no host's disk
    outsider = _signed_in(b, "outsider")
    assert outsider.get(f"{b}/evidence/{evidence[0]}/", timeout=30).status_code == 404


def test_a_document_uploaded_on_host_a_is_confirmed_on_host_b(topology: Topology) -> None:
    a, b = topology.hosts
    clerk = _signed_in(a, "clerk")
    preview = _post(clerk, f"{a}/import/", {"region": "410202"},
                    files={"file": ("方案.txt", PLAN.encode("utf-8"), "text/plain")})
    assert preview.status_code == 200, preview.text[-2000:]
    token = re.search(r'action="/import/([0-9a-f]+)/confirm/"', preview.text)
    assert token, preview.text[-3000:]
    assert any(k.startswith(f"media/import-staging/{token.group(1)}-") for k in topology.bucket_keys())
    confirmed = _post(clerk, f"{b}/import/{token.group(1)}/confirm/", confirm_form(topology.ids["emergency"]))
    assert confirmed.status_code == 302, confirmed.text[-3000:]
    run = clerk.get(f"{a}{confirmed.headers['Location']}", timeout=30)
    assert run.status_code == 200 and "加油站卸油作业未执行双人监护" in run.text
    assert not any(k.startswith("media/import-staging/") for k in topology.bucket_keys())  # the staged copy is gone


def test_a_tipoff_sealed_on_host_a_is_revealed_on_host_b(topology: Topology) -> None:
    import requests

    a, b = topology.hosts
    public = requests.Session()
    page = public.get(f"{a}/tipoff/", timeout=30)
    challenge = re.search(r'name="challenge" value="([^"]+)"', page.text)
    question = re.search(r'class="question">(\d+) ([+−]) (\d+) = \?<', page.text)
    assert challenge and question, page.text[-3000:]
    x, op, y = int(question.group(1)), question.group(2), int(question.group(3))
    filed = _post(public, f"{a}/tipoff/", {
        "region": str(topology.ids["county"]), "category": "gas", "place": "北书店乡集市东口",
        "description": "夜间违规充装", "real_name": "on", "name": REPORTER_NAME, "phone": REPORTER_PHONE,
        "challenge": challenge.group(1), "answer": str(x + y if op == "+" else x - y)},
        files={"photos": ("现场.png", png(), "image/png")})
    assert filed.status_code == 302, filed.text[-3000:]

    handler = _signed_in(b, "handler")
    queue = handler.get(f"{b}/tipoff/queue/", timeout=30)
    pk = re.search(r"/tipoff/queue/(\d+)/", queue.text)
    assert pk, queue.text[-3000:]
    detail = handler.get(f"{b}/tipoff/queue/{pk.group(1)}/", timeout=30)
    assert REPORTER_NAME not in detail.text
    revealed = _post(handler, f"{b}/tipoff/queue/{pk.group(1)}/reveal/", {})
    assert revealed.status_code == 200 and REPORTER_NAME in revealed.text and REPORTER_PHONE in revealed.text
    photo = re.search(rf"/tipoff/queue/{pk.group(1)}/photo/(\d+)/", detail.text)
    assert photo, detail.text[-3000:]
    served = handler.get(f"{b}{photo.group(0)}", timeout=30)
    assert served.status_code == 200 and served.content.startswith(b"\x89PNG")


def _stray(topology: Topology, name: str, *args: str, **settings: str) -> str:
    """A host or worker started with the shared environment but some settings changed; what it said on exit."""
    env = {k: v for k, v in topology.worker_env.items() if k not in settings} | {
        k: v for k, v in settings.items() if v} | {"ANJIAN_DATA_DIR": str(topology.base / name)}
    log = topology.base / f"{name}.log"
    proc = topology.processes.start([sys.executable, "-m", "anjian.cli", *args], env, log)
    try:
        proc.wait(timeout=90)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{name} did not refuse to start\n{_tail(log)}") from None
    assert proc.returncode != 0, _tail(log)
    return log.read_text(errors="replace")


def test_a_host_or_worker_with_other_keys_refuses_to_start(topology: Topology) -> None:
    # a web host without the shared secret key file (it generates a key of its own into its data folder)
    said = _stray(topology, "stray-host", "serve", "--port", str(_free_port()), ANJIAN_SECRET_KEY_FILE="")
    assert "ANJIAN_SECRET_KEY / ANJIAN_SECRET_KEY_FILE" in said
    # a worker with the secret key but another tip-off identity key (the database recorded the first one)
    other = topology.base / "other_tipoff_key"
    other.write_bytes(Fernet.generate_key())
    said = _stray(topology, "stray-worker", "worker", ANJIAN_TIPOFF_KEY_FILE=str(other))
    assert "ANJIAN_TIPOFF_KEY / ANJIAN_TIPOFF_KEY_FILE" in said


def test_dashboards_and_exports_answer_with_the_replica_stopped(topology: Topology) -> None:
    cluster = topology.cluster
    a, b = topology.hosts
    leader, clerk = _signed_in(a, "leader"), _signed_in(b, "clerk")
    # with the replica up, the dashboard reads it (as the read-only user)
    assert leader.get(f"{a}/stats/", timeout=60).status_code == 200
    replica_log = (cluster.base / "replica.log").read_text(errors="replace")
    assert "user=anjian_ro database=anjian" in replica_log, replica_log[-2000:]

    cluster.ctl(cluster.replica, "-m", "fast", "stop")
    started = time.monotonic()
    for session, host in ((leader, a), (leader, b), (clerk, b), (clerk, a)):
        assert session.get(f"{host}/stats/", timeout=60).status_code == 200, topology.logs()
    export = clerk.get(f"{b}/tasks/?export=xlsx", timeout=60)
    assert export.status_code == 200 and export.content.startswith(b"PK"), topology.logs()
    assert time.monotonic() - started < 30, "no hanging on the stopped replica"
    assert any("reading the primary" in log.read_text(errors="replace") for log in topology.host_logs)


def _runs(record: Path) -> list[tuple[str, int]]:
    if not record.exists():
        return []
    words = record.read_text().split()
    return [(words[i], int(words[i + 1])) for i in range(0, len(words) - 1, 2)]


def test_a_worker_killed_mid_task_leaves_the_task_to_run_once_more(topology: Topology) -> None:
    record = topology.base / "runs.txt"
    topology.python(f"from django_q.tasks import async_task\nasync_task({CRASH_TASK!r}, {str(record)!r}, {TASK_SECONDS})")
    _wait("the task starts on a worker", lambda: _runs(record) == [("start", _runs(record)[0][1])], 60, topology.logs)
    first_pid = _runs(record)[0][1]
    groups = {w.pid: w for w in topology.workers}
    taken = groups[os.getpgid(first_pid)]  # the worker whose process group runs the task
    survivor = next(w for w in topology.workers if w is not taken)
    os.killpg(taken.pid, signal.SIGKILL)
    taken.wait(timeout=30)
    assert [kind for kind, _ in _runs(record)] == ["start"], "killed before it could finish"

    _wait("the task runs again to completion", lambda: ("done", _runs(record)[-1][1]) in _runs(record), 90,
          topology.logs)
    runs = _runs(record)
    assert [kind for kind, _ in runs] == ["start", "start", "done"], runs
    assert os.getpgid(runs[1][1]) == survivor.pid and runs[1][1] == runs[2][1]
    facts = ("from django_q.models import OrmQ, Success\n"
             f"print(Success.objects.filter(func={CRASH_TASK!r}).count(), OrmQ.objects.count())")
    _wait("the run acknowledged", lambda: topology.python(facts).split() == ["1", "0"], 30, topology.logs)
    time.sleep(int(LEASE["ANJIAN_QUEUE_RETRY"]) + 1)  # a lease later, nothing runs it a third time
    assert [kind for kind, _ in _runs(record)] == ["start", "start", "done"]
