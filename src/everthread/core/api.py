from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from everthread.core.http import StaffRequest
from everthread.core.permissions import requires
from everthread.core.selectors import organisation_get, staff_list, store_list

router = Router(tags=["organisation"])


class StoreOut(Schema):
    id: int
    code: str
    name: str
    address: str
    time_zone: str


class StaffOut(Schema):
    id: int
    username: str
    name: str
    role: str
    home_store_id: int | None

    @staticmethod
    def resolve_name(staff: object) -> str:
        return str(staff)


class OrganisationOut(Schema):
    name: str
    industry: str
    time_zone: str
    phone_region: str
    language: str


@router.get("/me", response=StaffOut, summary="Who the request is authenticated as")
@requires()
def me(request: StaffRequest) -> object:
    return request.auth


@router.get("/organisation", response=OrganisationOut)
@requires()
def organisation(request: HttpRequest) -> object:
    return organisation_get()


@router.get("/stores", response=list[StoreOut])
@requires()
def stores(request: HttpRequest) -> object:
    return store_list()


@router.get("/staff", response=list[StaffOut], summary="Active staff, e.g. to choose an advisor")
@requires()
def staff(request: HttpRequest) -> object:
    return staff_list()
