"""API tokens from the server's command line (there is no admin page): `manage.py api_token issue <username>
<purpose>` / `revoke <prefix>` / `list` (active tokens: prefix, user, purpose, created, last used)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anjian.accounts.models import User
from anjian.api.models import ApiToken
from anjian.api.services import issue_token, revoke_token


class Command(BaseCommand):
    help = "Issue, revoke or list API tokens (the raw value is printed once, at issue)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("op", choices=["issue", "revoke", "list"])
        parser.add_argument("subject", nargs="?", default="", help="username (issue) or token prefix (revoke)")
        parser.add_argument("purpose", nargs="?", default="integration")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["op"] == "list":
            for token in ApiToken.objects.filter(revoked_at__isnull=True).select_related("user"):
                used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "-"
                self.stdout.write(f"{token.prefix}\t{token.user.username}\t{token.name}\t"
                                  f"{token.created_at:%Y-%m-%d %H:%M}\t{used}")
            return
        if not options["subject"]:
            raise CommandError("username (issue) or token prefix (revoke) is required")
        if options["op"] == "issue":
            user = User.objects.filter(username=options["subject"]).first()
            if user is None:
                raise CommandError("no such user")
            _, raw = issue_token(actor=None, user=user, name=options["purpose"])
            self.stdout.write(raw)
            return
        tokens = list(ApiToken.objects.filter(prefix=options["subject"], revoked_at__isnull=True))
        if len(tokens) != 1:
            raise CommandError("prefix matches no single active token")
        revoke_token(actor=None, token=tokens[0])
        self.stdout.write("revoked")
