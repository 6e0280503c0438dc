import pytest
from django.urls import reverse

from plenary.core.models import Role
from plenary.core.testing import make_user
from plenary.directory.models import Parliament


@pytest.fixture
def japan():
    return Parliament.objects.get(country__iso3="JPN")


@pytest.fixture
def france():
    return Parliament.objects.get(country__iso3="FRA")


@pytest.fixture
def focal_point_of_japan(japan):
    return make_user("focal@diet.example.org", role=Role.FOCAL_POINT, parliament=japan)


@pytest.mark.django_db
def test_a_focal_point_sees_its_own_parliaments_people(client, focal_point_of_japan, japan):
    client.force_login(focal_point_of_japan)
    response = client.get(reverse("directory:parliament", kwargs={"pk": japan.pk}))
    assert response.status_code == 200
    people = [person.email for person in response.context["parliament"].people.all()]
    assert sorted(people) == ["president-ipu-group.jpn@example.org", "speaker.jpn@example.org"]


@pytest.mark.django_db
def test_a_focal_point_cannot_see_another_parliaments_people(client, focal_point_of_japan, france):
    client.force_login(focal_point_of_japan)
    response = client.get(reverse("directory:parliament", kwargs={"pk": france.pk}))
    assert response.status_code == 404
    assert b"speaker.fra@example.org" not in response.content


@pytest.mark.django_db
def test_an_unknown_id_and_a_forbidden_one_look_the_same(client, focal_point_of_japan, france):
    client.force_login(focal_point_of_japan)
    forbidden = client.get(reverse("directory:parliament", kwargs={"pk": france.pk}))
    missing = client.get(reverse("directory:parliament", kwargs={"pk": 999999}))
    assert (forbidden.status_code, missing.status_code) == (404, 404)


@pytest.mark.django_db
def test_a_delegate_of_the_same_parliament_is_not_a_focal_point(client, japan):
    delegate = make_user("mp@diet.example.org", role=Role.DELEGATE, parliament=japan)
    client.force_login(delegate)
    assert client.get(reverse("directory:parliament", kwargs={"pk": japan.pk})).status_code == 404


@pytest.mark.django_db
def test_the_public_is_sent_to_log_in(client, japan):
    response = client.get(reverse("directory:parliament", kwargs={"pk": japan.pk}))
    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next=/en/directory/parliaments/{japan.pk}/"


@pytest.mark.django_db
def test_the_secretariat_sees_every_parliament(client, france):
    staff = make_user("staff@ipu.example.org", role=Role.SECRETARIAT)
    client.force_login(staff)
    assert client.get(reverse("directory:parliament", kwargs={"pk": france.pk})).status_code == 200
