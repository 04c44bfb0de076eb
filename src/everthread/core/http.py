"""The request as our middleware and authentication leave it, for type checking."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from everthread.core.errors import NotFound
from everthread.core.models import Organisation, Staff


class StaffRequest(HttpRequest):
    """A request from a signed-in member of staff (web session or API token)."""

    user: Staff
    auth: Staff
    organisation: Organisation | None  # None until one is set up
    htmx: HtmxDetails


def phone_region(request: StaffRequest) -> str:
    """Where a phone number typed without +country code is from."""
    if request.organisation is None:
        raise NotFound(
            "No organisation is set up yet: run `everthread demo`, or create it in the back office."
        )
    return request.organisation.phone_region
