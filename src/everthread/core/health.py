"""Health and readiness for the load balancer and the orchestrator.

``/healthz`` says the process answers (no database, so a slow database never gets a
healthy process killed); ``/readyz`` says it can serve: the database answers with
every migration applied, and the cache takes a write and gives it back.

Both are answered by the first middleware, before host checks, HTTPS redirects and
sessions: a probe comes by plain HTTP to the container's own address.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return _answer({"status": "ok"}, status=200)
        if request.path == "/readyz":
            problems = _database_problems() + _cache_problems()
            body: dict[str, object] = {
                "status": "not ready" if problems else "ready",
                "problems": problems,
            }
            return _answer(body, status=503 if problems else 200)
        return self.get_response(request)


def _answer(body: dict[str, object], *, status: int) -> HttpResponse:
    response = JsonResponse(body, status=status)
    add_never_cache_headers(response)
    return response


def _database_problems() -> list[str]:
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return [f"database: {error}".strip()]
    if pending:
        return [f"database: {len(pending)} migrations not applied; run `everthread migrate`"]
    return []


def _cache_problems() -> list[str]:
    probe = uuid.uuid4().hex
    try:
        cache.set("everthread:readyz", probe, timeout=10)
        if cache.get("everthread:readyz") != probe:
            return ["cache: a value written was not read back"]
    except Exception as error:  # any backend's failure means not ready, whatever its type
        return [f"cache: {error}"]
    return []
