"""The `anjian` command: one front door to every job, all reading the same settings.

`--data DIR` and `ANJIAN_DATA_DIR=DIR` mean the same thing. Commands that need the database set
Django up first; `extract` does not, so it starts fast and works without a database.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from anjian.errors import DomainError

Handler = Callable[[argparse.Namespace], int]


# Apps that add their own subcommands: each module has `add_parser(subparsers)` and imports
# Django models only inside its handlers (call `setup_django()` first).
EXTENSIONS = ["anjian.ingest.hazard_table_cli", "anjian.scoring.cli", "anjian.publish.cli", "anjian.bench.cli"]


def setup_django() -> None:
    """Configure Django from the environment (after --data has been applied)."""
    _setup_django()


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    import django

    django.setup()


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD: {text}") from exc


def cmd_extract(args: argparse.Namespace) -> int:
    from anjian.ingest.cli import run_extract

    return run_extract(args.file, args.json)


def cmd_migrate(args: argparse.Namespace) -> int:
    _setup_django()
    _migrate(verbosity=1)
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    _setup_django()
    from anjian.escalation.services import scan_deadlines

    result = scan_deadlines(args.as_of)
    levels = "，".join(f"{k} {v}" for k, v in sorted(result.levels.items())) or "无"
    print(f"到期提醒 {result.reminded} 项；升级督办 {result.escalated} 项（{levels}）；"
          f"投递消息 {result.delivered} 条，通知 {result.notifications} 人次")
    print(f"reminded {result.reminded}, escalated {result.escalated}, delivered {result.delivered}, "
          f"notifications {result.notifications}")
    from anjian.tipoffs.services import scan_deadlines as scan_tipoffs

    print(f"举报办理期限提醒 {scan_tipoffs(args.as_of)} 件 / tip-off deadline reminders")
    return 0


# `anjian worker` cannot run as configured (a missing optional package): restarting will not help, so the
# systemd unit in docs/deploy.md, "The queue" lists it in RestartPreventExitStatus (78 is EX_CONFIG of sysexits.h).
EXIT_CONFIG = 78


def cmd_worker(args: argparse.Namespace) -> int:
    _setup_django()
    from anjian import queue

    missing = queue.missing_broker_package()
    if missing:
        print(f"错误 / error: {missing}", file=sys.stderr)
        return EXIT_CONFIG
    if args.check:
        ran, where = queue.check(args.timeout)
        print(f"后台任务正常，由 {where} 执行 / a worker ran the probe: {where}" if ran else where,
              file=sys.stdout if ran else sys.stderr)
        return 0 if ran else 1
    from anjian.security.secretkey import refuse_a_foreign_secret_key
    from anjian.tipoffs.sealing import refuse_a_foreign_key

    refuse_a_foreign_secret_key()  # a worker with another secret key or tip-off key than the database's does not start
    refuse_a_foreign_key()
    created = queue.ensure_schedules()
    jobs = "；".join(job.help for job in queue.SCHEDULES)
    print(f"后台任务进程启动（定时任务 {len(queue.SCHEDULES)} 项，新建 {created} 项：{jobs}）/ worker starting", flush=True)
    import logging

    from django.core.management import call_command

    logging.getLogger("django-q").setLevel(os.environ.get("ANJIAN_LOG_LEVEL", "INFO"))  # start, stop, failures
    call_command("qcluster")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    _setup_django()
    from anjian.audit.services import read_exported_heads, verify

    if args.audit_command == "verify":
        against = None
        if args.against:
            try:
                against = read_exported_heads(Path(args.against))
            except (OSError, ValueError) as exc:
                print(f"错误 / error: {exc}", file=sys.stderr)
                return 2
        result = verify(against=against)
        if result.ok:
            if against is not None:
                print(f"导出的 {len(against)} 个链头均在链中 / all {len(against)} exported heads are in the chain")
            print(f"审计链完整：共 {result.checked} 条，链头 {result.head_hash[:16]}… / audit chain OK")
            return 0
        print(f"审计链断裂：{result.reason}（已核对 {result.checked} 条）/ audit chain BROKEN at #{result.broken_seq}",
              file=sys.stderr)
        return 1
    if args.audit_command == "head":
        result = verify()
        print(f"{result.checked} {result.head_hash}")
        return 0 if result.ok else 1
    return 2


def cmd_createuser(args: argparse.Namespace) -> int:
    _setup_django()
    from anjian.accounts.services import create_user_with_role

    user = create_user_with_role(
        username=args.username, password=args.password, role=args.role, region_code=args.region,
        department_name=args.department, display_name=args.name or args.username, superuser=args.superuser,
    )
    print(f"已创建用户 {user.username} / created user {user.username}")
    return 0


def _passphrase(args: argparse.Namespace) -> str | None:
    """The backup passphrase: --passphrase-file (its first line), else ANJIAN_BACKUP_PASSPHRASE, else none."""
    if args.passphrase_file:
        from anjian.backup import BackupError

        try:
            with open(args.passphrase_file, encoding="utf-8") as fh:
                return fh.readline().rstrip("\r\n")
        except OSError as exc:
            raise BackupError(f"无法读取口令文件 {args.passphrase_file} / cannot read the passphrase file: {exc}") from exc
    return os.environ.get("ANJIAN_BACKUP_PASSPHRASE") or None


def cmd_backup(args: argparse.Namespace) -> int:
    _setup_django()
    from anjian.backup import create_backup

    manifest = create_backup(args.file, passphrase=_passphrase(args))
    print(f"备份完成：{args.file}（{sum(manifest['rows'].values())} 行，{len(manifest['files'])} 个文件）/ backup written")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    _setup_django()
    from anjian.backup import restore_backup

    report = restore_backup(args.file, force=args.force, passphrase=_passphrase(args))
    print(f"恢复完成并校验通过：{report} / restored and verified")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    _setup_django()
    from anjian.ingest.importer_cli import run_import

    return run_import(args.file, region_code=args.region, username=args.user, dry_run=args.dry_run)


def cmd_demo(args: argparse.Namespace) -> int:
    _setup_django()
    _migrate()
    from anjian.demo.build import build_demo

    credentials = build_demo(progress=not args.quiet)
    print("演示账号 / demo accounts (password for all: " + credentials.password + ")")
    for username, label in credentials.users:
        print(f"  {username:<14} {label}")
    if args.no_serve:
        return 0
    return _serve(args.port, args.host)


def gunicorn_command(host: str, port: int) -> list[str]:
    """The web server `anjian serve` runs: its access log masks the client on tip-off routes (accesslog.py)."""
    return [sys.executable, "-m", "gunicorn", "anjian.wsgi:application", "--bind", f"{host}:{port}",
            "--workers", os.environ.get("ANJIAN_WORKERS", "2"), "--threads", "4", "--access-logfile", "-",
            "--logger-class", "anjian.accesslog.GunicornLogger"]


def _serve(port: int, host: str) -> int:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    url = f"http://{host}:{port}/"
    print(f"anjian 已启动：{url}  （Ctrl+C 停止）/ serving on {url}", flush=True)
    cmd = gunicorn_command(host, port)
    from django.db import connections

    connections.close_all()  # the database sessions of this process end here, not when gunicorn exits
    # gunicorn replaces this process: a supervisor's SIGTERM reaches it, and no server is left orphaned.
    os.execv(cmd[0], cmd)
    return 1  # not reached


def unapplied_migrations() -> list[str]:
    """Migrations the database still lacks ("app.name"), read without applying any."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def cmd_serve(args: argparse.Namespace) -> int:
    _setup_django()
    # Several hosts start at once; only the operator's `anjian migrate` step changes the schema.
    missing = unapplied_migrations()
    if missing:
        print(f"数据库未升级（缺 {len(missing)} 个迁移，如 {missing[0]}）：请先运行 `anjian migrate` / "
              f"the database lacks {len(missing)} migrations: run `anjian migrate` first", file=sys.stderr)
        return 1
    from anjian.security.secretkey import refuse_a_foreign_secret_key

    refuse_a_foreign_secret_key()  # said here, before gunicorn, rather than as "Worker failed to boot"
    return _serve(args.port, args.host)


