from django.template import Context, Template
from django.utils import translation


def test_arabic_numbers_use_a_decimal_point():
    with translation.override("ar"):
        assert Template("{{ value|floatformat:2 }}").render(Context({"value": 8.286})) == "8.29"
    with translation.override("fr"):
        assert Template("{{ value|floatformat:2 }}").render(Context({"value": 8.286})) == "8,29"
