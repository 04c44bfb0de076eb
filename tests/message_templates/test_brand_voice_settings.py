"""A manager sets how the brand sounds, on its settings page or over the API; everyone signed
in may read it; a value that is not one of the choices is refused with the field."""

from __future__ import annotations

from api_clients import client_of
from everthread.core.models import AuditEvent
from everthread.message_templates.models import BrandVoice

HARLOW_AND_FINCH = {
    "formality": "neutral",
    "emoji_policy": "sparingly",
    "greetings": ["Hello", "Good morning"],
    "sign_offs": ["Warm regards"],
    "words_to_avoid": ["cheap", "no problem"],
}


def test_before_anyone_sets_it_the_voice_is_neutral_with_emoji_sparingly(coach) -> None:
    voice = client_of(coach).get("/api/v1/brand-voice").json()

    assert voice["formality"] == "neutral" and voice["emoji_policy"] == "sparingly"
    assert voice["greetings"] == [] and voice["updated_at"] is None


def test_a_manager_sets_the_voice_over_the_api(manager, associate) -> None:
    answer = client_of(manager).put(
        "/api/v1/brand-voice", HARLOW_AND_FINCH, content_type="application/json"
    )

    assert answer.status_code == 200
    voice = client_of(associate).get("/api/v1/brand-voice").json()
    assert {name: voice[name] for name in HARLOW_AND_FINCH} == HARLOW_AND_FINCH
    assert AuditEvent.objects.filter(action="brand_voice.changed", actor=manager).count() == 1


def test_a_value_off_the_list_is_refused_and_nothing_changes(manager) -> None:
    api = client_of(manager)
    api.put("/api/v1/brand-voice", HARLOW_AND_FINCH, content_type="application/json")

    answer = api.put(
        "/api/v1/brand-voice",
        {**HARLOW_AND_FINCH, "formality": "chummy"},
        content_type="application/json",
    )
    too_long = api.put(
        "/api/v1/brand-voice",
        {**HARLOW_AND_FINCH, "sign_offs": ["x" * 81]},
        content_type="application/json",
    )

    assert answer.status_code == 422 and answer.json()["field"] == "formality"
    assert too_long.status_code == 400 and too_long.json()["field"] == "sign_offs"
    assert BrandVoice.objects.get().sign_offs == ["Warm regards"]


def test_the_settings_page_saves_one_phrase_a_line(manager_signed_in) -> None:
    response = manager_signed_in.post(
        "/brand-voice/",
        {
            "formality": "formal",
            "emoji_policy": "never",
            "greetings": "Good morning\n\nGood afternoon\n",
            "sign_offs": "Kind regards",
            "words_to_avoid": "guys",
        },
        follow=True,
    )

    page = response.content.decode()
    assert "Brand voice saved" in page
    assert "Good morning\nGood afternoon" in page
    voice = BrandVoice.objects.get()
    assert voice.greetings == ["Good morning", "Good afternoon"]
    assert (voice.formality, voice.emoji_policy) == ("formal", "never")


def test_the_settings_page_refuses_a_choice_it_does_not_offer(manager_signed_in) -> None:
    page = manager_signed_in.post(
        "/brand-voice/", {"formality": "chummy", "emoji_policy": "never"}
    ).content.decode()

    assert "Select a valid choice." in page
    assert not BrandVoice.objects.exists()
