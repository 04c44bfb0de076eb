"""Look-alikes are scored and explained by the duplicate engine's learned weights, so
a colleague reads the same reasons in the recognise bar as on the duplicates page,
and a household member or a namesake is never offered above the person themself."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command

from everthread.customers.matching import CustomerRecord, find_duplicates
from everthread.customers.matching.comparisons import COMPARISONS, GIVEN_NAME
from everthread.customers.matching.synthetic import synthetic_base
from everthread.customers.matching.weights import WEIGHTS_FILE, weights_read
from everthread.customers.recognition import MIN_CANDIDATE_SCORE, Clues, recognise
from everthread.customers.services import customer_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def oseis(associate):
    """Amara, her husband Kwame at the same address, and another Amara Osei in Leeds."""

    def create(given: str, born: datetime.date, postcode: str):
        profile = {"given_name": given, "family_name": "Osei", "date_of_birth": born}
        return customer_create(actor=associate, profile={**profile, "postcode": postcode})

    return {
        "amara": create("Amara", datetime.date(1991, 3, 14), "M1 1AA"),
        "kwame": create("Kwame", datetime.date(1988, 7, 2), "M1 1AA"),
        "namesake": create("Amara", datetime.date(1979, 5, 30), "LS6 2AB"),
    }


def _offered(clues: Clues) -> list:
    return [candidate.customer for candidate in recognise(clues=clues, region="GB").candidates]


def test_the_person_ranks_above_a_namesake_with_the_reasons_in_words(oseis) -> None:
    recognition = recognise(clues=Clues(name="Amara Osei", postcode="M1 1AA"), region="GB")

    best, other = recognition.candidates
    assert (best.customer, other.customer) == (oseis["amara"], oseis["namesake"])
    assert best.reasons == ["same given name, surname and postcode"]
    assert other.reasons == ["same given name and surname", "postcode differs"]
    assert 1 >= best.score > other.score >= MIN_CANDIDATE_SCORE


def test_a_household_member_is_never_offered_above_the_person(oseis) -> None:
    offered = _offered(
        Clues(name="Amara Osei", date_of_birth=datetime.date(1991, 3, 14), postcode="M1 1AA")
    )

    assert offered[0] == oseis["amara"]
    assert oseis["kwame"] not in offered


def test_a_misspelt_surname_and_mistyped_birth_date_still_find_her(oseis) -> None:
    recognition = recognise(
        clues=Clues(name="Amara Osie", date_of_birth=datetime.date(1991, 3, 15)), region="GB"
    )

    best = recognition.candidates[0]
    assert best.customer == oseis["amara"]
    assert best.reasons == [
        "same given name",
        "surnames similar",
        "date of birth differs by one digit",
    ]


def test_a_weak_clue_suggests_nobody(oseis) -> None:
    assert _offered(Clues(name="A Osei")) == []  # an initial and a common surname
    assert _offered(Clues(postcode="M1 1AA")) == []  # a whole household lives there
    assert _offered(Clues(name="Zainab Osei")) == []  # another person of the family


def test_recognise_gives_the_reasons_dedupe_gives_for_the_same_two_people(oseis) -> None:
    typed = {"given_name": "Amara", "family_name": "Osei", "postcode": "M1 1AB"}
    born = datetime.date(1991, 3, 14)
    amara = oseis["amara"]
    known = CustomerRecord(
        id=amara.pk,
        given_name=amara.given_name,
        family_name=amara.family_name,
        date_of_birth=amara.date_of_birth,
        postcode=amara.postcode,
    )
    base = synthetic_base(800, seed=3).records
    pairs = find_duplicates([*base, known, CustomerRecord(id="typed", date_of_birth=born, **typed)])
    dedupe = next(
        pair for pair in pairs.pairs if {pair.left_id, pair.right_id} == {amara.pk, "typed"}
    )

    recognition = recognise(
        clues=Clues(name="Amara Osei", date_of_birth=born, postcode="M1 1AB"), region="GB"
    )

    assert recognition.candidates[0].customer == amara
    assert set(recognition.candidates[0].reasons) == set(dedupe.reasons)
    assert "postcode differs by one character" in dedupe.reasons


def test_the_packaged_weights_fit_the_engines_comparisons() -> None:
    assert weights_read() is not None, (
        "matching/learned_weights.json was learned for other comparisons: "
        "run `everthread match_weights` and commit the file"
    )


def test_match_weights_learns_one_person_from_a_generated_base(tmp_path) -> None:
    out = tmp_path / "weights.json"

    call_command("match_weights", people=1500, seed=4, out=out, stdout=io.StringIO())

    model = weights_read(out)
    given, same = COMPARISONS.index(GIVEN_NAME), GIVEN_NAME.level("same")
    assert model is not None
    assert model.m[given][same] > 0.5 > model.u[given][same]


def test_weights_learned_for_other_comparisons_are_not_applied(tmp_path) -> None:
    stored = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    stored["comparisons"][0]["levels"][-1] = "identical"
    other = tmp_path / "weights.json"
    other.write_text(json.dumps(stored), encoding="utf-8")

    assert weights_read(other) is None
    assert weights_read(tmp_path / "missing.json") is None
