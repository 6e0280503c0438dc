"""The credentials' parts of registration's pages: the delegation page's panel (state, upload,
composition checks, women in the delegation, members' standing) and the state on a member's page."""

from django import template

from plenary.credentials import composition, selectors
from plenary.credentials.forms import UploadForm

register = template.Library()


@register.inclusion_tag("credentials/_delegation_panel.html", takes_context=True)
def credentials_panel(context, delegation, here):
    members = list(delegation.members.select_related("person", "standing"))
    for member in members:
        member.standing_now = getattr(member, "standing", None)
    return {
        "csrf_token": context.get("csrf_token"),
        "delegation": delegation,
        "here": here,
        "credentials": selectors.credentials_of(delegation),
        "issues": composition.issues(delegation),
        "women": selectors.women_in_delegation(delegation),
        "upload_form": UploadForm(),
        "members": members,
        "user": context.get("user"),
    }


@register.inclusion_tag("credentials/_state.html")
def credentials_state(delegation):
    return {"credentials": selectors.credentials_of(delegation)}
