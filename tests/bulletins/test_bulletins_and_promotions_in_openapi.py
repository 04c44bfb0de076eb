"""Integrators find bulletins and the promotions calendar in the OpenAPI document."""

from __future__ import annotations

from django.test import Client


def test_the_openapi_document_lists_bulletins_and_promotions(signed_in: Client) -> None:
    paths = signed_in.get("/api/v1/openapi.json").json()["paths"]

    assert set(paths["/api/v1/bulletins"]) == {"get", "post"}
    assert set(paths["/api/v1/bulletins/{bulletin_id}"]) == {"get"}
    assert set(paths["/api/v1/bulletins/{bulletin_id}/acknowledge"]) == {"post"}
    assert set(paths["/api/v1/bulletins/{bulletin_id}/report"]) == {"get"}
    assert set(paths["/api/v1/promotions"]) == {"get", "post"}
    assert set(paths["/api/v1/promotions/{promotion_id}"]) == {"put"}
    listed = {p["name"] for p in paths["/api/v1/promotions"]["get"]["parameters"]}
    assert {"live", "channel", "cursor", "limit"} <= listed
