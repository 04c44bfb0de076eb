"""Story 4's people for coaching: Ruth (manager) observes Chloe's chat with Daniel."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from continuity import colleague, contact, continuity_rubric, customer, from_now
from everthread.coaching.models import Observation, Rubric
from everthread.coaching.services import (
    ObservationDraft,
    observation_record,
)
from everthread.conversations.models import Interaction
from everthread.core.models import Staff
from everthread.customers.models import Customer
from factories import ContactPointFactory

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
