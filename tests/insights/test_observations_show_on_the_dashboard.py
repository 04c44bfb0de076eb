"""An observation of a colleague's real contact counts on the continuity dashboard: the
behaviours table and chart show its scores (0-100 on the rubric's scale) for the period,
store, team, channel and person of the contact observed, within the viewer's reach."""

from __future__ import annotations

import pytest

from continuity import continuity_rubric
from everthread.coaching.models import Behaviour
from everthread.coaching.services import ObservationDraft, observation_record
from everthread.conversations.models import Interaction
from everthread.insights.scope import Scope
from everthread.insights.selectors import insights_dashboard
from everthread.insights.tables import dashboard_tables
from factories import StaffFactory
from insights.conftest import APRIL, MARCH, head_office_manager


@pytest.fixture
def observed(march):
    """On 5 March Chloe answered Amara's chat; Ruth scores it 4 of 4 for acknowledging
    history and 2 of 4 for confirming needs (0-100: 100 and 33.3)."""
    coach = StaffFactory(username="grace", role="coach")
    ruth = StaffFactory(username="ruth", first_name="Ruth", role="manager")
    ruth.teams.add(march.contact_centre)
    rubric = continuity_rubric(coach)
    chat = Interaction.objects.get(customer=march.amara, channel="chat", direction="inbound")
    observation_record(
        observer=ruth,
        draft=ObservationDraft(
            rubric_id=rubric.pk,
            observed_id=march.chloe.pk,
            interaction_ids=[chat.pk],
            scores={Behaviour.ACKNOWLEDGE_HISTORY: 4, Behaviour.CONFIRM_NEEDS: 2},
        ),
    )
    return ruth


def _rows(scope: Scope) -> dict[str, tuple[str, ...]]:
    table = dashboard_tables(insights_dashboard(scope=scope))["behaviours"]
    return {row[0]: row[1:] for row in table.rows}


def test_the_scores_show_for_the_month_person_and_channel(march, observed) -> None:
    expected = {
        "Acknowledge history": ("1", "100", "0", "no data", "100"),
        "Confirm needs": ("1", "33.3", "0", "no data", "33.3"),
    }
    assert _rows(MARCH) == expected
    assert _rows(Scope(MARCH.start, MARCH.end, staff_id=march.chloe.pk)) == expected
    assert _rows(Scope(MARCH.start, MARCH.end, channel="chat")) == expected
    assert _rows(Scope(MARCH.start, MARCH.end, staff_id=march.tom.pk)) == {}
    assert _rows(Scope(MARCH.start, MARCH.end, channel="email")) == {}
    assert _rows(APRIL) == {}


def test_the_page_draws_them_for_their_manager_not_for_another_stores(
    client, march, observed
) -> None:
    client.force_login(observed)
    page = client.get("/insights/?from=2026-03-01&to=2026-03-31").content.decode()
    assert 'data-chart="behaviours" data-bars="2"' in page
    assert "Acknowledge history: 100." in page

    hannah = StaffFactory(username="hannah", role="manager", home_store=march.store)
    client.force_login(hannah)
    page = client.get("/insights/?from=2026-03-01&to=2026-03-31").content.decode()
    assert 'data-chart="behaviours"' not in page  # Chloe's chat is not Manchester's
    assert "Acknowledge history" not in page


def test_the_behaviours_table_downloads_as_csv(client, march, observed) -> None:
    client.force_login(head_office_manager())
    response = client.get("/insights/behaviours.csv?from=2026-03-01&to=2026-03-31")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Behaviour,Scores observed,Observed")
    assert lines[1] == "Acknowledge history,1,100,0,no data,100"
