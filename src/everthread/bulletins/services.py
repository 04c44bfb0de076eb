"""Writing bulletins and acknowledging them; keeping the promotions calendar."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from everthread.bulletins.errors import BulletinInvalid, PromotionInvalid, PromotionNotFound
from everthread.bulletins.models import (
    Bulletin,
    BulletinAcknowledgement,
    BulletinTarget,
    Promotion,
    PromotionChannel,
)
from everthread.bulletins.selectors import bulletin_for
from everthread.core.models import Capability, Channel, Role, Staff, Store, Team
from everthread.core.services import audit_record, capability_require


@dataclass(frozen=True)
class Audience:
    """Who a bulletin is for. Nothing named means everyone; each kind named narrows it."""

    roles: tuple[str, ...] = ()
    stores: tuple[Store, ...] = ()
    teams: tuple[Team, ...] = ()
    channels: tuple[str, ...] = ()


@dataclass(frozen=True)
class BulletinDraft:
    title: str
    body: str
    audience: Audience = Audience()
    publish_at: datetime.datetime | None = None  # None: now
    expires_at: datetime.datetime | None = None
    acknowledgement_required: bool = True


@transaction.atomic
def bulletin_publish(*, author: Staff, draft: BulletinDraft) -> Bulletin:
    capability_require(staff=author, capability=Capability.MANAGE_BULLETINS)
    title, body = draft.title.strip(), draft.body.strip()
    if not title:
        raise BulletinInvalid("Give the bulletin a title.", field="title")
    if not body:
        raise BulletinInvalid("Say what the bulletin is about.", field="body")
    publish_at = draft.publish_at or timezone.now()
    if draft.expires_at is not None and draft.expires_at <= max(publish_at, timezone.now()):
        raise BulletinInvalid(
            "The bulletin would expire before anyone reads it: choose a later expiry.",
            field="expires_at",
        )
    _audience_check(draft.audience)
    bulletin = Bulletin.objects.create(
        title=title,
        body=body,
        author=author,
        publish_at=publish_at,
        expires_at=draft.expires_at,
        acknowledgement_required=draft.acknowledgement_required,
    )
    audience = draft.audience
    BulletinTarget.objects.bulk_create(
        [BulletinTarget(bulletin=bulletin, role=role) for role in dict.fromkeys(audience.roles)]
        + [BulletinTarget(bulletin=bulletin, store=store) for store in set(audience.stores)]
        + [BulletinTarget(bulletin=bulletin, team=team) for team in set(audience.teams)]
        + [BulletinTarget(bulletin=bulletin, channel=c) for c in dict.fromkeys(audience.channels)]
    )
    audit_record(actor=author, action="bulletin.published", subject=bulletin)
    return bulletin


def _audience_check(audience: Audience) -> None:
    for role in audience.roles:
        if role not in Role.values:
            raise BulletinInvalid(
                f"“{role}” is not a role: use {_listed(Role.values)}.", field="roles"
            )
    for channel in audience.channels:
        if channel not in Channel.values:
            raise BulletinInvalid(
                f"“{channel}” is not a channel: use {_listed(Channel.values)}.", field="channels"
            )


def _listed(values: list[str]) -> str:
    return ", ".join(values)


def bulletin_acknowledge(*, staff: Staff, bulletin_id: int) -> BulletinAcknowledgement:
    """Say it has been read. Saying so again (a double click, a retry) changes nothing."""
    bulletin = bulletin_for(staff=staff, bulletin_id=bulletin_id)
    acknowledgement, _ = BulletinAcknowledgement.objects.get_or_create(
        bulletin=bulletin, staff=staff, defaults={"acknowledged_at": timezone.now()}
    )
    return acknowledgement


@dataclass(frozen=True)
class PromotionDraft:
    name: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    channels: tuple[str, ...]
    description: str = ""
    codes: tuple[str, ...] = ()
    eligibility: str = ""
    audience_notes: str = ""


CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{1,39}")


def promotion_codes_normalise(codes: tuple[str, ...]) -> list[str]:
    """Upper case without spaces, each once, in the order given: "spring 20" is SPRING20."""
    normalised: list[str] = []
    for typed in codes:
        code = re.sub(r"\s+", "", typed).upper()
        if not code:
            continue
        if not CODE.fullmatch(code):
            raise PromotionInvalid(
                f"“{typed.strip()}” is not a code: 2 to 40 letters, digits, - or _.",
                field="codes",
            )
        if code not in normalised:
            normalised.append(code)
    return normalised


@transaction.atomic
def promotion_save(
    *, actor: Staff, draft: PromotionDraft, promotion_id: int | None = None
) -> Promotion:
    """Add a promotion to the calendar, or change one (promotion_id)."""
    capability_require(staff=actor, capability=Capability.MANAGE_BULLETINS)
    fields = _promotion_fields(draft)
    if promotion_id is None:
        promotion = Promotion.objects.create(created_by=actor, updated_by=actor, **fields)
    else:
        found = Promotion.objects.select_for_update().filter(pk=promotion_id).first()
        if found is None:
            raise PromotionNotFound("That promotion is not on the calendar.")
        promotion = found
        for name, value in fields.items():
            setattr(promotion, name, value)
        promotion.updated_by = actor
        promotion.save()
        promotion.channels.all().delete()
    PromotionChannel.objects.bulk_create(
        PromotionChannel(promotion=promotion, channel=channel)
        for channel in dict.fromkeys(draft.channels)
    )
    action = "promotion.created" if promotion_id is None else "promotion.changed"
    audit_record(actor=actor, action=action, subject=promotion)
    return promotion


def _promotion_fields(draft: PromotionDraft) -> dict[str, object]:
    name = draft.name.strip()
    if not name:
        raise PromotionInvalid("Give the promotion a name.", field="name")
    if draft.ends_at <= draft.starts_at:
        raise PromotionInvalid("A promotion must end after it starts.", field="ends_at")
    if not draft.channels:
        raise PromotionInvalid("Choose at least one channel it runs in.", field="channels")
    for channel in draft.channels:
        if channel not in Channel.values:
            raise PromotionInvalid(
                f"“{channel}” is not a channel: use {_listed(Channel.values)}.", field="channels"
            )
    return {
        "name": name,
        "description": draft.description.strip(),
        "starts_at": draft.starts_at,
        "ends_at": draft.ends_at,
        "codes": promotion_codes_normalise(draft.codes),
        "eligibility": draft.eligibility.strip(),
        "audience_notes": draft.audience_notes.strip(),
    }
