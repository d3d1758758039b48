"""The client's address behind trusted proxies: the right-most address no trusted proxy wrote, never the left-most."""

import pytest

from accord.lib.clientaddress import client_address, trusted_proxies_parse


def test_without_a_trusted_proxy_the_header_is_ignored():
    assert client_address("203.0.113.9", "198.51.100.1", trusted_proxies_parse("")) == "203.0.113.9"


def test_one_proxy_by_count_gives_the_address_it_appended():
    trusted = trusted_proxies_parse("1")
    # The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    assert client_address("10.0.0.2", "1.2.3.4, 198.51.100.7", trusted) == "198.51.100.7"
    assert client_address("10.0.0.2", "198.51.100.7", trusted) == "198.51.100.7"


def test_two_proxies_by_count():
    trusted = trusted_proxies_parse("2")
    assert client_address("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.1", trusted) == "198.51.100.7"


def test_a_request_that_bypassed_the_proxy_is_its_connecting_address():
    assert client_address("198.51.100.7", "", trusted_proxies_parse("1")) == "198.51.100.7"


def test_proxies_by_address_skip_every_trusted_hop_from_the_right():
    trusted = trusted_proxies_parse("10.0.0.0/8, 192.0.2.10")
    assert client_address("10.0.0.2", "6.6.6.6, 198.51.100.7, 192.0.2.10, 10.1.2.3", trusted) == "198.51.100.7"


def test_proxies_by_address_ignore_the_header_from_an_untrusted_peer():
    trusted = trusted_proxies_parse("10.0.0.0/8")
    assert client_address("198.51.100.7", "6.6.6.6", trusted) == "198.51.100.7"


def test_a_forged_entry_that_is_not_an_address_stops_the_walk_at_the_last_trusted_hop():
    trusted = trusted_proxies_parse("10.0.0.0/8")
    assert client_address("10.0.0.2", "<script>, 10.0.0.5", trusted) == "10.0.0.5"
    assert client_address("10.0.0.2", "not-an-ip", trusted_proxies_parse("1")) == "10.0.0.2"


def test_ipv6_and_ports_are_understood():
    trusted = trusted_proxies_parse("::1, 10.0.0.0/8")
    assert client_address("::1", "2001:db8::5", trusted) == "2001:db8::5"
    assert client_address("10.0.0.2", "[2001:db8::5]:4711", trusted) == "2001:db8::5"
    assert client_address("10.0.0.2", "198.51.100.7:4711", trusted) == "198.51.100.7"


@pytest.mark.parametrize("value", ["-1", "ten", "10.0.0.0/33", "1, 10.0.0.1"])
def test_a_setting_that_is_neither_a_count_nor_addresses_is_refused(value):
    with pytest.raises(ValueError):
        trusted_proxies_parse(value)
