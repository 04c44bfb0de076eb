"""Harlow & Finch's coaching: the seed's behaviour rubric, Ruth's observations of Chloe's chat
with Daniel and Priya's styling session with Amara, two microlearning modules (one overdue)
and a mystery-shop form with visits to Leeds and Covent Garden."""

from __future__ import annotations

import datetime

from everthread.coaching.models import Behaviour, Module, MysteryShopForm, Observation, Rubric
from everthread.coaching.services import (
    CriterionDraft,
    ModuleDraft,
    MysteryQuestionDraft,
    ObservationDraft,
    QuestionDraft,
    RubricDraft,
    VisitDraft,
    module_assign,
    module_create,
    mystery_shop_form_create,
    mystery_shop_visit_record,
    observation_record,
    rubric_create,
)
from everthread.conversations.models import Interaction
from everthread.core.models import Channel
from everthread.demo.cast import Cast
from everthread.notes.models import Note

RUBRIC_SLUG = "continuity-behaviours"
# The seed's words for each behaviour: what "good" looks like in every channel.
CONTINUITY = RubricDraft(
    name="Continuity behaviours",
    description=(
        "Coach to quality, not just speed: the few behaviours that create continuity, "
        "the same in every channel."
    ),
    scale_max=4,
    criteria=(
        CriterionDraft(
            Behaviour.ACKNOWLEDGE_HISTORY,
            "Did we acknowledge history?",
            "Pick up the thread without the customer repeating themselves.",
        ),
        CriterionDraft(
            Behaviour.CONFIRM_NEEDS,
            "Confirm needs",
            "Discovery questions and active listening before suggesting anything.",
        ),
        CriterionDraft(
            Behaviour.SUMMARISE_NEXT_STEPS,
            "Summarise what has been agreed and what will happen next",
            "Did we confirm the next step, with its owner and when?",
        ),
        CriterionDraft(
            Behaviour.FOLLOW_THROUGH,
            "Did we follow through?",
            "Close the loop: the promise kept, by the colleague who owns it.",
        ),
        CriterionDraft(
            Behaviour.PERSONALISE,
            "Did we personalise appropriately?",
            "Keep the experience personal without being intrusive.",
        ),
        CriterionDraft(
            Behaviour.CHANNEL_TONE,
            "Channel-appropriate communication",
            "The same person-to-person service whether in the store, on the phone, using "
            "chat or receiving a Tweet.",
        ),
        CriterionDraft(
            Behaviour.CONSENT,
            "Consent respected",
            "When consent is needed, which channels are approved, how to handle opt-outs.",
        ),
    ),
)


def coaching_stories(cast: Cast) -> bool:
    """True if told now; a second run finds the rubric and adds nothing."""
    if Rubric.objects.filter(slug=RUBRIC_SLUG).exists():
        return False
    rubric = rubric_create(actor=cast.staff["grace"], draft=CONTINUITY, slug=RUBRIC_SLUG)
    _observations(cast, rubric)
    _modules(cast)
    _mystery_shop(cast)
    return True


def _interaction(key: str) -> Interaction | None:
    return Interaction.objects.filter(external_id=f"demo-{key}").first()


def _observations(cast: Cast, rubric: Rubric) -> None:
    ruth, chloe, priya = cast.staff["ruth"], cast.staff["chloe"], cast.staff["priya"]
    asked, answered = _interaction("hf-daniel-chat-1"), _interaction("hf-daniel-chat-2")
    if asked and answered and not Observation.objects.filter(observed=chloe).exists():
        observation_record(
            observer=ruth,
            draft=ObservationDraft(
                rubric_id=rubric.pk,
                observed_id=chloe.pk,
                interaction_ids=[asked.pk, answered.pk],
                note_ids=list(
                    Note.objects.filter(author=chloe, customer_id=asked.customer_id)
                    .order_by("pk")
                    .values_list("pk", flat=True)[:1]
                ),
                scores={
                    Behaviour.ACKNOWLEDGE_HISTORY: 4,
                    Behaviour.CONFIRM_NEEDS: 4,
                    Behaviour.SUMMARISE_NEXT_STEPS: 4,
                    Behaviour.PERSONALISE: 3,
                    Behaviour.CHANNEL_TONE: 3,
                },
                comment=(
                    "One narrative in one chat: order, item, reason and the size he wants, "
                    "and a clear promise for Leeds. Could open a little warmer."
                ),
            ),
        )
    video = _interaction("hf-amara-video")
    if video and not Observation.objects.filter(observed=priya).exists():
        observation_record(
            observer=ruth,
            draft=ObservationDraft(
                rubric_id=rubric.pk,
                observed_id=priya.pk,
                interaction_ids=[video.pk],
                scores={
                    Behaviour.CONFIRM_NEEDS: 4,
                    Behaviour.PERSONALISE: 4,
                    Behaviour.SUMMARISE_NEXT_STEPS: 3,
                    Behaviour.CONSENT: 3,
                },
                comment=(
                    "Sizes, fit, budget, occasion and colours all asked and recorded; three "
                    "looks that were hers. Say the Saturday hold back to her before closing."
                ),
            ),
        )


