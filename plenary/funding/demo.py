"""The IGF 2023 demo's travel funding call, with reviewed applications ready for a selection run."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from plenary.core.demo_accounts import code_login_user
from plenary.core.models import Role, RoleAssignment
from plenary.directory.models import Parliament, Person
from plenary.events.models import Track
from plenary.funding import services
from plenary.funding.models import Application, Criterion, FundingCall
from plenary.registration.models import MemberKind, Mode, Registration
from plenary.registration.services import delegation_for

TITLE = {
    "en": "Travel funding for members of parliament from the global South",
    "fr": "Financement du voyage des parlementaires des pays du Sud",
    "es": "Financiación del viaje de parlamentarios del Sur global",
    "ru": "Финансирование поездок парламентариев из стран глобального Юга",
    "zh-hans": "全球南方国家议员差旅资助",
    "ar": "تمويل سفر أعضاء البرلمانات من بلدان الجنوب العالمي",
}
CRITERIA = [
    (
        "digital-committee",
        {"en": "Member of a committee on digital affairs", "fr": "Membre d'une commission du numérique"},
        3,
    ),
    (
        "contribution",
        {
            "en": "Expected contribution as speaker or rapporteur",
            "fr": "Contribution attendue comme orateur ou rapporteur",
        },
        2,
    ),
    ("first-time", {"en": "First-time participant", "fr": "Première participation"}, 1),
    ("partial", {"en": "Asks for partial funding", "fr": "Demande un financement partiel"}, 1),
]
# (country, given and family name, gender, language, airfare, nights, full package, two reviewers' points)
APPLICANTS = [
    ("NPL", "Sita", "Gurung", "female", "en", 1450, 5, True, ((3, 4, 5, 0), (3, 5, 4, 0))),
    ("NPL", "Ram", "Thapa", "male", "en", 1450, 5, True, ((5, 5, 5, 0), (5, 4, 5, 0))),
    ("BGD", "Nasrin", "Akter", "female", "en", 1300, 5, True, ((4, 3, 5, 0), (4, 3, 4, 0))),
    ("UGA", "Grace", "Namukasa", "female", "en", 1900, 5, True, ((5, 4, 0, 0), (5, 5, 0, 0))),
    ("SEN", "Awa", "Diop", "female", "fr", 2100, 5, False, ((4, 2, 5, 5), (1, 1, 5, 5))),
    ("HTI", "Jean", "Baptiste", "male", "fr", 2600, 5, True, ((3, 3, 5, 0), (3, 4, 5, 0))),
    ("BOL", "Luis", "Mamani", "male", "es", 2400, 5, True, ((4, 4, 0, 0), (4, 3, 0, 0))),
    ("MNG", "Oyun", "Bat", "female", "ru", 1200, 5, True, ((2, 3, 5, 0), (3, 3, 5, 0))),
    ("ARM", "Anna", "Petrosyan", "female", "ru", 1600, 5, True, ((4, 5, 0, 0), (4, 4, 0, 0))),
    ("YEM", "Ahmed", "Saleh", "male", "ar", 1800, 5, True, ((5, 3, 5, 0), (4, 3, 5, 0))),
]
REVIEWERS = ["reviewer.one@example.org", "reviewer.two@example.org"]


def _reviewer(email: str):
    user = code_login_user(email)
    RoleAssignment.objects.get_or_create(user=user, role=Role.REVIEWER, parliament=None)
    return user


@transaction.atomic
def load(stdout=None) -> FundingCall | None:
    track = Track.objects.filter(slug="igf2023-pt").first()
    if track is None:
        return None
    call, _ = FundingCall.objects.update_or_create(
        track=track,
        title=TITLE,
        defaults={
            "budget": 30_000,
            "currency": "USD",
            "max_funded": 8,
            "opens_on": dt.date(2023, 7, 3),
            "closes_on": dt.date(2023, 8, 31),
            "daily_allowance": 350,
            "terminal_expenses": 120,
            "partial_allowed": True,
            "partial_levels": [50],
            "min_women_percent": 40,
            "region_limits": {"African Group": [2, None], "Asia-Pacific Group": [2, None]},
        },
    )
    for order, (code, name, weight) in enumerate(CRITERIA):
        Criterion.objects.update_or_create(
            call=call, code=code, defaults={"name": name, "weight": weight, "order": order}
        )
    reviewers = [_reviewer(email) for email in REVIEWERS]
    for iso3, given, family, gender, language, airfare, nights, full, points in APPLICANTS:
        parliament = Parliament.objects.filter(country__iso3=iso3).first()
        if parliament is None:
            continue
        person, _ = Person.objects.get_or_create(
            parliament=parliament,
            given_name=given,
            family_name=family,
            defaults={
                "gender": gender,
                "preferred_language": language,
                "email": f"{given}.{family}@example.org".lower(),
            },
        )
        Registration.objects.get_or_create(
            track=track,
            person=person,
            defaults={
                "delegation": delegation_for(track=track, parliament=parliament),
                "status": Registration.Status.CONFIRMED,
                "mode": Mode.ONSITE,
                "kind": MemberKind.MP,
                "email": person.email,
                "given_name": given,
                "family_name": family,
                "gender": gender,
                "nationality": parliament.country,
                "language": language,
                "consent_at": timezone.now(),
                "consent_language": language,
            },
        )
        application, _ = Application.objects.get_or_create(
            call=call,
            person=person,
            defaults={
                "language": language,
                "motivation": "Our committee is drafting the country's data protection law.",
                "digital_committee": points[0][0] >= 4,
                "first_time": points[0][2] == 5,
                "full_package": full,
                "amount_asked": None if full else airfare,
                "itinerary": f"{parliament.country.iso3} – Osaka (KIX) – Kyoto",
                "airfare_quote": airfare,
                "nights": nights,
                "endorsed_at": timezone.now(),
            },
        )
        for reviewer, given_points in zip(reviewers, points, strict=True):
            codes = [code for code, _, _ in CRITERIA]
            services.submit_review(
                application=application, reviewer=reviewer, points=dict(zip(codes, given_points, strict=True))
            )
    if stdout is not None:
        stdout.write(
            f"Travel funding: call '{TITLE['en']}' with {call.applications.count()} reviewed applications "
            f"(selection page: /en/funding/calls/{call.pk}/selection/)\n"
        )
    return call