HOST_HELP = ("监听地址（默认 127.0.0.1 仅本机；0.0.0.0 供负载均衡器访问）/ address to bind "
             "(default 127.0.0.1, this machine only; 0.0.0.0 for a load balancer)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand (also used to print help)."""
    parser = argparse.ArgumentParser(prog="anjian", description="安监：安全生产监管台账 / work-safety governance ledger")
    parser.add_argument("--data", metavar="DIR", help="数据目录（同 ANJIAN_DATA_DIR）/ data folder")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="从文件中提取台账事项 / extract ledger items from a document")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser("import", help="导入整改方案/任务表 / import a document into the ledger")
    p.add_argument("file")
    p.add_argument("--region", help="区划代码（默认顶级区域）/ region code")
    p.add_argument("--user", help="以该用户身份导入 / import as this user")
    p.add_argument("--dry-run", action="store_true", help="只预览不写入 / preview only")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("demo", help="创建演示县并启动服务 / build a demo county and serve it")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1", help=HOST_HELP)
    p.add_argument("--no-serve", action="store_true", help="只建数据不启动 / build only")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("serve", help="启动网页服务（不迁移数据库，先运行 anjian migrate）/ serve the web app "
                       "(never migrates: run anjian migrate first)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--host", default="127.0.0.1", help=HOST_HELP)
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("migrate", help="创建/升级数据库 / create or upgrade the database")
    p.set_defaults(handler=cmd_migrate)

    p = sub.add_parser("scan-deadlines", help="扫描时限并升级督办 / watch deadlines and escalate")
    p.add_argument("--as-of", type=_parse_day, help="按该日期扫描 YYYY-MM-DD / scan as of this day")
    p.set_defaults(handler=cmd_scan)

    p = sub.add_parser("worker", help="后台任务进程（可多台主机同时运行）/ background worker, on one host or several")
    p.add_argument("--check", action="store_true", help="投递测试任务并等待执行 / enqueue a probe and wait for a worker")
    p.add_argument("--timeout", type=float, default=30.0, help="--check 等待秒数 / seconds --check waits")
    p.set_defaults(handler=cmd_worker)

    p = sub.add_parser("audit", help="审计日志 / audit log")
    audit_sub = p.add_subparsers(dest="audit_command", required=True)
    p_verify = audit_sub.add_parser("verify", help="校验哈希链 / verify the hash chain")
    p_verify.add_argument("--against", metavar="FILE",
                          help="核对异地保存的链头导出文件（audit_export_head）/ check heads exported off the machine")
    audit_sub.add_parser("head", help="导出链头 / print the chain head")
    p.set_defaults(handler=cmd_audit)

    # The server operator's bootstrap path: it runs with no actor and may create any role (the first
    # security administrator, say); the web forms and services apply 三权分立 to everyone else.
    p = sub.add_parser("createuser", help="创建用户并授权（服务器操作员，可创建任何角色）/ create a user with any role")
    p.add_argument("username")
    p.add_argument("--password", required=True)
    p.add_argument("--role", default="office", help="office/department/township/unit/leader/expert/tipoff_handler/"
                   "auditor/security_admin/admin")
    p.add_argument("--region", help="区划代码 / region code (default: top region)")
    p.add_argument("--department", help="部门名称（部门角色）/ department name")
    p.add_argument("--name", help="姓名 / display name")
    p.add_argument("--superuser", action="store_true",
                   help="仅设置 Django 标志，不授予任何权限 / Django's flag only: grants nothing")
    p.set_defaults(handler=cmd_createuser)

    passphrase_help = ("备份口令文件（首行为口令；也可用环境变量 ANJIAN_BACKUP_PASSPHRASE），用于加密保存举报人信息密钥"
                       " / file whose first line is the passphrase sealing the reporters' identity key")
    p = sub.add_parser("backup", help="在线备份 / online backup to FILE")
    p.add_argument("file")
    p.add_argument("--passphrase-file", metavar="F", help=passphrase_help)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复 / restore from FILE")
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help="覆盖非空实例 / overwrite a non-empty instance")
    p.add_argument("--passphrase-file", metavar="F", help=passphrase_help)
    p.set_defaults(handler=cmd_restore)

    for module_name in EXTENSIONS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:  # a broken extension must fail loudly, a missing one is skipped
                raise
            continue
        module.add_parser(sub)

    # `anjian demo --data DIR` means the same as `anjian --data DIR demo`.
    # … and so does `anjian audit verify --data DIR` (subcommands of subcommands too).
    commands = list(sub.choices.values())
    while commands:
        command = commands.pop()
        if not any("--data" in action.option_strings for action in command._actions):
            command.add_argument("--data", metavar="DIR", default=argparse.SUPPRESS,
                                 help="数据目录（同 ANJIAN_DATA_DIR）/ data folder")
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                commands.extend(action.choices.values())
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, apply --data, run the command; domain errors become one-line messages."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data:
        os.environ["ANJIAN_DATA_DIR"] = args.data
    try:
        handler: Handler = args.handler
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except DomainError as exc:  # every rule a service enforces: one clear line, no traceback
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
