import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from plenary.core.sealed import seal_column, unseal_column
from plenary.webhooks import services
from plenary.webhooks.models import Endpoint


def stored_secret(endpoint) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM webhooks_endpoint WHERE id = %s", [endpoint.pk])
        return cursor.fetchone()[0]


def test_the_secret_is_stored_sealed_and_read_back_in_clear(endpoint):
    secret = Endpoint.objects.get(pk=endpoint.pk).secret

    assert (secret.startswith("whsec_"), secret in stored_secret(endpoint)) == (True, False)
    assert Endpoint.objects.get(pk=endpoint.pk).secret == endpoint.secret


def test_a_rotated_secret_is_sealed_too(endpoint, secretariat):
    former = endpoint.secret
    services.rotate_secret(endpoint=endpoint, actor=secretariat)

    rotated = Endpoint.objects.get(pk=endpoint.pk).secret
    assert (rotated != former, rotated.startswith("whsec_"), rotated in stored_secret(endpoint)) == (
        True,
        True,
        False,
    )


def test_secrets_open_after_secret_key_rotation_only_with_the_former_key_kept(endpoint, settings):
    former_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40

    settings.SECRET_KEY_FALLBACKS = [former_key]
    assert Endpoint.objects.get(pk=endpoint.pk).secret == endpoint.secret

    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(ImproperlyConfigured, match="keep the former one in SECRET_KEY_FALLBACKS"):
        Endpoint.objects.get(pk=endpoint.pk)


def test_the_migration_seals_secrets_written_in_clear_and_its_reverse_opens_them(endpoint):
    unseal_column(connection, "webhooks_endpoint", "secret")
    assert stored_secret(endpoint) == endpoint.secret

    seal_column(connection, "webhooks_endpoint", "secret")
    assert (endpoint.secret in stored_secret(endpoint), Endpoint.objects.get(pk=endpoint.pk).secret) == (
        False,
        endpoint.secret,
    )
