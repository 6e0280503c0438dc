"""The order in which waiting requests are called: points of order first, then the list's places;
with alternation, a woman and a man in turn while both are waiting."""

GENDERS_ALTERNATED = ("female", "male")


def calling_order(waiting: list, last_gender: str, *, alternate: bool) -> list:
    """`waiting` requests (with `point_of_order`, `position` and `registration.gender`) in the order
    they will be called, given the gender of the last speaker."""
    points_of_order = sorted((r for r in waiting if r.point_of_order), key=lambda r: r.position)
    rest = sorted((r for r in waiting if not r.point_of_order), key=lambda r: r.position)
    if not alternate:
        return points_of_order + rest
    ordered = []
    while rest:
        chosen = _next_alternating(rest, last_gender)
        rest.remove(chosen)
        ordered.append(chosen)
        last_gender = chosen.registration.gender
    return points_of_order + ordered


def _next_alternating(rest: list, last_gender: str):
    if last_gender not in GENDERS_ALTERNATED:
        return rest[0]
    other = GENDERS_ALTERNATED[1 - GENDERS_ALTERNATED.index(last_gender)]
    genders_waiting = {request.registration.gender for request in rest}
    if not set(GENDERS_ALTERNATED) <= genders_waiting:
        return rest[0]
    return next(request for request in rest if request.registration.gender == other)
