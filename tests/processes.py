"""Running the `everthread` command as a separate process, as an operator would."""

from __future__ import annotations

import os
import subprocess
import sys


def everthread(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `everthread ARGS` with only the settings given here (none inherited)."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("EVERTHREAD_")}
    inherited.pop("DATABASE_URL", None)
    # The browser tests allow sync ORM calls beside Playwright's loop; an operator never does.
    inherited.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "-m", "everthread", *args],
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=180,  # generous: the machine may be busy; no test asserts how long it took
    )
