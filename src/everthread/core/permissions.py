"""Who may open which page or call which API operation, declared on the view itself.

Every Django view and every ninja operation carries one declaration::

    @requires(Capability.VIEW_CUSTOMERS)       # signed in, with these capabilities
    @requires()                                 # any signed-in member of staff
    @public                                     # no sign-in (an unsubscribe link)

The same decorator works on both: it reads ``request.user``, which the session
middleware and the API's bearer authentication both set to the member of staff.
A refusal raises ``Forbidden``, which the API turns into ``{"code", "detail",
"field"}`` with 403 and the web middleware into an error page; it is recorded in
the audit log. ``tests/core/test_role_matrix.py`` walks every URL and operation
and fails for one without a declaration, so a new endpoint cannot forget it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import HttpRequest, HttpResponse
from ninja.operation import Operation
from ninja.utils import contribute_operation_callback

from everthread.core.errors import Forbidden
from everthread.core.models import Capability, Staff
from everthread.core.services import audit_record

View = TypeVar("View", bound=Callable[..., Any])

ACCESS_ATTRIBUTE = "everthread_access"


@dataclass(frozen=True)
class Access:
    """What a view declares it needs: sign-in, and every one of ``capabilities``."""

    capabilities: frozenset[str]
    public: bool = False

    def allows(self, staff: Staff | None) -> bool:
        if self.public:
            return True
        if staff is None or not staff.is_authenticated:
            return False
        return all(staff.can(capability) for capability in self.capabilities)


def requires(*capabilities: Capability) -> Callable[[View], View]:
    """Declare and enforce that only signed-in staff with every capability get in."""
    access = Access(capabilities=frozenset(capabilities))

    def declare(view: View) -> View:
        @functools.wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            staff = request.user
            if not staff.is_authenticated:
                # The API authenticates before the view runs, so only a page gets here.
                return redirect_to_login(request.get_full_path())
            staff = cast(Staff, staff)
            if not access.allows(staff):
                access_refuse(request=request, staff=staff, access=access, kwargs=kwargs)
            return view(request, *args, **kwargs)

        # ninja reads the parameters' types from the signature; resolved here, because our
        # module's globals are not the view's, which `from __future__ import annotations` needs.
        checked.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
        setattr(checked, ACCESS_ATTRIBUTE, access)
        contribute_operation_callback(checked, _guard_operation)
        return cast(View, checked)

    return declare


class _GuardedOperation(Operation):
    """An API operation that checks its declaration right after authentication.

    ninja validates the input before it calls the view, so without this a role refused
    an operation would first be told what is wrong with its request body.
    """

    def _run_checks(self, request: HttpRequest) -> HttpResponse | None:
        error = super()._run_checks(request)
        access = access_of(self.view_func)
        if error is not None or access is None or access.allows(request.auth):  # type: ignore[attr-defined]
            return error
        kwargs = request.resolver_match.kwargs if request.resolver_match else {}
        try:
            access_refuse(request=request, staff=request.auth, access=access, kwargs=kwargs)  # type: ignore[attr-defined]
        except Forbidden as refusal:
            return self.api.on_exception(request, refusal)
        return None


def _guard_operation(operation: Operation) -> None:
    # A class of our own survives ninja cloning the operation for each mount.
    if type(operation) is Operation:
        operation.__class__ = _GuardedOperation


def public(view: View) -> View:
    """Declare a view open without signing in: it must check what it is given itself."""
    setattr(view, ACCESS_ATTRIBUTE, Access(capabilities=frozenset(), public=True))
    return view


def access_of(view: Callable[..., Any]) -> Access | None:
    """The view's declaration, or None when it has none (which the role matrix test refuses)."""
    return getattr(view, ACCESS_ATTRIBUTE, None)


def access_refuse(
    *, request: HttpRequest, staff: Staff, access: Access, kwargs: dict[str, Any]
) -> None:
    """Record the refusal, then raise it: a look or an export tried without the right is news."""
    customer_id = str(kwargs.get("customer_id", ""))
    audit_record(
        actor=staff,
        action="access.refused",
        subject=staff,
        customer_id=int(customer_id) if customer_id.isdigit() else None,
        detail={
            "method": request.method,
            "path": request.path,
            "missing": sorted(c for c in access.capabilities if not staff.can(c)),
        },
    )
    raise Forbidden(f"Your role ({staff.get_role_display()}) does not allow this.")


def customer_read_record(*, viewer: Staff, subject: models.Model, customer_id: int) -> None:
    """A read of one customer's data (their note, journey, follow-up) is a view of them."""
    audit_record(
        actor=viewer,
        action="customer.viewed",
        subject=subject,
        customer_id=customer_id,
        detail={"read": subject._meta.label_lower},
    )
