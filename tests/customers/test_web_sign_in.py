"""Customer pages are for signed-in staff: anyone else is sent to sign in, and a wrong
password says so without letting them in."""

from __future__ import annotations

import pytest
from django.test import Client

from factories import CustomerFactory


@pytest.mark.parametrize("path", ["/", "/customers/", "/customers/new/"])
def test_pages_send_a_visitor_to_sign_in(client: Client, organisation, path: str) -> None:
    response = client.get(path, follow=True)

    assert response.redirect_chain[-1][0].startswith("/login/?next=")
    assert b"Sign in" in response.content


def test_a_customer_page_sends_a_visitor_to_sign_in_and_back(client: Client, organisation) -> None:
    amara = CustomerFactory()

    response = client.get(f"/customers/{amara.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=/customers/{amara.pk}/"


def test_the_right_password_signs_in_to_my_day(client: Client, associate) -> None:
    response = client.post(
        "/login/", {"username": "tom", "password": "everthread-test"}, follow=True
    )

    assert response.redirect_chain == [("/", 302), ("/my-day/", 302)]
    assert response.status_code == 200
    assert b"<h1>My day</h1>" in response.content
    assert "Tom Reilly" in response.content.decode()


def test_signing_in_returns_to_the_page_asked_for(client: Client, associate) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    response = client.post(
        "/login/",
        {"username": "tom", "password": "everthread-test", "next": f"/customers/{amara.pk}/"},
    )

    assert response["Location"] == f"/customers/{amara.pk}/"


def test_a_wrong_password_shows_an_error_and_does_not_sign_in(client: Client, associate) -> None:
    response = client.post("/login/", {"username": "tom", "password": "guess"})

    assert response.status_code == 200
    assert "Your username and password did not match. Try again." in response.content.decode()
    assert client.get("/customers/").status_code == 302
