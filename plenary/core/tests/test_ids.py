from plenary.core.ids import MAX_ID, parse_id


def test_only_a_plain_positive_number_a_column_can_hold_is_an_id():
    values = [
        "42",
        str(MAX_ID),
        str(MAX_ID + 1),
        "99999999999999999999",
        "0",
        "-1",
        "²",
        "٣",
        "4a",
        "",
        None,
        7,
    ]
    assert [parse_id(value) for value in values] == [
        42,
        MAX_ID,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
        None,
    ]
