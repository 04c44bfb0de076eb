"""Strict reading of deploy-time settings from the environment.

Every value is parsed here, once, at start-up; a malformed value or an unknown
``EVERTHREAD_*`` name stops the process with a message a person can act on,
instead of a traceback later in a request.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ImproperlyConfigured

PREFIX = "EVERTHREAD_"
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class Environment:
    """Reads settings and remembers which names it was asked for."""

    def __init__(self, source: Mapping[str, str] | None = None) -> None:
        self.source = os.environ if source is None else source
        self.known: set[str] = set()

    def _raw(self, name: str) -> str | None:
        self.known.add(name)
        return self.source.get(name)

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self._raw(name)
        return default if value is None else value.strip()

    def required(self, name: str) -> str:
        value = self.text(name)
        if not value:
            raise ImproperlyConfigured(f"{name} must be set.")
        return value

    def flag(self, name: str, default: bool) -> bool:
        value = self._raw(name)
        if value is None:
            return default
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(f"{name}={value!r} is not a yes/no value; use true or false.")

    def number(self, name: str, default: int, *, minimum: int = 0) -> int:
        value = self._raw(name)
        if value is None or not value.strip():
            return default
        try:
            number = int(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
        if number < minimum:
            raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
        return number

    def names(self, name: str, default: list[str]) -> list[str]:
        value = self._raw(name)
        if value is None:
            return default
        return [item.strip() for item in value.split(",") if item.strip()]

    def time_zone(self, name: str, default: str) -> str:
        value = self.text(name, default) or default
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ImproperlyConfigured(
                f"{name}={value!r} is not a time zone name such as Europe/London."
            ) from None
        return value

    def refuse_unknown(self) -> None:
        """Stop on any ``EVERTHREAD_*`` name nobody reads: it is almost always a typo."""
        ours = sorted(self.known)
        for name in sorted(self.source):
            if name.startswith(PREFIX) and name not in self.known:
                close = difflib.get_close_matches(name, ours, n=1)
                hint = f" Did you mean {close[0]}?" if close else ""
                raise ImproperlyConfigured(
                    f"Unknown setting {name}.{hint} Known settings: {', '.join(ours)}."
                )
