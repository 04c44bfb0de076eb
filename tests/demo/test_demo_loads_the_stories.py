"""`everthread demo` loads the organisation the stories are told in, and never duplicates it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import CommandError

from everthread.core.models import Organisation, Staff, Store, Team
from everthread.customers.models import ContactPoint, Customer
from everthread.customers.selectors import customer_search

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "customers": Customer.objects.count(),
        "contact points": ContactPoint.objects.count(),
        "staff": Staff.objects.count(),
        "stores": Store.objects.count(),
    }


def test_harlow_and_finch_has_its_three_stores(demo: Callable[..., str]) -> None:
    demo()

    assert Organisation.objects.get().name == "Harlow & Finch"
    assert set(Store.objects.values_list("name", flat=True)) == {
        "London Covent Garden",
        "Manchester King Street",
        "Leeds Briggate",
    }


def test_amara_is_recognised_by_her_phone_in_another_format(demo: Callable[..., str]) -> None:
    demo()

    point = ContactPoint.objects.get(kind="phone", value="+447700900101")
    assert point.customer.full_name == "Amara Osei"
    assert customer_search(query="07700 900101", region="GB").items == [point.customer]
    preferences = point.customer.preferences
    assert preferences["sizes"] == [
        {"category": "Dresses", "size": "UK 12", "note": "10 in some brands"}
    ]
    assert preferences["important_dates"][0]["date"].endswith("-03-14")
    assert point.customer.home_store == Store.objects.get(name="Manchester King Street")


def test_isabelle_advises_her_three_clients(demo: Callable[..., str]) -> None:
    demo()

    isabelle = Staff.objects.get(username="isabelle")
    story_clients = {"Charlotte Hale", "Henry Adeyemi", "Sofia Marchetti"}
    assert story_clients <= {client.full_name for client in isabelle.clients.all()}
    assert isabelle.home_store == Store.objects.get(name="London Covent Garden")


def test_the_demo_prints_who_to_sign_in_as(demo: Callable[..., str]) -> None:
    output = demo()

    assert "everthread-demo" in output
    for username in ("admin", "priya", "tom", "chloe", "marcus", "isabelle"):
        assert f"  {username} " in output


def test_running_it_again_creates_and_changes_nothing(demo: Callable[..., str]) -> None:
    demo()
    before = counts()
    assert before["customers"] == 6 + 30  # the stories' customers and the generated ones
    amara = Customer.objects.get(contact_points__value="amara.osei@example.com")

    output = demo()

    assert counts() == before
    assert Customer.objects.get(pk=amara.pk).updated_at == amara.updated_at
    assert "customers     0 new" in output


def test_another_industry_on_the_same_database_is_refused(demo: Callable[..., str]) -> None:
    demo()
    before = counts()

    with pytest.raises(CommandError, match="already holds Harlow & Finch; use a fresh database"):
        demo(industry="fitness")

    assert Organisation.objects.get().name == "Harlow & Finch"
    assert counts() == before


def test_pulse_fitness_loads_with_jordan_and_the_sales_team(demo: Callable[..., str]) -> None:
    demo(industry="fitness")

    assert Organisation.objects.get().industry == "fitness"
    jordan = ContactPoint.objects.get(kind="email", value="jordan.blake@example.com").customer
    assert jordan.preferences["fitness_goals"]
    assert Staff.objects.get(username="sam").teams.get().kind == "sales"
    assert Staff.objects.get(username="leah").home_store == Store.objects.get(city="Bristol")


def test_marlow_hotels_loads_with_mei_lin_and_owen(demo: Callable[..., str]) -> None:
    demo(industry="hospitality")

    assert Organisation.objects.get().name == "Marlow Hotels"
    mei_lin = ContactPoint.objects.get(kind="phone", value="+447700900303").customer
    assert mei_lin.preferences["accessibility"] == ["feather-free pillows (allergy)"]
    assert mei_lin.home_store == Store.objects.get(name="The Marlow York")
    assert Staff.objects.get(username="owen").role == "manager"


@pytest.mark.parametrize(
    ("industry", "usernames"),
    [
        ("retail", ("priya", "tom", "claire")),
        ("fitness", ("sam", "leah", "zoe", "gemma")),
        ("hospitality", ("aisha", "ella", "owen", "imogen")),
    ],
)
def test_each_demo_prints_its_own_log_ins(
    demo: Callable[..., str], industry: str, usernames: tuple[str, ...]
) -> None:
    output = demo(industry=industry)

    assert "every password is everthread-demo" in output
    for username in usernames:
        assert f"  {username} " in output


@pytest.mark.parametrize("industry", ["retail", "fitness", "hospitality"])
def test_overdue_work_always_has_a_manager_to_go_to(
    demo: Callable[..., str], industry: str
) -> None:
    demo(industry=industry)

    assert not Team.objects.filter(manager__isnull=True).exists()
    # Only the head of the organisation answers to nobody.
    top = Staff.objects.filter(manager__isnull=True)
    assert top.count() == 1
    assert top.get().managed_teams.filter(code="head-office").exists()
