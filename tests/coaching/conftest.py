"""Story 4's people for coaching: Ruth (manager) observes Chloe's chat with Daniel."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from continuity import colleague, contact, continuity_rubric, customer, from_now
from everthread.coaching.models import Behaviour, Observation, PracticeScenario, Rubric
from everthread.coaching.practice.services import ScenarioDraft, StepDraft, scenario_create
from everthread.coaching.services import (
    CriterionDraft,
    ObservationDraft,
    RubricDraft,
    observation_record,
    rubric_create,
)
from everthread.conversations.models import Interaction
from everthread.core.models import Staff
from everthread.customers.models import Customer
from factories import ContactPointFactory
from practising import DANIEL

OUT = Interaction.Direction.OUTBOUND


@pytest.fixture
def chloe(organisation) -> Staff:
    return colleague("chloe", "Chloe Evans", role="agent")


@pytest.fixture
def ruth(organisation) -> Staff:
    return colleague("ruth", "Ruth Okafor", role="manager")


@pytest.fixture
def grace(organisation) -> Staff:
    return colleague("grace", "Grace Pym", role="coach")


@pytest.fixture
def daniel(organisation) -> Customer:
    novak = customer("Daniel", "Novak")
    ContactPointFactory(customer=novak, kind="email", value="daniel.novak@example.com")
    return novak


@pytest.fixture
def chat(daniel: Customer, chloe: Staff) -> Interaction:
    return contact(
        daniel,
        "chat",
        "Exchange agreed: Leeds Briggate will have the boots ready in EU 43",
        staff=chloe,
        direction=OUT,
        occurred_at=from_now(hours=-2),
    )


@pytest.fixture
def rubric(grace: Staff) -> Rubric:
    return continuity_rubric(grace)


@pytest.fixture
def observe(
    rubric: Rubric, ruth: Staff, chloe: Staff, chat: Interaction
) -> Callable[..., Observation]:
    """Ruth observes Chloe's chat on the rubric: ``observe({behaviour: score}, comment=...)``."""

    def record(scores: dict[str, int], *, comment: str = "") -> Observation:
        return observation_record(
            observer=ruth,
            draft=ObservationDraft(
                rubric_id=rubric.pk,
                observed_id=chloe.pk,
                interaction_ids=[chat.pk],
                scores=scores,
                comment=comment,
            ),
        )

    return record


@pytest.fixture
def tom(organisation) -> Staff:
    return colleague("tom", "Tom Reilly", role="associate")


@pytest.fixture
def marcus(organisation) -> Staff:
    return colleague("marcus", "Marcus Bell", role="associate")


@pytest.fixture
def every_behaviour(grace: Staff) -> Rubric:
    return rubric_create(
        actor=grace,
        draft=RubricDraft(
            name="Practice standard",
            scale_max=4,
            criteria=[CriterionDraft(b.value, b.label) for b in Behaviour],
        ),
    )


@pytest.fixture
def boots_chat(grace: Staff, every_behaviour: Rubric) -> PracticeScenario:
    """Story 4 as a role play: Daniel is in the chat about boots a size too small."""
    return scenario_create(
        actor=grace,
        draft=ScenarioDraft(
            title="Continue Daniel's chat",
            situation="Daniel is back in the chat and Chloe has gone home: continue for her.",
            channel="chat",
            rubric_id=every_behaviour.pk,
            persona=DANIEL,
            steps=[
                StepDraft(
                    "inbound",
                    "Hi, the boots from order HF-100482 are a size too small.",
                    channel="chat",
                    minutes_before=30,
                ),
                StepDraft(
                    "outbound",
                    "Thank you Daniel, I am sorry about that. Which size would you like?",
                    channel="chat",
                    minutes_before=28,
                    author="Chloe Evans",
                ),
                StepDraft("inbound", "EU 43 please.", channel="chat", minutes_before=5),
            ],
        ),
    )
