from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet

from everthread.core.errors import NotFound
from everthread.core.models import ORGANISATION_CACHE_KEY, Organisation, Staff, Store

# Long enough to spare a query on every request, short enough that a change made
# directly in the database shows within a minute.
ORGANISATION_CACHE_SECONDS = 60


def organisation_current() -> Organisation | None:
    """The organisation, or None before one is set up; cached between saves."""
    organisation = cache.get(ORGANISATION_CACHE_KEY)
    if organisation is None:
        organisation = Organisation.objects.filter(pk=1).first()
        if organisation is not None:
            cache.set(ORGANISATION_CACHE_KEY, organisation, ORGANISATION_CACHE_SECONDS)
    return organisation


def organisation_get() -> Organisation:
    organisation = organisation_current()
    if organisation is None:
        raise NotFound(
            "No organisation is set up yet; run `everthread demo` or create one in the admin."
        )
    return organisation


def store_list() -> QuerySet[Store]:
    return Store.objects.order_by("name")


def staff_list(*, active_only: bool = True) -> QuerySet[Staff]:
    staff = Staff.objects.select_related("home_store").order_by("first_name", "last_name")
    return staff.filter(is_active=True) if active_only else staff


def staff_by_username(username: str) -> Staff:
    """An active member of staff, e.g. the one a command acts as."""
    staff = Staff.objects.filter(username=username, is_active=True).first()
    if staff is None:
        raise NotFound(f"No active staff member has the username {username!r}.", field="username")
    return staff