def _modules(cast: Cast) -> None:
    grace = cast.staff["grace"]
    if Module.objects.exists():
        return
    summarise = module_create(
        actor=grace,
        draft=ModuleDraft(
            title="Summarise the next step",
            behaviour=Behaviour.SUMMARISE_NEXT_STEPS,
            card=(
                "Before you close, say back what has been agreed and what will happen next: "
                "who does it, and by when. Write the same in the handover note, so the next "
                "colleague can continue without asking again."
            ),
            questions=(
                QuestionDraft(
                    "Which closing best summarises the next step?",
                    (
                        "Thanks, we'll be in touch.",
                        "Tom at Manchester will hold the emerald dress in 12 until Saturday "
                        "and call you on Friday to confirm.",
                        "Someone will sort it.",
                    ),
                    1,
                ),
                QuestionDraft(
                    "What does a handover note's next step need?",
                    ("An owner and a due time", "A smiley", "The customer's card number"),
                    0,
                ),
            ),
        ),
    )
    history = module_create(
        actor=grace,
        draft=ModuleDraft(
            title="Acknowledge the history first",
            behaviour=Behaviour.ACKNOWLEDGE_HISTORY,
            card=(
                "Read the thread so far before you reply. Open with what you already know "
                "(“I can see you chatted with Chloe about the boots yesterday”), so the "
                "customer never has to repeat themselves."
            ),
            questions=(
                QuestionDraft(
                    "Daniel arrives at Leeds about his boots. What do you say first?",
                    (
                        "What is your order number?",
                        "You're here for the EU 43 Chelsea boots Chloe arranged: they're ready.",
                    ),
                    1,
                ),
            ),
        ),
    )
    module_assign(
        actor=grace,
        module_id=summarise.pk,
        learner_ids=[cast.staff["tom"].pk],
        due_on=cast.today - datetime.timedelta(days=3),
    )
    module_assign(
        actor=grace,
        module_id=history.pk,
        team_id=cast.teams["leeds-store"].pk,
        due_on=cast.today + datetime.timedelta(days=10),
    )


def _mystery_shop(cast: Cast) -> None:
    if MysteryShopForm.objects.exists():
        return
    form = mystery_shop_form_create(
        actor=cast.staff["grace"],
        name="Cross-channel continuity visit",
        description="Start in one channel, continue in another: did you have to repeat yourself?",
        questions=(
            MysteryQuestionDraft(
                "Did the colleague know about your earlier contact without you repeating it?",
                "yes_no",
                Behaviour.ACKNOWLEDGE_HISTORY,
            ),
            MysteryQuestionDraft(
                "Did they confirm what you needed before suggesting anything?",
                "yes_no",
                Behaviour.CONFIRM_NEEDS,
            ),
            MysteryQuestionDraft(
                "How clearly did they summarise what happens next?",
                "scale",
                Behaviour.SUMMARISE_NEXT_STEPS,
            ),
            MysteryQuestionDraft(
                "How well did the tone suit the channel?", "scale", Behaviour.CHANNEL_TONE
            ),
            MysteryQuestionDraft("Anything else?", "text"),
        ),
    )
    first, confirm, summary, tone, notes = (q.pk for q in form.questions.all())
    visits = (
        ("leeds-briggate", Channel.IN_STORE, 6, "marcus", ("yes", "yes", 5, 4), "Knew my chat."),
        ("leeds-briggate", Channel.CHAT, 5, "chloe", ("yes", "yes", 4, 3), "Accurate but brief."),
        ("london-covent-garden", Channel.IN_STORE, 9, None, ("no", "yes", 3, 5), ""),
    )
    for store, channel, days, served, (a, b, c, d), text in visits:
        mystery_shop_visit_record(
            actor=cast.staff["grace"],
            draft=VisitDraft(
                form_id=form.pk,
                channel=channel,
                visited_on=cast.today - datetime.timedelta(days=days),
                store_id=cast.stores[store].pk,
                staff_id=cast.staff[served].pk if served else None,
                shopper="Harlow & Finch mystery shopper",
                answers={first: a, confirm: b, summary: c, tone: d, notes: text},
            ),
        )
