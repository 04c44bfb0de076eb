"""Webhooks straight to their views, ahead of what only a person's browser needs.

A provider's server keeps no session, sends no CSRF token, renders no page (so no CSP
or framing headers) and reads no time of day: the session, CSRF, authentication,
message, HTMX, time zone and audit middleware would only cost each delivery time. This
middleware sits right after the health checks and answers /hooks/ itself; the view still
checks the host (ALLOWED_HOSTS) when it works out the URL the provider signed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

HOOKS = "everthread.channels.hook_urls"


class WebhookMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/hooks/"):
            return self.get_response(request)
        try:
            match = resolve(request.path_info, urlconf=HOOKS)
        except Resolver404:
            return self.get_response(request)  # the usual 404 page
        return match.func(request, *match.args, **match.kwargs)
