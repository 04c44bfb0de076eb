"""Bulletins and the promotions calendar over the API."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema

from everthread.bulletins.models import Bulletin, Promotion
from everthread.bulletins.selectors import (
    BulletinPage,
    PromotionPage,
    bulletin_for,
    bulletin_report,
    bulletins_mine,
    promotion_detail,
    promotions_list,
)
from everthread.bulletins.services import (
    Audience,
    BulletinDraft,
    PromotionDraft,
    bulletin_acknowledge,
    bulletin_publish,
    promotion_save,
)
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Channel, Role
from everthread.core.permissions import requires
from everthread.core.schemas import (
    AwareDateTime,
    PageParams,
    StaffRef,
    StoreRef,
    TeamRef,
    answer_once,
    store_coded,
    team_coded,
)

router = Router(tags=["bulletins and promotions"])


class AudienceIn(Schema):
    roles: list[Role] = Field(default_factory=list)
    stores: list[str] = Field(default_factory=list, description="Store codes.")
    teams: list[str] = Field(default_factory=list, description="Team codes.")
    channels: list[Channel] = Field(
        default_factory=list, description="Reaches the staff of every team that works them."
    )


class BulletinIn(Schema):
    title: str
    body: str
    audience: AudienceIn = Field(
        default_factory=AudienceIn,
        description="Empty: everyone. Each kind named narrows: roles AND stores AND teams "
        "AND channels, any of those named in each.",
    )
    publish_at: AwareDateTime | None = Field(default=None, description="Default: now.")
    expires_at: AwareDateTime | None = None
    acknowledgement_required: bool = True


class AudienceOut(Schema):
    roles: list[str]
    stores: list[StoreRef]
    teams: list[TeamRef]
    channels: list[str]


class BulletinOut(Schema):
    id: int
    title: str
    body: str
    author: StaffRef
    publish_at: datetime.datetime
    expires_at: datetime.datetime | None
    acknowledgement_required: bool
    acknowledged_at: datetime.datetime | None = Field(
        default=None, description="When you acknowledged it; null if you have not."
    )


class BulletinCreatedOut(BulletinOut):
    audience: AudienceOut

    @staticmethod
    def resolve_audience(bulletin: Bulletin) -> dict[str, list[object]]:
        targets = list(bulletin.targets.select_related("store", "team"))
        return {
            "roles": [t.role for t in targets if t.role],
            "stores": [t.store for t in targets if t.store],
            "teams": [t.team for t in targets if t.team],
            "channels": [t.channel for t in targets if t.channel],
        }


class BulletinPageOut(Schema):
    items: list[BulletinOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: BulletinPage) -> list[Bulletin]:
        return page.bulletins


class AcknowledgementOut(Schema):
    bulletin_id: int
    acknowledged_at: datetime.datetime


class ReaderOut(Schema):
    staff: StaffRef
    acknowledged_at: datetime.datetime | None


class ReportOut(Schema):
    bulletin: BulletinOut
    audience: int
    acknowledged: int
    outstanding: int
    readers: list[ReaderOut] = Field(description="Those who have not acknowledged first.")


@router.get(
    "/bulletins",
    response=BulletinPageOut,
    summary="The bulletins out now that are meant for you, newest first",
)
@requires()
def bulletins_list(request: StaffRequest, params: Query[PageParams]) -> object:
    return bulletins_mine(staff=request.auth, after=params.cursor, limit=params.limit)


@router.post(
    "/bulletins",
    response={201: BulletinCreatedOut},
    summary="Publish a bulletin to roles, stores, teams or channels (or everyone)",
)
@requires(Capability.MANAGE_BULLETINS)
def bulletins_create(request: StaffRequest, payload: BulletinIn) -> object:
    audience = payload.audience

    def write() -> tuple[int, Schema]:
        bulletin = bulletin_publish(
            author=request.auth,
            draft=BulletinDraft(
                title=payload.title,
                body=payload.body,
                audience=Audience(
                    roles=tuple(audience.roles),
                    stores=tuple(store_coded(c, field="audience.stores") for c in audience.stores),
                    teams=tuple(team_coded(c, field="audience.teams") for c in audience.teams),
                    channels=tuple(audience.channels),
                ),
                publish_at=payload.publish_at,
                expires_at=payload.expires_at,
                acknowledgement_required=payload.acknowledgement_required,
            ),
        )
        return 201, BulletinCreatedOut.from_orm(bulletin)

    return answer_once(request, write)


@router.get("/bulletins/{bulletin_id}", response=BulletinOut, summary="One bulletin for you")
@requires()
def bulletins_read(request: StaffRequest, bulletin_id: int) -> object:
    return bulletin_for(staff=request.auth, bulletin_id=bulletin_id)


@router.post(
    "/bulletins/{bulletin_id}/acknowledge",
    response=AcknowledgementOut,
    summary="Acknowledge you have read a bulletin; again changes nothing",
)
@requires()
def bulletins_acknowledge(request: StaffRequest, bulletin_id: int) -> object:
    return bulletin_acknowledge(staff=request.auth, bulletin_id=bulletin_id)


@router.get(
    "/bulletins/{bulletin_id}/report",
    response=ReportOut,
    summary="Who in a bulletin's audience has acknowledged it, and who has not",
)
@requires(Capability.MANAGE_BULLETINS)
def bulletins_report(request: StaffRequest, bulletin_id: int) -> object:
    report = bulletin_report(bulletin_id=bulletin_id)
    return ReportOut(
        bulletin=BulletinOut.from_orm(report.bulletin),
        audience=len(report.readers),
        acknowledged=len(report.acknowledged),
        outstanding=len(report.outstanding),
        readers=[
            ReaderOut(staff=StaffRef.from_orm(r.staff), acknowledged_at=r.acknowledged_at)
            for r in report.readers
        ],
    )


class PromotionIn(Schema):
    name: str
    description: str = ""
    channels: list[Channel] = Field(description="Where it runs; at least one.")
    starts_at: AwareDateTime
    ends_at: AwareDateTime
    codes: list[str] = Field(
        default_factory=list, description="Normalised: upper case, no spaces, each once."
    )
    eligibility: str = ""
    audience_notes: str = ""

    def draft(self) -> PromotionDraft:
        return PromotionDraft(
            name=self.name,
            description=self.description,
            channels=tuple(self.channels),
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            codes=tuple(self.codes),
            eligibility=self.eligibility,
            audience_notes=self.audience_notes,
        )


class PromotionOut(Schema):
    id: int
    name: str
    description: str
    channels: list[str]
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    codes: list[str]
    eligibility: str
    audience_notes: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_channels(promotion: Promotion) -> list[str]:
        return [row.channel for row in promotion.channels.all()]


class PromotionPageOut(Schema):
    items: list[PromotionOut]
    next_cursor: str | None

    @staticmethod
    def resolve_items(page: PromotionPage) -> list[Promotion]:
        return page.promotions


class PromotionsParams(PageParams):
    live: bool | None = Field(
        default=None, description="true: running now; false: not running now (ended or to come)."
    )
    channel: Channel | None = Field(default=None, description="Only those running in it.")


@router.get(
    "/promotions",
    response=PromotionPageOut,
    summary="The promotions calendar, by start: live now or not, in a channel or all",
)
@requires()
def promotions_index(request: StaffRequest, params: Query[PromotionsParams]) -> object:
    return promotions_list(
        live=params.live, channel=params.channel or "", after=params.cursor, limit=params.limit
    )


@router.post("/promotions", response={201: PromotionOut}, summary="Add a promotion to the calendar")
@requires(Capability.MANAGE_BULLETINS)
def promotions_create(request: StaffRequest, payload: PromotionIn) -> object:
    def write() -> tuple[int, Schema]:
        promotion = promotion_save(actor=request.auth, draft=payload.draft())
        return 201, PromotionOut.from_orm(promotion_detail(promotion_id=promotion.pk))

    return answer_once(request, write)


@router.put(
    "/promotions/{promotion_id}", response=PromotionOut, summary="Change a promotion, in full"
)
@requires(Capability.MANAGE_BULLETINS)
def promotions_update(request: StaffRequest, promotion_id: int, payload: PromotionIn) -> object:
    promotion = promotion_save(actor=request.auth, draft=payload.draft(), promotion_id=promotion_id)
    return promotion_detail(promotion_id=promotion.pk)
