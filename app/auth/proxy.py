"""Single sign-on behind a reverse proxy (issue 10 item 4), as NetBox's remote authentication.

A proxy such as oauth2-proxy or Authelia signs people in and passes their name in a header. The
header is believed only when the TCP peer is one of ``remote_user_proxies``: anyone else could set
it themselves.
"""

from __future__ import annotations

import ipaddress

from app.config import Settings

MAX_NAME_LENGTH = 80


def peer_in(peer: str | None, networks: list[str]) -> bool:
    """True when ``peer`` (a connection's address) is in one of ``networks`` (addresses or CIDRs).

    The one check behind every "believe this header only from these proxies" setting; a malformed
    entry or peer never matches.
    """
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for entry in networks:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def trusted_proxy(settings: Settings, peer: str | None) -> bool:
    """True when ``peer`` is a configured proxy for the remote-user header."""
    return bool(settings.remote_user_header) and peer_in(peer, settings.remote_user_proxies)


def proxy_user_name(settings: Settings, peer: str | None, header_value: str | None) -> str | None:
    """The user name the proxy vouches for, or None (not configured, untrusted peer, no header)."""
    if not trusted_proxy(settings, peer) or header_value is None:
        return None
    name = header_value.strip()
    if not name or len(name) > MAX_NAME_LENGTH or not name.isprintable():
        return None
    return name
