from allauth.mfa.models import Authenticator
from django.urls import reverse

from plenary.core.testing import make_user
from plenary.registration.models import Registration, TrackCapacity
from plenary.registration.tests import factories
from plenary.registration.tests.test_services import submit


def change_seats_in_the_admin(client, capacity, seats: int, **options):
    admin = make_user("admin@example.org", is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={})
    client.force_login(admin)
    url = reverse("admin:registration_trackcapacity_change", args=[capacity.pk])
    return client.post(
        url,
        {
            "track": capacity.track_id,
            "onsite_seats": seats,
            "onsite_mps_per_delegation": "",
            "onsite_others_per_delegation": "",
            "online_per_delegation": "",
            "registration_open": "on",
            "privacy_notice": "{}",
        },
        **options,
    )


def test_capacity_change_in_the_admin_promotes_the_waiting_list(client, igf_track):
    capacity = TrackCapacity.objects.create(track=igf_track, onsite_seats=1)
    parliament = factories.parliaments(1)[0]
    first, second = (submit(factories.member(igf_track, parliament)) for _ in range(2))
    assert [first.status, second.status] == ["confirmed", "waitlisted"]
    response = change_seats_in_the_admin(client, capacity, 2)
    assert response.status_code == 302
    assert Registration.objects.get(pk=second.pk).status == "confirmed"
    for name in ["registration", "delegation", "checkin"]:
        assert client.get(reverse(f"admin:registration_{name}_changelist")).status_code == 200


def test_lowering_the_seats_below_those_held_keeps_them_and_warns(client, igf_track):
    capacity = TrackCapacity.objects.create(track=igf_track, onsite_seats=2)
    parliament = factories.parliaments(1)[0]
    held = [submit(factories.member(igf_track, parliament)) for _ in range(2)]
    response = change_seats_in_the_admin(client, capacity, 1, follow=True)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "Onsite seats: 1; delegates already holding one: 2. Nobody loses a seat; "
        "new onsite registrations wait until enough seats are free."
    ]
    assert [Registration.objects.get(pk=r.pk).status for r in held] == ["confirmed", "confirmed"]
