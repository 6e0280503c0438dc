"""The composition rules a delegation is checked against when its focal point names members: each
broken rule is an Issue shown on the delegation page, a warning or a block. A block stops the focal
point from submitting the credentials and the secretariat from verifying them, and says why; the
maximum per kind of member is registration's own rule, enforced when members register."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from plenary.core.languages import format_list
from plenary.credentials.models import Level, MemberStanding, TrackRules
from plenary.directory.models import Person
from plenary.registration.models import DelegationRole


@dataclass(frozen=True)
class Issue:
    code: str
    level: str
    message: str

    @property
    def blocks(self) -> bool:
        return self.level == Level.BLOCK


def _members(delegation) -> list:
    return list(delegation.members.select_related("person", "registration", "standing"))


def _is_woman(member) -> bool:
    registration = getattr(member, "registration", None)
    gender = registration.gender if registration is not None else member.person.gender
    return gender == Person.Gender.FEMALE


def _standing(member) -> MemberStanding:
    return getattr(member, "standing", None) or MemberStanding(member=member)


def _head_issue(members) -> Issue | None:
    if any(member.role == DelegationRole.HEAD for member in members):
        return None
    return Issue("head", Level.BLOCK, _("Name one head of delegation."))


def _women_issue(delegation, members, level) -> Issue | None:
    if not delegation.parliament.women_members or any(_is_woman(member) for member in members):
        return None
    return Issue(
        "women",
        level,
        _(
            "Your parliament has women members: name at least one woman in the delegation "
            "(the IPU Statutes' rule)."
        ),
    )


def _former_mps_issue(members) -> Issue | None:
    names = [
        member.person.full_name
        for member in members
        if _standing(member).former_mp and not _standing(member).honorary
    ]
    if not names:
        return None
    return Issue(
        "former_mps",
        Level.BLOCK,
        _("Former members of parliament may only be honorary members of the delegation: %(names)s.")
        % {"names": format_list(names)},
    )


def issues(delegation) -> list[Issue]:
    """The rules `delegation` breaks now, in the order the page lists them."""
    members = _members(delegation)
    rules = TrackRules.objects.for_track(delegation.track)
    found = [
        _head_issue(members),
        _women_issue(delegation, members, rules.women_rule),
        _former_mps_issue(members),
    ]
    return [issue for issue in found if issue is not None]
