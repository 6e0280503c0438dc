import datetime as dt

import pytest
from django.utils import timezone

from plenary.api import services
from plenary.api.models import ApiToken, TokenRequest, secret_hash
from plenary.api.tests.conftest import bearer
from plenary.core.errors import ServiceError

URL = "/api/v1/tracks/igf2023-pt/registrations"


def test_the_secret_is_stored_hashed_and_works_once_shown(make_token, registrations):
    token, secret = make_token()
    assert secret.startswith(f"plenary_{token.pk}_")
    assert token.secret_hash == secret_hash(secret.split("_", 2)[2])
    assert secret.split("_", 2)[2] not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    assert bearer(secret).get(URL).status_code == 200


def test_no_token_or_a_wrong_one_is_401_problem(make_token, registrations):
    token, secret = make_token()
    for client in (bearer("nonsense"), bearer(secret[:-1] + "x"), bearer(f"plenary_{token.pk + 99}_x")):
        response = client.get(URL)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "unauthenticated"


def test_revoked_and_expired_tokens_are_refused(make_token, api_secretariat, registrations):
    revoked, revoked_secret = make_token()
    services.revoke_token(token=revoked, actor=api_secretariat)
    _expired, expired_secret = make_token(expires_in=dt.timedelta(seconds=-1))
    assert bearer(revoked_secret).get(URL).status_code == 401
    assert bearer(expired_secret).get(URL).status_code == 401


def test_wrong_scope_is_403_with_its_code(make_token, registrations):
    _token, secret = make_token(["read:directory"])
    response = bearer(secret).get(URL)
    assert (response.status_code, response.json()["code"]) == (403, "wrong_scope")


def test_wrong_track_is_404(make_token, registrations):
    _token, secret = make_token()
    response = bearer(secret).get("/api/v1/tracks/another-track/registrations")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_errors_speak_the_requests_language(make_token, registrations):
    _token, secret = make_token(["read:directory"])
    response = bearer(secret, HTTP_ACCEPT_LANGUAGE="fr").get(URL)
    assert response.json()["title"] == "Ce jeton n’a pas la portée read:registrations."


def test_brute_force_is_slowed_to_429_per_address(make_token, settings, registrations):
    settings.PLENARY_API_FAILED_PER_MINUTE = 5
    token, secret = make_token()
    guesses = [bearer(f"plenary_{token.pk}_guess{n}").get(URL).status_code for n in range(7)]
    assert guesses == [401] * 5 + [429] * 2


def test_rate_limit_per_token_answers_429_with_retry_after(make_token, settings, registrations):
    settings.PLENARY_API_RATE_PER_MINUTE = 3
    _token, secret = make_token()
    client = bearer(secret)
    answers = [client.get(URL) for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert 1 <= int(answers[3]["Retry-After"]) <= 60
    assert answers[3].json()["code"] == "rate_limited"


def test_every_request_is_logged_and_last_use_shown(make_token, registrations):
    token, secret = make_token(["read:directory"])
    bearer(secret).get(URL)
    bearer(secret).get("/api/v1/countries?limit=1")
    logged = list(TokenRequest.objects.filter(token=token).order_by("id").values_list("path", "status"))
    assert logged == [(URL, 403), ("/api/v1/countries?limit=1", 200)]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_stops_when_its_owner_loses_the_role(make_token, api_secretariat, registrations):
    _token, secret = make_token()
    api_secretariat.role_assignments.all().delete()
    assert bearer(secret).get(URL).status_code == 401


def test_focal_point_creates_only_a_read_token_for_its_own_delegation(focal, parliaments, igf_track):
    expires = timezone.now() + dt.timedelta(days=1)
    token, _secret = services.create_token(
        owner=focal,
        name="mine",
        scopes=["read:registrations"],
        track=igf_track,
        expires_at=expires,
        actor=focal,
        parliament=parliaments[0],
    )
    assert token.parliament == parliaments[0]
    refused = [
        {"scopes": ["write:check-in"], "parliament": parliaments[0]},
        {"scopes": ["read:registrations"], "parliament": parliaments[1]},
        {"scopes": ["read:registrations"], "parliament": None},
    ]
    for attempt in refused:
        with pytest.raises(ServiceError):
            services.create_token(
                owner=focal, name="x", track=igf_track, expires_at=expires, actor=focal, **attempt
            )


def test_a_focal_points_token_sees_no_other_parliament(focal, parliaments, igf_track, registrations):
    token, secret = services.create_token(
        owner=focal,
        name="mine",
        scopes=["read:registrations"],
        track=igf_track,
        expires_at=timezone.now() + dt.timedelta(days=1),
        actor=focal,
        parliament=parliaments[0],
    )
    client = bearer(secret)
    seen = {row["parliament"] for row in client.get(URL).json()["items"]}
    assert seen == {parliaments[0].country.iso3}
    other = registrations[-1].reference
    assert client.get(f"{URL}/{other}").status_code == 404
    delegations = client.get("/api/v1/tracks/igf2023-pt/delegations").json()["items"]
    assert [row["parliament"] for row in delegations] == [parliaments[0].country.iso3]
