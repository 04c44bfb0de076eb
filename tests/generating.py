"""Running `everthread generate` small, in a test, as the command line runs it."""

from __future__ import annotations

import io

from django.core.management import call_command


def generate(*options: str) -> str:
    """Run the command (no progress bar) and return what it printed."""
    printed = io.StringIO()
    call_command("generate", *options, verbosity=0, stdout=printed)
    return printed.getvalue()
