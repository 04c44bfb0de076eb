"""A signed unsubscribe link works without signing in, shows what will change and withdraws
it on POST; a changed or expired link shows a clear page and changes nothing, and no link
can unsubscribe anyone but the customer it was made for."""

from __future__ import annotations

import datetime

import pytest
from django.core import signing
from django.test import Client

from everthread.consent.selectors import consent_standing
from everthread.outreach.unsubscribe import unsubscribe_token, unsubscribe_url


def _link(customer, channel="email", purpose="marketing") -> str:
    return unsubscribe_url(base_url="", customer_id=customer.pk, channel=channel, purpose=purpose)


def test_the_link_shows_what_will_change_then_withdraws_it(charlotte) -> None:
    link = _link(charlotte)
    visitor = Client()

    page = visitor.get(link)
    assert page.status_code == 200
    assert (
        "You will stop getting marketing by Email from Harlow &amp; Finch" in page.content.decode()
    )
    assert consent_standing(customer_id=charlotte.pk).state("email", "marketing").granted

    done = visitor.post(link, REMOTE_ADDR="198.51.100.23")

    assert done.status_code == 200
    assert "You are unsubscribed" in done.content.decode()
    state = consent_standing(customer_id=charlotte.pk).state("email", "marketing")
    assert state.withdrawn
    assert (state.event.source, state.event.ip_address) == ("unsubscribe_link", "198.51.100.23")
    assert consent_standing(customer_id=charlotte.pk).state("whatsapp", "marketing").granted


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token.replace(token.split(":")[0], "x" + token.split(":")[0][1:]),
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_link_changes_nothing(charlotte, tamper) -> None:
    token = unsubscribe_token(customer_id=charlotte.pk, channel="email", purpose="marketing")

    response = Client().post(f"/unsubscribe/{tamper(token)}/")

    assert response.status_code == 400
    assert "This link did not work" in response.content.decode()
    assert "Nothing has been changed." in response.content.decode()
    assert consent_standing(customer_id=charlotte.pk).state("email", "marketing").granted


def test_an_expired_link_changes_nothing(charlotte, monkeypatch) -> None:
    old = datetime.datetime.now() - datetime.timedelta(days=91)
    monkeypatch.setattr(signing.time, "time", lambda: old.timestamp())
    token = unsubscribe_token(customer_id=charlotte.pk, channel="email", purpose="marketing")
    monkeypatch.undo()

    response = Client().post(f"/unsubscribe/{token}/")

    assert response.status_code == 400
    assert "This unsubscribe link has expired" in response.content.decode()
    assert consent_standing(customer_id=charlotte.pk).state("email", "marketing").granted


def test_a_link_cannot_be_turned_on_someone_else(charlotte, sofia) -> None:
    token = unsubscribe_token(customer_id=charlotte.pk, channel="email", purpose="marketing")
    signature = token.rpartition(":")[2]
    forged_payload = signing.dumps([sofia.pk, "email", "marketing"], salt="another app")
    forged = forged_payload.rpartition(":")[0] + ":" + signature

    response = Client().post(f"/unsubscribe/{forged}/")

    assert response.status_code == 400
    assert consent_standing(customer_id=sofia.pk).state("email", "marketing").granted
    assert consent_standing(customer_id=charlotte.pk).state("email", "marketing").granted
