"""Running `everthread generate` small, in a test, as the command line runs it."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.db.models import Count, Model


def generate(*options: str) -> str:
    """Run the command (no progress bar) and return what it printed."""
    printed = io.StringIO()
    call_command("generate", *options, verbosity=0, stdout=printed)
    return printed.getvalue()


def per_customer(model: type[Model]) -> dict[int, int]:
    """How many rows of ``model`` each customer has (customers with none are left out)."""
    return dict(
        model._default_manager.values_list("customer")
        .annotate(n=Count("id"))
        .values_list("customer", "n")
    )
