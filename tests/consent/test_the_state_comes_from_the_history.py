"""The current state of every channel and purpose is derived from the append-only history."""

from __future__ import annotations

import pytest

from consenting import GRANTED, WITHDRAWN, client_of, isabelle, record
from everthread.consent.models import ConsentEvent
from everthread.consent.selectors import consent_grid, consent_history, consent_state


def test_the_latest_choice_is_the_state_and_the_history_keeps_both(organisation) -> None:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")
    granted = record(charlotte, "email", "marketing", GRANTED, by=advisor, days_ago=10)
    withdrawn = record(charlotte, "email", "marketing", WITHDRAWN, by=advisor, days_ago=2)

    state = consent_state(customer_id=charlotte.pk, channel="email", purpose="marketing")

    assert state.state == "withdrawn"
    assert state.event == withdrawn
    assert consent_history(customer_id=charlotte.pk) == [granted, withdrawn]


def test_the_grid_shows_every_channel_and_purpose_never_asked_by_default(organisation) -> None:
    charlotte = client_of(None, "Charlotte", "Hale", "+447700900111")
    record(charlotte, "whatsapp", "marketing")

    grid = consent_grid(customer_id=charlotte.pk)

    assert [channel for channel, _ in grid] == [
        "Email",
        "SMS",
        "WhatsApp",
        "Phone call",
        "Post",
        "Social direct message",
    ]
    states = {(s.channel, s.purpose): s.state for _, row in grid for s in row}
    assert len(states) == 18
    assert states["whatsapp", "marketing"] == "granted"
    assert {state for key, state in states.items() if key != ("whatsapp", "marketing")} == {
        "never_asked"
    }


def test_recorded_events_are_never_edited_or_removed(organisation) -> None:
    charlotte = client_of(None, "Charlotte", "Hale", "+447700900111")
    event = record(charlotte, "email", "marketing")

    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        ConsentEvent.objects.filter(pk=event.pk).update(kind=WITHDRAWN)
    with pytest.raises(ValueError, match="append-only"):
        ConsentEvent.objects.filter(pk=event.pk).delete()
    assert ConsentEvent.objects.get(pk=event.pk).kind == GRANTED
