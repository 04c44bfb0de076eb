"""Panels of the customer page that come when staff open them: the page, the piece HTMX
fetches on opening, and the same address without JavaScript (a page of its own)."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client

from everthread.core.models import Staff


@dataclass(frozen=True)
class Opened:
    page: str
    piece: str
    full: str


def signed_in_as(staff: Staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def panel_opened(client: Client, *, customer_id: int, url: str) -> Opened:
    """The customer page, then the panel at ``url`` as HTMX asks for it and as a browser does."""
    return Opened(
        page=client.get(f"/customers/{customer_id}/").content.decode(),
        piece=client.get(url, headers={"HX-Request": "true"}).content.decode(),
        full=client.get(url).content.decode(),
    )
