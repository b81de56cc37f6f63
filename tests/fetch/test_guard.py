"""The guard itself: a fetch test that tries to leave 127.0.0.1 fails."""

from __future__ import annotations

import socket

import pytest

from tui.fetch.http import Client, FetchError


def test_connect_to_another_address_fails_the_test() -> None:
    with socket.socket() as s, pytest.raises(AssertionError, match="tried to reach"):
        s.connect(("192.0.2.1", 80))  # TEST-NET-1: would go nowhere anyway


def test_name_lookups_fail_the_test() -> None:
    with pytest.raises((AssertionError, FetchError)):
        # urllib resolves first; the guard answers before any packet leaves.
        Client(timeout=0.5).get("http://example.com/")
    with pytest.raises(AssertionError, match="look up"):
        socket.getaddrinfo("example.com", 80)


def test_loopback_is_allowed(site) -> None:
    assert Client().get(site.page("/ok.html", 1)).status == 200
