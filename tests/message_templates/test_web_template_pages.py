"""The template pages: a list with filters, an empty state and pages; an editor that shows
refusals against their field; a live preview for a real customer with segments and tone."""

from __future__ import annotations

from django.test import Client, override_settings

from everthread.message_templates.models import MessageTemplate
from factories import MessageTemplateFactory

FORM = {
    "name": "Wedding outfit ready",
    "channel": "sms",
    "purpose": "service",
    "language": "en-GB",
    "body": "Hi {{ customer.first_name }}, it's ready at {{ store.name }}. {{ staff.first_name }}",
}


def test_an_empty_list_says_how_templates_begin(manager_signed_in, signed_in) -> None:
    page = manager_signed_in.get("/templates/").content.decode()
    assert "No templates yet." in page and "Write the first one" in page

    associate_page = signed_in.get("/templates/").content.decode()
    assert "A manager writes them" in associate_page
    assert 'href="/templates/new/"' not in associate_page


@override_settings(PAGE_SIZE=2)
def test_the_list_filters_by_channel_and_pages(signed_in, associate) -> None:
    for name in ("Alpha", "Bravo", "Charlie"):
        MessageTemplateFactory(name=name, created_by=associate)
    MessageTemplateFactory(name="Delta", channel="email", subject="Hi", created_by=associate)

    first = signed_in.get("/templates/?channel=sms").content.decode()
    assert "Alpha" in first and "Bravo" in first and "Charlie" not in first and "Delta" not in first
    assert "Next page" in first
    cursor = first.split("cursor=")[1].split('"')[0]
    second = signed_in.get(f"/templates/?channel=sms&cursor={cursor}").content.decode()
    assert "Charlie" in second and "Alpha" not in second and "Next page" not in second
    assert (
        "No templates match these filters."
        in signed_in.get("/templates/?channel=whatsapp").content.decode()
    )


def test_a_manager_saves_a_template_from_the_editor(manager_signed_in) -> None:
    response = manager_signed_in.post("/templates/new/", FORM, follow=True)

    assert "Saved: Wedding outfit ready" in response.content.decode()
    assert MessageTemplate.objects.get().body == FORM["body"]


def test_the_editor_shows_a_misspelled_variable_against_the_message(manager_signed_in) -> None:
    page = manager_signed_in.post(
        "/templates/new/", {**FORM, "body": "Hi {{ customer.frist_name }}"}
    ).content.decode()

    assert "Did you mean {{ customer.first_name }}?" in page
    assert 'id="id_body_error"' in page
    assert not MessageTemplate.objects.exists()


def test_editing_and_deleting_a_template(manager_signed_in, manager) -> None:
    template = MessageTemplateFactory(name="Old name", created_by=manager)

    manager_signed_in.post(f"/templates/{template.pk}/", {**FORM, "name": "New name"})
    assert MessageTemplate.objects.get().name == "New name"
    page = manager_signed_in.post(f"/templates/{template.pk}/delete/", follow=True)
    assert "Deleted: New name" in page.content.decode()
    assert not MessageTemplate.objects.exists()


def test_the_live_preview_fills_in_a_real_customer_with_segments_and_tone(
    manager_signed_in: Client, amara
) -> None:
    part = manager_signed_in.post(
        "/templates/preview/", {**FORM, "preview_for": "Amara Osei"}
    ).content.decode()

    assert "As Amara Osei would receive it from you." in part
    assert "Hi Amara, it&#x27;s ready at Manchester King Street. Isabelle" in part
    assert "SMS: 1 segment (GSM-7" in part
    assert "Tone: nothing to change." in part


def test_the_live_preview_gives_tone_hints_and_refuses_an_unknown_variable(
    manager_signed_in: Client, amara
) -> None:
    robotic = manager_signed_in.post(
        "/templates/preview/", {**FORM, "body": "Kindly be advised that your order is ready."}
    ).content.decode()
    assert "sounds like a form letter" in robotic
    assert "Choose a customer to fill the variables." in robotic

    misspelled = manager_signed_in.post(
        "/templates/preview/", {**FORM, "body": "Hi {{ staff.frist_name }}"}
    ).content.decode()
    assert "Did you mean {{ staff.first_name }}?" in misspelled
