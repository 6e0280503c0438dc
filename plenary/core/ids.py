"""Ids that arrive as text (a form value, a query parameter, an admin address) and the database."""

# The largest id any column holds (a 64-bit integer); a larger number overflows the database driver.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The id written in `value`, or None for anything else: letters, "²", "-1", a number too large.
    Callers answer None with a 404 or "not found", never a 500."""
    if not isinstance(value, str) or not (value.isascii() and value.isdecimal()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
