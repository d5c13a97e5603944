"""The client address behind reverse proxies: X-Forwarded-For only from ANJIAN_TRUSTED_PROXIES."""

from __future__ import annotations

from ipaddress import ip_network
from typing import Any

import pytest
from django.test import RequestFactory

from anjian.config import ConfigError, env_networks
from anjian.security.clientaddr import client_address


def _address(remote: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/tipoff/", REMOTE_ADDR=remote, **extra))


def test_by_default_the_header_is_ignored(settings: Any) -> None:
    settings.ANJIAN_TRUSTED_PROXIES = ()
    assert _address("198.51.100.1", "203.0.113.7") == "198.51.100.1"


@pytest.mark.parametrize(("remote", "forwarded", "client"), [
    # the balancer's own hop is the one to believe; what the client wrote to the left of it is not
    ("10.1.0.2", "203.0.113.7", "203.0.113.7"),
    ("10.1.0.2", "1.1.1.1, 203.0.113.7", "203.0.113.7"),
    # two trusted proxies in a row: the first untrusted hop from the right
    ("10.1.0.2", "203.0.113.7, 10.1.0.3", "203.0.113.7"),
    ("10.1.0.2", " 203.0.113.7:51234 , 10.1.0.3", "203.0.113.7"),
    ("10.1.0.2", "[2001:db8::7]:443", "2001:db8::7"),
    # garbage in front of the proxies: keep the last hop that could be trusted
    ("10.1.0.2", "not-an-address, 10.1.0.3", "10.1.0.3"),
    ("10.1.0.2", "", "10.1.0.2"),
    # not from a trusted proxy: the header is anyone's to write
    ("198.51.100.1", "203.0.113.7", "198.51.100.1"),
])
def test_behind_trusted_proxies(settings: Any, remote: str, forwarded: str, client: str) -> None:
    settings.ANJIAN_TRUSTED_PROXIES = (ip_network("10.1.0.0/24"),)
    assert _address(remote, forwarded) == client


def test_the_setting_reads_addresses_and_cidrs_and_refuses_garbage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANJIAN_TRUSTED_PROXIES", "10.1.0.2, 10.2.0.0/16,::1")
    assert env_networks("ANJIAN_TRUSTED_PROXIES") == (
        ip_network("10.1.0.2/32"), ip_network("10.2.0.0/16"), ip_network("::1/128"))
    monkeypatch.setenv("ANJIAN_TRUSTED_PROXIES", "10.1.0.2, load-balancer")
    with pytest.raises(ConfigError, match="load-balancer"):
        env_networks("ANJIAN_TRUSTED_PROXIES")
    monkeypatch.delenv("ANJIAN_TRUSTED_PROXIES")
    assert env_networks("ANJIAN_TRUSTED_PROXIES") == ()
