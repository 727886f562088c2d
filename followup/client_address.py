"""Which address a request came from, for rate limits: the socket's peer or what trusted proxies report."""

import ipaddress


def client_address(*, remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str:
    """The client's address as seen by the outermost of `trusted_proxies` proxies in front of the app.

    Each proxy appends the address it was reached from to X-Forwarded-For, so with N trusted proxies the
    Nth entry from the right is the last one nobody outside could write. Anything further left is the
    client's own claim and is ignored. With no trusted proxies the header is not read at all: anyone can
    send it, and trusting it would let a client pick a fresh address for every attempt.
    """
    if trusted_proxies <= 0 or not forwarded_for.strip():
        return remote_addr
    entries = [entry.strip() for entry in forwarded_for.split(",")]
    # Fewer entries than proxies: the request skipped the outer ones, so the leftmost entry was still
    # written by a proxy we trust.
    candidate = entries[-trusted_proxies] if len(entries) >= trusted_proxies else entries[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
