"""The back office admits administrators only: the one role holding BACK_OFFICE."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.core.models import Capability, Role
from everthread.core.services import staff_upsert


@pytest.mark.parametrize("role", Role.values)
def test_only_the_role_with_the_back_office_gets_in(organisation, role: str) -> None:
    staff = staff_upsert(username=f"as-{role}", password="not-used", role=role)
    client = Client()
    client.force_login(staff)

    response = client.get("/admin/")

    if staff.can(Capability.BACK_OFFICE):
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert staff.can(Capability.BACK_OFFICE) is (role == Role.ADMIN)
