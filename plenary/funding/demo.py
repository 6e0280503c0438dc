"""The IGF 2023 demo's travel funding call, with reviewed applications ready for a selection run."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from plenary.core.demo_accounts import code_login_user, secretariat_user
from plenary.core.links import page_url
from plenary.core.models import Role, RoleAssignment
from plenary.directory.models import Parliament, Person
from plenary.events.models import Track
from plenary.funding import services
from plenary.funding.models import Application, FundingCall
from plenary.registration.demo import register

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
# A registered member of parliament from a least developed country who has not applied yet: the one
# who walks the funding journey, logging in by e-mailed code with this address.
APPLICANT_TO_BE = ("MWI", "Chikondi", "Banda", "female")
APPLICANT_TO_BE_EMAIL = "chikondi.banda@example.org"
OPEN_FOR_DAYS = 60


def _reviewer(email: str):
    user = code_login_user(email)
    RoleAssignment.objects.get_or_create(user=user, role=Role.REVIEWER, parliament=None)
    return user


def _call(track, actor) -> FundingCall:
    """The call, created once: open from July 2023 until OPEN_FOR_DAYS after the first load, so that
    applications can be made today; the secretariat closes it from the back office."""
    call = FundingCall.objects.filter(track=track, title=TITLE).first()
    if call is not None:
        return call
    return services.create_call(
        track=track,
        actor=actor,
        criteria=CRITERIA,
        title=TITLE,
        budget=30_000,
        currency="USD",
        max_funded=8,
        opens_on=dt.date(2023, 7, 3),
        closes_on=timezone.localdate() + dt.timedelta(days=OPEN_FOR_DAYS),
        daily_allowance=350,
        terminal_expenses=120,
        partial_allowed=True,
        partial_levels=[50],
        min_women_percent=40,
        region_limits={"African Group": [2, None], "Asia-Pacific Group": [2, None]},
    )


def _registered_mp(track, iso3, given, family, gender, language, email=None):
    parliament = Parliament.objects.filter(country__iso3=iso3).first()
    if parliament is None:
        return None
    person, _ = Person.objects.get_or_create(
        parliament=parliament,
        given_name=given,
        family_name=family,
        defaults={
            "honorific": "Hon.",
            "gender": gender,
            "preferred_language": language,
            "email": email or f"{given}.{family}@example.org".lower(),
        },
    )
    register(track=track, person=person, language=language)
    return person


def _apply(call, person, language, airfare, nights, full, points, *, secretariat, reviewers) -> None:
    """The applicant applies, the secretariat endorses (no demo parliament has a focal point who
    would), and the two reviewers score."""
    if Application.objects.filter(call=call, person=person).exists():
        return
    data = {
        "motivation": "Our committee is drafting the country's data protection law.",
        "digital_committee": points[0][0] >= 4,
        "first_time": points[0][2] == 5,
        "full_package": full,
        "amount_asked": None if full else airfare,
        "itinerary": f"{person.parliament.country.iso3} – Osaka (KIX) – Kyoto",
        "airfare_quote": airfare,
        "nights": nights,
    }
    application = services.submit_application(
        call=call, person=person, data=data, language=language, actor=None
    )
    services.endorse(application=application, actor=secretariat)
    codes = [code for code, _, _ in CRITERIA]
    for reviewer, given_points in zip(reviewers, points, strict=True):
        services.submit_review(
            application=application, reviewer=reviewer, points=dict(zip(codes, given_points, strict=True))
        )


@transaction.atomic
def load(stdout=None) -> FundingCall | None:
    track = Track.objects.filter(slug="igf2023-pt").first()
    if track is None:
        return None
    secretariat = secretariat_user()
    call = _call(track, secretariat)
    reviewers = [_reviewer(email) for email in REVIEWERS]
    for iso3, given, family, gender, language, airfare, nights, full, points in APPLICANTS:
        person = _registered_mp(track, iso3, given, family, gender, language)
        if person is not None:
            _apply(
                call,
                person,
                language,
                airfare,
                nights,
                full,
                points,
                secretariat=secretariat,
                reviewers=reviewers,
            )
    iso3, given, family, gender = APPLICANT_TO_BE
    applicant = _registered_mp(track, iso3, given, family, gender, "en", email=APPLICANT_TO_BE_EMAIL)
    if stdout is not None:
        _report(stdout, call, applicant)
    return call


def _report(stdout, call, applicant) -> None:
    stdout.write(
        f"Travel funding: call '{TITLE['en']}' with {call.applications.count()} reviewed applications, "
        f"open until {call.closes_on:%d %B %Y}."
    )
    stdout.write(f"  Public page: {page_url('funding:call', 'en', track=call.track.slug, call=call.pk)}")
    stdout.write(f"  Selection (secretariat): {page_url('funding:selection', 'en', call=call.pk)}")
    stdout.write(
        "  To close the call: back office, "
        f"{page_url('admin:funding_fundingcall_change', 'en', object_id=call.pk)}, set 'applications "
        "close' to yesterday (or tick 'Send them although the call is still open' when sending decisions)."
    )
    if applicant is not None:
        stdout.write(
            f"  {applicant.full_name} ({applicant.parliament.country.iso3}, a least developed country) is "
            f"registered and has not applied: log in with {applicant.email} and 'send me a code', then "
            f"{page_url('funding:calls', 'en', track=call.track.slug)}"
        )
