"""The request as our middleware and authentication leave it, for type checking."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from everthread.core.models import Organisation, Staff


class StaffRequest(HttpRequest):
    """A request from a signed-in member of staff (web session or API token)."""

    user: Staff
    auth: Staff
    organisation: Organisation
    htmx: HtmxDetails
