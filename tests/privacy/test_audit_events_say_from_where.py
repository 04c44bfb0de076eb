"""Each audit event says where the act came from: the web client's address, the API
token's prefix (never its secret)."""

from __future__ import annotations

from django.test import Client

from everthread.core.models import AuditEvent
from everthread.core.services import token_create
from factories import CustomerFactory


def _origin_of_last_view() -> str:
    return AuditEvent.objects.filter(action="customer.viewed").latest("id").origin


def test_a_page_view_records_the_address(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara")

    signed_in.get(f"/customers/{amara.pk}/", REMOTE_ADDR="203.0.113.7")

    assert _origin_of_last_view() == "web 203.0.113.7"


def test_an_api_read_records_the_token_prefix_and_address(associate) -> None:
    amara = CustomerFactory(given_name="Amara")
    token, secret = token_create(staff=associate)

    Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(
        f"/api/v1/customers/{amara.pk}", REMOTE_ADDR="198.51.100.20"
    )

    assert _origin_of_last_view() == f"API token {token.prefix} from 198.51.100.20"
    assert secret not in _origin_of_last_view()
