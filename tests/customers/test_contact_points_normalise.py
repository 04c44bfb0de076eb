"""However staff type a phone, email, handle or loyalty id, it becomes one stored key,
and a value that cannot be one says what is wrong with it."""

from __future__ import annotations

import pytest

from everthread.customers.contact_points import contact_point_display, contact_point_normalise
from everthread.customers.errors import InvalidContactPoint


@pytest.mark.parametrize(
    "typed",
    [
        "07700 900101",
        "07700900101",
        "+44 7700 900101",
        "+447700900101",
        "0044 7700 900101",
        "(07700) 900-101",
        "07700.900.101",
        "+44 (0)7700 900101",
        "  07700 900101  ",
    ],
)
def test_every_format_of_a_uk_mobile_is_one_number(typed: str) -> None:
    assert contact_point_normalise("phone", typed, region="GB") == "+447700900101"


def test_a_number_without_country_code_is_read_in_the_organisations_region() -> None:
    assert contact_point_normalise("phone", "(415) 555-2671", region="US") == "+14155552671"
    assert contact_point_normalise("phone", "+1 415 555 2671", region="GB") == "+14155552671"


def test_a_stored_phone_reads_in_international_format() -> None:
    assert contact_point_display("phone", "+447700900101") == "+44 7700 900101"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("+44 77", "it is too short"),
        ("+44 7700 9001011234", "it is too long"),
        ("+999 1234567", "the country code is not recognised"),
        ("07700 90010", "no such number exists (read as a GB number; add +country code"),
        ("not a number", "is not a phone number"),
    ],
)
def test_an_invalid_phone_says_what_is_wrong(typed: str, problem: str) -> None:
    with pytest.raises(InvalidContactPoint) as refused:
        contact_point_normalise("phone", typed, region="GB")
    assert refused.value.field == "phone"
    assert repr(typed) in refused.value.message
    assert problem in refused.value.message


@pytest.mark.parametrize(
    "typed", ["Amara.Osei@Example.COM", "amara.osei@example.com", "  AMARA.OSEI@EXAMPLE.COM "]
)
def test_emails_are_lower_cased(typed: str) -> None:
    assert contact_point_normalise("email", typed, region="GB") == "amara.osei@example.com"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("amara@", "There must be something after the @-sign"),
        ("amara osei@example.com", "invalid characters"),
        ("amara.example.com", "must have an @-sign"),
    ],
)
def test_an_invalid_email_says_what_is_wrong(typed: str, problem: str) -> None:
    with pytest.raises(InvalidContactPoint) as refused:
        contact_point_normalise("email", typed, region="GB")
    assert refused.value.field == "email"
    assert f"{typed!r} is not a valid email address" in refused.value.message
    assert problem in refused.value.message


@pytest.mark.parametrize(
    ("kind", "typed", "handle"),
    [
        ("x", "@Rosa_Alv", "rosa_alv"),
        ("x", "rosa_alv", "rosa_alv"),
        ("x", "https://x.com/Rosa_Alv", "rosa_alv"),
        ("x", "https://twitter.com/Rosa_Alv?lang=en", "rosa_alv"),
        ("instagram", "https://www.instagram.com/Rosa.Alv/", "rosa.alv"),
        ("instagram", "@rosa.alv", "rosa.alv"),
        ("facebook", "facebook.com/Rosa.Alvarez", "rosa.alvarez"),
        ("tiktok", "https://www.tiktok.com/@Rosa.Alv", "rosa.alv"),
    ],
)
def test_handles_lose_the_at_sign_case_and_profile_address(
    kind: str, typed: str, handle: str
) -> None:
    assert contact_point_normalise(kind, typed, region="GB") == handle


def test_a_stored_handle_reads_with_an_at_sign() -> None:
    assert contact_point_display("instagram", "rosa.alv") == "@rosa.alv"


@pytest.mark.parametrize(
    ("kind", "typed", "rule"),
    [
        ("x", "rosa.alv", "letters, digits and _ (up to 15)"),
        ("x", "rosa_alvarez_1990", "letters, digits and _ (up to 15)"),
        ("instagram", "rosa-alv", "letters, digits, . and _ (up to 30)"),
        ("facebook", "rosa", "letters, digits and . (5 to 50)"),
        ("tiktok", "@r", "letters, digits, . and _ (2 to 24)"),
    ],
)
def test_each_network_applies_its_own_handle_rule(kind: str, typed: str, rule: str) -> None:
    with pytest.raises(InvalidContactPoint) as refused:
        contact_point_normalise(kind, typed, region="GB")
    assert refused.value.field == kind
    assert repr(typed) in refused.value.message
    assert rule in refused.value.message


def test_the_same_handle_can_suit_one_network_and_not_another() -> None:
    assert contact_point_normalise("instagram", "rosa.alv", region="GB") == "rosa.alv"
    with pytest.raises(InvalidContactPoint):
        contact_point_normalise("x", "rosa.alv", region="GB")


@pytest.mark.parametrize("typed", ["HF-1234 5678", "hf12345678", " hf 1234-5678 "])
def test_loyalty_ids_lose_spaces_and_dashes_and_are_upper_cased(typed: str) -> None:
    assert contact_point_normalise("loyalty", typed, region="GB") == "HF12345678"


def test_an_invalid_loyalty_id_names_the_characters_allowed() -> None:
    with pytest.raises(InvalidContactPoint) as refused:
        contact_point_normalise("loyalty", "#1234", region="GB")
    assert refused.value.field == "loyalty"
    assert "'#1234' is not a valid loyalty ID" in refused.value.message
    assert "letters, digits and . _ : / -" in refused.value.message


def test_external_crm_ids_keep_their_case() -> None:
    assert contact_point_normalise("crm", "SF:003Abc", region="GB") == "SF:003Abc"


@pytest.mark.parametrize(("kind", "label"), [("phone", "phone"), ("loyalty", "loyalty ID")])
def test_an_empty_value_asks_for_one(kind: str, label: str) -> None:
    with pytest.raises(InvalidContactPoint) as refused:
        contact_point_normalise(kind, "   ", region="GB")
    assert refused.value.message == f"Enter the {label}."
    assert refused.value.field == kind


def test_an_unknown_kind_lists_the_kinds_there_are() -> None:
    with pytest.raises(InvalidContactPoint) as refused:
        contact_point_normalise("fax", "0161 496 0000", region="GB")
    assert refused.value.field == "kind"
    assert "'fax' is not a kind of contact point" in refused.value.message
    assert "email, phone, instagram, x, facebook, tiktok, loyalty, crm" in refused.value.message
