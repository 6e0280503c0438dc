import json

from django import template

register = template.Library()


@register.filter
def floor_clock(seconds: int) -> str:
    """Seconds as minutes:seconds, the way the timer shows them (2:05)."""
    return f"{seconds // 60}:{seconds % 60:02d}"


@register.filter
def floor_json(value) -> str:
    """The published requests exactly as the commitment hashes them."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
