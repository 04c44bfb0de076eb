"""Each demo's brand voice and a handful of message templates, as SCENARIOS.md describes them."""

from __future__ import annotations

from everthread.message_templates.services import TemplateDraft, VoiceDraft

NEW_IN = "Hello {{ customer.first_name }},\n\n"
SIGNED = "\n\nWarm regards,\n{{ staff.first_name }}, {{ organisation.name }}"

VOICES: dict[str, VoiceDraft] = {
    # Warm, polished, no slang; at most one emoji on social and WhatsApp, never in email.
    "retail": VoiceDraft(
        formality="neutral",
        emoji_policy="sparingly",
        greetings=["Hello", "Hi", "Good morning", "Good afternoon"],
        sign_offs=["Warm regards", "With best wishes"],
        words_to_avoid=["cheap", "bargain", "no problem", "as per"],
    ),
    # Encouraging and plain-spoken, never pushy; no gym jargon.
    "fitness": VoiceDraft(
        formality="casual",
        emoji_policy="sparingly",
        greetings=["Hi", "Hey", "Welcome"],
        sign_offs=["See you soon", "Speak soon"],
        words_to_avoid=["no pain no gain", "beach body", "bikini body", "gains", "shred"],
    ),
    # Courteous and formal; every promise says who will do it and when.
    "hospitality": VoiceDraft(
        formality="formal",
        emoji_policy="sparingly",
        greetings=["Good morning", "Good afternoon", "Good evening", "Dear"],
        sign_offs=["Kind regards", "With warm regards"],
        words_to_avoid=["no worries", "unfortunately we cannot", "policy says"],
    ),
}

TEMPLATES: dict[str, list[TemplateDraft]] = {
    "retail": [
        TemplateDraft(
            name="New arrivals",
            channel="email",
            purpose="marketing",
            subject="New in for you, {{ customer.first_name }}",
            preheader="Picked for you by {{ staff.first_name }} at {{ store.name }}",
            body=NEW_IN + "A few new pieces have arrived at {{ store.name }} that made me "
            "think of you. I would be glad to put some aside for you to try." + SIGNED,
        ),
        TemplateDraft(
            name="New arrivals",
            channel="whatsapp",
            purpose="marketing",
            body="Hello {{ customer.first_name }}, new pieces have arrived at {{ store.name }} "
            "that I think you will love. Shall I put some aside for you? {{ staff.first_name }}",
            whatsapp_approved=True,
            provider_template_name="hf_new_arrivals_v1",
        ),
        TemplateDraft(
            name="Ready to collect",
            channel="sms",
            purpose="service",
            body="Hi {{ customer.first_name }}, your order is ready to collect at "
            "{{ store.name }}. See you soon, {{ staff.first_name }} at {{ organisation.name }}",
        ),
        TemplateDraft(
            name="Following up",
            channel="whatsapp",
            purpose="service",
            body="Hello {{ customer.first_name }}, following up on {{ journey.subject }}: "
            "{{ journey.where_it_stands }}. Reply here if I can help. {{ staff.first_name }}",
            whatsapp_approved=True,
            provider_template_name="hf_follow_up_v1",
        ),
        TemplateDraft(
            name="Appointment confirmed",
            channel="email",
            purpose="service",
            subject="Your appointment at {{ store.name }}",
            body=NEW_IN + "Thank you for booking with us. I look forward to seeing you at "
            "{{ store.name }}, {{ store.address }}; tell me if anything changes." + SIGNED,
        ),
    ],
    "fitness": [
        TemplateDraft(
            name="Family pass",
            channel="email",
            purpose="marketing",
            subject="The family pass, {{ customer.first_name }}",
            body="Hi {{ customer.first_name }},\n\nAs promised, here is the family pass: "
            "the kids' classes are included and you can try them on your visit to "
            "{{ store.name }}.\n\nSee you soon,\n{{ staff.first_name }}",
        ),
        TemplateDraft(
            name="Visit reminder",
            channel="sms",
            purpose="service",
            body="Hi {{ customer.first_name }}, looking forward to your visit to "
            "{{ store.name }}. Ask for {{ staff.first_name }} at the front desk.",
        ),
        TemplateDraft(
            name="After your visit",
            channel="whatsapp",
            purpose="service",
            body="Hi {{ customer.first_name }}, thanks for coming in to {{ store.name }}. "
            "Any questions about {{ journey.subject }}, just reply here. {{ staff.first_name }}",
            whatsapp_approved=True,
            provider_template_name="pulse_after_visit_v1",
        ),
    ],
    "hospitality": [
        TemplateDraft(
            name="Before your stay",
            channel="whatsapp",
            purpose="service",
            body="Good afternoon {{ customer.first_name }}, we look forward to welcoming you to "
            "{{ store.name }}. Reply here with any requests for your stay. "
            "{{ staff.first_name }}, guest team",
            whatsapp_approved=True,
            provider_template_name="marlow_pre_arrival_v1",
        ),
        TemplateDraft(
            name="Before your stay",
            channel="email",
            purpose="service",
            subject="Your stay at {{ store.name }}",
            preheader="Anything we can prepare before you arrive",
            body="Dear {{ customer.first_name }},\n\nWe look forward to welcoming you to "
            "{{ store.name }}. If there is anything we can prepare before you arrive, reply "
            "to this email and I will see to it.\n\nKind regards,\n{{ staff.full_name }}",
        ),
        TemplateDraft(
            name="Putting it right",
            channel="email",
            purpose="service",
            subject="I am sorry, {{ customer.first_name }}",
            body="Dear {{ customer.first_name }},\n\nI am sorry that we did not get "
            "{{ journey.subject }} right. {{ journey.where_it_stands }}.\n\nKind regards,\n"
            "{{ staff.full_name }}, {{ staff.job_title }}",
        ),
    ],
}
