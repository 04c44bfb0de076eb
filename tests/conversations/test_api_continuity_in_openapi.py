"""Integrators find every continuity endpoint in the OpenAPI document, under its tag with
a summary, and see that times carry their offset and duplicates answer 200."""

from __future__ import annotations

from django.test import Client

ENDPOINTS = {
    ("post", "/api/v1/customers/{customer_id}/interactions"): "timeline",
    ("get", "/api/v1/customers/{customer_id}/interactions/{interaction_id}"): "timeline",
    ("get", "/api/v1/customers/{customer_id}/timeline"): "timeline",
    ("get", "/api/v1/customers/{customer_id}/journeys"): "journeys",
    ("post", "/api/v1/customers/{customer_id}/journeys"): "journeys",
    ("get", "/api/v1/journeys/{journey_id}"): "journeys",
    ("patch", "/api/v1/journeys/{journey_id}"): "journeys",
    ("post", "/api/v1/customers/{customer_id}/notes"): "notes",
    ("get", "/api/v1/customers/{customer_id}/notes"): "notes",
    ("get", "/api/v1/notes/{note_id}"): "notes",
    ("put", "/api/v1/notes/{note_id}"): "notes",
    ("post", "/api/v1/customers/{customer_id}/followups"): "follow-ups",
    ("get", "/api/v1/followups"): "follow-ups",
    ("get", "/api/v1/followups/{followup_id}"): "follow-ups",
    ("post", "/api/v1/followups/{followup_id}/hand-over"): "follow-ups",
    ("post", "/api/v1/followups/{followup_id}/take"): "follow-ups",
    ("post", "/api/v1/followups/{followup_id}/complete"): "follow-ups",
    ("post", "/api/v1/followups/{followup_id}/cancel"): "follow-ups",
    ("get", "/api/v1/me/day"): "follow-ups",
}


def test_every_continuity_endpoint_is_documented_with_tag_and_summary(signed_in: Client) -> None:
    paths = signed_in.get("/api/v1/openapi.json").json()["paths"]

    for (method, path), tag in ENDPOINTS.items():
        operation = paths[path][method]
        assert operation["tags"] == [tag], (method, path)
        assert operation["summary"], (method, path)


def test_a_repeated_delivery_and_a_new_one_are_both_documented(signed_in: Client) -> None:
    paths = signed_in.get("/api/v1/openapi.json").json()["paths"]

    record = paths["/api/v1/customers/{customer_id}/interactions"]["post"]

    assert set(record["responses"]) >= {"200", "201"}
    assert "repeated delivery" in record["summary"]


def test_times_are_documented_with_their_offset(signed_in: Client) -> None:
    schemas = signed_in.get("/api/v1/openapi.json").json()["components"]["schemas"]

    due_at = schemas["FollowUpIn"]["properties"]["due_at"]

    assert due_at["format"] == "date-time"
    assert "offset" in due_at["description"]
