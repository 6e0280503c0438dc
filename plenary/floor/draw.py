"""The drawing of lots, reproducible by anyone from the published seed (docs/floor.md).

The seed is the SHA-256 commitment to the canonical list of requests, published before the draw,
joined by a colon to the value announced in the room. Random numbers are HMAC-SHA256 with the seed
as key over the decimal counter 0, 1, 2, …; the first 8 bytes of each, big-endian, make a 64-bit
number, and a number at or above the largest multiple of the range is discarded (no modulo bias).
The order is a Fisher–Yates shuffle of the list from its last position down.
"""

import hashlib
import hmac
import json

ALGORITHM = "hmac-sha256-fisher-yates-v1"
SPACE = 2**64


def canonical(rows: list[list]) -> bytes:
    """The bytes the commitment hashes: a compact JSON array, in UTF-8, in the order given."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def commitment(rows: list[list]) -> str:
    return hashlib.sha256(canonical(rows)).hexdigest()


def seed(commitment_hex: str, announced_value: str) -> str:
    return f"{commitment_hex}:{announced_value}"


class SeededNumbers:
    """Uniform integers drawn one after another from the seed."""

    def __init__(self, seed_text: str):
        self.key = seed_text.encode("utf-8")
        self.counter = 0

    def _next_64_bits(self) -> int:
        digest = hmac.new(self.key, str(self.counter).encode("ascii"), hashlib.sha256).digest()
        self.counter += 1
        return int.from_bytes(digest[:8], "big")

    def below(self, bound: int) -> int:
        """A number in 0 .. bound - 1, each equally likely."""
        limit = SPACE - SPACE % bound
        while True:
            number = self._next_64_bits()
            if number < limit:
                return number % bound


def shuffled(items: list, seed_text: str) -> list:
    numbers = SeededNumbers(seed_text)
    order = list(items)
    for last in range(len(order) - 1, 0, -1):
        chosen = numbers.below(last + 1)
        order[last], order[chosen] = order[chosen], order[last]
    return order


def drawn_index(count: int, seed_text: str) -> int:
    """One of `count` items drawn by lot (the first country of a seating plan)."""
    return SeededNumbers(seed_text).below(count)
