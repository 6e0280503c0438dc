"""The reasons an applicant was left out are joined as each language writes a list, not with "; "."""

import pytest
from django.utils import translation

from plenary.funding.selectors import REASON_LABELS, RunRow


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ar", "الحد المقرر لكل برلمان والحد الأدنى لنسبة النساء والحد الأقصى لعدد الممولين"),
        ("zh-hans", "每个议会的名额限制、女性最低比例和受资助人数上限"),
        (
            "en",
            "the limit per parliament, the minimum share of women and the maximum number of funded people",
        ),
        (
            "fr",
            "la limite par parlement, la part minimale de femmes et le nombre maximal de personnes financées",
        ),
        (
            "ru",
            "ограничение на один парламент, минимальная доля женщин и максимальное число финансируемых лиц",
        ),
        (
            "es",
            "el límite por parlamento, la proporción mínima de mujeres "
            "y el número máximo de personas financiadas",
        ),
    ],
)
def test_the_reasons_are_a_list_in_the_pages_language(language, text):
    reasons = [REASON_LABELS[reason] for reason in ("parliament_limit", "women_share", "max_funded")]
    row = RunRow(application=None, grant=None, greedy_grant=None, reasons=reasons, needed_score=None)
    with translation.override(language):
        assert row.reasons_text == text


def test_a_single_reason_is_itself():
    row = RunRow(
        application=None, grant=None, greedy_grant=None, reasons=[REASON_LABELS["budget"]], needed_score=None
    )
    with translation.override("fr"):
        assert row.reasons_text == "le budget"
