"""Guesses and labels about health, pregnancy, religion, ethnicity, sexuality, gender
identity, immigration status, age and ability to pay are flagged so the author rewrites
them; a need the customer stated is service information, and product words never misfire."""

from __future__ import annotations

import pytest

from everthread.notes.assessment import Finding, NoteText, Quality, note_assess


def sensitive_findings(text: str) -> list[Finding]:
    return [f for f in note_assess(NoteText(body=text)).findings if f.quality == Quality.SENSITIVE]


@pytest.mark.parametrize(
    ("text", "rule", "quoted"),
    [
        ("She looks pregnant.", "assumes-pregnancy", "She looks pregnant"),
        ("Probably can't afford it.", "assumes-ability-to-pay", "Probably can't afford it"),
        ("Seems foreign.", "assumes-ethnicity", "Seems foreign"),
        ("He's obviously Muslim.", "assumes-religion", "He's obviously Muslim"),
        ("I think he's gay.", "assumes-sexuality", "I think he's gay"),
        (
            "I think she used to be a man.",
            "assumes-gender-identity",
            "I think she used to be a man",
        ),
        ("Probably an illegal.", "assumes-immigration", "Probably an illegal"),
        ("Seemed drunk at check-in.", "assumes-health", "Seemed drunk"),
        ("She looks about 70.", "assumes-age", "She looks about 70"),
        ("She looks Asian.", "assumes-ethnicity", "She looks Asian"),
        ("He's loaded, show him the top range.", "assumes-ability-to-pay", "He's loaded"),
    ],
)
def test_a_guess_or_a_label_is_flagged_with_its_words(text: str, rule: str, quoted: str) -> None:
    [finding] = sensitive_findings(text)

    assert (finding.rule, finding.excerpt) == (rule, quoted)
    assert finding.message.startswith(f"'{quoted}' is ")
    assert "leave it out" in finding.message or "write what they said" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "Asked for feather-free pillows (allergy).",
        "She uses a wheelchair and asked for a step-free fitting room.",
        "She told us she is pregnant and wants a looser fit.",
        "She told us she is Jewish, so we noted kosher meals for the stay.",
        "Asked for halal options at breakfast.",
        "Price is a worry for them.",
        "She said she can't afford more than £150.",
        "Guest is diabetic and asked for sugar-free options.",
        "He mentioned his husband will collect.",
        "Prefers to speak Polish.",
        "Prefers they/them; name is Sam.",
        "Member is 68 and asked about the over-60s classes.",
        "She is deaf and prefers text messages.",
    ],
)
def test_a_need_the_customer_stated_is_service_information(text: str) -> None:
    assert sensitive_findings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Wants the black wrap dress in a 12.",
        "Navy or French navy, no prints.",
        "Loved the Christian Louboutin heels.",
        "He's a black belt and wants sparring sessions.",
        "Black tie event on Saturday.",
        "Indian cotton kurta in blue.",
        "The collar looks Chinese-inspired.",
        "Wants a trans-seasonal jacket.",
        "The stitching looks poor on the left cuff.",
        "The card seems disabled, so she paid by phone.",
        "The trainers look old; offered a cleaning kit.",
        "Maternity jeans in a 12.",
        "Goal is fat loss before the wedding.",
        "Asked about the Pride collection and Black Friday.",
    ],
)
def test_product_words_do_not_misfire(text: str) -> None:
    assert sensitive_findings(text) == []


def test_a_guess_is_flagged_even_beside_something_the_customer_said() -> None:
    [finding] = sensitive_findings(
        "She said she's fine with the price but probably can't afford it."
    )

    assert finding.excerpt == "probably can't afford it"


def test_sensitive_findings_ask_for_a_rewrite_without_lowering_the_score() -> None:
    assessment = note_assess(
        NoteText(
            wants="A loose summer dress.",
            body="She looks pregnant.",
            next_step="Text her when the linen dresses arrive.",
            next_step_owner="Womenswear team",
        )
    )

    assert not assessment.passed(Quality.SENSITIVE)
    assert assessment.passed(Quality.RESPECTFUL)
    assert [f.quality for f in assessment.findings].count(Quality.SENSITIVE) == 1
