"""Who may receive travel funding: the rules, evaluated in one place against the reference data.

A call names the country categories it funds (default: the IGF rule, LDC, LLDC, SIDS or an
economy in transition; optionally World Bank low / lower-middle income or G77). The applicant
must also be a sitting member of parliament with a confirmed onsite registration for the track,
must not have been funded in the call's last N editions, and the parliament must endorse the
application (the focal point's approval or an uploaded letter).
"""

from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from plenary.core.languages import format_list
from plenary.directory.models import Country, IncomeGroup


class CountryCategory(TextChoices):
    LDC = "ldc", _("least developed country")
    LLDC = "lldc", _("landlocked developing country")
    SIDS = "sids", _("small island developing state")
    EIT = "eit", _("economy in transition")
    WB_LOW = "wb_low", _("World Bank low income")
    WB_LOWER_MIDDLE = "wb_lower_middle", _("World Bank lower-middle income")
    G77 = "g77", _("Group of 77 member")


DEFAULT_CATEGORIES = [CountryCategory.LDC, CountryCategory.LLDC, CountryCategory.SIDS, CountryCategory.EIT]


def country_categories(country: Country) -> list[str]:
    """The categories `country` belongs to, in CountryCategory's order."""
    member = {
        CountryCategory.LDC: country.is_ldc,
        CountryCategory.LLDC: country.is_lldc,
        CountryCategory.SIDS: country.is_sids,
        CountryCategory.EIT: country.is_economy_in_transition,
        CountryCategory.WB_LOW: country.income_group == IncomeGroup.LOW,
        CountryCategory.WB_LOWER_MIDDLE: country.income_group == IncomeGroup.LOWER_MIDDLE,
        CountryCategory.G77: country.is_g77,
    }
    return [category.value for category in CountryCategory if member[category]]


@dataclass(frozen=True)
class Check:
    code: str
    passed: bool
    message: str
    pending: bool = False


ENDORSEMENT_NOT_RECEIVED = _(
    "Your parliament's endorsement had not been received by the time of the selection."
)


def check_country(country: Country | None, categories) -> Check:
    if country is None:
        return Check("country", False, str(_("Your parliament's country is not known.")))
    matched = [c for c in country_categories(country) if c in set(categories)]
    labels = format_list(CountryCategory(c).label for c in matched)
    if matched:
        message = _("%(country)s is eligible as: %(categories)s.") % {
            "country": country,
            "categories": labels,
        }
        return Check("country", True, str(message))
    wanted = format_list(CountryCategory(c).label for c in categories)
    message = _("%(country)s is not in the funded categories (%(categories)s).") % {
        "country": country,
        "categories": wanted,
    }
    return Check("country", False, str(message))


def confirmed_onsite_mp_registration(call, person):
    """The person's confirmed onsite registration as a member of parliament for the call's track."""
    from plenary.registration.models import MemberKind, Mode, Registration

    return Registration.objects.filter(
        track_id=call.track_id,
        person=person,
        status=Registration.Status.CONFIRMED,
        mode=Mode.ONSITE,
        kind=MemberKind.MP,
    ).first()


def check_registration(call, person) -> Check:
    if confirmed_onsite_mp_registration(call, person) is not None:
        return Check("registration", True, str(_("You are a member of parliament registered onsite.")))
    message = _("Funding needs a confirmed onsite registration as a member of parliament for this track.")
    return Check("registration", False, str(message))


def recently_funded_calls(call, person):
    """Calls of the last `call.not_funded_editions` earlier forums that funded this person."""
    from plenary.events.models import Forum
    from plenary.funding.models import Application

    if not call.not_funded_editions:
        return []
    forum = call.track.forum
    earlier = list(
        Forum.objects.filter(start_date__lt=forum.start_date)
        .order_by("-start_date")
        .values_list("id", flat=True)[: call.not_funded_editions]
    )
    return list(
        Application.objects.filter(
            person=person, call__track__forum_id__in=earlier, status=Application.Status.ACCEPTED
        ).values_list("call_id", flat=True)
    )


def check_history(call, person) -> Check:
    if recently_funded_calls(call, person):
        message = _("You were funded in one of the last %(count)s editions.") % {
            "count": call.not_funded_editions
        }
        return Check("history", False, str(message))
    return Check("history", True, str(_("You were not funded in the recent editions.")))


def focal_point_users(parliament_id) -> list:
    """The active accounts that act as focal point of the parliament: they endorse its applications.

    A parliament without one has its applications endorsed by the secretariat, on the letter the
    parliament sends it.
    """
    from django.contrib.auth import get_user_model

    from plenary.core.models import Role

    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role=Role.FOCAL_POINT,
            role_assignments__parliament_id=parliament_id,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def check_endorsement(application, person) -> Check:
    """Passed once endorsed; before that, pending, saying who endorses and that they were asked.

    Once the decisions have refused an application still without it, failed: the endorsement had not
    been received when the selection was made (the parliament did not refuse it)."""
    if application is not None and application.is_endorsed:
        return Check("endorsement", True, str(_("Your parliament endorses the application.")))
    if application is not None and application.status == application.Status.NOT_SELECTED:
        return Check("endorsement", False, str(ENDORSEMENT_NOT_RECEIVED))
    has_focal_point = bool(person.parliament_id and focal_point_users(person.parliament_id))
    if application is None and has_focal_point:
        message = _("After you apply, your parliament's focal point is asked by e-mail to endorse it.")
    elif application is None:
        message = _(
            "Your parliament has no focal point here: after you apply, the secretariat endorses the "
            "application, with a letter from your parliament."
        )
    elif has_focal_point:
        message = _("Waiting for your parliament's focal point, who has been asked by e-mail to endorse it.")
    else:
        message = _(
            "Waiting for the secretariat to endorse it, as your parliament has no focal point here: "
            "ask your parliament to send the secretariat a letter endorsing your application."
        )
    return Check("endorsement", False, str(message), pending=True)


def evaluate(call, person, application=None) -> list[Check]:
    """Every rule of `call` for `person`, shown before they apply and checked before selection."""
    country = person.parliament.country if person.parliament_id else None
    checks = [check_country(country, call.country_categories), check_history(call, person)]
    if call.requires_onsite_mp:
        checks.insert(1, check_registration(call, person))
    if call.requires_endorsement:
        checks.append(check_endorsement(application, person))
    return checks


def may_apply(checks: list[Check]) -> bool:
    """Everything but the endorsement, which follows the application."""
    return all(check.passed for check in checks if check.code != "endorsement")


def is_eligible(checks: list[Check]) -> bool:
    return all(check.passed for check in checks)
