import pytest

from plenary.core import audit
from plenary.core.models import AuditEntry, Role, RoleAssignment
from plenary.core.testing import make_user
from plenary.directory.models import Parliament


@pytest.mark.django_db
def test_a_back_office_change_records_who_changed_what(client, secretariat):
    japan = Parliament.objects.get(country__iso3="JPN")
    client.force_login(secretariat)
    response = client.post(
        f"/en/admin/directory/parliament/{japan.pk}/change/",
        {
            "country": japan.country_id,
            "name_0": "",
            "name_1": "",
            "name_2": "National Diet of Japan",
            "name_3": "",
            "name_4": "",
            "name_5": "",
            "structure": "bicameral",
            "ipu_member": "on",
            "email": "diet@example.jp",
            "postal_address": "",
            "correspondence_languages": "[]",
            "chambers-TOTAL_FORMS": "0",
            "chambers-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(target_id=str(japan.pk), action="changed")
    assert entry.actor == secretariat
    assert entry.changes == {
        "name": [{"en": "Parliament of Japan", **_other_names(japan)}, {"en": "National Diet of Japan"}],
        "structure": ["unicameral", "bicameral"],
        "email": ["parliament.jpn@example.org", "diet@example.jp"],
    }


def _other_names(parliament):
    return {code: text for code, text in parliament.name.as_dict().items() if code != "en"}


@pytest.mark.django_db
def test_acting_on_someones_behalf_is_recorded(secretariat):
    japan = Parliament.objects.get(country__iso3="JPN")
    focal_point = make_user("focal@diet.example.org", role=Role.FOCAL_POINT, parliament=japan)
    entry = audit.record(actor=secretariat, on_behalf_of=focal_point, action="named delegate", target=japan)
    entry.refresh_from_db()
    assert (entry.actor, entry.on_behalf_of, entry.target_repr) == (secretariat, focal_point, str(japan))


@pytest.mark.django_db
def test_a_row_and_its_entry_are_written_together_or_not_at_all():
    """`insert_recorded` names the new row in its entry; a value too long for its column is refused
    (on PostgreSQL, where the two share one statement, not cut by the statement's casts)."""
    from django.db import DatabaseError, connection, transaction

    japan = Parliament.objects.get(country__iso3="JPN")
    role = RoleAssignment(user=make_user("focal@example.org"), role=Role.FOCAL_POINT, parliament=japan)
    assert audit.insert_recorded(role, actor=None, action="role.granted")
    entry = AuditEntry.objects.get(action="role.granted")
    assert (entry.target_id, entry.target_repr) == (str(role.pk), str(role))
    if connection.vendor == "postgresql":
        refused = RoleAssignment(user=make_user("other@example.org"), role=Role.FOCAL_POINT, parliament=japan)
        with pytest.raises(DatabaseError), transaction.atomic():
            audit.insert_recorded(refused, actor=None, action="x" * 101)
        assert list(AuditEntry.objects.values_list("action", flat=True)) == ["role.granted"]
