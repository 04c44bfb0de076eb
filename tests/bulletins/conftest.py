"""Harlow & Finch's people as bulletins see them: two stores with their teams and managers,
the Leeds contact centre and the social team, and the head of customer experience."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from everthread.core.models import Staff, Store
from factories import StaffFactory, StoreFactory, TeamFactory


@dataclass
class People:
    manchester: Store
    leeds: Store
    tom: Staff  # associate, Manchester
    hannah: Staff  # manager, Manchester
    marcus: Staff  # associate, Leeds
    chloe: Staff  # agent, Leeds contact centre
    ellie: Staff  # agent, social team
    claire: Staff  # manager, head office


@pytest.fixture
def people(store, associate) -> People:
    leeds = StoreFactory(code="leeds-briggate", name="Leeds Briggate", city="Leeds")
    manchester_team = TeamFactory(
        code="manchester-store", name="Manchester store team", store=store
    )
    leeds_team = TeamFactory(code="leeds-store", name="Leeds store team", store=leeds)
    centre = TeamFactory(
        code="contact-centre-leeds", name="Leeds contact centre", kind="contact_centre"
    )
    social = TeamFactory(code="social", name="Social team", kind="contact_centre")
    head_office = TeamFactory(code="head-office", name="Head office", kind="head_office")

    def member(username: str, name: str, role: str, team, home=None) -> Staff:
        first, last = name.split(" ")
        staff = StaffFactory(
            username=username, first_name=first, last_name=last, role=role, home_store=home
        )
        staff.teams.add(team)
        return staff

    associate.teams.add(manchester_team)
    return People(
        manchester=store,
        leeds=leeds,
        tom=associate,
        hannah=member("hannah", "Hannah Price", "manager", manchester_team, store),
        marcus=member("marcus", "Marcus Bell", "associate", leeds_team, leeds),
        chloe=member("chloe", "Chloe Evans", "agent", centre),
        ellie=member("ellie", "Ellie Ward", "agent", social),
        claire=member("claire", "Claire Ashworth", "manager", head_office),
    )
