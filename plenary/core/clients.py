"""Who is asking: the client's address, for rate limits and logs.

Behind a reverse proxy every request comes from the proxy, and the client is named in
X-Forwarded-For, which anyone can also write. Each proxy appends the address it saw, so the header
is read from the right, and only while the hop that wrote the entry is a proxy in TRUSTED_PROXIES:
the first address not in TRUSTED_PROXIES is the client. Without trusted proxies the header is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    for forwarded in reversed(forwarded_for(request)):
        if not is_trusted_proxy(address):
            break
        try:
            address = str(ipaddress.ip_address(forwarded))
        except ValueError:
            # A trusted proxy passed on something that is not an address: the proxy is the client.
            break
    return address


def forwarded_for(request: HttpRequest) -> list[str]:
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [entry.strip() for entry in header.split(",") if entry.strip()]


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in settings.TRUSTED_PROXIES)
