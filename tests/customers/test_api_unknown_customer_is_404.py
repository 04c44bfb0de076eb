"""Asking for a customer that does not exist is 404 customer_not_found, whatever the call."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.customers.models import ContactPoint


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/api/v1/customers/999999", None),
        ("patch", "/api/v1/customers/999999", {"family_name": "Osei"}),
        ("post", "/api/v1/customers/999999/contact-points", {"kind": "email", "value": "a@b.co"}),
        ("delete", "/api/v1/customers/999999/contact-points/1", None),
    ],
)
def test_an_unknown_customer_is_404(api: Client, method: str, path: str, body: object) -> None:
    call = getattr(api, method)
    response = call(path, body, content_type="application/json") if body else call(path)

    assert response.status_code == 404
    error = response.json()
    assert set(error) == {"code", "detail", "field"}
    assert error["code"] == "customer_not_found"
    assert error["field"] is None
    assert "999999" in error["detail"]
    assert not ContactPoint.objects.exists()
