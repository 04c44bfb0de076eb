"""The typed REST API under /api/v1/: authentication, one error shape, every app's router."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from everthread.bulletins.api import router as bulletins_router
from everthread.coaching.api import router as coaching_router
from everthread.coaching.practice.api import router as practice_router
from everthread.commerce.api import appointments_router
from everthread.commerce.api import router as commerce_router
from everthread.consent.api import router as consent_router
from everthread.conversations.api import router as conversations_router
from everthread.core.api import router as core_router
from everthread.core.errors import DomainError
from everthread.core.models import Staff
from everthread.core.services import token_authenticate
from everthread.customers.api import recognise_router
from everthread.customers.api import router as customers_router
from everthread.customers.api import transfer_router as customers_transfer_router
from everthread.followups.api import router as followups_router
from everthread.insights.api import router as insights_router
from everthread.insights.repeats.api import router as repeats_router
from everthread.knowledge.api import router as knowledge_router
from everthread.message_templates.api import router as message_templates_router
from everthread.notes.api import router as notes_router
from everthread.outreach.api import router as outreach_router


class BearerToken(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Staff | None:
        staff = token_authenticate(secret=token)
        if staff is not None:
            request.user = staff
        return staff


api = NinjaAPI(
    title="Everthread API",
    version="1",
    description=(
        "Cross-channel clienteling. Authenticate with `Authorization: Bearer <token>` "
        "(`everthread token create USERNAME`) or a signed-in session. Errors are "
        '`{"code", "detail", "field"}`. POSTs accept an `Idempotency-Key` header: '
        "a retry with the same key returns the first answer."
    ),
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/", core_router)
api.add_router("/customers", customers_transfer_router)  # first: see its comment
api.add_router("/customers", customers_router)
api.add_router("/recognise", recognise_router)
api.add_router("/", conversations_router)
api.add_router("/", followups_router)
api.add_router("/", notes_router)
api.add_router("/", consent_router)
api.add_router("/", outreach_router)
api.add_router("/", message_templates_router)
api.add_router("/", commerce_router)
api.add_router("/", bulletins_router)
api.add_router("/", repeats_router)
api.add_router("/appointments", appointments_router)
api.add_router("/", knowledge_router)
api.add_router("/", coaching_router)
api.add_router("/", practice_router)
api.add_router("/", insights_router)


def _error(
    request: HttpRequest, status: int, code: str, detail: str, field: str | None = None
) -> HttpResponse:
    return api.create_response(
        request, {"code": code, "detail": detail, "field": field}, status=status
    )


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    return api.create_response(request, error.as_dict(), status=error.http_status)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    first = error.errors[0]
    # ninja puts where the value came from first ("body", "query", "path"); staff need the field.
    location = [
        str(part)
        for part in first.get("loc", ())
        if part not in ("body", "query", "path", "payload")
    ]
    field = ".".join(location) or None
    message = str(first.get("msg", "Invalid value")).removeprefix("Value error, ")
    detail = f"{field}: {message}" if field else message
    return _error(request, 422, "invalid", detail, field)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _error(
        request,
        401,
        "unauthenticated",
        "Send Authorization: Bearer <token> (everthread token create USERNAME) or sign in.",
    )


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "forbidden", str(error) or "You may not do this.")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "Not found.")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return _error(request, error.status_code, "error", str(error))
