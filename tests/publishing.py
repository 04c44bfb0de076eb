"""Bulletins and promotions written the way a manager writes them, for tests."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.test import Client
from django.utils import timezone

from everthread.bulletins.models import Bulletin, Promotion
from everthread.bulletins.services import (
    Audience,
    BulletinDraft,
    PromotionDraft,
    bulletin_publish,
    promotion_save,
)
from everthread.core.models import Staff
from everthread.core.services import token_create


def publish(author: Staff, title: str = "New returns steps", **fields: Any) -> Bulletin:
    audience = fields.pop("audience", Audience())
    return bulletin_publish(
        author=author,
        draft=BulletinDraft(
            title=title,
            body=fields.pop("body", "Scan the receipt first."),
            audience=audience,
            **fields,
        ),
    )


def api_for(staff: Staff) -> Client:
    _, secret = token_create(staff=staff)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def promote(
    author: Staff,
    name: str,
    *,
    days: tuple[float, float],
    channels: Iterable[str] = ("instagram",),
    **fields: Any,
) -> Promotion:
    now = timezone.now()
    return promotion_save(
        actor=author,
        draft=PromotionDraft(
            name=name,
            starts_at=now + datetime.timedelta(days=days[0]),
            ends_at=now + datetime.timedelta(days=days[1]),
            channels=tuple(channels),
            **fields,
        ),
    )
