from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from everthread.core.errors import DomainError
from everthread.core.selectors import organisation_current
from everthread.core.services import TOKEN_PREFIX, audit_origin


class OrganisationTimeZoneMiddleware:
    """Show times in the organisation's own time zone; store them in UTC."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        organisation = organisation_current()
        request.organisation = organisation  # type: ignore[attr-defined]
        if organisation is not None:
            timezone.activate(ZoneInfo(organisation.time_zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class DomainErrorMiddleware:
    """Render a domain error as an HTMX partial or an error page, with its own status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        template = "core/_error.html" if getattr(request, "htmx", False) else "core/error.html"
        return render(request, template, {"error": exception}, status=exception.http_status)


class AuditOriginMiddleware:
    """Say in every audit event a request records where the request came from.

    The address is the connecting client's (REMOTE_ADDR): behind a proxy, that is the
    proxy unless the deployment rewrites it. An API token is named by its prefix, which is
    all the database keeps of it; the secret itself is never recorded.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = audit_origin.set(request_origin(request))
        try:
            return self.get_response(request)
        finally:
            audit_origin.reset(token)


def request_origin(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR") or "unknown address"
    scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and secret.startswith(TOKEN_PREFIX):
        return f"API token {secret[: len(TOKEN_PREFIX) + 8]} from {address}"[:120]
    return f"web {address}"[:120]
