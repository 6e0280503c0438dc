from django.utils import translation

from plenary.core.languages import comma, format_list, list_separators, place_separator, semicolon, sort_key


def sorted_in(language: str, names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: sort_key(name, language))


def test_french_ignores_accents_and_case():
    assert sorted_in("fr", ["france", "Espagne", "Égypte", "Éthiopie", "Zambie", "Allemagne"]) == [
        "Allemagne",
        "Égypte",
        "Espagne",
        "Éthiopie",
        "france",
        "Zambie",
    ]


def test_arabic_ignores_the_article_and_the_hamza():
    names = ["اليابان", "مصر", "الأرجنتين", "إسبانيا", "أفغانستان", "باكستان", "الهند", "يوغندا"]
    assert sorted_in("ar", names) == [
        "الأرجنتين",
        "إسبانيا",
        "أفغانستان",
        "باكستان",
        "مصر",
        "الهند",
        "اليابان",
        "يوغندا",
    ]


def test_arabic_takes_a_leading_alef_with_hamza_and_lam_for_a_word_not_the_article():
    names = ["بالاو", "البحرين", "ألبانيا", "ماليزيا", "ألمانيا", "مايوت", "أرمينيا"]
    assert sorted_in("ar", names) == ["أرمينيا", "ألبانيا", "ألمانيا", "بالاو", "البحرين", "ماليزيا", "مايوت"]


def test_russian_sorts_yo_with_ye_and_short_i_after_i():
    names = ["Япония", "Йемен", "Израиль", "Египет", "Казахстан", "Иордания", "Ёлка"]
    assert sorted_in("ru", names) == ["Египет", "Ёлка", "Израиль", "Иордания", "Йемен", "Казахстан", "Япония"]


def test_spanish_sorts_enye_between_n_and_o():
    assert sorted_in("es", ["Omán", "Ñandú", "Nepal", "Noruega"]) == ["Nepal", "Noruega", "Ñandú", "Omán"]


def test_chinese_keeps_the_radical_and_stroke_order_of_the_code_points():
    assert sorted_in("zh-hans", ["日本", "中国", "埃及", "法国"]) == ["中国", "埃及", "日本", "法国"]


def test_the_active_language_is_the_default():
    with translation.override("ar"):
        assert sort_key("اليابان") == sort_key("يابان", "ar")
    with translation.override("fr"):
        assert sort_key("اليابان") == "اليابان"


def test_a_list_reads_as_each_language_writes_one():
    languages = ["ar", "zh-hans", "en", "fr", "ru", "es"]
    assert [format_list(["A", "B", "C"], language) for language in languages] == [
        "A وB وC",
        "A、B和C",
        "A, B and C",
        "A, B et C",
        "A, B и C",
        "A, B y C",
    ]
    two_in_chinese = format_list(["A", "B"], "zh-hans")
    assert (format_list([], "en"), format_list(["A"], "en"), two_in_chinese) == ("", "A", "A和B")


def test_a_place_is_not_a_list():
    separators = [place_separator(language) for language in ("ar", "zh-hans", "en", "es")]
    assert separators == ["، ", "、", ", ", ", "]
    with translation.override("ar"):
        assert (format_list(["X", "Y"]), place_separator()) == ("X وY", "، ")


def test_the_comma_between_the_parts_of_an_item_is_the_languages():
    assert [comma(language) for language in ("ar", "zh-hans", "en", "ru")] == ["، ", "，", ", ", ", "]
    with translation.override("ar"):
        assert comma() == "، "


def test_the_semicolon_between_items_is_the_languages():
    semicolons = [semicolon(language) for language in ("ar", "zh-hans", "en", "fr")]
    assert semicolons == ["؛ ", "；", "; ", "; "]
    with translation.override("ar"):
        assert semicolon() == "؛ "


def test_the_separators_of_a_list_written_item_by_item_are_format_lists():
    assert [list_separators(3, language) for language in ("ar", "zh-hans", "en", "ru")] == [
        [" و", " و"],
        ["、", "和"],
        [", ", " and "],
        [", ", " и "],
    ]
    assert (list_separators(1, "en"), list_separators(2, "en")) == ([], [" and "])
