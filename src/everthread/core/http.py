"""The request as our middleware and authentication leave it, for type checking."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from everthread.core.errors import NotFound
from everthread.core.models import Organisation, Staff

T = TypeVar("T")


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


def request_memo(request: HttpRequest, key: Hashable, read: Callable[[], T]) -> T:
    """Read something once per request, however many parts of the page ask for it."""
    memo: dict[Hashable, Any] = request.__dict__.setdefault("_everthread_memo", {})
    if key not in memo:
        memo[key] = read()
    return memo[key]
