"""Fetch tests talk to a server on 127.0.0.1 only; any other connect fails the test."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from tests.fetch._site import Site


def _loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
    else:
        return isinstance(address, (str, bytes))  # AF_UNIX paths are local
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fails any connect to a non-loopback address (and any name lookup but localhost)."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        if not _loopback(address):
            raise AssertionError(f"fetch test tried to reach {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not _loopback(address):
            raise AssertionError(f"fetch test tried to reach {address!r}")
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name not in (None, "localhost") and not _loopback((name, 0)):
            raise AssertionError(f"fetch test tried to look up {name!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    yield


@pytest.fixture
def site():
    s = Site().start()
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    """Qari's folders in the test's own temporary folder."""
    for name in ("DATA", "CONFIG", "CACHE"):
        path = tmp_path / name.lower()
        path.mkdir()
        monkeypatch.setenv(f"QARI_{name}_DIR", str(path))
    return tmp_path
