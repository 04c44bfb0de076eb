"""Integrators find every customer endpoint in the OpenAPI document, and signed-in
staff can read the interactive docs."""

from __future__ import annotations

from django.test import Client


def test_the_openapi_document_lists_the_customer_paths(signed_in: Client) -> None:
    response = signed_in.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert set(paths["/api/v1/customers"]) == {"get", "post"}
    assert set(paths["/api/v1/customers/{customer_id}"]) == {"get", "patch"}
    assert set(paths["/api/v1/customers/{customer_id}/contact-points"]) == {"post"}
    assert set(paths["/api/v1/customers/{customer_id}/contact-points/{contact_point_id}"]) == {
        "delete"
    }


def test_the_openapi_document_describes_bearer_tokens_and_the_error_shape(
    signed_in: Client,
) -> None:
    document = signed_in.get("/api/v1/openapi.json").json()

    assert document["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    assert '{"code", "detail", "field"}' in document["info"]["description"]
    assert "Idempotency-Key" in document["info"]["description"]


def test_the_docs_page_renders_for_a_signed_in_user(signed_in: Client) -> None:
    response = signed_in.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content
