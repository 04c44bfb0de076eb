"""The API answers a live bearer token or a signed-in session; without one it is 401,
in the same error shape, and a revoked token stops working at once."""

from __future__ import annotations

from django.test import Client

from everthread.core.services import token_create, token_revoke
from factories import CustomerFactory, StaffFactory

UNAUTHENTICATED = {
    "code": "unauthenticated",
    "detail": "Send Authorization: Bearer <token> (everthread token create USERNAME) or sign in.",
    "field": None,
}


def test_no_token_is_401(client: Client, organisation) -> None:
    amara = CustomerFactory()

    assert client.get("/api/v1/customers").json() == UNAUTHENTICATED
    response = client.get(f"/api/v1/customers/{amara.pk}")
    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_an_unknown_token_is_401(organisation) -> None:
    api = Client(HTTP_AUTHORIZATION="Bearer et_not-a-token-anyone-was-given")

    response = api.get("/api/v1/customers")

    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_a_revoked_token_is_401(associate) -> None:
    token, secret = token_create(staff=associate)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/customers").status_code == 200

    token_revoke(prefix=token.prefix)

    response = api.get("/api/v1/customers")
    assert response.status_code == 401
    assert response.json() == UNAUTHENTICATED


def test_a_token_of_someone_who_left_is_401(associate) -> None:
    _, secret = token_create(staff=associate)
    associate.is_active = False
    associate.save()

    response = Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/customers")

    assert response.status_code == 401


def test_a_token_says_who_it_belongs_to(api: Client, associate) -> None:
    response = api.get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["username"] == "tom"


def test_a_signed_in_session_reads_and_writes_customers(client: Client, associate) -> None:
    client.force_login(associate)
    amara = CustomerFactory(given_name="Amara")

    read = client.get(f"/api/v1/customers/{amara.pk}")
    created = client.post(
        "/api/v1/customers", {"given_name": "Rosa"}, content_type="application/json"
    )

    assert read.status_code == 200
    assert read.json()["given_name"] == "Amara"
    assert created.status_code == 201


def test_signing_out_ends_api_access(client: Client, organisation) -> None:
    priya = StaffFactory(username="priya")
    client.force_login(priya)
    client.logout()

    assert client.get("/api/v1/customers").status_code == 401
