"""Harlow & Finch's practice scenarios, from the stories: Daniel's chat a colleague must
continue (story 4), Rosa's raincoat asked on X and again in the chat (story 6), and
Amara's dress hold that was missed on Saturday morning (story 1, gone wrong)."""

from __future__ import annotations

import dataclasses

from everthread.coaching.models import PracticeScenario, Rubric
from everthread.coaching.practice.persona import Persona
from everthread.coaching.practice.services import ScenarioDraft, StepDraft, scenario_create
from everthread.demo.cast import Cast

DANIELS_CHAT = ScenarioDraft(
    title="Continue Daniel's chat about his boots",
    situation=(
        "Daniel Novak is back in the live chat about the boots from order HF-100482. Chloe "
        "Evans, who started the exchange, has gone home. Continue without making him repeat "
        "himself, and leave a handover note for the Leeds Briggate team."
    ),
    channel="chat",
    rubric_id=0,
    persona=Persona(
        given_name="Daniel",
        family_name="Novak",
        email="daniel.novak@example.com",
        preferred_channel="chat",
        preferences="Boots from order HF-100482 in EU 42 are a size too small.",
        consents={"email:service": "granted"},
    ),
    steps=(
        StepDraft(
            "inbound",
            "Hi, the boots from order HF-100482 are a size too small. Can I swap them?",
            channel="chat",
            minutes_before=40,
        ),
        StepDraft(
            "outbound",
            "Hello Daniel, I am sorry they do not fit. Which size would you like instead?",
            channel="chat",
            minutes_before=38,
            author="Chloe Evans",
        ),
        StepDraft(
            "inbound",
            "EU 43 please. I would rather collect them in Leeds.",
            channel="chat",
            minutes_before=2,
        ),
    ),
)

ROSAS_RAINCOAT = ScenarioDraft(
    title="Rosa's raincoat: the same warm voice in the chat",
    situation=(
        "Rosa Alvarez asked on X for a raincoat recommendation and the social team answered "
        "warmly. Now she is in the live chat asking whether the red toggle raincoat covers her "
        "legs. Answer in the same voice, and ask the Covent Garden team to try it on."
    ),
    channel="chat",
    rubric_id=0,
    persona=Persona(
        given_name="Rosa",
        family_name="Alvarez",
        email="rosa.alvarez@example.com",
        social="@rosa_alv",
        preferred_channel="x",
        preferences="Loves the red toggle raincoat; wants it to cover her legs.",
        consents={"email:service": "granted", "social_dm:service": "granted"},
    ),
    steps=(
        StepDraft(
            "inbound",
            "Any raincoat recommendations for a rainy city break?",
            channel="x",
            minutes_before=180,
        ),
        StepDraft(
            "outbound",
            "Cute — love the toggles! Our red toggle raincoat is a favourite.",
            channel="x",
            minutes_before=170,
            author="Social team",
        ),
        StepDraft(
            "inbound",
            "Does the red toggle raincoat cover my legs?",
            channel="chat",
            minutes_before=1,
        ),
    ),
)

AMARAS_DRESS = ScenarioDraft(
    title="Amara's dress: recover the missed hold",
    situation=(
        "Priya promised to hold the emerald wrap dress in UK 12 at Manchester until Saturday. "
        "The follow-up was missed: Amara came in at 10:00 and nobody knew. She has emailed. "
        "Apologise, offer what you can, and leave a note the next colleague can act on."
    ),
    channel="email",
    rubric_id=0,
    persona=Persona(
        given_name="Amara",
        family_name="Osei",
        email="amara.osei@example.com",
        phone="+44 7700 900101",
        preferred_channel="email",
        preferences=(
            "Dresses UK 12 (10 in some brands), tailored fit, £300–500, emerald and navy; "
            "her sister's wedding on 14 March."
        ),
        consents={"email:service": "granted", "email:marketing": "granted"},
    ),
    steps=(
        StepDraft(
            "note",
            "Virtual styling: three looks; emerald wrap dress in 12 to be held at Manchester "
            "until Saturday. Next step: Tom Reilly at Manchester, Saturday 10:00.",
            minutes_before=3 * 24 * 60,
            author="Priya Shah",
        ),
        StepDraft(
            "followup",
            "Hold the emerald wrap dress in 12 for Amara at Manchester",
            minutes_before=3 * 24 * 60,
            author="Tom Reilly",
            due_in_minutes=-120,
        ),
        StepDraft(
            "inbound",
            "I came in at 10 for the emerald dress and nobody knew anything about it.",
            channel="email",
            minutes_before=20,
        ),
    ),
)

SCENARIOS = (DANIELS_CHAT, ROSAS_RAINCOAT, AMARAS_DRESS)


def practice_stories(cast: Cast, *, rubric_slug: str) -> bool:
    """True if written now; a second run finds them and adds nothing."""
    rubric = Rubric.objects.filter(slug=rubric_slug, is_current=True).first()
    titles = {draft.title for draft in SCENARIOS}
    if rubric is None or PracticeScenario.objects.filter(title__in=titles).exists():
        return False
    for draft in SCENARIOS:
        scenario_create(
            actor=cast.staff["grace"],
            draft=dataclasses.replace(draft, rubric_id=rubric.pk),
        )
    return True
