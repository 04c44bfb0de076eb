"""`everthread token` hands out a bearer token once, keeps only its digest, lists tokens
without their secrets and revokes one by its prefix."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from everthread.core.models import ApiToken, AuditEvent


def _token(*args: str) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out)
    return out.getvalue().strip()


def _me(secret: str):
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/me")


def test_a_created_token_authenticates_as_its_owner(associate) -> None:
    secret = _token("create", "tom", "--name", "shop floor tablet")

    response = _me(secret)

    assert secret.startswith("et_")
    assert response.status_code == 200
    assert response.json()["username"] == "tom"
    token = ApiToken.objects.get()
    assert (token.staff, token.name) == (associate, "shop floor tablet")
    assert token.last_used_at is not None


def test_only_a_digest_of_the_secret_is_stored(associate) -> None:
    secret = _token("create", "tom")

    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix)
    stored = [*ApiToken.objects.values_list(), *AuditEvent.objects.values_list()]
    assert not any(secret in str(value) for row in stored for value in row)


def test_each_token_is_different(associate) -> None:
    assert _token("create", "tom") != _token("create", "tom")
    assert ApiToken.objects.count() == 2


def test_a_revoked_token_stops_working(associate) -> None:
    secret = _token("create", "tom")
    other = _token("create", "tom")
    prefix = ApiToken.objects.get(digest=hashlib.sha256(secret.encode()).hexdigest()).prefix

    printed = _token("revoke", prefix)

    assert printed == f"Revoked {prefix} (tom)."
    assert _me(secret).status_code == 401
    assert _me(other).status_code == 200
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_revoking_twice_is_harmless(associate) -> None:
    _token("create", "tom")
    prefix = ApiToken.objects.get().prefix

    _token("revoke", prefix)
    _token("revoke", prefix)

    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_an_unknown_username_is_a_command_error(organisation) -> None:
    with pytest.raises(CommandError, match="No staff member has the username 'nobody'"):
        _token("create", "nobody")
    assert not ApiToken.objects.exists()


def test_an_unknown_prefix_is_a_command_error(organisation) -> None:
    with pytest.raises(CommandError, match="No API token starts with 'et_nothing'"):
        _token("revoke", "et_nothing")


def test_a_token_for_someone_who_left_is_refused(associate) -> None:
    associate.is_active = False
    associate.save()

    with pytest.raises(CommandError, match="tom is not active"):
        _token("create", "tom")


def test_the_list_shows_prefixes_and_state_but_never_secrets(associate, coach) -> None:
    toms = _token("create", "tom", "--name", "till")
    coachs = _token("create", "coach")
    _token("revoke", ApiToken.objects.get(staff=coach).prefix)

    listing = _token("list")
    only_tom = _token("list", "tom")

    assert toms not in listing
    assert coachs not in listing
    lines = listing.splitlines()
    assert len(lines) == 2
    tom_line = next(line for line in lines if " tom " in line)
    coach_line = next(line for line in lines if " coach " in line)
    assert tom_line.startswith(ApiToken.objects.get(staff=associate).prefix)
    assert "active" in tom_line
    assert "till" in tom_line
    assert "revoked" in coach_line
    assert only_tom.splitlines() == [tom_line]
