"""Every user-visible string of every plenary app is translated into the five other UN languages."""

from pathlib import Path

import polib
import pytest

PLENARY = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(PLENARY.glob("*/locale/*/LC_MESSAGES/django.po"))
LANGUAGES = {"ar", "zh_Hans", "fr", "ru", "es"}


def test_every_app_with_strings_has_all_five_catalogues():
    apps = {path.parts[-5] for path in CATALOGUES}
    assert apps >= {"core", "directory", "events"}
    for app in apps:
        assert {path.parts[-3] for path in CATALOGUES if path.parts[-5] == app} == LANGUAGES, app


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: "/".join(path.parts[-5:-2]))
def test_no_message_is_untranslated_or_fuzzy(path):
    catalogue = polib.pofile(str(path))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.django_db
def test_the_arabic_page_is_in_arabic(client):
    content = client.get("/ar/igf2023-pt/").content.decode()
    assert "كيفية المشاركة" in content
    assert "How to take part" not in content


@pytest.mark.django_db
def test_the_chinese_page_is_in_chinese(client):
    content = client.get("/zh-hans/igf2023-pt/").content.decode()
    assert "参与方式" in content
    assert "第十八届互联网治理论坛（IGF 2023）" in content


def test_the_back_office_names_every_app_in_the_users_language():
    from django.apps import apps
    from django.utils import translation

    with translation.override("ar"):
        names = {
            config.label: str(config.verbose_name)
            for config in apps.get_app_configs()
            if list(config.get_models())
        }
    assert names["django_tasks_database"] == "المهام في الخلفية"
    untranslated = [label for label, name in names.items() if name.isascii()]
    assert untranslated == []
