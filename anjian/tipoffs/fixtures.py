"""Test actors of the tip-off loop, added to the shared World (STYLE: fixtures as code)."""

from __future__ import annotations

from anjian.accounts.choices import Role
from anjian.accounts.models import User
from anjian.accounts.services import grant_role
from anjian.fixtures import PASSWORD, World

# A reporter whose name and phone must appear nowhere but on the handler's reveal.
REPORTER_NAME = "欧阳秘举"
REPORTER_PHONE = "13912345678"


def add_handler(world: World) -> User:
    """The county's tip-off handler (举报受理人员)."""
    user = User.objects.create_user(username="handler", password=PASSWORD, display_name="陈受理")
    grant_role(actor=None, user=user, role=Role.TIPOFF_HANDLER, region=world.county)
    return user
