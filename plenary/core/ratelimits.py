"""Login limits that an attacker cannot turn against an account's owner.

allauth counts attempts per client address (the "/ip" rates of ACCOUNT_RATE_LIMITS, with the
address from core.clients) and per key. plenary's per-key rates count an account *from one
address*, so wrong passwords or code requests sent from one place never refuse the owner who asks
from another. An attack from many addresses slows the account down instead of locking it: once
more than a few addresses tried it within an hour, every attempt waits after the last one, twice as
long for each further address, up to a cap, and the user is told for how many seconds."""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import ngettext

from plenary.core.clients import client_address


@dataclass(frozen=True)
class Backoff:
    free_sources: int
    first_delay: int
    longest_delay: int
    window: int = 3600

    def delay(self, sources: int) -> int:
        """Seconds to wait after the last attempt, once `sources` addresses tried in the window."""
        if sources <= self.free_sources:
            return 0
        return min(self.longest_delay, self.first_delay * 2 ** (sources - self.free_sources - 1))


# Wrong passwords count; for codes and password resets every request counts (each sends an e-mail).
# The delay grows with the number of addresses that tried the account, each already held to its
# "key" rate, so that one address, or a few, never slow the owner down.
BACKOFFS = {
    "login_failed": Backoff(free_sources=3, first_delay=5, longest_delay=300),
    "request_login_code": Backoff(free_sources=3, first_delay=30, longest_delay=600),
    "reset_password": Backoff(free_sources=3, first_delay=60, longest_delay=900),
}


def source(request: HttpRequest) -> str:
    """The client's address; IPv6 by /64 network, which one subscriber can fill with addresses."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return address


def account_from_address(account: str, request: HttpRequest) -> str:
    """The key of an account's per-address rate limit."""
    return f"{account.strip().lower()} from {source(request)}"


def limit_account_request(request: HttpRequest, action: str, email: str) -> None:
    """A code or password-reset e-mail asked for `email`: refused while the account backs off, or
    when this address asked too often for it (`<action>_per_account` in ACCOUNT_RATE_LIMITS)."""
    refuse_while_backing_off(action, email)
    if not ratelimit.consume(
        request, action=f"{action}_per_account", key=account_from_address(email, request)
    ):
        raise get_adapter().validation_error("too_many_login_attempts")
    record_attempt(request, action, email)


def refuse_while_backing_off(action: str, account: str) -> None:
    seconds = seconds_to_wait(action, account)
    if seconds:
        raise ValidationError(
            ngettext(
                "Too many attempts for this account. Try again in %(seconds)d second.",
                "Too many attempts for this account. Try again in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds},
            code="backing_off",
        )


def seconds_to_wait(action: str, account: str) -> int:
    delay = BACKOFFS[action].delay(cache.get(sources_key(action, account), 0))
    if not delay:
        return 0
    last_attempt = cache.get(last_attempt_key(action, account), 0)
    return max(0, math.ceil(last_attempt + delay - now()))


def record_attempt(request: HttpRequest, action: str, account: str) -> None:
    window = BACKOFFS[action].window
    if cache.add(f"{account_key(action, account)}:{source(request)}", True, window):
        count_new_source(sources_key(action, account), window)
    cache.set(last_attempt_key(action, account), now(), window)


def count_new_source(key: str, window: int) -> None:
    cache.add(key, 0, window)
    try:
        cache.incr(key)
    except ValueError:
        # The window ended between add and incr: this source opens a new one.
        cache.set(key, 1, window)


def now() -> float:
    return time.time()


def sources_key(action: str, account: str) -> str:
    return f"{account_key(action, account)}:sources"


def last_attempt_key(action: str, account: str) -> str:
    return f"{account_key(action, account)}:last"


def account_key(action: str, account: str) -> str:
    account_hash = hashlib.sha256(account.strip().lower().encode()).hexdigest()
    return f"plenary:backoff:{action}:{account_hash}"
