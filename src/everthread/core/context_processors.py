from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone


def organisation(request: HttpRequest) -> dict[str, Any]:
    # ``now`` lets every page say "overdue" against the same instant.
    return {"organisation": getattr(request, "organisation", None), "now": timezone.now()}
