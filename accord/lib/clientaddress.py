"""The client's address of a request that came through reverse proxies (X-Forwarded-For), pure and testable.

Each proxy appends the address it received the request from to X-Forwarded-For, so the header reads
"what the client claimed, ..., client, proxy 1, ..." and only its right-hand end is trustworthy: the
left-most entry is whatever the client chose to send. The client is therefore the right-most address
that none of *our* proxies wrote. Trusted proxies are given either as a count (N proxies in front of
Accord) or as their addresses / networks.
"""

import ipaddress
from dataclasses import dataclass

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class TrustedProxies:
    count: int = 0
    networks: tuple[Network, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.count or self.networks)


def trusted_proxies_parse(value: str) -> TrustedProxies:
    """ "" (none), "2" (two proxies in front), or "10.0.0.0/8, 192.0.2.10" (their addresses); ValueError otherwise."""
    value = value.strip()
    if not value:
        return TrustedProxies()
    if value.isdigit():
        return TrustedProxies(count=int(value))
    networks = []
    for item in value.split(","):
        item = item.strip()
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"ACCORD_TRUSTED_PROXIES: {item!r} is neither a number of proxies nor an address or network"
            ) from None
    return TrustedProxies(networks=tuple(networks))


def _address(entry: str) -> str | None:
    """The address in one X-Forwarded-For entry ("198.51.100.7", "[2001:db8::5]:4711", "198.51.100.7:80")."""
    entry = entry.strip()
    if entry.startswith("[") and "]" in entry:
        entry = entry[1 : entry.index("]")]
    elif entry.count(":") == 1:
        entry = entry.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(entry))
    except ValueError:
        return None


def client_address(remote_addr: str, forwarded_for: str, trusted: TrustedProxies) -> str:
    """The address to count and record for a request that reached us from `remote_addr`."""
    if not trusted or not forwarded_for:
        return remote_addr
    hops = [remote_addr, *reversed(forwarded_for.split(","))]  # nearest first
    if trusted.count:
        # hops[0..count-1] are our proxies; the one after them is the client, if the entry is an address.
        nearest = remote_addr
        for hop in hops[1 : trusted.count + 1]:
            address = _address(hop)
            if address is None:
                return nearest
            nearest = address
        return nearest
    nearest = remote_addr
    for hop in hops:
        address = _address(hop)
        if address is None:
            return nearest  # a trusted proxy never writes this: the client did, stop at the last real hop
        if not any(ipaddress.ip_address(address) in network for network in trusted.networks):
            return address
        nearest = address
    return nearest  # every hop is ours (a request from inside): the farthest one
