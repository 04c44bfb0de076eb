"""Rosa saw the rainy-days offer on Instagram: the customer page and the composer show every
promotion live now in any channel, so the associate in store can honour it."""

from __future__ import annotations

from api_clients import client_of
from factories import CustomerFactory
from publishing import promote


def test_live_promotions_load_beside_the_customer_and_the_composer(people) -> None:
    promote(
        people.claire,
        "Rainy days on Instagram",
        days=(-1, 5),
        channels=("instagram", "x"),
        codes=("RAINY15",),
        eligibility="Full-price raincoats, one per customer.",
    )
    promote(people.claire, "Spring preview", days=(3, 6), channels=("email",))
    promote(people.claire, "Winter sale", days=(-9, -2), channels=("in_store",))
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    tom = client_of(people.tom)

    customer_page = tom.get(f"/customers/{rosa.pk}/").content.decode()
    composer = tom.get(f"/customers/{rosa.pk}/message/").content.decode()
    panel = tom.get("/promotions/live/").content.decode()

    assert 'hx-get="/promotions/live/"' in customer_page
    assert 'hx-get="/promotions/live/"' in composer
    assert "Rainy days on Instagram" in panel and "RAINY15" in panel
    assert "Full-price raincoats, one per customer." in panel
    assert "Spring preview" not in panel and "Winter sale" not in panel


def test_with_nothing_running_the_panel_says_so(people) -> None:
    promote(people.claire, "Spring preview", days=(3, 6), channels=("email",))
    panel = client_of(people.tom).get("/promotions/live/").content.decode()
    assert "No promotions are running now." in panel
