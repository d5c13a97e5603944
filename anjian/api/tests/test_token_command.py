"""API tokens are kept from the command line now that the Django admin (which listed them) is gone."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from anjian.fixtures import World


def _run(*args: str) -> str:
    out = StringIO()
    call_command("api_token", *args, stdout=out)
    return out.getvalue()


def test_issue_list_and_revoke(world: World) -> None:
    raw = _run("issue", "clerk", "台账同步").strip()
    prefix = raw[:10]
    listed = _run("list")
    assert f"{prefix}\tclerk\t台账同步\t" in listed and raw not in listed  # the value itself is never shown again
    assert _run("revoke", prefix).strip() == "revoked"
    assert prefix not in _run("list")
