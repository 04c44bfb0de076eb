"""Every model that holds data about a customer says what a subject access export hands
over, what an erasure does with its rows and how long they are kept; the project refuses
to start while one does not."""

from __future__ import annotations

import pytest

from everthread.privacy import registry


def _errors() -> list[str]:
    return [
        message.msg
        for message in registry.models_without_personal_data_registration()
        if message.id == "everthread.E002"
    ]


def test_every_model_linked_to_a_customer_is_registered() -> None:
    assert _errors() == []


def test_the_models_known_to_hold_customer_data_are_all_covered() -> None:
    labels = {entry.label for entry in registry.personal_data()}

    assert {
        "customers.Customer",
        "customers.ContactPoint",
        "customers.CustomerMerge",
        "customers.DuplicatePair",
        "conversations.Interaction",
        "conversations.Journey",
        "conversations.TimelineEntry",
        "followups.FollowUp",
        "followups.Handover",
        "followups.Notice",
        "notes.Note",
        "core.AuditEvent",
    } <= labels


@pytest.mark.parametrize("label", ["notes.Note", "core.AuditEvent"])
def test_a_model_left_out_stops_the_checks(monkeypatch: pytest.MonkeyPatch, label: str) -> None:
    left_out = {key: entry for key, entry in registry._REGISTRY.items() if key != label}
    monkeypatch.setattr(registry, "_REGISTRY", left_out)

    assert _errors() == [
        f"{label} holds data about a customer but says nothing about subject access, "
        "erasure or retention."
    ]


def test_a_registration_that_keeps_rows_must_say_why() -> None:
    from everthread.notes.models import Note

    with pytest.raises(ValueError, match="say why"):
        registry.personal_data_register(Note, customer="customer", export=(), erase=None)
