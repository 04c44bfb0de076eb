"""Writes to the organisation, its staff, API tokens and the audit log."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from everthread.core.bulk_writes import rows_insert
from everthread.core.errors import (
    Conflict,
    Forbidden,
    IdempotencyKeyReused,
    InvalidInput,
    NotFound,
)
from everthread.core.models import (
    ApiToken,
    AuditEvent,
    IdempotencyRecord,
    Organisation,
    Role,
    Staff,
    Store,
    Team,
)

TOKEN_PREFIX = "et_"
# How long finished background work stays in the queue's table: failures longer, for whoever
# looks into why.
FINISHED_TASKS_KEPT = datetime.timedelta(days=7)
FAILED_TASKS_KEPT = datetime.timedelta(days=30)

# Where the current request or command comes from ("web 203.0.113.7", "API token et_ab12cd34
# from ...", "command line"): set once per request by AuditOriginMiddleware and per run by
# commands, so every audit event says from where without each caller passing it.
audit_origin: ContextVar[str] = ContextVar("audit_origin", default="")


@dataclass(frozen=True)
class Audited:
    """One entry for audit_record_many: what audit_record takes, less the actor."""

    action: str
    subject: models.Model
    customer_id: int | None = None
    detail: dict[str, Any] | None = None


def audit_record(
    *,
    actor: Staff | None,
    action: str,
    subject: models.Model,
    customer_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        **_audit_row(actor, Audited(action, subject, customer_id, detail))
    )


def audit_record_many(*, actor: Staff | None, entries: Iterable[Audited]) -> int:
    """audit_record for many subjects in one bulk insert, for bulk writes; how many were kept."""
    rows = [_audit_row(actor, entry) for entry in entries]
    rows_insert(AuditEvent, rows)
    return len(rows)


def _audit_row(actor: Staff | None, entry: Audited) -> dict[str, Any]:
    return {
        "actor_id": actor.pk if actor is not None else None,
        "action": entry.action,
        "subject_type": entry.subject._meta.label_lower,
        "subject_id": str(entry.subject.pk),
        "customer_id": entry.customer_id,
        "detail": entry.detail or {},
        "origin": audit_origin.get(),
    }


def capability_require(*, staff: Staff, capability: str) -> None:
    if not staff.can(capability):
        raise Forbidden(f"Your role ({staff.get_role_display()}) does not allow this.")


@transaction.atomic
def organisation_configure(**fields: Any) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(pk=1, defaults=fields)
    organisation.full_clean()
    return organisation


@transaction.atomic
def store_upsert(*, code: str, **fields: Any) -> Store:
    store, _ = Store.objects.update_or_create(code=code, defaults=fields)
    store.full_clean()
    return store


@transaction.atomic
def team_upsert(*, code: str, **fields: Any) -> Team:
    team, _ = Team.objects.update_or_create(code=code, defaults=fields)
    team.full_clean()
    return team


@transaction.atomic
def staff_upsert(
    *, username: str, password: str, teams: tuple[Team, ...] = (), **fields: Any
) -> Staff:
    """Create or update a member of staff; admins also get Django's back office."""
    role = fields.get("role", Role.ASSOCIATE)
    fields["is_staff"] = fields["is_superuser"] = role == Role.ADMIN
    staff, created = Staff.objects.update_or_create(username=username, defaults=fields)
    if created:
        staff.set_password(password)
        staff.save(update_fields=["password"])
    staff.teams.set(teams)
    return staff


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, staff: Staff, name: str = "") -> tuple[ApiToken, str]:
    """Make a token for ``staff``; the secret is returned once and never stored."""
    if not staff.is_active:
        raise Forbidden(f"{staff.username} is not active; tokens are only for active staff.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        staff=staff, name=name, prefix=secret[: len(TOKEN_PREFIX) + 8], digest=_token_digest(secret)
    )
    audit_record(actor=staff, action="api_token.created", subject=token)
    return token, secret


@transaction.atomic
def token_revoke(*, prefix: str, actor: Staff | None = None) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(prefix=prefix).first()
    if token is None:
        raise NotFound(f"No API token starts with {prefix!r}.", field="prefix")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor or token.staff, action="api_token.revoked", subject=token)
    return token


def token_authenticate(*, secret: str) -> Staff | None:
    """The active staff member a bearer token belongs to, or None."""
    token = (
        ApiToken.objects.select_related("staff")
        .filter(digest=_token_digest(secret), revoked_at__isnull=True, staff__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # Touch at most once a minute, so busy integrations do not write on every call.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.staff


def idempotent_write(
    *, staff: Staff, key: str | None, request_body: bytes, write: Callable[[], tuple[int, Any]]
) -> tuple[int, Any]:
    """Run ``write`` once per Idempotency-Key; a retry returns the first status and body.

    The key row is inserted in the same transaction as the write, so a failed
    write leaves no key behind and a concurrent retry waits for the first.
    """
    if not key:
        return write()
    if len(key) > 255:
        raise InvalidInput(
            "Idempotency-Key is longer than 255 characters.", field="Idempotency-Key"
        )
    digest = hashlib.sha256(request_body).hexdigest()
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    staff=staff, key=key, request_digest=digest
                )
        except IntegrityError:
            return _idempotent_replay(staff=staff, key=key, digest=digest)
        status, body = write()
        record.status, record.response = status, body
        record.save(update_fields=["status", "response"])
        return status, body


def _idempotent_replay(*, staff: Staff, key: str, digest: str) -> tuple[int, Any]:
    record = IdempotencyRecord.objects.get(staff=staff, key=key)
    if record.request_digest != digest:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used for a different request.",
            field="Idempotency-Key",
        )
    if record.status is None:  # only a writer that never committed leaves this
        raise Conflict("The first request with this Idempotency-Key has not finished.")
    return record.status, record.response


def finished_tasks_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete background work that finished long enough ago; how many. Every webhook and
    reminder leaves a finished row in the queue's table, which would otherwise only grow."""
    now = now or timezone.now()
    finished = DBTaskResult.objects.filter(
        models.Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lt=now - FINISHED_TASKS_KEPT)
        | models.Q(status=TaskResultStatus.FAILED, finished_at__lt=now - FAILED_TASKS_KEPT)
    )
    deleted, _ = finished.delete()
    return deleted
