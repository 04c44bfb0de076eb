"""Erasing what the channels kept: the files a customer sent go with their words."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import models

from everthread.privacy.registry import Anonymise


@dataclass(frozen=True)
class AnonymiseWithFiles(Anonymise):
    """Anonymise inbound events, first deleting the attachments their payloads list."""

    def __call__(self, rows: models.QuerySet) -> int:
        for payload in rows.values_list("payload", flat=True):
            for attachment in (payload or {}).get("attachments") or []:
                default_storage.delete(attachment["path"])
        return super().__call__(rows)
